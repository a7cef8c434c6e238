//! Operational errors: everything that goes wrong that is not a mistake in the user's return.
//! They exit with code 2; mistakes in a return are [`crate::diag::Diagnostics`] and exit with 1.

use std::path::PathBuf;

/// An operational failure, naming the file or template involved.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A template failed to compile or render.
    #[error("template {name}: {message}")]
    Template {
        /// The template's name.
        name: String,
        /// Tera's message, with its causes.
        message: String,
    },
    /// The PDF of a return could not be laid out or written.
    #[error("PDF from template {template}: {source}")]
    Pdf {
        /// The PDF template whose description failed.
        template: String,
        /// What failed, naming the character or element.
        source: crate::render::pdf::PdfError,
    },
    /// The command line asked for something that cannot be done.
    #[error("{0}")]
    Usage(String),
    /// The reader of standard output went away (a broken pipe, as in `hkret render r.yaml |
    /// head`): not a failure to report, the run just ends.
    #[error("standard output was closed by its reader")]
    ReaderGone,
}

impl Error {
    /// A template error with Tera's whole chain of causes, which carries the line and column.
    pub(crate) fn template(name: &str, error: &dyn std::error::Error) -> Self {
        let mut message = error.to_string();
        let mut cause = error.source();
        while let Some(c) = cause {
            message.push_str(": ");
            message.push_str(&c.to_string());
            cause = c.source();
        }
        Self::Template {
            name: name.to_owned(),
            message,
        }
    }

    /// An I/O error on `path`.
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            path: path.into(),
            source,
        }
    }
}
