//! Page content streams: the placed items of a page as PDF operators.
//!
//! Positions are rounded to hundredths of a point (3.5 micrometres) and kept as
//! integers, so that text moves relative to the previous line (`Td`) add up exactly. Text
//! runs of a page share text objects; rules that follow one another are stroked as one path.
//! Colours are RGB, to match the sRGB output intent.

use std::sync::Arc;

use crate::render::pdf::error::PdfError;
use crate::render::pdf::fonts::{FontId, face};
use crate::render::pdf::page::{Item, Page, Rect};
use crate::render::pdf::write::embed::{Embedded, Usage, common, glyph, record};
use crate::render::pdf::write::ops::Ops;
use crate::render::pdf::write::segments::merge;

/// Width of every rule, hundredths of a point (0.5 pt, as the official form).
const RULE_WIDTH: i64 = 50;

/// The faces, in the order of the arrays indexed by [`slot`].
pub(super) const FACES: [FontId; 4] = [FontId::Regular, FontId::Bold, FontId::Symbol, FontId::Cjk];

/// Index of `face` in [`FACES`].
pub(super) fn slot(face: FontId) -> usize {
    match face {
        FontId::Regular => 0,
        FontId::Bold => 1,
        FontId::Symbol => 2,
        FontId::Cjk => 3,
    }
}

/// The glyphs that `pages` use outside each face's common subset, for the faces they use at
/// all (indexed by [`slot`]). Nearly always the faces used and nothing more.
///
/// # Errors
/// [`PdfError::MissingGlyph`] if a run has a character its face lacks.
pub(super) fn usage(pages: &[Page]) -> Result<[Option<Usage>; 4], PdfError> {
    let commons = [
        common(FontId::Regular)?,
        common(FontId::Bold)?,
        common(FontId::Symbol)?,
        common(FontId::Cjk)?,
    ];
    let mut used: [Option<Usage>; 4] = Default::default();
    for page in pages {
        for item in &page.items {
            if let Item::Text { font, text, .. } = item {
                let f = face(*font)?;
                let common = &commons[slot(*font)];
                let usage = used[slot(*font)].get_or_insert_default();
                // The common subsets have every printable ASCII character: such a text (most
                // of them) has nothing to record. A face lacking one of them still fails, as
                // its content is written.
                if common.is_some() && text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
                    continue;
                }
                for ch in text.chars() {
                    let g = glyph(f, ch).ok_or_else(|| missing(ch, text))?;
                    if common.as_ref().is_none_or(|c| c.cid(g).is_none()) {
                        record(usage, g, ch);
                    }
                }
            }
        }
    }
    Ok(used)
}

/// The error for a character that no glyph draws.
fn missing(ch: char, text: &str) -> PdfError {
    PdfError::MissingGlyph {
        ch,
        text: text.to_owned(),
        line: 0,
    }
}

/// A length (or a colour level) in hundredths, rounded half away from zero.
fn hundredths(v: f32) -> i64 {
    // What `f64::round` gives, without its call into libm (the x86-64 baseline has no
    // rounding instruction), made for every number of every page: the cast truncates toward
    // zero (saturating, NaN to 0), and the part it drops is exact.
    let t = f64::from(v) * 100.0;
    let whole = t as i64;
    let dropped = t - whole as f64;
    if dropped >= 0.5 {
        whole.saturating_add(1)
    } else if dropped <= -0.5 {
        whole.saturating_sub(1)
    } else {
        whole
    }
}

/// Writes one page's content stream; returns it with which faces it uses.
pub(super) struct PageWriter<'a> {
    /// The operators so far.
    ops: Ops,
    /// The document's fonts, by [`slot`].
    fonts: &'a [Option<Arc<Embedded>>; 4],
    /// Page height in hundredths, to turn top-down positions into PDF's bottom-up ones.
    height: i64,
    /// Inside a text object: its current line start, in hundredths.
    text: Option<(i64, i64)>,
    /// Face and size (hundredths) set in the current text object.
    font: Option<(FontId, i64)>,
    /// Grey level of the current fill colour, hundredths (0 black).
    fill: i64,
    /// Faces used on the page, by [`slot`].
    used: [bool; 4],
}

impl<'a> PageWriter<'a> {
    /// The content of `page`, with the faces it uses.
    ///
    /// # Errors
    /// [`PdfError::MissingGlyph`] if a run has a character its face's subset lacks (the
    /// subsets are made from the same pages, so only a broken font gets here).
    pub(super) fn write(
        page: &Page,
        fonts: &'a [Option<Arc<Embedded>>; 4],
    ) -> Result<(Vec<u8>, [bool; 4]), PdfError> {
        let mut w = Self {
            ops: Ops::with_capacity(32 * page.items.len()),
            fonts,
            height: hundredths(page.height),
            text: None,
            font: None,
            fill: 0,
            used: [false; 4],
        };
        w.ops.rgb(0, false);
        w.ops.rgb(0, true);
        w.ops.line_width(RULE_WIDTH);
        let mut items = page.items.as_slice();
        while let Some(first) = items.first() {
            let rules = items
                .iter()
                .take_while(|i| matches!(i, Item::Rule { .. }))
                .count();
            if rules > 0 {
                w.rules(&items[..rules]);
                items = &items[rules..];
            } else {
                w.item(first)?;
                items = &items[1..];
            }
        }
        w.end_text();
        Ok((w.ops.finish(), w.used))
    }

    /// Draws one item other than a rule.
    fn item(&mut self, item: &Item) -> Result<(), PdfError> {
        match item {
            Item::Text {
                x,
                y,
                size,
                font,
                text,
                ..
            } => self.text(*x, *y, *size, *font, text)?,
            Item::Fill { rect, gray } => {
                self.end_text();
                self.set_fill(hundredths(gray.clamp(0.0, 1.0)));
                self.rect(*rect);
                self.ops.fill();
            }
            Item::Rule { .. } => self.rules(std::slice::from_ref(item)),
            Item::Check { rect } => {
                self.end_text();
                self.rect(*rect);
                self.ops.stroke();
            }
        }
        Ok(())
    }

    /// Strokes consecutive rules as one path: the same picture as one path per rule (a path
    /// is painted once, however many of its segments overlap), in a fraction of the bytes.
    /// Horizontal or vertical rules on one line that touch or overlap (the sides of a row's
    /// cells) are written as one segment, which with butt caps covers exactly what they did;
    /// segments are written in order of position, which also compresses better.
    fn rules(&mut self, rules: &[Item]) {
        self.end_text();
        let segments: Vec<[i64; 4]> = rules
            .iter()
            .filter_map(|item| match *item {
                Item::Rule { x1, y1, x2, y2 } => Some([
                    hundredths(x1),
                    self.height - hundredths(y1),
                    hundredths(x2),
                    self.height - hundredths(y2),
                ]),
                _ => None,
            })
            .collect();
        let segments = merge(segments);
        for &[x1, y1, x2, y2] in &segments {
            self.ops.move_to(x1, y1);
            self.ops.line_to(x2, y2);
        }
        if !segments.is_empty() {
            self.ops.stroke();
        }
    }

    /// Adds a rectangle to the path (to be filled or stroked).
    fn rect(&mut self, r: Rect) {
        let (x, top) = (hundredths(r.x), hundredths(r.y));
        let (w, h) = (hundredths(r.w).max(1), hundredths(r.h).max(1));
        self.ops.rect(x, self.height - top - h, w, h);
    }

    /// Sets the fill colour to grey `level` (hundredths), if it is not already.
    fn set_fill(&mut self, level: i64) {
        if self.fill != level {
            self.ops.rgb(level, false);
            self.fill = level;
        }
    }

    /// Shows a run with its baseline starting at (`x`, `y`).
    fn text(
        &mut self,
        x: f32,
        y: f32,
        size: f32,
        font: FontId,
        text: &str,
    ) -> Result<(), PdfError> {
        let embedded = self.fonts[slot(font)]
            .as_deref()
            .ok_or_else(|| PdfError::Write(format!("no {font:?} font embedded")))?;
        self.set_fill(0);
        let (x, y) = (hundredths(x), self.height - hundredths(y));
        let (x0, y0) = match self.text {
            Some(origin) => origin,
            None => {
                self.ops.begin_text();
                self.font = None;
                (0, 0)
            }
        };
        let size = hundredths(size);
        if self.font != Some((font, size)) {
            self.ops.font(font.code(), size);
            self.font = Some((font, size));
        }
        self.ops.next_line(x - x0, y - y0);
        // A character the subset lacks fails the page, so what was written of it is dropped.
        if text.is_ascii() {
            self.ops.show(text.bytes().map(|b| {
                embedded
                    .ascii_code(b)
                    .ok_or_else(|| missing(char::from(b), text))
            }))?;
        } else {
            let f = face(font)?;
            self.ops.show(
                text.chars()
                    .map(|ch| embedded.code(f, ch).ok_or_else(|| missing(ch, text))),
            )?;
        }
        self.text = Some((x, y));
        self.used[slot(font)] = true;
        Ok(())
    }

    /// Closes the current text object, if any.
    fn end_text(&mut self) {
        if self.text.take().is_some() {
            self.ops.end_text();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{PageWriter, hundredths, usage};
    use crate::render::pdf::fonts::FontId;
    use crate::render::pdf::page::{Item, Page, Rect};
    use crate::render::pdf::write::content::{FACES, slot};
    use crate::render::pdf::write::embed::embed;

    fn text(x: f32, y: f32, size: f32, font: FontId, text: &str) -> Item {
        let bounds = Rect {
            x: 0.0,
            y: 0.0,
            w: 841.89,
            h: 595.276,
        };
        Item::Text {
            x,
            y,
            size,
            font,
            text: text.to_owned(),
            width: 0.0,
            bounds,
        }
    }

    #[test]
    fn hundredths_round_as_f64_round_does() {
        let mut values = vec![
            0.0,
            -0.0,
            0.005,
            -0.005,
            0.015,
            0.125,
            -0.125,
            22.11,
            841.89,
            595.276,
            1.0e10,
            -1.0e10,
            f32::MAX,
            f32::MIN,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NAN,
            f32::MIN_POSITIVE,
        ];
        // Every hundredth and half hundredth up to 1,000 points, and their neighbours.
        for i in -200_000..200_000 {
            let v = i as f32 / 200.0;
            let bits = v.to_bits();
            values.extend([
                v,
                f32::from_bits(bits.wrapping_add(1)),
                f32::from_bits(bits.wrapping_sub(1)),
            ]);
        }
        for v in values {
            assert_eq!(
                hundredths(v),
                (f64::from(v) * 100.0).round() as i64,
                "{v:?}"
            );
        }
    }

    /// The absolute positions of the `Td` moves of a content stream, in hundredths, found by
    /// adding them up as a viewer does (each text object starts from the origin).
    fn positions(content: &str) -> Vec<(i64, i64)> {
        let mut out = Vec::new();
        let mut at = (0, 0);
        for line in content.lines() {
            let words: Vec<&str> = line.split_whitespace().collect();
            match words.as_slice() {
                ["BT"] => at = (0, 0),
                [dx, dy, "Td"] => {
                    let h = |s: &str| (s.parse::<f64>().expect("number") * 100.0).round() as i64;
                    at = (at.0 + h(dx), at.1 + h(dy));
                    out.push(at);
                }
                _ => {}
            }
        }
        out
    }

    #[test]
    fn relative_moves_land_exactly_where_the_layout_put_each_run() {
        let runs = [
            (22.11, 97.1015, 11.0, FontId::Bold, "Monthly"),
            (68.488_6, 97.1015, 11.0, FontId::Bold, "Return"),
            (20.693, 140.333, 9.0, FontId::Regular, "1,234,567"),
            (803.2, 590.05, 7.5, FontId::Regular, "v 1.2.0"),
        ];
        let mut items: Vec<Item> = runs
            .iter()
            .map(|&(x, y, size, font, t)| text(x, y, size, font, t))
            .collect();
        // A rule in between ends the text object; the next run starts a new one.
        items.insert(
            2,
            Item::Rule {
                x1: 20.0,
                y1: 120.0,
                x2: 820.0,
                y2: 120.0,
            },
        );
        let page = Page {
            width: 841.89,
            height: 595.276,
            items,
        };
        let used = usage(std::slice::from_ref(&page)).expect("glyphs");
        let fonts = FACES.map(|face| {
            used[slot(face)]
                .as_ref()
                .map(|glyphs| embed(face, glyphs).expect("font"))
        });
        let (content, faces) = PageWriter::write(&page, &fonts).expect("content");
        let content = String::from_utf8_lossy(&content);
        let height = hundredths(595.276);
        let want: Vec<(i64, i64)> = runs
            .iter()
            .map(|&(x, y, ..)| (hundredths(x), height - hundredths(y)))
            .collect();
        assert_eq!(positions(&content), want, "{content}");
        assert_eq!(content.matches("BT").count(), 2, "{content}");
        assert_eq!(content.matches("BT").count(), content.matches("ET").count());
        // The font is set when it changes, not for every run.
        assert_eq!(content.matches(" Tf").count(), 3, "{content}");
        assert_eq!(faces, [true, true, false, false]);
    }
}
