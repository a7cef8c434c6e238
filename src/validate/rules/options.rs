//! Rules of Part III (A), share options: outstanding options roll forward, the shares they may
//! give match the options outstanding, and the funds raised match the options exercised.

use crate::diag::Reporter;
use crate::model::compute::{FundsRaised, funds_raised, shares_under_options};
use crate::model::{Block, Count, Filing, OptionScheme};
use crate::render::format::{amount, count_wide};
use crate::validate::rules::terms::{Term, sum_text};

/// Every scheme of table (A).
fn schemes(f: &Filing) -> impl Iterator<Item = &OptionScheme> {
    f.share_options
        .iter()
        .flat_map(|t| &t.blocks)
        .flat_map(|b| &b.entries)
}

/// The figure's sign is as the form prints it.
fn sign_is(r: &mut Reporter, c: &Count, negative: bool, what: &str) {
    let v = c.or_zero();
    if (negative && v > 0) || (!negative && v < 0) {
        let (want, hint) = if negative {
            (
                "negative",
                format!("the form prints {what} as a decrease: write -{v}"),
            )
        } else {
            ("positive", format!("write {} without the minus sign", -v))
        };
        r.error(
            c.src.loc,
            &c.src.path,
            format!("{what} must be {want}, found {v}"),
        )
        .hint(hint);
    }
}

/// (A) options outstanding at close = preceding + granted - exercised - cancelled - lapsed,
/// with the decreases written negative as the form prints them.
pub(crate) fn options_roll_forward(f: &Filing, r: &mut Reporter) {
    for s in schemes(f) {
        sign_is(r, &s.granted, false, "options granted");
        sign_is(r, &s.exercised, true, "options exercised");
        sign_is(r, &s.cancelled, true, "options cancelled");
        sign_is(r, &s.lapsed, true, "options lapsed");
        if rolls_forward(s) {
            continue;
        }
        let terms: Vec<Term> = [
            (&s.granted, "granted"),
            (&s.exercised, "exercised"),
            (&s.cancelled, "cancelled"),
            (&s.lapsed, "lapsed"),
        ]
        .into_iter()
        .filter(|(c, _)| c.or_zero() != 0)
        .map(|(c, source)| Term::new(c.or_zero().into(), source))
        .collect();
        let (Some(p), Some(c)) = (s.outstanding_preceding.value, s.outstanding_closing.value)
        else {
            continue;
        };
        r.error(
            s.outstanding_closing.src.loc,
            &s.outstanding_closing.src.path,
            format!(
                "options outstanding at close of the month are {}, but {}",
                count_wide(c.into()),
                sum_text(p.into(), &terms)
            ),
        )
        .hint("outstanding at close = outstanding at close of preceding month + granted + exercised + cancelled + lapsed (the last three negative)");
    }
}

/// Whether the scheme's options outstanding at close are its preceding ones plus the month's
/// movements; when they are not, that one mistake is reported by [`options_roll_forward`] alone.
fn rolls_forward(s: &OptionScheme) -> bool {
    let moves: i128 = [&s.granted, &s.exercised, &s.cancelled, &s.lapsed]
        .iter()
        .map(|c| i128::from(c.or_zero()))
        .sum();
    match (s.outstanding_preceding.value, s.outstanding_closing.value) {
        (Some(p), Some(c)) => i128::from(p) + moves == i128::from(c),
        _ => true,
    }
}

/// (A) "No. of new shares which may be issued pursuant thereto as at close of the month" is the
/// options outstanding at close times the shares each option gives.
pub(crate) fn options_may_be_issued(f: &Filing, r: &mut Reporter) {
    for s in schemes(f).filter(|s| rolls_forward(s)) {
        let (Some(may), Some(expected)) = (s.may_be_issued.value, shares_under_options(s)) else {
            continue;
        };
        if i128::from(may) == expected {
            continue;
        }
        let per = s.shares_per_option.value.unwrap_or(1);
        let each = if per == 1 { "share" } else { "shares" };
        r.error(
            s.may_be_issued.src.loc,
            &s.may_be_issued.src.path,
            format!(
                "shares which may be issued pursuant to the scheme at close of the month are {}, but {} options outstanding at close of the month x {} {each} each = {}",
                count_wide(may.into()),
                count_wide(s.outstanding_closing.or_zero().into()),
                count_wide(per.into()),
                count_wide(expected)
            ),
        )
        .hint(format!(
            "options outstanding at close (line {}) x shares per option; set `shares_per_option` when an option gives more than one share (e.g. options over ADSs)",
            s.outstanding_closing.src.loc.line
        ));
    }
}

/// (A) total funds raised equals the options exercised times their exercise prices, and is
/// checked even when no option was exercised (then it is 0). A scheme with exercises but no
/// exercise price is an error at its exercised figure, unless the return was imported from a
/// published one that does not print the price (`exercise_price: not_printed`): then the funds
/// raised as printed are taken as given, with a warning that they cannot be checked.
pub(crate) fn option_funds_raised(f: &Filing, r: &mut Reporter) {
    for b in f.share_options.iter().flat_map(|t| &t.blocks) {
        let computed = funds_raised(b);
        if let FundsRaised::MissingPrice(i) = computed
            && b.entries[i].exercise_price_not_printed
        {
            funds_not_checkable(b, &b.entries[i], r);
            continue;
        }
        if let FundsRaised::MissingPrice(i) = computed {
            let s = &b.entries[i];
            r.error(
                s.exercised.src.loc,
                &s.exercised.src.path,
                format!(
                    "{} options of `{}` were exercised, but the scheme has no exercise price, so the total funds raised cannot be worked out",
                    count_wide(s.exercised.or_zero().unsigned_abs().into()),
                    s.particulars
                ),
            )
            .hint("add `exercise_price: { currency: HKD, amount: \"1.23\" }` to the scheme");
            continue;
        }
        let Some(given) = &b.funds_raised else {
            continue;
        };
        let (currency, total) = match computed.clone() {
            FundsRaised::Raised(c, t) => (c, t),
            FundsRaised::NoneExercised => (given.currency.clone(), rust_decimal::Decimal::ZERO),
            FundsRaised::MixedCurrencies | FundsRaised::MissingPrice(_) => {
                r.error(given.src.loc, &given.src.path, "the exercise prices of the schemes are in more than one currency, so one total of funds raised cannot be checked")
                    .hint("state each scheme's exercise price in the currency of the total");
                continue;
            }
        };
        if given.currency != currency || given.amount != total {
            let why = if matches!(computed, FundsRaised::NoneExercised) {
                "no option was exercised during the month".to_owned()
            } else {
                format!(
                    "options exercised x exercise price = {currency} {}",
                    amount(total)
                )
            };
            r.error(
                given.src.loc,
                &given.src.path,
                format!(
                    "total funds raised is {} {}, but {why}",
                    given.currency,
                    amount(given.amount)
                ),
            )
            .hint(if matches!(computed, FundsRaised::NoneExercised) {
                format!("write {currency} 0, or leave `funds_raised` out")
            } else {
                format!(
                    "write {currency} {}: each scheme's exercised options times its exercise_price, summed",
                    amount(total)
                )
            });
        }
    }
}

/// The warning of a block whose funds raised cannot be checked: `scheme`, exercised, is imported
/// from a return that does not print its exercise price.
fn funds_not_checkable(b: &Block<OptionScheme>, scheme: &OptionScheme, r: &mut Reporter) {
    let funds = b.funds_raised.as_ref().map_or_else(
        || "the total funds raised".to_owned(),
        |m| {
            format!(
                "the total funds raised as printed, {} {},",
                m.currency,
                amount(m.amount)
            )
        },
    );
    r.warning(
        scheme.exercised.src.loc,
        &scheme.exercised.src.path,
        format!(
            "{} options of `{}` were exercised, and the return this was imported from does not print the scheme's exercise price, so {funds} cannot be checked",
            count_wide(scheme.exercised.or_zero().unsigned_abs().into()),
            scheme.particulars
        ),
    )
    .hint("import the return and replace `exercise_price: not_printed` with the scheme's price to check the funds raised");
}
