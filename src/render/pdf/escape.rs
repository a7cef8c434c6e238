//! The escaping of what a PDF template prints into its description (XML): a module of its own,
//! with nothing but the standard library, because the build script uses it too (to write the
//! built-in labels into the PDF templates as they would print, `src/render/templates/inline.rs`).

use std::borrow::Cow;

/// Escapes `&`, `<`, `>`, `"` and `'`, and maps line ends to `<br/>`; most values (figures,
/// dates, names, nearly every label) have none of these and are returned as they are. What lies
/// between the characters escaped is copied a run at a time.
pub(crate) fn escape(value: &str) -> Cow<'_, str> {
    let special = |b: &u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | b'\r' | b'\n');
    let bytes = value.as_bytes();
    let Some(first) = bytes.iter().position(special) else {
        return Cow::Borrowed(value);
    };
    let mut out = String::with_capacity(value.len() + 16);
    let mut copied = 0;
    for (i, b) in bytes.iter().enumerate().skip(first) {
        if !special(b) {
            continue;
        }
        // Each special character is ASCII: a run ends and the next starts on a boundary.
        out.push_str(&value[copied..i]);
        copied = i + 1;
        out.push_str(match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&apos;",
            // A CR LF is one line end: its LF makes the break.
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => "",
            _ => "<br/>",
        });
    }
    out.push_str(&value[copied..]);
    Cow::Owned(out)
}
