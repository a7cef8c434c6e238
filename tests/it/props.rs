//! Property tests over generated returns (the synthetic market): a consistent return always
//! validates and renders; changing any figure the form ties to another is always caught; the text
//! and the PDF carry the same figures; rendering is deterministic.

use hkret::input::Source;
use hkret::layout::Layout;
use hkret::render::pdf::{PdfRender, render_pdf};
use hkret::render::render_text;
use hkret::render::templates::Templates;
use hkret::render::view::view;
use hkret::validate::build;
use proptest::prelude::*;

use crate::market;
use crate::pdf_support::{pdftotext, write_out};

/// Keys whose figures the form's arithmetic ties to another figure in a generated return.
const TIED: &[&str] = &[
    "preceding",
    "closing",
    "outstanding_preceding",
    "outstanding_closing",
    "granted",
    "exercised",
    "lapsed",
    "new_shares_issued",
    "treasury_shares_transferred",
    "amount_preceding",
    "amount_closing",
    "issued",
    "treasury",
    // (A)'s shares which may be issued (options outstanding at close) and (C)'s (the amount
    // at close over the conversion price); (A)'s funds raised (options exercised x price).
    "shares_which_may_be_issued",
    "amount",
];

/// The generated return drawn in `layout`: the version named, the public float block left out
/// where the layout has none, and for a layout without treasury shares one Part II column and
/// the old wording of a repurchase. `None` when the return holds treasury shares such a layout
/// cannot show.
pub(crate) fn in_layout(text: &str, layout: Layout) -> Option<String> {
    let text = text.replace(
        "version: \"1.2.0\"",
        &format!("version: \"{}\"", layout.version()),
    );
    let mut out = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed == "public_float:" && !layout.has_public_float() {
            while lines.peek().is_some_and(|l| l.starts_with("      ")) {
                lines.next();
            }
            continue;
        }
        if layout.has_treasury() {
            out.push(line.to_owned());
            continue;
        }
        if trimmed == "treasury: { preceding: 0, closing: 0 }"
            || trimmed == "treasury_shares_transferred: 0"
        {
            continue;
        }
        let line = line
            .replace("excluding_treasury:", "shares:")
            .replace("repurchase_cancelled", "repurchase_of_shares")
            .replace("repurchase_pending_cancellation", "repurchase_of_shares");
        if line.contains("treasury") {
            return None;
        }
        out.push(line);
    }
    Some(out.join("\n") + "\n")
}

fn source(text: &str) -> Source {
    Source {
        name: "generated.yaml".into(),
        bytes: text.as_bytes().to_vec(),
    }
}

/// Every (line, start, end) of an integer figure under a tied key.
fn tied_figures(text: &str) -> Vec<(usize, usize, usize)> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        for key in TIED {
            let needle = format!("{key}: ");
            let mut from = 0;
            while let Some(at) = line[from..].find(&needle) {
                let start = from + at + needle.len();
                let boundary = start == needle.len() + from + at
                    && (from + at == 0
                        || !line.as_bytes()[from + at - 1].is_ascii_alphanumeric()
                            && line.as_bytes()[from + at - 1] != b'_');
                let digits = line[start..]
                    .trim_start_matches('-')
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .count();
                let sign = usize::from(line[start..].starts_with('-'));
                if boundary && digits > 0 {
                    found.push((n, start, start + sign + digits));
                }
                from = start;
            }
        }
    }
    found
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn a_consistent_return_validates_and_renders(i in 0usize..89_000) {
        let text = market::issuer(i);
        let checked = build(&source(&text)).map_err(|d| TestCaseError::fail(format!("{d}")))?;
        let rendered = render_text(&checked.filing, &Templates::built_in().expect("templates")).expect("renders");
        let name = format!("Synthetic Issuer {i:04} Holdings Limited");
        prop_assert!(rendered.contains(&name));
    }

    #[test]
    fn changing_any_tied_figure_is_caught(i in 0usize..89_000, pick in any::<prop::sample::Index>(), delta in 1i64..1_000) {
        let text = market::issuer(i);
        let figures = tied_figures(&text);
        prop_assume!(!figures.is_empty());
        let (line, start, end) = figures[pick.index(figures.len())];
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        let value: i64 = lines[line][start..end].parse().expect("a figure");
        let changed = value.checked_add(delta).expect("small");
        lines[line] = format!("{}{}{}", &lines[line][..start], changed, &lines[line][end..]);
        let result = build(&source(&lines.join("\n")));
        prop_assert!(result.is_err(), "issuer {}: {} -> {} on line {} was not caught:\n{}", i, value, changed, line + 1, lines[line]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    /// In every layout hkret draws, a generated return validates, and any single figure the form
    /// ties to another, changed, is caught.
    #[test]
    fn in_every_layout_changing_any_tied_figure_is_caught(i in 0usize..89_000, which in any::<prop::sample::Index>(), pick in any::<prop::sample::Index>(), delta in 1i64..1_000) {
        let layouts: Vec<Layout> = Layout::all().collect();
        let layout = layouts[which.index(layouts.len())];
        let text = in_layout(&market::issuer(i), layout);
        prop_assume!(text.is_some());
        let text = text.unwrap_or_default();
        let valid = build(&source(&text));
        prop_assert!(valid.is_ok(), "issuer {} in {}:\n{}\n{}", i, layout.version(), valid.err().map(|d| d.to_string()).unwrap_or_default(), text);
        let figures = tied_figures(&text);
        prop_assume!(!figures.is_empty());
        let (line, start, end) = figures[pick.index(figures.len())];
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        let value: i64 = lines[line][start..end].parse().expect("a figure");
        let changed = value.checked_add(delta).expect("small");
        lines[line] = format!("{}{}{}", &lines[line][..start], changed, &lines[line][end..]);
        let result = build(&source(&lines.join("\n")));
        prop_assert!(result.is_err(), "issuer {} in {}: {} -> {} on line {} was not caught:\n{}", i, layout.version(), value, changed, line + 1, lines[line]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, .. ProptestConfig::default() })]

    #[test]
    fn text_and_pdf_carry_the_same_figures_and_render_deterministically(i in 0usize..89_000) {
        let checked = build(&source(&market::issuer(i))).expect("valid");
        let templates = Templates::built_in().expect("templates");
        let text = render_text(&checked.filing, &templates).expect("text");
        let pdf = render_pdf(&checked.filing, &templates, &PdfRender::default()).expect("pdf");
        prop_assert_eq!(&text, &render_text(&checked.filing, &templates).expect("text again"));
        prop_assert!(pdf == render_pdf(&checked.filing, &templates, &PdfRender::default()).expect("pdf again"), "PDF bytes differ");
        let figures: Vec<String> = serde_json::to_value(view(&checked.filing))
            .map(|mut v| {
                if let Some(map) = v.as_object_mut() {
                    map.remove("layout");
                    map.remove("version");
                }
                leaves(&v)
            })
            .unwrap_or_default()
            .into_iter()
            .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '-' || c == '.') && s.chars().any(|c| c.is_ascii_digit()))
            .collect();
        prop_assert!(!figures.is_empty());
        for figure in &figures {
            prop_assert!(text.contains(figure.as_str()), "text lacks {}", figure);
        }
        let path = write_out(&format!("prop-{i}.pdf"), &pdf);
        if let Some(extracted) = pdftotext(&["-raw"], &path) {
            for figure in &figures {
                prop_assert!(extracted.contains(figure.as_str()), "PDF of issuer {} lacks {}", i, figure);
            }
        }
    }
}

/// Every string leaf of a JSON value.
fn leaves(value: &serde_json::Value) -> Vec<String> {
    match value {
        serde_json::Value::String(s) => vec![s.clone()],
        serde_json::Value::Array(items) => items.iter().flat_map(leaves).collect(),
        serde_json::Value::Object(map) => map.values().flat_map(leaves).collect(),
        _ => Vec::new(),
    }
}

#[test]
fn the_figure_finder_finds_the_tied_figures() {
    let text = market::issuer(0);
    let found = tied_figures(&text);
    assert!(found.len() >= 6, "{found:?}");
    let (line, start, end) = found[0];
    let figure = &text.lines().nth(line).expect("line")[start..end];
    assert!(
        figure
            .trim_start_matches('-')
            .chars()
            .all(|c| c.is_ascii_digit()),
        "{figure}"
    );
}

#[test]
fn every_layout_gets_valid_generated_returns_with_options_and_funds_raised() {
    for layout in Layout::all() {
        let mut valid = 0;
        let mut with_funds = 0;
        for i in 0..200 {
            let Some(text) = in_layout(&market::issuer(i), layout) else {
                continue;
            };
            assert!(
                build(&source(&text)).is_ok(),
                "issuer {i} in {}",
                layout.version()
            );
            valid += 1;
            let keys: Vec<&str> = tied_figures(&text)
                .iter()
                .filter_map(|(l, s, _)| {
                    let line = text.lines().nth(*l)?;
                    Some(line[..*s].trim_start().trim_start_matches("- "))
                })
                .collect();
            if keys
                .iter()
                .any(|k| k.contains("funds_raised: { currency: HKD, amount: "))
                && keys.contains(&"shares_which_may_be_issued: ")
            {
                with_funds += 1;
            }
        }
        assert!(valid >= 50, "{}: only {valid} of 200", layout.version());
        assert!(
            with_funds >= 10,
            "{}: only {with_funds} with (A)",
            layout.version()
        );
    }
}
