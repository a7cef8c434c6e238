//! Reading single values: texts, booleans, share counts, amounts, dates and the form's closed
//! choices, each from the text the user wrote (a figure may be grouped with commas, as the form
//! prints it). A value that does not read records one located diagnostic with a hint, and gives
//! `None`; nothing here knows which field of the form it reads.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::Reader;
use crate::input::tree::{Node, Value};
use crate::model::calendar::{NotADate, iso_date};
use crate::validate::spelling::closest;

/// Splits an optional sign and checks comma grouping ("1,234,567"), returning the bare digits.
fn strip_grouping(text: &str) -> Option<String> {
    if !text.contains(',') {
        return Some(text.to_owned());
    }
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text, None),
    };
    let unsigned = int.trim_start_matches(['-', '+']);
    let groups: Vec<&str> = unsigned.split(',').collect();
    let well_grouped = groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
        && groups.iter().skip(1).all(|g| g.len() == 3);
    if !well_grouped {
        return None;
    }
    let sign = &int[..int.len() - unsigned.len()];
    let mut out = format!("{sign}{}", groups.concat());
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

impl Reader {
    /// The text of a single value, or an error saying that `what` was expected and what was
    /// found instead.
    fn scalar<'n>(&mut self, node: &'n Node, path: &str, what: &str) -> Option<&'n str> {
        if let Value::Scalar { text, .. } = &node.value {
            return Some(text);
        }
        self.report.error(
            node.loc,
            path,
            format!("expected {what}, found {}", node.kind()),
        );
        None
    }

    /// The node's text, for names, descriptions and remarks. Control characters other than
    /// tabs and line breaks cannot be printed on the form and are refused.
    pub(crate) fn text(&mut self, node: &Node, path: &str) -> Option<String> {
        match &node.value {
            Value::Scalar { text, .. } => {
                if let Some(c) = text
                    .chars()
                    .find(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
                {
                    self.report
                        .error(node.loc, path, format!("the text holds the control character U+{:04X}, which the form cannot print", u32::from(c)))
                        .hint("remove it; it often comes from copying text out of another program");
                    return None;
                }
                Some(text.clone())
            }
            _ => {
                self.report.error(
                    node.loc,
                    path,
                    format!("expected text, found {}", node.kind()),
                );
                None
            }
        }
    }

    /// The node as `true` or `false`.
    pub(crate) fn boolean(&mut self, node: &Node, path: &str) -> Option<bool> {
        match &node.value {
            Value::Scalar { text, plain: true } if text == "true" => Some(true),
            Value::Scalar { text, plain: true } if text == "false" => Some(false),
            _ => {
                self.report
                    .error(node.loc, path, "expected `true` or `false`")
                    .hint("write true or false, unquoted");
                None
            }
        }
    }

    /// A whole number of shares (or of options, warrants, HDRs), signed as written.
    pub(crate) fn count(&mut self, node: &Node, path: &str) -> Option<i64> {
        let text = self.scalar(node, path, "a whole number")?;
        let digits = strip_grouping(text.trim());
        match digits.as_deref().map(str::parse::<i64>) {
            Some(Ok(n)) => Some(n),
            _ => {
                let d = self.report.error(
                    node.loc,
                    path,
                    format!("`{text}` is not a whole number of shares"),
                );
                if text.contains('.')
                    && text
                        .trim_start_matches(['-', '+'])
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
                {
                    d.hint(
                        "share counts are whole numbers; a fraction of a share cannot be issued",
                    );
                } else if text
                    .trim_start_matches(['-', '+'])
                    .chars()
                    .all(|c| c.is_ascii_digit())
                {
                    d.hint(format!("figures may not exceed {}", i64::MAX));
                } else {
                    d.hint("write the figure with digits only, such as 478272000 or 478,272,000");
                }
                None
            }
        }
    }

    /// A count that the form never prints negative.
    pub(crate) fn balance(&mut self, node: &Node, path: &str) -> Option<i64> {
        let n = self.count(node, path)?;
        if n < 0 {
            self.report
                .error(
                    node.loc,
                    path,
                    format!("a balance cannot be negative, found {n}"),
                )
                .hint("only movements (increase / decrease) carry a sign");
            return None;
        }
        Some(n)
    }

    /// An exact decimal amount of money or a par value.
    pub(crate) fn decimal(&mut self, node: &Node, path: &str) -> Option<Decimal> {
        let text = self.scalar(node, path, "an amount")?;
        let plain = strip_grouping(text.trim());
        let valid = plain.as_deref().is_some_and(|p| {
            let body = p.strip_prefix(['-', '+']).unwrap_or(p);
            !body.is_empty()
                && body.chars().all(|c| c.is_ascii_digit() || c == '.')
                && body.chars().filter(|c| *c == '.').count() <= 1
                && body.chars().any(|c| c.is_ascii_digit())
        });
        match plain
            .as_deref()
            .filter(|_| valid)
            .map(Decimal::from_str_exact)
        {
            Some(Ok(d)) => Some(d),
            _ => {
                self.report
                    .error(node.loc, path, format!("`{text}` is not an amount"))
                    .hint("write the amount with digits and at most one decimal point, such as 0.000003125");
                None
            }
        }
    }

    /// A calendar date written as `YYYY-MM-DD`.
    pub(crate) fn date(&mut self, node: &Node, path: &str) -> Option<NaiveDate> {
        let text = self.scalar(node, path, "a date")?;
        match iso_date(text) {
            Ok(date) => Some(date),
            Err(NotADate::Calendar) => {
                self.report
                    .error(
                        node.loc,
                        path,
                        format!("`{text}` is not a date in the calendar"),
                    )
                    .hint("check the day of the month; February has 28 days, or 29 in a leap year");
                None
            }
            Err(NotADate::Shape) => {
                self.report
                    .error(node.loc, path, format!("`{text}` is not a date"))
                    .hint("write dates as YYYY-MM-DD, such as 2026-01-31");
                None
            }
        }
    }

    /// One of a closed set of words, such as `new_submission`.
    pub(crate) fn choice<T: Copy>(
        &mut self,
        node: &Node,
        path: &str,
        options: &[(&'static str, T)],
    ) -> Option<T> {
        let words: Vec<&str> = options.iter().map(|(w, _)| *w).collect();
        let text = match &node.value {
            Value::Scalar { text, .. } => text.as_str(),
            _ => "",
        };
        if let Some((_, v)) = options.iter().find(|(w, _)| *w == text) {
            return Some(*v);
        }
        let d = self.report.error(
            node.loc,
            path,
            format!("`{text}` is not one of the form's choices"),
        );
        match closest(text, &words) {
            Some(near) => d.hint(format!("did you mean `{near}`?")),
            None => d.hint(format!("choose one of: {}", words.join(", "))),
        };
        None
    }

    /// Whether the node is the word `not_applicable`.
    pub(crate) fn is_not_applicable(node: &Node) -> bool {
        matches!(&node.value, Value::Scalar { text, .. } if text == "not_applicable")
    }
}

#[cfg(test)]
mod tests {
    use super::strip_grouping;

    #[test]
    fn grouping_is_checked() {
        assert_eq!(strip_grouping("559,304,838").as_deref(), Some("559304838"));
        assert_eq!(strip_grouping("-11,891,200").as_deref(), Some("-11891200"));
        assert_eq!(strip_grouping("1,00"), None);
        assert_eq!(
            strip_grouping("0.000003125").as_deref(),
            Some("0.000003125")
        );
    }
}
