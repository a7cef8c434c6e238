//! `hkret next`: next month's input from this month's. Every closing balance becomes the
//! preceding balance, this month's movements are cleared, outstanding options, warrants,
//! convertibles and shares pending cancellation are carried with their closing figures, and what
//! only the user can know (the date of submission, this month's remarks) is marked FILL IN.

use std::fmt::Write;

use rust_decimal::Decimal;

use crate::layout::Layout;
use crate::model::calendar::next_month_end;
use crate::model::{
    Amount, Balance, Block, Confirmations, Count, Filing, IssueType, Money, ShareClass, Table, Text,
};
use crate::render::format::amount;
use crate::vocab::{CLASSES, ISSUE_TYPES, TYPES, word};

/// Where the next return is written.
struct Out {
    text: String,
}

use crate::input::yaml_quoted as q;

fn n(c: &Count) -> String {
    c.value.map_or_else(|| "~".to_owned(), |v| v.to_string())
}

fn d(a: &Amount) -> String {
    a.value.map_or_else(|| "~".to_owned(), |v| q(&plain(v)))
}

/// An amount without grouping, as input takes it.
fn plain(v: Decimal) -> String {
    amount(v).replace(',', "")
}

fn money(m: &Money) -> String {
    format!(
        "{{ currency: {}, amount: {} }}",
        m.currency,
        q(&plain(m.amount))
    )
}

impl Out {
    fn line(&mut self, indent: usize, text: &str) {
        let _ = writeln!(self.text, "{}{text}", " ".repeat(indent));
    }

    fn opt(&mut self, indent: usize, key: &str, value: Option<String>) {
        if let Some(v) = value {
            self.line(indent, &format!("{key}: {v}"));
        }
    }

    /// A text and, when given, its Chinese beside it (`name:` and `name_zh:`).
    fn text(&mut self, indent: usize, key: &str, t: &Text) {
        self.line(indent, &format!("{key}: {}", q(t)));
        self.zh(indent, key, t);
    }

    /// The Chinese of a text written at `key` elsewhere (such as after `- key:`), when given.
    fn zh(&mut self, indent: usize, key: &str, t: &Text) {
        if let Some(zh) = &t.zh {
            self.line(indent, &format!("{key}_zh: {}", q(zh)));
        }
    }

    /// A balance carried: closing becomes preceding, and stays the closing until the user moves it.
    fn carried(&mut self, indent: usize, key: &str, b: &Balance) {
        let c = n(&b.closing);
        self.line(
            indent,
            &format!("{key}: {{ preceding: {c}, closing: {c} }}"),
        );
    }
}

fn share_class(o: &mut Out, c: &ShareClass) {
    o.line(2, &format!("- id: {}", q(&c.id)));
    o.line(
        4,
        &format!("class_of_shares: {}", word(CLASSES, &c.class_of_shares)),
    );
    o.line(
        4,
        &format!("type_of_shares: {}", word(TYPES, &c.type_of_shares)),
    );
    o.line(4, &format!("listed: {}", c.listed));
    o.opt(4, "stock_code", c.stock_code.as_deref().map(q));
    if !c.counters.is_empty() {
        o.line(4, "multi_counters:");
        for k in &c.counters {
            o.line(
                6,
                &format!(
                    "- {{ stock_code: {}, currency: {}, description: {}{} }}",
                    q(&k.stock_code),
                    k.currency,
                    q(&k.description),
                    k.description
                        .zh
                        .as_deref()
                        .map(|zh| format!(", description_zh: {}", q(zh)))
                        .unwrap_or_default()
                ),
            );
        }
    }
    o.text(4, "description", &c.description);
    match &c.authorised {
        None => o.line(4, "authorised: not_applicable"),
        Some(a) => {
            o.line(4, "authorised:");
            o.carried(6, "shares", &a.shares);
            o.line(6, &format!("par_value: {}", money(&a.par_value)));
            if let Some(remark) = &a.capital_remark {
                let closing = d(&a.capital.closing);
                o.line(
                    6,
                    &format!("capital: {{ preceding: {closing}, closing: {closing} }}"),
                );
                o.text(6, "capital_remark", remark);
            }
        }
    }
    o.line(4, "issued:");
    match &c.issued.treasury {
        None => o.carried(6, "shares", &c.issued.excluding_treasury),
        Some(t) => {
            o.carried(6, "excluding_treasury", &c.issued.excluding_treasury);
            o.carried(6, "treasury", t);
        }
    }
    if let Some(p) = &c.public_float {
        o.line(
            4,
            "public_float:                # confirm as at the close of the new month",
        );
        o.line(6, &format!("complied: {}", p.complied));
        o.text(6, "threshold", &p.threshold);
        o.text(6, "additional_information", &p.additional_information);
    }
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

/// The layout of next month's return. The layout in force for `month` is taken when it has the
/// same shape (treasury shares, public float block) as this return's, so the figures carried fit
/// it; otherwise this return's layout is kept, named, with a note that the form has changed.
fn layout_lines(o: &mut Out, f: &Filing, month: chrono::NaiveDate) {
    let same_shape = |l: Layout| {
        l.has_treasury() == f.layout.has_treasury()
            && l.has_public_float() == f.layout.has_public_float()
    };
    match Layout::in_force(month) {
        Some(l) if l == f.layout => {
            if f.version_src.is_some() {
                o.line(0, &format!("version: {}", q(l.version())));
            }
            if f.printed_version != l.version() {
                o.line(0, &format!("printed_version: {}", q(&f.printed_version)));
            }
        }
        Some(l) if same_shape(l) => {
            if f.version_src.is_some() {
                o.line(0, &format!("version: {}", q(l.version())));
            }
        }
        Some(l) => {
            o.line(
                0,
                &format!(
                    "# The form in force for this month is layout {}, which asks for other figures; this return keeps layout {}.",
                    l.version(),
                    f.layout.version()
                ),
            );
            o.line(0, &format!("version: {}", q(f.layout.version())));
        }
        None => o.line(0, &format!("version: {}", q(f.layout.version()))),
    }
}

/// Next month's return as input YAML.
pub fn next(f: &Filing) -> String {
    let mut o = Out {
        text: String::new(),
    };
    let month = next_month_end(f.month_ended.date);
    o.line(0, &format!("# {} — monthly return for the month ended {}, carried from the month before by `hkret next`.", f.issuer_name, month.format("%d %B %Y")));
    o.line(0, "# Closing balances are now the preceding balances and stay as closing until you enter this month's");
    o.line(
        0,
        "# movements. Fill in every value marked FILL IN, then run `hkret validate`.",
    );
    o.line(0, "form: FF301");
    layout_lines(&mut o, f, month);
    o.line(0, &format!("month_ended: {month}"));
    o.line(0, "status: new_submission");
    o.line(
        0,
        "date_submitted: ~               # FILL IN the date of submission, YYYY-MM-DD",
    );
    o.line(0, "");
    o.line(0, "issuer:");
    o.text(2, "name", &f.issuer_name);
    if let Some(t) = &f.incorporation {
        o.text(2, "incorporation", t);
    }
    o.line(0, "");
    o.line(0, "share_classes:");
    for c in &f.classes {
        share_class(&mut o, c);
    }
    if let Some(r) = &f.authorised_remarks {
        o.line(
            0,
            &format!(
                "# FILL IN remarks under Part I, if any. Last month: {}",
                r.replace('\n', " ")
            ),
        );
    }
    o.line(0, "");
    o.line(0, "details:");
    table(
        &mut o,
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
        &mut o,
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
        &mut o,
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
        &mut o,
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
        &mut o,
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
    o.line(0, "");
    match &f.hdr {
        None => o.line(0, "hdr: not_applicable"),
        Some(h) => {
            o.line(0, "hdr:");
            o.line(2, &format!("stock_code: {}", q(&h.stock_code)));
            o.text(2, "description", &h.description);
            o.carried(2, "hdrs", &h.hdrs);
        }
    }
    match &f.confirmations {
        Confirmations::Standard => o.line(0, "confirmations: standard"),
        Confirmations::NotApplicable => o.line(0, "confirmations: not_applicable"),
        Confirmations::Amended(items) => {
            o.line(0, "confirmations:");
            for i in items {
                o.line(2, &format!("- {}", q(i)));
            }
            if items.iter().all(|i| i.zh.is_some()) {
                o.line(0, "confirmations_zh:");
                for i in items {
                    o.line(2, &format!("- {}", q(i.zh.as_deref().unwrap_or_default())));
                }
            }
        }
    }
    o.line(0, "");
    o.line(0, "submitted_by:");
    o.text(2, "name", &f.submitted_by);
    o.text(2, "title", &f.title);
    o.text
}

#[cfg(test)]
mod tests;
