//! The view of Part III: one [`TableView`] per table, blocks per class, rows as printed.

use serde::Serialize;

use crate::model::compute::{FundsRaised, Row, block_total, funds_raised};
use crate::model::{
    Arrangement, Block, Convertible, Count, Filing, IssueType, Money, OptionScheme, OtherMovement,
    Table, Warrant,
};
use crate::render::format::{amount, amount_opt, count_opt};
use crate::render::view::words::Words;
use crate::render::view::{ClassHeader, header, typed, typed_opt, yes_no};

/// One Part III table.
#[derive(Debug, Clone, Serialize)]
pub struct TableView<R> {
    /// False when the table is "Not applicable".
    pub applicable: bool,
    /// One block per class.
    pub blocks: Vec<BlockView<R>>,
    /// Remarks under the table; empty when none.
    pub remarks: String,
}

/// The rows of one class in one table, with the footer totals.
#[derive(Debug, Clone, Serialize)]
pub struct BlockView<R> {
    /// The class header as this table prints it.
    pub header: ClassHeader,
    /// The rows, numbered from 1.
    pub rows: Vec<R>,
    /// 1.0.1 "Total X"; 1.2.0 (XX1). Empty when blank.
    pub total_issued: String,
    /// 1.2.0 (XX2). Empty when blank.
    pub total_treasury: String,
    /// (A) "USD 0"; empty when not given.
    pub funds_raised: String,
}

/// (A) a share option scheme.
#[derive(Debug, Clone, Serialize)]
pub struct OptionRow {
    /// 1-based.
    pub number: usize,
    /// Particulars of the scheme.
    pub particulars: String,
    /// General Meeting approval date.
    pub approval_date: String,
    /// Outstanding at close of preceding month.
    pub outstanding_preceding: String,
    /// Granted.
    pub granted: String,
    /// Exercised (negative).
    pub exercised: String,
    /// Cancelled (negative).
    pub cancelled: String,
    /// Lapsed (negative).
    pub lapsed: String,
    /// Outstanding at close of the month.
    pub outstanding_closing: String,
    /// (A1).
    pub new_shares_issued: String,
    /// (A2).
    pub treasury_transferred: String,
    /// Shares which may be issued or transferred.
    pub may_be_issued: String,
    /// Remaining capacity of the scheme.
    pub remaining_capacity: String,
}

/// (B) an issue of warrants.
#[derive(Debug, Clone, Serialize)]
pub struct WarrantRow {
    /// 1-based.
    pub number: usize,
    /// Description of warrants.
    pub description: String,
    /// Date of expiry.
    pub expiry_date: String,
    /// Currency of nominal value.
    pub currency: String,
    /// Nominal value at close of preceding month.
    pub nominal_preceding: String,
    /// Movement during the month.
    pub movement: String,
    /// Nominal value at close of the month.
    pub nominal_closing: String,
    /// (B1).
    pub new_shares_issued: String,
    /// (B2).
    pub treasury_transferred: String,
    /// Shares which may be issued or transferred.
    pub may_be_issued: String,
    /// Type of the warrants.
    pub kind: String,
    /// Stock code of the warrants.
    pub stock_code: String,
    /// Subscription price currency.
    pub price_currency: String,
    /// Subscription price.
    pub price: String,
    /// General Meeting approval date.
    pub approval_date: String,
}

/// (C) an issue of convertibles.
#[derive(Debug, Clone, Serialize)]
pub struct ConvertibleRow {
    /// 1-based.
    pub number: usize,
    /// Description of the convertibles.
    pub description: String,
    /// Currency.
    pub currency: String,
    /// Amount at close of preceding month.
    pub amount_preceding: String,
    /// The movement's kind ("Issued").
    pub movement_kind: String,
    /// The movement's amount.
    pub movement: String,
    /// Amount at close of the month.
    pub amount_closing: String,
    /// (C1).
    pub new_shares_issued: String,
    /// (C2).
    pub treasury_transferred: String,
    /// Shares which may be issued or transferred.
    pub may_be_issued: String,
    /// Type of the convertibles.
    pub kind: String,
    /// Stock code of the convertibles.
    pub stock_code: String,
    /// Conversion price currency.
    pub price_currency: String,
    /// Conversion price.
    pub price: String,
    /// General Meeting approval date.
    pub approval_date: String,
}

/// (D) another arrangement.
#[derive(Debug, Clone, Serialize)]
pub struct ArrangementRow {
    /// 1-based.
    pub number: usize,
    /// Full particulars.
    pub description: String,
    /// General Meeting approval date.
    pub approval_date: String,
    /// (D1).
    pub new_shares_issued: String,
    /// (D2).
    pub treasury_transferred: String,
    /// Shares which may be issued or transferred.
    pub may_be_issued: String,
}

/// (E) another movement.
#[derive(Debug, Clone, Serialize)]
pub struct OtherRow {
    /// 1-based.
    pub number: usize,
    /// "Repurchase of shares", "Other (Please specify) ...".
    pub type_of_issue: String,
    /// At price: currency.
    pub price_currency: String,
    /// At price: amount.
    pub price: String,
    /// Date of event (1.0.1: issue and allotment date).
    pub date_of_event: String,
    /// General Meeting approval date.
    pub approval_date: String,
    /// (E) / (E1).
    pub issued: String,
    /// (E2).
    pub treasury: String,
    /// Pending cancellation (1.0.1: the "may be issued" column).
    pub pending_cancellation: String,
}

fn c(x: &Count) -> String {
    count_opt(x.value.map(i128::from))
}

fn money_parts(m: Option<&Money>) -> (String, String) {
    m.map_or((String::new(), String::new()), |m| {
        (m.currency.clone(), amount(m.amount))
    })
}

fn table<E: Row, R>(
    f: &Filing,
    w: &Words<'_>,
    t: Option<&Table<E>>,
    row: impl Fn(usize, &E) -> R,
    extra: impl Fn(&Block<E>) -> String,
) -> TableView<R> {
    let Some(t) = t else {
        return TableView {
            applicable: false,
            blocks: Vec::new(),
            remarks: String::new(),
        };
    };
    let blocks = t
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let class = &f.classes[b.class];
            let mut h = header(w, class, i + 1);
            if let Some(listed) = b.listed {
                h.listed = yes_no(w, listed);
            }
            if let Some(code) = &b.stock_code {
                h.stock_code = code.clone().unwrap_or_default();
            }
            if let Some(description) = &b.description {
                h.description = typed(w, description);
            }
            let total = block_total(f.layout, b);
            BlockView {
                header: h,
                rows: b
                    .entries
                    .iter()
                    .enumerate()
                    .map(|(n, e)| row(n + 1, e))
                    .collect(),
                total_issued: count_opt(total.issued),
                total_treasury: count_opt(total.treasury),
                funds_raised: extra(b),
            }
        })
        .collect();
    TableView {
        applicable: true,
        blocks,
        remarks: typed_opt(w, t.remarks.as_ref()),
    }
}

pub(crate) fn share_options(f: &Filing, w: &Words<'_>) -> TableView<OptionRow> {
    let row = |number, s: &OptionScheme| OptionRow {
        number,
        particulars: typed(w, &s.particulars),
        approval_date: w
            .language()
            .date_opt(s.approval_date.as_ref().map(|d| d.date)),
        outstanding_preceding: c(&s.outstanding_preceding),
        granted: c(&s.granted),
        exercised: c(&s.exercised),
        cancelled: c(&s.cancelled),
        lapsed: c(&s.lapsed),
        outstanding_closing: c(&s.outstanding_closing),
        new_shares_issued: c(&s.new_shares_issued),
        treasury_transferred: c(&s.treasury_transferred),
        may_be_issued: c(&s.may_be_issued),
        remaining_capacity: c(&s.remaining_capacity),
    };
    let funds = |b: &Block<OptionScheme>| match (&b.funds_raised, funds_raised(b)) {
        (Some(m), _) => format!("{} {}", m.currency, amount(m.amount)),
        (None, FundsRaised::Raised(currency, total)) => format!("{currency} {}", amount(total)),
        (None, _) => String::new(),
    };
    table(f, w, f.share_options.as_ref(), row, funds)
}

pub(crate) fn warrants(f: &Filing, w: &Words<'_>) -> TableView<WarrantRow> {
    let row = |number, x: &Warrant| {
        let (price_currency, price) = money_parts(x.subscription_price.as_ref());
        WarrantRow {
            number,
            description: typed(w, &x.description),
            expiry_date: w.language().date_opt(x.expiry_date),
            currency: x.currency.clone(),
            nominal_preceding: amount_opt(x.nominal.preceding.value),
            movement: amount_opt(x.nominal.movement.value),
            nominal_closing: amount_opt(x.nominal.closing.value),
            new_shares_issued: c(&x.new_shares_issued),
            treasury_transferred: c(&x.treasury_transferred),
            may_be_issued: c(&x.may_be_issued),
            kind: typed_opt(w, x.kind.as_ref()),
            stock_code: x.stock_code.clone().unwrap_or_default(),
            price_currency,
            price,
            approval_date: w
                .language()
                .date_opt(x.approval_date.as_ref().map(|d| d.date)),
        }
    };
    table(f, w, f.warrants.as_ref(), row, |_| String::new())
}

pub(crate) fn convertibles(f: &Filing, w: &Words<'_>) -> TableView<ConvertibleRow> {
    let row = |number, v: &Convertible| {
        let (price_currency, price) = money_parts(v.conversion_price.as_ref());
        ConvertibleRow {
            number,
            description: typed(w, &v.description),
            currency: v.currency.clone(),
            amount_preceding: amount_opt(v.amount.preceding.value),
            movement_kind: typed_opt(w, v.movement_kind.as_ref()),
            movement: amount_opt(v.amount.movement.value),
            amount_closing: amount_opt(v.amount.closing.value),
            new_shares_issued: c(&v.new_shares_issued),
            treasury_transferred: c(&v.treasury_transferred),
            may_be_issued: c(&v.may_be_issued),
            kind: typed_opt(w, v.kind.as_ref()),
            stock_code: v.stock_code.clone().unwrap_or_default(),
            price_currency,
            price,
            approval_date: w
                .language()
                .date_opt(v.approval_date.as_ref().map(|d| d.date)),
        }
    };
    table(f, w, f.convertibles.as_ref(), row, |_| String::new())
}

pub(crate) fn arrangements(f: &Filing, w: &Words<'_>) -> TableView<ArrangementRow> {
    let row = |number, d: &Arrangement| ArrangementRow {
        number,
        description: typed(w, &d.description),
        approval_date: w
            .language()
            .date_opt(d.approval_date.as_ref().map(|d| d.date)),
        new_shares_issued: c(&d.new_shares_issued),
        treasury_transferred: c(&d.treasury_transferred),
        may_be_issued: c(&d.may_be_issued),
    };
    table(f, w, f.arrangements.as_ref(), row, |_| String::new())
}

/// The label id of a "Type of Issue".
fn issue_id(t: IssueType) -> &'static str {
    use IssueType as T;
    match t {
        T::RightsIssue => "p3_E_val_rights_issue",
        T::OpenOffer => "p3_E_val_open_offer",
        T::Placing => "p3_E_val_placing",
        T::BonusIssue => "p3_E_val_bonus_issue",
        T::ScripDividend => "p3_E_val_scrip_dividend",
        T::ConsiderationIssue => "p3_E_val_consideration_issue",
        T::CapitalReorganisation => "p3_E_val_capital_reorganisation",
        T::Repurchase => "p3_E_val_repurchase",
        T::Redemption => "p3_E_val_redemption",
        T::RepurchaseCancelled => "p3_E_val_repurchase_cancelled",
        T::RepurchaseToTreasury => "p3_E_val_repurchase_treasury",
        T::RepurchasePending => "p3_E_val_repurchase_pending",
        T::RedemptionCancelled => "p3_E_val_redemption_cancelled",
        T::RedemptionPending => "p3_E_val_redemption_pending",
        T::TreasurySale => "p3_E_val_treasury_sale",
        T::TreasuryCancellation => "p3_E_val_treasury_cancellation",
        T::Other => "p3_E_val_other",
    }
}

pub(crate) fn other_movements(f: &Filing, w: &Words<'_>) -> TableView<OtherRow> {
    let row = |number, e: &OtherMovement| {
        let (price_currency, price) = money_parts(e.price.as_ref());
        let label = w.get(issue_id(e.issue_type));
        OtherRow {
            number,
            type_of_issue: match &e.specify {
                Some(s) if e.issue_type == IssueType::Other => format!("{label} {}", typed(w, s)),
                _ => label.to_owned(),
            },
            price_currency,
            price,
            date_of_event: w
                .language()
                .date_opt(e.date_of_event.as_ref().map(|d| d.date)),
            approval_date: w
                .language()
                .date_opt(e.approval_date.as_ref().map(|d| d.date)),
            issued: c(&e.issued),
            treasury: c(&e.treasury),
            pending_cancellation: c(&e.pending_cancellation),
        }
    };
    table(f, w, f.other_movements.as_ref(), row, |_| String::new())
}
