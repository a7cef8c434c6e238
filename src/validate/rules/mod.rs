//! Phase 2: the form's cross-field rules, one function per rule, named for the rule.
//!
//! They run on every filing that could be put together; findings about what failed to read are
//! set aside (see `validate::partial`). Each rule records what it finds and goes on; none stops
//! the others. Every finding carries its rule's code, the function's name, for tools.
#![deny(clippy::float_arithmetic)]

mod balances;
mod dates;
mod movements;
mod options;
mod terms;
mod totals;

use crate::diag::Reporter;
use crate::model::{ClassOfShares, Filing, TypeOfShares};

/// A rule of the form: it records what it finds in a filing.
type Rule = fn(&Filing, &mut Reporter);

/// Every rule of the form, with its stable code (the function's name), in the order they run.
const RULES: &[(&str, Rule)] = &[
    ("part_i_rolls_forward", balances::part_i_rolls_forward),
    (
        "capital_is_shares_times_par",
        balances::capital_is_shares_times_par,
    ),
    (
        "part_i_totals_per_currency",
        balances::part_i_totals_per_currency,
    ),
    ("part_ii_rolls_forward", balances::part_ii_rolls_forward),
    (
        "part_ii_total_is_excluding_plus_treasury",
        balances::part_ii_total_is_excluding_plus_treasury,
    ),
    ("hdrs_roll_forward", balances::hdrs_roll_forward),
    ("part_iii_matches_part_ii", totals::part_iii_matches_part_ii),
    ("block_totals_match", totals::block_totals_match),
    ("grand_totals_match", totals::grand_totals_match),
    ("options_roll_forward", options::options_roll_forward),
    ("options_may_be_issued", options::options_may_be_issued),
    ("option_funds_raised", options::option_funds_raised),
    ("warrants_roll_forward", movements::warrants_roll_forward),
    (
        "convertibles_roll_forward",
        movements::convertibles_roll_forward,
    ),
    (
        "convertible_shares_within_conversion",
        movements::convertible_shares_within_conversion,
    ),
    (
        "pending_cancellations_are_negative",
        movements::pending_cancellations_are_negative,
    ),
    ("issue_types_fit_layout", movements::issue_types_fit_layout),
    (
        "treasury_columns_fit_layout",
        movements::treasury_columns_fit_layout,
    ),
    ("one_block_per_class", movements::one_block_per_class),
    ("month_ended_is_month_end", dates::month_ended_is_month_end),
    (
        "submitted_after_month_end",
        dates::submitted_after_month_end,
    ),
    ("events_inside_month", dates::events_inside_month),
    (
        "approvals_not_after_month",
        dates::approvals_not_after_month,
    ),
    (
        "layout_in_force_for_the_month",
        dates::layout_in_force_for_the_month,
    ),
    (
        "listed_classes_have_stock_codes",
        listed_classes_have_stock_codes,
    ),
    (
        "public_float_for_listed_classes",
        public_float_for_listed_classes,
    ),
    ("other_class_is_specified", other_class_is_specified),
    ("multi_counters_fit_layout", multi_counters_fit_layout),
];

/// Runs every rule of the form over `f`; each finding carries its rule's code.
pub(crate) fn check(f: &Filing, r: &mut Reporter) {
    for (code, rule) in RULES {
        let start = r.count();
        rule(f, r);
        r.code_since(start, code);
    }
}

/// A class listed on the Exchange has a stock code.
fn listed_classes_have_stock_codes(f: &Filing, r: &mut Reporter) {
    for c in f
        .classes
        .iter()
        .filter(|c| c.listed && c.stock_code.is_none())
    {
        r.error(
            c.src.loc,
            &c.src.path,
            format!(
                "class `{}` is listed on the Exchange but has no stock code",
                c.id
            ),
        )
        .hint("add `stock_code: \"01234\"`, or set `listed: false`");
    }
}

/// 1.2.0: every listed class confirms its public float; unlisted classes and older layouts have
/// no such block.
fn public_float_for_listed_classes(f: &Filing, r: &mut Reporter) {
    for c in &f.classes {
        let needed = f.layout.has_public_float() && c.listed;
        match (&c.public_float, needed) {
            (None, true) => {
                r.error(c.src.loc, &c.src.path, format!("listed class `{}` has no public float sufficiency confirmation", c.id))
                    .hint("this layout asks every listed class for `public_float: { complied, threshold }`");
            }
            (Some(_), false) => {
                let why = if f.layout.has_public_float() {
                    "the class is not listed"
                } else {
                    "this layout of the form has no such block"
                };
                r.error(
                    c.src.loc,
                    &format!("{}.public_float", c.src.path),
                    format!("a public float confirmation is not asked for here: {why}"),
                )
                .hint("remove `public_float`");
            }
            _ => {}
        }
    }
}

/// "Other class" and "Other type" are specified in the description.
fn other_class_is_specified(f: &Filing, r: &mut Reporter) {
    for c in &f.classes {
        let other =
            c.class_of_shares == ClassOfShares::Other || c.type_of_shares == TypeOfShares::Other;
        if other && c.description.trim().is_empty() {
            r.error(c.src.loc, &c.src.path, format!("class `{}` is an \"Other\" class or type, specified in the description, which is empty", c.id))
                .hint("add `description:` saying what the class or type is");
        }
    }
}

/// Multi-counter stock codes only where the layout has the rows for them (from 1.0.2: the
/// Exchange's dual counter model began in June 2023).
fn multi_counters_fit_layout(f: &Filing, r: &mut Reporter) {
    if f.layout.has_multi_counters() {
        return;
    }
    for c in f.classes.iter().filter(|c| !c.counters.is_empty()) {
        r.error(
            c.src.loc,
            &format!("{}.multi_counters", c.src.path),
            format!(
                "layout {} has no multi-counter stock code rows",
                f.layout.version()
            ),
        )
        .hint("remove `multi_counters`, or give the version of a layout that has them");
    }
}

#[cfg(test)]
mod all_at_once;
#[cfg(test)]
mod real_returns;
#[cfg(test)]
mod tests;
