//! The two passes of `hkret bulk` over every job, a chunk of jobs at a time, so that memory does
//! not grow with the number of documents: pass 1 keeps only a compact record of each document it
//! names (its names hashed, for the clash check), whole the documents that will not be written
//! (they are few), and the first [`KEPT`] jobs read and checked, which pass 2 then renders first,
//! without reading them again; pass 2 renders a chunk while the writers sync and rename the last
//! files of the chunk before, and lists each chunk in the manifest once its files are in place. A
//! run of 100,000 returns keeps 24 bytes a document or so, and [`KEPT`] jobs whole.
use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::bulk::manifest::{self, Entry, Status};
use crate::diag::show::MessageFormat;
use crate::error::Error;
use crate::run::bulk::jobs::JobList;
use crate::run::bulk::listing::Listing;
use crate::run::bulk::plan::{
    Outcome, Planned, Read, clashes, plan, plan_read, print_planned, read,
};
use crate::run::bulk::write::{mark_failed, previous, write_job};
use crate::run::bulk::{Ctx, Job, input_name, progress, report};
use crate::run::files::{create_folder, remove_stale_temporaries};
use crate::run::staged::sync;
use crate::run::writer::{Closing, Key, Writers};

/// Jobs handled at once: pass 2 renders a chunk while the chunk before is synced, and lists a
/// chunk in the manifest once its files are synced and renamed.
const CHUNK: usize = 512;

/// The first jobs of a run, at most, whose documents pass 1 keeps read and checked for pass 2,
/// which reads and checks the others again: a run of up to this many jobs reads each input
/// once, and memory stays flat however many there are. Kept whole, a market return takes about
/// 7.4 KB, and reading and checking it again is about a tenth of its rendering as text and PDF.
/// Two chunks: a run of 1,000 (the benchmark's size beside 100,000, whose peak memory must stay
/// within 10 MiB of it) reads each input once. The first rather than the last: pass 2 renders
/// them first and lets them go, so that no run holds them while it renders the others (kept
/// last, they made a run of 100,000 peak 12 MiB above a run of 1,000).
const KEPT: usize = 2 * CHUNK;

/// What pass 1 keeps of the whole run.
#[derive(Default)]
struct Pass1 {
    /// Each name's hash, with its job and document index.
    names: Vec<(u64, u32, u32)>,
    /// The named documents (job, index), in input order.
    named: Vec<(u32, u32)>,
    /// The documents that are invalid or failed, with their job, in input order.
    unnamed: Vec<(u32, Planned)>,
    /// The first [`KEPT`] jobs read, with their number, in input order.
    read: Vec<(u32, Read)>,
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
        read: Vec::new(),
    };
    for first in (0..jobs.len()).step_by(CHUNK) {
        let chunk = jobs.chunk(first, CHUNK);
        let planned: Vec<_> = chunk
            .par_iter()
            .enumerate()
            .map(|(j, job)| {
                let number = small(first + j);
                let read = read(ctx, job);
                let planned = plan_read(ctx, job, read.as_ref());
                let kept = read.ok().filter(|_| first + j < KEPT);
                (number, planned, kept)
            })
            .collect();
        for (job, planned, read) in planned {
            kept.read.extend(read.map(|r| (job, r)));
            for p in planned {
                kept.add(job, p, ctx.messages);
            }
        }
    }
    kept
}

impl Pass1 {
    /// Prints what pass 1 found of document `p` of job `job`, and keeps what the run needs.
    fn add(&mut self, job: u32, mut p: Planned, messages: MessageFormat) {
        print_planned(std::slice::from_ref(&p), messages);
        // Printed: the source shown beside the diagnostics is not needed any more.
        p.source = None;
        match p.names() {
            Some(names) => {
                for name in names {
                    self.names.push((name_hash(name), job, small(p.index)));
                }
                self.named.push((job, small(p.index)));
            }
            None => self.unnamed.push((job, p)),
        }
    }
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
    let previous = if options.skip_existing {
        previous(&options.out)
    } else {
        BTreeMap::new()
    };
    let bar = progress(kept.named.len(), options.quiet);
    let path = options.out.join(manifest::FILE);
    let mut listing = Listing::new(&path, ctx.put);
    let mut unwritten: Vec<Entry> = Vec::new();
    let named = &kept.named[..];
    let mut read = std::mem::take(&mut kept.read).into_iter().peekable();
    let mut left = Left {
        named,
        unnamed: &kept.unnamed,
    };
    let mut list = |done: Done, failed| {
        for document in left.documents(ctx, jobs, done, failed) {
            if document.status == Status::Failed {
                unwritten.push(document.clone());
            }
            listing.add(&document);
        }
    };
    // Each chunk is rendered while the writers of the one before sync and rename its last
    // files; a chunk is listed once they have.
    std::thread::scope(|scope| {
        let mut before: Option<(Done, Closing<'_>)> = None;
        for first in (0..jobs.len()).step_by(CHUNK) {
            let chunk = jobs.chunk(first, CHUNK);
            // Each job with its documents, if pass 1 kept them.
            let chunk: Vec<(Job, Option<Read>)> = chunk
                .into_iter()
                .enumerate()
                .map(|(j, job)| {
                    let number = small(first + j);
                    (job, read.next_if(|(n, _)| *n == number).map(|(_, r)| r))
                })
                .collect();
            let writers = Writers::start(scope, ctx.put);
            let count = chunk.len();
            let entries: Vec<Vec<Entry>> = chunk
                .into_par_iter()
                .enumerate()
                .map(|(j, (job, read))| {
                    let number = small(first + j);
                    let is_named =
                        |index: usize| named.binary_search(&(number, small(index))).is_ok();
                    write_job(
                        ctx,
                        &job,
                        read,
                        &is_named,
                        &previous,
                        &bar,
                        writers.writer(),
                    )
                })
                .collect();
            let done = Done {
                first,
                count,
                entries,
            };
            if let Some((done, writers)) = before.replace((done, writers.close())) {
                list(done, writers.wait());
            }
        }
        if let Some((done, writers)) = before {
            list(done, writers.wait());
        }
    });
    bar.finish_and_clear();
    let (counts, saved) = listing.finish();
    // The last batches' renames, and the manifest's, made durable before the run ends.
    let saved =
        saved.and_then(|()| sync(std::iter::once(path.as_path())).map_err(|e| Error::io(&path, e)));
    Ok(report::finish(&counts, &unwritten, options, saved))
}

/// A chunk pass 2 has rendered, its files queued.
struct Done {
    /// Its first job.
    first: usize,
    /// How many jobs it has.
    count: usize,
    /// The manifest entries of each job's documents written or kept.
    entries: Vec<Vec<Entry>>,
}

/// What pass 1 found of the chunks not yet listed, in input order.
struct Left<'k> {
    /// The named documents (job, index).
    named: &'k [(u32, u32)],
    /// The documents that are invalid or failed, with their job.
    unnamed: &'k [(u32, Planned)],
}

impl Left<'_> {
    /// The manifest entries of chunk `done` in input order, its writes that `failed` marked
    /// failed; takes the chunk's part of what pass 1 found.
    fn documents(
        &mut self,
        ctx: &Ctx<'_>,
        jobs: &JobList,
        done: Done,
        failed: Vec<(Key, Error)>,
    ) -> Vec<Entry> {
        let owners: Vec<u32> = done
            .entries
            .iter()
            .enumerate()
            .flat_map(|(j, e)| std::iter::repeat_n(small(done.first + j), e.len()))
            .collect();
        let mut entries: Vec<Entry> = done.entries.into_iter().flatten().collect();
        mark_failed(&mut entries, failed);
        let end = small(done.first + done.count);
        let (named, rest) = self
            .named
            .split_at(self.named.partition_point(|&(j, _)| j < end));
        self.named = rest;
        let (unnamed, rest) = self
            .unnamed
            .split_at(self.unnamed.partition_point(|(j, _)| *j < end));
        self.unnamed = rest;
        let input_of = |job: u32| {
            jobs.get(job as usize)
                .map(|j| input_name(&j, ctx))
                .unwrap_or_default()
        };
        documents(
            owners.into_iter().zip(entries).collect(),
            named,
            unnamed,
            input_of,
        )
    }
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
