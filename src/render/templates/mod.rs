//! The template set: every file of `templates/` embedded in the binary (Tera templates and label
//! files), each replaceable by a file of the same name from a user's directory (read by `run`,
//! handed over here as text).
//!
//! Templates are data, not code: Tera is built without file-system access, so a template can
//! reach nothing but the view it is given.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock, PoisonError, RwLock};

use tera::{Context, Tera};

use crate::assets::BUILT_IN;
use crate::error::Error;
use crate::layout::Layout;
use crate::render::labels::{LabelFile, Resolved, Wording};

// The build script's (`src/build.rs`): compiled here for their tests.
#[cfg(test)]
mod decide;
#[cfg(test)]
mod inline;
mod references;
pub(crate) use references::references;

/// A label file's text: a user's YAML, or a built-in file as the build script embedded it.
#[derive(Debug)]
enum LabelSource {
    /// YAML (a user's file, or a built-in one the build script could not read).
    Yaml(Cow<'static, str>),
    /// A built-in file as JSON (`crate::assets::precompiled`).
    Json(&'static str),
}

impl LabelSource {
    /// The label file.
    fn read(&self) -> Result<LabelFile, String> {
        match self {
            Self::Yaml(text) => LabelFile::parse(text),
            Self::Json(json) => serde_json::from_str(json).map_err(|e| e.to_string()),
        }
    }
}

/// Compiled sets: by the built-in wording whose labels their built-in templates have written in
/// (`None`: none), then by the template they were compiled for (`""`: all of them).
type Compiled = BTreeMap<Option<usize>, BTreeMap<String, Arc<Tera>>>;

/// A resolved wording's key: layout version, language tag, and whether for a PDF.
type WordingKey = (&'static str, String, bool);

/// The template set with its label files, shared by every document of a run.
///
/// Built-in templates are compiled when first used, each with the templates it includes or
/// extends and no others, with the labels of the wording they print written in (`inline`) and
/// their `if` blocks on what the wording's layouts have alike decided (`decide`);
/// a wording is read when first asked for, as the build script
/// resolved it (a whole label file is read only for what needs more: a user's file, a layout
/// the file does not word, or the provenance of labels): a PDF of a 1.2.0 return compiles 10 of
/// the 22 templates and reads its layout's English wording alone.
/// With a user's `--templates DIR`, everything is compiled and read at once instead, so that a
/// mistake in any of the user's files is reported before anything is rendered.
#[derive(Debug)]
pub struct Templates {
    /// Every template's source, by name (a built-in one borrowed from the binary).
    sources: BTreeMap<String, Cow<'static, str>>,
    /// Compiled sets, by wording and template ([`Compiled`]).
    compiled: RwLock<Compiled>,
    /// Label files by language tag (`en` from `labels/en.yaml`): source, and once read, the file
    /// or what was wrong with it.
    labels: BTreeMap<String, (LabelSource, OnceLock<Result<LabelFile, String>>)>,
    /// Everything was compiled up front (`compiled[""]`).
    eager: bool,
    /// Wordings resolved so far, by layout version, language tag and whether for a PDF: every
    /// document of a bulk run asks again for the same few.
    wordings: RwLock<BTreeMap<WordingKey, Arc<Wording>>>,
}

impl Templates {
    /// The built-in templates, with `overrides` (name, source) replacing those of the same name
    /// or adding new ones.
    ///
    /// # Errors
    /// With overrides, [`Error::Template`] naming the template whose syntax is wrong, with its
    /// line and column, or the label file that does not read.
    pub fn new(overrides: &[(String, String)]) -> Result<Self, Error> {
        let mut all: BTreeMap<String, Cow<'static, str>> = BUILT_IN
            .iter()
            .map(|(name, source)| ((*name).to_owned(), Cow::Borrowed(*source)))
            .collect();
        all.extend(
            overrides
                .iter()
                .map(|(name, source)| (name.clone(), Cow::Owned(source.clone()))),
        );
        let mut labels = BTreeMap::new();
        let mut sources = BTreeMap::new();
        for (name, source) in all {
            if let Some(tag) = name
                .strip_prefix("labels/")
                .and_then(|n| n.strip_suffix(".yaml"))
            {
                let overridden = overrides.iter().any(|(n, _)| *n == name);
                let source = match crate::assets::precompiled(&name) {
                    Some(json) if !overridden => LabelSource::Json(json),
                    _ => LabelSource::Yaml(source),
                };
                labels.insert(tag.to_owned(), (source, OnceLock::new()));
            } else if name.ends_with(".tera") {
                sources.insert(name, source);
            }
        }
        let templates = Self {
            sources,
            compiled: RwLock::new(BTreeMap::new()),
            labels,
            eager: !overrides.is_empty(),
            wordings: RwLock::new(BTreeMap::new()),
        };
        if templates.eager {
            templates.compiled_for("", None)?;
            for tag in templates.labels.keys() {
                templates.read_labels(tag)?;
            }
        }
        Ok(templates)
    }

    /// The built-in templates alone.
    ///
    /// # Errors
    /// Only if a built-in template is broken, which the tests rule out.
    pub fn built_in() -> Result<Self, Error> {
        Self::new(&[])
    }

    /// Renders the template `name` with `context`, whose labels are those of the built-in
    /// wording `wording` if it is one ([`Wording::built_in`]): the built-in templates are then
    /// compiled with its labels written in.
    ///
    /// # Errors
    /// [`Error::Template`] when the template (or one it includes) does not compile, or fails
    /// to render.
    pub(crate) fn render(
        &self,
        name: &str,
        wording: Option<usize>,
        context: &Context,
    ) -> Result<String, Error> {
        let (set, wording) = if self.eager {
            ("", None)
        } else {
            (name, wording)
        };
        self.compiled_for(set, wording)?
            .render(name, context)
            .map_err(|e| Error::template(name, &e))
    }

    /// The compiled set for template `name` (every template for `""`), with the labels of the
    /// built-in wording `wording` written into the built-in templates; compiled on first use.
    fn compiled_for(&self, name: &str, wording: Option<usize>) -> Result<Arc<Tera>, Error> {
        let read = self.compiled.read().unwrap_or_else(PoisonError::into_inner);
        if let Some(tera) = read.get(&wording).and_then(|sets| sets.get(name)) {
            return Ok(Arc::clone(tera));
        }
        drop(read);
        let names = if name.is_empty() {
            self.sources.keys().cloned().collect()
        } else {
            self.needed_by(name)
        };
        let mut tera = Tera::new();
        crate::render::pdf::set_up(&mut tera);
        // All at once, so that templates may include and extend one another in any order.
        tera.add_raw_templates(names.into_iter().filter_map(|n| {
            let source = match (self.sources.get(&n)?, wording) {
                (Cow::Borrowed(built_in), Some(w)) => {
                    crate::assets::inlined(w, &n).unwrap_or(built_in)
                }
                (source, _) => source.as_ref(),
            };
            Some((n, source))
        }))
        .map_err(|e| Error::template("templates", &e))?;
        let tera = Arc::new(tera);
        self.compiled
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(wording)
            .or_default()
            .insert(name.to_owned(), Arc::clone(&tera));
        Ok(tera)
    }

    /// `name` and every template it includes, extends or imports, directly or not.
    fn needed_by(&self, name: &str) -> BTreeSet<String> {
        let mut needed = BTreeSet::new();
        let mut pending = vec![name.to_owned()];
        while let Some(next) = pending.pop() {
            // A template included five times is read for its own references once.
            if needed.contains(&next) {
                continue;
            }
            if let Some(source) = self.sources.get(&next) {
                // A built-in template's names were found by the build script.
                match crate::assets::references(&next)
                    .filter(|_| matches!(source, Cow::Borrowed(_)))
                {
                    Some(names) => pending.extend(names.iter().map(|n| (*n).to_owned())),
                    None => pending.extend(references(source)),
                }
            }
            needed.insert(next);
        }
        needed
    }

    /// The label file of language `tag`, read on first use.
    fn read_labels(&self, tag: &str) -> Result<Option<&LabelFile>, Error> {
        let Some((source, file)) = self.labels.get(tag) else {
            return Ok(None);
        };
        file.get_or_init(|| source.read())
            .as_ref()
            .map(Some)
            .map_err(|message| Error::Template {
                name: format!("labels/{tag}.yaml"),
                message: message.clone(),
            })
    }

    /// Whether the language `tag` words `layout`, without resolving its labels (a PDF needs
    /// its own wording, not the text's).
    ///
    /// # Errors
    /// As [`Templates::wording`].
    pub fn check_wording(&self, layout: Layout, tag: &str) -> Result<(), Error> {
        if self.built_in_resolved(layout, tag, false).is_some() {
            return Ok(());
        }
        self.label_file(layout, tag).map(|_| ())
    }

    /// The built-in label file of `tag`, unless a user's replaces it, as the build script
    /// resolved it for `layout` (the wording's index and JSON); `None` also when the file does
    /// not word `layout`.
    fn built_in_resolved(
        &self,
        layout: Layout,
        tag: &str,
        pdf: bool,
    ) -> Option<(usize, &'static str)> {
        match self.labels.get(tag) {
            Some((LabelSource::Json(_), _)) => {
                crate::assets::resolved(&format!("labels/{tag}.yaml"), layout.version(), pdf)
            }
            _ => None,
        }
    }

    /// The labels of `layout` in the language `tag`.
    ///
    /// # Errors
    /// [`Error::Usage`] when there is no label file for the language.
    pub fn wording(&self, layout: Layout, tag: &str) -> Result<Arc<Wording>, Error> {
        self.resolved(layout, tag, false)
    }

    /// The wording of `layout` in `tag` (for a PDF: with its typography), resolved on first use.
    fn resolved(&self, layout: Layout, tag: &str, pdf: bool) -> Result<Arc<Wording>, Error> {
        let key = (layout.version(), tag.to_owned(), pdf);
        let read = self.wordings.read().unwrap_or_else(PoisonError::into_inner);
        if let Some(w) = read.get(&key) {
            return Ok(Arc::clone(w));
        }
        drop(read);
        let wording = Arc::new(match self.built_in_resolved(layout, tag, pdf) {
            Some((index, json)) => serde_json::from_str::<Resolved>(json)
                .map(|resolved| Wording {
                    built_in: Some(index),
                    ..Wording::from(resolved)
                })
                .map_err(|e| Error::Template {
                    name: format!("labels/{tag}.yaml"),
                    message: e.to_string(),
                })?,
            None if pdf => self.label_file(layout, tag)?.resolve_for_pdf(layout),
            None => self.label_file(layout, tag)?.resolve(layout),
        });
        self.wordings
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(key, Arc::clone(&wording));
        Ok(wording)
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
        let file = self.read_labels(tag)?.ok_or_else(|| {
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
    pub fn pdf_wording(&self, layout: Layout, tag: &str) -> Result<Arc<Wording>, Error> {
        self.resolved(layout, tag, true)
    }
}

/// The runner of the template property tests (`inline`, `decide`): 512 cases from a fixed seed,
/// so that every run tries the same templates.
#[cfg(test)]
pub(crate) fn seeded_runner() -> proptest::test_runner::TestRunner {
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let config = Config {
        cases: 512,
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha))
}

/// Every valid return of `examples/` (with `fixtures`, of the valid test fixtures too), in every
/// layout and language a built-in label file words: (name, the filing in that layout, language),
/// for the tests that print them all.
#[cfg(test)]
pub(crate) fn worded_returns(
    fixtures: bool,
) -> Vec<(String, crate::model::Filing, crate::model::Lang)> {
    use crate::model::Lang;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let listed = |dir: &str| {
        std::fs::read_dir(root.join(dir))
            .expect(dir)
            .map(|e| e.expect("entry").path())
    };
    let mut files: Vec<_> = listed("examples")
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    if fixtures {
        files.extend(
            listed("tests/fixtures")
                .map(|p| p.join("input.yaml"))
                .filter(|p| p.exists() && !p.to_string_lossy().contains("/invalid-")),
        );
    }
    files.sort();
    let templates = Templates::built_in().expect("templates");
    let mut out = Vec::new();
    for file in files {
        let source = crate::input::Source {
            name: file.display().to_string(),
            bytes: std::fs::read(&file).expect("readable"),
        };
        let filing = crate::validate::build(&source).expect("valid").filing;
        for layout in Layout::all() {
            for lang in [Lang::En, Lang::Zh] {
                if templates.check_wording(layout, lang.tag()).is_ok() {
                    let name = format!("{} {} {}", file.display(), layout.version(), lang.code());
                    let filing = crate::model::Filing {
                        layout,
                        ..filing.clone()
                    };
                    out.push((name, filing, lang));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
