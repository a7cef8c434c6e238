//! Parts I and II: each class's authorised capital and issued shares, the Part I totals and
//! remarks, and the public float confirmation.

use super::super::labels::id;
use super::super::lines::Line;
use super::super::yaml::{MapBuilder, Node};
use super::classes::{ClassHeader, Classes};
use super::{Reader, figures, rest_after};

impl<'a> Reader<'a> {
    /// Part I: the class blocks, then the totals and remarks under them.
    #[allow(clippy::type_complexity, reason = "the part's two results")]
    pub(super) fn part_i(&mut self) -> (Vec<(ClassHeader, Node)>, Vec<(&'static str, Node)>) {
        let mut blocks = Vec::new();
        let mut extra = Vec::new();
        let Some(heading) = self.c.take_if(self.form.get(id::PART_I)) else {
            let place = self.c.place();
            self.c.error(place, "Part I was not found", "");
            return (blocks, extra);
        };
        if heading
            .joined()
            .ends_with(self.form.get(id::NOT_APPLICABLE))
        {
            return (blocks, extra);
        }
        let stops = [
            self.form.get(id::PART_II),
            self.form.get(id::TOTAL_AUTHORISED),
            self.form.get(id::REMARKS),
        ];
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
        while let Some(line) = self.c.take_if(self.form.get(id::TOTAL_AUTHORISED)) {
            let rest = line.joined()[self.form.get(id::TOTAL_AUTHORISED).len()..]
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
        if self.c.take_if(self.form.get(id::REMARKS)).is_some() {
            let text = self.c.paragraph(&[self.form.get(id::PART_II)]);
            extra.push(("authorised_remarks", Node::text(&text)));
        }
        if !totals.is_empty() {
            extra.push(("authorised_totals", Node::Seq(totals)));
        }
        self.c.skip_until(&[self.form.get(id::PART_II)], "Part I");
        (blocks, extra)
    }

    /// The three rows of one class in Part I, and a capital remark under them.
    pub(super) fn part_i_class(&mut self) -> Node {
        self.skip_column_titles(&[self.form.get(id::PRECEDING)]);
        let pre = self.row(self.form.get(id::PRECEDING));
        let mov = self.row(self.form.get(id::MOVEMENT));
        let clo = self.row(self.form.get(id::CLOSING));
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
    pub(super) fn part_ii(&mut self) -> Classes {
        let mut classes = Classes::default();
        if self.c.take_if(self.form.get(id::PART_II)).is_none() {
            let place = self.c.place();
            self.c.error(place, "Part II was not found", "");
            return classes;
        }
        while !self.c.at(self.form.get(id::PART_III)) && self.c.peek().is_some() {
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
        self.skip_column_titles(&[self.form.get(id::PRECEDING)]);
        let pre = self.row(self.form.get(id::PRECEDING));
        let mov = self.row(self.form.get(id::MOVEMENT));
        let clo = self.row(self.form.get(id::CLOSING));
        let mut issued = MapBuilder::new();
        if self.form.treasury() {
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
        self.c.take_if(self.form.get(id::PUBLIC_FLOAT))?;
        let mut complied = None;
        while let Some(line) = self.c.peek() {
            if self.c.at(self.form.get(id::THRESHOLD))
                || self.at_class_header()
                || self.c.at(self.form.get(id::PART_III))
            {
                break;
            }
            let text = line.joined();
            if let Some(rest) = text.strip_prefix("[x] ") {
                complied = Some(rest != self.form.get(id::NOT_COMPLIED));
            }
            self.c.take();
        }
        let place = self.c.place();
        let threshold = self
            .c
            .take_if(self.form.get(id::THRESHOLD))
            .map(|l| rest_after(l, self.form.get(id::THRESHOLD)));
        let info = self
            .c
            .take_if(self.form.get(id::ADDITIONAL_INFORMATION))
            .map(|l| rest_after(l, self.form.get(id::ADDITIONAL_INFORMATION)));
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
}
