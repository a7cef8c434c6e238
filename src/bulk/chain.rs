//! `hkret chain`: consecutive returns agree — each month's preceding balances are the previous
//! month's closing balances, per class and column, and so are options, warrants, convertibles
//! and HDRs outstanding. A break is reported at the later return, naming the earlier figure.

use crate::diag::{Diagnostics, Reporter};
use crate::model::calendar::next_month_end;
use crate::model::{Amount, Count, Filing};
use crate::render::format::{amount, count_wide, date};

/// One return of a chain with the file it came from.
pub struct Link<'a> {
    /// The file name, as given.
    pub file: &'a str,
    /// The valid return.
    pub filing: &'a Filing,
}

/// Compares two located figures and reports a break at `now`.
struct Breaks<'r> {
    report: Reporter,
    earlier: &'r str,
    month: String,
}

impl Breaks<'_> {
    fn counts(&mut self, now: &Count, before: &Count, what: &str) {
        let (Some(n), Some(b)) = (now.value, before.value) else {
            return;
        };
        if n != b {
            self.report
                .error(now.src.loc, &now.src.path, format!(
                    "{what}: the balance at close of preceding month is {}, but the return for the month ended {} closed at {}",
                    count_wide(n.into()), self.month, count_wide(b.into())
                ))
                .hint(format!("the closing figure is at {}:{}:{}", self.earlier, before.src.loc.line, before.src.loc.column));
        }
    }

    fn amounts(&mut self, now: &Amount, before: &Amount, what: &str) {
        let (Some(n), Some(b)) = (now.value, before.value) else {
            return;
        };
        if n != b {
            self.report
                .error(now.src.loc, &now.src.path, format!(
                    "{what}: the amount at close of preceding month is {}, but the return for the month ended {} closed at {}",
                    amount(n), self.month, amount(b)
                ))
                .hint(format!("the closing figure is at {}:{}:{}", self.earlier, before.src.loc.line, before.src.loc.column));
        }
    }
}

/// The option schemes of a return with their class.
fn options(f: &Filing) -> Vec<(usize, &crate::model::OptionScheme)> {
    f.share_options
        .iter()
        .flat_map(|t| &t.blocks)
        .flat_map(|bl| bl.entries.iter().map(move |e| (bl.class, e)))
        .collect()
}

fn link(before: &Link<'_>, now: &Link<'_>) -> Diagnostics {
    let (b, n) = (before.filing, now.filing);
    let mut breaks = Breaks {
        report: Reporter::new(now.file),
        earlier: before.file,
        month: date(b.month_ended.date),
    };
    let expected = next_month_end(b.month_ended.date);
    if n.month_ended.date != expected {
        breaks
            .report
            .warning(
                n.month_ended.src.loc,
                &n.month_ended.src.path,
                format!(
                    "this return follows the month ended {}, but the month after is {}",
                    breaks.month,
                    date(expected)
                ),
            )
            .hint("a month is missing from the chain, or a file is out of place");
    }
    for c in &n.classes {
        let Some(p) = b.classes.iter().find(|p| p.id == c.id) else {
            continue;
        };
        if let (Some(a), Some(pa)) = (&c.authorised, &p.authorised) {
            breaks.counts(
                &a.shares.preceding,
                &pa.shares.closing,
                &format!("Part I, class `{}`, authorised/registered shares", c.id),
            );
            breaks.amounts(
                &a.capital.preceding,
                &pa.capital.closing,
                &format!(
                    "Part I, class `{}`, authorised/registered share capital",
                    c.id
                ),
            );
        }
        breaks.counts(
            &c.issued.excluding_treasury.preceding,
            &p.issued.excluding_treasury.closing,
            &format!("Part II, class `{}`, issued shares", c.id),
        );
        if let (Some(t), Some(pt)) = (&c.issued.treasury, &p.issued.treasury) {
            breaks.counts(
                &t.preceding,
                &pt.closing,
                &format!("Part II, class `{}`, treasury shares", c.id),
            );
        }
    }
    let before_options = options(b);
    for (class, s) in options(n) {
        let id = &n.classes[class].id;
        if let Some((_, p)) = before_options
            .iter()
            .find(|(pc, p)| b.classes[*pc].id == *id && p.particulars.en == s.particulars.en)
        {
            breaks.counts(
                &s.outstanding_preceding,
                &p.outstanding_closing,
                &format!("(A) options of `{}`", s.particulars),
            );
        }
    }
    let before_warrants: Vec<_> = b
        .warrants
        .iter()
        .flat_map(|t| &t.blocks)
        .flat_map(|bl| &bl.entries)
        .collect();
    for w in n
        .warrants
        .iter()
        .flat_map(|t| &t.blocks)
        .flat_map(|bl| &bl.entries)
    {
        if let Some(p) = before_warrants
            .iter()
            .find(|p| p.description.en == w.description.en)
        {
            breaks.amounts(
                &w.nominal.preceding,
                &p.nominal.closing,
                &format!("(B) warrants `{}`", w.description),
            );
        }
    }
    let before_convertibles: Vec<_> = b
        .convertibles
        .iter()
        .flat_map(|t| &t.blocks)
        .flat_map(|bl| &bl.entries)
        .collect();
    for c in n
        .convertibles
        .iter()
        .flat_map(|t| &t.blocks)
        .flat_map(|bl| &bl.entries)
    {
        if let Some(p) = before_convertibles
            .iter()
            .find(|p| p.description.en == c.description.en)
        {
            breaks.amounts(
                &c.amount.preceding,
                &p.amount.closing,
                &format!("(C) convertibles `{}`", c.description),
            );
        }
    }
    if let (Some(h), Some(ph)) = (&n.hdr, &b.hdr) {
        breaks.counts(
            &h.hdrs.preceding,
            &ph.hdrs.closing,
            "Part IV, HDRs in issue",
        );
    }
    breaks.report.finish()
}

/// What `chain` found: every problem, and a summary when the chain is whole.
pub struct Checked {
    /// Breaks between months, returns of another issuer, months with two returns, and missing
    /// months (warnings).
    pub found: Diagnostics,
    /// "The chain is whole: ..." when nothing at all was found; `None` otherwise.
    pub whole: Option<String>,
}

/// Every break in a chain of returns of one issuer, taken in the order of their months; an
/// amendment stands in for the earlier return of its month.
pub fn chain(links: &mut [Link<'_>]) -> Checked {
    let sequence = crate::bulk::sequence::sequence(links);
    let mut found = sequence.problems;
    for pair in sequence.months.windows(2) {
        found.extend(link(pair[0], pair[1]));
    }
    let whole = match (
        found.is_empty(),
        sequence.months.first(),
        sequence.months.last(),
    ) {
        (true, Some(first), Some(last)) => {
            let replaced: Vec<String> = sequence
                .replaced
                .iter()
                .map(|(amendment, earlier)| format!("; {amendment} amends {earlier}"))
                .collect();
            let n = sequence.months.len();
            Some(format!(
                "the chain is whole: {n} {} of {}, months ended {} to {}{}",
                if n == 1 { "return" } else { "returns" },
                first.filing.issuer_name.en,
                date(first.filing.month_ended.date),
                date(last.filing.month_ended.date),
                replaced.concat()
            ))
        }
        _ => None,
    };
    Checked { found, whole }
}

#[cfg(test)]
mod tests {
    use super::{Link, chain};
    use crate::bulk::next::next;
    use crate::validate::valid as filing;

    #[test]
    fn a_return_and_its_next_month_chain() {
        let text = std::fs::read_to_string("tests/fixtures/valid-1.2.0-every-table/input.yaml")
            .expect("fixture");
        let this = filing(&text);
        let then = filing(&next(&this).replace("date_submitted: ~", "date_submitted: 2026-03-03"));
        let checked = chain(&mut [
            Link {
                file: "feb.yaml",
                filing: &then,
            },
            Link {
                file: "jan.yaml",
                filing: &this,
            },
        ]);
        assert!(checked.found.is_empty(), "{}", checked.found);
        assert_eq!(
            checked.whole.as_deref(),
            Some(
                "the chain is whole: 2 returns of Harbour Example Holdings Limited, months ended 31 January 2026 to 28 February 2026"
            )
        );
    }

    #[test]
    fn a_changed_preceding_balance_is_reported_with_both_places() {
        let text =
            std::fs::read_to_string("examples/ff301-2026-01-moon-inc.yaml").expect("example");
        let this = filing(&text);
        let carried = next(&this)
            .replace("date_submitted: ~", "date_submitted: 2026-03-03")
            .replace(
                "excluding_treasury: { preceding: 478272000, closing: 478272000 }",
                "excluding_treasury: { preceding: 478272001, closing: 478272001 }",
            );
        let then = filing(&carried);
        let found = chain(&mut [
            Link {
                file: "jan.yaml",
                filing: &this,
            },
            Link {
                file: "feb.yaml",
                filing: &then,
            },
        ])
        .found
        .sorted();
        assert_eq!(found.len(), 1, "{found:#?}");
        let d = &found[0];
        assert_eq!(d.file.as_ref(), "feb.yaml");
        assert!(d.message.contains("is 478,272,001, but the return for the month ended 31 January 2026 closed at 478,272,000"), "{d}");
        assert_eq!(
            d.hint.as_deref(),
            Some("the closing figure is at jan.yaml:24:60")
        );
    }

    #[test]
    fn a_missing_month_is_a_warning() {
        let text =
            std::fs::read_to_string("examples/ff301-2026-01-moon-inc.yaml").expect("example");
        let this = filing(&text);
        let later = filing(
            &text
                .replace("month_ended: 2026-01-31", "month_ended: 2026-03-31")
                .replace("date_submitted: 2026-02-02", "date_submitted: 2026-04-01"),
        );
        let found = chain(&mut [
            Link {
                file: "jan.yaml",
                filing: &this,
            },
            Link {
                file: "mar.yaml",
                filing: &later,
            },
        ])
        .found
        .sorted();
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .contains("the month after is 28 February 2026"),
            "{}",
            found[0]
        );
    }
}
