//! The checking side of `hkret bulk`: every document read and checked once, named, and its
//! diagnostics printed, so that clashing names are refused before anything is put in place.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::bulk::names::NameFields;
use crate::bulk::table::{Origin, locate};
use crate::diag::show::MessageFormat;
use crate::diag::{Diagnostic, Diagnostics};
use crate::error::Error;
use crate::input::Source;
use crate::model::Lang;
use crate::run::bulk::{Ctx, Job, input_name, row_index, source_of, stem};
use crate::validate::chinese::missing_chinese;
use crate::validate::{Checked, build_all};

/// What the check decided for one document.
pub(super) enum Outcome {
    /// Valid, to be written under these names, one per language asked for.
    Named(Vec<String>),
    /// The return has mistakes (in `diagnostics`).
    Invalid,
    /// It could not be read, generated or named.
    Failed(String),
}

/// What the check learns of one document.
pub(super) struct Planned {
    pub(super) input: String,
    pub(super) index: usize,
    pub(super) outcome: Outcome,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// The source, kept only when there are diagnostics to show beside it.
    pub(super) source: Option<Arc<str>>,
}

impl Planned {
    fn new(
        input: &str,
        index: usize,
        outcome: Outcome,
        diagnostics: Vec<Diagnostic>,
        text: &Arc<str>,
    ) -> Self {
        let source = (!diagnostics.is_empty()).then(|| Arc::clone(text));
        Self {
            input: input.to_owned(),
            index,
            outcome,
            diagnostics,
            source,
        }
    }

    fn failed(input: &str, index: usize, error: &Error) -> Self {
        Self {
            input: input.to_owned(),
            index,
            outcome: Outcome::Failed(error.to_string()),
            diagnostics: Vec::new(),
            source: None,
        }
    }

    /// The names of a valid document, one per language.
    pub(super) fn names(&self) -> Option<&[String]> {
        match &self.outcome {
            Outcome::Named(n) => Some(n),
            _ => None,
        }
    }
}

/// A job's source and its documents read and checked: what the check names them from, and
/// what is rendered.
pub(super) struct Read {
    /// The source (a file's bytes, or the return generated for a row).
    pub(super) source: Source,
    /// Its documents, checked ([`build_all`]).
    pub(super) docs: Result<Vec<Result<Checked, Diagnostics>>, Diagnostics>,
}

/// Reads and checks the documents of `job`.
///
/// # Errors
/// An input that cannot be read, or a row whose return cannot be generated.
pub(super) fn read(ctx: &Ctx<'_>, job: &Job) -> Result<Read, Error> {
    let (source, _) = source_of(ctx, job)?;
    let docs = build_all(&source);
    Ok(Read { source, docs })
}

/// Reads and checks one job: every document's name, or its diagnostics.
pub(super) fn plan(ctx: &Ctx<'_>, job: &Job) -> Vec<Planned> {
    plan_read(ctx, job, read(ctx, job).as_ref())
}

/// Checks one job read (`read`): every document's name, or its diagnostics.
pub(super) fn plan_read(ctx: &Ctx<'_>, job: &Job, read: Result<&Read, &Error>) -> Vec<Planned> {
    let input = input_name(job, ctx);
    let Read { source, docs } = match read {
        Ok(r) => r,
        Err(e) => return vec![Planned::failed(&input, row_index(job), e)],
    };
    let row = match job {
        Job::Row(r) => Some(r),
        Job::File(_) => None,
    };
    let text: Arc<str> = Arc::from(String::from_utf8_lossy(&source.bytes).as_ref());
    let pointed = |found: &Diagnostics| -> Vec<Diagnostic> {
        let sorted = found.clone().sorted();
        match (row, &ctx.generator) {
            (Some(r), Some((generator, template, data))) => {
                let origin = Origin {
                    template,
                    generator,
                    data,
                };
                sorted
                    .iter()
                    .map(|d| locate(d, &text, r, &origin))
                    .collect()
            }
            _ => sorted,
        }
    };
    let docs = match docs {
        Ok(docs) => docs,
        Err(found) => {
            return vec![Planned::new(
                &input,
                row_index(job),
                Outcome::Invalid,
                pointed(found),
                &text,
            )];
        }
    };
    docs.iter()
        .enumerate()
        .map(|(i, doc)| {
            let index = if row.is_some() { row_index(job) } else { i + 1 };
            match doc {
                Ok(Checked { filing, warnings }) => {
                    let chinese =
                        ctx.options.langs.contains(&Lang::Zh) && !ctx.options.fallback_english;
                    let missing = if chinese {
                        missing_chinese(filing, &source.name)
                    } else {
                        Diagnostics::new()
                    };
                    if missing.has_errors() {
                        let mut found = warnings.clone();
                        found.extend(missing);
                        return Planned::new(
                            &input,
                            index,
                            Outcome::Invalid,
                            pointed(&found),
                            &text,
                        );
                    }
                    let fields = NameFields::of(filing, &stem(job, ctx), index);
                    match ctx.pattern.names(&fields, &ctx.options.langs) {
                        Ok(n) => {
                            Planned::new(&input, index, Outcome::Named(n), pointed(warnings), &text)
                        }
                        Err(e) => Planned::failed(&input, index, &e),
                    }
                }
                Err(found) => Planned::new(&input, index, Outcome::Invalid, pointed(found), &text),
            }
        })
        .collect()
}

/// Prints the diagnostics the check found, in input order.
pub(super) fn print_planned(planned: &[Planned], messages: MessageFormat) {
    for p in planned {
        if let Outcome::Failed(message) = &p.outcome {
            crate::run::terminal::say_line(&format!("error: {}: {message}", p.input));
        }
        for d in &p.diagnostics {
            crate::run::print_one(d, messages, p.source.as_deref());
        }
    }
}

/// The names given to more than one document, with the inputs involved.
pub(super) fn clashes(planned: &[Planned]) -> Vec<String> {
    let mut seen: BTreeMap<&str, &Planned> = BTreeMap::new();
    let mut found = Vec::new();
    for p in planned {
        for name in p.names().unwrap_or_default() {
            match seen.get(name.as_str()) {
                Some(first) => found.push(format!(
                    "{name}: {} (document {}) and {} (document {})",
                    first.input, first.index, p.input, p.index
                )),
                None => {
                    seen.insert(name, p);
                }
            }
        }
    }
    found
}
