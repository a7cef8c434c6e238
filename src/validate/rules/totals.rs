//! Rules of Part III's totals: each block's footer (XX1)/(XX2) or "Total X" adds up its entries,
//! the grand totals add up the tables, and Part II's movements are what Part III adds up.

use crate::diag::Reporter;
use crate::model::compute::{Movement, Row, block_total};
use crate::model::{Block, Count, Filing, Table};
use crate::render::format::count_wide;
use crate::validate::rules::terms::{part_iii_terms, terms_text, total};

/// Reports a given total that is not the computed one.
fn mismatch(r: &mut Reporter, given: &Count, computed: Option<i128>, what: &str, hint: &str) {
    let Some(g) = given.value else { return };
    let c = computed.unwrap_or(0);
    if i128::from(g) != c {
        r.error(
            given.src.loc,
            &given.src.path,
            format!(
                "{what} is {}, but the entries add up to {}",
                count_wide(g.into()),
                count_wide(c)
            ),
        )
        .hint(hint.to_owned());
    }
}

/// Each block of a table as (block, its computed footer totals).
fn blocks_of<'f, E: Row>(
    f: &'f Filing,
    table: Option<&'f Table<E>>,
) -> Vec<(&'f Block<E>, Movement)> {
    table
        .into_iter()
        .flat_map(|t| t.blocks.iter())
        .map(|b| (b, block_total(f.layout, b)))
        .collect()
}

/// The class, given totals and computed totals of each block of every table, with its letter.
fn footers(f: &Filing) -> Vec<(char, usize, &Count, &Count, Movement)> {
    fn rows<'f, E: Row>(
        f: &'f Filing,
        t: Option<&'f Table<E>>,
        letter: char,
    ) -> Vec<(char, usize, &'f Count, &'f Count, Movement)> {
        blocks_of(f, t)
            .into_iter()
            .map(|(b, m)| (letter, b.class, &b.total_issued, &b.total_treasury, m))
            .collect()
    }
    let mut all = rows(f, f.share_options.as_ref(), 'A');
    all.extend(rows(f, f.warrants.as_ref(), 'B'));
    all.extend(rows(f, f.convertibles.as_ref(), 'C'));
    all.extend(rows(f, f.arrangements.as_ref(), 'D'));
    all.extend(rows(f, f.other_movements.as_ref(), 'E'));
    all
}

/// Per class, Part III adds up to the Part II movement: 1.0.1 "Total of A to E"; 1.2.0
/// "Total of AA1 to EE1" (issued shares excluding treasury) and "AA2 to EE2" (treasury).
pub(crate) fn part_iii_matches_part_ii(f: &Filing, r: &mut Reporter) {
    for (i, c) in f.classes.iter().enumerate() {
        let mut columns = vec![(
            &c.issued.excluding_treasury.movement,
            false,
            format!("Part II increase / decrease (-) of class `{}`", c.id),
        )];
        if let Some(t) = &c.issued.treasury {
            columns.push((
                &t.movement,
                true,
                format!(
                    "Part II increase / decrease (-) in treasury shares of class `{}`",
                    c.id
                ),
            ));
        }
        for (given, treasury, what) in columns {
            let Some(g) = given.value else { continue };
            let terms = part_iii_terms(f, i, treasury);
            if i128::from(g) != total(0, &terms) {
                r.error(
                    given.src.loc,
                    &given.src.path,
                    format!("{what} is {}, but {}", count_wide(g.into()), {
                        if terms.is_empty() {
                            "Part III has no movement for the class".to_owned()
                        } else {
                            format!("Part III adds up to {}", terms_text(&terms))
                        }
                    }),
                )
                .hint("the Part II increase / decrease (-) is the sum of the class's Part III totals; check both");
            }
        }
    }
}

/// Footer totals given for a block equal the sum of its entries.
pub(crate) fn block_totals_match(f: &Filing, r: &mut Reporter) {
    for (letter, class, issued, treasury, m) in footers(f) {
        let class = &f.classes[class].id;
        let (one, two) = if f.layout.has_treasury() {
            (
                format!("({letter}{letter}1)"),
                format!("({letter}{letter}2)"),
            )
        } else {
            (format!("Total {letter}"), String::new())
        };
        let hint = "leave the total out and hkret computes it, or correct the entries";
        mismatch(
            r,
            issued,
            m.issued,
            &format!("{one} of class `{class}`"),
            hint,
        );
        mismatch(
            r,
            treasury,
            m.treasury,
            &format!("{two} of class `{class}`"),
            hint,
        );
    }
}

/// Grand totals given per class equal the sum of the class's Part III totals.
pub(crate) fn grand_totals_match(f: &Filing, r: &mut Reporter) {
    for g in &f.grand_totals {
        let id = &f.classes[g.class].id;
        let name = if f.layout.has_treasury() {
            "Total of AA1 to EE1"
        } else {
            "Total of A to E"
        };
        for (given, treasury, name) in [
            (&g.issued, false, name),
            (&g.treasury, true, "Total of AA2 to EE2"),
        ] {
            let Some(v) = given.value else { continue };
            let terms = part_iii_terms(f, g.class, treasury);
            if i128::from(v) != total(0, &terms) {
                r.error(
                    given.src.loc,
                    &given.src.path,
                    format!(
                        "{name} of class `{id}` is {}, but Part III adds up to {}",
                        count_wide(v.into()),
                        terms_text(&terms)
                    ),
                )
                .hint("the grand total is the sum of the class's totals in tables (A) to (E)");
            }
        }
    }
}
