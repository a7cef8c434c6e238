//! The figures the form computes from others: Part III totals, Part II movements, share capital.
//!
//! Both the rules (which compare them with what the user gave) and the view (which prints them)
//! call these functions, so a figure is computed in one place only. Sums are taken in `i128`, so
//! no sum of `i64` figures can overflow. A total of blanks is blank (`None`), as on the form.

use rust_decimal::Decimal;

use crate::model::{
    Arrangement, Authorised, Block, Convertible, Count, Filing, Layout, OptionScheme,
    OtherMovement, Table, Warrant,
};

/// Adds two possibly blank figures: blank + blank stays blank.
pub fn add(a: Option<i128>, b: Option<i128>) -> Option<i128> {
    match (a, b) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
    }
}

fn wide(c: &Count) -> Option<i128> {
    c.value.map(i128::from)
}

/// The two movements a Part III row or total contributes to a class: issued shares (excluding
/// treasury shares) and treasury shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Movement {
    /// 1.0.1: new shares issued; 1.2.0: (X1), the increase in issued shares excluding treasury.
    pub issued: Option<i128>,
    /// 1.2.0: (X2), the movement in treasury shares (negative for a decrease).
    pub treasury: Option<i128>,
}

impl Movement {
    /// The sum of two movements.
    pub fn plus(self, other: Movement) -> Movement {
        Movement {
            issued: add(self.issued, other.issued),
            treasury: add(self.treasury, other.treasury),
        }
    }
}

/// A row of a Part III table, seen for its contribution to Part II.
pub trait Row {
    /// What the row adds to the class's issued and treasury shares.
    fn movement(&self, layout: Layout) -> Movement;
}

/// Rows of tables (A) to (D): new shares issued (X1) and treasury shares transferred out (X2).
/// From 1.1 a transfer out of treasury also increases the shares in issue excluding treasury.
fn issue_or_transfer(layout: Layout, issued: &Count, transferred: &Count) -> Movement {
    if layout.has_treasury() {
        Movement {
            issued: add(wide(issued), wide(transferred)),
            treasury: wide(transferred).map(|t| -t),
        }
    } else {
        Movement {
            issued: wide(issued),
            treasury: None,
        }
    }
}

impl Row for OptionScheme {
    fn movement(&self, layout: Layout) -> Movement {
        issue_or_transfer(layout, &self.new_shares_issued, &self.treasury_transferred)
    }
}

impl Row for Warrant {
    fn movement(&self, layout: Layout) -> Movement {
        issue_or_transfer(layout, &self.new_shares_issued, &self.treasury_transferred)
    }
}

impl Row for Convertible {
    fn movement(&self, layout: Layout) -> Movement {
        issue_or_transfer(layout, &self.new_shares_issued, &self.treasury_transferred)
    }
}

impl Row for Arrangement {
    fn movement(&self, layout: Layout) -> Movement {
        issue_or_transfer(layout, &self.new_shares_issued, &self.treasury_transferred)
    }
}

impl Row for OtherMovement {
    fn movement(&self, _: Layout) -> Movement {
        Movement {
            issued: wide(&self.issued),
            treasury: wide(&self.treasury),
        }
    }
}

/// The footer totals of one block: "Total E (class)" or (XX1)/(XX2).
pub fn block_total<E: Row>(layout: Layout, block: &Block<E>) -> Movement {
    block
        .entries
        .iter()
        .fold(Movement::default(), |sum, e| sum.plus(e.movement(layout)))
}

fn table_total<E: Row>(layout: Layout, table: Option<&Table<E>>, class: usize) -> Movement {
    table
        .into_iter()
        .flat_map(|t| t.blocks.iter())
        .filter(|b| b.class == class)
        .fold(Movement::default(), |sum, b| {
            sum.plus(block_total(layout, b))
        })
}

/// The totals of each table (A) to (E) that has a block for the class, with its letter.
pub fn table_totals(f: &Filing, class: usize) -> Vec<(char, Movement)> {
    fn one<E: Row>(
        f: &Filing,
        t: Option<&Table<E>>,
        letter: char,
        class: usize,
    ) -> Option<(char, Movement)> {
        t?.blocks
            .iter()
            .any(|b| b.class == class)
            .then(|| (letter, table_total(f.layout, t, class)))
    }
    [
        one(f, f.share_options.as_ref(), 'A', class),
        one(f, f.warrants.as_ref(), 'B', class),
        one(f, f.convertibles.as_ref(), 'C', class),
        one(f, f.arrangements.as_ref(), 'D', class),
        one(f, f.other_movements.as_ref(), 'E', class),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// "Total of A to E" (1.0.1) or "Total of AA1 to EE1" and "AA2 to EE2" (1.2.0) for a class.
pub fn part_iii_total(f: &Filing, class: usize) -> Movement {
    let l = f.layout;
    table_total(l, f.share_options.as_ref(), class)
        .plus(table_total(l, f.warrants.as_ref(), class))
        .plus(table_total(l, f.convertibles.as_ref(), class))
        .plus(table_total(l, f.arrangements.as_ref(), class))
        .plus(table_total(l, f.other_movements.as_ref(), class))
}

/// The Part II movement of issued shares (excluding treasury) for a class: as given, or else
/// as Part III adds up.
pub fn part_ii_movement(f: &Filing, class: usize) -> Option<i128> {
    let given = &f.classes[class].issued.excluding_treasury.movement;
    wide(given).or(part_iii_total(f, class).issued)
}

/// The Part II movement of treasury shares for a class: as given, or as Part III adds up.
pub fn part_ii_treasury_movement(f: &Filing, class: usize) -> Option<i128> {
    let given = f.classes[class]
        .issued
        .treasury
        .as_ref()
        .and_then(|t| wide(&t.movement));
    given.or(part_iii_total(f, class).treasury)
}

/// The Part I movement of authorised/registered shares: as given, or else the closing balance
/// less the preceding one (Part I has no details to add up, so a blank is the difference).
pub fn part_i_movement(authorised: &Authorised) -> Option<i128> {
    let s = &authorised.shares;
    wide(&s.movement).or_else(|| Some(wide(&s.closing)? - wide(&s.preceding)?))
}

/// The Part I movement of share capital: as given, or else the capital at close less the
/// capital at close of the preceding month, as printed.
pub fn part_i_capital_movement(authorised: &Authorised) -> Option<Decimal> {
    let a = authorised;
    a.capital.movement.value.or_else(|| {
        let closing = capital_printed(a, a.capital.closing.value, a.shares.closing.value)?;
        let preceding = capital_printed(a, a.capital.preceding.value, a.shares.preceding.value)?;
        closing.checked_sub(preceding).map(|d| d.normalize())
    })
}

/// Share capital that `shares` of the class amount to at its par value, exactly.
pub fn capital_of(authorised: &Authorised, shares: i64) -> Option<Decimal> {
    authorised
        .par_value
        .amount
        .checked_mul(Decimal::from(shares))
        .map(|d| d.normalize())
}

/// The capital the form prints for a balance: as given, or computed from the shares.
pub fn capital_printed(
    authorised: &Authorised,
    given: Option<Decimal>,
    shares: Option<i64>,
) -> Option<Decimal> {
    given.or_else(|| shares.and_then(|s| capital_of(authorised, s)))
}

/// "Total authorised/registered share capital at the end of the month", per currency in order
/// of first appearance.
pub fn authorised_totals(f: &Filing) -> Vec<(String, Decimal)> {
    let mut totals: Vec<(String, Decimal)> = Vec::new();
    for a in f.classes.iter().filter_map(|c| c.authorised.as_ref()) {
        let closing =
            capital_printed(a, a.capital.closing.value, a.shares.closing.value).unwrap_or_default();
        match totals.iter_mut().find(|(c, _)| *c == a.par_value.currency) {
            Some((_, sum)) => *sum = sum.checked_add(closing).unwrap_or(*sum),
            None => totals.push((a.par_value.currency.clone(), closing)),
        }
    }
    totals
}

/// Total funds raised from the exercise of options in a block: options exercised times their
/// exercise prices, summed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FundsRaised {
    /// No option was exercised: nothing was raised, in whatever currency.
    NoneExercised,
    /// The total, in the one currency of the exercised schemes' prices.
    Raised(String, Decimal),
    /// It cannot be computed: the scheme at this index has exercises but no exercise price.
    MissingPrice(usize),
    /// It cannot be computed: the exercise prices are in more than one currency (or the total
    /// is beyond any real amount).
    MixedCurrencies,
}

/// Computes [`FundsRaised`] for a block of share option schemes.
pub fn funds_raised(block: &Block<OptionScheme>) -> FundsRaised {
    let mut currency: Option<&str> = None;
    let mut total = Decimal::ZERO;
    for (i, s) in block.entries.iter().enumerate() {
        let exercised = s.exercised.or_zero();
        if exercised == 0 {
            continue;
        }
        let Some(price) = &s.exercise_price else {
            return FundsRaised::MissingPrice(i);
        };
        if currency.is_some_and(|c| c != price.currency) {
            return FundsRaised::MixedCurrencies;
        }
        currency = Some(&price.currency);
        let raised = price
            .amount
            .checked_mul(Decimal::from(exercised.unsigned_abs()))
            .and_then(|r| total.checked_add(r));
        match raised {
            Some(t) => total = t,
            // Beyond 7.9 x 10^28: no real return; treat as not computable.
            None => return FundsRaised::MixedCurrencies,
        }
    }
    match currency {
        Some(c) => FundsRaised::Raised(c.to_owned(), total.normalize()),
        None => FundsRaised::NoneExercised,
    }
}

/// Shares which options outstanding at close of the month may give: options times the shares
/// each gives (1 unless `shares_per_option` says otherwise, e.g. options over ADSs).
pub fn shares_under_options(s: &OptionScheme) -> Option<i128> {
    let per = s.shares_per_option.value.unwrap_or(1);
    s.outstanding_closing
        .value
        .map(|n| i128::from(n) * i128::from(per))
}
