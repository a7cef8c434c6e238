//! Tests of the description parser: the typed tree of small descriptions, the errors and their
//! lines, and the fast reading of numbers (the XML reader's own tests are in `xml/tests.rs`).

use crate::render::pdf::doc::{Block, Body, Content, Inline};
use crate::render::pdf::error::PdfError;
use crate::render::pdf::parse::parse;

#[test]
fn parses_a_table_with_inherited_style() {
    let doc = parse(
        r#"<document size="8"><page><table widths="10 20" bold="true">
        <row header="true"><cell span="2" align="center">Head &amp; more</cell></row>
        <row><cell><check checked="true"/></cell><cell size="7" bold="false">x</cell></row>
        </table></page></document>"#,
    )
    .expect("valid");
    let Body::Blocks(blocks) = &doc.sections[0].body else {
        panic!("blocks expected")
    };
    let Block::Table(t) = &blocks[0] else {
        panic!("table expected")
    };
    assert_eq!(t.widths, vec![10.0, 20.0]);
    assert!(t.rows[0].header);
    let head = &t.rows[0].cells[0];
    assert!(head.style.bold);
    assert_eq!(head.style.size, 8.0);
    assert_eq!(
        head.content,
        Content::Text(vec![Inline::Text {
            text: "Head & more".into(),
            bold: true,
            line: 2
        }])
    );
    assert_eq!(
        t.rows[1].cells[0].content,
        Content::Check {
            checked: true,
            size: 10.0
        }
    );
    assert_eq!(t.rows[1].cells[1].style.size, 7.0);
}

#[test]
fn rejects_unknown_attributes_with_their_line() {
    let err = parse("<document>\n<page>\n<p colour=\"red\">x</p></page></document>");
    match err {
        Err(PdfError::Description { line, message }) => {
            assert_eq!(line, 3);
            assert!(message.contains("colour"), "{message}");
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn rejects_rows_that_do_not_span_the_table() {
    let err = parse(
        r#"<document><page><table widths="1 2"><row><cell/></row></table></page></document>"#,
    );
    assert!(
        matches!(err, Err(PdfError::Description { line: 1, .. })),
        "{err:?}"
    );
}

#[test]
fn numbers_read_as_the_standard_parser_reads_them() {
    let mut samples: Vec<String> = [
        "",
        "-",
        ".",
        "-.",
        "5.",
        ".5",
        "-0",
        "0",
        "+1",
        "1e3",
        "inf",
        "NaN",
        "1.2.3",
        "--1",
        "1,5",
        " 1",
        "12345678",
        "1234567.",
        "0.0000001",
        "0.00000001",
        "-9999999",
        "9999.999",
        "00000001",
        "16777217",
        "0.1",
        "0.3",
        "841.89",
        "595.276",
        "1.417",
        "-24.062",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    for n in (0..200_000).step_by(7) {
        let digits = n.to_string();
        for point in 0..=digits.len() {
            samples.push(format!("{}.{}", &digits[..point], &digits[point..]));
            samples.push(format!("-{}.{}", &digits[..point], &digits[point..]));
        }
        samples.push(digits);
    }
    for s in &samples {
        let ours = crate::render::pdf::parse::attrs::number(s).map(f32::to_bits);
        assert_eq!(ours, s.parse::<f32>().ok().map(f32::to_bits), "{s:?}");
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!(
        "<document><page>{}<p>x</p>{}</page></document>",
        "<keep>\n".repeat(100_000),
        "</keep>".repeat(100_000)
    );
    match parse(&deep) {
        Err(PdfError::Description { line, message }) => {
            assert_eq!(line, 255, "{message}");
            assert!(message.contains("nested more than 256"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let shallow = format!(
        "<document><page>{}<p>x</p>{}</page></document>",
        "<keep>".repeat(200),
        "</keep>".repeat(200)
    );
    assert!(parse(&shallow).is_ok());
}
