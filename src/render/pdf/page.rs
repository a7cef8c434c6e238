//! The output of the layout engine: pages of placed items in points (top-left origin,
//! y downwards), and their text dump, one item per line, for golden tests.
//!
//! Pure data: the writer turns it into PDF operators, the tests check it geometrically.

use std::fmt::Write as _;

use crate::render::pdf::fonts::FontId;

/// An axis-aligned rectangle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

impl Rect {
    /// Whether `inner` lies inside `self`, allowing `tol` points of rounding.
    pub fn contains(&self, inner: &Rect, tol: f32) -> bool {
        inner.x >= self.x - tol
            && inner.y >= self.y - tol
            && inner.x + inner.w <= self.x + self.w + tol
            && inner.y + inner.h <= self.y + self.h + tol
    }
}

/// One thing drawn on a page.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A run of text in one face.
    Text {
        /// Left end of the baseline.
        x: f32,
        /// Baseline, from the top of the page.
        y: f32,
        /// Font size, points.
        size: f32,
        /// Face.
        font: FontId,
        /// The characters.
        text: String,
        /// Advance width of the run, points.
        width: f32,
        /// The box the text must stay inside: its cell's content box, or the page's
        /// flow area for paragraphs and the page itself for furniture.
        bounds: Rect,
    },
    /// A filled rectangle (cell shading), grey level 0 (black) to 1 (white).
    Fill {
        /// Where.
        rect: Rect,
        /// Grey level.
        gray: f32,
    },
    /// A straight rule, 0.5 pt black.
    Rule {
        /// Start x.
        x1: f32,
        /// Start y.
        y1: f32,
        /// End x.
        x2: f32,
        /// End y.
        y2: f32,
    },
    /// A check box, ruled 0.5 pt (its tick, if any, is a text item: `check.rs`).
    Check {
        /// The box.
        rect: Rect,
    },
}

impl Item {
    /// The area the item covers (text: from ascender to descender).
    pub fn extent(&self) -> Rect {
        match self {
            Item::Text {
                x, y, size, width, ..
            } => Rect {
                x: *x,
                y: y - size * crate::render::pdf::fonts::ASCENT,
                w: *width,
                h: size * (crate::render::pdf::fonts::ASCENT + crate::render::pdf::fonts::DESCENT),
            },
            Item::Fill { rect, .. } | Item::Check { rect, .. } => *rect,
            Item::Rule { x1, y1, x2, y2 } => Rect {
                x: x1.min(*x2),
                y: y1.min(*y2),
                w: (x2 - x1).abs(),
                h: (y2 - y1).abs(),
            },
        }
    }
}

/// A laid-out page.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// Width, points.
    pub width: f32,
    /// Height, points.
    pub height: f32,
    /// What is drawn, in drawing order.
    pub items: Vec<Item>,
}

impl Page {
    /// The whole sheet, as a rectangle from the top-left corner.
    pub fn sheet(&self) -> Rect {
        Rect {
            x: 0.0,
            y: 0.0,
            w: self.width,
            h: self.height,
        }
    }
}

/// The layout as text, one item per line: `page kind x y ...`, coordinates to 0.01 pt.
/// Stable across machines, so it can be committed as a golden file.
pub fn dump(pages: &[Page]) -> String {
    let mut out = String::new();
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        let _ = writeln!(out, "page {n} {:.2}x{:.2}", page.width, page.height);
        for item in &page.items {
            let _ = match item {
                Item::Text {
                    x,
                    y,
                    size,
                    font,
                    text,
                    ..
                } => {
                    writeln!(out, "{n} text {x:.2} {y:.2} {}{size} {text:?}", font.code())
                }
                Item::Fill { rect: r, gray } => {
                    writeln!(
                        out,
                        "{n} fill {:.2} {:.2} {:.2} {:.2} {gray}",
                        r.x, r.y, r.w, r.h
                    )
                }
                Item::Rule { x1, y1, x2, y2 } => {
                    writeln!(out, "{n} rule {x1:.2} {y1:.2} {x2:.2} {y2:.2}")
                }
                Item::Check { rect: r } => {
                    writeln!(out, "{n} check {:.2} {:.2} {:.2}", r.x, r.y, r.w)
                }
            };
        }
    }
    out
}
