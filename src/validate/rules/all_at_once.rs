//! Tests of issue 12's "all at once, in the form's words": every mistake at once despite a
//! misspelt key, blanks left by `init` and `next`, figures cut at their commas, balance messages
//! that name their terms, and real form versions hkret does not draw.

use crate::validate::rules::real_returns::{at, edits, gives, lines};
use crate::validate::rules::tests::{EVERY_TABLE, SEED, diagnostics, edit};

#[test]
fn a_balance_message_names_where_each_term_comes_from() {
    // Item 10: the treasury movement is left blank, so Part III gives it; decreases carry a
    // minus sign.
    let text = edit(
        EVERY_TABLE,
        "treasury: { preceding: 10000000, closing: 10170000 }",
        "treasury: { preceding: 10000000, closing: 10170001 }",
    )
    .0;
    let found = diagnostics(&text);
    let d = found
        .iter()
        .find(|d| d.path == "share_classes[0].issued.treasury.closing")
        .expect("an error at the treasury balance");
    assert_eq!(
        d.message,
        "Part II, class `ordinary`, treasury shares: balance at close of the month is 10,170,001, but 10,000,000 - 50,000 (Part III, total of AA2) + 220,000 (Part III, total of EE2) = 10,170,000"
    );
}

#[test]
fn a_value_left_blank_is_not_filled_in_rather_than_missing() {
    // Item 9: `init` and `next` write `~` where a value is to be filled in.
    let text = edit(SEED, "date_submitted: 2022-12-02", "date_submitted: ~").0;
    let found = diagnostics(&text);
    assert_eq!(
        lines(&found),
        vec![format!(
            "{}: error: `date_submitted` is not filled in: the day the return is submitted (at date_submitted)",
            at(&text, "~")
        )]
    );
    assert_eq!(
        found[0].hint.as_deref(),
        Some("write the value in place of the blank after `date_submitted:`")
    );
}

#[test]
fn a_figure_with_commas_inside_braces_is_told_to_be_quoted() {
    // Item 9: in a flow mapping each comma ends an entry.
    let text = edit(
        SEED,
        "shares: { preceding: 559304838, closing: 559304838 }\n\n",
        "shares: { preceding: 559,304,838, closing: 559304838 }\n\n",
    )
    .0;
    let found = diagnostics(&text);
    assert_eq!(
        lines(&found),
        vec![format!(
            "{}: error: the figure `559,304,838` is cut at its commas: inside `{{ }}` a comma separates entries (at share_classes[0].issued.shares.preceding)",
            at(&text, "559,304,838")
        )]
    );
    assert_eq!(
        found[0].hint.as_deref(),
        Some("quote it, \"559,304,838\", or write it without commas, 559304838")
    );
}

#[test]
fn a_misspelt_key_sets_aside_only_the_rules_about_its_class() {
    // Item 8: a typo in (A) of class `ordinary`, and a wrong Part II balance of class `wvr_b`.
    let text = edits(
        EVERY_TABLE,
        &[
            (
                "          - particulars: 2023 Share Option Scheme\n",
                "          - particulars: 2023 Share Option Scheme\n            grantd: 5\n",
            ),
            (
                "excluding_treasury: { preceding: 500000000, closing: 498800000 }",
                "excluding_treasury: { preceding: 500000000, closing: 498800001 }",
            ),
        ],
    );
    gives(
        &text,
        &[
            &format!(
                "{}: error: Part II, class `wvr_b`, issued shares (excluding treasury shares): balance at close of the month is 498,800,001, but 500,000,000 - 1,200,000 (Part III, total of EE1) = 498,800,000 (at share_classes[1].issued.excluding_treasury.closing)",
                at(&text, "498800001")
            ),
            &format!(
                "{}: error: unknown key `grantd` (at details.share_options.classes[0].entries[1].grantd)",
                at(&text, "grantd")
            ),
        ],
    );
}

/// The seed's `version:` line, as written.
fn seed_version_line() -> &'static str {
    SEED.lines()
        .find(|l| l.starts_with("version:"))
        .expect("the seed names its version")
}

#[test]
fn a_real_version_hkret_lacks_is_named_as_such() {
    // Item 12: every published version is either drawn or named as a real version hkret does not
    // draw yet (which versions those are changes as layouts are added, so it comes from the data).
    for p in crate::layout::published_versions() {
        if crate::layout::Layout::by_version(&p.version).is_some() {
            continue;
        }
        let text = edit(
            SEED,
            seed_version_line(),
            &format!("version: \"{}\"", p.version),
        )
        .0;
        assert_eq!(
            lines(&diagnostics(&text)),
            vec![format!(
                "{}: error: form FF301 version {} (seen on the return of {}) is a real version that hkret does not draw yet (at version)",
                at(&text, &format!("\"{}\"", p.version)),
                p.version,
                p.seen
            )]
        );
    }
    // A version the Exchange never published is "not a layout of the form".
    let made_up = edit(SEED, seed_version_line(), "version: \"0.9\"").0;
    assert!(
        diagnostics(&made_up)[0]
            .message
            .contains("is not a layout of the form that hkret knows")
    );
}

#[test]
fn every_layout_hkret_draws_is_a_published_version() {
    // 1.0.x to 1.1.0 follow from the form's history; a layout no return is known to print says so
    // in its description (1.1.0: "No return printed 1.1.0 has been found").
    for layout in crate::layout::Layout::all() {
        let unseen = format!("No return printed {} has been found", layout.version());
        assert!(
            crate::layout::published(layout.version()).is_some()
                || layout.descriptor().inferred.starts_with(&unseen),
            "{} is not in `published` of templates/layouts.yaml",
            layout.version()
        );
    }
}

#[test]
fn a_misspelt_part_ii_hides_nothing_about_the_other_classes() {
    // Item 8: `issued` misspelt in class `wvr_b` (so its Part II is not read at all), and a wrong
    // Part II balance of class `ordinary`.
    let text = edits(
        EVERY_TABLE,
        &[
            (
                "    issued:\n      excluding_treasury: { preceding: 500000000, closing: 498800000 }",
                "    isued:\n      excluding_treasury: { preceding: 500000000, closing: 498800000 }",
            ),
            (
                "treasury: { preceding: 10000000, closing: 10170000 }",
                "treasury: { preceding: 10000000, closing: 10170001 }",
            ),
        ],
    );
    let found: Vec<String> = diagnostics(&text)
        .iter()
        .map(|d| format!("{} ({})", d.message, d.path))
        .collect();
    assert!(
        found.iter().any(|m| m.starts_with("`issued` is missing")),
        "{found:#?}"
    );
    assert!(
        found.iter().any(|m| m.starts_with("unknown key `isued`")),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|m| m.ends_with("(share_classes[0].issued.treasury.closing)")),
        "{found:#?}"
    );
    // Nothing about class `wvr_b`'s Part II or Part III is reported: it could not be read.
    assert!(
        !found.iter().any(|m| m.contains("class `wvr_b`")),
        "{found:#?}"
    );
}

#[test]
fn a_misspelt_table_sets_aside_part_ii_but_not_part_i() {
    // Item 8: (E) misspelt, so Part III cannot be added up; a Part I mistake still shows, and
    // no Part II balance is blamed for the missing table.
    let text = edits(
        EVERY_TABLE,
        &[
            ("  other_movements:\n", "  other_movemnts:\n"),
            (
                "shares: { preceding: 32000000000, closing: 32000000000 }",
                "shares: { preceding: 32000000000, movement: 1, closing: 32000000000 }",
            ),
        ],
    );
    let found: Vec<String> = diagnostics(&text)
        .iter()
        .map(|d| format!("{} ({})", d.message, d.path))
        .collect();
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(found[0].starts_with("Part I, class `ordinary`, authorised/registered shares: balance at close of the month is 32,000,000,000, but 32,000,000,000 + 1 (increase / decrease (-)) = 32,000,000,001"), "{found:#?}");
    assert!(
        found
            .iter()
            .any(|m| m.starts_with("`other_movements` is missing")),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|m| m.starts_with("unknown key `other_movemnts`")),
        "{found:#?}"
    );
}
