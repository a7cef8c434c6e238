//! The reading of the form: lines of cells (a published text return, or a PDF's lines) to
//! hkret's YAML, part by part in the order the form prints them.
//!
//! Each part has its function; the wording that marks each line is in [`super::labels`]. A
//! figure that cannot be read is never guessed: it is left out with a [`Note`] naming the place
//! and the text found, and a required one (a balance of Parts I and II, a date of the header) is
//! an error.

mod classes;
mod cursor;
mod rows;
pub(crate) use cursor::strip_number as strip_item;
pub(crate) mod figures;
mod tables;
mod tail;

pub(crate) use cursor::{Level, Note};

use super::labels::{self, Form};
use super::lines::{Line, Place};
use super::yaml::{MapBuilder, Node};
use classes::{ClassHeader, Classes};
use cursor::Cursor;

/// A return read from its lines: the YAML tree and what was left out.
#[derive(Debug)]
pub(crate) struct Read {
    /// hkret's input, ready to write.
    pub(crate) root: Node,
    /// The layout recognised.
    pub(crate) form: &'static Form,
    /// Warnings (and errors, when a required figure was missing).
    pub(crate) notes: Vec<Note>,
}

/// Reads a return. `Err` when the lines are not a monthly return at all (the message says why).
pub(crate) fn read(lines: &[Line]) -> Result<Read, String> {
    let form = labels::recognise(lines)?;
    let mut r = Reader {
        c: Cursor::new(lines),
        form,
    };
    let root = r.whole();
    Ok(Read {
        root,
        form,
        notes: r.c.notes,
    })
}

/// The reading in progress.
pub(crate) struct Reader<'a> {
    pub(crate) c: Cursor<'a>,
    pub(crate) form: &'static Form,
}

impl<'a> Reader<'a> {
    fn whole(&mut self) -> Node {
        let mut root = MapBuilder::new();
        root.put("form", Node::plain("FF301"));
        root.put("version", Node::text(self.form.version));
        if let Some(printed) = &self.form_printed_version() {
            root.put("printed_version", Node::text(printed));
        }
        self.c.pass_until(&["For the month ended:"]);
        let head = self.header();
        for (k, v) in head {
            root.put(k, v);
        }
        let part_i = self.part_i();
        let mut classes = self.part_ii();
        let (authorised, authorised_extra) = part_i;
        classes.attach_authorised(authorised, &mut self.c);
        let details = self.part_iii(&classes);
        root.put("share_classes", classes.to_yaml(self.form));
        for (k, v) in authorised_extra {
            root.put(k, v);
        }
        root.put("details", details);
        let (hdr, confirmations, submitted) = self.tail();
        root.put("hdr", hdr);
        root.put("confirmations", confirmations);
        root.put("submitted_by", submitted);
        root.build()
    }

    /// The version printed in a PDF's footer, when it differs from the layout's.
    fn form_printed_version(&self) -> Option<String> {
        None
    }

    /// The header: month, status, issuer, date submitted.
    fn header(&mut self) -> Vec<(&'static str, Node)> {
        let mut text = String::new();
        let place = self.c.place();
        while let Some(line) = self.c.peek() {
            if self.c.at(labels::PART_I) {
                break;
            }
            text.push_str(&line.joined());
            text.push('\n');
            self.c.take();
        }
        let fields = labels::split_fields(
            &text,
            &[
                "For the month ended:",
                "Status:",
                "To :",
                "Name of Issuer:",
                "Date Submitted:",
            ],
        );
        let mut out = Vec::new();
        let get = |k: &str| fields.iter().find(|(l, _)| *l == k).map(|(_, v)| v.clone());
        for (label, key) in [
            ("For the month ended:", "month_ended"),
            ("Status:", "status"),
            ("Date Submitted:", "date_submitted"),
        ] {
            let value = get(label).unwrap_or_default();
            let node = if key == "status" {
                match value.as_str() {
                    "New Submission" => Some(Node::plain("new_submission")),
                    "Amendment" => Some(Node::plain("amendment")),
                    _ => None,
                }
            } else {
                figures::date(&value).map(|d| Node::plain(d.to_string()))
            };
            match node {
                Some(n) => out.push((key, n)),
                None => {
                    self.c
                        .error(place, format!("could not read `{label}`"), value);
                    out.push((key, Node::null()));
                }
            }
        }
        let name = get("Name of Issuer:").unwrap_or_default();
        let mut issuer = MapBuilder::new();
        match labels::split_incorporation(&name) {
            Some((n, inc)) => {
                issuer.put("name", Node::text(n));
                issuer.put("incorporation", Node::text(inc));
            }
            None => {
                issuer.put("name", Node::text(&name));
            }
        }
        if name.is_empty() {
            self.c
                .error(place, "could not read the name of the issuer", "");
        }
        out.push(("issuer", issuer.build()));
        out
    }

    /// Part I: the class blocks, then the totals and remarks under them.
    #[allow(clippy::type_complexity, reason = "the part's two results")]
    fn part_i(&mut self) -> (Vec<(ClassHeader, Node)>, Vec<(&'static str, Node)>) {
        let mut blocks = Vec::new();
        let mut extra = Vec::new();
        let Some(heading) = self.c.take_if(labels::PART_I) else {
            let place = self.c.place();
            self.c.error(place, "Part I was not found", "");
            return (blocks, extra);
        };
        if heading.joined().ends_with(labels::NOT_APPLICABLE) {
            return (blocks, extra);
        }
        let stops = [labels::PART_II, labels::TOTAL_AUTHORISED, labels::REMARKS];
        while !self.c.at_any(&stops) && self.c.peek().is_some() {
            if !self.at_class_header() {
                let line = self.c.take().map(Line::joined).unwrap_or_default();
                let place = self.c.place();
                self.c
                    .warn(place, "left out: not part of a Part I class", line);
                continue;
            }
            let header = self.class_header();
            let body = self.part_i_class();
            blocks.push((header, body));
        }
        let mut totals = Vec::new();
        while let Some(line) = self.c.take_if(labels::TOTAL_AUTHORISED) {
            let rest = line.joined()[labels::TOTAL_AUTHORISED.len()..]
                .trim()
                .to_owned();
            let mut words = rest.splitn(2, ' ');
            let currency = words.next().unwrap_or_default();
            let amount = words.next().and_then(figures::amount);
            match amount {
                Some(a) if figures::is_currency(currency) => {
                    let mut t = MapBuilder::new();
                    t.put("currency", Node::text(currency));
                    t.put("amount", Node::text(&a));
                    totals.push(t.build());
                }
                _ => self.c.warn(
                    line.place,
                    "left out: a Part I total that is not a currency and an amount",
                    rest,
                ),
            }
        }
        if self.c.take_if(labels::REMARKS).is_some() {
            let text = self.c.paragraph(&[labels::PART_II]);
            extra.push(("authorised_remarks", Node::text(&text)));
        }
        if !totals.is_empty() {
            extra.push(("authorised_totals", Node::Seq(totals)));
        }
        self.c.skip_until(&[labels::PART_II], "Part I");
        (blocks, extra)
    }

    /// The three rows of one class in Part I, and a capital remark under them.
    fn part_i_class(&mut self) -> Node {
        self.skip_column_titles(&[labels::PRECEDING]);
        let pre = self.row(labels::PRECEDING);
        let mov = self.row(labels::MOVEMENT);
        let clo = self.row(labels::CLOSING);
        let cell = |l: &Option<&Line>, i| l.map(|l| l.cell(i).to_owned()).unwrap_or_default();
        let mut shares = MapBuilder::new();
        self.count_into(&mut shares, "preceding", pre, 1, true);
        self.count_into(&mut shares, "movement", mov, 1, false);
        self.count_into(&mut shares, "closing", clo, 1, true);
        let mut par = MapBuilder::new();
        let currency = cell(&pre, 2);
        par.put("currency", Node::text(&currency));
        self.amount_into(&mut par, "amount", pre, 3, true);
        let mut capital = MapBuilder::new();
        self.amount_into(&mut capital, "preceding", pre, 5, false);
        self.amount_into(&mut capital, "movement", mov, 5, false);
        self.amount_into(&mut capital, "closing", clo, 5, false);
        let mut a = MapBuilder::new();
        a.put("shares", shares.build());
        a.put("par_value", par.build());
        a.put("capital", capital.build());
        if self.c.at("Remarks: ")
            && let Some(line) = self.c.take()
        {
            let text = line.joined()["Remarks: ".len()..].to_owned();
            a.put("capital_remark", Node::text(&text));
        }
        a.build()
    }

    /// Part II: every class with its balances and public float confirmation.
    fn part_ii(&mut self) -> Classes {
        let mut classes = Classes::default();
        if self.c.take_if(labels::PART_II).is_none() {
            let place = self.c.place();
            self.c.error(place, "Part II was not found", "");
            return classes;
        }
        while !self.c.at(labels::PART_III) && self.c.peek().is_some() {
            if !self.at_class_header() {
                let line = self.c.take().map(Line::joined).unwrap_or_default();
                let place = self.c.place();
                self.c
                    .warn(place, "left out: not part of a Part II class", line);
                continue;
            }
            let header = self.class_header();
            let issued = self.part_ii_class();
            let public_float = self.public_float();
            classes.push(header, issued, public_float);
        }
        if classes.is_empty() {
            let place = self.c.place();
            self.c.error(place, "Part II has no class of shares", "");
        }
        classes
    }

    /// The balances of one class in Part II.
    fn part_ii_class(&mut self) -> Node {
        self.skip_column_titles(&[labels::PRECEDING]);
        let pre = self.row(labels::PRECEDING);
        let mov = self.row(labels::MOVEMENT);
        let clo = self.row(labels::CLOSING);
        let mut issued = MapBuilder::new();
        if self.form.treasury {
            for (key, col) in [("excluding_treasury", 1), ("treasury", 2)] {
                let mut b = MapBuilder::new();
                self.count_into(&mut b, "preceding", pre, col, key == "excluding_treasury");
                self.count_into(&mut b, "movement", mov, col, false);
                self.count_into(&mut b, "closing", clo, col, key == "excluding_treasury");
                issued.put(key, b.build());
            }
            let mut total = MapBuilder::new();
            self.count_into(&mut total, "preceding", pre, 3, false);
            self.count_into(&mut total, "closing", clo, 3, false);
            issued.put("total", total.build());
        } else {
            let mut b = MapBuilder::new();
            self.count_into(&mut b, "preceding", pre, 2, true);
            self.count_into(&mut b, "movement", mov, 2, false);
            self.count_into(&mut b, "closing", clo, 2, true);
            issued.put("shares", b.build());
        }
        issued.build()
    }

    /// The public float confirmation under a class of Part II (1.2.0), if printed.
    fn public_float(&mut self) -> Option<Node> {
        self.c.take_if(labels::PUBLIC_FLOAT)?;
        let mut complied = None;
        while let Some(line) = self.c.peek() {
            if self.c.at(labels::THRESHOLD) || self.at_class_header() || self.c.at(labels::PART_III)
            {
                break;
            }
            let text = line.joined();
            if let Some(rest) = text.strip_prefix("[x] ") {
                complied = Some(!rest.contains("has not been complied"));
            }
            self.c.take();
        }
        let place = self.c.place();
        let threshold = self
            .c
            .take_if(labels::THRESHOLD)
            .map(|l| rest_after(l, labels::THRESHOLD));
        let info = self
            .c
            .take_if(labels::ADDITIONAL_INFORMATION)
            .map(|l| rest_after(l, labels::ADDITIONAL_INFORMATION));
        let mut pf = MapBuilder::new();
        match complied {
            Some(b) => {
                pf.put("complied", Node::boolean(b));
            }
            None => {
                self.c.error(
                    place,
                    "no box of the public float confirmation is ticked",
                    "",
                );
                pf.put("complied", Node::null());
            }
        }
        pf.put("threshold", Node::text(&threshold.unwrap_or_default()));
        pf.put(
            "additional_information",
            Node::text(&info.unwrap_or_default()),
        );
        Some(pf.build())
    }

    /// Whether the next line is a class header ("1. Class of shares ...").
    pub(crate) fn at_class_header(&mut self) -> bool {
        self.c.peek().is_some_and(|l| {
            let first = l.cell(0);
            cursor::strip_number(first) != first && self.form.is_class_header(&l.joined())
        })
    }

    /// Reads a class header and the lines under it (stock code, multi-counters).
    pub(crate) fn class_header(&mut self) -> ClassHeader {
        let place = self.c.place();
        let line = self.c.take().cloned();
        let mut h = ClassHeader {
            place,
            ..ClassHeader::default()
        };
        if let Some(line) = &line {
            h.class_of_shares = line.cell(1).to_owned();
            h.type_of_shares = labels::type_of_shares(line.cell(3));
            h.listed = match line.cell(5) {
                "Yes" => Some(true),
                "No" => Some(false),
                other => {
                    self.c
                        .warn(place, "the class's listing is neither Yes nor No", other);
                    None
                }
            };
        }
        if let Some(line) = self.c.take_if(labels::STOCK_CODE) {
            let values: Vec<&str> = line.cells[1..].iter().map(|c| c.text.as_str()).collect();
            match values.iter().position(|v| *v == labels::DESCRIPTION) {
                Some(d) => {
                    h.stock_code = values[..d].concat();
                    h.description = Some(values[d + 1..].join(" ").trim().to_owned());
                }
                None => h.stock_code = values.concat(),
            }
        }
        while let Some(line) = self.c.take_if(labels::MULTI_COUNTER) {
            let mut words = rest_after(line, labels::MULTI_COUNTER)
                .split(' ')
                .map(str::to_owned)
                .collect::<Vec<_>>()
                .into_iter();
            let code = words.next().unwrap_or_default();
            let currency = words.next().unwrap_or_default();
            let description: Vec<String> = words.filter(|w| w != labels::DESCRIPTION).collect();
            h.counters.push((code, currency, description.join(" ")));
        }
        h
    }

    /// Skips the column titles of a table up to a line starting with one of `stops`.
    pub(crate) fn skip_column_titles(&mut self, stops: &[&str]) {
        while let Some(line) = self.c.peek() {
            if self.c.at_any(stops)
                || !line.cell(0).is_empty() && !self.form.is_column_title(line.cell(0))
            {
                return;
            }
            self.c.take();
        }
    }

    /// Takes a row starting with `label`, or notes that it is missing.
    pub(crate) fn row(&mut self, label: &str) -> Option<&'a Line> {
        let row = self.c.take_if(label);
        if row.is_none() {
            let place = self.c.place();
            let found = self.c.peek().map(Line::joined).unwrap_or_default();
            self.c
                .error(place, format!("the row `{label}` was not found"), found);
        }
        row
    }

    /// Puts the count in cell `col` of `line` under `key`; a blank is `null`, and when
    /// `required` an error.
    pub(crate) fn count_into(
        &mut self,
        m: &mut MapBuilder,
        key: &'static str,
        line: Option<&Line>,
        col: usize,
        required: bool,
    ) {
        let Some(line) = line else {
            return;
        };
        let text = line.cell(col);
        if text.is_empty() {
            if required {
                self.c.error(
                    line.place,
                    format!("the figure `{key}` is blank"),
                    line.joined(),
                );
            }
            m.put(key, Node::null());
            return;
        }
        match figures::count(text) {
            Some(v) => {
                m.put(key, Node::plain(v));
            }
            None => {
                self.c
                    .error(line.place, format!("`{key}` is not a whole number"), text);
                m.put(key, Node::null());
            }
        }
    }

    /// Puts the amount in cell `col` of `line` under `key` (as quoted text, exact).
    pub(crate) fn amount_into(
        &mut self,
        m: &mut MapBuilder,
        key: &'static str,
        line: Option<&Line>,
        col: usize,
        required: bool,
    ) {
        let Some(line) = line else {
            return;
        };
        let text = line.cell(col);
        if text.is_empty() {
            if required {
                self.c.error(
                    line.place,
                    format!("the amount `{key}` is blank"),
                    line.joined(),
                );
            }
            return;
        }
        match figures::amount(text) {
            Some(v) => {
                m.put(key, Node::text(&v));
            }
            None => self
                .c
                .error(line.place, format!("`{key}` is not an amount"), text),
        }
    }

    /// Notes the place of a block, for the YAML comment.
    pub(crate) fn place_comment(place: Place) -> String {
        format!("{place} of the source")
    }
}

/// The text of a line after its label.
pub(crate) fn rest_after(line: &Line, label: &str) -> String {
    let joined = line.joined();
    joined
        .strip_prefix(label)
        .map_or(joined.clone(), |r| r.trim().to_owned())
}
