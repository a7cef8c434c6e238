//! The wording that marks each line of the form, per layout, read from the layout descriptions
//! (`templates/layouts.yaml`) and the English labels (`templates/labels/en.yaml`) that the
//! templates print; and the recognition of a return's layout from that wording. The reader
//! matches lines against these labels only; figures are never matched by wording.
//!
//! This file holds the label ids and [`Form`], a layout's wording; `recognise` finds the layout
//! of a return, `fields` cuts a printed line at its labels.

mod fields;
mod recognise;

use crate::layout::Layout;
use crate::render::labels::{Wording, english};
pub(crate) use fields::{split_fields, split_incorporation};
pub(crate) use recognise::recognise;

/// Label ids (those of `templates/labels/en.yaml`) the reader looks for.
pub(crate) mod id {
    /// Title of the form.
    pub(crate) const TITLE: &str = "hdr_title";
    /// Part I's heading.
    pub(crate) const PART_I: &str = "p1_title";
    /// Part II's heading.
    pub(crate) const PART_II: &str = "p2_title";
    /// Part III's heading.
    pub(crate) const PART_III: &str = "p3_title";
    /// Part IV's heading.
    pub(crate) const PART_IV: &str = "p4_title";
    /// Part V's heading.
    pub(crate) const PART_V: &str = "p5_title";
    /// "Not applicable" after a heading.
    pub(crate) const NOT_APPLICABLE: &str = "sec_not_applicable";
    /// Balance at close of preceding month.
    pub(crate) const PRECEDING: &str = "row_preceding";
    /// Increase / decrease (-).
    pub(crate) const MOVEMENT: &str = "row_movement";
    /// Balance at close of the month.
    pub(crate) const CLOSING: &str = "row_close";
    /// The Part I total per currency.
    pub(crate) const TOTAL_AUTHORISED: &str = "p1_total";
    /// Remarks.
    pub(crate) const REMARKS: &str = "remarks";
    /// Description in a class header.
    pub(crate) const DESCRIPTION: &str = "cls_description";
    /// A multi-counter line.
    pub(crate) const MULTI_COUNTER: &str = "cls_multi_counter";
    /// The public float confirmation's heading.
    pub(crate) const PUBLIC_FLOAT: &str = "pf_heading";
    /// The public float threshold.
    pub(crate) const THRESHOLD: &str = "pf_threshold";
    /// Additional information on the public float.
    pub(crate) const ADDITIONAL_INFORMATION: &str = "pf_additional";
    /// Not complied with the public float requirement.
    pub(crate) const NOT_COMPLIED: &str = "pf_not_complied";
    /// Total funds raised from options.
    pub(crate) const FUNDS_RAISED: &str = "p3_A_funds";
    /// General Meeting approval date of a row.
    pub(crate) const APPROVAL: &str = "p3_gm_date";
    /// The approval date inside an option's particulars (layouts without treasury shares).
    pub(crate) const APPROVAL_INLINE: &str = "p3_gm_date_inline";
    /// Submitted by.
    pub(crate) const SUBMITTED_BY: &str = "p5_submitted_by";
    /// Title of the person submitting.
    pub(crate) const TITLE_LABEL: &str = "p5_title_label";
    /// The blank of a footer total.
    pub(crate) const TOTAL_BLANK: &str = "p3_total_blank";
}

/// The wording of one layout, and the layout.
#[derive(Debug)]
pub(crate) struct Form {
    /// The layout.
    pub(crate) layout: Layout,
    /// Its English labels.
    words: Wording,
}

impl Form {
    /// The form of `layout`.
    pub(crate) fn new(layout: Layout) -> Self {
        Self {
            layout,
            words: english(layout),
        }
    }

    /// The label `id` as this layout prints it.
    pub(crate) fn get(&self, id: &str) -> &str {
        self.words.get(id)
    }

    /// hkret's name of the layout.
    pub(crate) fn version(&self) -> &'static str {
        self.layout.version()
    }

    /// Whether the layout has treasury shares.
    pub(crate) fn treasury(&self) -> bool {
        self.layout.descriptor().treasury_shares
    }

    /// The labels a class header starts with (Parts I and II, and Part III's).
    fn class_header_starts(&self) -> [&str; 3] {
        if self.layout.descriptor().class_first {
            [
                self.get("cls_class"),
                self.get("p3_cls_class_issuable"),
                self.get("p3_E_cls_class_issuable"),
            ]
        } else {
            [
                self.get("cls_type"),
                self.get("p3_cls_type_issuable"),
                self.get("p3_E_cls_type_issuable"),
            ]
        }
    }

    /// Whether `text` (a whole line, without its item number) is a class header.
    pub(crate) fn is_class_header(&self, text: &str) -> bool {
        self.class_header_starts()
            .iter()
            .any(|l| !l.is_empty() && text.starts_with(l))
    }

    /// The labels the stock code line under a class header starts with.
    pub(crate) fn stock_code_labels(&self) -> [&str; 4] {
        [
            self.get("cls_stock_code"),
            self.get("p3_cls_stock_code_issuable"),
            self.get("p3_E_cls_stock_code_issuable"),
            self.get("p4_stock_code"),
        ]
    }

    /// Whether `cell` opens the column titles of a table.
    pub(crate) fn is_column_title(&self, cell: &str) -> bool {
        [
            "p3_A_col_particulars",
            "p3_B_col_desc",
            "p3_C_col_desc",
            "p3_D_col_particulars",
            "p3_E_col_event",
            "p1_col_shares",
            "p2_col_excl",
            "p4_col_hdrs",
        ]
        .iter()
        .any(|id| cell.starts_with(self.get(id)))
    }

    /// The heading of table `letter` (`A` to `E`).
    pub(crate) fn table_title(&self, letter: char) -> &str {
        self.get(&format!("p3_{letter}_title"))
    }

    /// The text before `{class}` of the "Total of A to E" line (layouts without treasury
    /// shares), and the one before `{letter}` of a block's footer.
    pub(crate) fn prefix_of(&self, id: &str) -> &str {
        let text = self.get(id);
        text.split('{').next().unwrap_or(text)
    }

    /// The starts of the grand total lines after table (E).
    pub(crate) fn grand_total_starts(&self) -> [&str; 3] {
        [
            self.get("p3_grand_X1"),
            self.get("p3_grand_X2"),
            self.prefix_of("p3_grand_total"),
        ]
    }

    /// The input's word for a printed status.
    pub(crate) fn status(&self, printed: &str) -> Option<&'static str> {
        if printed == self.get("hdr_status_new") {
            Some("new_submission")
        } else if printed == self.get("hdr_status_amendment") {
            Some("amendment")
        } else {
            None
        }
    }

    /// The listing as printed: Yes or No.
    pub(crate) fn listed(&self, printed: &str) -> Option<bool> {
        if printed == self.get("val_yes") {
            Some(true)
        } else if printed == self.get("val_no") {
            Some(false)
        } else {
            None
        }
    }

    /// The input's value of a printed "Type of shares" (`Class H` in 1.0.1 → `H`).
    pub(crate) fn type_of_shares(&self, printed: &str) -> String {
        for (id, value) in [
            ("val_type_a", "A"),
            ("val_type_b", "B"),
            ("val_type_h", "H"),
            ("val_type_not_applicable", "Not applicable"),
            ("val_type_other", "Other type (specify in description)"),
        ] {
            if printed == self.get(id) {
                return value.to_owned();
            }
        }
        printed.to_owned()
    }

    /// How the totals name a class: its class and, unless not applicable, its type.
    pub(crate) fn class_label(&self, class_of_shares: &str, type_of_shares: &str) -> String {
        let printed = match type_of_shares {
            "A" => self.get("val_type_a"),
            "B" => self.get("val_type_b"),
            "H" => self.get("val_type_h"),
            "Not applicable" => return class_of_shares.to_owned(),
            other => other,
        };
        format!("{class_of_shares} {printed}")
    }

    /// The standard items (i) to (viii) of Part V as printed, without their dash.
    pub(crate) fn standard_confirmations(&self) -> Vec<String> {
        ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"]
            .iter()
            .map(|n| format!("({n}) {}", self.get(&format!("p5_{n}"))))
            .collect()
    }

    /// The input's word for a printed "Type of Issue", with the text of "Other (Please specify)".
    pub(crate) fn issue_type(&self, printed: &str) -> Option<(&'static str, Option<String>)> {
        const TYPES: &[(&str, &str)] = &[
            ("rights_issue", "rights_issue"),
            ("open_offer", "open_offer"),
            ("placing", "placing"),
            ("bonus_issue", "bonus_issue"),
            ("scrip_dividend", "scrip_dividend"),
            ("consideration_issue", "consideration_issue"),
            ("capital_reorganisation", "capital_reorganisation"),
            ("repurchase_treasury", "repurchase_held_as_treasury"),
            ("repurchase_pending", "repurchase_pending_cancellation"),
            ("redemption_cancelled", "redemption_cancelled"),
            ("redemption_pending", "redemption_pending_cancellation"),
            ("treasury_sale", "sale_or_transfer_of_treasury_shares"),
            ("treasury_cancellation", "cancellation_of_treasury_shares"),
        ];
        if let Some(rest) = printed.strip_prefix(self.get("p3_E_val_other")) {
            let rest = rest.trim();
            return Some(("other", (!rest.is_empty()).then(|| rest.to_owned())));
        }
        // Without treasury shares the form has one wording for a repurchase and one for a
        // redemption; with them, "Repurchase of shares" alone is not on the form.
        let plain = if self.treasury() {
            [
                ("repurchase_cancelled", "repurchase_cancelled"),
                ("redemption_cancelled", "redemption_cancelled"),
            ]
        } else {
            [
                ("repurchase", "repurchase_of_shares"),
                ("redemption", "redemption_of_shares"),
            ]
        };
        TYPES
            .iter()
            .chain(plain.iter())
            .find(|(id, _)| printed == self.get(&format!("p3_E_val_{id}")))
            .map(|(_, k)| (*k, None))
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::Form;
    use crate::layout::Layout;

    #[test]
    fn issue_types_follow_the_layout() {
        let current = Form::new(Layout::current());
        assert_eq!(current.issue_type("Placing"), Some(("placing", None)));
        assert_eq!(
            current.issue_type("Other (Please specify) Conversion"),
            Some(("other", Some("Conversion".to_owned())))
        );
        assert_eq!(current.issue_type("Repurchase of shares"), None);
        let november_2022 = NaiveDate::from_ymd_opt(2022, 11, 30).expect("a date");
        let old = Form::new(Layout::in_force(november_2022).expect("a layout in force"));
        assert_eq!(
            old.issue_type("Repurchase of shares"),
            Some(("repurchase_of_shares", None))
        );
    }
}
