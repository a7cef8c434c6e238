//! Part III: the five tables, each a list of blocks per class with their rows and footers,
//! the remarks under a table, and the grand totals per class.

use super::super::labels::id;
use super::super::lines::Line;
use super::super::yaml::{MapBuilder, Node};
use super::classes::Classes;
use super::cursor::row_number;
use super::{Reader, figures, unprinted};

/// The five tables: letter, YAML key.
const TABLES: [(char, &str); 5] = [
    ('A', "share_options"),
    ('B', "warrants"),
    ('C', "convertibles"),
    ('D', "other_arrangements"),
    ('E', "other_movements"),
];

impl<'a> Reader<'a> {
    /// Part III: `details`.
    pub(super) fn part_iii(&mut self, classes: &Classes) -> Node {
        let mut details = MapBuilder::new();
        if self.c.take_if(self.form.get(id::PART_III)).is_none() {
            let place = self.c.place();
            self.c.error(place, "Part III was not found", "");
        }
        for (letter, key) in TABLES {
            let start = self.form.table_title(letter);
            self.c
                .skip_until(&[start, self.form.get(id::PART_IV)], "Part III");
            let Some(line) = self.c.take_if(start) else {
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
            let table = if line.joined().ends_with(self.form.get(id::NOT_APPLICABLE)) {
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
    fn block_stops(&self) -> Vec<&'a str> {
        let f = self.form;
        let mut stops: Vec<&'a str> = TABLES.iter().map(|(l, _)| f.table_title(*l)).collect();
        stops.extend([f.get(id::PART_IV), f.get(id::REMARKS)]);
        stops.extend(f.grand_total_starts());
        stops
    }

    /// One table that applies: its blocks and remarks.
    fn table(&mut self, letter: char, classes: &Classes) -> Node {
        let stops = self.block_stops();
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
        if self.c.take_if(self.form.get(id::REMARKS)).is_some() {
            let mut all = stops.clone();
            all.retain(|s| *s != self.form.get(id::REMARKS));
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
        // Whether the line before was the column titles (repeated on a page the table
        // continues on, with their sub-titles under them).
        let mut after_titles = false;
        while let Some(line) = self.c.peek() {
            if self.c.at_any(stops) || self.at_class_header() {
                break;
            }
            let titles = self.form.is_column_title(line.cell(0));
            let sub_titles = after_titles && line.cell(0).is_empty();
            after_titles = titles;
            if row_number(line.cell(0)).is_some() {
                self.c.take();
                entries.push(self.entry(letter, line));
            } else if self.footer(letter, line, &mut footer)
                || titles
                || sub_titles
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
        let footer = footer.build();
        if letter == 'A' {
            for scheme in &mut entries {
                unprinted::shares_per_option(scheme);
            }
            let funds = match &footer {
                Node::Map(items) => items
                    .iter()
                    .find(|e| e.key == "funds_raised")
                    .map(|e| &e.value),
                _ => None,
            };
            unprinted::exercise_price(&mut entries, funds);
        }
        b.put("entries", Node::Seq(entries));
        if let Node::Map(items) = footer {
            for e in items {
                b.put(e.key, e.value);
            }
        }
        b.build()
    }

    /// A footer line of a block (totals, funds raised); `false` when the line is not one.
    fn footer(&mut self, letter: char, line: &Line, out: &mut MapBuilder) -> bool {
        let text = line.joined();
        if let Some(rest) = text.strip_prefix(self.form.get(id::FUNDS_RAISED)) {
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
        if self.form.treasury() {
            let f = self.form;
            let issued = text.starts_with(f.get("p3_X1")) || text.starts_with(f.get("p3_E_X1"));
            let treasury = text.starts_with(f.get("p3_X2")) || text.starts_with(f.get("p3_E_X2"));
            if !issued && !treasury {
                return false;
            }
            let key = if issued { "total" } else { "total_treasury" };
            // The figure: the second cell of the text form; in a PDF whose blank cell is not
            // kept, the label of the class stands there instead.
            let value = match line.cell(1) {
                v if figures::count(v).is_some() || line.tabbed => v,
                _ => "",
            };
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
        let start = format!("{}{letter} (", self.form.prefix_of("p3_total_of"));
        if !text.starts_with(&start) {
            return false;
        }
        let value = text.rsplit_once("): ").map_or("", |(_, v)| v.trim());
        if value != self.form.get(id::TOTAL_BLANK) && !value.is_empty() {
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
        let starts = self.form.grand_total_starts();
        while self.c.at_any(&starts) {
            let Some(line) = self.c.take() else { break };
            let text = line.joined();
            let (label, value, key) = if self.form.treasury() {
                let key = if text.starts_with(starts[1]) {
                    "treasury"
                } else {
                    "issued"
                };
                let figure = line.cells[1..]
                    .iter()
                    .map(|c| c.text.as_str())
                    .find(|t| figures::count(t).is_some())
                    .unwrap_or_default();
                let label = line
                    .cells
                    .last()
                    .map(|c| c.text.as_str())
                    .unwrap_or_default();
                let label = if line.tabbed { line.cell(2) } else { label };
                let figure = if line.tabbed { line.cell(1) } else { figure };
                (label.to_owned(), figure.to_owned(), key)
            } else {
                // "Total increase / decrease (-) in {class} during the month (...) {figure}"
                let template = self.form.get("p3_grand_total");
                let after = template.split("{class}").nth(1).unwrap_or_default();
                let label = text
                    .strip_prefix(starts[2])
                    .and_then(|r| r.split_once(after))
                    .map(|(l, _)| l.to_owned())
                    .unwrap_or_default();
                let value = text
                    .rsplit_once(after)
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
            if value.is_empty() || value == self.form.get(id::TOTAL_BLANK) {
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
