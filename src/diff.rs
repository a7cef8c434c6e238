//! `hkret diff`: what changed between two versions of a return, figure by figure, in the form's
//! words — what a secretary checks before filing an amendment.
//!
//! Both returns are compared as printed (their views), so a change shows as the form shows it.

use serde_json::Value;

use crate::render::view::FormView;

/// One printed value that differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Where on the form, in its words.
    pub label: String,
    /// As printed in the old return; `None` when the new one adds it.
    pub old: Option<String>,
    /// As printed in the new return; `None` when it was removed.
    pub new: Option<String>,
}

/// The form's words for a key of the view.
fn word(key: &str) -> String {
    let known = match key {
        "part_i" => "Part I",
        "part_ii" => "Part II",
        "share_options" => "Part III (A) share options",
        "warrants" => "Part III (B) warrants",
        "convertibles" => "Part III (C) convertibles",
        "arrangements" => "Part III (D) other arrangements",
        "other_movements" => "Part III (E) other movements",
        "grand_totals" => "Part III grand totals",
        "hdr" => "Part IV",
        "confirmations" | "confirmation_items" => "Part V confirmations",
        "shares" => "number of authorised/registered shares",
        "capital" => "authorised/registered share capital",
        "excluding_treasury" => "issued shares (excluding treasury shares)",
        "treasury" => "treasury shares",
        "total" => "total number of issued shares",
        "preceding" => "balance at close of preceding month",
        "movement" => "increase / decrease (-)",
        "closing" => "balance at close of the month",
        "total_issued" => "total increase in issued shares",
        "total_treasury" => "total movement in treasury shares",
        "issued" => "issued shares",
        "may_be_issued" => "shares which may be issued",
        other => return other.replace('_', " "),
    };
    known.to_owned()
}

fn leaf(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(if *b { "yes" } else { "no" }.to_owned()),
        Value::Number(n) => Some(n.to_string()),
        Value::Null => Some(String::new()),
        _ => None,
    }
}

/// The currency an amount under `key` is printed with, in a mapping whose own currency is
/// `own` (a row's `currency`, a class's `par_currency`) and whose price currency is `price`;
/// `inherited` is the currency of the mapping itself (the capital's balances take the par
/// value's currency).
fn currency_of<'v>(
    key: &str,
    own: Option<&'v str>,
    price: Option<&'v str>,
    inherited: Option<&'v str>,
) -> Option<&'v str> {
    match key {
        "price" => price,
        "amount" | "par_value" | "nominal_preceding" | "nominal_closing" | "amount_preceding"
        | "amount_closing" => own,
        "movement" => own.or(inherited),
        "preceding" | "closing" => inherited,
        _ => None,
    }
}

/// Every leaf of `value` with its label, in the order of the form; amounts carry their
/// currency (`USD 0.01`), which `inherited` gives for the balances of a share capital.
fn flatten(value: &Value, label: &str, inherited: Option<&str>, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            let text = |k: &str| map.get(k).and_then(Value::as_str).filter(|c| !c.is_empty());
            let own = text("currency").or_else(|| text("par_currency"));
            let price = text("price_currency");
            for (key, v) in map {
                if matches!(
                    key.as_str(),
                    "number"
                        | "layout"
                        | "label"
                        | "stock_codes"
                        | "currency"
                        | "par_currency"
                        | "price_currency"
                ) {
                    continue;
                }
                let here = if label.is_empty() {
                    word(key)
                } else {
                    format!("{label}, {}", word(key))
                };
                match v {
                    Value::String(s) if !s.is_empty() => {
                        let shown = match currency_of(key, own, price, inherited) {
                            Some(c) => format!("{c} {s}"),
                            None => s.clone(),
                        };
                        out.push((here, shown));
                    }
                    _ => {
                        let down = if key == "capital" { own } else { None };
                        flatten(v, &here, down, out);
                    }
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let name = v
                    .get("header")
                    .and_then(|h| h.get("label"))
                    .and_then(Value::as_str)
                    .or_else(|| v.get("label").and_then(Value::as_str));
                let here = match name {
                    Some(n) => format!("{label} {} ({n})", i + 1),
                    None => format!("{label} {}", i + 1),
                };
                flatten(v, &here, None, out);
            }
        }
        other => out.push((label.to_owned(), leaf(other).unwrap_or_default())),
    }
}

/// The printed differences between `old` and `new`, in the order of the form. A cell blank in
/// both (or blank and absent) is no difference.
pub fn diff(old: &FormView, new: &FormView) -> Vec<Change> {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    flatten(
        &serde_json::to_value(old).unwrap_or(Value::Null),
        "",
        None,
        &mut a,
    );
    flatten(
        &serde_json::to_value(new).unwrap_or(Value::Null),
        "",
        None,
        &mut b,
    );
    let mut changes = Vec::new();
    for (label, old_value) in &a {
        match b.iter().find(|(l, _)| l == label) {
            Some((_, new_value)) if new_value != old_value => {
                changes.push(Change {
                    label: label.clone(),
                    old: Some(old_value.clone()),
                    new: Some(new_value.clone()),
                });
            }
            Some(_) => {}
            // A blank that is simply not there any more is no change on the form.
            None if old_value.is_empty() => {}
            None => changes.push(Change {
                label: label.clone(),
                old: Some(old_value.clone()),
                new: None,
            }),
        }
    }
    for (label, new_value) in &b {
        if !new_value.is_empty() && !a.iter().any(|(l, _)| l == label) {
            changes.push(Change {
                label: label.clone(),
                old: None,
                new: Some(new_value.clone()),
            });
        }
    }
    changes
}

/// The changes as lines of text; "no differences" when there are none.
pub fn report(changes: &[Change]) -> String {
    if changes.is_empty() {
        return "no differences\n".to_owned();
    }
    let show = |v: &str| {
        if v.is_empty() {
            "(blank)".to_owned()
        } else {
            v.to_owned()
        }
    };
    changes
        .iter()
        .map(|c| match (&c.old, &c.new) {
            (Some(o), Some(n)) => format!("{}: {} -> {}\n", c.label, show(o), show(n)),
            (None, Some(n)) => format!("added {}: {}\n", c.label, show(n)),
            (Some(o), None) => format!("removed {}: {}\n", c.label, show(o)),
            (None, None) => String::new(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{diff, report};
    use crate::render::view::view;
    use crate::validate::valid;

    const MOON: &str = include_str!("../examples/ff301-2026-01-moon-inc.yaml");

    fn view_of(text: &str) -> crate::render::view::FormView {
        view(&valid(text))
    }

    #[test]
    fn a_return_does_not_differ_from_itself() {
        let v = view_of(MOON);
        assert_eq!(report(&diff(&v, &v)), "no differences\n");
    }

    #[test]
    fn an_amended_figure_is_named_in_the_form_s_words() {
        let old = view_of(MOON);
        let new = view_of(&MOON.replace("preceding: 0, closing: 0", "preceding: 0, closing: 100").replace("excluding_treasury: { preceding: 478272000, closing: 478272000 }", "excluding_treasury: { preceding: 478272000, movement: -100, closing: 478271900 }").replace("  other_movements: not_applicable", "  other_movements:\n    classes:\n      - share_class: ordinary\n        entries:\n          - { type_of_issue: repurchase_held_as_treasury, date_of_event: 2026-01-20, issued: -100, treasury: 100 }"));
        let text = report(&diff(&old, &new));
        assert!(text.contains("Part II 1 (Ordinary shares), issued shares (excluding treasury shares), balance at close of the month: 478,272,000 -> 478,271,900\n"), "{text}");
        assert!(text.contains("Part II 1 (Ordinary shares), treasury shares, balance at close of the month: 0 -> 100\n"), "{text}");
        assert!(
            text.contains("Part III (E) other movements, applicable: no -> yes\n"),
            "{text}"
        );
        // The new table's blank cells are not listed as added.
        assert!(
            !text
                .lines()
                .any(|l| l.starts_with("added") && l.ends_with("(blank)")),
            "{text}"
        );
    }

    #[test]
    fn amounts_are_shown_with_their_currency() {
        let old = view_of(MOON);
        let new = view_of(&MOON.replace(
            "par_value: { currency: HKD, amount: \"0.01\" }\n      capital: { preceding: \"100000000\", closing: \"100000000\" }",
            "par_value: { currency: USD, amount: \"0.01\" }\n      capital: { preceding: \"100000000\", closing: \"100000000\" }",
        ));
        let text = report(&diff(&old, &new));
        assert!(
            text.contains("Part I 1 (Ordinary shares), par value: HKD 0.01 -> USD 0.01\n"),
            "{text}"
        );
        assert!(
            text.contains(
                "Part I 1 (Ordinary shares), authorised/registered share capital, balance at close of the month: HKD 100,000,000 -> USD 100,000,000\n"
            ),
            "{text}"
        );
    }
}
