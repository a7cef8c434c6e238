//! The columns of Part III's tables as the text form has them, so that a PDF's table rows are
//! read as the text's are.
//!
//! The PDF draws a table's column in one ruled cell where the text form may give it several
//! cells: (A)'s "Movement during the month" is a movement's name and its figure, (E)'s "At
//! price" (1.0.x) a currency and an amount, (D)'s approval date (1.0.x) is followed by three
//! empty cells. How many cells each column takes is read from the text template itself
//! (`templates/base/form.txt.tera`), whose title lines name each cell's label or leave it
//! empty; a PDF's title line is matched to the template's by its labels. A row's ruled cells
//! are then put under those columns: a one-cell column takes all its text; a wider one takes a
//! line's first piece in its first cell and the rest in its second, one line of the text form
//! for each line of the PDF (the movements of an option scheme, one under the other).

use std::sync::OnceLock;

use super::super::labels::{Form, id};
use super::super::lines::{Cell, Line};

/// The text template whose title lines give the columns.
const TEXT_TEMPLATE: &str = "base/form.txt.tera";

/// A title line of the text template: each cell a label id, or `None` for an empty cell.
type TitleRow = Vec<Option<String>>;

/// The title lines of Part III's tables in the text template.
fn title_rows() -> &'static [TitleRow] {
    static ROWS: OnceLock<Vec<TitleRow>> = OnceLock::new();
    ROWS.get_or_init(|| {
        crate::assets::get(TEXT_TEMPLATE)
            .map(|source| source.lines().filter_map(title_row).collect())
            .unwrap_or_default()
    })
}

/// The lines of sub-titles under a table's titles in the text template (`\tCurrency\tAmount`):
/// the label ids of each.
fn sub_title_rows() -> &'static [Vec<String>] {
    static ROWS: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    ROWS.get_or_init(|| {
        let Some(source) = crate::assets::get(TEXT_TEMPLATE) else {
            return Vec::new();
        };
        source
            .lines()
            .filter(|l| l.starts_with('\t'))
            .filter_map(|l| {
                let cells: Vec<&str> = l.split('\t').filter(|c| !c.trim().is_empty()).collect();
                let ids: Option<Vec<String>> = cells.iter().map(|c| label_id(c)).collect();
                ids.filter(|ids| !ids.is_empty() && ids.iter().all(|id| id.starts_with("p3_")))
            })
            .collect()
    })
}

/// Whether the PDF's `line` is a table's sub-titles: its texts are the labels of a line of
/// sub-titles of the text template.
pub(crate) fn is_sub_titles(line: &Line, form: &Form) -> bool {
    let texts: Vec<String> = line
        .cells
        .iter()
        .filter(|c| !c.text.is_empty())
        .flat_map(|c| {
            if c.parts.is_empty() {
                vec![c.text.clone()]
            } else {
                c.parts.iter().flatten().cloned().collect()
            }
        })
        .map(|t| words(&t))
        .collect();
    !texts.is_empty()
        && sub_title_rows().iter().any(|ids| {
            ids.len() == texts.len()
                && ids
                    .iter()
                    .zip(&texts)
                    .all(|(id, t)| words(form.get(id)) == *t)
        })
}

/// A row that a page break cut: `row`'s cells with the lines of `more` (its rest, on the next
/// page under the repeated titles) after theirs, column by column. `more` is a ruled line (its
/// cells' lines are added) or a free line of text (one line added to each cell it reaches).
pub(crate) fn continued(row: &Line, more: &Line) -> Line {
    let mut whole = row.clone();
    let mut added: Vec<(usize, Vec<String>)> = Vec::new();
    for cell in more.cells.iter().filter(|c| !c.text.is_empty()) {
        let at = whole
            .cells
            .iter()
            .rposition(|c| c.x0 <= cell.x0 + 1.0)
            .unwrap_or(0);
        let lines = if cell.parts.is_empty() {
            vec![vec![cell.text.clone()]]
        } else {
            cell.parts.clone()
        };
        match added.last_mut() {
            // A free line's pieces in one cell make one line of it.
            Some((k, last)) if *k == at && !more.tabbed => last.extend(lines.concat()),
            _ if !more.tabbed => added.push((at, lines.concat())),
            _ => added.extend(lines.into_iter().map(|l| (at, l))),
        }
    }
    for (at, pieces) in added {
        let Some(c) = whole.cells.get_mut(at) else {
            continue;
        };
        if c.parts.is_empty() && !c.text.is_empty() {
            c.parts.push(vec![c.text.clone()]);
        }
        c.text = format!("{} {}", c.text, pieces.join(" ")).trim().to_owned();
        c.parts.push(pieces);
    }
    whole
}

/// `{% ... %}{{ labels.p3_A_col_x }}\t\t{{ labels.y }}`: the ids of a title line of Part III,
/// `None` for a line that is not one.
fn title_row(line: &str) -> Option<TitleRow> {
    let mut rest = line;
    while let Some(tag) = rest.strip_prefix("{%") {
        rest = &tag[tag.find("%}")? + 2..];
    }
    let cells: TitleRow = rest.split('\t').map(label_id).collect();
    let first = cells.first()?.as_deref()?;
    (first.starts_with("p3_") && first.contains("_col_") && cells.len() > 1).then_some(cells)
}

/// The id in a cell that is exactly `{{ labels.ID }}`.
fn label_id(cell: &str) -> Option<String> {
    let inner = cell
        .trim()
        .strip_prefix("{{")?
        .strip_suffix("}}")?
        .trim()
        .strip_prefix("labels.")?;
    inner
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_')
        .then(|| inner.to_owned())
}

/// A table's columns on the PDF page: where each starts and how many cells of the text form
/// it takes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Columns {
    /// Each column's left edge, left to right.
    starts: Vec<f32>,
    /// Each column's cells in the text form.
    widths: Vec<usize>,
}

/// Words with their spaces made single, to compare a label with a PDF's wrapped title.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Columns {
    /// The columns of the PDF's title line `line`, if a title line of the text template has
    /// the same labels in the same order.
    pub(crate) fn of_titles(line: &Line, form: &Form) -> Option<Self> {
        let titles: Vec<&Cell> = line.cells.iter().filter(|c| !c.text.is_empty()).collect();
        let texts: Vec<String> = titles.iter().map(|c| words(&c.text)).collect();
        title_rows().iter().find_map(|row| {
            let mut widths: Vec<usize> = Vec::new();
            for cell in row {
                match cell {
                    Some(id) => {
                        let label = form.get(id);
                        if label.is_empty() || texts.get(widths.len()) != Some(&words(label)) {
                            return None;
                        }
                        widths.push(1);
                    }
                    None => *widths.last_mut()? += 1,
                }
            }
            (widths.len() == texts.len()).then(|| Self {
                starts: titles.iter().map(|c| c.x0).collect(),
                widths,
            })
        })
    }

    /// Whether a ruled line has text beyond the first column: part of a table row, not one of
    /// the labels under a row (which stand in the first column's width).
    pub(crate) fn reaches_past_first(&self, line: &Line) -> bool {
        line.tabbed
            && line
                .cells
                .iter()
                .any(|c| !c.text.is_empty() && self.column_of(c.x0) >= 1)
    }

    /// The column whose left edge is at or before `x`.
    fn column_of(&self, x: f32) -> usize {
        self.starts.iter().rposition(|s| *s <= x + 1.0).unwrap_or(0)
    }

    /// The lines of the text form for the PDF's line `line` (a row, a title line or a line of
    /// sub-titles): one, or one per line of its widest column's text.
    pub(crate) fn regroup(&self, line: &Line, form: &Form) -> Vec<Line> {
        // Each column's lines of pieces, the lines of its ruled cells side by side.
        let mut columns: Vec<Vec<Vec<String>>> = vec![Vec::new(); self.starts.len()];
        for cell in line.cells.iter().filter(|c| !c.text.is_empty()) {
            let parts = if cell.parts.is_empty() {
                vec![vec![cell.text.clone()]]
            } else {
                cell.parts.clone()
            };
            let column = &mut columns[self.column_of(cell.x0)];
            for (k, pieces) in parts.into_iter().enumerate() {
                if column.len() <= k {
                    column.push(Vec::new());
                }
                column[k].extend(pieces);
            }
        }
        let width: usize = self.widths.iter().sum();
        let mut out: Vec<Vec<String>> = vec![vec![String::new(); width]];
        let mut at = 0;
        for (c, lines) in columns.iter().enumerate() {
            let w = self.widths[c];
            if w == 1 {
                let all: Vec<&str> = lines.iter().flatten().map(String::as_str).collect();
                out[0][at] = all.join(" ");
            } else {
                for (k, pieces) in lines.iter().enumerate() {
                    while out.len() <= k {
                        out.push(vec![String::new(); width]);
                    }
                    if let Some((first, rest)) = pieces.split_first() {
                        out[k][at] = first.clone();
                        out[k][at + 1] = rest.join(" ");
                    }
                }
            }
            at += w;
        }
        approval_below(&mut out, form);
        out.into_iter()
            .map(|texts| Line {
                place: line.place,
                cells: texts
                    .into_iter()
                    .map(|text| Cell {
                        text,
                        ..Cell::default()
                    })
                    .collect(),
                tabbed: true,
            })
            .collect()
    }
}

/// An option scheme's particulars followed by `General Meeting approval date (if applicable):
/// DATE` in one ruled cell (1.1.x and 1.2.0): the label and the date on the text form's next
/// line, in its first two cells.
fn approval_below(out: &mut Vec<Vec<String>>, form: &Form) {
    let label = form.get(id::APPROVAL);
    let marker = format!(" {label}:");
    let Some(first) = out.first_mut() else { return };
    let Some(cell) = first.first_mut() else {
        return;
    };
    let Some(at) = cell.find(&marker) else { return };
    let date = cell[at + marker.len()..].trim().to_owned();
    cell.truncate(at);
    let width = first.len().max(2);
    if out.len() < 2 {
        out.push(vec![String::new(); width]);
    }
    out[1][0] = label.to_owned();
    out[1][1] = date;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_templates_title_lines_are_found_with_their_empty_cells() {
        let rows = title_rows();
        assert!(rows.len() >= 10, "{rows:?}");
        let d: Vec<&TitleRow> = rows
            .iter()
            .filter(|r| r[0].as_deref() == Some("p3_D_col_particulars"))
            .collect();
        assert!(
            d.iter()
                .any(|r| r.len() == 7 && r[2].is_none() && r[4].is_none()),
            "{d:?}"
        );
    }

    #[test]
    fn a_title_line_is_read_with_its_tags_and_a_line_without_labels_is_not() {
        let row = title_row("{% set h = b.header %}{% include \"x\" %}{{ labels.p3_A_col_x }}\t{{ labels.p3_col_movement }}\t\t{{ labels.y }}")
            .expect("a title line");
        assert_eq!(
            row,
            [
                Some("p3_A_col_x".to_owned()),
                Some("p3_col_movement".to_owned()),
                None,
                Some("y".to_owned())
            ]
        );
        assert_eq!(
            title_row("{{ r.number }}). {{ r.particulars }}\t{{ r.x }}"),
            None
        );
        assert_eq!(title_row("{% if x %}"), None);
    }
}
