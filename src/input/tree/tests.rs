//! Tests of the YAML tree: scalars kept as written and located, duplicate keys, syntax errors,
//! alias bombs, deep nesting, a byte order mark and CRLF line ends.

use super::{Value, parse_stream};
use crate::diag::{Loc, Reporter};

fn one(text: &str) -> (Option<Vec<super::Node>>, Vec<crate::diag::Diagnostic>) {
    let mut report = Reporter::new("t.yaml");
    let docs = parse_stream(text, &mut report);
    (docs, report.finish().sorted())
}

#[test]
fn scalars_keep_their_text_and_location() {
    let (docs, diags) = one("a: 0.10\nb: '02121'\nc:\n");
    assert!(diags.is_empty(), "{diags:?}");
    let docs = docs.expect("parsed");
    let Value::Map(entries) = &docs[0].value else {
        panic!("not a map")
    };
    assert_eq!(entries[0].0.text, "a");
    assert_eq!(
        entries[0].1.value,
        Value::Scalar {
            text: "0.10".into(),
            plain: true
        }
    );
    assert_eq!(entries[0].1.loc, Loc::new(1, 4));
    assert_eq!(
        entries[1].1.value,
        Value::Scalar {
            text: "02121".into(),
            plain: false
        }
    );
    assert_eq!(entries[2].1.value, Value::Null);
}

#[test]
fn duplicate_keys_are_reported_at_the_second() {
    let (docs, diags) = one("a: 1\nb: 2\na: 3\n");
    assert!(docs.is_none());
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].loc, Loc::new(3, 1));
    assert!(diags[0].message.contains("duplicate key `a`"));
}

#[test]
fn syntax_errors_carry_a_line() {
    let (docs, diags) = one("a: [1, 2\nb: 3\n");
    assert!(docs.is_none());
    assert!(diags[0].message.starts_with("YAML syntax"), "{diags:?}");
    assert!(diags[0].loc.line >= 1);
}

#[test]
fn alias_bombs_stop_early() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        text.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let (docs, diags) = one(&text);
    assert!(docs.is_none());
    assert!(
        diags[0].message.contains("expands to more than"),
        "{diags:?}"
    );
}

#[test]
fn deep_nesting_is_refused() {
    let text = "[".repeat(100_000);
    let (docs, diags) = one(&text);
    assert!(docs.is_none());
    assert!(!diags.is_empty());
}

#[test]
fn byte_order_mark_and_crlf_are_accepted() {
    let (docs, diags) = one("\u{feff}a: 1\r\nb: 2\r\n");
    assert!(diags.is_empty(), "{diags:?}");
    let docs = docs.expect("parsed");
    let Value::Map(entries) = &docs[0].value else {
        panic!("not a map")
    };
    assert_eq!(entries[1].0.loc, Loc::new(2, 1));
}
