//! Import: a return as the exchange publishes it (its PDF or its text) back to hkret's YAML.
//!
//! 1. `pdf` reads a PDF's text with its positions and the form's cell borders into lines of
//!    cells as the text form has them; a text return is split into lines of cells by `lines`.
//! 2. `read` reads the form from those lines, part by part, into a YAML tree, with a note
//!    for every piece it left out.
//! 3. `yaml` writes the tree.
//!
//! Nothing here touches files: [`crate::run`] reads the bytes and writes the YAML.

mod labels;
mod lines;
mod pdf;
mod read;
mod yaml;

use crate::diag::{Diagnostics, Loc, Reporter};
use read::Level;

/// A return read from a published source.
#[derive(Debug)]
pub struct Imported {
    /// hkret's YAML input for the return.
    pub yaml: String,
    /// The version of the layout recognised, as its descriptor names it.
    pub layout: &'static str,
    /// Warnings: every piece of the source left out or read with a doubt.
    pub warnings: Diagnostics,
}

/// What kind of source the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A PDF (`%PDF-`).
    Pdf,
    /// Text: a published text return.
    Text,
}

/// Recognises the layout of `lines` (see [`labels::recognise`]).
fn recognise_in(lines: &[lines::Line], printed: Option<&str>) -> Result<labels::Form, String> {
    let current = labels::Form::new(crate::layout::Layout::current());
    let month = read::month_of(lines, &current);
    labels::recognise(lines, printed, month)
}

/// What to say of a PDF that gives no text.
fn refusal(why: &pdf::extract::Refusal) -> (String, &'static str) {
    use pdf::extract::Refusal;
    match why {
        Refusal::Unreadable(e) => (
            format!("the PDF cannot be read ({e})"),
            "the file may be truncated or damaged: download the return again",
        ),
        Refusal::Encrypted => (
            "the PDF is encrypted".to_owned(),
            "hkret reads unencrypted PDFs, as the exchange publishes them",
        ),
        Refusal::Pages(n) => (
            format!(
                "the PDF has {n} pages; a monthly return has between 1 and {}",
                pdf::extract::MAX_PAGES
            ),
            "give the PDF of one monthly return",
        ),
    }
}

/// Tells a PDF from text by its first bytes.
pub fn kind(bytes: &[u8]) -> Kind {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        Kind::Pdf
    } else {
        Kind::Text
    }
}

/// Imports the return in `bytes` (named `name` in messages). `Err` holds the reasons no YAML
/// can be written: not a return, or a required figure that could not be read.
pub fn import(name: &str, bytes: &[u8]) -> Result<Imported, Diagnostics> {
    let fail = |message: String, hint: &str| {
        let mut r = Reporter::new(name);
        r.error(Loc::default(), "", message).hint(hint);
        r.finish()
    };
    let recognise = |lines: &[lines::Line], printed: Option<&str>| {
        recognise_in(lines, printed).map_err(|m| {
            fail(
                m,
                "hkret imports the monthly return FF301 in the layouts of templates/layouts.yaml",
            )
        })
    };
    let (lines, printed) = match kind(bytes) {
        Kind::Pdf => {
            let pages = pdf::extract::read(bytes).map_err(|why| {
                let (message, hint) = refusal(&why);
                fail(message, hint)
            })?;
            let lines = pdf::lines(&pages);
            if lines.is_empty() {
                return Err(fail(
                    "the PDF has no text: it may be scanned pages (images)".to_owned(),
                    "hkret reads the text of the exchange's e-form PDF; a scanned return must be typed in",
                ));
            }
            let form = recognise(&lines, None)?;
            let (lines, printed) = pdf::normalise(lines, &form);
            (lines, printed)
        }
        Kind::Text => match std::str::from_utf8(bytes) {
            Ok(text) => (
                lines::from_text(text.strip_prefix('\u{feff}').unwrap_or(text)),
                None,
            ),
            Err(e) => {
                return Err(fail(
                    format!("the file is neither a PDF nor UTF-8 text ({e})"),
                    "give a return as the exchange publishes it: its PDF, or its text",
                ));
            }
        },
    };
    let form = recognise(&lines, printed.as_deref())?;
    let done = read::read(&lines, &form, printed.as_deref());
    let mut r = Reporter::new(name);
    for note in &done.notes {
        let (loc, at) = match note.place {
            lines::Place::Line(l) => (Loc::new(l, 1), String::new()),
            lines::Place::Page(p) => (Loc::default(), format!("page {p}: ")),
        };
        let message = if note.text.is_empty() {
            format!("{at}{}", note.message)
        } else {
            format!("{at}{} (found: \"{}\")", note.message, note.text)
        };
        match note.level {
            Level::Error => {
                r.error(loc, "", message);
            }
            Level::Warning => {
                r.warning(loc, "", message);
            }
        }
    }
    let problems = r.finish();
    if problems.has_errors() {
        return Err(problems);
    }
    let header = [
        format!("Imported by hkret from {name} (layout {}).", done.version),
        "Figures are as printed; `hkret validate` checks their arithmetic.".to_owned(),
    ];
    Ok(Imported {
        yaml: yaml::write(&header, &done.root),
        layout: done.version,
        warnings: problems,
    })
}
