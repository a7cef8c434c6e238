//! The input format's closed sets, defined once: each enum's spellings in one table that the
//! reader parses with, `next` and `init` write with, and the schema lists.
//!
//! Spellings of the input, not of the printed form: the form's wording is in the label files.

use crate::model::{ClassOfShares, IssueType, Status, TypeOfShares};

/// `status`.
pub(crate) const STATUSES: &[(&str, Status)] = &[
    ("new_submission", Status::NewSubmission),
    ("amendment", Status::Amendment),
];

/// `class_of_shares`: the current form's drop-down values.
pub(crate) const CLASSES: &[(&str, ClassOfShares)] = &[
    ("Ordinary shares", ClassOfShares::Ordinary),
    ("Preference shares", ClassOfShares::Preference),
    ("WVR ordinary shares", ClassOfShares::WvrOrdinary),
    ("Other class (specify in description)", ClassOfShares::Other),
];

/// `type_of_shares`: the current form's drop-down values.
pub(crate) const TYPES: &[(&str, TypeOfShares)] = &[
    ("Not applicable", TypeOfShares::NotApplicable),
    ("A", TypeOfShares::A),
    ("B", TypeOfShares::B),
    ("H", TypeOfShares::H),
    ("Other type (specify in description)", TypeOfShares::Other),
];

/// (E) `type_of_issue`.
pub(crate) const ISSUE_TYPES: &[(&str, IssueType)] = &[
    ("rights_issue", IssueType::RightsIssue),
    ("open_offer", IssueType::OpenOffer),
    ("placing", IssueType::Placing),
    ("bonus_issue", IssueType::BonusIssue),
    ("scrip_dividend", IssueType::ScripDividend),
    ("consideration_issue", IssueType::ConsiderationIssue),
    ("capital_reorganisation", IssueType::CapitalReorganisation),
    ("repurchase_of_shares", IssueType::Repurchase),
    ("repurchase_cancelled", IssueType::RepurchaseCancelled),
    (
        "repurchase_held_as_treasury",
        IssueType::RepurchaseToTreasury,
    ),
    (
        "repurchase_pending_cancellation",
        IssueType::RepurchasePending,
    ),
    ("redemption_of_shares", IssueType::Redemption),
    ("redemption_cancelled", IssueType::RedemptionCancelled),
    (
        "redemption_pending_cancellation",
        IssueType::RedemptionPending,
    ),
    (
        "sale_or_transfer_of_treasury_shares",
        IssueType::TreasurySale,
    ),
    (
        "cancellation_of_treasury_shares",
        IssueType::TreasuryCancellation,
    ),
    ("other", IssueType::Other),
];

/// `confirmations`, when not a list of amended items: standard or not applicable.
pub(crate) const CONFIRMATIONS: &[(&str, bool)] = &[("standard", true), ("not_applicable", false)];

/// The spelling of `value` in `table`; every enum value has one (a test checks).
pub(crate) fn word<T: PartialEq>(table: &[(&'static str, T)], value: &T) -> &'static str {
    table
        .iter()
        .find_map(|(w, v)| (v == value).then_some(*w))
        .unwrap_or_default()
}

/// The spellings of `table`, in order.
pub(crate) fn words<T>(table: &[(&'static str, T)]) -> Vec<&'static str> {
    table.iter().map(|(w, _)| *w).collect()
}

#[cfg(test)]
mod tests {
    use super::{CLASSES, ISSUE_TYPES, STATUSES, TYPES, word};
    use crate::model::{ClassOfShares, Status, TypeOfShares};

    fn one_spelling_each<T: PartialEq + std::fmt::Debug>(table: &[(&'static str, T)]) {
        for (w, v) in table {
            assert_eq!(word(table, v), *w);
            assert_eq!(table.iter().filter(|(_, x)| x == v).count(), 1, "{v:?}");
        }
    }

    #[test]
    fn every_value_has_exactly_one_spelling() {
        one_spelling_each(STATUSES);
        one_spelling_each(CLASSES);
        one_spelling_each(TYPES);
        one_spelling_each(ISSUE_TYPES);
        for s in [Status::NewSubmission, Status::Amendment] {
            assert!(!word(STATUSES, &s).is_empty());
        }
        for c in [
            ClassOfShares::Ordinary,
            ClassOfShares::Preference,
            ClassOfShares::WvrOrdinary,
            ClassOfShares::Other,
        ] {
            assert!(!word(CLASSES, &c).is_empty());
        }
        for t in [
            TypeOfShares::NotApplicable,
            TypeOfShares::A,
            TypeOfShares::B,
            TypeOfShares::H,
            TypeOfShares::Other,
        ] {
            assert!(!word(TYPES, &t).is_empty());
        }
    }
}
