//! The description parser's tables: a `<table>` with its `<row>`s and their `<cell>`s, what each
//! inherits from the one around it, and the `border` attribute. Read as the XML is read; the
//! checks run in the order they always have, so a description with several faults reports the
//! same first one.

use crate::render::pdf::doc::{Align, Borders, Cell, Content, Edges, Row, Style, Table, VAlign};
use crate::render::pdf::error::PdfError;
use crate::render::pdf::inline::{CellContent, cell_content};
use crate::render::pdf::parse::xml::{Reader, Tag};

/// A `<table>` with its rows, read to its end.
pub(super) fn table(r: &mut Reader<'_>, tag: &Tag<'_>, parent: Style) -> Result<Table, PdfError> {
    tag.allow(&[
        "x", "widths", "frame", "border", "pad", "size", "bold", "leading", "valign",
    ])?;
    let style = tag.style(parent)?;
    let widths = tag.nums("widths", tag.attribute("widths").unwrap_or_default())?;
    if widths.is_empty() {
        return Err(tag.err("<table> needs widths=\"w1 w2 ...\"".to_owned()));
    }
    let defaults = CellDefaults {
        style,
        border: borders(tag, "all")?,
        pad: tag.edges_or(
            "pad",
            Edges {
                top: 2.0,
                right: 1.417,
                bottom: 2.0,
                left: 1.417,
            },
        )?,
        valign: tag.valign(VAlign::Middle)?,
    };
    let mut rows = Vec::new();
    while let Some(row_tag) = r.child()? {
        rows.push(row(r, &row_tag, &defaults, widths.len())?);
        r.recycle(row_tag);
    }
    Ok(Table {
        x: tag.num_or("x", 0.0)?,
        widths,
        rows,
        frame: tag.flag_or("frame", false)?,
    })
}

/// The `border` attribute: `all`, `none` or letters among `t r b l`.
fn borders(tag: &Tag<'_>, default: &str) -> Result<Borders, PdfError> {
    let v = tag.attribute("border").unwrap_or(default);
    match v {
        "all" => {
            return Ok(Borders {
                top: true,
                right: true,
                bottom: true,
                left: true,
            });
        }
        "none" => return Ok(Borders::default()),
        _ => {}
    }
    let mut b = Borders::default();
    for c in v.chars() {
        match c {
            't' => b.top = true,
            'r' => b.right = true,
            'b' => b.bottom = true,
            'l' => b.left = true,
            _ => return Err(tag.err(format!("border={v:?}: use all, none or t/r/b/l"))),
        }
    }
    Ok(b)
}

/// A `<row>` and its cells, read to its end.
fn row(
    r: &mut Reader<'_>,
    tag: &Tag<'_>,
    d: &CellDefaults,
    columns: usize,
) -> Result<Row, PdfError> {
    tag.expect_name("row")?;
    tag.allow(&[
        "header", "height", "size", "bold", "leading", "border", "pad", "valign",
    ])?;
    let d = CellDefaults {
        style: tag.style(d.style)?,
        border: match tag.attribute("border") {
            Some(_) => borders(tag, "all")?,
            None => d.border,
        },
        pad: tag.edges_or("pad", d.pad)?,
        valign: tag.valign(d.valign)?,
    };
    let mut cells = Vec::with_capacity(columns);
    while let Some(cell_tag) = r.child()? {
        cells.push(cell(r, &cell_tag, &d)?);
        r.recycle(cell_tag);
    }
    let spans: usize = cells.iter().map(|c| c.span).sum();
    if spans != columns {
        return Err(tag.err(format!("row spans {spans} columns, table has {columns}")));
    }
    Ok(Row {
        header: tag.flag_or("header", false)?,
        min_height: tag.num_or("height", 0.0)?,
        cells,
        line: tag.line,
    })
}

/// A `<cell>`: text, or a single `<check/>`; read to its end.
fn cell(r: &mut Reader<'_>, tag: &Tag<'_>, d: &CellDefaults) -> Result<Cell, PdfError> {
    tag.expect_name("cell")?;
    tag.allow(&[
        "span", "align", "valign", "pad", "indent", "rise", "border", "inset", "box", "fill",
        "size", "bold", "leading",
    ])?;
    let style = tag.style(d.style)?;
    let content = match cell_content(r, style.bold)? {
        CellContent::Check(c) => {
            c.allow(&["checked", "size"])?;
            let check = Content::Check {
                checked: c.flag_or("checked", false)?,
                size: c.num_or("size", 10.0)?,
            };
            r.recycle(c);
            check
        }
        CellContent::Text(inlines) => Content::Text(inlines?),
    };
    let span = match tag.attribute("span") {
        None => 1,
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| tag.err(format!("span={v:?} must be a whole number of columns")))?,
    };
    let valign = tag.valign(d.valign)?;
    let fill = match tag.attribute("fill") {
        None => None,
        Some(_) => Some(tag.num_or("fill", 1.0)?.min(1.0)),
    };
    Ok(Cell {
        span,
        content,
        style,
        align: tag.align(Align::Left)?,
        valign,
        pad: tag.edges_or("pad", d.pad)?,
        indent: tag.offset("indent")?,
        rise: tag.offset("rise")?,
        inset: tag.offsets("inset")?,
        frame: match tag.attribute("box") {
            None => None,
            Some(v) => match tag.nums("box", v)?.as_slice() {
                [w, h] => Some((*w, *h)),
                _ => return Err(tag.err(format!("box={v:?} needs a width and a height"))),
            },
        },
        border: match tag.attribute("border") {
            Some(_) => borders(tag, "all")?,
            None => d.border,
        },
        fill,
    })
}

/// What a cell inherits from its table and row.
struct CellDefaults {
    /// Font.
    style: Style,
    /// Rules.
    border: Borders,
    /// Padding.
    pad: Edges,
    /// Vertical alignment.
    valign: VAlign,
}
