//! Dates as the form writes them, and its month arithmetic: a return reports a calendar month and
//! is dated by its last day.

use chrono::{Datelike, Months, NaiveDate};

/// Why a text is not a date written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotADate {
    /// Not four digits, a dash, two digits, a dash and two digits.
    Shape,
    /// Shaped so, but no day of the calendar (`2026-02-30`).
    Calendar,
}

/// The date written `YYYY-MM-DD`, exactly: four, two and two ASCII digits, so no sign, space or
/// missing zero slips through as a different year (chrono's `%Y` takes `+026` for the year 26).
/// Read by hand, which is also several times cheaper than chrono's formatted parsing.
///
/// # Errors
/// [`NotADate`] says whether the text is misshapen or names no day of the calendar.
pub fn iso_date(text: &str) -> Result<NaiveDate, NotADate> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        b.get(range)?.iter().try_fold(0, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(NotADate::Shape);
    }
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return Err(NotADate::Shape);
    };
    i32::try_from(year)
        .ok()
        .and_then(|year| NaiveDate::from_ymd_opt(year, month, day))
        .ok_or(NotADate::Calendar)
}

/// The first day of the month that `d` falls in.
pub fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// The last day of the month that `d` falls in.
pub fn last_of_month(d: NaiveDate) -> NaiveDate {
    first_of_month(d)
        .checked_add_months(Months::new(1))
        .and_then(|n| n.pred_opt())
        .unwrap_or(d)
}

/// The last day of the month after the one `d` falls in.
pub fn next_month_end(d: NaiveDate) -> NaiveDate {
    first_of_month(d)
        .checked_add_months(Months::new(2))
        .and_then(|n| n.pred_opt())
        .unwrap_or(d)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::{NotADate, iso_date, last_of_month, next_month_end};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn months_end_on_their_last_day() {
        assert_eq!(last_of_month(d(2024, 2, 10)), d(2024, 2, 29));
        assert_eq!(last_of_month(d(2022, 12, 1)), d(2022, 12, 31));
        assert_eq!(next_month_end(d(2026, 1, 31)), d(2026, 2, 28));
        assert_eq!(next_month_end(d(2022, 12, 31)), d(2023, 1, 31));
    }

    #[test]
    fn dates_are_read_as_chrono_reads_them_and_only_in_full() {
        assert_eq!(iso_date("2026-01-31"), Ok(d(2026, 1, 31)));
        assert_eq!(iso_date("2026-02-30"), Err(NotADate::Calendar));
        assert_eq!(iso_date("+026-01-31"), Err(NotADate::Shape));
        for text in [
            "2026-1-31",
            "2026-01-3",
            "2026-02-30",
            "2026/01/31",
            "+026-01-31",
            "2026-01-31 ",
            "2026-0a-31",
            "",
            "２０２６-01-31",
        ] {
            assert_eq!(iso_date(text).ok(), None, "{text:?}");
        }
        // Every date of the shipped table reads as chrono's `%Y-%m-%d` reads it.
        for line in crate::model::holidays::DATA
            .lines()
            .filter(|l| l.starts_with("20"))
        {
            let date = line.split_whitespace().next().expect("a date");
            let chrono = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
            assert_eq!(iso_date(date).ok(), chrono, "{date}");
            assert!(chrono.is_some(), "{date}");
        }
    }
}
