//! The rendering side of `hkret bulk`: every valid document rendered and handed to the writer
//! threads, and its manifest entry kept; `--skip-existing` keeps what an earlier run completed.

use std::collections::BTreeMap;
use std::path::Path;

use indicatif::ProgressBar;

use crate::bulk::manifest::{self, Entry, Manifest, Status};
use crate::bulk::names::NameFields;
use crate::diag::Diagnostic;
use crate::diag::show::MessageFormat;
use crate::error::Error;
use crate::input::Source;
use crate::model::{Filing, Lang};
use crate::render::pdf::{PdfRender, render_pdf};
use crate::render::templates::Templates;
use crate::render::{Format, render_both, render_text_in};
use crate::run::attachment;
use crate::run::bulk::plan::Read;
use crate::run::bulk::{Ctx, Job, extension, input_name, row_index, stem};
use crate::run::writer::{Key, Writer};

/// The previous run's manifest, by (input, index), for `--skip-existing`.
pub(super) fn previous(out: &Path) -> BTreeMap<(String, usize), Entry> {
    let path = out.join(manifest::FILE);
    // Only a regular file is read: a named pipe in its place would never end.
    if !std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
        return BTreeMap::new();
    }
    let Ok(text) = std::fs::read_to_string(&path) else {
        return BTreeMap::new();
    };
    let Ok(m) = serde_json::from_str::<Manifest>(&text) else {
        return BTreeMap::new();
    };
    m.documents
        .into_iter()
        .map(|e| ((e.input.clone(), e.index), e))
        .collect()
}

/// Whether an earlier run's outputs for a document are complete: listed as written, present,
/// unchanged, and newer than the input.
pub(super) fn complete(
    entry: &Entry,
    out: &Path,
    input_time: Option<std::time::SystemTime>,
) -> bool {
    entry.status == Status::Written
        && !entry.outputs.is_empty()
        && entry.outputs.iter().all(|o| {
            let path = out.join(&o.file);
            // Only a regular file counts (and is read: a named pipe would never end).
            let newer = match (input_time, std::fs::metadata(&path)) {
                (Some(i), Ok(m)) if m.is_file() => m.modified().is_ok_and(|o| o >= i),
                _ => false,
            };
            newer && std::fs::read(&path).is_ok_and(|b| manifest::sha256(&b) == o.sha256)
        })
}

/// Renders every valid document of a job, as read and checked (`read`), and hands its files to
/// the writer threads; returns their manifest entries.
pub(super) fn write_job(
    ctx: &Ctx<'_>,
    job: &Job,
    read: Read,
    is_named: &dyn Fn(usize) -> bool,
    before: &BTreeMap<(String, usize), Entry>,
    bar: &ProgressBar,
    writer: &Writer,
) -> Vec<Entry> {
    let input = input_name(job, ctx);
    let input_time = match job {
        Job::File(p) => std::fs::metadata(p).and_then(|m| m.modified()).ok(),
        Job::Row(_) => ctx.options.template.as_ref().and_then(|(t, d)| {
            let t = std::fs::metadata(t).and_then(|m| m.modified()).ok()?;
            let d = std::fs::metadata(d).and_then(|m| m.modified()).ok()?;
            Some(t.max(d))
        }),
    };
    let failed = |index: usize, e: &Error| Entry {
        input: input.clone(),
        index,
        status: Status::Failed,
        outputs: Vec::new(),
        diagnostics: vec![format!("error: {e}")],
    };
    let (source, Ok(docs)) = (read.source, read.docs) else {
        return Vec::new();
    };
    let mut entries = Vec::new();
    for (i, doc) in docs.into_iter().enumerate() {
        let index = if matches!(job, Job::Row(_)) {
            row_index(job)
        } else {
            i + 1
        };
        let Ok(checked) = doc else {
            continue;
        };
        if !is_named(index) {
            continue;
        }
        // Named again as the check named it: the run keeps only the names' hashes.
        let fields = NameFields::of(&checked.filing, &stem(job, ctx), index);
        let doc_names = match ctx.pattern.names(&fields, &ctx.options.langs) {
            Ok(n) => n,
            Err(e) => {
                entries.push(failed(index, &e));
                continue;
            }
        };
        if ctx.options.skip_existing
            && let Some(e) = before
                .get(&(input.clone(), index))
                .filter(|e| complete(e, &ctx.options.out, input_time))
        {
            entries.push(Entry {
                status: Status::Skipped,
                ..e.clone()
            });
            bar.inc(1);
            continue;
        }
        let mut outputs = Vec::new();
        let mut made = Made::default();
        let mut error = None;
        let renderings = ctx
            .options
            .langs
            .iter()
            .zip(&doc_names)
            .flat_map(|(lang, name)| {
                ctx.options
                    .formats
                    .iter()
                    .map(move |format| (*lang, name, *format))
            });
        let both = [Format::Text, Format::Pdf]
            .iter()
            .all(|f| ctx.options.formats.contains(f));
        for (slot, (lang, name, format)) in renderings.enumerate() {
            let pdf = PdfRender {
                source: attachment(&source, ctx.options.pdf.pdfa),
                lang,
                ..ctx.options.pdf.clone()
            };
            let bytes = if both {
                made.take(format, &checked.filing, &ctx.templates, &pdf)
            } else {
                render(format, &checked.filing, &ctx.templates, &pdf)
            };
            let file = format!("{name}.{}", extension(format));
            match bytes {
                Ok(b) => {
                    outputs.push(manifest::Output {
                        file: file.clone(),
                        sha256: manifest::sha256(&b),
                    });
                    writer.write(
                        ((input.clone(), index), slot),
                        ctx.options.out.join(file),
                        b,
                    );
                }
                Err(e) => {
                    error = Some(e);
                    break;
                }
            }
        }
        entries.push(match error {
            None => Entry {
                input: input.clone(),
                index,
                status: Status::Written,
                outputs,
                diagnostics: Vec::new(),
            },
            Some(e) => match crate::run::unprintable(&source, &e) {
                Some(found) => {
                    let found = found.sorted();
                    print_now(&found, ctx.messages, &source);
                    Entry {
                        input: input.clone(),
                        index,
                        status: Status::Invalid,
                        outputs,
                        diagnostics: found.iter().map(ToString::to_string).collect(),
                    }
                }
                None => failed(index, &e),
            },
        });
        bar.inc(1);
    }
    entries
}

/// `filing` rendered in `format` (in the language `pdf.lang`).
fn render(format: Format, filing: &Filing, templates: &Templates, pdf: &PdfRender) -> Rendered {
    match format {
        Format::Text => render_text_in(filing, templates, pdf.lang).map(String::into_bytes),
        Format::Pdf => render_pdf(filing, templates, pdf),
    }
}

/// An output rendered, or why it could not be.
type Rendered = Result<Vec<u8>, Error>;

/// A document's text and PDF in one language, rendered together ([`render_both`]) when the first
/// of them is asked for, and each taken when asked for.
#[derive(Default)]
struct Made {
    /// The language, and the text and the PDF while not yet taken.
    made: Option<(Lang, [Option<Rendered>; 2])>,
}

impl Made {
    /// `filing` in `format` and in the language `pdf.lang`.
    fn take(
        &mut self,
        format: Format,
        filing: &Filing,
        templates: &Templates,
        pdf: &PdfRender,
    ) -> Rendered {
        if self.made.as_ref().is_none_or(|(lang, _)| *lang != pdf.lang) {
            let (text, pdf_bytes) = render_both(filing, templates, pdf);
            self.made = Some((
                pdf.lang,
                [Some(text.map(String::into_bytes)), Some(pdf_bytes)],
            ));
        }
        let slot = match format {
            Format::Text => 0,
            Format::Pdf => 1,
        };
        // Each is asked for once; asked for again, it is rendered again.
        self.made
            .as_mut()
            .and_then(|(_, outputs)| outputs[slot].take())
            .unwrap_or_else(|| render(format, filing, templates, pdf))
    }
}

/// Prints diagnostics found while writing (one print each, so threads do not interleave them).
fn print_now(found: &[Diagnostic], messages: MessageFormat, source: &Source) {
    let text = String::from_utf8_lossy(&source.bytes);
    for d in found {
        crate::run::print_one(d, messages, Some(&text));
    }
}

/// Marks the documents whose outputs could not be written as failed, with the error of their
/// first output (in `--format` order) that failed.
pub(super) fn mark_failed(entries: &mut [Entry], mut failed: Vec<(Key, Error)>) {
    if failed.is_empty() {
        return;
    }
    failed.sort_by(|a, b| a.0.cmp(&b.0));
    let mut first: BTreeMap<(String, usize), Error> = BTreeMap::new();
    for ((document, _), e) in failed {
        first.entry(document).or_insert(e);
    }
    for entry in entries {
        if let Some(e) = first.remove(&(entry.input.clone(), entry.index)) {
            entry.status = Status::Failed;
            entry.outputs.clear();
            entry.diagnostics = vec![format!("error: {e}")];
        }
    }
}
