//! The one error type of the PDF renderer. Each variant names what failed and where, so
//! that `run` can report it without knowing the renderer's internals.

/// Everything that can go wrong turning a description into PDF bytes.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The description (template output) is not well formed or uses an unknown element,
    /// attribute or value.
    #[error("PDF description, line {line}: {message}")]
    Description {
        /// 1-based line in the description text.
        line: u32,
        /// What is wrong.
        message: String,
    },
    /// No embedded font has a glyph for a character of the text.
    #[error(
        "no font has a glyph for {ch:?} (U+{code:04X}) in {text:?} (PDF description, line {line})",
        code = u32::from(*ch)
    )]
    MissingGlyph {
        /// The character.
        ch: char,
        /// The text it occurs in.
        text: String,
        /// Line of the description where that text is.
        line: u32,
    },
    /// Something cannot be laid out at all, e.g. columns wider than the page.
    #[error("PDF layout, line {line}: {message}")]
    Layout {
        /// Line of the description of the offending element.
        line: u32,
        /// What does not fit.
        message: String,
    },
    /// An embedded font could not be read.
    #[error("embedded font {0} could not be read")]
    Font(&'static str),
    /// The PDF library refused the document (e.g. a PDF/A rule would be broken).
    #[error("writing the PDF failed: {0}")]
    Write(String),
}
