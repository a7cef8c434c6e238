//! Stage 2 output: the monthly return as typed data.
//!
//! A [`Filing`] that exists has passed every rule of the form: renderers trust it and check
//! nothing. The model is plain data: no YAML types, no I/O. Each figure keeps the place the user
//! wrote it ([`Src`]) so that a rule can point at it.
#![deny(clippy::float_arithmetic)]

pub mod calendar;
pub mod compute;
pub mod holidays;
mod parts;
mod text;

use chrono::NaiveDate;
use rust_decimal::Decimal;

pub use parts::{
    Arrangement, Block, Confirmations, Convertible, Hdr, IssueType, OptionScheme, OtherMovement,
    Table, Warrant,
};
pub use text::{Lang, Text};

use crate::diag::Loc;
pub use crate::layout::Layout;

/// Where a value was written: its location and YAML path.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Src {
    /// Line and column.
    pub loc: Loc,
    /// YAML path, such as `share_classes[0].authorised.shares.closing`.
    pub path: String,
}

/// A whole-number figure of the form; `None` is a blank cell (counted as zero).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Count {
    /// The figure, or `None` for a blank.
    pub value: Option<i64>,
    /// Where it was written, or where it would go.
    pub src: Src,
}

impl Count {
    /// The figure, blank counting as zero.
    pub fn or_zero(&self) -> i64 {
        self.value.unwrap_or(0)
    }
}

/// A decimal figure (money or nominal value); `None` is a blank cell.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Amount {
    /// The figure, or `None` for a blank.
    pub value: Option<Decimal>,
    /// Where it was written, or where it would go.
    pub src: Src,
}

impl Amount {
    /// The figure, blank counting as zero.
    pub fn or_zero(&self) -> Decimal {
        self.value.unwrap_or(Decimal::ZERO)
    }
}

/// An amount in a currency, such as a par value of HKD 0.01.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Money {
    /// ISO 4217 code as the form prints it (`RMB` for renminbi).
    pub currency: String,
    /// The exact amount.
    pub amount: Decimal,
    /// Where the amount was written.
    pub src: Src,
}

/// A date with the place it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated {
    /// The date.
    pub date: NaiveDate,
    /// Where it was written.
    pub src: Src,
}

/// New submission or amendment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// A first filing for the month.
    NewSubmission,
    /// A corrected filing replacing an earlier one.
    Amendment,
}

/// One monthly return.
#[derive(Debug, Clone, PartialEq)]
pub struct Filing {
    /// The layout to render.
    pub layout: Layout,
    /// Where `version` was written; `None` when it was left out and the month chose the layout.
    pub version_src: Option<Src>,
    /// The version printed in the footer (may differ from the layout's own).
    pub printed_version: String,
    /// The last day of the month reported.
    pub month_ended: Dated,
    /// New submission or amendment.
    pub status: Status,
    /// The day the return is submitted.
    pub date_submitted: Dated,
    /// Name of the issuer.
    pub issuer_name: Text,
    /// Incorporation note printed after the name, without parentheses.
    pub incorporation: Option<Text>,
    /// The classes of shares, in the order of the form.
    pub classes: Vec<ShareClass>,
    /// Remarks under Part I.
    pub authorised_remarks: Option<Text>,
    /// Part I totals as the user gave them, per currency, to be checked.
    pub authorised_totals: Vec<Money>,
    /// Part III (A): share options.
    pub share_options: Option<Table<OptionScheme>>,
    /// Part III (B): warrants.
    pub warrants: Option<Table<Warrant>>,
    /// Part III (C): convertibles.
    pub convertibles: Option<Table<Convertible>>,
    /// Part III (D): other agreements or arrangements.
    pub arrangements: Option<Table<Arrangement>>,
    /// Part III (E): other movements.
    pub other_movements: Option<Table<OtherMovement>>,
    /// Part III grand totals as the user gave them, per class id, to be checked.
    pub grand_totals: Vec<GivenTotal>,
    /// Part IV, when the issuer has HDRs.
    pub hdr: Option<Hdr>,
    /// Part V.
    pub confirmations: Confirmations,
    /// Name of the person submitting.
    pub submitted_by: Text,
    /// Title of the person submitting.
    pub title: Text,
}

/// A total the user stated for one class, checked against the computed one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GivenTotal {
    /// Index of the class in [`Filing::classes`].
    pub class: usize,
    /// Issued shares (1.0.1: the only total; 1.2.0: excluding treasury).
    pub issued: Count,
    /// Treasury shares (1.2.0 only).
    pub treasury: Count,
}

/// "Class of shares" on the current form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassOfShares {
    /// Ordinary shares.
    Ordinary,
    /// Preference shares.
    Preference,
    /// Shares with weighted voting rights.
    WvrOrdinary,
    /// Other class, specified in the description.
    Other,
}

/// "Type of shares" on the current form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeOfShares {
    /// No type.
    NotApplicable,
    /// A shares.
    A,
    /// B shares.
    B,
    /// H shares.
    H,
    /// Other type, specified in the description.
    Other,
}

/// A further stock code of one class, traded in another currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counter {
    /// Five-digit stock code.
    pub stock_code: String,
    /// Trading currency.
    pub currency: String,
    /// Description printed beside it.
    pub description: Text,
}

/// One class of shares with its Parts I and II.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareClass {
    /// The handle Part III entries use.
    pub id: String,
    /// Class of shares.
    pub class_of_shares: ClassOfShares,
    /// Type of shares.
    pub type_of_shares: TypeOfShares,
    /// Listed on the Exchange.
    pub listed: bool,
    /// Stock code, when listed.
    pub stock_code: Option<String>,
    /// Multi-counter stock codes.
    pub counters: Vec<Counter>,
    /// Description.
    pub description: Text,
    /// Part I, unless not applicable for this class.
    pub authorised: Option<Authorised>,
    /// Part II.
    pub issued: Issued,
    /// Public float confirmation (1.2.0, listed classes).
    pub public_float: Option<PublicFloat>,
    /// Where the class is written.
    pub src: Src,
}

/// Preceding balance, movement and closing balance of one column.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Balance {
    /// Balance at close of preceding month.
    pub preceding: Count,
    /// Increase / decrease (-), as given; blank when not given.
    pub movement: Count,
    /// Balance at close of the month.
    pub closing: Count,
}

/// The same for amounts of money.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AmountBalance {
    /// At close of preceding month.
    pub preceding: Amount,
    /// Increase / decrease (-), as given.
    pub movement: Amount,
    /// At close of the month.
    pub closing: Amount,
}

/// Part I for one class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorised {
    /// Number of authorised/registered shares.
    pub shares: Balance,
    /// Par value.
    pub par_value: Money,
    /// Authorised/registered share capital, as given.
    pub capital: AmountBalance,
    /// Why the capital is not shares x par value (e.g. preference shares at issue proceeds).
    pub capital_remark: Option<Text>,
}

/// Part II for one class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    /// Issued shares (excluding treasury shares, from 1.1).
    pub excluding_treasury: Balance,
    /// Treasury shares (1.2.0).
    pub treasury: Option<Balance>,
    /// Total number of issued shares as given (1.2.0), preceding and closing.
    pub total: Option<(Count, Count)>,
}

/// The public float sufficiency confirmation of one listed class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicFloat {
    /// Whether the requirement has been complied with.
    pub complied: bool,
    /// The applicable threshold, in the form's words.
    pub threshold: Text,
    /// Additional information.
    pub additional_information: Text,
}
