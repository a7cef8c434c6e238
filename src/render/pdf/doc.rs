//! The typed document tree of a PDF description: what a `*.pdf.tera` template emits, once
//! parsed. Pure data in points (1/72 inch), top-left origin, y growing downwards.
//!
//! Part of stage 3 (render). It knows nothing about fonts or PDF syntax: `parse` builds it,
//! `layout` places it. The one thing laid out in it is a section that recurs from document to
//! document, taken as laid out before (`Body::Laid`).

use crate::render::pdf::page::Page;
use crate::render::pdf::recurring::Key;

/// Horizontal alignment of text inside its box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Align {
    /// Flush left (the default).
    Left,
    /// Centred.
    Center,
    /// Flush right: figures, so that their last digits line up.
    Right,
    /// Both edges flush: the spaces of every line but a paragraph's last are stretched.
    Justify,
}

/// Vertical alignment of a cell's content inside its row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum VAlign {
    /// Content starts at the top padding.
    Top,
    /// Content is centred between the paddings (the default).
    Middle,
    /// Content ends at the bottom padding.
    Bottom,
}

/// Four lengths in CSS order: top, right, bottom, left.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub(crate) struct Edges {
    /// Top length.
    pub(crate) top: f32,
    /// Right length.
    pub(crate) right: f32,
    /// Bottom length.
    pub(crate) bottom: f32,
    /// Left length.
    pub(crate) left: f32,
}

/// Which sides of a cell carry a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) struct Borders {
    /// Rule above the cell.
    pub(crate) top: bool,
    /// Rule right of the cell.
    pub(crate) right: bool,
    /// Rule below the cell.
    pub(crate) bottom: bool,
    /// Rule left of the cell.
    pub(crate) left: bool,
}

/// Font choice of a piece of text: size in points and weight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Style {
    /// Font size in points.
    pub(crate) size: f32,
    /// Bold face rather than regular.
    pub(crate) bold: bool,
    /// Line height as a multiple of the size.
    pub(crate) leading: f32,
}

/// A piece of inline content: styled text or a forced line break.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Inline {
    /// Text with its style; `line` is the description line it came from (for errors).
    Text {
        /// The characters, whitespace already collapsed.
        text: String,
        /// Bold or regular.
        bold: bool,
        /// Line in the description where this text starts.
        line: u32,
    },
    /// `<br/>`: the next text starts a new line.
    Break,
}

/// Text placed at a fixed position on every page (header and footer), laid out after the
/// page count is known. `{page}` and `{pages}` in `text` are replaced.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Fixed {
    /// Anchor x: left edge, centre or right edge depending on `align`.
    pub(crate) x: f32,
    /// Baseline, from the top of the page.
    pub(crate) y: f32,
    /// How the text hangs from `x`.
    pub(crate) align: Align,
    /// Font of the text.
    pub(crate) style: Style,
    /// The text, with `{page}` / `{pages}` placeholders.
    pub(crate) text: String,
    /// Description line, for errors.
    pub(crate) line: u32,
}

/// A paragraph: wrapped to the available width, flowing over pages line by line.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Para {
    /// The text runs.
    pub(crate) inlines: Vec<Inline>,
    /// Size, leading and default weight.
    pub(crate) style: Style,
    /// Alignment of each line.
    pub(crate) align: Align,
    /// Extra left indent, points.
    pub(crate) indent: f32,
    /// Width to wrap to; `None` for the full width right of the indent.
    pub(crate) width: Option<f32>,
}

/// What a table cell holds.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Content {
    /// Wrapped text (possibly empty).
    Text(Vec<Inline>),
    /// A check box, ticked or not, `size` points square.
    Check {
        /// Whether the box carries a tick.
        checked: bool,
        /// Side of the box.
        size: f32,
    },
}

/// One cell of a table row.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Cell {
    /// How many columns the cell spans (at least 1).
    pub(crate) span: usize,
    /// What the cell shows.
    pub(crate) content: Content,
    /// Font of the cell's text.
    pub(crate) style: Style,
    /// Horizontal alignment.
    pub(crate) align: Align,
    /// Vertical alignment.
    pub(crate) valign: VAlign,
    /// Space between the cell's edges and its content.
    pub(crate) pad: Edges,
    /// Offset of the first line from the left padding (negative hangs it out to the left),
    /// as the form sets a numbered item's first line after its number.
    pub(crate) indent: f32,
    /// How far the cell's text is raised above where its alignment puts it (negative lowers
    /// it), as the form sets note 6's bullets a little above their item's line.
    pub(crate) rise: f32,
    /// Rules on the cell's sides.
    pub(crate) border: Borders,
    /// How far each rule is drawn inside the cell's edge (negative: outside), as the form
    /// draws two underlines with a gap that is on no column line.
    pub(crate) inset: Edges,
    /// A rectangle (width, height) drawn from the cell's top-left corner besides its rules:
    /// the box the form draws around a drop-down's value inside a taller cell.
    pub(crate) frame: Option<(f32, f32)>,
    /// Grey level of a background fill (0 black, 1 white), if shaded.
    pub(crate) fill: Option<f32>,
}

/// One row of a table.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Row {
    /// Header rows are repeated at the top of every page the table continues on.
    pub(crate) header: bool,
    /// The row is at least this tall; it grows to fit its tallest cell.
    pub(crate) min_height: f32,
    /// The cells, left to right; their spans add up to the column count.
    pub(crate) cells: Vec<Cell>,
    /// Description line, for errors.
    pub(crate) line: u32,
}

/// A ruled grid with fixed column widths.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Table {
    /// Offset of the table's left edge from the left margin.
    pub(crate) x: f32,
    /// Column widths in points.
    pub(crate) widths: Vec<f32>,
    /// The rows, header rows first.
    pub(crate) rows: Vec<Row>,
    /// Draw a rectangle around the table's part on each page.
    pub(crate) frame: bool,
}

/// A block of a page's flow.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Block {
    /// A wrapped paragraph.
    Para(Para),
    /// Vertical space, points.
    Space(f32),
    /// A table.
    Table(Table),
    /// Blocks framed by a rectangle on each page they cover.
    Boxed(Boxed),
    /// Blocks kept on one page when they fit on one: moved to a new page rather than split.
    Keep(Vec<Block>),
}

/// A group of blocks with a frame around them (on each page, around the part there).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Boxed {
    /// Offset of the frame's left edge from the left margin.
    pub(crate) x: f32,
    /// Frame width; `None` for the full flow width.
    pub(crate) width: Option<f32>,
    /// Extra space below the last block, inside the frame.
    pub(crate) pad_bottom: f32,
    /// The framed blocks.
    pub(crate) blocks: Vec<Block>,
}

/// A whole description: page geometry, furniture and sections that each start a new page.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Document<'t> {
    /// Page width, points.
    pub(crate) width: f32,
    /// Page height, points.
    pub(crate) height: f32,
    /// Margins around the flow area.
    pub(crate) margin: Edges,
    /// Header and footer texts drawn on every page.
    pub(crate) furniture: Vec<Fixed>,
    /// Each `<page>`: its blocks start on a fresh page and flow over as many as needed.
    pub(crate) sections: Vec<Section<'t>>,
}

/// One `<page>` of a description.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Section<'t> {
    /// What the pages it makes depend on: the description up to the end of its root tag
    /// (page size, margins, style), and the section's text from `<page` to `</page>`.
    pub(crate) key: Key<'t>,
    /// What is in it.
    pub(crate) body: Body,
}

/// What a section holds.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Body {
    /// Its blocks.
    Blocks(Vec<Block>),
    /// The pages it made in an earlier document with the same head: the same text laid out
    /// on the same pages makes the same pages (`sections::laid_before`).
    Laid(Laid),
}

/// A section laid out on pages of its own.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Laid {
    /// Its pages.
    pub(crate) pages: Vec<Page>,
    /// Where the content of each page but the last ended.
    pub(crate) ends: Vec<f32>,
    /// Where it ended on the last.
    pub(crate) y: f32,
}
