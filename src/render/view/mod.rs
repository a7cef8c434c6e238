//! The view: every string the form prints, computed once from a valid [`Filing`].
//!
//! Templates (text and PDF) receive a [`FormView`] and do layout only: no arithmetic, no number
//! formatting. Blank cells are empty strings. Every word the form prints comes from the label
//! file of the return's language, resolved for its layout ([`Wording`]): the view picks label
//! ids (`val_type_h`), never wording.

mod header;
mod tables;
mod words;

use serde::Serialize;

use crate::model::compute::{
    authorised_totals, capital_printed, part_i_capital_movement, part_i_movement, part_ii_movement,
    part_ii_treasury_movement, part_iii_total,
};
use std::collections::BTreeMap;
use std::sync::Arc;

use crate::error::Error;
use crate::layout::Descriptor;
use crate::model::{Balance, Confirmations, Filing, Status, Text};
use crate::render::format::{amount, amount_opt, count_opt};
use crate::render::labels::{Wording, english};
use words::Words;

pub use header::{ClassHeader, CounterView};
pub(crate) use header::{header, yes_no};
pub use tables::{
    ArrangementRow, BlockView, ConvertibleRow, OptionRow, OtherRow, TableView, WarrantRow,
};

/// The whole return as printed.
#[derive(Debug, Clone, Serialize)]
pub struct FormView {
    /// The layout's description: its template set and capabilities.
    pub layout: &'static Descriptor,
    /// Every label of the form, by id, worded for the layout and language.
    #[serde(skip)]
    pub labels: Arc<BTreeMap<String, String>>,
    /// The same labels as the wording's template value: what templates (and any other
    /// serialization, as the same map) see as `labels`, shared rather than serialized anew.
    #[serde(rename = "labels")]
    pub label_values: tera::Value,
    /// The wording's index among the build script's ([`Wording::built_in`]): the built-in
    /// templates print the view with its labels written in.
    #[serde(skip)]
    pub wording: Option<usize>,
    /// The number of each note the layout has, by name (`public_float` → 4); a note the layout
    /// lacks is absent.
    pub notes: BTreeMap<String, usize>,
    /// The version printed in the footer.
    pub version: String,
    /// "31 January 2026".
    pub month_ended: String,
    /// "New Submission" or "Amendment".
    pub status: String,
    /// "02 February 2026".
    pub date_submitted: String,
    /// Name of the issuer.
    pub issuer_name: String,
    /// The incorporation note, without parentheses; empty when none.
    pub incorporation: String,
    /// Part I blocks; empty when Part I is not applicable.
    pub part_i: Vec<PartIView>,
    /// Remarks under Part I.
    pub authorised_remarks: String,
    /// Total authorised/registered share capital, one entry per currency.
    pub authorised_totals: Vec<MoneyView>,
    /// Part II blocks.
    pub part_ii: Vec<PartIIView>,
    /// (A) share options.
    pub share_options: TableView<OptionRow>,
    /// (B) warrants.
    pub warrants: TableView<WarrantRow>,
    /// (C) convertibles.
    pub convertibles: TableView<ConvertibleRow>,
    /// (D) other arrangements.
    pub arrangements: TableView<ArrangementRow>,
    /// (E) other movements.
    pub other_movements: TableView<OtherRow>,
    /// Part III grand totals per class.
    pub grand_totals: Vec<GrandTotalView>,
    /// Part IV; `None` when not applicable.
    pub hdr: Option<HdrView>,
    /// Part V: `standard`, `amended` or `not_applicable`.
    pub confirmations: String,
    /// The amended items, when `confirmations` is "amended".
    pub confirmation_items: Vec<String>,
    /// Name of the person submitting.
    pub submitted_by: String,
    /// Their title.
    pub title: String,
    /// Every stock code of the return, for PDF keywords.
    pub stock_codes: Vec<String>,
}

/// An amount with its currency.
#[derive(Debug, Clone, Serialize)]
pub struct MoneyView {
    /// "HKD".
    pub currency: String,
    /// "100,000,000".
    pub amount: String,
}

/// Three cells of a balance: preceding, movement, closing.
#[derive(Debug, Clone, Serialize)]
pub struct Triple {
    /// Balance at close of preceding month.
    pub preceding: String,
    /// Increase / decrease (-).
    pub movement: String,
    /// Balance at close of the month.
    pub closing: String,
}

/// Part I for one class.
#[derive(Debug, Clone, Serialize)]
pub struct PartIView {
    /// Class header.
    pub header: ClassHeader,
    /// Number of authorised/registered shares.
    pub shares: Triple,
    /// Par value currency.
    pub par_currency: String,
    /// Par value.
    pub par_value: String,
    /// Authorised/registered share capital.
    pub capital: Triple,
    /// Why capital is not shares x par value; empty when it is.
    pub capital_remark: String,
}

/// Part II for one class.
#[derive(Debug, Clone, Serialize)]
pub struct PartIIView {
    /// Class header.
    pub header: ClassHeader,
    /// Number of issued shares (excluding treasury shares).
    pub excluding_treasury: Triple,
    /// Number of treasury shares (1.2.0).
    pub treasury: Triple,
    /// Total number of issued shares (1.2.0); the movement cell is never printed.
    pub total: Triple,
    /// Public float sufficiency confirmation (1.2.0, listed classes).
    pub public_float: Option<PublicFloatView>,
}

/// The public float confirmation of a class.
#[derive(Debug, Clone, Serialize)]
pub struct PublicFloatView {
    /// Whether the requirement has been complied with (which box is ticked).
    pub complied: bool,
    /// The applicable threshold.
    pub threshold: String,
    /// Additional information.
    pub additional_information: String,
}

/// Part III grand totals of one class.
#[derive(Debug, Clone, Serialize)]
pub struct GrandTotalView {
    /// "Ordinary shares Class H".
    pub label: String,
    /// Total of A to E (1.0.1) or AA1 to EE1 (1.2.0); empty when blank.
    pub issued: String,
    /// Total of AA2 to EE2 (1.2.0); empty when blank.
    pub treasury: String,
}

/// Part IV.
#[derive(Debug, Clone, Serialize)]
pub struct HdrView {
    /// Stock code of the HDRs.
    pub stock_code: String,
    /// Description.
    pub description: String,
    /// Number of HDRs in issue.
    pub hdrs: Triple,
}

/// A text the user typed, in the wording's language (the Chinese of a text in the Chinese return).
pub(crate) fn typed(w: &Words<'_>, t: &Text) -> String {
    t.in_lang(w.language().lang()).to_owned()
}

/// A possibly absent typed text; absent prints as nothing.
pub(crate) fn typed_opt(w: &Words<'_>, t: Option<&Text>) -> String {
    t.map(|t| typed(w, t)).unwrap_or_default()
}

/// A balance's cells; the movement is `movement` (given or derived), blank when zero and not
/// given.
fn triple(b: &Balance, movement: Option<i128>) -> Triple {
    let shown = match (b.movement.value, movement) {
        (Some(given), _) => Some(i128::from(given)),
        (None, Some(m)) if m != 0 => Some(m),
        _ => None,
    };
    Triple {
        preceding: count_opt(b.preceding.value.map(i128::from)),
        movement: count_opt(shown),
        closing: count_opt(b.closing.value.map(i128::from)),
    }
}

fn part_i(f: &Filing, w: &Words<'_>) -> Vec<PartIView> {
    let with_capital = f
        .classes
        .iter()
        .filter_map(|c| c.authorised.as_ref().map(|a| (c, a)));
    with_capital
        .enumerate()
        .map(|(i, (c, a))| {
            PartIView {
                header: header(w, c, i + 1),
                shares: triple(&a.shares, part_i_movement(a)),
                par_currency: a.par_value.currency.clone(),
                par_value: amount(a.par_value.amount),
                capital: Triple {
                    preceding: amount_opt(capital_printed(
                        a,
                        a.capital.preceding.value,
                        a.shares.preceding.value,
                    )),
                    // Given: as given; blank: the difference, printed only when not zero, as
                    // the shares' movement is (the return as filed keeps its blank).
                    movement: amount_opt(
                        part_i_capital_movement(a)
                            .filter(|m| a.capital.movement.value.is_some() || !m.is_zero()),
                    ),
                    closing: amount_opt(capital_printed(
                        a,
                        a.capital.closing.value,
                        a.shares.closing.value,
                    )),
                },
                capital_remark: typed_opt(w, a.capital_remark.as_ref()),
            }
        })
        .collect()
}

fn part_ii(f: &Filing, w: &Words<'_>) -> Vec<PartIIView> {
    f.classes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let excl = &c.issued.excluding_treasury;
            let tsy = c.issued.treasury.clone().unwrap_or_default();
            let total = |a: Option<i64>, b: Option<i64>| {
                count_opt(Some(
                    i128::from(a.unwrap_or(0)) + i128::from(b.unwrap_or(0)),
                ))
            };
            PartIIView {
                header: header(w, c, i + 1),
                excluding_treasury: triple(excl, part_ii_movement(f, i)),
                treasury: triple(&tsy, part_ii_treasury_movement(f, i)),
                total: Triple {
                    preceding: total(excl.preceding.value, tsy.preceding.value),
                    movement: String::new(),
                    closing: total(excl.closing.value, tsy.closing.value),
                },
                public_float: c.public_float.as_ref().map(|p| PublicFloatView {
                    complied: p.complied,
                    threshold: typed(w, &p.threshold),
                    additional_information: typed(w, &p.additional_information),
                }),
            }
        })
        .collect()
}

/// Builds the view of a valid filing in English.
pub fn view(f: &Filing) -> FormView {
    view_in(f, &english(f.layout))
}

/// Builds the view of a valid filing with the labels of `w` (its layout's, in one language).
pub fn view_in(f: &Filing, w: &Wording) -> FormView {
    build(f, &Words::one(w))
}

/// One view of a valid filing for its text and its PDF in one language: built with the text's
/// wording `text`, and `None` when the PDF's wording `pdf` words differently a label the view
/// itself prints (a class, a status, a yes or no). Where they print the view alike, it is the
/// PDF's view but for its labels ([`FormView::worded`]): `bulk` builds it, and hands it to the
/// templates, once for both.
pub fn view_for_both(f: &Filing, text: &Wording, pdf: &Wording) -> Option<FormView> {
    if text.language != pdf.language {
        return None;
    }
    let words = Words::both(text, pdf);
    let view = build(f, &words);
    (!words.differs()).then_some(view)
}

impl FormView {
    /// The view as the templates receive it, for the template `name` (named if it fails).
    ///
    /// # Errors
    /// [`Error::Template`] if the view does not serialize, which a valid filing's does.
    pub fn context(&self, name: &str) -> Result<tera::Context, Error> {
        tera::Context::from_serialize(self).map_err(|e| Error::template(name, &e))
    }

    /// The view with the labels of `w` (a wording that prints its cells alike,
    /// [`view_for_both`]).
    #[must_use]
    pub fn worded(self, w: &Wording) -> FormView {
        FormView {
            labels: Arc::clone(&w.labels),
            label_values: w.template_value.clone(),
            wording: w.built_in,
            ..self
        }
    }
}

/// The view of a valid filing in the wording `w`.
fn build(f: &Filing, w: &Words<'_>) -> FormView {
    let grand_totals = (0..f.classes.len())
        .map(|i| {
            let t = part_iii_total(f, i);
            GrandTotalView {
                label: header(w, &f.classes[i], i + 1).label,
                issued: count_opt(t.issued),
                treasury: count_opt(t.treasury),
            }
        })
        .collect();
    let (confirmations, confirmation_items) = match &f.confirmations {
        Confirmations::Standard => ("standard", Vec::new()),
        Confirmations::NotApplicable => ("not_applicable", Vec::new()),
        Confirmations::Amended(items) => ("amended", items.iter().map(|t| typed(w, t)).collect()),
    };
    let mut stock_codes: Vec<String> = f
        .classes
        .iter()
        .filter_map(|c| c.stock_code.clone())
        .collect();
    stock_codes.extend(
        f.classes
            .iter()
            .flat_map(|c| c.counters.iter().map(|k| k.stock_code.clone())),
    );
    FormView {
        layout: f.layout.descriptor(),
        labels: Arc::clone(&w.wording().labels),
        label_values: w.wording().template_value.clone(),
        wording: w.wording().built_in,
        notes: f
            .layout
            .descriptor()
            .notes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), i + 1))
            .collect(),
        version: f.printed_version.clone(),
        month_ended: w.language().date(f.month_ended.date),
        status: w
            .get(match f.status {
                Status::NewSubmission => "hdr_status_new",
                Status::Amendment => "hdr_status_amendment",
            })
            .to_owned(),
        date_submitted: w.language().date(f.date_submitted.date),
        issuer_name: typed(w, &f.issuer_name),
        incorporation: typed_opt(w, f.incorporation.as_ref()),
        part_i: part_i(f, w),
        authorised_remarks: typed_opt(w, f.authorised_remarks.as_ref()),
        authorised_totals: authorised_totals(f)
            .into_iter()
            .map(|(currency, a)| MoneyView {
                currency,
                amount: amount(a),
            })
            .collect(),
        part_ii: part_ii(f, w),
        share_options: tables::share_options(f, w),
        warrants: tables::warrants(f, w),
        convertibles: tables::convertibles(f, w),
        arrangements: tables::arrangements(f, w),
        other_movements: tables::other_movements(f, w),
        grand_totals,
        hdr: f.hdr.as_ref().map(|h| HdrView {
            stock_code: h.stock_code.clone(),
            description: typed(w, &h.description),
            hdrs: triple(&h.hdrs, None),
        }),
        confirmations: confirmations.to_owned(),
        confirmation_items,
        submitted_by: typed(w, &f.submitted_by),
        title: typed(w, &f.title),
        stock_codes,
    }
}
