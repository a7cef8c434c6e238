//! A row drawn at the cursor: its cells' fills, then their rules and frames, then their text
//! (aligned, justified, raised where middle-aligned) or check boxes.

use super::{Body, PRow};
use crate::render::pdf::doc::{Align, VAlign};
use crate::render::pdf::fonts::{ASCENT, DESCENT};
use crate::render::pdf::layout::{Flow, baseline, offset};
use crate::render::pdf::page::{Item, Rect};
use crate::render::pdf::wrap::justify;

/// How far middle-aligned text sits above the centre of its line box, in ems of its size.
/// Measured on the exchange's PDF: its middle-aligned cells put the baseline 0.51 pt higher
/// at 9 pt, 0.45 at 8 and 0.39 at 7 than centring a Liberation Sans line box does.
const MIDDLE_RISE: f32 = 0.0565;

/// How far the lines of a cell are raised above where their line boxes put them: for
/// middle-aligned text [`MIDDLE_RISE`], but never above the top padding (`slack` is the room
/// between the top padding and the first line's glyphs).
fn rise(valign: VAlign, size: f32, slack: f32) -> f32 {
    match valign {
        VAlign::Middle => (MIDDLE_RISE * size).min(slack.max(0.0)),
        VAlign::Top | VAlign::Bottom => 0.0,
    }
}

/// Draws a row at the cursor and moves the cursor below it: fills, then rules, then text.
pub(super) fn draw(flow: &mut Flow<'_>, row: &PRow<'_>) {
    let (y, h) = (flow.y, row.height);
    for c in &row.cells {
        if let Some(gray) = c.cell.fill {
            flow.push(Item::Fill {
                rect: Rect {
                    x: c.x,
                    y,
                    w: c.w,
                    h,
                },
                gray,
            });
        }
    }
    for c in &row.cells {
        let (b, i) = (c.cell.border, c.cell.inset);
        let (x1, x2) = (c.x + i.left, c.x + c.w - i.right);
        let (y1, y2) = (y + i.top, y + h - i.bottom);
        let sides = [
            (b.top, x1, y1, x2, y1),
            (b.bottom, x1, y2, x2, y2),
            (b.left, x1, y1, x1, y2),
            (b.right, x2, y1, x2, y2),
        ];
        for (on, x1, y1, x2, y2) in sides {
            if on {
                flow.push(Item::Rule { x1, y1, x2, y2 });
            }
        }
        if let Some((w, bh)) = c.cell.frame {
            let (x2, y2) = (c.x + w, y + bh.min(h));
            for (x1, y1, x2, y2) in [
                (c.x, y, x2, y),
                (c.x, y2, x2, y2),
                (c.x, y, c.x, y2),
                (x2, y, x2, y2),
            ] {
                flow.push(Item::Rule { x1, y1, x2, y2 });
            }
        }
    }
    for c in &row.cells {
        let pad = c.cell.pad;
        let inner = Rect {
            x: c.x + pad.left,
            y: y + pad.top,
            w: c.w - pad.left - pad.right,
            h: h - pad.top - pad.bottom,
        };
        let top = match c.cell.valign {
            VAlign::Top => inner.y,
            VAlign::Middle => inner.y + (inner.h - c.content_height()) / 2.0,
            VAlign::Bottom => inner.y + inner.h - c.content_height(),
        };
        match &c.body {
            Body::Lines(lines) => {
                let (size, lh) = (c.cell.style.size, c.lh());
                let slack =
                    (inner.h - c.content_height()) / 2.0 + (lh - size * (ASCENT + DESCENT)) / 2.0;
                let rise = rise(c.cell.valign, size, slack) + c.cell.rise;
                // A cell's own rise moves its content box with its text.
                let raised = Rect {
                    y: inner.y - c.cell.rise,
                    ..inner
                };
                for (i, line) in lines.iter().enumerate() {
                    // The first line's box starts at the indent (left of the padding when
                    // it hangs out, as a numbered item's first line may).
                    let bounds = match i {
                        0 => Rect {
                            x: raised.x + c.indent,
                            w: raised.w - c.indent,
                            ..raised
                        },
                        _ => raised,
                    };
                    let (x, avail) = (bounds.x, bounds.w);
                    let stretched;
                    let line = if c.cell.align == Align::Justify {
                        stretched = justify(line, avail, size).unwrap_or_else(|_| line.clone());
                        &stretched
                    } else {
                        line
                    };
                    let x = x + offset(c.cell.align, avail, line.width);
                    let base = top + i as f32 * lh + baseline(size, lh) - rise;
                    flow.push_line(line, x, base, size, bounds);
                }
            }
            Body::Check(check) => {
                let x = inner.x + offset(c.cell.align, inner.w, check.size);
                for item in check.items(x, top) {
                    flow.push(item);
                }
            }
        }
    }
    flow.y += h;
}
