//! One test per rule: a valid return with one edit, and the exact line, column, path and message
//! of what the rule reports.

use crate::diag::{Diagnostic, Severity};
use crate::input::Source;
use crate::validate::build;

pub(super) const EVERY_TABLE: &str =
    include_str!("../../../tests/fixtures/valid-1.2.0-every-table/input.yaml");
pub(super) const TWO_CLASSES: &str =
    include_str!("../../../tests/fixtures/valid-1.0.1-two-classes/input.yaml");
pub(super) const SEED: &str =
    include_str!("../../../examples/ff301-2022-11-qingdao-ainnovation.yaml");

/// The text with the single occurrence of `from` replaced by `to`, and the line and column
/// where `to` stands.
pub(super) fn edit(base: &str, from: &str, to: &str) -> (String, u32, u32) {
    assert_eq!(base.matches(from).count(), 1, "`{from}` must occur once");
    let at = base.find(from).expect("occurs");
    let line = base[..at].matches('\n').count() + 1;
    let column = at - base[..at].rfind('\n').map_or(0, |n| n + 1) + 1;
    (
        base.replacen(from, to, 1),
        u32::try_from(line).expect("small"),
        u32::try_from(column).expect("small"),
    )
}

pub(super) fn diagnostics(text: &str) -> Vec<Diagnostic> {
    let source = Source {
        name: "t.yaml".into(),
        bytes: text.as_bytes().to_vec(),
    };
    match build(&source) {
        Ok(c) => c.warnings.sorted(),
        Err(d) => d.sorted(),
    }
}

/// Where the expected error stands.
enum At {
    /// On the edited line, this many columns right of where the edit starts.
    Edit(u32),
    /// At this line and column.
    Place(u32, u32),
}

/// Asserts that editing `from` into `to` gives an error at `at`, with `path` and a message
/// containing `message` (an edit may break more than one rule; the others are not checked).
#[track_caller]
fn rejects(base: &str, from: &str, to: &str, at: At, path: &str, message: &str) {
    let (text, line, column) = edit(base, from, to);
    let want = match at {
        At::Edit(offset) => (line, column + offset),
        At::Place(l, c) => (l, c),
    };
    let found = diagnostics(&text);
    let hit = found
        .iter()
        .find(|d| d.severity == Severity::Error && d.path == path && d.message.contains(message));
    let Some(d) = hit else {
        panic!("no error at {path} saying `{message}` in {found:#?}")
    };
    assert_eq!((d.loc.line, d.loc.column), want, "{d}");
}

#[test]
fn the_bases_are_valid() {
    for base in [EVERY_TABLE, TWO_CLASSES, SEED] {
        let found = diagnostics(base);
        assert!(found.is_empty(), "{found:#?}");
    }
}

#[test]
fn part_i_rolls_forward() {
    rejects(
        EVERY_TABLE,
        "shares: { preceding: 1000000, movement: 0, closing: 1000000 }",
        "shares: { preceding: 1000000, movement: 0, closing: 1000001 }",
        At::Edit(52),
        "share_classes[2].authorised.shares.closing",
        "balance at close of the month is 1,000,001, but 1,000,000 + 0 (increase / decrease (-)) = 1,000,000",
    );
}

#[test]
fn capital_is_shares_times_par() {
    rejects(
        EVERY_TABLE,
        "capital: { preceding: \"12500\", closing: \"12500\" }",
        "capital: { preceding: \"12500\", closing: \"12500\", movement: \"1\" }",
        At::Edit(59),
        "share_classes[1].authorised.capital.movement",
        "share capital USD 1 is not 0 shares x par value",
    );
}

#[test]
fn capital_remark_allows_another_capital() {
    let (text, _, _) = edit(
        EVERY_TABLE,
        "      capital_remark: stated at issue proceeds of USD 100 per share\n",
        "",
    );
    let found = diagnostics(&text);
    assert!(
        found.iter().any(
            |d| d.path == "share_classes[2].authorised.capital.preceding"
                && d.message
                    .contains("is not 1,000,000 shares x par value USD 0.01 = 10,000")
        ),
        "{found:#?}"
    );
}

#[test]
fn part_i_totals_per_currency() {
    rejects(
        EVERY_TABLE,
        "amount: \"100112500\"",
        "amount: \"100112501\"",
        At::Edit(8),
        "authorised_totals[0].amount",
        "classes add up to USD 100,112,500",
    );
}

#[test]
fn part_ii_rolls_forward() {
    rejects(
        EVERY_TABLE,
        "excluding_treasury: { preceding: 500000000, closing: 498800000 }",
        "excluding_treasury: { preceding: 500000000, closing: 498800001 }",
        At::Edit(53),
        "share_classes[1].issued.excluding_treasury.closing",
        "but 500,000,000 - 1,200,000 (Part III, total of EE1) = 498,800,000",
    );
}

#[test]
fn part_ii_total_is_excluding_plus_treasury() {
    rejects(
        EVERY_TABLE,
        "total: { preceding: 19128002388,",
        "total: { preceding: 19128002389,",
        At::Edit(20),
        "share_classes[0].issued.total.preceding",
        "total number of issued shares 19,128,002,389 is not 19,118,002,388 + 10,000,000",
    );
}

#[test]
fn part_iii_matches_part_ii() {
    rejects(
        EVERY_TABLE,
        "movement: 3580000,",
        "movement: 3580001,",
        At::Edit(10),
        "share_classes[0].issued.excluding_treasury.movement",
        "but Part III adds up to 200,000 (Part III, total of AA1) + 500,000 (Part III, total of BB1) + 2,000,000 (Part III, total of CC1) + 300,000 (Part III, total of DD1) + 580,000 (Part III, total of EE1) = 3,580,000",
    );
}

#[test]
fn block_totals_match() {
    rejects(
        EVERY_TABLE,
        "total_treasury: 220000",
        "total_treasury: 220001",
        At::Edit(16),
        "details.other_movements.classes[0].total_treasury",
        "(EE2) of class `ordinary` is 220,001",
    );
}

#[test]
fn grand_totals_match() {
    rejects(
        TWO_CLASSES,
        "- { share_class: A, issued: -242852 }",
        "- { share_class: A, issued: -242853 }",
        At::Edit(28),
        "details.totals[0].issued",
        "Total of A to E of class `A` is -242,853",
    );
}

#[test]
fn options_roll_forward() {
    rejects(
        EVERY_TABLE,
        "outstanding_closing: 4777125",
        "outstanding_closing: 4777126",
        At::Edit(21),
        "details.share_options.classes[0].entries[0].outstanding_closing",
        "5,000,000 + 100,000 (granted) - 200,000 (exercised) - 10,000 (cancelled) - 112,875 (lapsed) = 4,777,125",
    );
}

#[test]
fn option_movements_are_signed_as_printed() {
    rejects(
        TWO_CLASSES,
        "lapsed: -112875",
        "lapsed: 112875",
        At::Edit(8),
        "details.share_options.classes[0].entries[0].lapsed",
        "options lapsed must be negative",
    );
}

#[test]
fn option_funds_raised() {
    rejects(
        EVERY_TABLE,
        "amount: \"250000\"",
        "amount: \"250001\"",
        At::Edit(8),
        "details.share_options.funds_raised.amount"
            .replace("funds", "classes[0].funds")
            .as_str(),
        "options exercised x exercise price = USD 250,000",
    );
}

#[test]
fn warrants_roll_forward() {
    rejects(
        EVERY_TABLE,
        "nominal_closing: \"9000000\"",
        "nominal_closing: \"9000001\"",
        At::Edit(17),
        "details.warrants.classes[0].entries[0].nominal_closing",
        "10,000,000 - 1,000,000 (movement during the month) = 9,000,000",
    );
}

#[test]
fn convertibles_roll_forward() {
    rejects(
        EVERY_TABLE,
        "amount_closing: \"80000000\"",
        "amount_closing: \"80000001\"",
        At::Edit(16),
        "details.convertibles.classes[0].entries[0].amount_closing",
        "100,000,000 - 20,000,000 (movement during the month) = 80,000,000",
    );
}

#[test]
fn convertible_shares_within_conversion() {
    rejects(
        EVERY_TABLE,
        "shares_which_may_be_issued: 8000000",
        "shares_which_may_be_issued: 8000001",
        At::Edit(28),
        "details.convertibles.classes[0].entries[0].shares_which_may_be_issued",
        "exceed the conversion: 80,000,000 / USD 10 = 8,000,000 shares",
    );
}

#[test]
fn pending_cancellations_are_negative() {
    rejects(
        EVERY_TABLE,
        "pending_cancellation: -100000",
        "pending_cancellation: 100000",
        At::Edit(22),
        "details.other_movements.classes[0].entries[3].pending_cancellation",
        "stated as a negative number",
    );
}

#[test]
fn issue_types_fit_layout() {
    rejects(
        EVERY_TABLE,
        "type_of_issue: repurchase_cancelled",
        "type_of_issue: repurchase_of_shares",
        At::Edit(0),
        "details.other_movements.classes[0].entries[0].type_of_issue",
        "not on this layout",
    );
}

#[test]
fn treasury_columns_fit_layout() {
    rejects(
        TWO_CLASSES,
        "granted: 500000",
        "granted: 500000\n            treasury_shares_transferred: 0",
        At::Place(56, 42),
        "details.share_options.classes[0].entries[1].treasury_shares_transferred",
        "no treasury shares column",
    );
}

#[test]
fn one_block_per_class() {
    rejects(
        TWO_CLASSES,
        "      - share_class: B\n        listed: false",
        "      - share_class: A\n        listed: false",
        At::Edit(8),
        "details.other_movements.classes[1]",
        "class `A` has two blocks",
    );
}

#[test]
fn month_ended_is_month_end() {
    rejects(
        EVERY_TABLE,
        "month_ended: 2026-01-31",
        "month_ended: 2026-01-30",
        At::Edit(13),
        "month_ended",
        "the month ended on 31 January 2026",
    );
}

#[test]
fn submitted_after_month_end() {
    rejects(
        EVERY_TABLE,
        "date_submitted: 2026-02-04",
        "date_submitted: 2026-01-31",
        At::Edit(16),
        "date_submitted",
        "before the month ends",
    );
    let (late, _, _) = edit(
        EVERY_TABLE,
        "date_submitted: 2026-02-04",
        "date_submitted: 2026-02-09",
    );
    let found = diagnostics(&late);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].severity, Severity::Warning);
    assert!(
        found[0].message.contains("after the fifth business day"),
        "{}",
        found[0]
    );
}

#[test]
fn events_inside_month() {
    rejects(
        EVERY_TABLE,
        "date_of_event: 2026-01-15",
        "date_of_event: 2025-12-31",
        At::Edit(15),
        "details.other_movements.classes[0].entries[0].date_of_event",
        "outside the month",
    );
}

#[test]
fn listed_classes_have_stock_codes() {
    rejects(
        EVERY_TABLE,
        "    stock_code: \"09988\"\n",
        "",
        At::Place(15, 5),
        "share_classes[0]",
        "listed on the Exchange but has no stock code",
    );
}

#[test]
fn public_float_for_listed_classes() {
    rejects(
        EVERY_TABLE,
        "    listed: false\n    description: Class B",
        "    listed: true\n    stock_code: \"09989\"\n    description: Class B",
        At::Place(37, 5),
        "share_classes[1]",
        "listed class `wvr_b` has no public float",
    );
}

#[test]
fn other_class_is_specified() {
    rejects(
        EVERY_TABLE,
        "class_of_shares: Preference shares\n    type_of_shares: Not applicable\n    listed: false\n    description: Non-cumulative preference shares",
        "class_of_shares: Other class (specify in description)\n    type_of_shares: Not applicable\n    listed: false\n    description: \"\"",
        At::Place(49, 5),
        "share_classes[2]",
        "specified in the description",
    );
}

#[test]
fn part_iii_names_an_existing_class() {
    rejects(
        TWO_CLASSES,
        "      - share_class: B\n        listed: false",
        "      - share_class: C\n        listed: false",
        At::Edit(21),
        "details.other_movements.classes[1].share_class",
        "no class of shares has the id `C`",
    );
}
