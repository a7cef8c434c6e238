//! A table made ready to place: every cell's geometry and wrapped lines, every row's height;
//! and a row split between two pages, line by line.

use super::{Body, PRow, Prepared};
use crate::render::pdf::check::CheckBox;
use crate::render::pdf::doc::{Content, Table};
use crate::render::pdf::error::PdfError;
use crate::render::pdf::layout::{EPS, Flow};
use crate::render::pdf::wrap::{Lines, wrap_first};

/// Computes cell geometry, wraps every cell and sizes every row.
pub(super) fn prepare<'t>(flow: &Flow<'_>, table: &'t Table) -> Result<Vec<PRow<'t>>, PdfError> {
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
                Content::Text(inl) if inl.is_empty() => Body::Lines(Lines::default()),
                Content::Text(inl) if inner <= 0.0 => {
                    return Err(PdfError::Layout {
                        line: row.line,
                        message: format!("a cell {w:.1} pt wide has no room for text"),
                    });
                }
                Content::Text(inl) => Body::Lines(wrap_first(
                    inl,
                    cell.style.size,
                    inner - cell.indent,
                    inner,
                )?),
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
pub(super) fn split<'t>(row: &mut PRow<'t>, avail: f32) -> Option<PRow<'t>> {
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
            Body::Lines(lines) => Body::Lines(lines.take_front(cut)),
            Body::Check(_) => std::mem::replace(&mut c.body, Body::Lines(Lines::default())),
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
