//! The rows of Part III's tables: one function per table reads a row's line and the lines
//! under it that belong to it (approval date, type, stock code, price; the options' movements).

use super::super::labels::id;
use super::super::lines::Line;
use super::super::yaml::{MapBuilder, Node};
use super::cursor::row_number;
use super::{Reader, figures, rest_after};

impl Reader<'_> {
    /// One row of table `letter`, whose first line is `line` (already taken).
    pub(super) fn entry(&mut self, letter: char, line: &Line) -> Node {
        let mut m = MapBuilder::new();
        let first = row_number(line.cell(0)).map_or("", |(_, t)| t).to_owned();
        match letter {
            'A' => self.option_row(&mut m, line, &first),
            'B' => self.warrant_row(&mut m, line, &first),
            'C' => self.convertible_row(&mut m, line, &first),
            'D' => self.arrangement_row(&mut m, line, &first),
            _ => self.other_row(&mut m, line, &first),
        }
        m.build()
    }

    /// Puts the counts of `line` at `cols` under `keys`.
    fn counts(&mut self, m: &mut MapBuilder, line: &Line, cols: &[(&'static str, usize)]) {
        for (key, col) in cols {
            self.count_into(m, key, Some(line), *col, false);
        }
    }

    /// (A) A share option scheme: its line, then the approval date and the movements.
    fn option_row(&mut self, m: &mut MapBuilder, line: &Line, first: &str) {
        let inline = format!(" ({} ", self.form.get(id::APPROVAL_INLINE));
        let (particulars, date) = match first.rsplit_once(inline.as_str()) {
            Some((p, d)) if !self.form.treasury() => {
                (p.to_owned(), d.strip_suffix(')').and_then(figures::date))
            }
            _ => (first.to_owned(), None),
        };
        m.put("particulars", Node::text(&particulars));
        let mut date = date;
        self.count_into(m, "outstanding_preceding", Some(line), 1, false);
        let mut moves = MapBuilder::new();
        self.option_move(&mut moves, line);
        while let Some(next) = self.c.peek() {
            let text = next.joined();
            let is_move = ["p3_mv_exercised", "p3_mv_cancelled", "p3_mv_lapsed"]
                .iter()
                .any(|w| next.cells.iter().any(|c| c.text == self.form.get(w)));
            if !is_move && !text.starts_with(self.form.get(id::APPROVAL)) {
                break;
            }
            self.c.take();
            if text.starts_with(self.form.get(id::APPROVAL)) {
                date = figures::date(next.cell(1));
            }
            self.option_move(&mut moves, next);
        }
        if let Some(d) = date {
            m.put("general_meeting_approval_date", Node::plain(d.to_string()));
        }
        if let Node::Map(items) = moves.build() {
            for e in items {
                m.put(e.key, e.value);
            }
        }
        self.count_into(m, "outstanding_closing", Some(line), 4, false);
        if self.form.treasury() {
            self.counts(
                m,
                line,
                &[
                    ("new_shares_issued", 5),
                    ("treasury_shares_transferred", 6),
                    ("shares_which_may_be_issued", 7),
                    ("remaining_capacity", 8),
                ],
            );
        } else {
            self.counts(
                m,
                line,
                &[
                    ("new_shares_issued", 5),
                    ("shares_which_may_be_issued", 6),
                    ("remaining_capacity", 7),
                ],
            );
        }
    }

    /// The movement named in cell 2 of an option line (Granted, Exercised ...), figure in cell 3.
    fn option_move(&mut self, m: &mut MapBuilder, line: &Line) {
        let cell = line.cell(2);
        let Some(key) = ["granted", "exercised", "cancelled", "lapsed"]
            .into_iter()
            .find(|k| cell == self.form.get(&format!("p3_mv_{k}")))
        else {
            return;
        };
        self.count_into(m, key, Some(line), 3, false);
    }

    /// The lines under a row of (B) or (C): type, stock code, price, approval date.
    fn row_details(&mut self, m: &mut MapBuilder, letter: char, price_key: &'static str) {
        let f = self.form;
        let label = |what: &str| f.get(&format!("p3_{letter}_{what}"));
        while let Some(next) = self.c.peek() {
            let text = next.joined();
            if text.starts_with(label("type")) {
                let v = value_after(next, label("type"));
                if !v.is_empty() {
                    m.put("type", Node::text(&v));
                }
            } else if text.starts_with(label("stock_code")) {
                let v = value_after(next, label("stock_code"));
                if !v.is_empty() {
                    m.put("stock_code", Node::text(&v));
                }
            } else if text.starts_with(label("price")) {
                let (currency, amount) = match (next.cell(1), next.cell(2)) {
                    ("", "") => {
                        let rest = value_after(next, label("price"));
                        let (c, a) = rest.split_once(' ').unwrap_or((&rest, ""));
                        (c.to_owned(), a.to_owned())
                    }
                    (c, a) => (c.to_owned(), a.to_owned()),
                };
                let (currency, amount) = (currency.as_str(), amount.as_str());
                if let Some(a) = figures::amount(amount) {
                    let mut p = MapBuilder::new();
                    p.put("currency", Node::text(currency));
                    p.put("amount", Node::text(&a));
                    m.put(price_key, p.build());
                } else if !currency.is_empty() || !amount.is_empty() {
                    self.c.warn(
                        next.place,
                        "left out: a price that is not a currency and an amount",
                        rest_after(next, label("price")),
                    );
                }
            } else if text.starts_with(self.form.get(id::APPROVAL)) {
                if let Some(d) = figures::date(next.cell(1)) {
                    m.put("general_meeting_approval_date", Node::plain(d.to_string()));
                } else if !next.cell(1).is_empty() {
                    self.c.warn(
                        next.place,
                        "left out: an approval date that is not a date",
                        next.cell(1),
                    );
                }
            } else {
                return;
            }
            self.c.take();
        }
    }
}

/// The value beside `label` on `line`: its second cell, or when the label and the value share
/// one cell (a PDF's ruled cell), the text after the label.
fn value_after(line: &Line, label: &str) -> String {
    match line.cell(1) {
        "" if line.cell(0).len() > label.len() => rest_after(line, label),
        v => v.to_owned(),
    }
}

impl Reader<'_> {
    /// (B) Warrants.
    fn warrant_row(&mut self, m: &mut MapBuilder, line: &Line, first: &str) {
        let (description, expiry) = match first.rsplit_once(" (") {
            Some((d, e)) => match e.strip_suffix(')').and_then(figures::date) {
                Some(date) => (d.to_owned(), Some(date)),
                None => (first.to_owned(), None),
            },
            None => (first.to_owned(), None),
        };
        m.put("description", Node::text(&description));
        if let Some(e) = expiry {
            m.put("expiry_date", Node::plain(e.to_string()));
        }
        m.put("currency", Node::text(line.cell(1)));
        for (key, col) in [
            ("nominal_preceding", 2),
            ("movement", 3),
            ("nominal_closing", 4),
        ] {
            self.amount_into(m, key, Some(line), col, false);
        }
        self.x_columns(m, line, 5);
        self.row_details(m, 'B', "subscription_price");
    }

    /// (C) Convertibles.
    fn convertible_row(&mut self, m: &mut MapBuilder, line: &Line, first: &str) {
        m.put("description", Node::text(first));
        m.put("currency", Node::text(line.cell(1)));
        self.amount_into(m, "amount_preceding", Some(line), 2, false);
        let movement = line.cell(3);
        if !movement.is_empty() {
            let (kind, amount) = match movement.rsplit_once(' ') {
                Some((k, a)) if figures::amount(a).is_some() => (k, a),
                _ if figures::amount(movement).is_some() => ("", movement),
                _ => (movement, ""),
            };
            let mut mv = MapBuilder::new();
            mv.put(
                "kind",
                if kind.is_empty() {
                    Node::null()
                } else {
                    Node::text(kind)
                },
            );
            mv.put(
                "amount",
                figures::amount(amount).map_or_else(Node::null, |a| Node::text(&a)),
            );
            m.put("movement", mv.build());
        }
        self.amount_into(m, "amount_closing", Some(line), 4, false);
        self.x_columns(m, line, 5);
        self.row_details(m, 'C', "conversion_price");
    }

    /// (D) Other arrangements.
    fn arrangement_row(&mut self, m: &mut MapBuilder, line: &Line, first: &str) {
        m.put("description", Node::text(first));
        if let Some(d) = figures::date(line.cell(1)) {
            m.put("general_meeting_approval_date", Node::plain(d.to_string()));
        }
        if self.form.treasury() {
            self.x_columns(m, line, 2);
        } else {
            self.counts(
                m,
                line,
                &[("new_shares_issued", 5), ("shares_which_may_be_issued", 6)],
            );
        }
    }

    /// The (X1), (X2) and "may be issued" columns from `col` on (1.0.1: (X) and "may be issued").
    fn x_columns(&mut self, m: &mut MapBuilder, line: &Line, col: usize) {
        if self.form.treasury() {
            self.counts(
                m,
                line,
                &[
                    ("new_shares_issued", col),
                    ("treasury_shares_transferred", col + 1),
                    ("shares_which_may_be_issued", col + 2),
                ],
            );
        } else {
            self.counts(
                m,
                line,
                &[
                    ("new_shares_issued", col),
                    ("shares_which_may_be_issued", col + 1),
                ],
            );
        }
    }

    /// (E) Other movements.
    fn other_row(&mut self, m: &mut MapBuilder, line: &Line, first: &str) {
        match self.form.issue_type(first) {
            Some((key, specify)) => {
                m.put("type_of_issue", Node::plain(key));
                if let Some(s) = &specify {
                    m.put("specify", Node::text(s));
                }
            }
            None => {
                self.c
                    .error(line.place, "a type of issue that is not on the form", first);
                m.put("type_of_issue", Node::null());
            }
        }
        let (currency, price) = (line.cell(1), line.cell(2));
        if let Some(a) = figures::amount(price) {
            let mut p = MapBuilder::new();
            p.put("currency", Node::text(currency));
            p.put("amount", Node::text(&a));
            m.put("price", p.build());
        }
        for (key, col) in [("date_of_event", 3), ("general_meeting_approval_date", 4)] {
            if let Some(d) = figures::date(line.cell(col)) {
                m.put(key, Node::plain(d.to_string()));
            } else if !line.cell(col).is_empty() {
                self.c.warn(
                    line.place,
                    format!("left out: `{key}` is not a date"),
                    line.cell(col),
                );
            }
        }
        if self.form.treasury() {
            self.counts(
                m,
                line,
                &[("issued", 5), ("treasury", 6), ("pending_cancellation", 7)],
            );
        } else {
            self.counts(m, line, &[("issued", 5), ("pending_cancellation", 6)]);
        }
    }
}
