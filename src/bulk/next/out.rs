//! The writer of next month's YAML: [`Out`] puts each line at its indent, and the scalars of a
//! carried return (counts, amounts, money) are written as the input takes them. It knows YAML's
//! shape only; what is carried, and where, is decided by its callers.

use std::fmt::Write;

use rust_decimal::Decimal;

use crate::input::yaml_quoted as q;
use crate::model::{Amount, Balance, Count, Money, Text};
use crate::render::format::amount;

/// Where the next return is written.
pub(super) struct Out {
    /// The YAML written so far.
    pub(super) text: String,
}

/// A count as input takes it, `~` when not given.
pub(super) fn n(c: &Count) -> String {
    c.value.map_or_else(|| "~".to_owned(), |v| v.to_string())
}

/// An amount as input takes it (quoted, without grouping), `~` when not given.
pub(super) fn d(a: &Amount) -> String {
    a.value.map_or_else(|| "~".to_owned(), |v| q(&plain(v)))
}

/// An amount without grouping, as input takes it.
fn plain(v: Decimal) -> String {
    amount(v).replace(',', "")
}

/// A sum of money as a flow mapping of its currency and amount.
pub(super) fn money(m: &Money) -> String {
    format!(
        "{{ currency: {}, amount: {} }}",
        m.currency,
        q(&plain(m.amount))
    )
}

impl Out {
    /// One line at `indent`.
    pub(super) fn line(&mut self, indent: usize, text: &str) {
        let _ = writeln!(self.text, "{}{text}", " ".repeat(indent));
    }

    /// `key: value` at `indent`, when there is a value.
    pub(super) fn opt(&mut self, indent: usize, key: &str, value: Option<String>) {
        if let Some(v) = value {
            self.line(indent, &format!("{key}: {v}"));
        }
    }

    /// A text and, when given, its Chinese beside it (`name:` and `name_zh:`).
    pub(super) fn text(&mut self, indent: usize, key: &str, t: &Text) {
        self.line(indent, &format!("{key}: {}", q(t)));
        self.zh(indent, key, t);
    }

    /// The Chinese of a text written at `key` elsewhere (such as after `- key:`), when given.
    pub(super) fn zh(&mut self, indent: usize, key: &str, t: &Text) {
        if let Some(zh) = &t.zh {
            self.line(indent, &format!("{key}_zh: {}", q(zh)));
        }
    }

    /// A balance carried: closing becomes preceding, and stays the closing until the user moves it.
    pub(super) fn carried(&mut self, indent: usize, key: &str, b: &Balance) {
        let c = n(&b.closing);
        self.line(
            indent,
            &format!("{key}: {{ preceding: {c}, closing: {c} }}"),
        );
    }
}
