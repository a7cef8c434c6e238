//! A synthetic market: valid monthly returns for any number of issuers, with a realistic mix of
//! one to four classes, share options (some satisfied from treasury), convertibles being
//! converted, repurchases (cancelled, into treasury, pending cancellation) and treasury shares;
//! every text with its Chinese (`_zh`), so that the market renders in both languages.
//! Deterministic: issuer `i` is the same return on every run. Used by the bulk benchmark and
//! the bulk tests.

use std::fmt::Write;

/// A small deterministic generator (xorshift64*), so that no figure depends on the machine.
struct Dice(u64);

impl Dice {
    fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const PARS: &[(&str, &str, u64)] = &[
    ("HKD", "0.01", 100),
    ("HKD", "0.1", 10),
    ("USD", "0.0001", 10_000),
    ("RMB", "1", 1),
    ("USD", "0.000003125", 320_000),
];

/// The return of issuer `i` (0-based) for January 2026, as input YAML.
pub(crate) fn issuer(i: usize) -> String {
    let mut d = Dice::new(i as u64 + 1);
    let classes = match d.range(0, 99) {
        0..=69 => 1,
        70..=89 => 2,
        90..=96 => 3,
        _ => 4,
    };
    let (currency, par, per_unit) = PARS[d.range(0, PARS.len() as u64 - 1) as usize];
    let mut y = String::new();
    let _ = writeln!(
        y,
        "form: FF301\nversion: \"1.2.0\"\nmonth_ended: 2026-01-31\nstatus: new_submission\ndate_submitted: 2026-02-0{}",
        d.range(2, 6)
    );
    let _ = writeln!(
        y,
        "issuer:\n  name: Synthetic Issuer {i:04} Holdings Limited\n  name_zh: 合成發行人{i:04}控股有限公司\nshare_classes:"
    );
    // Class 0 moves; the others stand still.
    let preceding = d.range(10_000_000, 2_000_000_000);
    let treasury = if d.chance(20) {
        d.range(100_000, 5_000_000)
    } else {
        0
    };
    let mut a1 = 0;
    let mut a2 = 0;
    let mut options = String::new();
    if d.chance(40) {
        let schemes = d.range(1, 3);
        let _ = writeln!(
            options,
            "  share_options:\n    classes:\n      - share_class: c0\n        entries:"
        );
        // Funds raised, in cents: options exercised times their exercise price of {p}.25.
        let mut raised_cents: u64 = 0;
        for s in 0..schemes {
            let out = d.range(100_000, 20_000_000);
            let granted = if d.chance(30) { d.range(1, 500_000) } else { 0 };
            let exercised = d.range(0, out / 10);
            let lapsed = d.range(0, out / 20);
            let from_treasury = if treasury > 0 {
                exercised.min(treasury / 4).min(d.range(0, exercised))
            } else {
                0
            };
            a1 += exercised - from_treasury;
            a2 += from_treasury;
            let closing = out + granted - exercised - lapsed;
            let price = d.range(1, 30);
            let _ = writeln!(
                options,
                "          - particulars: {0} Share Option Scheme\n            particulars_zh: {0}年股份期權計劃\n            general_meeting_approval_date: 20{1}-06-01\n            outstanding_preceding: {out}\n            granted: {granted}\n            exercised: -{exercised}\n            lapsed: -{lapsed}\n            outstanding_closing: {closing}\n            new_shares_issued: {2}\n            treasury_shares_transferred: {from_treasury}\n            shares_which_may_be_issued: {closing}\n            remaining_capacity: {3}\n            exercise_price: {{ currency: HKD, amount: \"{4}.25\" }}",
                2015 + s,
                15 + s,
                exercised - from_treasury,
                d.range(1_000_000, 50_000_000),
                price
            );
            raised_cents += exercised * (price * 100 + 25);
        }
        let _ = writeln!(
            options,
            "        funds_raised: {{ currency: HKD, amount: {}.{:02} }}",
            raised_cents / 100,
            raised_cents % 100
        );
    }
    let mut c1 = 0;
    let mut convertibles = String::new();
    if d.chance(15) {
        let price = d.range(2, 20);
        let amount = price * d.range(1_000_000, 10_000_000);
        let converted = if d.chance(50) {
            d.range(1, amount / price / 2)
        } else {
            0
        };
        c1 = converted;
        let closing = amount - converted * price;
        let movement = if converted > 0 {
            format!(
                "{{ kind: Converted, kind_zh: 已轉換, amount: \"-{}\" }}",
                converted * price
            )
        } else {
            "{ kind: Issued, kind_zh: 已發行, amount: null }".to_owned()
        };
        let _ = writeln!(
            convertibles,
            "  convertibles:\n    classes:\n      - share_class: c0\n        entries:\n          - description: Convertible Bonds due 2029\n            description_zh: 2029年到期的可換股債券\n            currency: HKD\n            amount_preceding: \"{amount}\"\n            movement: {movement}\n            amount_closing: \"{closing}\"\n            new_shares_issued: {converted}\n            shares_which_may_be_issued: {}\n            type: Bond/Notes\n            type_zh: 債券/票據\n            conversion_price: {{ currency: HKD, amount: \"{price}\" }}",
            closing / price
        );
    }
    let (mut cancelled, mut into_treasury) = (0, 0);
    let mut movements = String::new();
    if d.chance(30) {
        cancelled = d.range(0, preceding / 200);
        into_treasury = if d.chance(50) {
            d.range(1, preceding / 200)
        } else {
            0
        };
        let pending = if d.chance(30) {
            d.range(1, 1_000_000)
        } else {
            0
        };
        let _ = writeln!(
            movements,
            "  other_movements:\n    classes:\n      - share_class: c0\n        entries:"
        );
        let _ = writeln!(
            movements,
            "          - {{ type_of_issue: repurchase_cancelled, date_of_event: 2026-01-{:02}, issued: -{cancelled} }}",
            d.range(2, 30)
        );
        if into_treasury > 0 {
            let _ = writeln!(
                movements,
                "          - {{ type_of_issue: repurchase_held_as_treasury, date_of_event: 2026-01-{:02}, issued: -{into_treasury}, treasury: {into_treasury} }}",
                d.range(2, 30)
            );
        }
        if pending > 0 {
            let _ = writeln!(
                movements,
                "          - {{ type_of_issue: repurchase_pending_cancellation, date_of_event: 2026-01-30, pending_cancellation: -{pending} }}"
            );
        }
    }
    let excl_closing = preceding + a1 + a2 + c1 - cancelled - into_treasury;
    let treasury_closing = treasury - a2 + into_treasury;
    for k in 0..classes {
        let (class, kind, listed) = match k {
            0 => ("Ordinary shares", "Not applicable", true),
            1 => ("WVR ordinary shares", "B", false),
            2 => ("Preference shares", "Not applicable", false),
            _ => (
                "Other class (specify in description)",
                "Other type (specify in description)",
                false,
            ),
        };
        let authorised = d.range(1, 9) * 1_000_000_000 * (if per_unit > 1000 { 10 } else { 1 });
        let _ = writeln!(
            y,
            "  - id: c{k}\n    class_of_shares: {class}\n    type_of_shares: {kind}\n    listed: {listed}"
        );
        if listed {
            // Five digits: past 90,000 issuers the codes come round again (name such a market's
            // outputs by file, `--name {{stem}}`).
            let _ = writeln!(y, "    stock_code: \"{:05}\"", 10_000 + i % 90_000);
        }
        let _ = writeln!(
            y,
            "    description: Class {k} shares\n    description_zh: 第{k}類股份\n    authorised:\n      shares: {{ preceding: {authorised}, movement: 0, closing: {authorised} }}\n      par_value: {{ currency: {currency}, amount: \"{par}\" }}"
        );
        if k == 0 {
            let _ = writeln!(
                y,
                "    issued:\n      excluding_treasury: {{ preceding: {preceding}, closing: {excl_closing} }}\n      treasury: {{ preceding: {treasury}, closing: {treasury_closing} }}"
            );
            let _ = writeln!(
                y,
                "    public_float:\n      complied: true\n      threshold: Initial Prescribed Threshold - 25% of the total number of issued shares in the class to which the listed shares belong (excluding treasury shares)\n      threshold_zh: 初始指定門檻 - 上市股份所屬類別的已發行股份總數(不包括庫存股份)的25%"
            );
        } else {
            let n = d.range(1_000_000, 100_000_000);
            let _ = writeln!(
                y,
                "    issued:\n      excluding_treasury: {{ preceding: {n}, closing: {n} }}\n      treasury: {{ preceding: 0, closing: 0 }}"
            );
        }
    }
    let _ = writeln!(y, "details:");
    y.push_str(if options.is_empty() {
        "  share_options: not_applicable\n"
    } else {
        &options
    });
    y.push_str("  warrants: not_applicable\n");
    y.push_str(if convertibles.is_empty() {
        "  convertibles: not_applicable\n"
    } else {
        &convertibles
    });
    y.push_str("  other_arrangements: not_applicable\n");
    y.push_str(if movements.is_empty() {
        "  other_movements: not_applicable\n"
    } else {
        &movements
    });
    let _ = writeln!(
        y,
        "hdr: not_applicable\nconfirmations: standard\nsubmitted_by:\n  name: Company Secretary {i}\n  name_zh: 公司秘書{i}\n  title: Company Secretary\n  title_zh: 公司秘書"
    );
    y
}

/// Writes `count` returns as `issuer-NNNN.yaml` into `dir`.
pub(crate) fn write(dir: &std::path::Path, count: usize) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for i in 0..count {
        std::fs::write(dir.join(format!("issuer-{i:04}.yaml")), issuer(i))?;
    }
    Ok(())
}
