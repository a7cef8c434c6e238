//! Figures hkret's input needs that the form does not print, worked out from those it does,
//! exactly, and marked in the YAML as worked out: a share option scheme's exercise price (the
//! block's funds raised over the options exercised, when one scheme of the block was exercised)
//! and its shares per option (shares which may be issued over options outstanding). A price
//! that cannot be worked out exactly is written `not_printed`, never guessed.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::super::yaml::{Entry, MapBuilder, Node};

/// What `exercise_price` is written when the source does not print it (see
/// `validate::convert::NOT_PRINTED`).
const NOT_PRINTED: &str = "not_printed";

/// The plain scalar under `key` of a mapping's entries.
fn scalar<'n>(entries: &'n [Entry], key: &str) -> Option<&'n str> {
    entries
        .iter()
        .find(|e| e.key == key)
        .and_then(|e| match &e.value {
            Node::Scalar(s) => Some(s.as_str()),
            _ => None,
        })
}

/// A figure the import wrote: a plain number or a quoted amount.
fn number(s: &str) -> Option<Decimal> {
    Decimal::from_str(s.trim_matches('"')).ok()
}

/// Adds the exercise price to the exercised schemes of a block whose funds raised are printed.
/// One scheme exercised whose funds raised over its options exercised is an exact price: that
/// price, marked as worked out. Otherwise (several schemes exercised share one printed total,
/// or the division is not exact) the price cannot be known: each exercised scheme gets
/// `exercise_price: not_printed`, so that `validate` takes the funds raised as printed and
/// warns that they cannot be checked, rather than guess a price.
pub(super) fn exercise_price(entries: &mut [Node], funds_raised: Option<&Node>) {
    let Some(Node::Map(funds)) = funds_raised else {
        return;
    };
    let (Some(currency), Some(total)) = (
        scalar(funds, "currency"),
        scalar(funds, "amount").and_then(number),
    ) else {
        return;
    };
    let exercised: Vec<(usize, Decimal)> = entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| match e {
            Node::Map(m) => scalar(m, "exercised")
                .and_then(number)
                .filter(|n| !n.is_zero())
                .map(|n| (i, n.abs())),
            _ => None,
        })
        .collect();
    let price = match exercised.as_slice() {
        [(_, options)] => total
            .checked_div(*options)
            .map(|p| p.normalize())
            .filter(|p| p.checked_mul(*options) == Some(total)),
        _ => None,
    };
    for (i, _) in &exercised {
        let Node::Map(scheme) = &mut entries[*i] else {
            continue;
        };
        let (value, comment) = match price {
            Some(p) => {
                let mut amount = MapBuilder::new();
                amount.put("currency", Node::Scalar(currency.to_owned()));
                amount.put("amount", Node::text(&p.to_string()));
                (
                    amount.build(),
                    "not printed: funds raised / options exercised",
                )
            }
            None if exercised.len() > 1 => (
                Node::plain(NOT_PRINTED),
                "the form prints one total of funds raised for the schemes exercised",
            ),
            None => (
                Node::plain(NOT_PRINTED),
                "funds raised / options exercised is not an exact price",
            ),
        };
        scheme.push(Entry {
            key: "exercise_price",
            value,
            comment: Some(comment.to_owned()),
        });
    }
}

/// Adds `shares_per_option` to a scheme whose shares which may be issued are a whole multiple
/// (other than one) of its options outstanding at close.
pub(super) fn shares_per_option(scheme: &mut Node) {
    let Node::Map(m) = scheme else {
        return;
    };
    let (Some(outstanding), Some(may)) = (
        scalar(m, "outstanding_closing").and_then(number),
        scalar(m, "shares_which_may_be_issued").and_then(number),
    ) else {
        return;
    };
    if outstanding.is_zero() || may == outstanding || (may % outstanding) != Decimal::ZERO {
        return;
    }
    m.push(Entry {
        key: "shares_per_option",
        value: Node::plain((may / outstanding).normalize().to_string()),
        comment: Some("not printed: shares which may be issued / options outstanding".to_owned()),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scheme(exercised: &str) -> Node {
        let mut m = MapBuilder::new();
        m.put("particulars", Node::text("S"));
        m.put("exercised", Node::plain(exercised));
        m.build()
    }

    fn funds(amount: &str) -> Node {
        let mut m = MapBuilder::new();
        m.put("currency", Node::text("USD"));
        m.put("amount", Node::text(amount));
        m.build()
    }

    fn price_of(scheme: &Node) -> Option<&Node> {
        let Node::Map(m) = scheme else { return None };
        m.iter()
            .find(|e| e.key == "exercise_price")
            .map(|e| &e.value)
    }

    #[test]
    fn one_exercised_scheme_gets_the_exact_price() {
        let mut entries = vec![scheme("-200000"), scheme("null")];
        exercise_price(&mut entries, Some(&funds("250000")));
        assert_eq!(
            price_of(&entries[0]),
            Some(&Node::Map(vec![
                Entry {
                    key: "currency",
                    value: Node::text("USD"),
                    comment: None
                },
                Entry {
                    key: "amount",
                    value: Node::text("1.25"),
                    comment: None
                },
            ]))
        );
        assert_eq!(price_of(&entries[1]), None);
    }

    #[test]
    fn several_exercised_schemes_or_an_inexact_price_are_marked_not_printed() {
        let mut two = vec![scheme("-1"), scheme("-2"), scheme("null")];
        exercise_price(&mut two, Some(&funds("3")));
        assert_eq!(price_of(&two[0]), Some(&Node::plain(NOT_PRINTED)));
        assert_eq!(price_of(&two[1]), Some(&Node::plain(NOT_PRINTED)));
        assert_eq!(price_of(&two[2]), None);
        let mut inexact = vec![scheme("-3")];
        exercise_price(&mut inexact, Some(&funds("1")));
        assert_eq!(price_of(&inexact[0]), Some(&Node::plain(NOT_PRINTED)));
    }
}
