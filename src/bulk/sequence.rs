//! Which returns make up a chain: the returns of one issuer, one a month. An amendment (same
//! month, `status: amendment`) replaces the earlier return of its month; two returns of one month
//! neither of which amends the other, or a return of another issuer, are errors.

use crate::bulk::chain::Link;
use crate::diag::{Diagnostics, Reporter};
use crate::model::{Filing, Status};
use crate::render::format::date;

/// The returns to chain, month by month, and what was set aside.
pub struct Sequence<'l, 'a> {
    /// One return a month, oldest first.
    pub months: Vec<&'l Link<'a>>,
    /// Each amendment with the file of the return it replaces.
    pub replaced: Vec<(&'a str, &'a str)>,
    /// Returns of another issuer, and months with two returns and no amendment.
    pub problems: Diagnostics,
}

/// The issuer a return is of: its name and its listed stock codes.
fn issuer(f: &Filing) -> (String, Vec<&str>) {
    let name = f
        .issuer_name
        .en
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let codes = f
        .classes
        .iter()
        .filter(|c| c.listed)
        .filter_map(|c| c.stock_code.as_deref())
        .collect();
    (name, codes)
}

/// Whether two returns are of one issuer: the same name, or a listed stock code in common (an
/// issuer may be renamed; its code stays).
fn same_issuer(a: &Filing, b: &Filing) -> bool {
    let (name_a, codes_a) = issuer(a);
    let (name_b, codes_b) = issuer(b);
    name_a == name_b || codes_a.iter().any(|c| codes_b.contains(c))
}

/// The issuer as the messages name it: `Moon Inc. (01723)`.
fn named(f: &Filing) -> String {
    let (_, codes) = issuer(f);
    if codes.is_empty() {
        f.issuer_name.en.clone()
    } else {
        format!("{} ({})", f.issuer_name.en, codes.join(", "))
    }
}

/// Puts `links` in order of month (within a month, the first submission before its amendments,
/// by date submitted) and picks one return a month.
pub fn sequence<'l, 'a>(links: &'l mut [Link<'a>]) -> Sequence<'l, 'a> {
    links.sort_by_key(|l| {
        (
            l.filing.month_ended.date,
            l.filing.status == Status::Amendment,
            l.filing.date_submitted.date,
        )
    });
    let links: &'l [Link<'a>] = links;
    let mut problems = Diagnostics::new();
    let Some(first) = links.first() else {
        return Sequence {
            months: Vec::new(),
            replaced: Vec::new(),
            problems,
        };
    };
    let mut months: Vec<&'l Link<'a>> = Vec::new();
    let mut replaced = Vec::new();
    for link in links {
        let f = link.filing;
        if !same_issuer(first.filing, f) {
            let mut r = Reporter::new(link.file);
            r.error(
                f.issuer_name.src.loc,
                &f.issuer_name.src.path,
                format!(
                    "this return is of {}, but {} is of {}: a chain is the returns of one issuer",
                    named(f),
                    first.file,
                    named(first.filing)
                ),
            )
            .hint("chain each issuer's returns on their own")
            .code("chain_one_issuer");
            problems.extend(r.finish());
            continue;
        }
        match months.last_mut() {
            Some(last) if last.filing.month_ended.date == f.month_ended.date => {
                if f.status == Status::Amendment {
                    replaced.push((link.file, last.file));
                    *last = link;
                } else {
                    let mut r = Reporter::new(link.file);
                    r.error(
                        f.month_ended.src.loc,
                        &f.month_ended.src.path,
                        format!(
                            "{} is also a return for the month ended {}, and neither amends the other",
                            last.file,
                            date(f.month_ended.date)
                        ),
                    )
                    .hint("mark the corrected return `status: amendment`; it then replaces the earlier one in the chain")
                    .code("chain_one_return_a_month");
                    problems.extend(r.finish());
                }
            }
            _ => months.push(link),
        }
    }
    Sequence {
        months,
        replaced,
        problems,
    }
}

#[cfg(test)]
mod tests {
    use crate::bulk::chain::{Link, chain};
    use crate::validate::valid as filing;

    const MOON: &str = include_str!("../../examples/ff301-2026-01-moon-inc.yaml");

    /// Moon's January return, filed again on 3 February with `status`.
    fn again(status: &str) -> String {
        MOON.replace("status: new_submission", &format!("status: {status}"))
            .replace("date_submitted: 2026-02-02", "date_submitted: 2026-02-03")
    }

    #[test]
    fn returns_of_another_issuer_are_refused() {
        let moon = filing(MOON);
        let sun = filing(
            &MOON
                .replace("name: Moon Inc.", "name: Sun Holdings Limited")
                .replace("stock_code: \"01723\"", "stock_code: \"02222\""),
        );
        let checked = chain(&mut [
            Link {
                file: "moon.yaml",
                filing: &moon,
            },
            Link {
                file: "sun.yaml",
                filing: &sun,
            },
        ]);
        let found = checked.found.sorted();
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].file.as_ref(), "sun.yaml");
        assert_eq!(
            found[0].message,
            "this return is of Sun Holdings Limited (02222), but moon.yaml is of Moon Inc. (01723): a chain is the returns of one issuer"
        );
        assert_eq!(checked.whole, None);
    }

    #[test]
    fn an_amendment_replaces_the_earlier_return_of_its_month() {
        let filed = filing(MOON);
        let amended = filing(&again("amendment"));
        let checked = chain(&mut [
            Link {
                file: "jan-amended.yaml",
                filing: &amended,
            },
            Link {
                file: "jan.yaml",
                filing: &filed,
            },
        ]);
        assert!(checked.found.is_empty(), "{}", checked.found);
        assert_eq!(
            checked.whole.as_deref(),
            Some(
                "the chain is whole: 1 return of Moon Inc., months ended 31 January 2026 to 31 January 2026; jan-amended.yaml amends jan.yaml"
            )
        );
    }

    #[test]
    fn two_returns_of_a_month_without_an_amendment_are_an_error() {
        let filed = filing(MOON);
        let twice = filing(&again("new_submission"));
        let found = chain(&mut [
            Link {
                file: "a.yaml",
                filing: &filed,
            },
            Link {
                file: "b.yaml",
                filing: &twice,
            },
        ])
        .found
        .sorted();
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            (found[0].file.as_ref(), found[0].message.as_str()),
            (
                "b.yaml",
                "a.yaml is also a return for the month ended 31 January 2026, and neither amends the other"
            )
        );
    }
}
