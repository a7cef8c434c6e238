//! A PDF's lines made into the lines of the text form, so that one reader reads both: the page
//! header and footer taken out (the footer's version kept), a table's row cells put under its
//! column titles, labels that wrap over lines joined with their values, the ticked box of the
//! public float written `[x]`, and the items of Part V joined over their lines.

use super::super::labels::{Form, id};
use super::super::lines::{Cell, Line};
use super::super::read::strip_item;
use super::columns::{Columns, continued as continued_row, is_sub_titles};

/// The tick the exchange's e-form prints in a ticked box.
const TICKS: [&str; 3] = ["✔", "✓", "x"];

/// A table's columns as its title line gives them.
enum Titles {
    /// Matched to the text template's title line: how many cells of the text each takes.
    Template(Columns),
    /// Where each column starts, one cell of the text each.
    Starts(Vec<f32>),
}

/// The lines of the text form, and the version the page footers print.
pub(crate) fn normalise(lines: Vec<Line>, form: &Form) -> (Vec<Line>, Option<String>) {
    let mut version = None;
    let mut out: Vec<Line> = Vec::new();
    let mut columns: Option<Titles> = None;
    // Whether the line before was a table's titles (and the next may be its sub-titles).
    let mut sub_titles = false;
    // The last row of a table read (where its lines start in `out`, and the row as the PDF
    // gives it), and whether the titles were just repeated on a new page under it.
    let mut last_row: Option<(usize, Line)> = None;
    let mut continued = false;
    let details = detail_labels(form);
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        i += 1;
        let text = line.joined();
        if text == form.get("hdr_code") {
            continue;
        }
        if let Some(v) = footer_version(&text) {
            version = Some(v);
            continue;
        }
        let body = strip_item(&text);
        let title = ['A', 'B', 'C', 'D', 'E']
            .iter()
            .any(|l| text.starts_with(form.table_title(*l)));
        if title || form.is_class_header(body) && body != text {
            columns = None;
        }
        if line.tabbed && form.is_column_title(line.cell(0)) {
            let template = Columns::of_titles(line, form);
            let details_follow = lines.get(i).is_some_and(|n| {
                is_detail(n, &details)
                    && !template.as_ref().is_some_and(|c| c.reaches_past_first(n))
            });
            if columns.is_some() && details_follow {
                // The titles repeated on the next page, over the rest of a row's details.
                continue;
            }
            if let Some(c) = template {
                // Titles repeated on a new page over a table that goes on: what follows them
                // may be the rest of the row the page break cut.
                continued = columns.is_some() && last_row.is_some();
                out.extend(c.regroup(line, form));
                columns = Some(Titles::Template(c));
                sub_titles = true;
                continue;
            }
            let starts: Vec<f32> = line
                .cells
                .iter()
                .filter(|c| !c.text.is_empty())
                .map(|c| c.x0)
                .collect();
            columns = Some(Titles::Starts(match columns.take() {
                Some(Titles::Starts(mut old))
                    if out.last().is_some_and(|l| form.is_column_title(l.cell(0))) =>
                {
                    old.extend(starts);
                    old.sort_by(f32::total_cmp);
                    old.dedup_by(|a, b| (*a - *b).abs() < 1.0);
                    old
                }
                _ => starts,
            }));
            out.push(line.clone());
            continue;
        }
        if columns.is_none() {
            last_row = None;
        }
        let row = line.tabbed && super::super::read::row_number_of(line.cell(0));
        match &columns {
            Some(Titles::Template(c)) if row => {
                (sub_titles, continued) = (false, false);
                last_row = Some((out.len(), line.clone()));
                out.extend(c.regroup(line, form));
                continue;
            }
            Some(Titles::Template(c)) if sub_titles && line.tabbed && is_sub_titles(line, form) => {
                sub_titles = false;
                out.extend(c.regroup(line, form));
                continue;
            }
            Some(Titles::Template(c))
                if continued
                    && (!is_detail(line, &details) || c.reaches_past_first(line))
                    && !starts_table_line(line, form) =>
            {
                if let Some((at, cut)) = last_row.take() {
                    let whole = continued_row(&cut, line);
                    out.truncate(at);
                    out.extend(c.regroup(&whole, form));
                    last_row = Some((at, whole));
                }
                // A ruled line is the whole rest; free lines (a cell's lines alone) come one
                // by one.
                (sub_titles, continued) = (false, !line.tabbed);
                continue;
            }
            Some(Titles::Starts(starts)) if row => {
                out.push(under_columns(line, starts));
                continue;
            }
            _ => (sub_titles, continued) = (false, false),
        }
        if TICKS.contains(&line.cell(0)) && line.cells.len() > 1 {
            let rest: Vec<&str> = line.cells[1..].iter().map(|c| c.text.as_str()).collect();
            out.push(plain(line, &format!("[x] {}", rest.join(" "))));
            continue;
        }
        if !form.treasury()
            && line.cells.len() == 2
            && in_part_ii(&out, form)
            && let Some(row) = one_column_row(line, form)
        {
            out.push(row);
            continue;
        }
        if let Some(joined) = join_label(&lines, &mut i, line, &details) {
            out.push(joined);
            continue;
        }
        out.push(line.clone());
    }
    (join_items(out, form), version)
}

/// Whether the lines so far are in Part II (after its heading, before Part III's).
fn in_part_ii(out: &[Line], form: &Form) -> bool {
    let heading = |id: &str| {
        out.iter()
            .rposition(|l| l.joined().starts_with(form.get(id)))
    };
    heading(id::PART_II).is_some_and(|ii| heading(id::PART_III).is_none_or(|iii| iii < ii))
}

/// A balance row of Part II in the layouts without treasury shares, whose one figure the text
/// form prints in its third cell: `[label, "", figure]`.
fn one_column_row(line: &Line, form: &Form) -> Option<Line> {
    let label = line.cell(0);
    [id::PRECEDING, id::MOVEMENT, id::CLOSING]
        .iter()
        .any(|r| label == form.get(r))
        .then(|| {
            let mut cells = vec![
                line.cells[0].clone(),
                Cell {
                    text: String::new(),
                    x0: 0.0,
                    x1: 0.0,
                    ..Cell::default()
                },
            ];
            cells.extend(line.cells[1..].iter().cloned());
            Line {
                place: line.place,
                cells,
                tabbed: true,
            }
        })
}

/// `v 1.2.0` at the end of a page footer (`Page 1 of 10 v 1.2.0`).
fn footer_version(text: &str) -> Option<String> {
    let rest = text.strip_prefix("Page ")?;
    let (_, v) = rest.rsplit_once(" v ")?;
    v.split('.')
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        .then(|| v.to_owned())
}

/// A line of one cell.
fn plain(like: &Line, text: &str) -> Line {
    Line {
        place: like.place,
        cells: vec![Cell {
            text: text.to_owned(),
            x0: like.cells.first().map_or(0.0, |c| c.x0),
            x1: like.cells.last().map_or(0.0, |c| c.x1),
            ..Cell::default()
        }],
        tabbed: false,
    }
}

/// A row's cells regrouped under the table's column titles, which start at `starts`.
fn under_columns(line: &Line, starts: &[f32]) -> Line {
    let mut cells: Vec<Cell> = starts
        .iter()
        .enumerate()
        .map(|(k, x0)| Cell {
            text: String::new(),
            x0: *x0,
            x1: starts.get(k + 1).copied().unwrap_or(f32::INFINITY),
            ..Cell::default()
        })
        .collect();
    for c in line.cells.iter().filter(|c| !c.text.is_empty()) {
        let k = starts.iter().rposition(|x| *x <= c.x0 + 1.0).unwrap_or(0);
        let cell = &mut cells[k];
        if !cell.text.is_empty() {
            cell.text.push(' ');
        }
        cell.text.push_str(&c.text);
    }
    Line {
        place: line.place,
        cells,
        tabbed: true,
    }
}

/// The labels under a row of (B) and (C) and the approval date, which the form breaks over
/// lines.
fn detail_labels(form: &Form) -> Vec<String> {
    [
        "p3_B_type",
        "p3_B_stock_code",
        "p3_B_price",
        "p3_C_type",
        "p3_C_stock_code",
        "p3_C_price",
        "p3_gm_date",
    ]
    .iter()
    .map(|l| form.get(l).to_owned())
    .filter(|l| !l.is_empty())
    .collect()
}

/// Whether `line` is one of a table's own lines after its rows: a footer's total, funds
/// raised, remarks (a label the form prints, or free text from the page's left margin, where
/// no row's cell but the first begins).
fn starts_table_line(line: &Line, form: &Form) -> bool {
    let text = line.joined();
    [id::REMARKS, id::FUNDS_RAISED, id::PART_III, id::PART_IV]
        .iter()
        .any(|l| text.starts_with(form.get(l)))
        || text.starts_with("Total")
        || !line.tabbed && line.cells.first().is_some_and(|c| c.x0 < 30.0)
}

/// Whether `line` starts with one of the labels under a row (or the first line of one broken
/// over lines).
fn is_detail(line: &Line, labels: &[String]) -> bool {
    let first = line.cell(0);
    !first.is_empty()
        && labels
            .iter()
            .any(|l| l.starts_with(first) || first.starts_with(l.as_str()))
}

/// A label broken over lines (or a column of labels in one cell), with the values printed
/// beside it: one line per label, `[label, values...]`.
fn join_label(lines: &[Line], i: &mut usize, line: &Line, labels: &[String]) -> Option<Line> {
    let first = line.cell(0);
    if first.is_empty()
        || !labels.iter().any(|l| {
            l.starts_with(first) && l.as_str() != first
                || first.starts_with(l.as_str()) && first.len() > l.len()
        })
    {
        return None;
    }
    if line.tabbed {
        return None;
    }
    let label_x = line.cells[0].x0;
    let mut label = first.to_owned();
    let mut values: Vec<Cell> = line.cells[1..].to_vec();
    while *i < lines.len() && !labels.contains(&label) {
        let next = &lines[*i];
        if next.tabbed || next.place != line.place {
            break;
        }
        let (head, rest): (Vec<&Cell>, Vec<&Cell>) = next
            .cells
            .iter()
            .partition(|c| (c.x0 - label_x).abs() < 2.0);
        let candidate = head.first().map(|c| format!("{label} {}", c.text));
        match candidate {
            Some(c) if labels.iter().any(|l| l.starts_with(c.as_str())) => label = c,
            None if !rest.is_empty() => {}
            _ => break,
        }
        values.extend(rest.into_iter().cloned());
        *i += 1;
    }
    let mut cells = vec![Cell {
        text: label,
        x0: label_x,
        x1: label_x,
        ..Cell::default()
    }];
    cells.extend(values);
    Some(Line {
        place: line.place,
        cells,
        tabbed: true,
    })
}

/// Part V's items, each joined over the lines it wraps on, as `- (i) ...`.
fn join_items(lines: Vec<Line>, form: &Form) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut in_items = false;
    for line in lines {
        let text = line.joined();
        if text.starts_with(form.get(id::PART_V)) {
            in_items = true;
        } else if text.starts_with(form.get(id::SUBMITTED_BY)) {
            in_items = false;
        }
        let item = in_items && !line.tabbed && is_item(&text);
        if item {
            out.push(plain(&line, &format!("- {text}")));
        } else if in_items
            && !line.tabbed
            && out.last().is_some_and(|l| l.joined().starts_with("- ("))
        {
            if let Some(last) = out.last_mut() {
                last.cells[0].text.push(' ');
                last.cells[0].text.push_str(&text);
            }
        } else {
            out.push(line);
        }
    }
    out
}

/// `(iv) all the securities ...`: an item of Part V.
fn is_item(text: &str) -> bool {
    text.strip_prefix('(')
        .and_then(|r| r.split_once(") "))
        .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| matches!(c, 'i' | 'v' | 'x')))
}
