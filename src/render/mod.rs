//! Stage 3: a valid filing to bytes. Pure: no file system, no clock, no terminal.

pub(crate) mod format;
pub mod labels;
pub mod pdf;
pub mod templates;
pub mod text;
pub mod view;

use crate::error::Error;
use crate::model::Filing;
use templates::Templates;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The return as text, in the published return's text form.
    Text,
    /// The return as an archival PDF.
    Pdf,
}

/// Renders a filing as text.
///
/// # Errors
/// [`Error::Template`] when a template fails.
pub fn render_text(filing: &Filing, templates: &Templates) -> Result<String, Error> {
    let wording = templates.wording(filing.layout, "en")?;
    text::text(&view::view_in(filing, &wording), templates)
}
