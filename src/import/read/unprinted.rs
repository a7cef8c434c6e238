//! Figures hkret's input needs that the form does not print, worked out from those it does,
//! exactly, and marked in the YAML as worked out: a share option scheme's exercise price (the
//! block's funds raised over the options exercised, when one scheme of the block was exercised)
//! and its shares per option (shares which may be issued over options outstanding).

use std::str::FromStr;

use rust_decimal::Decimal;

use super::super::yaml::{Entry, MapBuilder, Node};

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

/// Adds the exercise price to the exercised schemes of a block whose funds raised are printed:
/// funds raised over options exercised. One scheme exercised: its price, exactly. Several: the
/// form prints one total, so their prices cannot be told apart; when one price for all divides
/// exactly it is written with a comment and `Err` says so (a warning), otherwise no price is
/// written and `Err` says why.
pub(super) fn exercise_price(
    entries: &mut [Node],
    funds_raised: Option<&Node>,
) -> Result<(), String> {
    let Some(Node::Map(funds)) = funds_raised else {
        return Ok(());
    };
    let (Some(currency), Some(total)) = (
        scalar(funds, "currency"),
        scalar(funds, "amount").and_then(number),
    ) else {
        return Ok(());
    };
    let shown = currency.trim_matches('"');
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
    if exercised.is_empty() {
        return Ok(());
    }
    let options: Decimal = exercised.iter().map(|(_, n)| *n).sum();
    let price = total.checked_div(options).map(|p| p.normalize());
    let exact = price.filter(|p| p.checked_mul(options) == Some(total));
    let several = exercised.len() > 1;
    let Some(price) = exact else {
        return Err(format!(
            "the exercise price is not printed and funds raised of {shown} {total} over {options} options exercised is not an exact price; add `exercise_price` to {}",
            if several {
                "each scheme exercised"
            } else {
                "the scheme"
            }
        ));
    };
    let comment = if several {
        "not printed: one price assumed for the schemes exercised (funds raised / options exercised)"
    } else {
        "not printed: funds raised / options exercised"
    };
    for (i, _) in &exercised {
        if let Node::Map(scheme) = &mut entries[*i] {
            let mut amount = MapBuilder::new();
            amount.put("currency", Node::Scalar(currency.to_owned()));
            amount.put("amount", Node::text(&price.to_string()));
            scheme.push(Entry {
                key: "exercise_price",
                value: amount.build(),
                comment: Some(comment.to_owned()),
            });
        }
    }
    if several {
        return Err(format!(
            "the form prints one total of funds raised for {} schemes exercised: each is given the price {shown} {price}; correct the schemes whose price differs",
            exercised.len()
        ));
    }
    Ok(())
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

    #[test]
    fn one_exercised_scheme_gets_the_exact_price() {
        let mut entries = vec![scheme("-200000"), scheme("null")];
        exercise_price(&mut entries, Some(&funds("250000"))).expect("exact");
        let Node::Map(m) = &entries[0] else { panic!() };
        let price = m.iter().find(|e| e.key == "exercise_price").expect("added");
        assert_eq!(
            price.value,
            Node::Map(vec![
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
            ])
        );
    }

    #[test]
    fn two_exercised_schemes_get_one_price_with_a_warning_and_an_inexact_price_none() {
        let mut two = vec![scheme("-1"), scheme("-2")];
        let warning = exercise_price(&mut two, Some(&funds("3"))).expect_err("a warning");
        assert!(warning.contains("USD 1"), "{warning}");
        assert!(
            two.iter()
                .all(|s| matches!(s, Node::Map(m) if m.iter().any(|e| e.key == "exercise_price")))
        );
        let mut inexact = vec![scheme("-3")];
        assert!(exercise_price(&mut inexact, Some(&funds("1"))).is_err());
        assert!(matches!(&inexact[0], Node::Map(m) if m.iter().all(|e| e.key != "exercise_price")));
    }
}
