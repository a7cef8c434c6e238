//! The reader against roxmltree (the parser it replaced): every description the built-in
//! templates give for the examples and the valid fixtures, in every layout and language, reads
//! as the same elements, attributes, texts and lines; hand-written XML inside the subset reads
//! the same too, and malformed XML is an error in both.

use crate::render::pdf::error::PdfError;
use crate::render::pdf::parse::xml::{Event, Reader};
use crate::render::templates::Templates;

/// One step of a walk through the XML, as both readers see it.
#[derive(Debug, PartialEq)]
enum Step {
    /// An element: name, attributes, line.
    Open(String, Vec<(String, String)>, u32),
    /// A text and its line.
    Text(String, u32),
    /// A comment or processing instruction.
    Other,
    /// An element's end.
    Close,
}

/// The walk as the reader reads it.
fn ours(text: &str) -> Result<Vec<Step>, PdfError> {
    let mut r = Reader::new(text);
    let root = r.root()?;
    let mut steps = vec![open(&root)];
    while r.depth() > 0 {
        steps.push(match r.next()? {
            Event::Open(tag) => open(&tag),
            Event::Text(t, line) => Step::Text(t.into_owned(), line),
            Event::Other => Step::Other,
            Event::Close => Step::Close,
        });
    }
    r.finish()?;
    Ok(steps)
}

/// The step of a start tag.
fn open(tag: &super::Tag<'_>) -> Step {
    let attrs = tag.attrs.iter();
    Step::Open(
        tag.name.to_owned(),
        attrs
            .map(|(n, v)| ((*n).to_owned(), v.to_string()))
            .collect(),
        tag.line,
    )
}

/// The walk as roxmltree reads it.
fn theirs(text: &str) -> Result<Vec<Step>, roxmltree::Error> {
    let doc = roxmltree::Document::parse(text)?;
    let mut steps = Vec::new();
    walk(&doc, doc.root_element(), &mut steps);
    Ok(steps)
}

/// Appends the steps of `node` and everything in it.
fn walk(doc: &roxmltree::Document<'_>, node: roxmltree::Node<'_, '_>, steps: &mut Vec<Step>) {
    let line = doc.text_pos_at(node.range().start).row;
    if node.is_element() {
        let attrs = node.attributes();
        let attrs = attrs.map(|a| (a.name().to_owned(), a.value().to_owned()));
        steps.push(Step::Open(
            node.tag_name().name().to_owned(),
            attrs.collect(),
            line,
        ));
        for child in node.children() {
            walk(doc, child, steps);
        }
        steps.push(Step::Close);
    } else if let Some(text) = node.text().filter(|_| node.is_text()) {
        steps.push(Step::Text(text.to_owned(), line));
    } else {
        steps.push(Step::Other);
    }
}

/// The descriptions of the examples and the valid fixtures in every layout and language the
/// built-in templates word.
pub(crate) fn descriptions() -> Vec<(String, String)> {
    let templates = Templates::built_in().expect("templates");
    crate::render::templates::worded_returns(true)
        .into_iter()
        .map(|(name, filing, lang)| {
            let wording = templates
                .pdf_wording(filing.layout, lang.tag())
                .expect("worded");
            let view = crate::render::view::view_in(&filing, &wording);
            let text = crate::render::pdf::description(&view, &templates).expect("renders");
            (name, text)
        })
        .collect()
}

#[test]
fn every_built_in_description_reads_as_roxmltree_reads_it() {
    let all = descriptions();
    assert!(all.len() >= 60, "{}", all.len());
    for (name, text) in &all {
        let theirs = theirs(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let ours = ours(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(ours.len(), theirs.len(), "{name}");
        for (i, (a, b)) in ours.iter().zip(&theirs).enumerate() {
            assert_eq!(a, b, "{name}, step {i}");
        }
    }
}

#[test]
fn cut_short_descriptions_are_errors_in_both() {
    let all = descriptions();
    for (name, text) in all.iter().step_by(7) {
        for cut in (1..20).map(|i| text.len() * i / 20) {
            let Some(short) = text.get(..cut) else {
                continue;
            };
            assert!(theirs(short).is_err(), "{name} cut at {cut}");
            assert!(ours(short).is_err(), "{name} cut at {cut}");
        }
    }
}

#[test]
fn the_subset_reads_as_roxmltree_reads_it() {
    for text in [
        "<a/>",
        "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a x='1' y = \"2\"\t/>\n",
        "<!-- c --><?pi data?>\n<a>one<!-- two -->three<?x?>four</a><!-- after -->\n",
        "<a>\r\n x &amp; &lt;b&gt; &quot;&apos; &#65;&#x42;&#160;\r</a>",
        "<a v=\"line\nbreak\ttab\r\nend &#10;&amp;\" w='\"'>x</a  >",
        "<a><b><c/></b>\n<d\n e=\"1\"\n/>text ]] > here</a>",
        "<a>é 中文 \u{A0}</a>",
    ] {
        let theirs = theirs(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert_eq!(ours(text).expect(text), theirs, "{text:?}");
    }
}

#[test]
fn malformed_xml_is_an_error_in_both() {
    for text in [
        "",
        "   ",
        "text",
        "<a>",
        "<a></b>",
        "<a></a><b/>",
        "<a></a>text",
        "<a x=1/>",
        "<a x=\"1\" x=\"2\"/>",
        "<a x=\"1\"y=\"2\"/>",
        "<a x=\"<\"/>",
        "<a x=\"1/>",
        "<a>&nbsp;</a>",
        "<a>& b</a>",
        "<a>&#0;</a>",
        "<a>]]></a>",
        "<a>\u{1}</a>",
        "<a>\u{FFFE}</a>",
        "<a><!-- a -- b --></a>",
        "<a><!-- a ---></a>",
        "<a><!-- open</a>",
        "<a><?pi open</a>",
        "<a><?xml version=\"1.0\"?></a>",
        "<1a/>",
        "< a/>",
        "<a/ >",
        "</a>",
        "<a></a ",
    ] {
        assert!(theirs(text).is_err(), "{text:?}");
        assert!(ours(text).is_err(), "{text:?}");
    }
}

#[test]
fn outside_the_subset_is_an_error_naming_its_line() {
    for (text, line) in [
        ("<!DOCTYPE a>\n<a/>", 1),
        ("<a>\n<![CDATA[x]]></a>", 2),
        ("<a>\n\n<x:b xmlns:x=\"u\"/></a>", 3),
        ("<a>\n<é/></a>", 2),
    ] {
        match ours(text) {
            Err(PdfError::Description { line: l, .. }) => assert_eq!(l, line, "{text:?}"),
            other => panic!("{text:?}: {other:?}"),
        }
    }
}

#[test]
fn errors_name_the_line_of_the_fault() {
    for (text, line) in [
        ("<a>\n<b>\n</c>\n</a>", 3),
        ("<a>\n\n x &bad; y</a>", 3),
        ("<a\n x=\"1\"\n x=\"2\"/>", 3),
        ("<a/>\n\ntext", 3),
    ] {
        match ours(text) {
            Err(PdfError::Description { line: l, .. }) => assert_eq!(l, line, "{text:?}"),
            other => panic!("{text:?}: {other:?}"),
        }
        let theirs = theirs(text).expect_err(text);
        assert_eq!(theirs.pos().row, line, "roxmltree on {text:?}");
    }
    // roxmltree names line 1 for an unclosed element; the reader names the end.
    match ours("<a>\n<b>\n") {
        Err(PdfError::Description { line: 3, message }) => {
            assert_eq!(message, "<b> of line 2 is not closed");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn randomly_edited_descriptions_read_as_roxmltree_reads_them() {
    // A fixed xorshift sequence: the same edits on every run.
    let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = |below: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        usize::try_from(seed % u64::try_from(below).expect("small")).expect("small")
    };
    let specials = [
        "<", ">", "&", "\"", "'", "/", "=", ";", "#", "\n", "\r", "!", "?", "-", " ",
    ];
    let all = descriptions();
    let mut errors = 0;
    for (name, text) in all.iter().step_by(5) {
        for _ in 0..60 {
            let mut edited = text.clone();
            for _ in 0..=next(3) {
                let at = next(edited.len());
                if !edited.is_char_boundary(at) {
                    continue;
                }
                match next(3) {
                    0 => edited.insert_str(at, specials[next(specials.len())]),
                    1 => {
                        let end = (at + 1 + next(8)).min(edited.len());
                        if edited.is_char_boundary(end) {
                            edited.replace_range(at..end, "");
                        }
                    }
                    _ => {
                        let end = (at + 1 + next(40)).min(edited.len());
                        if edited.is_char_boundary(end) {
                            let piece = edited[at..end].to_owned();
                            edited.insert_str(at, &piece);
                        }
                    }
                }
            }
            let theirs = theirs(&edited);
            match (ours(&edited), &theirs) {
                (Ok(a), Ok(b)) => assert_eq!(&a, b, "{name}: {edited}"),
                (Err(_), Err(_)) => errors += 1,
                (a, b) => panic!("{name}: ours {a:?}, roxmltree {b:?} on\n{edited}"),
            }
            // The whole parser never panics on it either.
            let _ = crate::render::pdf::parse::parse(&edited);
        }
    }
    assert!(errors > 100, "{errors}");
}
