//! Phase 2: the form's cross-field rules, one function per rule, named for the rule.
//!
//! They run only on a filing whose every field was read cleanly, so that one typo does not set
//! off a cascade. Each rule records what it finds and goes on; none stops the others.
#![deny(clippy::float_arithmetic)]

mod balances;
mod dates;
mod movements;
mod options;
mod terms;

use crate::diag::Reporter;
use crate::model::{ClassOfShares, Filing, TypeOfShares};

/// Runs every rule of the form over `f`.
pub(crate) fn check(f: &Filing, r: &mut Reporter) {
    balances::part_i_rolls_forward(f, r);
    balances::capital_is_shares_times_par(f, r);
    balances::part_i_totals_per_currency(f, r);
    balances::part_ii_rolls_forward(f, r);
    balances::part_ii_total_is_excluding_plus_treasury(f, r);
    balances::hdrs_roll_forward(f, r);
    movements::part_iii_matches_part_ii(f, r);
    movements::block_totals_match(f, r);
    movements::grand_totals_match(f, r);
    options::options_roll_forward(f, r);
    options::options_may_be_issued(f, r);
    options::option_funds_raised(f, r);
    movements::warrants_roll_forward(f, r);
    movements::convertibles_roll_forward(f, r);
    movements::convertible_shares_within_conversion(f, r);
    movements::pending_cancellations_are_negative(f, r);
    movements::issue_types_fit_layout(f, r);
    movements::treasury_columns_fit_layout(f, r);
    movements::one_block_per_class(f, r);
    dates::month_ended_is_month_end(f, r);
    dates::submitted_after_month_end(f, r);
    dates::events_inside_month(f, r);
    dates::approvals_not_after_month(f, r);
    dates::layout_in_force_for_the_month(f, r);
    listed_classes_have_stock_codes(f, r);
    public_float_for_listed_classes(f, r);
    other_class_is_specified(f, r);
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

#[cfg(test)]
mod real_returns;
#[cfg(test)]
mod tests;
