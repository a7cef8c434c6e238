//! Phase 1, Part III: the five tables of movements, each a list of blocks per class.

use crate::input::tree::{Node, Value};
use crate::model::{
    Arrangement, Block, Convertible, Count, Dated, GivenTotal, Layout, OptionScheme, OtherMovement,
    ShareClass, Src, Table, Text, Warrant,
};
use crate::validate::read::{Fields, Reader, index};
use crate::vocab::ISSUE_TYPES;

/// Part III as read, before it is spread over the filing.
pub(crate) struct Details {
    pub(crate) share_options: Option<Table<OptionScheme>>,
    pub(crate) warrants: Option<Table<Warrant>>,
    pub(crate) convertibles: Option<Table<Convertible>>,
    pub(crate) arrangements: Option<Table<Arrangement>>,
    pub(crate) other_movements: Option<Table<OtherMovement>>,
    pub(crate) grand_totals: Vec<GivenTotal>,
}

/// Reads one entry of a table.
type EntryReader<E> = fn(&mut Reader, &mut Fields<'_>, Option<Layout>) -> Option<E>;

impl Reader {
    /// Reads `details` (Part III) against the classes already read.
    pub(crate) fn details(
        &mut self,
        f: &mut Fields<'_>,
        classes: Option<&[ShareClass]>,
        layout: Option<Layout>,
    ) -> Option<Details> {
        // A table (or the whole of Part III) that fails to read stands in as not applicable, so
        // the rules still run on the rest; the failure is recorded, so the return is never
        // valid, and the rules' findings that need Part III are set aside (`partial`).
        let empty = Details {
            share_options: None,
            warrants: None,
            convertibles: None,
            arrangements: None,
            other_movements: None,
            grand_totals: Vec::new(),
        };
        let Some(node) = self.require(f, "details", "Part III, with its tables (A) to (E)") else {
            return Some(empty);
        };
        let Some(mut d) = self.fields(node, "details") else {
            return Some(empty);
        };
        let share_options = self.table(&mut d, "share_options", classes, layout, option_scheme);
        let warrants = self.table(&mut d, "warrants", classes, layout, warrant);
        let convertibles = self.table(&mut d, "convertibles", classes, layout, convertible);
        let arrangements = self.table(&mut d, "other_arrangements", classes, layout, arrangement);
        let other_movements =
            self.table(&mut d, "other_movements", classes, layout, other_movement);
        let grand_totals = self.grand_totals(&mut d, classes);
        self.finish(d);
        Some(Details {
            share_options: share_options.unwrap_or(None),
            warrants: warrants.unwrap_or(None),
            convertibles: convertibles.unwrap_or(None),
            arrangements: arrangements.unwrap_or(None),
            other_movements: other_movements.unwrap_or(None),
            grand_totals: grand_totals.unwrap_or_default(),
        })
    }

    /// The index of the class named by `share_class` in `fields`, or a located error.
    fn class_ref(
        &mut self,
        fields: &mut Fields<'_>,
        classes: Option<&[ShareClass]>,
    ) -> Option<usize> {
        let node = self.require(
            fields,
            "share_class",
            "the id of the class this block is about",
        )?;
        let path = fields.path_of("share_class");
        let id = self.text(node, &path)?;
        let classes = classes?;
        if let Some(i) = classes.iter().position(|c| c.id == id) {
            return Some(i);
        }
        let ids: Vec<&str> = classes.iter().map(|c| c.id.as_str()).collect();
        let d = self.report.error(
            node.loc,
            &path,
            format!("no class of shares has the id `{id}`"),
        );
        match crate::validate::read::closest(&id, &ids) {
            Some(near) => d.hint(format!("did you mean `{near}`?")),
            None => d.hint(format!("the classes are: {}", ids.join(", "))),
        };
        None
    }

    fn table<E>(
        &mut self,
        f: &mut Fields<'_>,
        key: &'static str,
        classes: Option<&[ShareClass]>,
        layout: Option<Layout>,
        entry: EntryReader<E>,
    ) -> Option<Option<Table<E>>> {
        let node = self.require(f, key, "the table's blocks, or not_applicable")?;
        if Self::is_not_applicable(node) {
            return Some(None);
        }
        let path = f.path_of(key);
        let mut t = self.fields(node, &path)?;
        let remarks = self.text_pair_at(&mut t, "remarks", "remarks_zh");
        let blocks = self
            .require(
                &mut t,
                "classes",
                "one block per class of shares, with its entries",
            )
            .and_then(|n| {
                let items = self.list(n, &t.path_of("classes"))?;
                let mut blocks = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    blocks.push(self.block(
                        item,
                        &index(&t.path_of("classes"), i),
                        classes,
                        layout,
                        entry,
                        key == "share_options",
                    ));
                }
                blocks.into_iter().collect::<Option<Vec<_>>>()
            });
        self.finish(t);
        Some(Some(Table {
            blocks: blocks?,
            remarks,
        }))
    }

    fn block<E>(
        &mut self,
        node: &Node,
        path: &str,
        classes: Option<&[ShareClass]>,
        layout: Option<Layout>,
        entry: EntryReader<E>,
        options: bool,
    ) -> Option<Block<E>> {
        let mut b = self.fields(node, path)?;
        let class = self.class_ref(&mut b, classes);
        let listed = match self.get(&mut b, "listed") {
            Some(n) => self.boolean(n, &b.path_of("listed")).map(Some),
            None => Some(None),
        };
        let stock_code = match self.present(&mut b, "stock_code") {
            Some(Node {
                value: Value::Null, ..
            }) => Some(Some(None)),
            // The header of an unlisted class may carry its code on another market, as the
            // class does in Parts I and II.
            Some(n) => {
                let class_listed = class.and_then(|i| classes?.get(i)).map(|c| c.listed);
                let header_listed = listed.flatten().or(class_listed);
                self.stock_code_of(n, &b.path_of("stock_code"), header_listed)
                    .map(|c| Some(Some(c)))
            }
            None => Some(None),
        };
        let description = self.present(&mut b, "description").map(|n| match &n.value {
            Value::Null => Text::default(),
            _ => self
                .text_pair(&mut b, Some(n), "description", "description_zh")
                .unwrap_or_default(),
        });
        if description.is_none() {
            // A Chinese description without the English one is reported like any orphan.
            self.text_pair_at(&mut b, "description", "description_zh");
        }
        let entries = self
            .require(&mut b, "entries", "the rows of the table for this class")
            .and_then(|n| {
                let p = b.path_of("entries");
                let items = self.list(n, &p)?;
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let Some(mut e) = self.fields(item, &index(&p, i)) else {
                        out.push(None);
                        continue;
                    };
                    out.push(entry(self, &mut e, layout));
                    self.finish(e);
                }
                out.into_iter().collect::<Option<Vec<E>>>()
            });
        let total_issued = self.count_at(&mut b, "total");
        let total_treasury = self.count_at(&mut b, "total_treasury");
        let funds_raised = if options {
            self.money_at(&mut b, "funds_raised")
        } else {
            None
        };
        self.finish(b);
        Some(Block {
            class: class?,
            listed: listed?,
            stock_code: stock_code?,
            description,
            entries: entries?,
            total_issued,
            total_treasury,
            funds_raised,
            src: Src {
                loc: node.loc,
                path: path.to_owned(),
            },
        })
    }

    fn grand_totals(
        &mut self,
        d: &mut Fields<'_>,
        classes: Option<&[ShareClass]>,
    ) -> Option<Vec<GivenTotal>> {
        let Some(node) = self.get(d, "totals") else {
            return Some(Vec::new());
        };
        let path = d.path_of("totals");
        let items = self.list(node, &path)?;
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let Some(mut t) = self.fields(item, &index(&path, i)) else {
                continue;
            };
            let class = self.class_ref(&mut t, classes);
            let issued = self.count_at(&mut t, "issued");
            let treasury = self.count_at(&mut t, "treasury");
            self.finish(t);
            if let Some(class) = class {
                out.push(GivenTotal {
                    class,
                    issued,
                    treasury,
                });
            }
        }
        (out.len() == items.len()).then_some(out)
    }
}

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

fn option_scheme(r: &mut Reader, e: &mut Fields<'_>, _: Option<Layout>) -> Option<OptionScheme> {
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

fn warrant(r: &mut Reader, e: &mut Fields<'_>, _: Option<Layout>) -> Option<Warrant> {
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

fn convertible(r: &mut Reader, e: &mut Fields<'_>, _: Option<Layout>) -> Option<Convertible> {
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

fn arrangement(r: &mut Reader, e: &mut Fields<'_>, _: Option<Layout>) -> Option<Arrangement> {
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

fn other_movement(r: &mut Reader, e: &mut Fields<'_>, _: Option<Layout>) -> Option<OtherMovement> {
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
