//! The sums a balance message shows: each term with where it comes from, decreases written with
//! a minus sign (never in brackets), as in "0 + 1,000,000 (Part III, total of EE2) = 1,000,000".

use rust_decimal::Decimal;

use crate::model::Filing;
use crate::model::compute::table_totals;
use crate::render::format::{amount, count_wide};

/// One term of a sum: a figure and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Term {
    /// The figure, signed.
    pub(crate) value: i128,
    /// Where the figure comes from, such as `granted` or `Part III, total of AA1`.
    pub(crate) source: String,
}

impl Term {
    /// A term from `source`.
    pub(crate) fn new(value: i128, source: impl Into<String>) -> Self {
        Self {
            value,
            source: source.into(),
        }
    }
}

/// The sum of the terms after `first`.
pub(crate) fn total(first: i128, terms: &[Term]) -> i128 {
    first + terms.iter().map(|t| t.value).sum::<i128>()
}

/// `first + a (source) - b (source) = total`; with no terms, `first + 0 = first`.
pub(crate) fn sum_text(first: i128, terms: &[Term]) -> String {
    let mut text = count_wide(first);
    if terms.is_empty() {
        text.push_str(" + 0");
    }
    for t in terms {
        let sign = if t.value < 0 { '-' } else { '+' };
        text.push_str(&format!(
            " {sign} {} ({})",
            count_wide(t.value.abs()),
            t.source
        ));
    }
    format!("{text} = {}", count_wide(total(first, terms)))
}

/// The terms alone, added up: `2,000,000 (Part III, total of AA1) - 400,000 (Part III, total of
/// EE1) = 1,600,000`; with no terms, `0`.
pub(crate) fn terms_text(terms: &[Term]) -> String {
    let Some((first, rest)) = terms.split_first() else {
        return "0".to_owned();
    };
    let mut text = format!("{} ({})", count_wide(first.value), first.source);
    for t in rest {
        let sign = if t.value < 0 { '-' } else { '+' };
        text.push_str(&format!(
            " {sign} {} ({})",
            count_wide(t.value.abs()),
            t.source
        ));
    }
    if rest.is_empty() {
        text
    } else {
        format!("{text} = {}", count_wide(total(0, terms)))
    }
}

/// `preceding + movement (source) = closing` for amounts of money or nominal value.
pub(crate) fn amount_sum_text(first: Decimal, movement: Decimal, source: &str) -> String {
    let sign = if movement.is_sign_negative() && !movement.is_zero() {
        '-'
    } else {
        '+'
    };
    format!(
        "{} {sign} {} ({source}) = {}",
        amount(first),
        amount(movement.abs()),
        amount(first + movement)
    )
}

/// The Part III totals that make up a class's Part II movement, one term per table that has
/// any: `Part III, total of AA1` (1.2.0) or `Part III, Total A` (1.0.1). `treasury` picks the
/// (XX2) totals instead of the (XX1) ones.
pub(crate) fn part_iii_terms(f: &Filing, class: usize, treasury: bool) -> Vec<Term> {
    table_totals(f, class)
        .into_iter()
        .filter_map(|(letter, m)| {
            let value = if treasury { m.treasury } else { m.issued }?;
            let source = match (f.layout.has_treasury(), treasury) {
                (true, false) => format!("Part III, total of {letter}{letter}1"),
                (true, true) => format!("Part III, total of {letter}{letter}2"),
                (false, _) => format!("Part III, Total {letter}"),
            };
            Some(Term::new(value, source))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{Term, sum_text};

    #[test]
    fn decreases_carry_a_minus_sign_and_every_term_its_source() {
        assert_eq!(
            sum_text(0, &[Term::new(1_000_000, "Part III, total of EE2")]),
            "0 + 1,000,000 (Part III, total of EE2) = 1,000,000"
        );
        assert_eq!(
            sum_text(
                5_000_000,
                &[Term::new(100_000, "granted"), Term::new(-222_875, "lapsed")]
            ),
            "5,000,000 + 100,000 (granted) - 222,875 (lapsed) = 4,877,125"
        );
        assert_eq!(sum_text(7, &[]), "7 + 0 = 7");
    }
}
