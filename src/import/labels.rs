//! The wording that marks each line of the form, per layout, and the recognition of a layout
//! from it. The reader matches lines against these labels only; figures are never matched by
//! wording.

use super::lines::Line;

/// Part I's heading (both layouts).
pub(crate) const PART_I: &str = "I. Movements in Authorised / Registered Share Capital";
/// Part II's heading, common start of both layouts.
pub(crate) const PART_II: &str = "II. Movements in Issued Shares";
/// Part III's heading, common start of both layouts.
pub(crate) const PART_III: &str = "III. Details of Movements in Issued Shares";
/// Part IV's heading.
pub(crate) const PART_IV: &str = "IV. Information about Hong Kong Depositary Receipt (HDR)";
/// Part V's heading.
pub(crate) const PART_V: &str = "V. Confirmations";
/// What a part or table prints when it does not apply.
pub(crate) const NOT_APPLICABLE: &str = "Not applicable";
/// A row: balance at close of preceding month.
pub(crate) const PRECEDING: &str = "Balance at close of preceding month";
/// A row: increase / decrease.
pub(crate) const MOVEMENT: &str = "Increase / decrease (-)";
/// A row: balance at close of the month.
pub(crate) const CLOSING: &str = "Balance at close of the month";
/// The Part I total per currency.
pub(crate) const TOTAL_AUTHORISED: &str =
    "Total authorised/registered share capital at the end of the month:";
/// Remarks under a part or table.
pub(crate) const REMARKS: &str = "Remarks:";
/// The line under a class header with its stock code.
pub(crate) const STOCK_CODE: &str = "Stock code";
/// The description label in a class header.
pub(crate) const DESCRIPTION: &str = "Description";
/// A further counter of a class.
pub(crate) const MULTI_COUNTER: &str = "Multi-counter stock code";
/// The public float confirmation's heading.
pub(crate) const PUBLIC_FLOAT: &str = "Public float sufficiency confirmation";
/// The applicable threshold.
pub(crate) const THRESHOLD: &str = "Applicable public float threshold";
/// Additional information on the public float.
pub(crate) const ADDITIONAL_INFORMATION: &str = "Additional information";
/// Total funds raised from options.
pub(crate) const FUNDS_RAISED: &str =
    "Total funds raised during the month from exercise of options:";
/// General Meeting approval date label of a row.
pub(crate) const APPROVAL: &str = "General Meeting approval date";
/// Submitted by.
pub(crate) const SUBMITTED_BY: &str = "Submitted by:";
/// Title of the person submitting.
pub(crate) const TITLE: &str = "Title:";

/// The wording of one layout of the form.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Form {
    /// hkret's name of the layout.
    pub(crate) version: &'static str,
    /// Whether the layout has treasury shares (three Part II columns, (X1)/(X2)).
    pub(crate) treasury: bool,
    /// Part II's full heading.
    pub(crate) part_ii: &'static str,
    /// The first label of a class header ("Class of shares" or, in 1.0.1, "Type of shares").
    pub(crate) class_header: &'static [&'static str],
    /// The standard items (i) to (viii) of Part V.
    pub(crate) confirmations: &'static [&'static str],
}

/// The current form.
pub(crate) static V1_2_0: Form = Form {
    version: "1.2.0",
    treasury: true,
    part_ii: "II. Movements in Issued Shares and/or Treasury Shares and Public Float Sufficiency Confirmation",
    class_header: &["Class of shares"],
    confirmations: &[
        "(i) all money due to the listed issuer in respect of the issue of securities, or sale or transfer of treasury shares has been received by it;",
        "(ii) all pre-conditions for listing imposed by the Rules Governing the Listing of Securities on The Stock Exchange of Hong Kong Limited under \"Qualifications of listing\" have been fulfilled;",
        "(iii) all (if any) conditions contained in the formal letter granting listing of and permission to deal in the securities have been fulfilled;",
        "(iv) all the securities of each class are in all respects identical (Note 6);",
        "(v) all documents required by the Companies (Winding Up and Miscellaneous Provisions) Ordinance to be filed with the Registrar of Companies have been duly filed and that compliance has been made with all other legal requirements;",
        "(vi) all the definitive documents of title have been delivered/are ready to be delivered/are being prepared and will be delivered in accordance with the terms of issue, sale or transfer;",
        "(vii) completion has taken place of the purchase by the issuer of all property shown in the listing document to have been purchased or agreed to be purchased by it and the purchase consideration for all such property has been duly satisfied; and",
        "(viii) the trust deed/deed poll relating to the debenture, loan stock, notes or bonds has been completed and executed, and particulars thereof, if so required by law, have been filed with the Registrar of Companies.",
    ],
};

/// The 2022 layout.
pub(crate) static V1_0_1: Form = Form {
    version: "1.0.1",
    treasury: false,
    part_ii: "II. Movements in Issued Shares",
    class_header: &["Type of shares"],
    confirmations: &[
        "(i) all money due to the listed issuer in respect of the issue of securities has been received by it;",
        "(ii) all pre-conditions for listing imposed by the Rules Governing the Listing of Securities on The Stock Exchange of Hong Kong Limited under \"Qualifications of listing\" have been fulfilled;",
        "(iii) all (if any) conditions contained in the formal letter granting listing of and permission to deal in the securities have been fulfilled;",
        "(iv) all the securities of each class are in all respects identical (Note 3);",
        "(v) all documents required by the Companies (Winding Up and Miscellaneous Provisions) Ordinance to be filed with the Registrar of Companies have been duly filed and that compliance has been made with other legal requirements;",
        "(vi) all the definitive documents of title have been delivered/are ready to be delivered/are being prepared and will be delivered in accordance with the terms of issue;",
        "(vii) completion has taken place of the purchase by the issuer of all property shown in the listing document to have been purchased or agreed to be purchased by it and the purchase consideration for all such property has been duly satisfied; and",
        "(viii) the trust deed/deed poll relating to the debenture, loan stock, notes or bonds has been completed and executed, and particulars thereof, if so required by law, have been filed with the Registrar of Companies.",
    ],
};

/// The column titles that open a table (left out of the reading: they carry no figure).
const COLUMN_TITLES: &[&str] = &[
    "Particulars of share option scheme",
    "Description of warrants",
    "Description of the Convertibles",
    "Full particulars",
    "Type of Issue",
];

impl Form {
    /// Whether `text` (a whole line) is a class header of this layout.
    pub(crate) fn is_class_header(&self, text: &str) -> bool {
        let body = super::read::strip_item(text);
        self.class_header.iter().any(|l| body.starts_with(l))
    }

    /// Whether `cell` opens the column titles of a table.
    pub(crate) fn is_column_title(&self, cell: &str) -> bool {
        COLUMN_TITLES.iter().any(|t| cell.starts_with(t))
    }
}

/// Recognises the layout of a return from its Part II heading; `Err` when the lines are not a
/// monthly return (FF301) at all.
pub(crate) fn recognise(lines: &[Line]) -> Result<&'static Form, String> {
    let mut title = false;
    for line in lines {
        let text = line.joined();
        if text.starts_with("Monthly Return for Equity Issuer") {
            title = true;
        }
        if title && text.starts_with(PART_II) {
            return Ok(if text.starts_with(V1_2_0.part_ii) {
                &V1_2_0
            } else {
                &V1_0_1
            });
        }
    }
    Err(if title {
        "the return has no Part II (\"II. Movements in Issued Shares\"): its layout is not one hkret reads".to_owned()
    } else {
        "this is not a monthly return (form FF301): its title \"Monthly Return for Equity Issuer ...\" was not found".to_owned()
    })
}

/// Splits `text` at each of `labels` (in any order, each at most once): the value of a label
/// runs to the next label found or the end of the line.
pub(crate) fn split_fields(text: &str, labels: &[&'static str]) -> Vec<(&'static str, String)> {
    let mut found: Vec<(usize, &'static str)> = labels
        .iter()
        .filter_map(|l| text.find(l).map(|i| (i, *l)))
        .collect();
    found.sort_unstable();
    let mut out = Vec::new();
    for (k, (start, label)) in found.iter().enumerate() {
        let from = start + label.len();
        let to = found.get(k + 1).map_or(text.len(), |(next, _)| *next);
        let value = text.get(from..to).unwrap_or_default();
        let value = value.lines().next().unwrap_or_default().trim();
        out.push((*label, value.to_owned()));
    }
    out
}

/// `Name (incorporated in ...)` → the name and the incorporation note, when the parenthesis
/// at the end speaks of incorporation.
pub(crate) fn split_incorporation(name: &str) -> Option<(&str, &str)> {
    let body = name.strip_suffix(')')?;
    let open = body.rfind(" (")?;
    let note = &body[open + 2..];
    note.contains("incorporated").then(|| (&name[..open], note))
}

/// The type of shares as hkret's input writes it: `Class H` (1.0.1) → `H`.
pub(crate) fn type_of_shares(printed: &str) -> String {
    printed.strip_prefix("Class ").unwrap_or(printed).to_owned()
}

/// The input's word for a printed "Type of Issue", with the text of "Other (Please specify)".
pub(crate) fn issue_type(printed: &str) -> Option<(&'static str, Option<String>)> {
    const TYPES: &[(&str, &str)] = &[
        ("Rights issue", "rights_issue"),
        ("Open offer", "open_offer"),
        ("Placing", "placing"),
        ("Bonus issue", "bonus_issue"),
        ("Scrip dividend", "scrip_dividend"),
        ("Consideration issue", "consideration_issue"),
        ("Capital reorganisation", "capital_reorganisation"),
        (
            "Repurchase of shares (shares repurchased and cancelled)",
            "repurchase_cancelled",
        ),
        (
            "Repurchase of shares (shares held as treasury shares)",
            "repurchase_held_as_treasury",
        ),
        (
            "Repurchase of shares (shares repurchased for cancellation but not yet cancelled)",
            "repurchase_pending_cancellation",
        ),
        ("Repurchase of shares", "repurchase_of_shares"),
        (
            "Redemption of shares (shares redeemed and cancelled)",
            "redemption_cancelled",
        ),
        (
            "Redemption of shares (shares redeemed but not yet cancelled)",
            "redemption_pending_cancellation",
        ),
        ("Redemption of shares", "redemption_of_shares"),
        (
            "Sale or transfer of treasury shares",
            "sale_or_transfer_of_treasury_shares",
        ),
        (
            "Cancellation of treasury shares",
            "cancellation_of_treasury_shares",
        ),
    ];
    if let Some(rest) = printed.strip_prefix("Other (Please specify)") {
        let rest = rest.trim();
        return Some(("other", (!rest.is_empty()).then(|| rest.to_owned())));
    }
    TYPES
        .iter()
        .find(|(p, _)| *p == printed)
        .map(|(_, k)| (*k, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_split_at_labels_in_any_order() {
        let f = split_fields(
            "For the month ended: 31 January 2026 Status: New Submission\nName of Issuer: Moon Inc.",
            &["Status:", "For the month ended:", "Name of Issuer:"],
        );
        assert_eq!(
            f,
            [
                ("For the month ended:", "31 January 2026".to_owned()),
                ("Status:", "New Submission".to_owned()),
                ("Name of Issuer:", "Moon Inc.".to_owned()),
            ]
        );
    }

    #[test]
    fn incorporation_is_split_only_when_it_says_so() {
        assert_eq!(
            split_incorporation("A Ltd (incorporated in Bermuda)"),
            Some(("A Ltd", "incorporated in Bermuda"))
        );
        assert_eq!(split_incorporation("B (Holdings)"), None);
    }

    #[test]
    fn issue_types_and_other_with_its_text() {
        assert_eq!(issue_type("Placing"), Some(("placing", None)));
        assert_eq!(
            issue_type("Other (Please specify) Conversion"),
            Some(("other", Some("Conversion".to_owned())))
        );
        assert_eq!(issue_type("Something"), None);
    }
}
