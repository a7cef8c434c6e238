//! A PDF's text as lines of cells. [`extract`] reads the positioned strings and the straight
//! rules; here the form's own cell borders decide which words make which cell: a string inside
//! a ruled cell belongs to that cell (however many lines it wraps over), and the cells whose top
//! border is the same make one line, empty cells included, as the text form has them. Text
//! outside the ruled cells makes lines by baseline, cut into cells where the gap is wider than
//! a space.

mod columns;
pub(crate) mod extract;
mod grid;
mod normalise;

use super::lines::{Cell, Line, Place};
use extract::Run;
pub(crate) use grid::lines;
pub(crate) use normalise::normalise;

/// How far apart two baselines may be and still be one line, in points.
const SAME_LINE: f32 = 2.0;

/// One line of a page: its baseline and its cells, left to right.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PageLine {
    /// The page.
    pub(crate) page: u32,
    /// The baseline, from the page's bottom.
    pub(crate) y: f32,
    /// The font size of its first run.
    pub(crate) size: f32,
    /// Its cells.
    pub(crate) cells: Vec<Cell>,
}

impl PageLine {
    /// The line as the reader sees it.
    pub(crate) fn to_line(&self) -> Line {
        Line {
            place: Place::Page(self.page),
            cells: self.cells.clone(),
            tabbed: false,
        }
    }

    /// The cells' texts joined by spaces.
    pub(crate) fn joined(&self) -> String {
        self.cells
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Groups runs into lines, top to bottom on each page, and each line's runs into cells.
pub(crate) fn free_lines(mut runs: Vec<Run>) -> Vec<PageLine> {
    runs.sort_by(|a, b| {
        a.page
            .cmp(&b.page)
            .then(b.y.total_cmp(&a.y))
            .then(a.x0.total_cmp(&b.x0))
    });
    let mut lines: Vec<(u32, f32, f32, Vec<Run>)> = Vec::new();
    for run in runs {
        match lines.last_mut() {
            Some((page, y, _, members)) if *page == run.page && (*y - run.y).abs() <= SAME_LINE => {
                members.push(run);
            }
            _ => lines.push((run.page, run.y, run.size, vec![run])),
        }
    }
    lines
        .into_iter()
        .map(|(page, y, size, mut members)| {
            members.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            PageLine {
                page,
                y,
                size,
                cells: cells(&members),
            }
        })
        .collect()
}

/// A label beside a figure that wraps over lines (a long class name beside a total, set
/// centred on the total's line): a line of one piece standing where the last piece of a line
/// next to it starts, and nearer to that line than a line and a half, joins that piece,
/// before it when above, after it when below. Lines of one page, top to bottom.
pub(crate) fn join_wrapped(lines: Vec<PageLine>) -> Vec<PageLine> {
    let mut out: Vec<PageLine> = Vec::with_capacity(lines.len());
    let mut lines = lines.into_iter().peekable();
    while let Some(line) = lines.next() {
        if !is_piece(&line) {
            out.push(line);
            continue;
        }
        let piece = &line.cells[0];
        let dist = |other: &PageLine| {
            let beside = other.cells.len() > 1
                && other.page == line.page
                && other
                    .cells
                    .last()
                    .is_some_and(|c| (c.x0 - piece.x0).abs() < 1.0);
            let d = (other.y - line.y).abs();
            (beside && d <= line.size * 1.5).then_some(d)
        };
        let before = out.last().and_then(dist);
        let after = lines.peek().and_then(dist);
        match (before, after) {
            (Some(b), a) if a.is_none_or(|a| b < a) => {
                if let Some(last) = out.last_mut().and_then(|l| l.cells.last_mut()) {
                    last.text = format!("{} {}", last.text, piece.text);
                }
            }
            (_, Some(_)) => {
                if let Some(last) = lines.peek_mut().and_then(|l| l.cells.last_mut()) {
                    last.text = format!("{} {}", piece.text, last.text);
                }
            }
            _ => out.push(line),
        }
    }
    out
}

/// A line of one piece (a candidate part of a wrapped label).
fn is_piece(line: &PageLine) -> bool {
    line.cells.len() == 1
}

/// Runs closer than about a space apart are one cell; a wider gap starts the next.
fn cells(runs: &[Run]) -> Vec<Cell> {
    let mut out: Vec<Cell> = Vec::new();
    for run in runs {
        let gap_limit = run.size * 0.6;
        match out.last_mut() {
            Some(cell) if run.x0 - cell.x1 <= gap_limit => {
                if run.x0 - cell.x1 > run.size * 0.1
                    && !cell.text.ends_with(' ')
                    && !run.text.starts_with(' ')
                {
                    cell.text.push(' ');
                }
                cell.text.push_str(&run.text);
                cell.x1 = cell.x1.max(run.x1);
            }
            _ => out.push(Cell {
                text: run.text.clone(),
                x0: run.x0,
                x1: run.x1,
                parts: Vec::new(),
            }),
        }
    }
    for cell in &mut out {
        cell.text = cell.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    out
}
