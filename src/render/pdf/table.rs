//! Table placement: column geometry, cell text wrapped to the cell, rows grown to fit
//! their tallest cell, page breaks between rows with the header rows repeated on the next
//! page, and rows taller than a page split between lines. Shaded cells, ruled sides,
//! check boxes and an optional frame around each page's part of the table.
//!
//! Part of the layout engine; pure.

use std::collections::VecDeque;

use crate::render::pdf::check::CheckBox;
use crate::render::pdf::doc::{Align, Cell, Content, Table, VAlign};
use crate::render::pdf::error::PdfError;
use crate::render::pdf::fonts::{ASCENT, DESCENT};
use crate::render::pdf::layout::{EPS, Flow, baseline, offset};
use crate::render::pdf::page::{Item, Rect};
use crate::render::pdf::wrap::{Line, justify, wrap_first};

/// What a prepared cell shows.
#[derive(Clone, Debug)]
enum Body {
    /// Wrapped lines of text (a queue: a row split over pages gives up its first lines).
    Lines(VecDeque<Line>),
    /// A check box, ticked or not.
    Check(CheckBox),
}

/// A cell with its geometry and wrapped content.
#[derive(Clone, Debug)]
struct Prepared<'t> {
    /// The description cell (alignment, padding, rules, fill).
    cell: &'t Cell,
    /// Left edge.
    x: f32,
    /// Width.
    w: f32,
    /// Content.
    body: Body,
    /// Offset of the first line from the left padding: the cell's indent, or 0 for the
    /// rest of a row split over two pages.
    indent: f32,
}

impl Prepared<'_> {
    /// Line height of the cell's text.
    fn lh(&self) -> f32 {
        self.cell.style.size * self.cell.style.leading
    }

    /// Height of the content without padding.
    fn content_height(&self) -> f32 {
        match &self.body {
            Body::Lines(lines) => lines.len() as f32 * self.lh(),
            Body::Check(check) => check.size,
        }
    }

    /// Height the cell needs including padding.
    fn needs(&self) -> f32 {
        self.cell.pad.top + self.content_height() + self.cell.pad.bottom
    }
}

/// A row ready to place.
#[derive(Clone, Debug)]
struct PRow<'t> {
    /// Its cells.
    cells: Vec<Prepared<'t>>,
    /// Its height.
    height: f32,
    /// Whether it repeats on continuation pages.
    header: bool,
    /// Description line, for errors.
    line: u32,
}

/// Places `table` at the flow's cursor.
///
/// # Errors
/// [`PdfError::Layout`] when the table is wider than the flow area, a cell has no room for
/// text, or a header row is taller than a page; [`PdfError::MissingGlyph`] from wrapping.
pub(crate) fn place(flow: &mut Flow<'_>, table: &Table) -> Result<(), PdfError> {
    let rows = prepare(flow, table)?;
    let headers: Vec<PRow<'_>> = rows.iter().take_while(|r| r.header).cloned().collect();
    let header_h: f32 = headers.iter().map(|r| r.height).sum();
    let area_h = flow.bottom() - flow.top();
    if header_h > area_h + EPS {
        let line = headers.first().map_or(1, |r| r.line);
        return Err(PdfError::Layout {
            line,
            message: "table header taller than a page".into(),
        });
    }
    let x0 = flow.left() + table.x;
    let total_w: f32 = table.widths.iter().sum();
    // Keep the header rows with the first body row: move the table if they would be orphaned.
    let body_h = rows.iter().find(|r| !r.header).map_or(0.0, |r| r.height);
    let lead = header_h + body_h;
    if flow.y + lead > flow.bottom() + EPS && flow.y > flow.top() + EPS && lead <= area_h + EPS {
        flow.new_page();
    }
    let mut frag_top = flow.y;
    // A row starting below this y is not the first thing on its page, so a page break helps.
    let mut first_row_y = flow.top();
    for row in rows {
        let mut pending = row;
        loop {
            let avail = flow.bottom() - flow.y;
            if pending.height <= avail + EPS {
                draw(flow, &pending);
                break;
            }
            let can_break = flow.y > first_row_y + EPS;
            let fresh_room = area_h - if pending.header { 0.0 } else { header_h };
            if can_break && pending.height <= fresh_room + EPS {
                frag_top = next_page(flow, table, &headers, frag_top, x0, total_w);
                first_row_y = flow.y;
                continue;
            }
            match split(&mut pending, avail) {
                Some(head) => draw(flow, &head),
                None if can_break => {}
                None => {
                    return Err(PdfError::Layout {
                        line: pending.line,
                        message: "row has no room for even one line of text on a page".into(),
                    });
                }
            }
            frag_top = next_page(flow, table, &headers, frag_top, x0, total_w);
            first_row_y = flow.y;
        }
    }
    frame(flow, table, frag_top, x0, total_w);
    Ok(())
}

/// Closes the table's part on this page, starts a new page and repeats the headers there.
/// Returns the top of the new part.
fn next_page(
    flow: &mut Flow<'_>,
    table: &Table,
    headers: &[PRow<'_>],
    frag_top: f32,
    x0: f32,
    total_w: f32,
) -> f32 {
    frame(flow, table, frag_top, x0, total_w);
    flow.new_page();
    let top = flow.y;
    for h in headers {
        draw(flow, h);
    }
    top
}

/// Draws the frame around the table's part from `top` to the cursor, if asked for.
fn frame(flow: &mut Flow<'_>, table: &Table, top: f32, x0: f32, w: f32) {
    let bottom = flow.y;
    if table.frame && bottom > top + EPS {
        let (x1, x2) = (x0, x0 + w);
        flow.push(Item::Rule {
            x1,
            y1: top,
            x2,
            y2: top,
        });
        flow.push(Item::Rule {
            x1,
            y1: bottom,
            x2,
            y2: bottom,
        });
        flow.push(Item::Rule {
            x1,
            y1: top,
            x2: x1,
            y2: bottom,
        });
        flow.push(Item::Rule {
            x1: x2,
            y1: top,
            x2,
            y2: bottom,
        });
    }
}

/// Computes cell geometry, wraps every cell and sizes every row.
fn prepare<'t>(flow: &Flow<'_>, table: &'t Table) -> Result<Vec<PRow<'t>>, PdfError> {
    let total: f32 = table.widths.iter().sum();
    let x0 = flow.left() + table.x;
    if table.x + total > flow.width() + 0.5 {
        let line = table.rows.first().map_or(1, |r| r.line);
        return Err(PdfError::Layout {
            line,
            message: format!(
                "table is {:.1} pt wide, the page has {:.1} pt",
                table.x + total,
                flow.width()
            ),
        });
    }
    let mut rows = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let mut cells = Vec::with_capacity(row.cells.len());
        let mut col = 0;
        for cell in &row.cells {
            let x = x0 + table.widths[..col].iter().sum::<f32>();
            let w: f32 = table.widths[col..col + cell.span].iter().sum();
            col += cell.span;
            let inner = w - cell.pad.left - cell.pad.right;
            let body = match &cell.content {
                Content::Check { checked, size } => Body::Check(CheckBox::new(*checked, *size)?),
                Content::Text(inl) if inl.is_empty() => Body::Lines(VecDeque::new()),
                Content::Text(inl) if inner <= 0.0 => {
                    return Err(PdfError::Layout {
                        line: row.line,
                        message: format!("a cell {w:.1} pt wide has no room for text"),
                    });
                }
                Content::Text(inl) => Body::Lines(
                    wrap_first(inl, cell.style.size, inner - cell.indent, inner)?.into(),
                ),
            };
            cells.push(Prepared {
                cell,
                x,
                w,
                body,
                indent: cell.indent,
            });
        }
        let height = cells
            .iter()
            .map(Prepared::needs)
            .fold(row.min_height, f32::max);
        rows.push(PRow {
            cells,
            height,
            header: row.header,
            line: row.line,
        });
    }
    Ok(rows)
}

/// Splits off the first part of a row, at most `avail` tall: each cell gives up the lines
/// that fit, and `row` keeps the rest. `None`, with `row` unchanged, when not even one line of
/// some cell fits. Only the lines given up are moved, so that splitting a row over many pages
/// takes time in proportion to its lines, not their square.
fn split<'t>(row: &mut PRow<'t>, avail: f32) -> Option<PRow<'t>> {
    if row.header {
        return None;
    }
    let mut cuts = Vec::with_capacity(row.cells.len());
    for c in &row.cells {
        match &c.body {
            Body::Lines(lines) => {
                let room = avail - c.cell.pad.top - c.cell.pad.bottom;
                let fit = ((room + EPS) / c.lh()).floor().max(0.0) as usize;
                if fit == 0 && !lines.is_empty() {
                    return None;
                }
                cuts.push(fit.min(lines.len()));
            }
            Body::Check(check) => {
                if c.needs() > avail + EPS || check.size > avail {
                    return None;
                }
                cuts.push(0);
            }
        }
    }
    let mut cells = Vec::with_capacity(row.cells.len());
    for (c, cut) in row.cells.iter_mut().zip(cuts) {
        let body = match &mut c.body {
            Body::Lines(lines) => Body::Lines(lines.drain(..cut).collect()),
            Body::Check(_) => std::mem::replace(&mut c.body, Body::Lines(VecDeque::new())),
        };
        cells.push(Prepared { body, ..*c });
        // What stays continues a line already started: no first-line indent.
        c.indent = 0.0;
    }
    let height = cells
        .iter()
        .map(Prepared::needs)
        .fold(0.0, f32::max)
        .min(avail);
    row.height = row.cells.iter().map(Prepared::needs).fold(0.0, f32::max);
    Some(PRow {
        cells,
        height,
        header: false,
        line: row.line,
    })
}

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
fn draw(flow: &mut Flow<'_>, row: &PRow<'_>) {
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
