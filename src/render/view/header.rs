//! The class header of the view: the two rows (and multi-counter rows) above every table of
//! Parts I to III, with the class's values worded by the label file (`val_class_*`,
//! `val_type_*`, `val_yes`/`val_no`) and the label totals name it by.

use serde::Serialize;

use crate::model::{ClassOfShares, ShareClass, TypeOfShares};
use crate::render::view::typed;
use crate::render::view::words::Words;

/// The header block of a class: the two rows above every table.
#[derive(Debug, Clone, Serialize)]
pub struct ClassHeader {
    /// 1-based number of the class in its part.
    pub number: usize,
    /// "Ordinary shares".
    pub class_of_shares: String,
    /// "Class H" (1.0.1) or "H", "Not applicable".
    pub type_of_shares: String,
    /// "Yes" or "No".
    pub listed: String,
    /// The stock code, or empty.
    pub stock_code: String,
    /// Description.
    pub description: String,
    /// Multi-counter stock codes.
    pub counters: Vec<CounterView>,
    /// How totals name the class: "Ordinary shares Class H".
    pub label: String,
}

/// A multi-counter stock code.
#[derive(Debug, Clone, Serialize)]
pub struct CounterView {
    /// "80700".
    pub stock_code: String,
    /// "RMB".
    pub currency: String,
    /// Description.
    pub description: String,
}

/// The label id of a type of shares.
fn type_id(t: TypeOfShares) -> &'static str {
    match t {
        TypeOfShares::NotApplicable => "val_type_not_applicable",
        TypeOfShares::Other => "val_type_other",
        TypeOfShares::A => "val_type_a",
        TypeOfShares::B => "val_type_b",
        TypeOfShares::H => "val_type_h",
    }
}

/// The label id of a class of shares.
fn class_id(c: ClassOfShares) -> &'static str {
    match c {
        ClassOfShares::Ordinary => "val_class_ordinary",
        ClassOfShares::Preference => "val_class_preference",
        ClassOfShares::WvrOrdinary => "val_class_wvr_ordinary",
        ClassOfShares::Other => "val_class_other",
    }
}

/// "Yes" or "No" in the language.
pub(crate) fn yes_no(w: &Words<'_>, yes: bool) -> String {
    w.get(if yes { "val_yes" } else { "val_no" }).to_owned()
}

/// The class header as Parts I and II print it; Part III may override listing and stock code.
pub(crate) fn header(w: &Words<'_>, c: &ShareClass, number: usize) -> ClassHeader {
    let class = w.get(class_id(c.class_of_shares));
    let kind = w.get(type_id(c.type_of_shares));
    let label = match c.type_of_shares {
        TypeOfShares::NotApplicable => class.to_owned(),
        _ => format!("{class} {kind}"),
    };
    ClassHeader {
        number,
        class_of_shares: class.to_owned(),
        type_of_shares: kind.to_owned(),
        listed: yes_no(w, c.listed),
        stock_code: c.stock_code.clone().unwrap_or_default(),
        description: typed(w, &c.description),
        counters: c
            .counters
            .iter()
            .map(|k| CounterView {
                stock_code: k.stock_code.clone(),
                currency: k.currency.clone(),
                description: typed(w, &k.description),
            })
            .collect(),
        label,
    }
}
