//! `hkret next`: next month's input from this month's. Every closing balance becomes the
//! preceding balance, this month's movements are cleared, outstanding options, warrants,
//! convertibles and shares pending cancellation are carried with their closing figures, and what
//! only the user can know (the date of submission, this month's remarks) is marked FILL IN.

//!
//! This file writes the header, Parts I and II and the tail (HDRs, confirmations, submitter);
//! `details` writes Part III and `out` the lines and scalars.

mod details;
mod out;

use crate::input::yaml_quoted as q;
use crate::layout::Layout;
use crate::model::calendar::next_month_end;
use crate::model::{Confirmations, Filing, ShareClass};
use crate::vocab::{CLASSES, TYPES, word};
use out::{Out, d, money};

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
    details::details(&mut o, f);
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
