//! The model of Parts III to V: the five tables of movements, HDRs and confirmations.

use chrono::NaiveDate;

use crate::model::{AmountBalance, Balance, Count, Dated, Money, Src, Text};

/// One Part III table: blocks per class and the remarks under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Table<E> {
    /// One block per class of shares.
    pub blocks: Vec<Block<E>>,
    /// Remarks printed under the table.
    pub remarks: Option<Text>,
}

/// The entries of one table that concern one class.
#[derive(Debug, Clone, PartialEq)]
pub struct Block<E> {
    /// Index of the class in [`crate::model::Filing::classes`].
    pub class: usize,
    /// Listed on the Exchange, when the header differs from the class in Parts I and II.
    pub listed: Option<bool>,
    /// Stock code in the header, when it differs (`Some(None)`: printed blank).
    pub stock_code: Option<Option<String>>,
    /// Description in the header, when it differs.
    pub description: Option<Text>,
    /// The rows.
    pub entries: Vec<E>,
    /// Total of new shares issued (1.0.1 "Total A"; 1.2.0 (XX1)), as given.
    pub total_issued: Count,
    /// Total movement in treasury shares (1.2.0 (XX2)), as given.
    pub total_treasury: Count,
    /// Total funds raised from exercise of options, (A) only.
    pub funds_raised: Option<Money>,
    /// Where the block is written.
    pub src: Src,
}

/// (A) One share option scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionScheme {
    /// Particulars of share option scheme.
    pub particulars: Text,
    /// General Meeting approval date.
    pub approval_date: Option<Dated>,
    /// Outstanding at close of preceding month.
    pub outstanding_preceding: Count,
    /// Granted (positive).
    pub granted: Count,
    /// Exercised (printed negative).
    pub exercised: Count,
    /// Cancelled (printed negative).
    pub cancelled: Count,
    /// Lapsed (printed negative).
    pub lapsed: Count,
    /// Outstanding at close of the month.
    pub outstanding_closing: Count,
    /// (A1) new shares issued.
    pub new_shares_issued: Count,
    /// (A2) treasury shares transferred out of treasury.
    pub treasury_transferred: Count,
    /// Shares which may be issued or transferred pursuant thereto at close of the month.
    pub may_be_issued: Count,
    /// Shares which may be issued under all options still to be granted (scheme capacity).
    pub remaining_capacity: Count,
    /// Exercise price, when funds raised are to be computed.
    pub exercise_price: Option<Money>,
    /// The return was imported from a published one that does not print the scheme's exercise
    /// price (`exercise_price: not_printed`): the funds raised as printed are taken as given.
    pub exercise_price_not_printed: bool,
    /// Shares each option gives (blank: 1; options over ADSs give several shares).
    pub shares_per_option: Count,
    /// Where the scheme is written.
    pub src: Src,
}

/// (B) One issue of warrants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warrant {
    /// Description of warrants.
    pub description: Text,
    /// Date of expiry.
    pub expiry_date: Option<NaiveDate>,
    /// Currency of nominal value.
    pub currency: String,
    /// Nominal value: preceding, movement, closing.
    pub nominal: AmountBalance,
    /// (B1) new shares issued.
    pub new_shares_issued: Count,
    /// (B2) treasury shares transferred out.
    pub treasury_transferred: Count,
    /// Shares which may be issued or transferred at close of the month.
    pub may_be_issued: Count,
    /// Type of the warrants.
    pub kind: Option<Text>,
    /// Stock code of the warrants, if listed.
    pub stock_code: Option<String>,
    /// Subscription price.
    pub subscription_price: Option<Money>,
    /// General Meeting approval date.
    pub approval_date: Option<Dated>,
    /// Where the entry is written.
    pub src: Src,
}

/// (C) One issue of convertibles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Convertible {
    /// Description of the convertibles.
    pub description: Text,
    /// Currency of the amount.
    pub currency: String,
    /// Amount: preceding, movement, closing.
    pub amount: AmountBalance,
    /// The movement's kind from the form's drop-down ("Issued", "Converted", ...).
    pub movement_kind: Option<Text>,
    /// (C1) new shares issued.
    pub new_shares_issued: Count,
    /// (C2) treasury shares transferred out.
    pub treasury_transferred: Count,
    /// Shares which may be issued or transferred at close of the month.
    pub may_be_issued: Count,
    /// Type of the convertibles (e.g. "Bond/Notes").
    pub kind: Option<Text>,
    /// Stock code of the convertibles, if listed.
    pub stock_code: Option<String>,
    /// Subscription/conversion price.
    pub conversion_price: Option<Money>,
    /// General Meeting approval date.
    pub approval_date: Option<Dated>,
    /// Where the entry is written.
    pub src: Src,
}

/// (D) One other agreement or arrangement to issue shares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrangement {
    /// Full particulars.
    pub description: Text,
    /// General Meeting approval date.
    pub approval_date: Option<Dated>,
    /// (D1) new shares issued.
    pub new_shares_issued: Count,
    /// (D2) treasury shares transferred out.
    pub treasury_transferred: Count,
    /// Shares which may be issued or transferred at close of the month.
    pub may_be_issued: Count,
    /// Where the entry is written.
    pub src: Src,
}

/// The form's "Type of Issue" in table (E).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueType {
    /// Rights issue.
    RightsIssue,
    /// Open offer.
    OpenOffer,
    /// Placing.
    Placing,
    /// Bonus issue.
    BonusIssue,
    /// Scrip dividend.
    ScripDividend,
    /// Consideration issue.
    ConsiderationIssue,
    /// Capital reorganisation.
    CapitalReorganisation,
    /// Repurchase of shares (1.0.1 wording, no variant).
    Repurchase,
    /// Repurchase of shares (shares repurchased and cancelled).
    RepurchaseCancelled,
    /// Repurchase of shares (shares held as treasury shares).
    RepurchaseToTreasury,
    /// Repurchase of shares (shares repurchased for cancellation but not yet cancelled).
    RepurchasePending,
    /// Redemption of shares (1.0.1 wording, no variant).
    Redemption,
    /// Redemption of shares (shares redeemed and cancelled).
    RedemptionCancelled,
    /// Redemption of shares (shares redeemed but not yet cancelled).
    RedemptionPending,
    /// Sale or transfer of treasury shares.
    TreasurySale,
    /// Cancellation of treasury shares.
    TreasuryCancellation,
    /// Other (please specify).
    Other,
}

impl IssueType {
    /// Whether the movement is a repurchase or redemption whose shares are not yet cancelled.
    pub const fn is_pending(self) -> bool {
        matches!(self, Self::RepurchasePending | Self::RedemptionPending)
    }

    /// Whether the movement reduces the shares in issue (repurchase or redemption).
    pub const fn is_buy_back(self) -> bool {
        matches!(
            self,
            Self::Repurchase
                | Self::RepurchaseCancelled
                | Self::RepurchaseToTreasury
                | Self::RepurchasePending
                | Self::Redemption
                | Self::RedemptionCancelled
                | Self::RedemptionPending
        )
    }
}

/// (E) One other movement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherMovement {
    /// Type of issue.
    pub issue_type: IssueType,
    /// The specification of "Other (Please specify)".
    pub specify: Option<Text>,
    /// At price.
    pub price: Option<Money>,
    /// Date of event (1.0.1: issue and allotment date).
    pub date_of_event: Option<Dated>,
    /// General Meeting approval date.
    pub approval_date: Option<Dated>,
    /// (E1) movement in issued shares excluding treasury (1.0.1: (E) new shares issued).
    pub issued: Count,
    /// (E2) movement in treasury shares.
    pub treasury: Count,
    /// Shares repurchased or redeemed pending cancellation (negative); in 1.0.1 the "may be
    /// issued" column.
    pub pending_cancellation: Count,
    /// Where the entry is written.
    pub src: Src,
}

/// Part IV: Hong Kong Depositary Receipts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hdr {
    /// Stock code of the HDRs.
    pub stock_code: String,
    /// Description.
    pub description: Text,
    /// Number of HDRs in issue: preceding, movement, closing.
    pub hdrs: Balance,
    /// Where Part IV is written.
    pub src: Src,
}

/// Part V.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirmations {
    /// The form's suggested items (i) to (viii).
    Standard,
    /// Nothing was issued or transferred: Part V is not applicable.
    NotApplicable,
    /// The issuer's own amended list of items.
    Amended(Vec<Text>),
}
