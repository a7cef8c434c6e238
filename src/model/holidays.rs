//! Hong Kong's general holidays and the business days they leave: the filing deadline of a
//! monthly return is the fifth business day after the month end (Main Board Rule 13.25B).
//!
//! The holidays are the Government's published lists, one year each, shipped as the data file
//! `hk-general-holidays.txt` beside this module with the address each year was taken from.
//! A business day is a weekday that is not a general holiday. Beyond the years of the table the
//! count falls back to weekdays, and says so. Pure data and arithmetic: no clock, no I/O.

use std::sync::OnceLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::model::calendar::iso_date;

/// The data file, embedded so that nothing is read at run time.
pub(super) const DATA: &str = include_str!("hk-general-holidays.txt");

/// One year of the Government's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayYear {
    /// The calendar year.
    pub year: i32,
    /// The address of the Government's page the year was taken from.
    pub source: String,
    /// Each general holiday of the year (Sundays aside) with its name, in date order.
    pub days: Vec<(NaiveDate, String)>,
}

/// A problem in the data file: the line and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    /// 1-based line of the data file.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Parses the data file's format (see the file's header).
///
/// # Errors
/// The first malformed line: a date that is not a date, a holiday outside its year, a holiday
/// before any `year` line, or a year out of order.
pub fn parse(text: &str) -> Result<Vec<HolidayYear>, DataError> {
    let mut years: Vec<HolidayYear> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let fail = |message: String| DataError {
            line: i + 1,
            message,
        };
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix("year ") {
            let (year, source) = rest
                .trim()
                .split_once(' ')
                .ok_or_else(|| fail("a year line is `year YYYY ADDRESS`".to_owned()))?;
            let year: i32 = year
                .parse()
                .map_err(|_| fail(format!("`{year}` is not a year")))?;
            if years.last().is_some_and(|y| y.year + 1 != year) {
                return Err(fail(format!("{year} does not follow the year before")));
            }
            years.push(HolidayYear {
                year,
                source: source.trim().to_owned(),
                days: Vec::new(),
            });
            continue;
        }
        let (date, name) = line
            .split_once(char::is_whitespace)
            .ok_or_else(|| fail("a holiday line is `YYYY-MM-DD name`".to_owned()))?;
        let date = iso_date(date).map_err(|_| fail(format!("`{date}` is not a date")))?;
        let current = years
            .last_mut()
            .ok_or_else(|| fail("a holiday before any `year` line".to_owned()))?;
        if date.year() != current.year || current.days.last().is_some_and(|(last, _)| *last >= date)
        {
            return Err(fail(format!(
                "{date} is out of order or outside {}",
                current.year
            )));
        }
        current.days.push((date, name.trim().to_owned()));
    }
    Ok(years)
}

/// The embedded table, parsed once. A malformed data file is caught by this module's tests;
/// should one ever ship, the table is empty and every count falls back to weekdays (and says so).
pub fn table() -> &'static [HolidayYear] {
    static TABLE: OnceLock<Vec<HolidayYear>> = OnceLock::new();
    TABLE.get_or_init(|| parse(DATA).unwrap_or_default())
}

/// The general holiday on `day` and its name, if `day` is one.
fn holiday_on(years: &[HolidayYear], day: NaiveDate) -> Option<&str> {
    years
        .iter()
        .find(|y| y.year == day.year())?
        .days
        .iter()
        .find(|(d, _)| *d == day)
        .map(|(_, name)| name.as_str())
}

/// The fifth business day after a month end, with what the count skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// The fifth business day.
    pub date: NaiveDate,
    /// The general holidays on weekdays that the count skipped, with their names.
    pub skipped: Vec<(NaiveDate, String)>,
    /// Whether the count ran into a year the table does not hold (weekdays only were counted
    /// there).
    pub beyond_table: bool,
}

/// The `n`th business day after `day` under the Government's lists in `years`.
pub fn nth_business_day_after(years: &[HolidayYear], day: NaiveDate, n: u32) -> Deadline {
    let mut deadline = Deadline {
        date: day,
        skipped: Vec::new(),
        beyond_table: false,
    };
    let mut counted = 0;
    while counted < n {
        let Some(next) = deadline.date.checked_add_days(Days::new(1)) else {
            break;
        };
        deadline.date = next;
        if matches!(next.weekday(), Weekday::Sat | Weekday::Sun) {
            continue;
        }
        if !years.iter().any(|y| y.year == next.year()) {
            deadline.beyond_table = true;
        }
        match holiday_on(years, next) {
            Some(name) => deadline.skipped.push((next, name.to_owned())),
            None => counted += 1,
        }
    }
    deadline
}

/// The filing deadline of a return for the month ending `month_end`: the fifth business day
/// after it, under the shipped table.
pub fn filing_deadline(month_end: NaiveDate) -> Deadline {
    nth_business_day_after(table(), month_end, 5)
}

#[cfg(test)]
mod tests {
    use chrono::{Datelike, NaiveDate, Weekday};

    use super::{DATA, filing_deadline, parse, table};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn the_data_file_parses_with_a_source_for_every_year() {
        let years = parse(DATA).expect("the shipped table parses");
        assert_eq!(years.first().map(|y| y.year), Some(2021));
        assert_eq!(years.last().map(|y| y.year), Some(2026));
        for y in &years {
            assert!(
                y.source.starts_with("https://www.gov.hk/"),
                "{}: {}",
                y.year,
                y.source
            );
            // Every year has the 17 general holidays besides Sundays, none of them on a Sunday.
            assert_eq!(y.days.len(), 17, "{}", y.year);
            assert!(y.days.iter().all(|(d, _)| d.weekday() != Weekday::Sun));
        }
        assert_eq!(table().len(), years.len());
    }

    #[test]
    fn malformed_lines_are_refused_with_their_line() {
        let e = parse("year 2021 x\n2021-02-30 nothing\n").expect_err("no such date");
        assert_eq!(
            (e.line, e.message.as_str()),
            (2, "`2021-02-30` is not a date")
        );
        let e = parse("2021-01-01 a\n").expect_err("no year yet");
        assert_eq!(e.line, 1);
        let e = parse("year 2021 x\n2022-01-01 a\n").expect_err("outside its year");
        assert_eq!(e.line, 2);
    }

    #[test]
    fn new_year_and_lunar_new_year_are_skipped() {
        // December 2025: 1 January 2026 is a holiday; Fri 2, Mon 5, Tue 6, Wed 7, Thu 8.
        let late_december = filing_deadline(d(2025, 12, 31));
        assert_eq!(late_december.date, d(2026, 1, 8));
        assert_eq!(
            late_december.skipped,
            vec![(d(2026, 1, 1), "The first day of January".to_owned())]
        );
        assert!(!late_december.beyond_table);
        // September 2024: National Day on Tuesday 1 October; Wed 2 ... Tue 8.
        assert_eq!(filing_deadline(d(2024, 9, 30)).date, d(2024, 10, 8));
        // March 2026: Good Friday (3 April) and the days following Ching Ming Festival
        // (6 April) and Easter Monday (7 April) are skipped.
        let march = filing_deadline(d(2026, 3, 31));
        assert_eq!(march.date, d(2026, 4, 10));
        assert_eq!(march.skipped.len(), 3);
    }

    #[test]
    fn beyond_the_table_weekdays_are_counted_and_said_so() {
        let far = filing_deadline(d(2030, 1, 31));
        assert_eq!(far.date, d(2030, 2, 7));
        assert!(far.beyond_table);
        assert!(far.skipped.is_empty());
    }
}
