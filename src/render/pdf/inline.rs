//! Inline content of a paragraph or cell: text, `<b>` spans and `<br/>` breaks, with
//! whitespace collapsed as in HTML (runs of spaces, tabs and newlines become one space, no-break spaces stay,
//! none at the start or end of a line). Part of the description parser: read straight from the
//! XML reader, collapsed as each text arrives.

use crate::render::pdf::doc::Inline;
use crate::render::pdf::error::PdfError;
use crate::render::pdf::parse::xml::{Event, Reader, Tag};

/// The inline content of the element just opened, read to its end, with `bold` as the weight
/// of plain text.
///
/// # Errors
/// [`PdfError::Description`] for an element other than `<b>`, `<r>` or `<br/>`, or malformed XML.
pub(crate) fn inlines(r: &mut Reader<'_>, bold: bool) -> Result<Vec<Inline>, PdfError> {
    let mut runs = Runs::new();
    collect(r, bold, &mut runs)?;
    Ok(runs.finish())
}

/// What a cell holds, as read.
pub(crate) enum CellContent<'a> {
    /// Its first `<check>` child, which makes it a check box whatever else it holds.
    Check(Tag<'a>),
    /// Its text, or the first element in it that text may not hold.
    Text(Result<Vec<Inline>, PdfError>),
}

/// The content of the cell just opened, read to its end.
///
/// # Errors
/// [`PdfError::Description`] for malformed XML only: an element that text may not hold is an
/// error only if the cell has no `<check>`, so it comes back in [`CellContent::Text`].
pub(crate) fn cell_content<'a>(
    r: &mut Reader<'a>,
    bold: bool,
) -> Result<CellContent<'a>, PdfError> {
    let depth = r.depth();
    let mut runs = Runs::new();
    let mut refused = None;
    loop {
        match r.next()? {
            Event::Text(text, line) => runs.text(&text, bold, line),
            Event::Open(tag) if tag.name == "check" => {
                r.skip_to(depth - 1)?;
                return Ok(CellContent::Check(tag));
            }
            Event::Open(_) if refused.is_some() => r.skip()?,
            Event::Open(tag) => {
                if let Err(e) = element(r, &tag, &mut runs) {
                    if r.failed() {
                        return Err(e);
                    }
                    refused = Some(e);
                    r.skip_to(depth)?;
                }
                r.recycle(tag);
            }
            Event::Other => {}
            Event::Close => break,
        }
    }
    Ok(CellContent::Text(match refused {
        Some(e) => Err(e),
        None => Ok(runs.finish()),
    }))
}

/// Reads the rest of the open element into `runs`.
fn collect(r: &mut Reader<'_>, bold: bool, runs: &mut Runs) -> Result<(), PdfError> {
    loop {
        match r.next()? {
            Event::Text(text, line) => runs.text(&text, bold, line),
            Event::Open(tag) => {
                element(r, &tag, runs)?;
                r.recycle(tag);
            }
            Event::Other => {}
            Event::Close => return Ok(()),
        }
    }
}

/// Reads the element `tag` (just opened) of a text into `runs`.
fn element(r: &mut Reader<'_>, tag: &Tag<'_>, runs: &mut Runs) -> Result<(), PdfError> {
    match tag.name {
        "b" => collect(r, true, runs),
        "r" => collect(r, false, runs),
        "br" => {
            runs.push_break();
            r.skip()
        }
        other => Err(PdfError::Description {
            line: tag.line,
            message: format!("unexpected <{other}> in text: use <b>, <r> or <br/>"),
        }),
    }
}

/// Whether `b` is XML whitespace (a no-break space is not: it is kept as printed).
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Inline pieces with whitespace collapsed as they come.
struct Runs {
    /// The pieces so far.
    out: Vec<Inline>,
    /// Whether the pieces so far end at a line start or with a space.
    at_gap: bool,
}

impl Runs {
    /// No pieces yet.
    fn new() -> Self {
        Self {
            out: Vec::new(),
            at_gap: true,
        }
    }

    /// Adds a text, collapsing its whitespace; nothing if it collapses to nothing.
    fn text(&mut self, text: &str, bold: bool, line: u32) {
        let bytes = text.as_bytes();
        let n = bytes.len();
        // Plain bytes before the first that collapsing could change: a tab, line end or
        // second space in a row, or a space where the pieces so far end with one.
        let mut i = 0;
        let mut gap = self.at_gap;
        while i < n {
            let b = bytes[i];
            if b <= b' ' && is_space(b) {
                if b != b' ' || gap {
                    break;
                }
                gap = true;
            } else {
                gap = false;
            }
            i += 1;
        }
        if i == n {
            // Nothing to collapse (the templates' cell texts): the text as it is.
            if n > 0 {
                self.at_gap = gap;
                self.out.push(Inline::Text {
                    text: text.to_owned(),
                    bold,
                    line,
                });
            }
            return;
        }
        let mut s = String::with_capacity(n);
        s.push_str(&text[..i]);
        // From `i`: one space for each run of whitespace, none where there was a gap already.
        while i < n {
            if is_space(bytes[i]) {
                while i < n && is_space(bytes[i]) {
                    i += 1;
                }
                if !gap {
                    s.push(' ');
                    gap = true;
                }
            } else {
                let start = i;
                while i < n && !is_space(bytes[i]) {
                    i += 1;
                }
                s.push_str(&text[start..i]);
                gap = false;
            }
        }
        self.at_gap = gap;
        if !s.is_empty() {
            self.out.push(Inline::Text {
                text: s,
                bold,
                line,
            });
        }
    }

    /// Adds a forced line break.
    fn push_break(&mut self) {
        self.trim_end();
        self.out.push(Inline::Break);
        self.at_gap = true;
    }

    /// The pieces, without a space at the end.
    fn finish(mut self) -> Vec<Inline> {
        self.trim_end();
        self.out
    }

    /// Removes a trailing space from the last text piece (and the piece if it empties).
    fn trim_end(&mut self) {
        if let Some(Inline::Text { text, .. }) = self.out.last_mut() {
            if text.ends_with(' ') {
                text.pop();
            }
            if text.is_empty() {
                self.out.pop();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::inlines;
    use crate::render::pdf::doc::Inline;
    use crate::render::pdf::parse::xml::Reader;

    fn parse(src: &str) -> Vec<Inline> {
        let mut r = Reader::new(src);
        r.root().expect("root");
        inlines(&mut r, false).expect("inlines")
    }

    fn text(t: &str, bold: bool) -> Inline {
        Inline::Text {
            text: t.into(),
            bold,
            line: 1,
        }
    }

    #[test]
    fn collapses_whitespace_between_styled_runs() {
        assert_eq!(
            parse("<p>  (A).\t  <b> Share  Options </b> Not applicable  </p>"),
            vec![
                text("(A). ", false),
                text("Share Options ", true),
                text("Not applicable", false)
            ]
        );
    }

    #[test]
    fn breaks_trim_the_line_end() {
        assert_eq!(
            parse("<p>one <br/> two</p>"),
            vec![text("one", false), Inline::Break, text("two", false)]
        );
    }
}
