//! Tests of `hkret next`: next month's return validates once its submission date is filled in,
//! balances carry, and the layout follows the month where the figures fit it.

use super::next;
use crate::input::Source;
use crate::validate::build;

fn build_text(text: &str) -> Result<crate::validate::Checked, crate::diag::Diagnostics> {
    build(&Source {
        name: "next.yaml".into(),
        bytes: text.as_bytes().to_vec(),
    })
}

#[test]
fn shares_per_option_carry_forward() {
    let text = std::fs::read_to_string("tests/fixtures/valid-1.2.0-every-table/input.yaml")
        .expect("fixture")
        .replace(
            "shares_which_may_be_issued: 4777125",
            "shares_which_may_be_issued: 38217000\n            shares_per_option: 8",
        );
    let this = build_text(&text).expect("valid").filing;
    let carried = next(&this);
    assert!(carried.contains("shares_per_option: 8"), "{carried}");
    let filled = carried.replace("date_submitted: ~", "date_submitted: 2026-03-03");
    build_text(&filled).unwrap_or_else(|d| panic!("{d}"));
}

#[test]
fn next_of_each_example_validates_once_filled_in() {
    for (file, submitted) in [
        ("examples/ff301-2026-01-moon-inc.yaml", "2026-03-03"),
        (
            "examples/ff301-2022-11-qingdao-ainnovation.yaml",
            "2023-01-04",
        ),
        (
            "tests/fixtures/valid-1.2.0-every-table/input.yaml",
            "2026-03-03",
        ),
        (
            "tests/fixtures/valid-1.0.1-two-classes/input.yaml",
            "2022-09-05",
        ),
    ] {
        let text = std::fs::read_to_string(file).expect("example");
        let this = build_text(&text).expect("valid").filing;
        let carried = next(&this);
        let unfilled = build_text(&carried).expect_err("date of submission to fill in");
        assert!(
            unfilled
                .to_string()
                .contains("`date_submitted` is not filled in"),
            "{unfilled}"
        );
        let filled = carried.replace("date_submitted: ~", &format!("date_submitted: {submitted}"));
        let again = build_text(&filled).unwrap_or_else(|d| panic!("{file}:\n{d}\n{filled}"));
        assert_eq!(again.filing.classes.len(), this.classes.len());
    }
}

/// Next month's return of `text`, its submission date filled in.
fn next_filled(text: &str, submitted: &str) -> String {
    next(&build_text(text).expect("valid").filing)
        .replace("date_submitted: ~", &format!("date_submitted: {submitted}"))
}

#[test]
fn next_moves_to_the_layout_in_force_when_it_has_the_same_shape() {
    // November 2022 (1.0.1) → December 2022 (1.0.1) → January 2023, when 1.0.2 is in force.
    let seed =
        std::fs::read_to_string("examples/ff301-2022-11-qingdao-ainnovation.yaml").expect("seed");
    let december = next_filled(&seed, "2023-01-04");
    let seed_layout = build_text(&seed).expect("valid").filing.layout;
    assert!(december.contains(&format!("version: \"{}\"", seed_layout.version())));
    let january = next(&build_text(&december).expect("valid").filing);
    let month = chrono::NaiveDate::from_ymd_opt(2023, 1, 31).expect("date");
    let in_force = crate::layout::Layout::in_force(month).expect("a layout");
    assert_ne!(in_force, seed_layout);
    assert!(
        january.contains(&format!("version: \"{}\"", in_force.version())),
        "{january}"
    );
}

#[test]
fn next_keeps_its_layout_when_the_form_in_force_asks_for_other_figures() {
    // December 2025 in the treasury layout without public float → January 2026, when the
    // layout in force has a public float block: the return keeps its layout and says why.
    let text = std::fs::read_to_string("tests/fixtures/valid-1.1.1-every-table/input.yaml")
        .expect("fixture")
        .replace("2025-01-", "2025-12-")
        .replace("date_submitted: 2025-02-04", "date_submitted: 2026-01-06");
    let this = build_text(&text).expect("valid").filing;
    let carried = next(&this);
    let version = format!("version: \"{}\"", this.layout.version());
    assert!(carried.contains(&version), "{carried}");
    assert!(
        carried.contains("which asks for other figures"),
        "{carried}"
    );
    let again = build_text(&carried.replace("date_submitted: ~", "date_submitted: 2026-02-04"))
        .unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(again.filing.layout, this.layout);
}

#[test]
fn closing_balances_become_preceding_balances() {
    let text = std::fs::read_to_string("tests/fixtures/valid-1.2.0-every-table/input.yaml")
        .expect("fixture");
    let carried = next(&build_text(&text).expect("valid").filing);
    assert!(carried.contains("month_ended: 2026-02-28"));
    assert!(
        carried.contains("excluding_treasury: { preceding: 19121582388, closing: 19121582388 }"),
        "{carried}"
    );
    assert!(carried.contains("outstanding_preceding: 4777125"));
    assert!(carried.contains("amount_preceding: \"80000000\""));
    assert!(carried.contains("pending_cancellation: -100000"));
    assert!(!carried.contains("date_of_event"));
}
