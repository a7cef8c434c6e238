//! Tests from real returns (issue 12): false errors that real filings met, mistakes that used to
//! pass, each with the exact message, line and column.

use crate::diag::{Diagnostic, Severity};
use crate::input::Source;
use crate::validate::build;
use crate::validate::rules::tests::{EVERY_TABLE, SEED, TWO_CLASSES, diagnostics, edit};

/// The text after applying every `(from, to)` edit in turn.
pub(super) fn edits(base: &str, changes: &[(&str, &str)]) -> String {
    changes
        .iter()
        .fold(base.to_owned(), |text, (from, to)| edit(&text, from, to).0)
}

/// Every diagnostic as `line:column: severity: message (at path)`, without hints.
pub(super) fn lines(found: &[Diagnostic]) -> Vec<String> {
    found
        .iter()
        .map(|d| {
            format!(
                "{}:{}: {}: {} (at {})",
                d.loc.line,
                d.loc.column,
                d.severity.label(),
                d.message,
                d.path
            )
        })
        .collect()
}

/// Asserts that `text` gives exactly the diagnostics `want`. The seed moved to another month
/// names a layout not in force then, which is warned about at `version`; the layout tests check
/// that warning, these tests leave it aside.
#[track_caller]
pub(super) fn gives(text: &str, want: &[&str]) {
    let found: Vec<Diagnostic> = diagnostics(text)
        .into_iter()
        .filter(|d| !(d.severity == Severity::Warning && d.path == "version"))
        .collect();
    assert_eq!(lines(&found), want);
}

/// The line and column where `needle` first stands in `text`, as `line:column`.
pub(super) fn at(text: &str, needle: &str) -> String {
    let i = text.find(needle).expect("needle in text");
    let line = text[..i].matches('\n').count() + 1;
    let column = i - text[..i].rfind('\n').map_or(0, |n| n + 1) + 1;
    format!("{line}:{column}")
}

#[test]
fn an_unlisted_a_share_class_keeps_its_shanghai_code() {
    // Item 1: the unlisted preference class of the fixture carries a six-digit code.
    let text = edits(
        EVERY_TABLE,
        &[(
            "    description: Non-cumulative preference shares\n",
            "    stock_code: \"601939\"\n    description: Non-cumulative preference shares\n",
        )],
    );
    gives(&text, &[]);
    // A listed class still needs its five-digit Hong Kong code, and is told why.
    let listed = edit(
        EVERY_TABLE,
        "stock_code: \"09988\"",
        "stock_code: \"601939\"",
    )
    .0;
    let found = diagnostics(&listed);
    let d = found
        .iter()
        .find(|d| d.path == "share_classes[0].stock_code")
        .expect("an error at the code");
    assert_eq!(d.message, "stock code `601939` is not five digits");
    assert_eq!(
        d.hint.as_deref(),
        Some(
            "a class listed on the Exchange has a five-digit Hong Kong code, such as \"01723\"; a code on another market (an A-share code such as 601939) belongs to a class with `listed: false`"
        )
    );
}

/// The seed with its month and submission date moved.
fn seed_dated(month_ended: &str, submitted: &str) -> String {
    edits(
        SEED,
        &[
            ("month_ended: 2022-11-30", month_ended),
            ("date_submitted: 2022-12-02", submitted),
        ],
    )
}

#[test]
fn public_holidays_are_not_business_days() {
    // Item 2: the two on-time returns.
    gives(
        &seed_dated("month_ended: 2025-12-31", "date_submitted: 2026-01-08"),
        &[],
    );
    gives(
        &seed_dated("month_ended: 2024-09-30", "date_submitted: 2024-10-08"),
        &[],
    );
    let late = seed_dated("month_ended: 2025-12-31", "date_submitted: 2026-01-09");
    gives(
        &late,
        &[&format!(
            "{}: warning: submitted on 09 January 2026, after the fifth business day following the month end (08 January 2026, counting Hong Kong business days, skipping the general holidays 01 January 2026 (The first day of January)) (at date_submitted)",
            at(&late, "2026-01-09")
        )],
    );
}

#[test]
fn beyond_the_table_weekdays_are_counted_and_the_warning_says_so() {
    let late = seed_dated("month_ended: 2030-01-31", "date_submitted: 2030-02-08");
    gives(
        &late,
        &[&format!(
            "{}: warning: submitted on 08 February 2030, after the fifth business day following the month end (07 February 2030, counting weekdays only: hkret's table of Hong Kong general holidays covers 2021 to 2026) (at date_submitted)",
            at(&late, "2030-02-08")
        )],
    );
}

/// The view of a valid return.
fn view_of(text: &str) -> crate::render::view::FormView {
    let source = Source {
        name: "t.yaml".into(),
        bytes: text.as_bytes().to_vec(),
    };
    let checked = build(&source).unwrap_or_else(|d| panic!("{d}"));
    crate::render::view::view(&checked.filing)
}

#[test]
fn a_blank_capital_movement_prints_blank_beside_a_share_movement() {
    // Item 3: shares' movement written 0, capital's left blank: the capital cell stays blank.
    let text = edit(
        SEED,
        "shares: { preceding: 559304838, closing: 559304838 }\n      par_value",
        "shares: { preceding: 559304838, movement: 0, closing: 559304838 }\n      par_value",
    )
    .0;
    let v = view_of(&text);
    assert_eq!(v.part_i[0].shares.movement, "0");
    assert_eq!(v.part_i[0].capital.movement, "");
}

#[test]
fn an_increase_in_authorised_shares_is_computed_when_left_blank() {
    // Item 7: Part I doubled its authorised shares; the movement is left out, the capital given.
    let text = edits(
        SEED,
        &[
            (
                "shares: { preceding: 559304838, closing: 559304838 }\n      par_value",
                "shares: { preceding: 400000000, closing: 800000000 }\n      par_value",
            ),
            (
                "capital: { preceding: \"559304838\", closing: \"559304838\" }",
                "capital: { preceding: \"400000000\", closing: \"800000000\" }",
            ),
        ],
    );
    gives(&text, &[]);
    let v = view_of(&text);
    assert_eq!(v.part_i[0].shares.movement, "400,000,000");
    assert_eq!(v.part_i[0].capital.movement, "400,000,000");
    // A movement that is given is checked, with the terms it adds.
    let wrong = edit(
        &text,
        "shares: { preceding: 400000000, closing: 800000000 }",
        "shares: { preceding: 400000000, movement: 300000000, closing: 800000000 }",
    )
    .0;
    let found = lines(&diagnostics(&wrong));
    assert!(
        found.iter().any(|l| l.contains(
            "error: Part I, class `H`, authorised/registered shares: balance at close of the month is 800,000,000, but 400,000,000 + 300,000,000 (increase / decrease (-)) = 700,000,000"
        )),
        "{found:#?}"
    );
}

#[test]
fn shares_which_may_be_issued_follow_the_options_outstanding() {
    // Item 4.
    let text = edit(
        EVERY_TABLE,
        "shares_which_may_be_issued: 4777125",
        "shares_which_may_be_issued: 4777000",
    )
    .0;
    gives(
        &text,
        &[&format!(
            "{}: error: shares which may be issued pursuant to the scheme at close of the month are 4,777,000, but 4,777,125 options outstanding at close of the month x 1 share each = 4,777,125 (at details.share_options.classes[0].entries[0].shares_which_may_be_issued)",
            at(&text, "4777000")
        )],
    );
    // Options over ADSs: each gives several shares.
    let ads = edits(
        EVERY_TABLE,
        &[(
            "shares_which_may_be_issued: 4777125",
            "shares_which_may_be_issued: 38217000\n            shares_per_option: 8",
        )],
    );
    gives(&ads, &[]);
}

#[test]
fn funds_raised_are_checked_when_nothing_was_exercised() {
    // Item 5: no option was exercised in the two-class fixture.
    let text = edit(
        TWO_CLASSES,
        "funds_raised: { currency: USD, amount: \"0\" }",
        "funds_raised: { currency: USD, amount: \"5\" }",
    )
    .0;
    gives(
        &text,
        &[&format!(
            "{}: error: total funds raised is USD 5, but no option was exercised during the month (at details.share_options.classes[0].funds_raised.amount)",
            at(&text, "\"5\" }")
        )],
    );
}

#[test]
fn exercises_without_an_exercise_price_are_located() {
    // Item 5: the scheme's exercise price is left out.
    let text = edit(
        EVERY_TABLE,
        "            exercise_price: { currency: USD, amount: \"1.25\" }\n",
        "",
    )
    .0;
    gives(
        &text,
        &[&format!(
            "{}: error: 200,000 options of `2019 Share Option Scheme` were exercised, but the scheme has no exercise price, so the total funds raised cannot be worked out (at details.share_options.classes[0].entries[0].exercised)",
            at(&text, "-200000")
        )],
    );
}

#[test]
fn approval_dates_after_the_month_are_refused_in_every_table() {
    // Item 6: (A), (B), (C) and (D) as well as (E), each at the date itself.
    for (from, to, path) in [
        (
            "general_meeting_approval_date: 2019-06-01",
            "general_meeting_approval_date: 2026-02-01",
            "details.share_options.classes[0].entries[0].general_meeting_approval_date",
        ),
        (
            "general_meeting_approval_date: 2025-03-01",
            "general_meeting_approval_date: 2026-02-01",
            "details.warrants.classes[0].entries[0].general_meeting_approval_date",
        ),
        (
            "general_meeting_approval_date: 2024-11-15",
            "general_meeting_approval_date: 2026-02-01",
            "details.convertibles.classes[0].entries[0].general_meeting_approval_date",
        ),
        (
            "general_meeting_approval_date: 2025-04-30",
            "general_meeting_approval_date: 2026-02-01",
            "details.other_arrangements.classes[0].entries[0].general_meeting_approval_date",
        ),
    ] {
        let (text, line, column) = edit(EVERY_TABLE, from, to);
        let column =
            column + u32::try_from("general_meeting_approval_date: ".len()).expect("small");
        let found: Vec<Diagnostic> = diagnostics(&text)
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert_eq!(
            lines(&found),
            vec![format!(
                "{line}:{column}: error: the general meeting approval date 01 February 2026 is after the month end (31 January 2026) (at {path})"
            )]
        );
    }
}

#[test]
fn a_part_iii_header_of_an_unlisted_class_keeps_its_other_market_code() {
    let text = edit(
        include_str!("../../../tests/fixtures/valid-1.2.0-a-and-h-shares/input.yaml"),
        "  other_arrangements: not_applicable\n",
        "  other_arrangements:\n    classes:\n      - share_class: A\n        stock_code: \"601899\"\n        entries:\n          - description: Subscription agreement for A shares\n            shares_which_may_be_issued: 1000\n",
    )
    .0;
    gives(&text, &[]);
    // Four digits are a Hong Kong code that lost its zeros, listed or not.
    let short = edit(
        &text,
        "        stock_code: \"601899\"\n",
        "        stock_code: \"2899\"\n",
    )
    .0;
    let found: Vec<Diagnostic> = diagnostics(&short)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(
        (found[0].message.as_str(), found[0].hint.as_deref()),
        (
            "stock code `2899` is not five digits",
            Some("pad with leading zeros and quote it: \"02899\"")
        )
    );
}
