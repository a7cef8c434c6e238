//! The layout engine: places a [`Document`] on pages. Sections start new pages;
//! paragraphs wrap and flow line by line onto as many pages as they need; tables are
//! placed by [`crate::render::pdf::table`]; header and footer texts are added last, when
//! the page count is known.
//!
//! Pure: text is measured with the embedded fonts' advance widths, nothing is written.

use crate::render::pdf::doc::{Align, Block, Body, Boxed, Document, Fixed, Laid, Para};
use crate::render::pdf::error::PdfError;
use crate::render::pdf::fonts::{ASCENT, DESCENT};
use crate::render::pdf::page::{Item, Page, Rect};
use crate::render::pdf::sections;
use crate::render::pdf::table;
use crate::render::pdf::text::{Run, runs, set};
use crate::render::pdf::wrap::{Line, justify, wrap};

/// Rounding slack when comparing positions, points.
pub(crate) const EPS: f32 = 0.01;

/// The pages built so far and the cursor on the last one.
pub(crate) struct Flow<'d> {
    /// The description being laid out.
    pub(crate) doc: &'d Document<'d>,
    /// Pages so far; the last is the one being filled.
    pub(crate) pages: Vec<Page>,
    /// Top of the free space on the last page.
    pub(crate) y: f32,
    /// For each page left behind, where its content ended.
    pub(crate) ends: Vec<f32>,
}

impl Flow<'_> {
    /// Top of the flow area.
    pub(crate) fn top(&self) -> f32 {
        self.doc.margin.top
    }

    /// Bottom of the flow area.
    pub(crate) fn bottom(&self) -> f32 {
        self.doc.height - self.doc.margin.bottom
    }

    /// Left edge of the flow area.
    pub(crate) fn left(&self) -> f32 {
        self.doc.margin.left
    }

    /// Width of the flow area.
    pub(crate) fn width(&self) -> f32 {
        self.doc.width - self.doc.margin.left - self.doc.margin.right
    }

    /// The flow area as a rectangle.
    pub(crate) fn area(&self) -> Rect {
        Rect {
            x: self.left(),
            y: self.top(),
            w: self.width(),
            h: self.bottom() - self.top(),
        }
    }

    /// Starts a new page and puts the cursor at its top.
    pub(crate) fn new_page(&mut self) {
        if !self.pages.is_empty() {
            self.ends.push(self.y);
        }
        self.pages.push(Page {
            width: self.doc.width,
            height: self.doc.height,
            items: Vec::new(),
        });
        self.y = self.top();
    }

    /// Starts a new page with a section laid out before: its pages, as [`Flow::new_page`] and
    /// placing its blocks would have made them.
    fn add_laid(&mut self, laid: Laid) {
        if !self.pages.is_empty() {
            self.ends.push(self.y);
        }
        self.pages.extend(laid.pages);
        self.ends.extend(laid.ends);
        self.y = laid.y;
    }

    /// Adds an item to the current page.
    pub(crate) fn push(&mut self, item: Item) {
        if let Some(page) = self.pages.last_mut() {
            page.items.push(item);
        }
    }

    /// Adds the runs of one line, baseline at `y`, line start at `x`, clipped to `bounds`.
    pub(crate) fn push_line(&mut self, line: &Line, x: f32, y: f32, size: f32, bounds: Rect) {
        for run in &line.runs {
            self.push_run(run, x, y, size, bounds);
        }
    }

    /// Adds one run, its line starting at `x`.
    fn push_run(&mut self, run: &Run, x: f32, y: f32, size: f32, bounds: Rect) {
        self.push(Item::Text {
            x: x + run.x,
            y,
            size,
            font: run.font,
            text: run.text.clone(),
            width: run.width,
            bounds,
        });
    }
}

/// Distance from the top of a line box of height `lh` to the baseline of `size` text.
pub(crate) fn baseline(size: f32, lh: f32) -> f32 {
    (lh - size * (ASCENT + DESCENT)) / 2.0 + size * ASCENT
}

/// Offset of a line of width `w` inside `avail` for `align`.
pub(crate) fn offset(align: Align, avail: f32, w: f32) -> f32 {
    match align {
        Align::Left | Align::Justify => 0.0,
        Align::Center => ((avail - w) / 2.0).max(0.0),
        Align::Right => (avail - w).max(0.0),
    }
}

/// Lays out a whole document.
///
/// # Errors
/// [`PdfError::MissingGlyph`] for text no font can set, [`PdfError::Layout`] for content
/// that cannot be placed at all (a table wider than the page, a row too tall to split).
pub(crate) fn layout(mut doc: Document<'_>) -> Result<Vec<Page>, PdfError> {
    let sections = std::mem::take(&mut doc.sections);
    let mut flow = Flow {
        doc: &doc,
        pages: Vec::new(),
        y: 0.0,
        ends: Vec::new(),
    };
    if flow.width() <= 0.0 || flow.bottom() <= flow.top() {
        return Err(PdfError::Layout {
            line: 1,
            message: "margins leave no room".to_owned(),
        });
    }
    for section in sections {
        match section.body {
            Body::Blocks(list) => {
                flow.new_page();
                let (first, ends) = (flow.pages.len() - 1, flow.ends.len());
                blocks(&mut flow, &list)?;
                sections::record(&section.key, || Laid {
                    pages: flow.pages[first..].to_vec(),
                    ends: flow.ends[ends..].to_vec(),
                    y: flow.y,
                });
            }
            Body::Laid(laid) => flow.add_laid(laid),
        }
    }
    if flow.pages.is_empty() {
        flow.new_page();
    }
    furniture(&doc, &mut flow.pages)?;
    Ok(flow.pages)
}

/// Places blocks one after the other.
fn blocks(flow: &mut Flow<'_>, list: &[Block]) -> Result<(), PdfError> {
    for block in list {
        match block {
            Block::Para(p) => para(flow, p)?,
            Block::Space(h) => {
                if flow.y + h > flow.bottom() + EPS {
                    flow.new_page();
                } else {
                    flow.y += h;
                }
            }
            Block::Table(t) => table::place(flow, t)?,
            Block::Boxed(b) => boxed(flow, b)?,
            Block::Keep(list) => keep(flow, list)?,
        }
    }
    Ok(())
}

/// Places blocks together: if they spill onto another page but would fit on one, they are
/// taken back and placed again from the top of a new page.
fn keep(flow: &mut Flow<'_>, list: &[Block]) -> Result<(), PdfError> {
    let (pages, y, ends) = (flow.pages.len(), flow.y, flow.ends.len());
    let items = flow.pages.last().map_or(0, |p| p.items.len());
    blocks(flow, list)?;
    let spilled = flow.pages.len() > pages;
    let height = (flow.pages.len() - pages) as f32 * (flow.bottom() - flow.top()) + flow.y - y;
    if spilled && y > flow.top() + EPS && height <= flow.bottom() - flow.top() + EPS {
        flow.pages.truncate(pages);
        flow.ends.truncate(ends);
        if let Some(page) = flow.pages.last_mut() {
            page.items.truncate(items);
        }
        flow.y = y;
        flow.new_page();
        blocks(flow, list)?;
    }
    Ok(())
}

/// Places framed blocks and draws the frame around their part on each page.
fn boxed(flow: &mut Flow<'_>, b: &Boxed) -> Result<(), PdfError> {
    let (first, top) = (flow.pages.len(), flow.y);
    blocks(flow, &b.blocks)?;
    if flow.y + b.pad_bottom <= flow.bottom() + EPS {
        flow.y += b.pad_bottom;
    }
    let x1 = flow.left() + b.x;
    let x2 = x1 + b.width.unwrap_or(flow.width() - b.x);
    let last = flow.pages.len();
    for n in first..=last {
        let y1 = if n == first { top } else { flow.top() };
        let y2 = if n == last {
            flow.y
        } else {
            flow.ends.get(n - 1).copied().unwrap_or(y1)
        };
        if y2 <= y1 + EPS {
            continue;
        }
        if let Some(page) = flow.pages.get_mut(n - 1) {
            for (xa, ya, xb, yb) in [
                (x1, y1, x2, y1),
                (x1, y2, x2, y2),
                (x1, y1, x1, y2),
                (x2, y1, x2, y2),
            ] {
                page.items.push(Item::Rule {
                    x1: xa,
                    y1: ya,
                    x2: xb,
                    y2: yb,
                });
            }
        }
    }
    Ok(())
}

/// Places a paragraph line by line, starting new pages as needed.
fn para(flow: &mut Flow<'_>, p: &Para) -> Result<(), PdfError> {
    let avail = p.width.unwrap_or(flow.width() - p.indent);
    let lh = p.style.size * p.style.leading;
    let line_no = p.inlines.iter().find_map(|i| match i {
        crate::render::pdf::doc::Inline::Text { line, .. } => Some(*line),
        crate::render::pdf::doc::Inline::Break => None,
    });
    if avail <= 0.0 || lh > flow.bottom() - flow.top() {
        return Err(PdfError::Layout {
            line: line_no.unwrap_or(1),
            message: format!("paragraph {avail:.1} pt wide with {lh:.1} pt lines cannot be placed"),
        });
    }
    for line in wrap(&p.inlines, p.style.size, avail)?.iter() {
        let justified;
        let line = if p.align == Align::Justify {
            justified = justify(line, avail, p.style.size)?;
            &justified
        } else {
            line
        };
        if flow.y + lh > flow.bottom() + EPS {
            flow.new_page();
        }
        let x = flow.left() + p.indent + offset(p.align, avail, line.width);
        let y = flow.y + baseline(p.style.size, lh);
        let area = flow.area();
        flow.push_line(line, x, y, p.style.size, area);
        flow.y += lh;
    }
    Ok(())
}

/// Adds the header and footer texts to every page, with `{page}` and `{pages}` filled in; a
/// text without them is set once for all pages.
fn furniture(doc: &Document<'_>, pages: &mut [Page]) -> Result<(), PdfError> {
    let count = pages.len();
    for f in &doc.furniture {
        let same = if f.text.contains('{') {
            None
        } else {
            Some(furniture_runs(f, &f.text)?)
        };
        for (i, page) in pages.iter_mut().enumerate() {
            let numbered;
            let runs = match &same {
                Some(runs) => runs,
                None => {
                    let text = f
                        .text
                        .replace("{page}", &(i + 1).to_string())
                        .replace("{pages}", &count.to_string());
                    numbered = furniture_runs(f, &text)?;
                    &numbered
                }
            };
            let bounds = page.sheet();
            page.items.extend(runs.iter().map(|run| Item::Text {
                x: run.x,
                y: f.y,
                size: f.style.size,
                font: run.font,
                text: run.text.clone(),
                width: run.width,
                bounds,
            }));
        }
    }
    Ok(())
}

/// The runs of header or footer `f` reading `text`, placed as it is aligned.
fn furniture_runs(f: &Fixed, text: &str) -> Result<Vec<Run>, PdfError> {
    let chars = set(text, f.style.bold, f.line)?;
    let width = chars.iter().map(|c| c.advance).sum::<f32>() * f.style.size;
    let x = match f.align {
        Align::Left | Align::Justify => f.x,
        Align::Center => f.x - width / 2.0,
        Align::Right => f.x - width,
    };
    Ok(runs(&chars, f.style.size, x))
}
