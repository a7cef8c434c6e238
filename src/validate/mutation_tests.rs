//! Every figure of both examples is tied to another by the form's arithmetic: changing any one
//! of them makes validation fail at the location of a figure involved. The one figure that
//! nothing else states is listed with its reason.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::diag::{Loc, Reporter, Severity};
use crate::input::Source;
use crate::input::tree::{Node, Value, parse_stream};
use crate::validate::build;

/// Keys whose values look like numbers but are not figures.
const NOT_FIGURES: &[&str] = &["stock_code", "version", "printed_version"];

/// A figure: where its scalar stands, the key it is under and its text.
struct Figure {
    loc: Loc,
    key: String,
    text: String,
}

fn is_number(text: &str) -> bool {
    let body = text.strip_prefix('-').unwrap_or(text);
    !body.is_empty()
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && body.chars().filter(|c| *c == '.').count() <= 1
}

fn figures(node: &Node, key: &str, out: &mut Vec<Figure>) {
    match &node.value {
        Value::Scalar { text, .. } if is_number(text) && !NOT_FIGURES.contains(&key) => {
            out.push(Figure {
                loc: node.loc,
                key: key.to_owned(),
                text: text.clone(),
            });
        }
        Value::Seq(items) => items.iter().for_each(|i| figures(i, key, out)),
        Value::Map(entries) => entries.iter().for_each(|(k, v)| figures(v, &k.text, out)),
        _ => {}
    }
}

/// The figure one unit larger in its last place: `5` → `6`, `0.01` → `0.02`.
fn bump(text: &str) -> String {
    let plain = text.replace(',', "");
    let d = Decimal::from_str(&plain).expect("a figure is a decimal");
    let step = Decimal::new(1, d.scale());
    let mut next = d + step;
    next.rescale(d.scale());
    next.to_string()
}

/// The untied figures of `file`, as (key, line); panics if a mutation fails elsewhere than at a
/// figure.
fn untied(file: &str) -> Vec<(String, u32)> {
    let text = std::fs::read_to_string(file).expect("example readable");
    let mut report = Reporter::new(file);
    let docs = parse_stream(&text, &mut report).expect("example parses");
    let mut found = Vec::new();
    figures(&docs[0], "", &mut found);
    assert!(found.len() >= 8, "{file}: only {} figures", found.len());
    let places: Vec<Loc> = found.iter().map(|f| f.loc).collect();
    let mut loose = Vec::new();
    for f in &found {
        let lines: Vec<&str> = text.split('\n').collect();
        let index = usize::try_from(f.loc.line).expect("small") - 1;
        let line = lines[index];
        let from = line
            .char_indices()
            .nth(usize::try_from(f.loc.column).expect("small") - 1)
            .map_or(0, |(i, _)| i);
        let at = from + line[from..].find(&f.text).expect("figure text on its line");
        let mutated_line = format!(
            "{}{}{}",
            &line[..at],
            bump(&f.text),
            &line[at + f.text.len()..]
        );
        let mut mutated: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
        mutated[index] = mutated_line;
        let source = Source {
            name: file.to_owned(),
            bytes: mutated.join("\n").into_bytes(),
        };
        match build(&source) {
            Ok(_) => loose.push((f.key.clone(), f.loc.line)),
            Err(diags) => {
                let errors: Vec<_> = diags
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .collect();
                assert!(
                    errors.iter().any(|d| places.contains(&d.loc)),
                    "{file}:{}: changing `{}` gave errors at no figure: {errors:#?}",
                    f.loc.line,
                    f.text
                );
            }
        }
    }
    loose
}

#[test]
fn every_figure_of_the_current_example_is_tied() {
    assert_eq!(
        untied("examples/ff301-2026-01-moon-inc.yaml"),
        Vec::<(String, u32)>::new()
    );
}

#[test]
fn every_figure_of_the_seed_but_the_pending_cancellation_is_tied() {
    // The shares repurchased but not yet cancelled move nothing else on the form: Part II is
    // unchanged until they are cancelled, and "Total E" counts only shares issued.
    let loose = untied("examples/ff301-2022-11-qingdao-ainnovation.yaml");
    assert_eq!(loose, vec![("pending_cancellation".to_owned(), 39)]);
}

#[test]
fn every_figure_of_the_fixtures_is_tied_or_known_to_be_free() {
    let loose = untied("tests/fixtures/valid-1.2.0-every-table/input.yaml");
    let keys: Vec<&str> = loose.iter().map(|(k, _)| k.as_str()).collect();
    // Free by the form's own logic: prices at which shares moved, options' remaining capacity
    // and shares which may be issued under warrants or arrangements (stated, not derived), and
    // the pending cancellation (not a movement). Shares which may be issued under options are
    // tied to the options outstanding at close.
    let free = [
        "shares_which_may_be_issued",
        "remaining_capacity",
        "amount",
        "pending_cancellation",
    ];
    assert!(keys.iter().all(|k| free.contains(k)), "{loose:?}");
    assert!(loose.len() <= 10, "{loose:?}");
}

#[test]
fn bump_keeps_the_places() {
    assert_eq!(bump("5"), "6");
    assert_eq!(bump("0.01"), "0.02");
    assert_eq!(bump("0.000003125"), "0.000003126");
    assert_eq!(bump("-11891200"), "-11891199");
}
