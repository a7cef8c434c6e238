//! The common shape of every source: lines of cells with their place in the source.
//!
//! A published text return is already lines of tab-separated cells; a PDF becomes lines of
//! cells in [`super::pdf`]. The reader of the form ([`super::read`]) sees only [`Line`]s.

/// Where a line came from: a page of a PDF, or a line of a text file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// 1-based page of a PDF.
    Page(u32),
    /// 1-based line of a text file.
    Line(u32),
}

impl Default for Place {
    fn default() -> Self {
        Self::Line(1)
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Page(p) => write!(f, "page {p}"),
            Self::Line(l) => write!(f, "line {l}"),
        }
    }
}

/// One cell of a line: its text and horizontal extent (points on a PDF page; the cell's
/// index for a text file).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Cell {
    /// The text, trimmed.
    pub(crate) text: String,
    /// Left edge.
    pub(crate) x0: f32,
    /// Right edge.
    pub(crate) x1: f32,
    /// A ruled cell of a PDF: its lines top to bottom, each cut into pieces where the gap is
    /// wider than a space (`text` is all of them joined). Empty for a text file's cell.
    pub(crate) parts: Vec<Vec<String>>,
}

/// One line of the source.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    /// Where it is.
    pub(crate) place: Place,
    /// Its cells, left to right; a text file keeps its empty cells, a PDF has none.
    pub(crate) cells: Vec<Cell>,
    /// Whether cells stand in fixed columns (a text file's tabs) rather than at positions.
    pub(crate) tabbed: bool,
}

impl Line {
    /// The cells' texts joined by single spaces, empty cells left out.
    pub(crate) fn joined(&self) -> String {
        let mut out = String::new();
        for c in self.cells.iter().filter(|c| !c.text.is_empty()) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&c.text);
        }
        out
    }

    /// Whether the line has no text.
    pub(crate) fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.text.is_empty())
    }

    /// The text of cell `i` (a text file's column), empty when there is none.
    pub(crate) fn cell(&self, i: usize) -> &str {
        self.cells.get(i).map_or("", |c| c.text.as_str())
    }
}

/// Splits a published text return into lines of tab-separated cells. A line that runs several
/// headings together with `**` (the published form of Part III) becomes one line per heading.
pub(crate) fn from_text(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let place = Place::Line(u32::try_from(n + 1).unwrap_or(u32::MAX));
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.contains("**") {
            for piece in split_headings(raw) {
                lines.push(tabbed(place, &piece));
            }
        } else {
            lines.push(tabbed(place, raw));
        }
    }
    lines
}

/// `A**(A). X** Not applicable**(B). Y**` → `A`, `(A). X Not applicable`, `(B). Y`.
fn split_headings(raw: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, piece) in raw.split("**").enumerate() {
        let trimmed = piece.trim();
        if i % 2 == 1 {
            out.push(trimmed.to_owned());
        } else if trimmed.is_empty() {
        } else if i == 0 {
            out.push(trimmed.to_owned());
        } else if let Some(last) = out.last_mut() {
            last.push(' ');
            last.push_str(trimmed);
        }
    }
    out
}

fn tabbed(place: Place, raw: &str) -> Line {
    let cells = raw
        .split('\t')
        .enumerate()
        .map(|(i, t)| {
            #[allow(clippy::cast_precision_loss, reason = "a column index")]
            let x = i as f32;
            Cell {
                text: t.trim().to_owned(),
                x0: x,
                x1: x,
                parts: Vec::new(),
            }
        })
        .collect();
    Line {
        place,
        cells,
        tabbed: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_run_together_are_split() {
        let lines = from_text("III. Details**(A). Options** Not applicable**(B). Warrants**\n");
        let texts: Vec<String> = lines.iter().map(Line::joined).collect();
        assert_eq!(
            texts,
            [
                "III. Details",
                "(A). Options Not applicable",
                "(B). Warrants"
            ]
        );
        assert!(lines.iter().all(|l| l.place == Place::Line(1)));
    }

    #[test]
    fn tabs_make_cells_and_keep_empty_ones() {
        let lines = from_text("a\t\tb\r\n");
        assert_eq!(lines[0].cell(0), "a");
        assert_eq!(lines[0].cell(1), "");
        assert_eq!(lines[0].cell(2), "b");
        assert_eq!(lines[0].joined(), "a b");
    }
}
