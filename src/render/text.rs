//! Text rendering: the view merged into the layout's Tera template.

use tera::Context;

use crate::error::Error;
use crate::render::templates::Templates;
use crate::render::view::FormView;

/// Renders `view` with the text template of its layout.
///
/// # Errors
/// [`Error::Template`] when a template (typically a user's override) fails to render.
pub fn text(view: &FormView, templates: &Templates) -> Result<String, Error> {
    let name = format!("{}/form.txt.tera", view.layout.templates);
    let context = Context::from_serialize(view).map_err(|e| Error::template(&name, &e))?;
    templates.render(&name, &context)
}
