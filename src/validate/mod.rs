//! Stage 2: a YAML tree to a valid [`Filing`], or every problem found.
//!
//! Phase 1 reads every field and records every failure (modules `read`, `filing`, `tables`).
//! Phase 2 runs the form's rules (module `rules`). When phase 1 found problems but the return could
//! still be put together, the rules run all the same and only their findings about what failed are
//! set aside (module `partial`), so one typo neither hides the other mistakes nor sets off a
//! cascade of arithmetic errors.
#![deny(clippy::float_arithmetic)]

pub mod chinese;
mod convert;
pub(crate) mod currency;
mod cut_figures;
mod filing;
mod partial;
mod parts_iv_v;
pub(crate) mod read;
pub(crate) mod rules;
mod spelling;
mod tables;
mod version;

#[cfg(test)]
mod mutation_tests;

use crate::diag::{Diagnostics, Reporter};
use crate::input::tree::{Node, parse_stream};
use crate::input::{Source, text};
use crate::model::Filing;
use read::Reader;

/// A filing that passed, with any warnings.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The valid filing.
    pub filing: Filing,
    /// Warnings that do not stop rendering.
    pub warnings: Diagnostics,
}

/// Builds a filing from one YAML document of `file`.
fn build_document(root: &Node, file: &str) -> Result<Checked, Diagnostics> {
    let mut reader = Reader {
        report: Reporter::new(file),
    };
    let filing = reader.filing(root);
    let mut report = reader.report;
    match filing {
        Some(f) if !report.has_errors() => {
            rules::check(&f, &mut report);
            let found = report.finish();
            if found.has_errors() {
                Err(found)
            } else {
                Ok(Checked {
                    filing: f,
                    warnings: found,
                })
            }
        }
        Some(f) => {
            let mut found = report.finish();
            let more = partial::rules_on_what_was_read(&f, &found, file);
            found.extend(more);
            Err(found)
        }
        None => Err(report.finish()),
    }
}

/// Reads, checks and builds every document of a source (a file may hold several returns
/// separated by `---`).
///
/// # Errors
/// Returns the diagnostics of a source that cannot be read at all; per-document failures are
/// in the returned vector.
pub fn build_all(source: &Source) -> Result<Vec<Result<Checked, Diagnostics>>, Diagnostics> {
    let text = text(source)?;
    let mut report = Reporter::new(&source.name);
    let Some(documents) = parse_stream(text, &mut report) else {
        return Err(report.finish());
    };
    if documents.is_empty() {
        report
            .error(
                crate::diag::Loc::new(1, 1),
                "",
                "the file holds no YAML document",
            )
            .hint("start from `hkret init`, or from one of the examples");
        return Err(report.finish());
    }
    Ok(documents
        .iter()
        .map(|d| build_document(d, &source.name))
        .collect())
}

/// Reads, checks and builds a source holding exactly one return.
///
/// # Errors
/// Every problem found, errors and warnings, sorted by location.
pub fn build(source: &Source) -> Result<Checked, Diagnostics> {
    let mut all = build_all(source)?;
    if all.len() > 1 {
        let mut report = Reporter::new(&source.name);
        report
            .error(
                crate::diag::Loc::new(1, 1),
                "",
                format!(
                    "the file holds {} returns; this command takes one",
                    all.len()
                ),
            )
            .hint("use `hkret bulk` for a stream of returns");
        return Err(report.finish());
    }
    all.pop().unwrap_or_else(|| Err(Diagnostics::new()))
}

/// The filing of `text`, a return that must be valid: for tests, which fail with its diagnostics
/// otherwise.
#[cfg(test)]
pub(crate) fn valid(text: &str) -> Filing {
    build(&Source {
        name: "test.yaml".into(),
        bytes: text.as_bytes().to_vec(),
    })
    .unwrap_or_else(|d| panic!("{d}"))
    .filing
}
