//! Figures and dates as the form prints them, back to hkret's input: `-11,891,200` → `-11891200`,
//! `100,000,000.50` → `"100000000.50"`, `05 September 2024` → `2024-09-05`.

use chrono::NaiveDate;

/// A printed whole number without its separators, or `None` when it is not one.
pub(crate) fn count(s: &str) -> Option<String> {
    let digits = grouped(s.trim())?;
    (!digits.contains('.')).then_some(digits)
}

/// A printed amount without its separators (decimal places kept), or `None`.
pub(crate) fn amount(s: &str) -> Option<String> {
    grouped(s.trim())
}

/// `-1,234.5` → `-1234.5`; the groups of three must be right, as the form prints them.
fn grouped(s: &str) -> Option<String> {
    let (sign, rest) = s.strip_prefix('-').map_or(("", s), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let groups: Vec<&str> = int.split(',').collect();
    let first = groups.first()?;
    let first_ok = !first.is_empty() && first.len() <= 3 || groups.len() == 1 && !first.is_empty();
    if !first_ok
        || groups[1..].iter().any(|g| g.len() != 3)
        || !groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let mut out = format!("{sign}{}", groups.concat());
    if let Some(f) = frac {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

/// `05 September 2024` → the date.
pub(crate) fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%d %B %Y").ok()
}

/// A currency code as the form prints it: three capital letters.
pub(crate) fn is_currency(s: &str) -> bool {
    s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lose_their_separators_and_keep_their_sign() {
        assert_eq!(count("-11,891,200").as_deref(), Some("-11891200"));
        assert_eq!(count("0").as_deref(), Some("0"));
        assert_eq!(count("1234").as_deref(), Some("1234"));
        assert_eq!(count("1,23"), None);
        assert_eq!(count("1.5"), None);
        assert_eq!(count(""), None);
        assert_eq!(count("HKD"), None);
    }

    #[test]
    fn amounts_keep_their_places() {
        assert_eq!(amount("0.000003125").as_deref(), Some("0.000003125"));
        assert_eq!(amount("100,000,000.50").as_deref(), Some("100000000.50"));
        assert_eq!(amount("1."), None);
    }

    #[test]
    fn dates_are_read_as_printed() {
        assert_eq!(
            date("05 September 2024"),
            NaiveDate::from_ymd_opt(2024, 9, 5)
        );
        assert_eq!(date("31 February 2024"), None);
    }
}
