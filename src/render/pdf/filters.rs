//! What PDF templates print goes into a description (XML), so Tera escapes every value a
//! `.pdf.tera` template prints: the XML specials, and each newline as `<br/>`, so that a
//! multi-line remark keeps its lines. Two filters: `pdf` does the same escaping explicitly (its
//! result is marked safe, so it is never escaped twice; templates written before the escaping
//! was automatic keep working), and `break_before` breaks a label's line where the printed form
//! breaks it (before its first ` (`, say), which is geometry, not wording. Set up on a Tera
//! instance by [`set_up`].

use std::io::Write;

use tera::{Kwargs, State, Tera, Value};

use super::escape::escape;

/// The template names whose printed values are escaped: the PDF templates.
const ESCAPED: &str = ".pdf.tera";

/// Sets `tera` up for PDF templates: every value a `.pdf.tera` template prints is escaped for
/// the description (`& < > " '` as entities, a line break as `<br/>`; text templates print values
/// as they are), and the `pdf` and `break_before` filters are registered. Call before adding
/// templates.
pub fn set_up(tera: &mut Tera) {
    tera.autoescape_on([ESCAPED]);
    tera.set_escape_fn(escape_to);
    tera.register_filter("break_before", |value: &str, kwargs: Kwargs, _: &State| {
        let at: &str = kwargs.get("text").ok().flatten().unwrap_or(" (");
        Value::from(break_before(value, at))
    });
    // Marked safe, so that the escaping of what the template prints leaves it as it is.
    tera.register_filter("pdf", |value: &str, _: Kwargs, _: &State| {
        Value::safe_string(&escape(value))
    });
}

/// Tera's escape function for PDF templates: `value` escaped as [`escape`] does, to `out`.
fn escape_to(value: &str, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(escape(value).as_bytes())
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

#[cfg(test)]
mod tests {
    use super::set_up;

    #[test]
    fn filter_escapes_and_keeps_line_breaks() {
        let mut tera = tera::Tera::new();
        set_up(&mut tera);
        tera.add_raw_template("t", "<p>{{ v | pdf }}</p>")
            .expect("template");
        let mut cx = tera::Context::new();
        cx.insert("v", "A&B <Ltd> \"x\"\r\nline 2");
        let out = tera.render("t", &cx).expect("render");
        assert_eq!(out, "<p>A&amp;B &lt;Ltd&gt; &quot;x&quot;<br/>line 2</p>");
    }

    #[test]
    fn pdf_templates_escape_what_they_print_once_and_text_templates_do_not() {
        let mut tera = tera::Tera::new();
        set_up(&mut tera);
        let body = "<p>{{ v }}|{{ v | pdf }}|{{ v | upper }}|{{ n }}</p>";
        tera.add_raw_templates([("a.pdf.tera", body), ("a.txt.tera", body)])
            .expect("templates");
        let mut cx = tera::Context::new();
        cx.insert("v", "A&B <Ltd>\nline 2");
        cx.insert("n", &12.5);
        let pdf = tera.render("a.pdf.tera", &cx).expect("render");
        let escaped = "A&amp;B &lt;Ltd&gt;<br/>line 2";
        let upper = "A&amp;B &lt;LTD&gt;<br/>LINE 2";
        assert_eq!(pdf, format!("<p>{escaped}|{escaped}|{upper}|12.5</p>"));
        let text = tera.render("a.txt.tera", &cx).expect("render");
        assert_eq!(
            text,
            format!("<p>A&B <Ltd>\nline 2|{escaped}|A&B <LTD>\nLINE 2|12.5</p>")
        );
    }

    #[test]
    fn each_character_to_escape_is_found_wherever_it_is() {
        use super::escape;
        for (c, escaped) in [
            ('&', "&amp;"),
            ('<', "&lt;"),
            ('>', "&gt;"),
            ('"', "&quot;"),
            ('\'', "&apos;"),
            ('\n', "<br/>"),
            ('\r', "<br/>"),
        ] {
            for before in [0, 1, 31, 32, 33, 100] {
                let value = format!("{}{c}é", "x".repeat(before));
                let expected = format!("{}{escaped}é", "x".repeat(before));
                assert_eq!(escape(&value), expected, "{c:?} after {before}");
            }
        }
        assert_eq!(
            escape("a\r\nb\rc\n\nd & \"e\" 中\r"),
            "a<br/>b<br/>c<br/><br/>d &amp; &quot;e&quot; 中<br/>"
        );
        let plain = "Number of issued shares (excluding treasury) 1,234,567.00 é 中";
        assert!(matches!(escape(plain), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn break_before_breaks_the_first_place_only() {
        let mut tera = tera::Tera::new();
        set_up(&mut tera);
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
