//! Month arithmetic of the form: a return reports a calendar month and is dated by its last day.

use chrono::{Datelike, Months, NaiveDate};

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

    use super::{last_of_month, next_month_end};

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
}
