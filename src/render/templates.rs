//! The template set: every file of `templates/` embedded in the binary (Tera templates and label
//! files), each replaceable by a file of the same name from a user's directory (read by `run`,
//! handed over here as text).
//!
//! Templates are data, not code: Tera is built without file-system access, so a template can
//! reach nothing but the view it is given.

use std::collections::BTreeMap;

use tera::Tera;

use crate::assets::BUILT_IN;
use crate::error::Error;
use crate::layout::Layout;
use crate::render::labels::{LabelFile, Wording};

/// A compiled template set with its label files, shared by every document of a run.
#[derive(Debug)]
pub struct Templates {
    tera: Tera,
    /// Label files by language tag (`en` from `labels/en.yaml`).
    labels: BTreeMap<String, LabelFile>,
}

impl Templates {
    /// The built-in templates, with `overrides` (name, source) replacing those of the same name
    /// or adding new ones.
    ///
    /// # Errors
    /// [`Error::Template`] naming the template whose syntax is wrong, with its line and column,
    /// or the label file that does not read.
    pub fn new(overrides: &[(String, String)]) -> Result<Self, Error> {
        let mut tera = Tera::new();
        tera.autoescape_on(Vec::<&'static str>::new());
        crate::render::pdf::register_filters(&mut tera);
        let mut all: BTreeMap<String, String> = BUILT_IN
            .iter()
            .map(|(name, source)| ((*name).to_owned(), (*source).to_owned()))
            .collect();
        all.extend(overrides.iter().cloned());
        let mut labels = BTreeMap::new();
        let mut templates = Vec::new();
        for (name, source) in all {
            if let Some(tag) = name
                .strip_prefix("labels/")
                .and_then(|n| n.strip_suffix(".yaml"))
            {
                let file = LabelFile::parse(&source).map_err(|message| Error::Template {
                    name: name.clone(),
                    message,
                })?;
                labels.insert(tag.to_owned(), file);
            } else if name.ends_with(".tera") {
                templates.push((name, source));
            }
        }
        // All at once, so that templates may include and extend one another in any order.
        tera.add_raw_templates(templates)
            .map_err(|e| Error::template("templates", &e))?;
        Ok(Self { tera, labels })
    }

    /// The built-in templates alone.
    ///
    /// # Errors
    /// Only if a built-in template is broken, which the tests rule out.
    pub fn built_in() -> Result<Self, Error> {
        Self::new(&[])
    }

    /// The labels of `layout` in the language `tag`.
    ///
    /// # Errors
    /// [`Error::Usage`] when there is no label file for the language.
    pub fn wording(&self, layout: Layout, tag: &str) -> Result<Wording, Error> {
        let file = self.label_file(layout, tag)?;
        Ok(file.resolve(layout))
    }

    /// How many labels of `layout` in the language `tag` that `printed` shows were not read
    /// verbatim on a real return (inferred, or from the Listing Rules or a summary).
    ///
    /// # Errors
    /// As [`Templates::wording`].
    pub fn unread_labels(&self, layout: Layout, tag: &str, printed: &str) -> Result<usize, Error> {
        Ok(self
            .label_file(layout, tag)?
            .unread_in(layout, printed)
            .len())
    }

    /// The label file of `tag`, if it words `layout`.
    fn label_file(&self, layout: Layout, tag: &str) -> Result<&LabelFile, Error> {
        let file = self.labels.get(tag).ok_or_else(|| {
            Error::Usage(format!(
                "no labels for language `{tag}` (templates/labels/{tag}.yaml); there are: {}",
                self.labels.keys().cloned().collect::<Vec<_>>().join(", ")
            ))
        })?;
        if !file.words(layout) {
            return Err(Error::Usage(format!(
                "templates/labels/{tag}.yaml words the layouts {} only; this return is in layout {}, whose `{tag}` wording is not known",
                file.language.versions.join(", "),
                layout.descriptor().version
            )));
        }
        Ok(file)
    }

    /// The labels of `layout` in the language `tag`, with the PDF's typography.
    ///
    /// # Errors
    /// [`Error::Usage`] when there is no label file for the language.
    pub fn pdf_wording(&self, layout: Layout, tag: &str) -> Result<Wording, Error> {
        let text = self.wording(layout, tag)?;
        Ok(self
            .labels
            .get(tag)
            .map_or(text, |f| f.resolve_for_pdf(layout)))
    }

    /// The compiled set.
    pub(crate) fn tera(&self) -> &Tera {
        &self.tera
    }
}
