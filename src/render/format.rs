//! How the official form writes figures and dates: thousands separators, signed negatives,
//! "02 December 2022". Every figure in every output is formatted here, once.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Groups the digits of an unsigned decimal integer string in threes: `1234567` → `1,234,567`.
fn group(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A whole number as the form prints it: `-11,891,200`.
pub(crate) fn count_wide(n: i128) -> String {
    let digits = group(&n.unsigned_abs().to_string());
    if n < 0 { format!("-{digits}") } else { digits }
}

/// A possibly blank whole number: blank prints as nothing.
pub(crate) fn count_opt(n: Option<i128>) -> String {
    n.map(count_wide).unwrap_or_default()
}

/// An amount as the form prints it, keeping the decimal places it was written with:
/// `100,000,000`, `0.01`, `0.000003125`.
pub(crate) fn amount(d: Decimal) -> String {
    let text = d.abs().to_string();
    let (int, frac) = text
        .split_once('.')
        .map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    if d.is_sign_negative() && !d.is_zero() {
        out.push('-');
    }
    out.push_str(&group(int));
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A possibly blank amount.
pub(crate) fn amount_opt(d: Option<Decimal>) -> String {
    d.map(amount).unwrap_or_default()
}

/// A date as the form prints it: `02 December 2022`.
pub(crate) fn date(d: NaiveDate) -> String {
    d.format("%d %B %Y").to_string()
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use chrono::NaiveDate;
    use rust_decimal::Decimal;

    use super::{amount, count_wide, date};

    #[test]
    fn counts_are_grouped_and_signed() {
        let cases = [
            (0, "0"),
            (999, "999"),
            (1_000, "1,000"),
            (559_304_838, "559,304,838"),
            (-11_891_200, "-11,891,200"),
            (-112_875, "-112,875"),
        ];
        for (n, want) in cases {
            assert_eq!(count_wide(n), want);
        }
    }

    #[test]
    fn amounts_keep_their_places() {
        let cases = [
            ("100000000", "100,000,000"),
            ("0.01", "0.01"),
            ("0.000003125", "0.000003125"),
            ("5.2", "5.2"),
            ("-1234.50", "-1,234.50"),
            ("0.10", "0.10"),
        ];
        for (text, want) in cases {
            assert_eq!(amount(Decimal::from_str(text).expect("decimal")), want);
        }
    }

    #[test]
    fn dates_are_written_out() {
        let d = NaiveDate::from_ymd_opt(2022, 12, 2).expect("date");
        assert_eq!(date(d), "02 December 2022");
    }
}
