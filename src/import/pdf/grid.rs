//! The form's grid: strings placed in the ruled cells that hold them, cells put in lines.

use std::collections::BTreeMap;

use super::extract::{Pages, Rule, Run};
use super::{PageLine, free_lines, join_wrapped};
use crate::import::lines::{Cell, Line, Place};

/// How far a string may stand over a border and still be inside, in points.
const SLACK: f32 = 1.0;

/// A ruled cell: left, right, bottom, top.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Bounds {
    left: f32,
    right: f32,
    bottom: f32,
    top: f32,
}

/// Positions rounded to a tenth of a point, as keys.
fn key(v: f32) -> i32 {
    #[allow(
        clippy::cast_possible_truncation,
        reason = "page coordinates are small"
    )]
    let k = (v * 10.0).round() as i32;
    k
}

/// The ruled cell around `run`, if its four sides are drawn.
fn bounds(run: &Run, vertical: &[&Rule], horizontal: &[&Rule]) -> Option<Bounds> {
    let mid_y = run.y + run.size * 0.3;
    let mid_x = (run.x0 + run.x1) / 2.0;
    let spans_y = |r: &&&Rule| r.from - SLACK <= mid_y && mid_y <= r.to + SLACK;
    let spans_x = |r: &&&Rule| r.from - SLACK <= mid_x && mid_x <= r.to + SLACK;
    let left = vertical
        .iter()
        .filter(spans_y)
        .map(|r| r.at)
        .filter(|x| *x <= run.x0 + SLACK)
        .max_by(f32::total_cmp)?;
    let right = vertical
        .iter()
        .filter(spans_y)
        .map(|r| r.at)
        .filter(|x| *x >= run.x1 - SLACK)
        .min_by(f32::total_cmp)?;
    let bottom = horizontal
        .iter()
        .filter(spans_x)
        .map(|r| r.at)
        .filter(|y| *y <= mid_y)
        .max_by(f32::total_cmp)?;
    let top = horizontal
        .iter()
        .filter(spans_x)
        .map(|r| r.at)
        .filter(|y| *y >= mid_y)
        .min_by(f32::total_cmp)?;
    Some(Bounds {
        left,
        right,
        bottom,
        top,
    })
}

/// The text of a cell's runs (lines top to bottom, joined), and its lines each cut into
/// pieces where the gap is wide.
fn text_of(runs: &[Run]) -> (String, Vec<Vec<String>>) {
    let lines = free_lines(runs.to_vec());
    let text = lines
        .iter()
        .map(PageLine::joined)
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let parts = lines
        .into_iter()
        .map(|l| l.cells.into_iter().map(|c| c.text).collect::<Vec<_>>())
        .filter(|p| !p.is_empty())
        .collect();
    (text, parts)
}

/// The lines of every page: ruled rows and free text, top to bottom.
pub(crate) fn lines(pages: &Pages) -> Vec<Line> {
    let mut out = Vec::new();
    for page in 1..=pages.count {
        let runs: Vec<&Run> = pages.runs.iter().filter(|r| r.page == page).collect();
        let rules: Vec<&Rule> = pages.rules.iter().filter(|r| r.page == page).collect();
        let vertical: Vec<&Rule> = rules.iter().copied().filter(|r| r.vertical).collect();
        let horizontal: Vec<&Rule> = rules.iter().copied().filter(|r| !r.vertical).collect();
        // Runs by the cell that holds them, cells by their top border.
        let mut rows: BTreeMap<i32, BTreeMap<i32, (Bounds, Vec<Run>)>> = BTreeMap::new();
        let mut free: Vec<Run> = Vec::new();
        for run in runs {
            match bounds(run, &vertical, &horizontal) {
                Some(b) => {
                    rows.entry(key(b.top))
                        .or_default()
                        .entry(key(b.left))
                        .or_insert_with(|| (b, Vec::new()))
                        .1
                        .push(run.clone());
                }
                None => free.push(run.clone()),
            }
        }
        // (top of the line, the line)
        let mut placed: Vec<(f32, Line)> = Vec::new();
        for (_, boxes) in rows {
            let first = boxes.values().next().map(|(b, _)| *b);
            let Some(first) = first else { continue };
            let left = boxes
                .values()
                .map(|(b, _)| b.left)
                .fold(f32::INFINITY, f32::min);
            let right = boxes
                .values()
                .map(|(b, _)| b.right)
                .fold(f32::NEG_INFINITY, f32::max);
            let probe = first.top - SLACK;
            let mut xs: Vec<f32> = vertical
                .iter()
                .filter(|r| r.from - SLACK <= probe && probe <= r.to + SLACK)
                .map(|r| r.at)
                .filter(|x| *x >= left - SLACK && *x <= right + SLACK)
                .collect();
            xs.sort_by(f32::total_cmp);
            xs.dedup_by(|a, b| (*a - *b).abs() < SLACK);
            let filled: Vec<&(Bounds, Vec<Run>)> = boxes.values().collect();
            let wrapped_alone = filled.len() == 1 && free_lines(filled[0].1.clone()).len() > 1;
            if xs.len() < 3 || wrapped_alone {
                // One cell across, or one cell of several lines alone in its row: a frame
                // around free text, not a table row.
                for (_, runs) in boxes.into_values() {
                    free.extend(runs);
                }
                continue;
            }
            let mut cells_out = Vec::new();
            for pair in xs.windows(2) {
                let (x0, x1) = (pair[0], pair[1]);
                let (text, parts) = boxes
                    .values()
                    .find(|(b, _)| (b.left - x0).abs() < SLACK)
                    .map(|(_, runs)| text_of(runs))
                    .unwrap_or_default();
                cells_out.push(Cell {
                    text,
                    x0,
                    x1,
                    parts,
                });
            }
            join_item_numbers(&mut cells_out);
            placed.push((
                first.top,
                Line {
                    place: Place::Page(page),
                    cells: cells_out,
                    tabbed: true,
                },
            ));
        }
        for line in join_wrapped(free_lines(free)) {
            let top = line.y + line.size;
            placed.push((top, line.to_line()));
        }
        placed.sort_by(|a, b| b.0.total_cmp(&a.0));
        out.extend(placed.into_iter().map(|(_, l)| l));
    }
    out
}

/// A row's number in a cell of its own (`1).`) joins the text after it, as the text form
/// prints them together.
fn join_item_numbers(cells_out: &mut Vec<Cell>) {
    let numbered = cells_out.first().is_some_and(|c| {
        c.text.ends_with(").")
            && c.text[..c.text.len() - 2]
                .bytes()
                .all(|b| b.is_ascii_digit())
            && c.text.len() > 2
    });
    if numbered && cells_out.len() > 1 {
        let first = cells_out.remove(0);
        let next = &mut cells_out[0];
        next.text = format!("{} {}", first.text, next.text).trim().to_owned();
        next.x0 = first.x0;
        match next.parts.first_mut() {
            Some(line) => line.insert(0, first.text),
            None => next.parts.push(vec![first.text]),
        }
    }
}
