//! The PDF renderer: a description (the XML a `*.pdf.tera` template emitted, format in
//! `templates/README.md`) → typed tree (`parse`) → pages of placed items (`layout`,
//! `table`, `check`, `wrap`, `text`, `fonts`) → PDF/A bytes (`write`).
//!
//! Stage 3 (render): pure, no file system, no clock. Layout is plain data that tests can
//! inspect and dump; only `write` knows about PDF.

mod check;
mod doc;
mod error;
mod escape;
mod filters;
mod fonts;
mod form;
mod inline;
mod layout;
mod lines;
mod meta;
mod page;
mod parse;
mod quick;
mod recurring;
mod sections;
mod table;
mod text;
mod wrap;
mod write;

#[cfg(test)]
mod tests;

pub use error::PdfError;
#[cfg(test)]
pub(crate) use escape::escape;
pub use filters::set_up;
pub use fonts::{FontId, cjk_loaded};
pub(crate) use form::render_pdf_with;
pub use form::{PdfRender, description, meta, render_pdf};
pub use meta::{Attachment, PdfMeta, PdfOptions, PdfaLevel};
pub use page::{Item, Page, Rect, dump};

/// Lays out a description without writing it: the pages and everything placed on them.
///
/// # Errors
/// [`PdfError::Description`] for a malformed description, [`PdfError::MissingGlyph`] for a
/// character no embedded font has, [`PdfError::Layout`] for content that cannot be placed.
pub fn layout(description: &str) -> Result<Vec<Page>, PdfError> {
    layout::layout(parse::parse(description)?)
}

/// Renders a description to PDF/A bytes. Same input, same bytes, on any machine.
///
/// # Errors
/// As [`layout`], plus [`PdfError::Write`] if the PDF library refuses the document.
pub fn pdf(description: &str, meta: &PdfMeta, opts: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    write::write(&layout(description)?, meta, opts)
}
