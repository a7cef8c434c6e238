//! The two passes of `hkret bulk` over every job, a chunk of jobs at a time, so that memory does
//! not grow with the number of documents: pass 1 keeps only a compact record of each document it
//! names (its names hashed, for the clash check) and, whole, the documents that will not be
//! written (they are few); pass 2 renders a chunk, writes, syncs and lists it in the manifest
//! before taking the next. A run of 100,000 returns keeps 24 bytes a document or so.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::bulk::manifest::{self, Entry, Status};
use crate::error::Error;
use crate::run::bulk::jobs::JobList;
use crate::run::bulk::listing::Listing;
use crate::run::bulk::plan::{Outcome, Planned, clashes, plan, print_planned};
use crate::run::bulk::write::{mark_failed, previous, write_job};
use crate::run::bulk::{Ctx, input_name, progress, report};
use crate::run::files::{create_folder, remove_stale_temporaries};
use crate::run::staged::sync;
use crate::run::writer::with_writer;

/// Jobs handled at once: pass 2 writes, syncs and lists them in the manifest before it takes
/// the next.
const CHUNK: usize = 512;

/// What pass 1 keeps of the whole run.
#[derive(Default)]
struct Pass1 {
    /// Each name's hash, with its job and document index.
    names: Vec<(u64, u32, u32)>,
    /// The named documents (job, index), in input order.
    named: Vec<(u32, u32)>,
    /// The documents that are invalid or failed, with their job, in input order.
    unnamed: Vec<(u32, Planned)>,
}

/// A name's hash for the clash check.
fn name_hash(name: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    name.hash(&mut h);
    h.finish()
}

/// A job's or document's number, as pass 1 keeps it.
fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Pass 1 over every job, a chunk at a time, its diagnostics printed in input order.
fn pass1(ctx: &Ctx<'_>, jobs: &JobList) -> Pass1 {
    // Room for one document a job, exactly: grown by doubling, these lists were up to twice
    // as large as they hold.
    let langs = ctx.options.langs.len().max(1);
    let mut kept = Pass1 {
        names: Vec::with_capacity(jobs.len() * langs),
        named: Vec::with_capacity(jobs.len()),
        unnamed: Vec::new(),
    };
    for first in (0..jobs.len()).step_by(CHUNK) {
        let chunk = jobs.chunk(first, CHUNK);
        let planned: Vec<(u32, Planned)> = chunk
            .par_iter()
            .enumerate()
            .flat_map_iter(|(j, job)| {
                let number = small(first + j);
                plan(ctx, job).into_iter().map(move |p| (number, p))
            })
            .collect();
        for (job, mut p) in planned {
            print_planned(std::slice::from_ref(&p), ctx.messages);
            // Printed: the source shown beside the diagnostics is not needed any more.
            p.source = None;
            match p.names() {
                Some(names) => {
                    for name in names {
                        kept.names.push((name_hash(name), job, small(p.index)));
                    }
                    kept.named.push((job, small(p.index)));
                }
                None => kept.unnamed.push((job, p)),
            }
        }
    }
    kept
}

/// The names given to more than one document, with the inputs involved, in input order. Only
/// the jobs whose name hashes meet are read again, for their names.
fn clash_check(ctx: &Ctx<'_>, jobs: &JobList, names: &mut [(u64, u32, u32)]) -> Vec<String> {
    names.sort_unstable();
    let mut suspects: Vec<u32> = names
        .windows(2)
        .filter(|w| w[0].0 == w[1].0)
        .flat_map(|w| [w[0].1, w[1].1])
        .collect();
    suspects.sort_unstable();
    suspects.dedup();
    let planned: Vec<Planned> = suspects
        .iter()
        .filter_map(|&j| jobs.get(j as usize))
        .flat_map(|job| plan(ctx, &job))
        .collect();
    clashes(&planned)
}

/// Both passes over `jobs`; returns the exit code.
///
/// # Errors
/// Clashing names, or an output directory that cannot be created.
pub(super) fn run_jobs(ctx: &Ctx<'_>, jobs: &JobList) -> Result<u8, Error> {
    let options = ctx.options;
    let mut kept = pass1(ctx, jobs);
    let clash = clash_check(ctx, jobs, &mut kept.names);
    if !clash.is_empty() {
        return Err(Error::Usage(format!(
            "two documents would be written to the same file; change --name:\n  {}",
            clash.join("\n  ")
        )));
    }
    kept.names = Vec::new();
    create_folder(&options.out, "--out")?;
    remove_stale_temporaries(&options.out);
    let before = if options.skip_existing {
        previous(&options.out)
    } else {
        BTreeMap::new()
    };
    let bar = progress(kept.named.len(), options.quiet);
    let path = options.out.join(manifest::FILE);
    let mut listing = Listing::new(&path, ctx.put);
    let mut unwritten: Vec<Entry> = Vec::new();
    let (mut named, mut unnamed) = (&kept.named[..], &kept.unnamed[..]);
    for first in (0..jobs.len()).step_by(CHUNK) {
        let chunk = jobs.chunk(first, CHUNK);
        let (entries, failed): (Vec<Vec<Entry>>, _) = with_writer(ctx.put, |writer| {
            chunk
                .par_iter()
                .enumerate()
                .map(|(j, job)| {
                    let number = small(first + j);
                    let is_named =
                        |index: usize| named.binary_search(&(number, small(index))).is_ok();
                    write_job(ctx, job, &is_named, &before, &bar, writer)
                })
                .collect()
        });
        let owners: Vec<u32> = entries
            .iter()
            .enumerate()
            .flat_map(|(j, e)| std::iter::repeat_n(small(first + j), e.len()))
            .collect();
        let mut entries: Vec<Entry> = entries.into_iter().flatten().collect();
        mark_failed(&mut entries, failed);
        let end = small(first + chunk.len());
        let split = named.partition_point(|&(j, _)| j < end);
        let chunk_named = &named[..split];
        named = &named[split..];
        let split = unnamed.partition_point(|(j, _)| *j < end);
        let chunk_unnamed = &unnamed[..split];
        unnamed = &unnamed[split..];
        let written = owners.into_iter().zip(entries).collect();
        let input_of = |job: u32| {
            jobs.get(job as usize)
                .map(|j| input_name(&j, ctx))
                .unwrap_or_default()
        };
        for document in documents(written, chunk_named, chunk_unnamed, input_of) {
            if document.status == Status::Failed {
                unwritten.push(document.clone());
            }
            listing.add(&document);
        }
    }
    bar.finish_and_clear();
    let (counts, saved) = listing.finish();
    // The last batches' renames, and the manifest's, made durable before the run ends.
    let saved =
        saved.and_then(|()| sync(std::iter::once(path.as_path())).map_err(|e| Error::io(&path, e)));
    Ok(report::finish(&counts, &unwritten, options, saved))
}

/// The manifest entries of a chunk in input order: those pass 2 wrote (`written`, each with
/// its job) and those pass 1 found invalid or failed (`unnamed`). A document pass 1 named
/// (`named`) that pass 2 did not write is failed.
fn documents(
    written: Vec<(u32, Entry)>,
    named: &[(u32, u32)],
    unnamed: &[(u32, Planned)],
    input_of: impl Fn(u32) -> String,
) -> Vec<Entry> {
    let mut by_document: BTreeMap<(u32, u32), Entry> = written
        .into_iter()
        .map(|(job, e)| ((job, small(e.index)), e))
        .collect();
    for &(job, index) in named {
        by_document.entry((job, index)).or_insert_with(|| Entry {
            // A named document has no entry only if pass 2 could not read it again.
            input: input_of(job),
            index: index as usize,
            status: Status::Failed,
            outputs: Vec::new(),
            diagnostics: vec!["error: the input could not be read again".to_owned()],
        });
    }
    for (job, p) in unnamed {
        by_document.insert((*job, small(p.index)), unnamed_entry(p));
    }
    by_document.into_values().collect()
}

/// The manifest entry of a document pass 1 found invalid or could not name.
fn unnamed_entry(p: &Planned) -> Entry {
    Entry {
        input: p.input.clone(),
        index: p.index,
        status: match p.outcome {
            Outcome::Invalid => Status::Invalid,
            Outcome::Named(_) | Outcome::Failed(_) => Status::Failed,
        },
        outputs: Vec::new(),
        diagnostics: p
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .chain(match &p.outcome {
                Outcome::Failed(message) => Some(format!("error: {message}")),
                _ => None,
            })
            .collect(),
    }
}
