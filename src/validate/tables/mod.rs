//! Phase 1, Part III: the five tables of movements, each a list of blocks per class.
//!
//! This file reads the tables, their blocks (class, listing, description, totals) and the grand
//! totals; `entries` reads the rows of each table.

mod entries;

use entries::{arrangement, convertible, option_scheme, other_movement, warrant};

use crate::input::tree::{Node, Value};
use crate::model::{
    Arrangement, Block, Convertible, GivenTotal, Layout, OptionScheme, OtherMovement, ShareClass,
    Src, Table, Text, Warrant,
};
use crate::validate::read::{Fields, Reader, index};

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
