//! The template set: the built-in templates embedded in the binary, each replaceable by a file
//! of the same name from a user's directory (read by `run`, handed over here as text).
//!
//! Templates are data, not code: Tera is built without file-system access, so a template can
//! reach nothing but the view it is given.

use tera::Tera;

use crate::error::Error;

/// The templates embedded in the binary, by name (`<layout>/<file>`).
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "1.0.1/form.txt.tera",
        include_str!("../../templates/1.0.1/form.txt.tera"),
    ),
    (
        "1.2.0/form.txt.tera",
        include_str!("../../templates/1.2.0/form.txt.tera"),
    ),
    (
        "init.yaml.tera",
        include_str!("../../templates/init.yaml.tera"),
    ),
    (
        "1.0.1/form.pdf.tera",
        include_str!("../../templates/1.0.1/form.pdf.tera"),
    ),
    (
        "1.0.1/part-iii.pdf.tera",
        include_str!("../../templates/1.0.1/part-iii.pdf.tera"),
    ),
    (
        "1.0.1/parts-iv-v.pdf.tera",
        include_str!("../../templates/1.0.1/parts-iv-v.pdf.tera"),
    ),
    (
        "1.0.1/class-iii.pdf.tera",
        include_str!("../../templates/1.0.1/class-iii.pdf.tera"),
    ),
    (
        "1.0.1/remarks.pdf.tera",
        include_str!("../../templates/1.0.1/remarks.pdf.tera"),
    ),
    (
        "1.2.0/form.pdf.tera",
        include_str!("../../templates/1.2.0/form.pdf.tera"),
    ),
    (
        "1.2.0/part-iii.pdf.tera",
        include_str!("../../templates/1.2.0/part-iii.pdf.tera"),
    ),
    (
        "1.2.0/parts-iv-v.pdf.tera",
        include_str!("../../templates/1.2.0/parts-iv-v.pdf.tera"),
    ),
    (
        "1.2.0/class-iii.pdf.tera",
        include_str!("../../templates/1.2.0/class-iii.pdf.tera"),
    ),
    (
        "1.2.0/remarks.pdf.tera",
        include_str!("../../templates/1.2.0/remarks.pdf.tera"),
    ),
];

/// A compiled template set, shared by every document of a run.
#[derive(Debug)]
pub struct Templates {
    tera: Tera,
}

impl Templates {
    /// The built-in templates, with `overrides` (name, source) replacing those of the same name
    /// or adding new ones.
    ///
    /// # Errors
    /// [`Error::Template`] naming the template whose syntax is wrong, with its line and column.
    pub fn new(overrides: &[(String, String)]) -> Result<Self, Error> {
        let mut tera = Tera::new();
        tera.autoescape_on(Vec::<&'static str>::new());
        crate::render::pdf::register_filters(&mut tera);
        // All at once, so that templates may include one another whatever their order.
        let mut all: Vec<(String, String)> = BUILT_IN
            .iter()
            .filter(|(name, _)| !overrides.iter().any(|(n, _)| n == name))
            .map(|(name, source)| ((*name).to_owned(), (*source).to_owned()))
            .collect();
        all.extend(overrides.iter().cloned());
        tera.add_raw_templates(all)
            .map_err(|e| Error::template("templates", &e))?;
        Ok(Self { tera })
    }

    /// The built-in templates alone.
    ///
    /// # Errors
    /// Only if a built-in template is broken, which the tests rule out.
    pub fn built_in() -> Result<Self, Error> {
        Self::new(&[])
    }

    /// The compiled set.
    pub(crate) fn tera(&self) -> &Tera {
        &self.tera
    }
}
