//! Rules on dates: the month ends on its last day, the return is submitted after it, and events
//! fall inside it.

use crate::model::calendar::{first_of_month, last_of_month};
use crate::model::holidays::{Deadline, filing_deadline, table};

use crate::diag::Reporter;
use crate::model::{Dated, Filing, Table};
use crate::render::format::date;

/// "For the month ended" is the last day of a month.
pub(crate) fn month_ended_is_month_end(f: &Filing, r: &mut Reporter) {
    let d = f.month_ended.date;
    let last = last_of_month(d);
    if d != last {
        r.error(
            f.month_ended.src.loc,
            &f.month_ended.src.path,
            format!("the month ended on {}, not {}", date(last), date(d)),
        )
        .hint(format!("write {last}"));
    }
}

/// The return is submitted after the month ends; later than the fifth business day is late.
pub(crate) fn submitted_after_month_end(f: &Filing, r: &mut Reporter) {
    let end = last_of_month(f.month_ended.date);
    let s = &f.date_submitted;
    if s.date <= end {
        r.error(
            s.src.loc,
            &s.src.path,
            format!(
                "the return is submitted on {}, before the month ends on {}",
                date(s.date),
                date(end)
            ),
        )
        .hint("a monthly return is submitted after the month it reports");
    } else {
        let deadline = filing_deadline(end);
        if s.date > deadline.date {
            r.warning(
                s.src.loc,
                &s.src.path,
                format!(
                    "submitted on {}, after the fifth business day following the month end ({}, {})",
                    date(s.date),
                    date(deadline.date),
                    how_counted(&deadline)
                ),
            )
            .hint("Main Board Rule 13.25B asks for the return by 8:30 a.m. on the fifth business day; check the date");
        }
    }
}

/// How a deadline was counted, for the warning: the holidays skipped, or weekdays only.
fn how_counted(d: &Deadline) -> String {
    let skipped: Vec<String> = d
        .skipped
        .iter()
        .map(|(day, name)| format!("{} ({name})", date(*day)))
        .collect();
    let range = match (table().first(), table().last()) {
        (Some(first), Some(last)) => format!("{} to {}", first.year, last.year),
        _ => "none".to_owned(),
    };
    match (d.beyond_table, skipped.is_empty()) {
        (true, true) => format!(
            "counting weekdays only: hkret's table of Hong Kong general holidays covers {range}"
        ),
        (true, false) => format!(
            "skipping the general holidays {}, and counting weekdays only beyond hkret's table ({range})",
            skipped.join(", ")
        ),
        (false, true) => {
            "counting Hong Kong business days; no general holiday fell on a weekday".to_owned()
        }
        (false, false) => format!(
            "counting Hong Kong business days, skipping the general holidays {}",
            skipped.join(", ")
        ),
    }
}
/// Table (E) events happen inside the month.
pub(crate) fn events_inside_month(f: &Filing, r: &mut Reporter) {
    let end = last_of_month(f.month_ended.date);
    let start = first_of_month(end);
    for e in f
        .other_movements
        .iter()
        .flat_map(|t| &t.blocks)
        .flat_map(|b| &b.entries)
    {
        if let Some(d) = &e.date_of_event
            && (d.date < start || d.date > end)
        {
            r.error(
                d.src.loc,
                &d.src.path,
                format!(
                    "the date of event {} is outside the month ({} to {})",
                    date(d.date),
                    date(start),
                    date(end)
                ),
            )
            .hint("a movement belongs in the return of the month it happened in");
        }
    }
}

/// Every general meeting approval date, in every table of Part III: the approval a return
/// relies on was given by the close of the month.
fn approval_dates(f: &Filing) -> Vec<&Dated> {
    fn of<E>(t: Option<&Table<E>>, date: fn(&E) -> Option<&Dated>) -> impl Iterator<Item = &Dated> {
        t.into_iter()
            .flat_map(|t| &t.blocks)
            .flat_map(|b| &b.entries)
            .filter_map(date)
    }
    of(f.share_options.as_ref(), |e| e.approval_date.as_ref())
        .chain(of(f.warrants.as_ref(), |e| e.approval_date.as_ref()))
        .chain(of(f.convertibles.as_ref(), |e| e.approval_date.as_ref()))
        .chain(of(f.arrangements.as_ref(), |e| e.approval_date.as_ref()))
        .chain(of(f.other_movements.as_ref(), |e| e.approval_date.as_ref()))
        .collect()
}

/// General meeting approval dates, in tables (A) to (E), are not after the month end.
pub(crate) fn approvals_not_after_month(f: &Filing, r: &mut Reporter) {
    let end = last_of_month(f.month_ended.date);
    for a in approval_dates(f).into_iter().filter(|a| a.date > end) {
        r.error(
            a.src.loc,
            &a.src.path,
            format!(
                "the general meeting approval date {} is after the month end ({})",
                date(a.date),
                date(end)
            ),
        )
        .hint("a return reports what was approved by the close of the month; check the year");
    }
}

/// A `version` naming a layout that was not in force for the month ended is a warning: an
/// archived return is re-rendered in its own layout, but a new one in an old layout is a slip.
pub(crate) fn layout_in_force_for_the_month(f: &Filing, r: &mut Reporter) {
    let Some(src) = &f.version_src else { return };
    if f.layout.fits(f.month_ended.date) {
        return;
    }
    let in_force = crate::model::Layout::in_force(f.month_ended.date);
    let d = r.warning(
        src.loc,
        &src.path,
        format!(
            "layout {} was not in force for the month ended {}",
            f.layout.version(),
            date(f.month_ended.date)
        ),
    );
    match in_force {
        Some(l) => d.hint(format!(
            "the layout in force then is \"{}\"; leave `version` out to use it",
            l.version()
        )),
        None => d.hint("no layout of the e-form was in force then"),
    };
}
