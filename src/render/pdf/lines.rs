//! Line numbers of a description for error messages. The reader counts lines as it moves on
//! (the `line` of every element and text); a problem found in the middle of a tag is placed
//! by counting the newlines before it, once, when the error is made. Part of the description
//! parser; knows nothing about XML.

/// The 1-based line of the byte at `pos` of `text` (lines end at `\n`, as roxmltree counts
/// them); the last line for a position past the end.
pub(crate) fn line_at(text: &str, pos: usize) -> u32 {
    let before = text.as_bytes().get(..pos).unwrap_or(text.as_bytes());
    let newlines = before.iter().filter(|&&b| b == b'\n').count();
    u32::try_from(newlines + 1).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::line_at;

    #[test]
    fn agrees_with_roxmltree() {
        let text = "<a>\n  <b>x</b>\n\n<c/>\r\n</a>\n";
        let xml = roxmltree::Document::parse(text).expect("xml");
        for pos in 0..=text.len() {
            assert_eq!(line_at(text, pos), xml.text_pos_at(pos).row, "at {pos}");
        }
    }
}
