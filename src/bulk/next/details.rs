//! Part III of next month's return: the tables (A) to (E), each carrying the entries still
//! outstanding with their closing figures as the new preceding ones, and `not_applicable` where
//! nothing is carried. This month's remarks are not carried, only shown in a FILL IN comment.

use super::out::{Out, d, money, n};
use crate::input::yaml_quoted as q;
use crate::model::{Block, Filing, IssueType, Table};
use crate::vocab::{ISSUE_TYPES, word};

/// Writes the tables of Part III (the lines after `details:`).
pub(super) fn details(o: &mut Out, f: &Filing) {
    table(
        o,
        f,
        "share_options",
        f.share_options.as_ref(),
        |_| true,
        |o, s| {
            o.line(10, &format!("- particulars: {}", q(&s.particulars)));
            o.zh(12, "particulars", &s.particulars);
            o.opt(
                12,
                "general_meeting_approval_date",
                s.approval_date.as_ref().map(|d| d.date.to_string()),
            );
            o.line(
                12,
                &format!("outstanding_preceding: {}", n(&s.outstanding_closing)),
            );
            o.line(
                12,
                &format!("outstanding_closing: {}", n(&s.outstanding_closing)),
            );
            o.opt(
                12,
                "shares_which_may_be_issued",
                s.may_be_issued.value.map(|v| v.to_string()),
            );
            o.opt(
                12,
                "remaining_capacity",
                s.remaining_capacity.value.map(|v| v.to_string()),
            );
            o.opt(12, "exercise_price", s.exercise_price.as_ref().map(money));
            o.opt(
                12,
                "shares_per_option",
                s.shares_per_option.value.map(|v| v.to_string()),
            );
        },
    );
    table(
        o,
        f,
        "warrants",
        f.warrants.as_ref(),
        |_| true,
        |o, w| {
            o.line(10, &format!("- description: {}", q(&w.description)));
            o.zh(12, "description", &w.description);
            o.opt(12, "expiry_date", w.expiry_date.map(|d| d.to_string()));
            o.line(12, &format!("currency: {}", w.currency));
            o.line(12, &format!("nominal_preceding: {}", d(&w.nominal.closing)));
            o.line(12, &format!("nominal_closing: {}", d(&w.nominal.closing)));
            o.opt(
                12,
                "shares_which_may_be_issued",
                w.may_be_issued.value.map(|v| v.to_string()),
            );
            if let Some(t) = &w.kind {
                o.text(12, "type", t);
            }
            o.opt(12, "stock_code", w.stock_code.as_deref().map(q));
            o.opt(
                12,
                "subscription_price",
                w.subscription_price.as_ref().map(money),
            );
            o.opt(
                12,
                "general_meeting_approval_date",
                w.approval_date.as_ref().map(|d| d.date.to_string()),
            );
        },
    );
    table(
        o,
        f,
        "convertibles",
        f.convertibles.as_ref(),
        |_| true,
        |o, c| {
            o.line(10, &format!("- description: {}", q(&c.description)));
            o.zh(12, "description", &c.description);
            o.line(12, &format!("currency: {}", c.currency));
            o.line(12, &format!("amount_preceding: {}", d(&c.amount.closing)));
            o.line(12, &format!("amount_closing: {}", d(&c.amount.closing)));
            o.opt(
                12,
                "shares_which_may_be_issued",
                c.may_be_issued.value.map(|v| v.to_string()),
            );
            if let Some(t) = &c.kind {
                o.text(12, "type", t);
            }
            o.opt(12, "stock_code", c.stock_code.as_deref().map(q));
            o.opt(
                12,
                "conversion_price",
                c.conversion_price.as_ref().map(money),
            );
            o.opt(
                12,
                "general_meeting_approval_date",
                c.approval_date.as_ref().map(|d| d.date.to_string()),
            );
        },
    );
    table(
        o,
        f,
        "other_arrangements",
        f.arrangements.as_ref(),
        |_| true,
        |o, a| {
            o.line(10, &format!("- description: {}", q(&a.description)));
            o.zh(12, "description", &a.description);
            o.opt(
                12,
                "general_meeting_approval_date",
                a.approval_date.as_ref().map(|d| d.date.to_string()),
            );
            o.opt(
                12,
                "shares_which_may_be_issued",
                a.may_be_issued.value.map(|v| v.to_string()),
            );
        },
    );
    let pending =
        |e: &crate::model::OtherMovement| e.pending_cancellation.value.is_some_and(|v| v != 0);
    table(
        o,
        f,
        "other_movements",
        f.other_movements.as_ref(),
        pending,
        |o, e| {
            let kind = match (f.layout.has_treasury(), e.issue_type) {
                (false, IssueType::Redemption) => IssueType::Redemption,
                (false, _) => IssueType::Repurchase,
                (true, IssueType::RedemptionPending) => IssueType::RedemptionPending,
                (true, _) => IssueType::RepurchasePending,
            };
            let word = word(ISSUE_TYPES, &kind);
            o.line(
                10,
                &format!(
                    "- type_of_issue: {word}     # still pending cancellation: update or remove"
                ),
            );
            o.opt(
                12,
                "general_meeting_approval_date",
                e.approval_date.as_ref().map(|d| d.date.to_string()),
            );
            o.line(
                12,
                &format!("pending_cancellation: {}", n(&e.pending_cancellation)),
            );
        },
    );
}

/// Writes a table's blocks with `row` writing each carried entry; `not_applicable` when none is
/// carried.
fn table<E>(
    o: &mut Out,
    f: &Filing,
    key: &str,
    t: Option<&Table<E>>,
    carry: impl Fn(&E) -> bool,
    row: impl Fn(&mut Out, &E),
) {
    let blocks: Vec<&Block<E>> = t
        .into_iter()
        .flat_map(|t| &t.blocks)
        .filter(|b| b.entries.iter().any(&carry))
        .collect();
    if blocks.is_empty() {
        o.line(2, &format!("{key}: not_applicable"));
        return;
    }
    o.line(2, &format!("{key}:"));
    o.line(4, "classes:");
    for b in blocks {
        o.line(6, &format!("- share_class: {}", q(&f.classes[b.class].id)));
        o.opt(8, "listed", b.listed.map(|l| l.to_string()));
        o.opt(
            8,
            "stock_code",
            b.stock_code
                .as_ref()
                .map(|c| c.as_deref().map_or_else(|| "~".to_owned(), q)),
        );
        if let Some(t) = &b.description {
            o.text(8, "description", t);
        }
        o.line(8, "entries:");
        for e in b.entries.iter().filter(|e| carry(e)) {
            row(o, e);
        }
    }
    if let Some(remarks) = t.and_then(|t| t.remarks.as_deref()) {
        o.line(
            4,
            &format!(
                "# FILL IN this month's remarks, if any. Last month: {}",
                remarks.replace('\n', " ")
            ),
        );
    }
}
