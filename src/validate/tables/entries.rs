//! Phase 1, Part III: one entry of each table, read field by field: a share option scheme (A),
//! warrants (B), convertibles (C), another arrangement (D), another movement (E). Each reader has
//! the shape of `EntryReader`; the blocks around the entries are read in `tables`.

use crate::model::{
    Arrangement, Convertible, Count, Dated, Layout, OptionScheme, OtherMovement, Src, Text, Warrant,
};
use crate::validate::read::{Fields, Reader};
use crate::vocab::ISSUE_TYPES;

/// The text at `key`, required, with its Chinese at `key_zh`.
fn required_text(
    r: &mut Reader,
    e: &mut Fields<'_>,
    (key, zh_key): (&'static str, &'static str),
    what: &str,
) -> Option<Text> {
    r.required_text_pair(e, key, zh_key, what)
}

fn entry_src(e: &Fields<'_>) -> Src {
    Src {
        loc: e.loc,
        path: e.path().to_owned(),
    }
}

pub(super) fn option_scheme(
    r: &mut Reader,
    e: &mut Fields<'_>,
    _: Option<Layout>,
) -> Option<OptionScheme> {
    let particulars = required_text(
        r,
        e,
        ("particulars", "particulars_zh"),
        "the particulars of the share option scheme",
    );
    let price_not_printed = r.not_printed(e, "exercise_price");
    Some(OptionScheme {
        approval_date: r.dated_at(e, "general_meeting_approval_date"),
        outstanding_preceding: r.required_count(
            e,
            "outstanding_preceding",
            "options outstanding at close of preceding month",
        ),
        granted: r.count_at(e, "granted"),
        exercised: r.count_at(e, "exercised"),
        cancelled: r.count_at(e, "cancelled"),
        lapsed: r.count_at(e, "lapsed"),
        outstanding_closing: r.required_count(
            e,
            "outstanding_closing",
            "options outstanding at close of the month",
        ),
        new_shares_issued: r.unsigned_at(e, "new_shares_issued"),
        treasury_transferred: r.unsigned_at(e, "treasury_shares_transferred"),
        may_be_issued: r.unsigned_at(e, "shares_which_may_be_issued"),
        remaining_capacity: r.unsigned_at(e, "remaining_capacity"),
        exercise_price: (!price_not_printed)
            .then(|| r.money_at(e, "exercise_price"))
            .flatten(),
        exercise_price_not_printed: price_not_printed,
        shares_per_option: shares_per_option(r, e),
        particulars: particulars?,
        src: entry_src(e),
    })
}

/// Shares each option gives: a whole number of at least one, blank meaning one.
fn shares_per_option(r: &mut Reader, e: &mut Fields<'_>) -> Count {
    let per = r.unsigned_at(e, "shares_per_option");
    if per.value == Some(0) {
        r.report
            .error(per.src.loc, &per.src.path, "an option gives at least one share, found 0")
            .hint("leave `shares_per_option` out for one share per option; options over ADSs give the shares of one ADS");
    }
    per
}

pub(super) fn warrant(r: &mut Reader, e: &mut Fields<'_>, _: Option<Layout>) -> Option<Warrant> {
    let description = required_text(
        r,
        e,
        ("description", "description_zh"),
        "the description of the warrants",
    );
    let currency = r.currency_at(e, "currency");
    Some(Warrant {
        expiry_date: r.date_at(e, "expiry_date"),
        nominal: crate::model::AmountBalance {
            preceding: r.amount_at(e, "nominal_preceding"),
            movement: r.amount_at(e, "movement"),
            closing: r.amount_at(e, "nominal_closing"),
        },
        new_shares_issued: r.unsigned_at(e, "new_shares_issued"),
        treasury_transferred: r.unsigned_at(e, "treasury_shares_transferred"),
        may_be_issued: r.unsigned_at(e, "shares_which_may_be_issued"),
        kind: r.text_pair_at(e, "type", "type_zh"),
        stock_code: stock_code_at(r, e),
        subscription_price: r.money_at(e, "subscription_price"),
        approval_date: r.dated_at(e, "general_meeting_approval_date"),
        description: description?,
        currency: currency?,
        src: entry_src(e),
    })
}

fn stock_code_at(r: &mut Reader, e: &mut Fields<'_>) -> Option<String> {
    let node = r.get(e, "stock_code")?;
    r.stock_code(node, &e.path_of("stock_code"))
}

pub(super) fn convertible(
    r: &mut Reader,
    e: &mut Fields<'_>,
    _: Option<Layout>,
) -> Option<Convertible> {
    let description = required_text(
        r,
        e,
        ("description", "description_zh"),
        "the description of the convertibles",
    );
    let currency = r.currency_at(e, "currency");
    let preceding = r.amount_at(e, "amount_preceding");
    let (movement_kind, movement) = match r.get(e, "movement") {
        Some(n) => {
            let mut m = r.fields(n, &e.path_of("movement"))?;
            let kind = r.text_pair_at(&mut m, "kind", "kind_zh");
            let amount = r.amount_at(&mut m, "amount");
            r.finish(m);
            (kind, amount)
        }
        None => (
            None,
            crate::model::Amount {
                value: None,
                src: r.src_of(e, None, "movement"),
            },
        ),
    };
    Some(Convertible {
        amount: crate::model::AmountBalance {
            preceding,
            movement,
            closing: r.amount_at(e, "amount_closing"),
        },
        movement_kind,
        new_shares_issued: r.unsigned_at(e, "new_shares_issued"),
        treasury_transferred: r.unsigned_at(e, "treasury_shares_transferred"),
        may_be_issued: r.unsigned_at(e, "shares_which_may_be_issued"),
        kind: r.text_pair_at(e, "type", "type_zh"),
        stock_code: stock_code_at(r, e),
        conversion_price: r.money_at(e, "conversion_price"),
        approval_date: r.dated_at(e, "general_meeting_approval_date"),
        description: description?,
        currency: currency?,
        src: entry_src(e),
    })
}

pub(super) fn arrangement(
    r: &mut Reader,
    e: &mut Fields<'_>,
    _: Option<Layout>,
) -> Option<Arrangement> {
    let description = required_text(
        r,
        e,
        ("description", "description_zh"),
        "the full particulars of the arrangement",
    );
    Some(Arrangement {
        approval_date: r.dated_at(e, "general_meeting_approval_date"),
        new_shares_issued: r.unsigned_at(e, "new_shares_issued"),
        treasury_transferred: r.unsigned_at(e, "treasury_shares_transferred"),
        may_be_issued: r.unsigned_at(e, "shares_which_may_be_issued"),
        description: description?,
        src: entry_src(e),
    })
}

pub(super) fn other_movement(
    r: &mut Reader,
    e: &mut Fields<'_>,
    _: Option<Layout>,
) -> Option<OtherMovement> {
    let issue_type = r
        .require(e, "type_of_issue", "the form's type of issue")
        .and_then(|n| r.choice(n, &e.path_of("type_of_issue"), ISSUE_TYPES));
    let specify = r.text_pair_at(e, "specify", "specify_zh");
    let date_of_event = r.get(e, "date_of_event").and_then(|n| {
        let src = Src {
            loc: n.loc,
            path: e.path_of("date_of_event"),
        };
        r.date(n, &src.path).map(|date| Dated { date, src })
    });
    let pending: Count = r.count_at(e, "pending_cancellation");
    Some(OtherMovement {
        price: r.money_at(e, "price"),
        approval_date: r.dated_at(e, "general_meeting_approval_date"),
        issued: r.count_at(e, "issued"),
        treasury: r.count_at(e, "treasury"),
        pending_cancellation: pending,
        issue_type: issue_type?,
        specify,
        date_of_event,
        src: entry_src(e),
    })
}
