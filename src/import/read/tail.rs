//! Parts IV and V: the HDRs, the confirmations (the form's standard items or the issuer's own),
//! and who submitted the return. The notes after it are the form's own wording and are passed.

use super::super::labels::id;
use super::super::yaml::{MapBuilder, Node};
use super::{Reader, rest_after};

impl Reader<'_> {
    /// `hdr`, `confirmations` and `submitted_by`.
    pub(super) fn tail(&mut self) -> (Node, Node, Node) {
        self.c.skip_until(&[self.form.get(id::PART_IV)], "Part III");
        let hdr = self.part_iv();
        self.c.skip_until(&[self.form.get(id::PART_V)], "Part IV");
        let confirmations = self.part_v();
        let mut by = MapBuilder::new();
        let place = self.c.place();
        let name = self
            .c
            .take_if(self.form.get(id::SUBMITTED_BY))
            .map(|l| rest_after(l, self.form.get(id::SUBMITTED_BY)));
        let title = self
            .c
            .take_if(self.form.get(id::TITLE_LABEL))
            .map(|l| rest_after(l, self.form.get(id::TITLE_LABEL)));
        if name.is_none() || title.is_none() {
            self.c
                .error(place, "`Submitted by:` and `Title:` were not found", "");
        }
        by.put("name", Node::text(&name.unwrap_or_default()));
        by.put("title", Node::text(&title.unwrap_or_default()));
        (hdr, confirmations, by.build())
    }

    /// Part IV.
    fn part_iv(&mut self) -> Node {
        let Some(heading) = self.c.take_if(self.form.get(id::PART_IV)) else {
            let place = self.c.place();
            self.c.error(place, "Part IV was not found", "");
            return Node::plain("not_applicable");
        };
        if heading
            .joined()
            .ends_with(self.form.get(id::NOT_APPLICABLE))
        {
            return Node::plain("not_applicable");
        }
        let mut hdr = MapBuilder::new();
        let codes = self.form.stock_code_labels();
        if self.c.at_any(&codes)
            && let Some(line) = self.c.take()
        {
            let values: Vec<&str> = line.cells[1..].iter().map(|c| c.text.as_str()).collect();
            let d = values
                .iter()
                .position(|v| *v == self.form.get(id::DESCRIPTION))
                .unwrap_or(values.len());
            hdr.put("stock_code", Node::text(&values[..d].concat()));
            let description = values.get(d + 1..).map(|v| v.join(" ")).unwrap_or_default();
            hdr.put("description", Node::text(description.trim()));
        }
        self.skip_column_titles(&[self.form.get(id::PRECEDING)]);
        let pre = self.row(self.form.get(id::PRECEDING));
        let mov = self.row(self.form.get(id::MOVEMENT));
        let clo = self.row(self.form.get(id::CLOSING));
        let mut hdrs = MapBuilder::new();
        self.count_into(&mut hdrs, "preceding", pre, 1, true);
        self.count_into(&mut hdrs, "movement", mov, 1, false);
        self.count_into(&mut hdrs, "closing", clo, 1, true);
        hdr.put("hdrs", hdrs.build());
        hdr.build()
    }

    /// Part V: `standard`, `not_applicable` or the list of items as printed.
    fn part_v(&mut self) -> Node {
        let Some(heading) = self.c.take_if(self.form.get(id::PART_V)) else {
            let place = self.c.place();
            self.c.error(place, "Part V was not found", "");
            return Node::plain("standard");
        };
        if heading
            .joined()
            .ends_with(self.form.get(id::NOT_APPLICABLE))
        {
            return Node::plain("not_applicable");
        }
        let mut items: Vec<String> = Vec::new();
        while let Some(line) = self.c.peek() {
            if self.c.at(self.form.get(id::SUBMITTED_BY)) {
                break;
            }
            let text = line.joined();
            if let Some(item) = text.strip_prefix("- ") {
                items.push(item.to_owned());
            }
            self.c.take();
        }
        if items == self.form.standard_confirmations() {
            Node::plain("standard")
        } else {
            Node::Seq(items.iter().map(|i| Node::text(i)).collect())
        }
    }
}
