//! Rules of Part III's rows: warrants and convertibles roll forward, (E) uses the types and
//! columns its layout has, and each table has one block per class. Totals are in `totals`.

use rust_decimal::Decimal;

use crate::diag::Reporter;
use crate::model::{Count, Filing, IssueType, Layout, Src, Table};
use crate::render::format::{amount, count_wide};
use crate::validate::rules::terms::amount_sum_text;

fn amount_rolls(r: &mut Reporter, b: &crate::model::AmountBalance, what: &str) {
    let (Some(p), Some(c)) = (b.preceding.value, b.closing.value) else {
        return;
    };
    let Some(expected) = p.checked_add(b.movement.or_zero()) else {
        return;
    };
    if expected != c {
        r.error(
            b.closing.src.loc,
            &b.closing.src.path,
            format!(
                "{what} at close of the month is {}, but {}",
                amount(c),
                amount_sum_text(p, b.movement.or_zero(), "movement during the month")
            ),
        )
        .hint(format!(
            "preceding + movement during the month = closing (line {} has the preceding figure)",
            b.preceding.src.loc.line
        ));
    }
}

/// (B) nominal value of warrants rolls forward.
pub(crate) fn warrants_roll_forward(f: &Filing, r: &mut Reporter) {
    for w in f
        .warrants
        .iter()
        .flat_map(|t| &t.blocks)
        .flat_map(|b| &b.entries)
    {
        amount_rolls(r, &w.nominal, "nominal value of warrants");
    }
}

/// (C) amount of convertibles rolls forward.
pub(crate) fn convertibles_roll_forward(f: &Filing, r: &mut Reporter) {
    for c in f
        .convertibles
        .iter()
        .flat_map(|t| &t.blocks)
        .flat_map(|b| &b.entries)
    {
        amount_rolls(r, &c.amount, "amount of convertibles");
    }
}

/// (C) the shares which may be issued do not exceed the amount at close divided by the
/// conversion price (rounded down); fewer is worth a warning.
pub(crate) fn convertible_shares_within_conversion(f: &Filing, r: &mut Reporter) {
    for c in f
        .convertibles
        .iter()
        .flat_map(|t| &t.blocks)
        .flat_map(|b| &b.entries)
    {
        let (Some(price), Some(closing), Some(may)) = (
            &c.conversion_price,
            c.amount.closing.value,
            c.may_be_issued.value,
        ) else {
            continue;
        };
        if price.amount <= Decimal::ZERO {
            r.error(
                price.src.loc,
                &price.src.path,
                "a conversion price must be more than zero",
            );
            continue;
        }
        let Some(cap) = closing.checked_div(price.amount).map(|q| q.floor()) else {
            continue;
        };
        let may_d = Decimal::from(may);
        let src = &c.may_be_issued.src;
        let detail = format!(
            "{} / {} {} = {} shares (rounded down)",
            amount(closing),
            price.currency,
            amount(price.amount),
            amount(cap)
        );
        if may_d > cap {
            r.error(
                src.loc,
                &src.path,
                format!(
                    "{} shares which may be issued exceed the conversion: {detail}",
                    count_wide(may.into())
                ),
            )
            .hint(format!(
                "check the amount at close of the month and the conversion price on line {}",
                price.src.loc.line
            ));
        } else if may_d < cap {
            r.warning(
                src.loc,
                &src.path,
                format!(
                    "{} shares which may be issued are fewer than the conversion gives: {detail}",
                    count_wide(may.into())
                ),
            )
            .hint("fine if the terms cap the conversion; otherwise check the figures");
        }
    }
}

fn entries_of(f: &Filing) -> impl Iterator<Item = &crate::model::OtherMovement> {
    f.other_movements
        .iter()
        .flat_map(|t| &t.blocks)
        .flat_map(|b| &b.entries)
}

/// (E) shares repurchased or redeemed but not yet cancelled are a negative number (Note 3),
/// given only for such movements, and are not a movement in Part II.
pub(crate) fn pending_cancellations_are_negative(f: &Filing, r: &mut Reporter) {
    for e in entries_of(f) {
        let p = &e.pending_cancellation;
        if let Some(v) = p.value {
            let fits = if f.layout.has_treasury() {
                e.issue_type.is_pending()
            } else {
                e.issue_type.is_buy_back()
            };
            if !fits {
                r.error(p.src.loc, &p.src.path, "shares pending cancellation are given only for repurchases or redemptions not yet cancelled")
                    .hint("choose type_of_issue repurchase_pending_cancellation or redemption_pending_cancellation (layouts without treasury shares: repurchase_of_shares)");
            } else if v > 0 {
                r.error(
                    p.src.loc,
                    &p.src.path,
                    format!(
                        "shares pending cancellation are stated as a negative number, found {v}"
                    ),
                )
                .hint(format!("write -{v} (Note 3)"));
            }
        }
        if e.issue_type.is_pending() {
            for c in [&e.issued, &e.treasury] {
                if c.value.is_some_and(|v| v != 0) {
                    r.error(c.src.loc, &c.src.path, "shares repurchased or redeemed but not yet cancelled are not a movement in issued shares")
                        .hint("state them in `pending_cancellation` only; they move Part II when cancelled");
                }
            }
        }
    }
}

/// (E) the type of issue is one the layout offers; "Other" is specified.
pub(crate) fn issue_types_fit_layout(f: &Filing, r: &mut Reporter) {
    use IssueType as T;
    for e in entries_of(f) {
        let ok = match (f.layout.has_treasury(), e.issue_type) {
            (true, T::Repurchase | T::Redemption) => Err(format!(
                "layout {} asks which kind: repurchase_cancelled, repurchase_held_as_treasury or repurchase_pending_cancellation (and likewise for redemptions)",
                f.layout.version()
            )),
            (
                false,
                T::RepurchaseCancelled
                | T::RepurchasePending
                | T::RedemptionCancelled
                | T::RedemptionPending,
            ) => Err(format!(
                "layout {} has one wording: use repurchase_of_shares or redemption_of_shares",
                f.layout.version()
            )),
            (false, T::RepurchaseToTreasury | T::TreasurySale | T::TreasuryCancellation) => {
                Err(format!(
                    "layout {} has no treasury shares; choose a layout that has (such as {})",
                    f.layout.version(),
                    Layout::current().version()
                ))
            }
            _ => Ok(()),
        };
        if let Err(hint) = ok {
            r.error(
                e.src.loc,
                &format!("{}.type_of_issue", e.src.path),
                "this type of issue is not on this layout of the form",
            )
            .hint(hint);
        }
        if e.issue_type == T::Other && e.specify.as_deref().is_none_or(|s| s.trim().is_empty()) {
            r.error(
                e.src.loc,
                &e.src.path,
                "\"Other (Please specify)\" needs the specification",
            )
            .hint("add `specify:` describing the movement");
        }
    }
}

fn no_treasury(r: &mut Reporter, layout: Layout, c: &Count) {
    if c.value.is_some() {
        r.error(
            c.src.loc,
            &c.src.path,
            format!("layout {} has no treasury shares column", layout.version()),
        )
        .hint(format!(
            "remove the figure, or render with a layout that has treasury shares (such as version \"{}\")",
            Layout::current().version()
        ));
    }
}

/// A layout without treasury shares has no treasury figures anywhere in Part III.
pub(crate) fn treasury_columns_fit_layout(f: &Filing, r: &mut Reporter) {
    if f.layout.has_treasury() {
        return;
    }
    for s in f
        .share_options
        .iter()
        .flat_map(|t| &t.blocks)
        .flat_map(|b| &b.entries)
    {
        no_treasury(r, f.layout, &s.treasury_transferred);
    }
    for w in f
        .warrants
        .iter()
        .flat_map(|t| &t.blocks)
        .flat_map(|b| &b.entries)
    {
        no_treasury(r, f.layout, &w.treasury_transferred);
    }
    for c in f
        .convertibles
        .iter()
        .flat_map(|t| &t.blocks)
        .flat_map(|b| &b.entries)
    {
        no_treasury(r, f.layout, &c.treasury_transferred);
    }
    for d in f
        .arrangements
        .iter()
        .flat_map(|t| &t.blocks)
        .flat_map(|b| &b.entries)
    {
        no_treasury(r, f.layout, &d.treasury_transferred);
    }
    for e in entries_of(f) {
        no_treasury(r, f.layout, &e.treasury);
    }
    for b in f.other_movements.iter().flat_map(|t| &t.blocks) {
        no_treasury(r, f.layout, &b.total_treasury);
    }
}

fn unique_classes<E>(f: &Filing, r: &mut Reporter, table: Option<&Table<E>>) {
    let blocks: Vec<(usize, &Src)> = table
        .into_iter()
        .flat_map(|t| &t.blocks)
        .map(|b| (b.class, &b.src))
        .collect();
    for (i, (class, src)) in blocks.iter().enumerate() {
        if let Some((_, first)) = blocks[..i].iter().find(|(c, _)| c == class) {
            r.error(
                src.loc,
                &src.path,
                format!(
                    "class `{}` has two blocks in this table",
                    f.classes[*class].id
                ),
            )
            .hint(format!(
                "put all its entries in the block on line {}",
                first.loc.line
            ));
        }
    }
}

/// Each table has at most one block per class.
pub(crate) fn one_block_per_class(f: &Filing, r: &mut Reporter) {
    unique_classes(f, r, f.share_options.as_ref());
    unique_classes(f, r, f.warrants.as_ref());
    unique_classes(f, r, f.convertibles.as_ref());
    unique_classes(f, r, f.arrangements.as_ref());
    unique_classes(f, r, f.other_movements.as_ref());
}
