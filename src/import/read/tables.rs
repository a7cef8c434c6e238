//! Part III: the five tables, each a list of blocks per class with their rows and footers,
//! the remarks under a table, and the grand totals per class.

use super::super::labels;
use super::super::lines::Line;
use super::super::yaml::{MapBuilder, Node};
use super::classes::Classes;
use super::cursor::row_number;
use super::{Reader, figures};

/// The five tables: letter, YAML key.
const TABLES: [(char, &str); 5] = [
    ('A', "share_options"),
    ('B', "warrants"),
    ('C', "convertibles"),
    ('D', "other_arrangements"),
    ('E', "other_movements"),
];

/// Where a table's heading starts: `(A).`
fn heading(letter: char) -> String {
    format!("({letter}).")
}

impl Reader<'_> {
    /// Part III: `details`.
    pub(super) fn part_iii(&mut self, classes: &Classes) -> Node {
        let mut details = MapBuilder::new();
        if self.c.take_if(labels::PART_III).is_none() {
            let place = self.c.place();
            self.c.error(place, "Part III was not found", "");
        }
        for (letter, key) in TABLES {
            let start = heading(letter);
            self.c.skip_until(&[&start, labels::PART_IV], "Part III");
            let Some(line) = self.c.take_if(&start) else {
                let place = self.c.place();
                self.c.error(
                    place,
                    format!("table ({letter}) of Part III was not found"),
                    "",
                );
                details.put(key, Node::plain("not_applicable"));
                continue;
            };
            let place = line.place;
            let table = if line.joined().ends_with(labels::NOT_APPLICABLE) {
                Node::plain("not_applicable")
            } else {
                self.table(letter, classes)
            };
            details.put_noted(key, table, Reader::place_comment(place));
        }
        let totals = self.grand_totals(classes);
        if !totals.is_empty() {
            details.put("totals", Node::Seq(totals));
        }
        details.build()
    }

    /// The stops that end a block: the next table, Part IV, remarks, grand totals.
    fn block_stops() -> Vec<String> {
        let mut stops: Vec<String> = TABLES.iter().map(|(l, _)| heading(*l)).collect();
        stops.extend([labels::PART_IV, labels::REMARKS, "Total increase"].map(str::to_owned));
        stops
    }

    /// One table that applies: its blocks and remarks.
    fn table(&mut self, letter: char, classes: &Classes) -> Node {
        let stops_owned = Self::block_stops();
        let stops: Vec<&str> = stops_owned.iter().map(String::as_str).collect();
        let mut blocks = Vec::new();
        while self.c.peek().is_some() && !self.c.at_any(&stops) {
            if !self.at_class_header() {
                let line = self.c.take().map(Line::joined).unwrap_or_default();
                let place = self.c.place();
                self.c.warn(
                    place,
                    format!("left out: not part of a block of table ({letter})"),
                    line,
                );
                continue;
            }
            blocks.push(self.block(letter, classes, &stops));
        }
        let mut t = MapBuilder::new();
        t.put("classes", Node::Seq(blocks));
        if self.c.take_if(labels::REMARKS).is_some() {
            let mut all = stops.clone();
            all.retain(|s| *s != labels::REMARKS);
            let text = self.c.paragraph(&all);
            t.put("remarks", Node::text(&text));
        }
        t.build()
    }

    /// One block: header, rows, footers.
    fn block(&mut self, letter: char, classes: &Classes, stops: &[&str]) -> Node {
        let header = self.class_header();
        let mut b = MapBuilder::new();
        match classes.find(&header) {
            Some((i, id)) => {
                b.put_noted(
                    "share_class",
                    Node::text(id),
                    Reader::place_comment(header.place),
                );
                if let Some(class) = classes.header(i) {
                    if header.listed.is_some() && header.listed != class.listed {
                        b.put(
                            "listed",
                            header.listed.map_or_else(Node::null, Node::boolean),
                        );
                    }
                    if header.stock_code != class.stock_code {
                        let code = if header.stock_code.is_empty() {
                            Node::null()
                        } else {
                            Node::text(&header.stock_code)
                        };
                        b.put("stock_code", code);
                    }
                    if let Some(d) = &header.description
                        && Some(d) != class.description.as_ref()
                    {
                        b.put("description", Node::text(d));
                    }
                }
            }
            None => {
                self.c.error(
                    header.place,
                    format!("a block of table ({letter}) names a class that Part II does not list"),
                    format!("{} {}", header.class_of_shares, header.type_of_shares),
                );
                b.put("share_class", Node::null());
            }
        }
        let mut entries = Vec::new();
        let mut footer = MapBuilder::new();
        while let Some(line) = self.c.peek() {
            if self.c.at_any(stops) || self.at_class_header() {
                break;
            }
            if row_number(line.cell(0)).is_some() {
                self.c.take();
                entries.push(self.entry(letter, line));
            } else if self.footer(letter, line, &mut footer)
                || self.form.is_column_title(line.cell(0))
                || line.cell(0).is_empty() && entries.is_empty()
            {
                // A footer is read by `footer`; column titles carry no figure.
                self.c.take();
            } else {
                self.c.take();
                self.c.warn(
                    line.place,
                    format!("left out: not part of a row of table ({letter})"),
                    line.joined(),
                );
            }
        }
        b.put("entries", Node::Seq(entries));
        if let Node::Map(items) = footer.build() {
            for e in items {
                b.put(e.key, e.value);
            }
        }
        b.build()
    }

    /// A footer line of a block (totals, funds raised); `false` when the line is not one.
    fn footer(&mut self, letter: char, line: &Line, out: &mut MapBuilder) -> bool {
        let text = line.joined();
        if let Some(rest) = text.strip_prefix(labels::FUNDS_RAISED) {
            let rest = rest.trim();
            if let Some((currency, amount)) = rest.split_once(' ')
                && let Some(a) = figures::amount(amount)
            {
                let mut m = MapBuilder::new();
                m.put("currency", Node::text(currency));
                m.put("amount", Node::text(&a));
                out.put("funds_raised", m.build());
                return true;
            }
            if !rest.is_empty() {
                self.c.warn(
                    line.place,
                    "left out: funds raised that are not a currency and an amount",
                    rest,
                );
            }
            return true;
        }
        if self.form.treasury {
            let issued = text.starts_with("Increase in issued shares")
                || text.starts_with("Increase/ decrease (-) in issued shares");
            let treasury = text.starts_with("Decrease in treasury shares")
                || text.starts_with("Increase/ decrease (-) in treasury shares");
            if !issued && !treasury {
                return false;
            }
            let key = if issued { "total" } else { "total_treasury" };
            let value = line.cell(1);
            if !value.is_empty() {
                match figures::count(value) {
                    Some(v) => {
                        out.put(key, Node::plain(v));
                    }
                    None => self.c.warn(
                        line.place,
                        format!(
                            "left out: a footer total of table ({letter}) that is not a number"
                        ),
                        value,
                    ),
                }
            }
            return true;
        }
        let start = format!("Total {letter} (");
        if !text.starts_with(&start) {
            return false;
        }
        let value = text.rsplit_once("): ").map_or("", |(_, v)| v.trim());
        if value != "_____" && !value.is_empty() {
            match figures::count(value) {
                Some(v) => {
                    out.put("total", Node::plain(v));
                }
                None => self.c.warn(
                    line.place,
                    format!("left out: a footer total of table ({letter}) that is not a number"),
                    value,
                ),
            }
        }
        true
    }

    /// The grand totals after table (E), per class.
    fn grand_totals(&mut self, classes: &Classes) -> Vec<Node> {
        let mut totals: Vec<(String, MapBuilder)> = Vec::new();
        while let Some(line) = self.c.take_if("Total increase") {
            let text = line.joined();
            let (label, value, key) = if self.form.treasury {
                let key = if text.contains("in treasury shares") {
                    "treasury"
                } else {
                    "issued"
                };
                (line.cell(2).to_owned(), line.cell(1).to_owned(), key)
            } else {
                let label = text
                    .strip_prefix("Total increase / decrease (-) in ")
                    .and_then(|r| r.split_once(" during the month"))
                    .map(|(l, _)| l.to_owned())
                    .unwrap_or_default();
                let value = text
                    .rsplit_once(") ")
                    .map(|(_, v)| v.trim().to_owned())
                    .unwrap_or_default();
                (label, value, "issued")
            };
            let Some(id) = classes.id_by_label(&label, self.form) else {
                self.c.warn(
                    line.place,
                    "left out: a grand total of a class that Part II does not list",
                    text,
                );
                continue;
            };
            if value.is_empty() || value == "_____" {
                continue;
            }
            let Some(v) = figures::count(&value) else {
                self.c.warn(
                    line.place,
                    "left out: a grand total that is not a number",
                    value,
                );
                continue;
            };
            let at = match totals.iter().position(|(i, _)| *i == id) {
                Some(at) => at,
                None => {
                    let mut m = MapBuilder::new();
                    m.put("share_class", Node::text(&id));
                    totals.push((id, m));
                    totals.len() - 1
                }
            };
            totals[at].1.put(key, Node::plain(v));
        }
        totals.into_iter().map(|(_, m)| m.build()).collect()
    }
}
