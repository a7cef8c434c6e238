//! Text rendering: the view merged into the layout's Tera template.

use tera::Context;

use crate::error::Error;
use crate::render::templates::Templates;
use crate::render::view::FormView;

/// Renders `view` with the text template of its layout, ending as a published return does.
///
/// # Errors
/// [`Error::Template`] when a template (typically a user's override) fails to render.
pub fn text(view: &FormView, templates: &Templates) -> Result<String, Error> {
    text_with(view, &view.context(&template(view))?, templates)
}

/// As [`text`], with `view` already made into the templates' `context`.
pub(crate) fn text_with(
    view: &FormView,
    context: &Context,
    templates: &Templates,
) -> Result<String, Error> {
    let mut text = templates.render(&template(view), view.wording, context)?;
    end_as_published(&mut text);
    Ok(text)
}

/// The text template of the view's layout.
pub(crate) fn template(view: &FormView) -> String {
    format!("{}/form.txt.tera", view.layout.templates)
}

/// A return published as text ends with its last line: no newline after it (the seed's
/// published return, `tests/fixtures/reference/`, ends so), and hkret's text is byte for byte
/// what the exchange publishes. Whatever line ends a template leaves are taken off.
fn end_as_published(text: &mut String) {
    let kept = text.trim_end_matches(['\n', '\r']).len();
    text.truncate(kept);
}

#[cfg(test)]
mod tests {
    use super::end_as_published;

    #[test]
    fn the_text_ends_with_its_last_line() {
        for (rendered, published) in [
            ("Remarks:\n - a\n", "Remarks:\n - a"),
            ("Remarks:\n - a\n\n\r\n", "Remarks:\n - a"),
            ("Remarks:\n - a", "Remarks:\n - a"),
            ("", ""),
        ] {
            let mut text = rendered.to_owned();
            end_as_published(&mut text);
            assert_eq!(text, published);
        }
    }
}
