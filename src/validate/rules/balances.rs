//! Rules of Parts I, II and IV: balances roll forward, capital is shares x par value, totals add up.

use crate::diag::Reporter;
use crate::model::compute::{authorised_totals, capital_of, part_i_movement};
use crate::model::{Amount, Balance, Filing};
use crate::render::format::{amount, count_wide};
use crate::validate::rules::terms::{Term, amount_sum_text, part_iii_terms, sum_text, total};

/// Checks `preceding + movement = closing` for one column of share counts, the movement being
/// the `terms` (as given, or as Part III adds up), each named in the message.
pub(super) fn balance_rolls(r: &mut Reporter, b: &Balance, terms: &[Term], what: &str) {
    let (Some(p), Some(c)) = (b.preceding.value, b.closing.value) else {
        return;
    };
    let p = i128::from(p);
    if total(p, terms) != i128::from(c) {
        let src = &b.closing.src;
        r.error(
            src.loc,
            &src.path,
            format!(
                "{what}: balance at close of the month is {}, but {}",
                count_wide(c.into()),
                sum_text(p, terms)
            ),
        )
        .hint(format!(
            "balance at close of preceding month + increase / decrease (-) = balance at close of the month (line {} has the preceding balance)",
            b.preceding.src.loc.line
        ));
    }
}

/// The movement as given, as one term.
fn given(movement: &crate::model::Count) -> Vec<Term> {
    movement
        .value
        .map(|m| vec![Term::new(m.into(), "increase / decrease (-)")])
        .unwrap_or_default()
}

fn amount_rolls(
    r: &mut Reporter,
    preceding: &Amount,
    movement: &Amount,
    closing: &Amount,
    what: &str,
) {
    let (Some(p), Some(c)) = (preceding.value, closing.value) else {
        return;
    };
    let m = movement.or_zero();
    let Some(expected) = p.checked_add(m) else {
        return;
    };
    if expected != c {
        r.error(
            closing.src.loc,
            &closing.src.path,
            format!(
                "{what}: amount at close of the month is {}, but {}",
                amount(c),
                amount_sum_text(p, m, "increase / decrease (-)")
            ),
        )
        .hint(format!(
            "preceding + movement = closing (line {} has the preceding amount)",
            preceding.src.loc.line
        ));
    }
}

/// Part I: authorised/registered shares and capital roll forward. A movement left blank is the
/// difference of the balances (as in Part II); a movement given is checked.
pub(crate) fn part_i_rolls_forward(f: &Filing, r: &mut Reporter) {
    for c in &f.classes {
        let Some(a) = &c.authorised else { continue };
        let what = format!("Part I, class `{}`, authorised/registered shares", c.id);
        // A blank movement is the difference of the balances, so only a given one is checked.
        if a.shares.movement.value.is_some() {
            balance_rolls(r, &a.shares, &given(&a.shares.movement), &what);
        }
        let what = format!(
            "Part I, class `{}`, authorised/registered share capital",
            c.id
        );
        if a.capital.movement.value.is_some() {
            amount_rolls(
                r,
                &a.capital.preceding,
                &a.capital.movement,
                &a.capital.closing,
                &what,
            );
        }
    }
}

/// Part I: share capital = number of shares x par value, unless a remark says why not.
pub(crate) fn capital_is_shares_times_par(f: &Filing, r: &mut Reporter) {
    for c in &f.classes {
        let Some(a) = &c.authorised else { continue };
        if a.capital_remark.is_some() {
            continue;
        }
        let movement = part_i_movement(a).and_then(|m| i64::try_from(m).ok());
        let rows = [
            (a.shares.preceding.value, &a.capital.preceding),
            (movement, &a.capital.movement),
            (a.shares.closing.value, &a.capital.closing),
        ];
        for (shares, capital) in rows {
            let (Some(given), Some(n)) = (capital.value, shares) else {
                continue;
            };
            let Some(expected) = capital_of(a, n) else {
                continue;
            };
            if given != expected {
                r.error(capital.src.loc, &capital.src.path, format!(
                    "Part I, class `{}`: share capital {} {} is not {} shares x par value {} {} = {}",
                    c.id, a.par_value.currency, amount(given), count_wide(n.into()), a.par_value.currency, amount(a.par_value.amount), amount(expected)
                ))
                .hint(format!("check the par value on line {} and the number of shares; if the capital is not shares x par value (e.g. preference shares at issue proceeds), say why in `capital_remark`", a.par_value.src.loc.line));
            }
        }
    }
}

/// Part I: the total authorised/registered share capital, per currency, is the sum of the
/// classes' capital at the end of the month.
pub(crate) fn part_i_totals_per_currency(f: &Filing, r: &mut Reporter) {
    let computed = authorised_totals(f);
    for given in &f.authorised_totals {
        match computed.iter().find(|(c, _)| *c == given.currency) {
            Some((_, sum)) if *sum == given.amount => {}
            Some((_, sum)) => {
                r.error(given.src.loc, &given.src.path, format!(
                    "Part I total authorised/registered share capital is {} {}, but the classes add up to {} {}",
                    given.currency, amount(given.amount), given.currency, amount(*sum)
                ))
                .hint("the total is the sum of each class's capital at close of the month in that currency");
            }
            None => {
                r.error(
                    given.src.loc,
                    &given.src.path,
                    format!("no class has its par value in {}", given.currency),
                );
            }
        }
    }
}

/// Part II: each column rolls forward; the movement is as given or as Part III adds up.
pub(crate) fn part_ii_rolls_forward(f: &Filing, r: &mut Reporter) {
    for (i, c) in f.classes.iter().enumerate() {
        let label = if f.layout.has_treasury() {
            "issued shares (excluding treasury shares)"
        } else {
            "issued shares"
        };
        let what = format!("Part II, class `{}`, {label}", c.id);
        let excl = &c.issued.excluding_treasury;
        let terms = if excl.movement.value.is_some() {
            given(&excl.movement)
        } else {
            part_iii_terms(f, i, false)
        };
        balance_rolls(r, excl, &terms, &what);
        if let Some(t) = &c.issued.treasury {
            let what = format!("Part II, class `{}`, treasury shares", c.id);
            let terms = if t.movement.value.is_some() {
                given(&t.movement)
            } else {
                part_iii_terms(f, i, true)
            };
            balance_rolls(r, t, &terms, &what);
        }
    }
}

/// Part II (1.2.0): total number of issued shares = excluding treasury + treasury.
pub(crate) fn part_ii_total_is_excluding_plus_treasury(f: &Filing, r: &mut Reporter) {
    for c in &f.classes {
        let (Some((pre, close)), Some(t)) = (&c.issued.total, &c.issued.treasury) else {
            continue;
        };
        let e = &c.issued.excluding_treasury;
        for (given, excl, tsy) in [
            (pre, &e.preceding, &t.preceding),
            (close, &e.closing, &t.closing),
        ] {
            let (Some(g), Some(x), Some(y)) = (given.value, excl.value, tsy.value) else {
                continue;
            };
            let sum = i128::from(x) + i128::from(y);
            if i128::from(g) != sum {
                r.error(given.src.loc, &given.src.path, format!(
                    "Part II, class `{}`: total number of issued shares {} is not {} + {} = {}",
                    c.id, count_wide(g.into()), count_wide(x.into()), count_wide(y.into()), count_wide(sum)
                ))
                .hint("total = issued shares (excluding treasury shares) + treasury shares; you may leave the total out and hkret computes it");
            }
        }
    }
}

/// Part IV: the number of HDRs rolls forward.
pub(crate) fn hdrs_roll_forward(f: &Filing, r: &mut Reporter) {
    if let Some(h) = &f.hdr {
        balance_rolls(
            r,
            &h.hdrs,
            &given(&h.hdrs.movement),
            "Part IV, HDRs in issue",
        );
    }
}
