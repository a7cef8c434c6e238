//! The Tera filter that PDF templates use to put data into a description: `pdf` escapes
//! the XML specials and turns each newline into `<br/>`, so that a multi-line remark keeps
//! its lines. Registered by the text renderer's Tera set-up through [`register_filters`].

use tera::{Kwargs, State, Tera, Value};

/// Registers the `pdf` filter on `tera`.
pub fn register_filters(tera: &mut Tera) {
    // Marked safe, so that a template with autoescape on does not escape it twice.
    tera.register_filter("pdf", |value: &str, _: Kwargs, _: &State| {
        Value::safe_string(&escape(value))
    });
}

/// Escapes `&`, `<`, `>`, `"` and `'`, and maps line ends to `<br/>`.
pub(crate) fn escape(value: &str) -> String {
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
    out
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
}
