//! The labels of one wording written into a template as the text it prints: shared with the
//! build script (`src/build.rs`), which writes each built-in wording's labels into the built-in
//! templates once, so that a render compiles text where the template asked for a label.
//!
//! `{{ labels.cls_type }}` is a tag that Tera must lex, parse, compile and run in every process;
//! written in as "Type of shares" it is content. Of the 1.2.0 PDF templates' 610 tags, 164 print
//! a label so: written in, one Moon PDF in a fresh process takes 11.22 million instructions
//! instead of 11.80 and touches 531 pages instead of 560, 0.575 of the filed binary's time
//! instead of 0.610 (binaries copied afresh, 400 runs each in turn).
//!
//! What is written in prints exactly what the tag printed, or the tag is left as it is. A tag is
//! written in only in the form `{{ labels.<id> }}` (no filter, no whitespace control), only where
//! Tera would read it as a tag (not in a comment or a string), in no template holding a `raw`
//! block, and only when the text (escaped as the template's output is) cannot change how Tera
//! reads what surrounds it: it is not empty, neither starts nor ends with whitespace (a
//! neighbouring tag's `-` trims the content the text joins as far as the first non-space), and
//! holds no `{`, so it starts no tag.

use std::borrow::Cow;
use std::collections::BTreeMap;

/// How a template prints a value: escaped for a PDF template, [`as_it_is`] in a text template.
pub(crate) type Print = fn(&str) -> Cow<'_, str>;

/// A value as a text template prints it.
pub(crate) fn as_it_is(value: &str) -> Cow<'_, str> {
    Cow::Borrowed(value)
}

/// `source` with each label tag it can be written in for replaced by its text, `print`ed as the
/// template prints a value (escaped for a PDF template, as it is for text); `None` when nothing
/// was written in, or when `source` is not one this reads to the end (an unclosed tag or
/// comment, a `raw` block): Tera then reads the template as it was written.
pub(crate) fn inline_labels(
    source: &str,
    labels: &BTreeMap<String, String>,
    print: Print,
) -> Option<String> {
    let mut out = String::new();
    let mut copied = 0;
    let mut at = 0;
    while let Some(start) = next_marker(source, at) {
        let end = match source.as_bytes()[start + 1] {
            b'#' => start + 2 + source[start + 2..].find("#}")? + 2,
            b'%' if opens_raw(&source[start + 2..]) => return None,
            closing => tag_end(source, start + 2, if closing == b'{' { b'}' } else { b'%' })?,
        };
        if let Some(id) = label_tag(&source[start..end])
            && let Some(text) = labels.get(id).map(|t| print(t))
            && writable(&text)
        {
            out.push_str(&source[copied..start]);
            out.push_str(&text);
            copied = end;
        }
        at = end;
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&source[copied..]);
    Some(out)
}

/// Where the next tag, output or comment at or after `from` starts (its `{`).
pub(super) fn next_marker(source: &str, from: usize) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut i = from;
    while let Some(k) = source.get(i..)?.find('{') {
        let at = i + k;
        if matches!(bytes.get(at + 1), Some(b'{' | b'%' | b'#')) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// Whether the block tag whose text follows its `{%` is `raw`.
pub(super) fn opens_raw(after: &str) -> bool {
    let words = after.trim_start_matches('-').trim_start();
    words
        .strip_prefix("raw")
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_whitespace() || c == '-' || c == '%'))
}

/// Where the tag whose text starts at `from` ends: just after its `}}` (`closing` `}`) or `%}`
/// (`closing` `%`), read as Tera reads it, a closing inside a quoted string not being one.
pub(super) fn tag_end(source: &str, from: usize, closing: u8) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut i = from;
    while i + 1 < bytes.len() {
        match bytes[i] {
            quote @ (b'"' | b'\'' | b'`') => {
                i += 1;
                while *bytes.get(i)? != quote {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b if b == closing && bytes[i + 1] == b'}' => return Some(i + 2),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The label id of an output tag of the form `{{ labels.<id> }}`.
fn label_tag(tag: &str) -> Option<&str> {
    let id = tag.strip_prefix("{{ labels.")?.strip_suffix(" }}")?;
    let mut chars = id.chars();
    let first = chars.next()?;
    ((first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_'))
    .then_some(id)
}

/// Whether `text` can stand as content where its tag stood and be read back as the same text.
/// Without a `{` it starts no tag, even after a `{` of the content before it (the tag would
/// then have been found a character earlier, as `{{{`, which is no label tag).
fn writable(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with(char::is_whitespace)
        && !text.ends_with(char::is_whitespace)
        && !text.contains('{')
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;
    use std::collections::BTreeMap;

    use super::{Print, as_it_is, inline_labels};

    fn labels() -> BTreeMap<String, String> {
        [
            ("title", "Monthly Return"),
            ("amp", "A & B"),
            ("brace", "Page {page}"),
            ("spaced", " Total "),
            ("empty", ""),
            ("percent", "% held"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
    }

    fn amp(s: &str) -> Cow<'_, str> {
        Cow::Owned(s.replace('&', "&amp;"))
    }

    #[test]
    fn a_label_tag_becomes_its_text_as_the_template_prints_it() {
        let source = "<p>{{ labels.title }}</p><p>{{ labels.amp }}</p>";
        assert_eq!(
            inline_labels(source, &labels(), as_it_is).as_deref(),
            Some("<p>Monthly Return</p><p>A & B</p>")
        );
        assert_eq!(
            inline_labels(source, &labels(), amp).as_deref(),
            Some("<p>Monthly Return</p><p>A &amp; B</p>")
        );
    }

    #[test]
    fn only_the_plain_form_of_a_known_label_is_written_in() {
        for source in [
            "{{ labels.missing }}",
            "{{- labels.title }}",
            "{{ labels.title -}}",
            "{{ labels.title | upper }}",
            "{{labels.title}}",
            "{{ labels.title.x }}",
            "{{ other.title }}",
            "{% if labels.title %}x{% endif %}",
        ] {
            assert_eq!(inline_labels(source, &labels(), as_it_is), None, "{source}");
        }
    }

    #[test]
    fn a_text_that_would_change_how_tera_reads_its_neighbours_stays_a_tag() {
        for source in [
            "{{ labels.brace }}",
            "{{ labels.spaced }}",
            "{{ labels.empty }}",
            "{{{ labels.percent }}",
        ] {
            assert_eq!(inline_labels(source, &labels(), as_it_is), None, "{source}");
        }
        // A `%` or `#` starts no tag without a `{` before it.
        assert_eq!(
            inline_labels("x {{ labels.percent }}", &labels(), as_it_is).as_deref(),
            Some("x % held")
        );
    }

    #[test]
    fn what_tera_reads_as_no_tag_is_left_alone() {
        // A comment, a string inside a tag, a raw block.
        for source in [
            "{# {{ labels.title }} #}",
            r#"{{ "{{ labels.title }}" }}"#,
            r#"{% set x = '{{ labels.title }}' %}"#,
            "{% raw %}{{ labels.title }}{% endraw %}",
            "{{ labels.title }}{%- raw -%}x{% endraw %}",
        ] {
            assert_eq!(inline_labels(source, &labels(), as_it_is), None, "{source}");
        }
        assert_eq!(
            inline_labels(
                r#"{% set x = "a%}b" %}{{ labels.title }}{# c #}"#,
                &labels(),
                as_it_is
            )
            .as_deref(),
            Some(r#"{% set x = "a%}b" %}Monthly Return{# c #}"#)
        );
    }

    #[test]
    fn an_unclosed_tag_leaves_the_template_to_tera() {
        for source in [
            "{{ labels.title }}{{ x",
            "{{ labels.title }}{# x",
            "{% if \"x }}",
        ] {
            assert_eq!(inline_labels(source, &labels(), as_it_is), None, "{source}");
        }
    }

    /// A template piece: text with the characters Tera reads specially, a label tag in its
    /// forms, an output, a comment, a string holding a closing, a raw block.
    fn piece() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        // No unknown label: the template would not render either way (a unit test above
        // checks that its tag stays).
        let label = prop::sample::select(vec!["a", "b", "c", "d", "e", "f", "g", "h", "i"]);
        prop_oneof![
            3 => prop::sample::select(vec![
                "x", " ", "\n", "{", "}", "%", "#", "-", "{ {", "}}", "<p>", "&", "  \n  "
            ])
            .prop_map(str::to_owned),
            4 => label.clone().prop_map(|l| format!("{{{{ labels.{l} }}}}")),
            1 => label.clone().prop_map(|l| format!("{{{{- labels.{l} }}}}")),
            1 => label.clone().prop_map(|l| format!("{{{{ labels.{l} -}}}}")),
            1 => label.prop_map(|l| format!("{{{{ labels.{l} | upper }}}}")),
            1 => prop::sample::select(vec![
                "{# c #}", "{#- c -#}", "{# {{ labels.a }} #}", "{{ \"}}\" }}",
                "{% set s = \"%}\" %}", "{{ t }}", "{%- if t -%}x{%- endif -%}",
            ])
            .prop_map(str::to_owned),
        ]
    }

    /// A piece, or pieces in an `if` block whose tags trim or not.
    fn segment() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let trim = || prop::sample::select(vec!["", "-"]);
        prop_oneof![
            3 => piece(),
            1 => (trim(), trim(), proptest::collection::vec(piece(), 0..6), trim(), trim())
                .prop_map(|(a, b, body, c, d)| {
                    format!("{{%{a} if t {b}%}}{}{{%{c} endif {d}%}}", body.concat())
                }),
        ]
    }

    /// Whatever the template, Tera prints the same from it with the labels written in as from
    /// it as written, in a PDF template (escaped) and in a text template. 512 templates from a
    /// fixed seed; most of them compile and are compared.
    #[test]
    fn tera_prints_the_same_with_the_labels_written_in() {
        use proptest::prelude::*;
        let labels: BTreeMap<String, String> = [
            ("a", "Total"),
            ("b", " lead"),
            ("c", "trail "),
            ("d", ""),
            ("e", "{x}"),
            ("f", "A & B\nline 2"),
            ("g", "% #"),
            ("h", "{{ t }}"),
            ("i", "x {"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let mut runner = super::super::seeded_runner();
        let (compared, written_in) = (std::cell::Cell::new(0), std::cell::Cell::new(0));
        let templates = (proptest::collection::vec(segment(), 0..16), any::<bool>());
        let result = runner.run(&templates, |(segments, t)| {
            let source: String = segments.concat();
            let mut context = tera::Context::new();
            context.insert("labels", &labels);
            context.insert("t", &t);
            let kinds: [(&str, Print); 2] = [
                ("t.pdf.tera", crate::render::pdf::escape),
                ("t.txt.tera", as_it_is),
            ];
            for (name, print) in kinds {
                let render = |source: &str| {
                    let mut tera = tera::Tera::new();
                    crate::render::pdf::set_up(&mut tera);
                    tera.add_raw_template(name, source).ok()?;
                    tera.render(name, &context).ok()
                };
                let Some(printed) = render(&source) else {
                    continue;
                };
                compared.set(compared.get() + 1);
                if let Some(inlined) = inline_labels(&source, &labels, print) {
                    written_in.set(written_in.get() + 1);
                    prop_assert_eq!(
                        render(&inlined),
                        Some(printed),
                        "{:?} -> {:?}",
                        source,
                        inlined
                    );
                }
            }
            Ok(())
        });
        if let Err(e) = result {
            panic!("{e}");
        }
        // Of 1,024 renders (512 templates, two kinds), most compile and have labels written in.
        assert!(
            compared.get() > 600,
            "{} {}",
            compared.get(),
            written_in.get()
        );
        assert!(written_in.get() > 300, "{}", written_in.get());
    }
}
