//! `hkret bulk`: a month of returns in one run, in parallel, every file written atomically, one
//! bad document never stopping the others, and a manifest of what was written.
//!
//! One pass (`passes`), a chunk of jobs at a time, keeps memory flat however many documents there
//! are: each input is read and checked once (`plan`), the names it gives checked against all given
//! before (only their hashes are kept), and its valid documents rendered (`write`) and staged by
//! I/O threads (`run::writer`), so that rendering never waits for the disk, not even between
//! chunks; each chunk is listed in the manifest as it is done (`listing`). Only when every chunk
//! is done are the files renamed to their names, so that clashing names are refused before any
//! output path changes. This module holds the jobs, the options and the run's set-up; `report`
//! the summary and `verify`.

mod jobs;
mod listing;
mod passes;
mod plan;
mod report;
#[cfg(test)]
mod tests;
mod write;

pub(crate) use report::verify;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::bulk::names::NamePattern;
use crate::bulk::table::{Generator, Row, read_csv, read_yaml};
use crate::diag::show::MessageFormat;
use crate::error::Error;
use crate::input::Source;
use crate::model::Lang;
use crate::render::Format;
use crate::render::pdf::PdfRender;
use crate::render::templates::Templates;
use crate::run::bulk::jobs::JobList;
use crate::run::bulk::passes::run_jobs;
use crate::run::files::{Put, load_overrides, put_all, read_source};

/// Everything `hkret bulk` was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkOptions {
    /// Files and directories of returns.
    pub inputs: Vec<PathBuf>,
    /// A return template and its data table, instead of (or as well as) `inputs`.
    pub template: Option<(PathBuf, PathBuf)>,
    /// The output directory.
    pub out: PathBuf,
    /// Which renderings to write.
    pub formats: Vec<Format>,
    /// Threads; all cores when `None`.
    pub jobs: Option<usize>,
    /// The output name pattern.
    pub name: String,
    /// No progress bar, no summary.
    pub quiet: bool,
    /// Keep outputs an earlier run completed.
    pub skip_existing: bool,
    /// Template override directory.
    pub templates: Option<PathBuf>,
    /// PDF settings.
    pub pdf: PdfRender,
    /// The languages to write each return in (`en` alone by default).
    pub langs: Vec<Lang>,
    /// In Chinese, print the English text where a Chinese one is missing.
    pub fallback_english: bool,
}

/// A unit of work: an input file (all its documents) or one data row.
pub(super) enum Job {
    File(PathBuf),
    Row(Row),
}

/// The shared, read-only state of a run.
pub(super) struct Ctx<'a> {
    options: &'a BulkOptions,
    templates: Templates,
    pattern: NamePattern,
    generator: Option<(Generator, String, Arc<str>)>,
    messages: MessageFormat,
    /// How bytes reach an output file.
    put: Put,
}

/// The source of a job's documents: a file's bytes, or the return generated for a row.
pub(super) fn source_of<'j>(
    ctx: &Ctx<'_>,
    job: &'j Job,
) -> Result<(Source, Option<&'j Row>), Error> {
    match job {
        Job::File(path) => Ok((read_source(path)?, None)),
        Job::Row(row) => {
            let (generator, template_name, data) = ctx
                .generator
                .as_ref()
                .ok_or_else(|| Error::Usage("no template".into()))?;
            let text = generator.generate(row, template_name)?;
            let name = format!("{data}:{}", row.line);
            Ok((
                Source {
                    name,
                    bytes: text.into_bytes(),
                },
                Some(row),
            ))
        }
    }
}

pub(super) fn stem(job: &Job, ctx: &Ctx<'_>) -> String {
    match job {
        Job::File(p) => p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        Job::Row(_) => ctx
            .generator
            .as_ref()
            .map(|(_, n, _)| {
                Path::new(n)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default()
            })
            .unwrap_or_default(),
    }
}

pub(super) fn input_name(job: &Job, ctx: &Ctx<'_>) -> String {
    match job {
        Job::File(p) => p.display().to_string(),
        Job::Row(_) => ctx
            .generator
            .as_ref()
            .map(|(_, _, d)| d.to_string())
            .unwrap_or_default(),
    }
}

pub(super) fn row_index(job: &Job) -> usize {
    match job {
        Job::Row(r) => r.number,
        Job::File(_) => 1,
    }
}

pub(super) fn extension(format: Format) -> &'static str {
    match format {
        Format::Text => "txt",
        Format::Pdf => "pdf",
    }
}

fn progress(total: usize, quiet: bool) -> ProgressBar {
    use std::io::IsTerminal;
    let bar = ProgressBar::with_draw_target(
        Some(total as u64),
        if quiet || !std::io::stderr().is_terminal() {
            ProgressDrawTarget::hidden()
        } else {
            ProgressDrawTarget::stderr()
        },
    );
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} returns, {per_sec}, {eta} left")
    {
        bar.set_style(style);
    }
    bar
}

/// Runs `hkret bulk`; returns the exit code.
///
/// # Errors
/// Operational failures that stop the whole run: unreadable template or data table, clashing
/// names, an output directory that cannot be created.
pub(crate) fn bulk(options: &BulkOptions, messages: MessageFormat) -> Result<u8, Error> {
    bulk_with(options, messages, put_all)
}

/// [`bulk`], with the bytes of every output file written through `put`.
fn bulk_with(options: &BulkOptions, messages: MessageFormat, put: Put) -> Result<u8, Error> {
    let overrides = options
        .templates
        .as_deref()
        .map(load_overrides)
        .transpose()?
        .unwrap_or_default();
    let (generator, rows) = match &options.template {
        Some((template, data)) => {
            let text = std::fs::read_to_string(template).map_err(|e| Error::io(template, e))?;
            let table = std::fs::read_to_string(data).map_err(|e| Error::io(data, e))?;
            let data_name = data.display().to_string();
            let is_csv = data
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
            let rows = if is_csv {
                read_csv(&table, &data_name)
            } else {
                read_yaml(&table, &data_name)
            };
            let rows = match rows {
                Ok(r) => r,
                Err(found) => {
                    let source = Source {
                        name: data_name,
                        bytes: table.into_bytes(),
                    };
                    super::report(found, &source, messages);
                    return Ok(super::INVALID);
                }
            };
            let name = template.display().to_string();
            (
                Some((
                    Generator::new(&text, &name)?,
                    name,
                    Arc::from(data_name.as_str()),
                )),
                rows,
            )
        }
        None => (None, Vec::new()),
    };
    let ctx = Ctx {
        options,
        templates: Templates::new(&overrides)?,
        pattern: NamePattern::new(&options.name)?,
        generator,
        messages,
        put,
    };
    let jobs = JobList::new(options, rows)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.unwrap_or(0))
        .build()
        .map_err(|e| Error::Usage(format!("--jobs: {e}")))?;
    pool.install(|| run_jobs(&ctx, &jobs))
}
