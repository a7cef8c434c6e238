//! Rules on dates: the month ends on its last day, the return is submitted after it, and events
//! fall inside it.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::model::calendar::{first_of_month, last_of_month};

use crate::diag::Reporter;
use crate::model::Filing;
use crate::render::format::date;

/// The fifth weekday after `month_end`: the filing deadline, public holidays aside.
pub(crate) fn fifth_business_day(month_end: NaiveDate) -> NaiveDate {
    let mut day = month_end;
    let mut counted = 0;
    while counted < 5 {
        day = day.checked_add_days(Days::new(1)).unwrap_or(day);
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            counted += 1;
        }
    }
    day
}

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
    } else if s.date > fifth_business_day(end) {
        r.warning(s.src.loc, &s.src.path, format!(
            "submitted on {}, after the fifth business day following the month end ({}, counting weekdays only)",
            date(s.date), date(fifth_business_day(end))
        ))
        .hint("Main Board Rule 13.25B asks for the return by the fifth business day; check the date");
    }
}

/// Table (E) events happen inside the month; approval dates are not after it.
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
        if let Some(a) = e.approval_date.filter(|a| *a > end) {
            r.error(
                e.src.loc,
                &format!("{}.general_meeting_approval_date", e.src.path),
                format!(
                    "the general meeting approval date {} is after the month end",
                    date(a)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::fifth_business_day;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn the_deadline_skips_weekends() {
        // 30 November 2022 was a Wednesday: Thu 1, Fri 2, Mon 5, Tue 6, Wed 7.
        assert_eq!(fifth_business_day(d(2022, 11, 30)), d(2022, 12, 7));
    }
}
