//! Import: a return as the exchange publishes it (its PDF or its text) back to hkret's YAML.
//!
//! 1. A text return is split into lines of cells by `lines` (a PDF is refused for now).
//! 2. `read` reads the form from those lines, part by part, into a YAML tree, with a note
//!    for every piece it left out.
//! 3. `yaml` writes the tree.
//!
//! Nothing here touches files: [`crate::run`] reads the bytes and writes the YAML.

mod labels;
mod lines;
mod read;
mod yaml;

use crate::diag::{Diagnostics, Loc, Reporter};
use read::Level;

/// A return read from a published source.
#[derive(Debug)]
pub struct Imported {
    /// hkret's YAML input for the return.
    pub yaml: String,
    /// The layout recognised ("1.2.0", "1.0.1").
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
    let lines = match kind(bytes) {
        Kind::Pdf => {
            return Err(fail(
                "reading PDFs is not available in this build".to_owned(),
                "import the published text return instead",
            ));
        }
        Kind::Text => match std::str::from_utf8(bytes) {
            Ok(text) => lines::from_text(text.strip_prefix('\u{feff}').unwrap_or(text)),
            Err(e) => {
                return Err(fail(
                    format!("the file is neither a PDF nor UTF-8 text ({e})"),
                    "give a return as the exchange publishes it: its PDF, or its text",
                ));
            }
        },
    };
    let done = read::read(&lines, None).map_err(|m| {
        fail(
            m,
            "hkret imports the monthly return FF301 in the layouts of templates/layouts.yaml",
        )
    })?;
    let mut r = Reporter::new(name);
    for note in &done.notes {
        let lines::Place::Line(l) = note.place;
        let (loc, at) = (Loc::new(l, 1), "");
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
