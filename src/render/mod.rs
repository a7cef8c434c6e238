//! Stage 3: a valid filing to bytes. Pure: no file system, no clock, no terminal.

pub(crate) mod format;
pub mod labels;
pub mod pdf;
pub mod templates;
pub mod text;
pub mod view;

use crate::error::Error;
use crate::model::{Filing, Lang};
use pdf::{PdfRender, render_pdf};
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

/// A filing as text and as PDF, in the PDF's language (`pdf.lang`), as `bulk` renders both: each
/// the same bytes as [`render_text_in`] and [`render_pdf`] give, but from one view handed to the
/// templates once, where the text's and the PDF's wordings print the view alike
/// ([`view::view_for_both`]); the PDF's template gets its own labels. Building and handing over
/// the view twice cost 1.6% of a bulk run's instructions (300 returns as text and PDF, one job:
/// 2,277 million against 2,240 million, callgrind).
pub fn render_both(
    filing: &Filing,
    templates: &Templates,
    pdf: &PdfRender,
) -> (Result<String, Error>, Result<Vec<u8>, Error>) {
    let alone = || {
        (
            render_text_in(filing, templates, pdf.lang),
            render_pdf(filing, templates, pdf),
        )
    };
    let tag = pdf.lang.tag();
    let shared = templates.wording(filing.layout, tag).and_then(|text| {
        let pdf_wording = templates.pdf_wording(filing.layout, tag)?;
        Ok(view::view_for_both(filing, &text, &pdf_wording).map(|v| (v, pdf_wording)))
    });
    // Where the wordings differ in the view's own cells, or a wording or the view's context
    // fails (which each format rendered alone says), each is rendered alone.
    let Ok(Some((view, pdf_wording))) = shared else {
        return alone();
    };
    let Ok(mut context) = view.context(&text::template(&view)) else {
        return alone();
    };
    let text = text::text_with(&view, &context, templates);
    context.insert_value("labels", pdf_wording.template_value.clone());
    let view = view.worded(&pdf_wording);
    (
        text,
        pdf::render_pdf_with(filing, &view, &context, templates, pdf),
    )
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::{render_both, render_text_in};
    use crate::model::Lang;
    use crate::render::pdf::{PdfRender, PdfaLevel, render_pdf};
    use crate::render::templates::Templates;
    use crate::render::view::{view_for_both, view_in};
    use crate::validate::valid as filing;

    /// Returns of three layouts (1.0.1, 1.0.2, 1.2.0), with and without Chinese texts, Part III
    /// tables and treasury shares.
    const RETURNS: [&str; 4] = [
        include_str!("../../examples/ff301-2026-01-moon-inc.yaml"),
        include_str!("../../examples/ff301-2022-11-qingdao-ainnovation.yaml"),
        include_str!("../../tests/fixtures/valid-1.2.0-every-table-zh/input.yaml"),
        include_str!("../../tests/fixtures/valid-1.0.2-every-table/input.yaml"),
    ];

    #[test]
    fn both_formats_from_one_view_are_the_bytes_of_each_rendered_alone() {
        let templates = Templates::built_in().expect("built-in templates");
        let (mut pairs, mut shared) = (0, 0);
        for text in RETURNS {
            let f = filing(text);
            for lang in [Lang::En, Lang::Zh] {
                if templates.check_wording(f.layout, lang.tag()).is_err() {
                    continue;
                }
                for pdfa in [PdfaLevel::A1b, PdfaLevel::A3b] {
                    let pdf = PdfRender {
                        lang,
                        pdfa,
                        ..PdfRender::default()
                    };
                    let (both_text, both_pdf) = render_both(&f, &templates, &pdf);
                    let alone_text = render_text_in(&f, &templates, lang).expect("text");
                    let alone_pdf = render_pdf(&f, &templates, &pdf).expect("PDF");
                    assert_eq!(both_text.expect("text"), alone_text, "{lang:?}");
                    assert!(both_pdf.expect("PDF") == alone_pdf, "{lang:?} {pdfa:?}");
                }
                let wording = templates.wording(f.layout, lang.tag()).expect("wording");
                let pdf_wording = templates
                    .pdf_wording(f.layout, lang.tag())
                    .expect("wording");
                pairs += 1;
                shared += usize::from(view_for_both(&f, &wording, &pdf_wording).is_some());
            }
        }
        // The built-in wordings print every view alike: each return in each language shared
        // its view (Moon's PDF notes are worded apart from its text's all the same).
        assert!(
            pairs > RETURNS.len() && shared == pairs,
            "{shared} of {pairs}"
        );
    }

    #[test]
    fn a_view_is_not_shared_when_the_pdf_words_one_of_its_cells_differently() {
        let templates = Templates::built_in().expect("built-in templates");
        let f = filing(RETURNS[0]);
        let text = templates.wording(f.layout, "en").expect("wording");
        let mut pdf = (*templates.pdf_wording(f.layout, "en").expect("wording")).clone();
        assert!(view_for_both(&f, &text, &pdf).is_some());
        // A label the form's notes print, not the view: still shared.
        Arc::make_mut(&mut pdf.labels).insert("note_identical".into(), "Other words".into());
        assert!(view_for_both(&f, &text, &pdf).is_some());
        // The class of shares, which the view prints in every class's header: not shared.
        Arc::make_mut(&mut pdf.labels).insert("val_class_ordinary".into(), "Ordinary".into());
        assert!(view_for_both(&f, &text, &pdf).is_none());
        // The view of each wording alone still prints its own.
        let own = view_in(&f, &pdf);
        assert_eq!(own.part_ii[0].header.class_of_shares, "Ordinary");
    }
}
