//! The text of a description as XML means it: references (`&amp;`, `&#160;`) replaced, line ends
//! normalized, and in attribute values whitespace turned into spaces, exactly as roxmltree does
//! it (the parser the reader replaced, kept by the tests as the reference). Only called for text
//! that has a `&` or a line end to rewrite; knows nothing of elements.

/// Content text `raw` as read: references replaced, `\r\n` and a lone `\r` made `\n`.
///
/// # Errors
/// The byte offset in `raw` of a malformed or unknown reference, and what is wrong with it.
pub(super) fn text(raw: &str) -> Result<String, (usize, String)> {
    let bytes = raw.as_bytes();
    let mut buf = Vec::with_capacity(raw.len());
    // A character from a reference is kept as is, and so is the byte after it (roxmltree's
    // rule, which lxml shares).
    let mut as_is = false;
    let mut i = 0;
    while let Some(&c) = bytes.get(i) {
        if c == b'&' {
            let (ch, len) = reference(&raw[i..]).map_err(|m| (i, m))?;
            buf.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
            as_is = true;
            i += len;
            continue;
        }
        i += 1;
        if as_is {
            buf.push(c);
            as_is = false;
        } else {
            push_text_byte(&mut buf, c, i == bytes.len());
        }
    }
    Ok(String::from_utf8(buf).expect("only ASCII bytes were replaced, by ASCII bytes"))
}

/// Attribute value `raw` as read: references replaced, each tab, line feed, carriage return
/// and `\r\n` made one space (the XML rule for attribute values); a reference's character kept.
///
/// # Errors
/// As [`text`].
pub(super) fn attribute(raw: &str) -> Result<String, (usize, String)> {
    let bytes = raw.as_bytes();
    let mut buf = Vec::with_capacity(raw.len());
    let mut i = 0;
    while let Some(&c) = bytes.get(i) {
        if c == b'&' {
            let (ch, len) = reference(&raw[i..]).map_err(|m| (i, m))?;
            buf.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
            i += len;
            continue;
        }
        i += 1;
        match c {
            b'\r' if bytes.get(i) == Some(&b'\n') => {}
            b'\t' | b'\n' | b'\r' => buf.push(b' '),
            _ => buf.push(c),
        }
    }
    Ok(String::from_utf8(buf).expect("only ASCII bytes were replaced, by ASCII bytes"))
}

/// Appends a byte of content text, making `\r\n` and a lone `\r` one `\n`.
fn push_text_byte(buf: &mut Vec<u8>, c: u8, at_end: bool) {
    if buf.last() == Some(&b'\r') {
        let last = buf.len() - 1;
        buf[last] = b'\n';
        if at_end && c == b'\r' {
            buf.push(b'\n');
        } else if c != b'\n' {
            buf.push(c);
        }
    } else if at_end && c == b'\r' {
        buf.push(b'\n');
    } else {
        buf.push(c);
    }
}

/// The character of the reference at the start of `s` (which starts with `&`) and the
/// reference's length: one of the five predefined entities or a numeric reference.
fn reference(s: &str) -> Result<(char, usize), String> {
    let bytes = s.as_bytes();
    let (ch, end) = if bytes.get(1) == Some(&b'#') {
        let (radix, from) = if bytes.get(2) == Some(&b'x') {
            (16, 3)
        } else {
            (10, 2)
        };
        let digits = bytes[from..]
            .iter()
            .take_while(|b| {
                if radix == 16 {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
            .count();
        let ch = u32::from_str_radix(&s[from..from + digits], radix)
            .ok()
            .map(|n| char::from_u32(n).unwrap_or('\u{FFFD}'))
            .filter(|&c| is_xml_char(c));
        (ch, from + digits)
    } else {
        let name = bytes[1..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':'))
            .count();
        let ch = match &s[1..=name] {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "" => None,
            other if bytes.get(1 + name) == Some(&b';') => {
                return Err(format!(
                    "unknown entity &{other};: write &amp; &lt; &gt; &quot; &apos; or &#...;"
                ));
            }
            _ => None,
        };
        (ch, 1 + name)
    };
    match ch {
        Some(ch) if bytes.get(end) == Some(&b';') => Ok((ch, end + 1)),
        _ => {
            let shown: String = s.chars().take(12).collect();
            Err(format!(
                "malformed reference {shown:?}: write &amp; for a lone &"
            ))
        }
    }
}

/// Whether XML allows `c` in a document (tab, line feed, carriage return and from space on,
/// but not U+FFFE or U+FFFF).
pub(super) fn is_xml_char(c: char) -> bool {
    if u32::from(c) < 0x20 {
        matches!(c, '\t' | '\n' | '\r')
    } else {
        !matches!(c, '\u{FFFE}' | '\u{FFFF}')
    }
}

#[cfg(test)]
mod tests {
    use super::{attribute, text};

    #[test]
    fn references_and_line_ends_read_as_roxmltree_reads_them() {
        for raw in [
            "a &amp; b",
            "&lt;&gt;&quot;&apos;",
            "x&#160;y&#xA0;z",
            "one\r\ntwo\rthree\r",
            "&#13;\n",
            "&amp;\r\n",
            "\r\r\n&#xD800;",
        ] {
            let xml = format!("<a b=\"{raw}\">{raw}</a>");
            let doc = roxmltree::Document::parse(&xml).expect("xml");
            let root = doc.root_element();
            assert_eq!(
                text(raw).as_deref(),
                Ok(root.text().unwrap_or("")),
                "{raw:?}"
            );
            assert_eq!(
                attribute(raw).as_deref(),
                Ok(root.attribute("b").unwrap_or("")),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn bad_references_are_refused_where_they_start() {
        for raw in [
            "a & b",
            "&nbsp;",
            "&#;",
            "&#0;",
            "&#xFFFE;",
            "&amp",
            "&#99999999999;",
        ] {
            let xml = format!("<a>{raw}</a>");
            assert!(roxmltree::Document::parse(&xml).is_err(), "{raw:?}");
            let (at, _) = text(raw).expect_err(raw);
            assert_eq!(&raw[at..=at], "&", "{raw:?}");
        }
    }
}
