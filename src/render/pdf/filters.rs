//! The Tera filters that PDF templates use to put data into a description: `pdf` escapes
//! the XML specials and turns each newline into `<br/>`, so that a multi-line remark keeps
//! its lines; `break_before` breaks a label's line where the printed form breaks it (before its
//! first ` (`, say), which is geometry, not wording. Registered by the Tera set-up through
//! [`register_filters`].

use std::borrow::Cow;

use tera::{Kwargs, State, Tera, Value};

/// Registers the `pdf` and `break_before` filters on `tera`.
pub fn register_filters(tera: &mut Tera) {
    tera.register_filter("break_before", |value: &str, kwargs: Kwargs, _: &State| {
        let at: &str = kwargs.get("text").ok().flatten().unwrap_or(" (");
        Value::from(break_before(value, at))
    });
    // Marked safe, so that a template with autoescape on does not escape it twice.
    tera.register_filter("pdf", |value: &str, _: Kwargs, _: &State| {
        Value::safe_string(&escape(value))
    });
}

/// `value` with its first `at` replaced by a line break and `at` without its leading space
/// (`"Number of issued shares (excluding"` → `"Number of issued shares\n(excluding"`);
/// unchanged when `at` is not in it (a language whose label has no such place).
pub(crate) fn break_before(value: &str, at: &str) -> String {
    match value.find(at) {
        Some(i) => format!("{}\n{}", &value[..i], value[i..].trim_start()),
        None => value.to_owned(),
    }
}

/// Escapes `&`, `<`, `>`, `"` and `'`, and maps line ends to `<br/>`; most values (figures,
/// dates, names, nearly every label) have none of these and are returned as they are.
pub(crate) fn escape(value: &str) -> Cow<'_, str> {
    if !value
        .bytes()
        .any(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | b'\r' | b'\n'))
    {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len() + 8);
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("<br/>");
                }
            }
            '\n' => out.push_str("<br/>"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::register_filters;

    #[test]
    fn filter_escapes_and_keeps_line_breaks() {
        let mut tera = tera::Tera::new();
        register_filters(&mut tera);
        tera.add_raw_template("t", "<p>{{ v | pdf }}</p>")
            .expect("template");
        let mut cx = tera::Context::new();
        cx.insert("v", "A&B <Ltd> \"x\"\r\nline 2");
        let out = tera.render("t", &cx).expect("render");
        assert_eq!(out, "<p>A&amp;B &lt;Ltd&gt; &quot;x&quot;<br/>line 2</p>");
    }

    #[test]
    fn break_before_breaks_the_first_place_only() {
        let mut tera = tera::Tera::new();
        register_filters(&mut tera);
        tera.add_raw_template(
            "t",
            "{{ v | break_before | pdf }}|{{ v | break_before(text=\" (N\") | pdf }}",
        )
        .expect("template");
        let mut cx = tera::Context::new();
        cx.insert("v", "Stock code (if listed) (Note 1)");
        let out = tera.render("t", &cx).expect("render");
        assert_eq!(
            out,
            "Stock code<br/>(if listed) (Note 1)|Stock code (if listed)<br/>(Note 1)"
        );
        cx.insert("v", "已發行股份(不包括庫存股份)數目");
        assert_eq!(
            tera.render("t", &cx).expect("render"),
            "已發行股份(不包括庫存股份)數目|已發行股份(不包括庫存股份)數目"
        );
    }
}
