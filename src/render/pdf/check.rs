//! A check box and its tick. The box is ruled; the tick is text, the character ✔ (U+2714) in
//! the symbol face, as the exchange's form sets it (its PDF prints ✔ in Adobe Pi), so that it
//! reaches text extraction, screen readers and hkret's own importer.
//!
//! Where the tick sits: the exchange's Moon PDF sets its ✔ at 7 pt in a 10 pt box, its ink
//! 5.46 pt wide and 6.48 pt tall, centred 0.499 and 0.530 of the box from its left and top
//! sides (measured at 1,200 dpi). Our glyph (Noto Sans Symbols 2's, `fonts/README.md`) is a
//! little wider for its height, ink 0.727 by 0.770 em from 0.051 em right of the pen and
//! 0.726 em above the baseline: at 0.8 of the box side it covers the same area (5.82 by 6.16
//! pt) about the same centre.
//!
//! Part of the layout engine; pure.

use crate::render::pdf::error::PdfError;
use crate::render::pdf::fonts::{FontId, face};
use crate::render::pdf::page::{Item, Rect};

/// The tick: heavy check mark, as the exchange's form extracts.
pub(crate) const TICK: char = '\u{2714}';

/// Size of the tick, as a share of the box side.
const SIZE: f32 = 0.8;
/// The tick's pen position from the box's left side, as a share of the box side.
const LEFT: f32 = 0.167;
/// The tick's baseline below the box's top side, as a share of the box side.
const BASELINE: f32 = 0.802;

/// A check box ready to be drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct CheckBox {
    /// Side of the box, points.
    pub(crate) size: f32,
    /// The tick's advance in ems, when the box is ticked.
    tick: Option<f32>,
}

impl CheckBox {
    /// A box `size` points square, ticked when `checked`.
    ///
    /// # Errors
    /// [`PdfError::Font`] if the symbol face is broken, [`PdfError::MissingGlyph`] if it lacks
    /// the tick (a broken build).
    pub(crate) fn new(checked: bool, size: f32) -> Result<Self, PdfError> {
        let tick = if checked {
            let (_, advance) = face(FontId::Symbol)?.glyph_advance(TICK).ok_or_else(|| {
                PdfError::MissingGlyph {
                    ch: TICK,
                    text: TICK.to_string(),
                    line: 0,
                }
            })?;
            Some(advance)
        } else {
            None
        };
        Ok(Self { size, tick })
    }

    /// The items that draw the box with its top left corner at (`x`, `top`): the box, then
    /// the tick if it has one.
    pub(crate) fn items(&self, x: f32, top: f32) -> impl Iterator<Item = Item> {
        let rect = Rect {
            x,
            y: top,
            w: self.size,
            h: self.size,
        };
        let tick = self.tick.map(|advance| {
            let size = SIZE * self.size;
            Item::Text {
                x: x + LEFT * self.size,
                y: top + BASELINE * self.size,
                size,
                font: FontId::Symbol,
                text: TICK.to_string(),
                width: advance * size,
                bounds: rect,
            }
        });
        std::iter::once(Item::Check { rect }).chain(tick)
    }
}

#[cfg(test)]
mod tests {
    use super::{CheckBox, TICK};
    use crate::render::pdf::fonts::FontId;
    use crate::render::pdf::page::Item;

    #[test]
    fn a_ticked_box_is_the_box_and_the_tick_as_text_inside_it() {
        let items: Vec<Item> = CheckBox::new(true, 10.0)
            .expect("symbol face")
            .items(26.363, 248.805)
            .collect();
        assert_eq!(items.len(), 2, "{items:?}");
        let Item::Check { rect } = items[0] else {
            panic!("box first: {items:?}")
        };
        let Item::Text {
            x,
            y,
            size,
            font,
            ref text,
            width,
            ..
        } = items[1]
        else {
            panic!("then the tick: {items:?}")
        };
        assert_eq!((font, text.as_str()), (FontId::Symbol, "\u{2714}"));
        assert_eq!(text.chars().next(), Some(TICK));
        // As the exchange's Moon PDF: pen at 28.0, baseline 256.8 (its 28.4 and 256.3, for a
        // narrower glyph at 7 pt), well inside the box.
        assert!(
            (x - 28.033).abs() < 0.01 && (y - 256.825).abs() < 0.01,
            "{x} {y}"
        );
        assert!((size - 8.0).abs() < 1e-4);
        assert!(x + width < rect.x + rect.w, "{x} + {width}");
        assert!(items[1].extent().y >= rect.y);
        assert!(items[1].extent().y + items[1].extent().h <= rect.y + rect.h);
    }

    #[test]
    fn an_empty_box_is_the_box_alone() {
        let items: Vec<Item> = CheckBox::new(false, 10.0)
            .expect("no font needed")
            .items(0.0, 0.0)
            .collect();
        assert_eq!(items.len(), 1);
        assert!(matches!(items[0], Item::Check { .. }));
    }
}
