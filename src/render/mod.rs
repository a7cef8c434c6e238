//! Stage 3: a valid filing to bytes. Pure: no file system, no clock, no terminal.

pub(crate) mod format;
pub mod labels;
pub mod pdf;
pub mod templates;
pub mod text;
pub mod view;

use crate::error::Error;
use crate::model::{Filing, Lang};
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
    render_text_in(filing, templates, Lang::En)
}

/// Renders a filing as text in `lang`: the form's wording in that language, and each typed text
/// in it (in Chinese, the `_zh` text, or the English one where none is given: callers check
/// beforehand with [`crate::validate::chinese::missing_chinese`] whether that is wanted).
///
/// # Errors
/// [`Error::Template`] when a template fails; [`Error::Usage`] when the language has no wording
/// for the return's layout.
pub fn render_text_in(filing: &Filing, templates: &Templates, lang: Lang) -> Result<String, Error> {
    let wording = templates.wording(filing.layout, lang.tag())?;
    text::text(&view::view_in(filing, &wording), templates)
}

/// How many of the labels the return prints in `lang` were not read verbatim on a real return
/// of that language (see `templates/labels/`): what `render` warns about.
///
/// # Errors
/// As [`render_text_in`].
pub fn unread_labels(filing: &Filing, templates: &Templates, lang: Lang) -> Result<usize, Error> {
    let printed = render_text_in(filing, templates, lang)?;
    templates.unread_labels(filing.layout, lang.tag(), &printed)
}
