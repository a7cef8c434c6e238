//! The reading of the form: lines of cells (a published text return, or a PDF's lines) to
//! hkret's YAML, part by part in the order the form prints them.
//!
//! Each part has its function; the wording that marks each line is in [`super::labels`]. A
//! figure that cannot be read is never guessed: it is left out with a [`Note`] naming the place
//! and the text found, and a required one (a balance of Parts I and II, a date of the header) is
//! an error.

mod classes;
mod cursor;
mod parts;
mod rows;
pub(crate) use cursor::strip_number as strip_item;

/// Whether `cell` starts a table's row (`1). ...`).
pub(crate) fn row_number_of(cell: &str) -> bool {
    cursor::row_number(cell).is_some()
}
pub(crate) mod figures;
mod tables;
mod tail;
mod unprinted;

pub(crate) use cursor::{Level, Note};

use super::labels::{self, Form, id};

use super::lines::{Line, Place};
use super::yaml::{MapBuilder, Node};
use classes::ClassHeader;
use cursor::Cursor;

/// A return read from its lines: the YAML tree and what was left out.
#[derive(Debug)]
pub(crate) struct Read {
    /// hkret's input, ready to write.
    pub(crate) root: Node,
    /// The version of the layout recognised.
    pub(crate) version: &'static str,
    /// Warnings (and errors, when a required figure was missing).
    pub(crate) notes: Vec<Note>,
}

/// The month ended as the header prints it, for choosing among layouts of the same wording.
pub(crate) fn month_of(lines: &[Line], form: &Form) -> Option<chrono::NaiveDate> {
    lines.iter().find_map(|l| {
        let text = l.joined();
        let rest = text.split_once(form.get("hdr_month_ended"))?.1;
        let date: String = rest
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        figures::date(&date)
    })
}

/// Reads a return in the layout `form`; `printed` is the version a PDF prints in its footer.
pub(crate) fn read(lines: &[Line], form: &Form, printed: Option<&str>) -> Read {
    let mut r = Reader {
        c: Cursor::new(lines),
        form,
    };
    let root = r.whole(printed);
    let notes = r.c.notes;
    Read {
        root,
        version: form.version(),
        notes,
    }
}

/// The reading in progress.
pub(crate) struct Reader<'a> {
    pub(crate) c: Cursor<'a>,
    pub(crate) form: &'a Form,
}

impl<'a> Reader<'a> {
    fn whole(&mut self, printed: Option<&str>) -> Node {
        let mut root = MapBuilder::new();
        root.put("form", Node::plain("FF301"));
        root.put("version", Node::text(self.form.version()));
        if let Some(printed) = printed.filter(|p| *p != self.form.version()) {
            root.put("printed_version", Node::text(printed));
        }
        self.c.pass_until(&[self.form.get("hdr_month_ended")]);
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

    /// The header: month, status, issuer, date submitted.
    fn header(&mut self) -> Vec<(&'static str, Node)> {
        let mut text = String::new();
        let place = self.c.place();
        while let Some(line) = self.c.peek() {
            if self.c.at(self.form.get(id::PART_I)) {
                break;
            }
            text.push_str(&line.joined());
            text.push('\n');
            self.c.take();
        }
        let f = self.form;
        let (month, status, issuer, submitted) = (
            f.get("hdr_month_ended"),
            f.get("hdr_status"),
            f.get("hdr_issuer"),
            f.get("hdr_submitted"),
        );
        let fields =
            labels::split_fields(&text, &[month, status, f.get("hdr_to"), issuer, submitted]);
        let mut out = Vec::new();
        let get = |k: &str| fields.iter().find(|(l, _)| *l == k).map(|(_, v)| v.clone());
        for (label, key) in [
            (month, "month_ended"),
            (status, "status"),
            (submitted, "date_submitted"),
        ] {
            let value = get(label).unwrap_or_default();
            let node = if key == "status" {
                f.status(&value).map(Node::plain)
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
        let name = get(issuer).unwrap_or_default();
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

    /// Whether the next line is a class header ("1. Class of shares ...").
    pub(crate) fn at_class_header(&mut self) -> bool {
        self.c.peek().is_some_and(|l| {
            let first = l.cell(0);
            cursor::strip_number(first) != first
                && self.form.is_class_header(cursor::strip_number(&l.joined()))
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
            h.type_of_shares = self.form.type_of_shares(line.cell(3));
            h.listed = self.form.listed(line.cell(5));
            if h.listed.is_none() {
                self.c.warn(
                    place,
                    "the class's listing is neither Yes nor No",
                    line.cell(5),
                );
            }
        }
        let codes = self.form.stock_code_labels();
        if self.c.at_any(&codes)
            && let Some(line) = self.c.take()
        {
            let values: Vec<&str> = line.cells[1..].iter().map(|c| c.text.as_str()).collect();
            match values
                .iter()
                .position(|v| *v == self.form.get(id::DESCRIPTION))
            {
                Some(d) => {
                    h.stock_code = values[..d].concat();
                    h.description = Some(values[d + 1..].join(" ").trim().to_owned());
                }
                None => h.stock_code = values.concat(),
            }
        }
        while let Some(line) = self.c.take_if(self.form.get(id::MULTI_COUNTER)) {
            let mut words = rest_after(line, self.form.get(id::MULTI_COUNTER))
                .split(' ')
                .map(str::to_owned)
                .collect::<Vec<_>>()
                .into_iter();
            let code = words.next().unwrap_or_default();
            let currency = words.next().unwrap_or_default();
            let description: Vec<String> = words
                .filter(|w| w != self.form.get(id::DESCRIPTION))
                .collect();
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
