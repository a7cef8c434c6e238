//! Line numbers of a description, for error messages and for the `line` every piece of text
//! carries. The starts of all lines are found once, so that a node's line is a binary search
//! rather than a count of the newlines before it (which made parsing quadratic in the length
//! of the description). Part of the description parser; knows nothing about XML.

/// The byte offsets at which the lines of a text start.
pub(crate) struct Lines {
    /// Offset of the first byte of each line after the first.
    starts: Vec<usize>,
}

impl Lines {
    /// Indexes `text`. Lines end at `\n`, as roxmltree counts them.
    pub(crate) fn new(text: &str) -> Self {
        Self {
            starts: text
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1)
                .collect(),
        }
    }

    /// The 1-based line of the byte at `pos`.
    pub(crate) fn at(&self, pos: usize) -> u32 {
        let line = self.starts.partition_point(|&start| start <= pos) + 1;
        u32::try_from(line).unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::Lines;

    #[test]
    fn agrees_with_roxmltree() {
        let text = "<a>\n  <b>x</b>\n\n<c/>\r\n</a>\n";
        let lines = Lines::new(text);
        let xml = roxmltree::Document::parse(text).expect("xml");
        for pos in 0..=text.len() {
            assert_eq!(lines.at(pos), xml.text_pos_at(pos).row, "at {pos}");
        }
    }
}
