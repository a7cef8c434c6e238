//! The return as a PDF: the view merged into the layout's `form.pdf.tera` template gives a
//! description, which the engine lays out and writes as PDF/A with the return's metadata.
//!
//! Stage 3 (render): pure. The date is the return's own (date submitted) unless the caller
//! passes one (from `SOURCE_DATE_EPOCH`), so the bytes never depend on the clock.

use tera::Context;

use crate::error::Error;
use crate::model::{Filing, Lang};
use crate::render::pdf::{Attachment, PdfMeta, PdfOptions, PdfaLevel, pdf};
use crate::render::templates::Templates;
use crate::render::view::{FormView, view_in};

/// How to render the PDF of a return.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PdfRender {
    /// PDF/A level.
    pub pdfa: PdfaLevel,
    /// Document date (UTC); the return's date submitted when `None`.
    pub date: Option<chrono::NaiveDateTime>,
    /// The YAML source, embedded with PDF/A-3b.
    pub source: Option<Attachment>,
    /// The language of the return.
    pub lang: Lang,
}

/// The PDF description of `view`: its layout's `form.pdf.tera` rendered.
///
/// # Errors
/// [`Error::Template`] when the template fails.
pub fn description(view: &FormView, templates: &Templates) -> Result<String, Error> {
    let name = template(view);
    templates.render(&name, view.wording, &view.context(&name)?)
}

/// The PDF template of the view's layout.
fn template(view: &FormView) -> String {
    format!("{}/form.pdf.tera", view.layout.templates)
}

/// The label `id` of the view's wording; empty when the label file lacks it.
fn label<'v>(view: &'v FormView, id: &str) -> &'v str {
    view.labels.get(id).map_or("", String::as_str)
}

/// The metadata of a return's PDF: title as `HKEXnews` heads it, the issuer as author, the stock
/// codes as keywords.
pub fn meta(filing: &Filing, view: &FormView, opts: &PdfRender) -> PdfMeta {
    let mut keywords = vec!["FF301".to_owned(), "Monthly Return".to_owned()];
    keywords.extend(view.stock_codes.iter().cloned());
    PdfMeta {
        title: label(view, "meta_title").replace("{month}", &view.month_ended),
        author: view.issuer_name.clone(),
        subject: Some(label(view, "meta_subject").replace("{version}", &view.version)),
        keywords,
        language: opts.lang.tag().to_owned(),
        date: opts
            .date
            .unwrap_or_else(|| filing.date_submitted.date.and_time(chrono::NaiveTime::MIN)),
        source: opts.source.clone(),
    }
}

/// Renders a valid filing as a PDF/A document.
///
/// # Errors
/// [`Error::Template`] when the template fails, [`Error::Pdf`] when the description cannot be
/// laid out or written (for instance a character that no embedded font has).
pub fn render_pdf(
    filing: &Filing,
    templates: &Templates,
    opts: &PdfRender,
) -> Result<Vec<u8>, Error> {
    let v = view_in(
        filing,
        &*templates.pdf_wording(filing.layout, opts.lang.tag())?,
    );
    let desc = description(&v, templates)?;
    laid_out(filing, &v, &desc, opts)
}

/// As [`render_pdf`], with the PDF's view `view` already made into the templates' `context`.
///
/// # Errors
/// As [`render_pdf`].
pub(crate) fn render_pdf_with(
    filing: &Filing,
    view: &FormView,
    context: &Context,
    templates: &Templates,
    opts: &PdfRender,
) -> Result<Vec<u8>, Error> {
    let desc = templates.render(&template(view), view.wording, context)?;
    laid_out(filing, view, &desc, opts)
}

/// The PDF of the description `desc` of `view`.
fn laid_out(
    filing: &Filing,
    view: &FormView,
    desc: &str,
    opts: &PdfRender,
) -> Result<Vec<u8>, Error> {
    pdf(
        desc,
        &meta(filing, view, opts),
        &PdfOptions { pdfa: opts.pdfa },
    )
    .map_err(|source| Error::Pdf {
        template: template(view),
        source,
    })
}
