//! Table placement: column geometry, cell text wrapped to the cell, rows grown to fit
//! their tallest cell, page breaks between rows with the header rows repeated on the next
//! page, and rows taller than a page split between lines. Shaded cells, ruled sides,
//! check boxes and an optional frame around each page's part of the table.
//!
//! Part of the layout engine; pure.
use crate::render::pdf::check::CheckBox;
use crate::render::pdf::doc::{Cell, Table};
use crate::render::pdf::error::PdfError;
use crate::render::pdf::layout::{EPS, Flow};
use crate::render::pdf::page::Item;
use crate::render::pdf::wrap::Lines;

mod draw;
mod prepare;

use draw::draw;
use prepare::{prepare, split};

/// What a prepared cell shows.
#[derive(Clone, Debug)]
enum Body {
    /// Wrapped lines of text (a row split over pages gives up its first lines).
    Lines(Lines),
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
