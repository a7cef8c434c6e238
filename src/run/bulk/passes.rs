//! `hkret bulk` in one pass over every job, a chunk of jobs at a time, so that memory does not
//! grow with the number of documents. For each chunk, every input is read and checked once (its
//! diagnostics printed in input order) and the names it gives are checked against every name
//! given before, of which the run keeps only a hash; then its valid documents are rendered and
//! handed to the writer threads, which stage them (written under temporary names and synced, in
//! batches) while the next chunk is read; a chunk is listed in the manifest, itself a temporary
//! file until the end, once its files are synced. Only when every chunk is done are the files
//! renamed to their names and the manifest put in place. So a run that finds two documents with
//! one name stops there and removes what it staged: no output path has changed. A run keeps
//! 8 bytes a name (its hash and job) and one chunk's documents whole.
use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use crate::bulk::manifest::{self, Entry, Status};
use crate::error::Error;
use crate::run::bulk::jobs::JobList;
use crate::run::bulk::listing::Listing;
use crate::run::bulk::plan::{
    Outcome, Planned, Read, clashes, plan, plan_read, print_planned, read,
};
use crate::run::bulk::write::{mark_failed, previous, write_job};
use crate::run::bulk::{Ctx, Job, progress, report};
use crate::run::files::{create_folder, remove_stale_temporaries, settle_temporaries, write_file};
use crate::run::staged::{Staged, discard, publish, sync};
use crate::run::terminal::say_line;
use crate::run::writer::{Closing, Writers, Written};

/// Jobs handled at once: a chunk is rendered while the one before is synced, and is listed in
/// the manifest once its files are synced.
const CHUNK: usize = 512;

/// A name's hash for the clash check: 32 bits, as names that share one are told apart by
/// reading their jobs again (among 100,000 names, about one pair shares a hash).
fn name_hash(name: &str) -> u32 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    name.hash(&mut h);
    let h = h.finish();
    (h ^ (h >> 32)) as u32
}

/// A job's or document's number, as the run keeps it.
fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Every name given so far, kept compactly: each name's hash with the job that gave it, sorted
/// by hash (8 bytes a name, the room for every job's names taken at the start, so that the
/// list never holds two copies of itself while it grows).
struct Names {
    /// The hashes, in order.
    hashes: Vec<u32>,
    /// The job of each hash.
    jobs: Vec<u32>,
}

impl Names {
    /// Room for `expected` names.
    fn with_capacity(expected: usize) -> Self {
        Self {
            hashes: Vec::with_capacity(expected),
            jobs: Vec::with_capacity(expected),
        }
    }

    /// Records the names given by a chunk (each name's hash, with its job); returns the jobs
    /// whose names' hashes meet one given before or in the chunk, in order, once each.
    fn record(&mut self, mut given: Vec<(u32, u32)>) -> Vec<u32> {
        given.sort_unstable();
        let mut suspects: Vec<u32> = Vec::new();
        for pair in given.windows(2) {
            if pair[0].0 == pair[1].0 {
                suspects.extend([pair[0].1, pair[1].1]);
            }
        }
        // Merged from the back, in place, into the room added at the end.
        let old = self.hashes.len();
        self.hashes.resize(old + given.len(), 0);
        self.jobs.resize(old + given.len(), 0);
        let (mut i, mut out) = (old, old + given.len());
        for &(hash, job) in given.iter().rev() {
            while i > 0 && self.hashes[i - 1] >= hash {
                if self.hashes[i - 1] == hash {
                    suspects.extend([self.jobs[i - 1], job]);
                }
                i -= 1;
                out -= 1;
                self.hashes[out] = self.hashes[i];
                self.jobs[out] = self.jobs[i];
            }
            out -= 1;
            self.hashes[out] = hash;
            self.jobs[out] = job;
        }
        suspects.sort_unstable();
        suspects.dedup();
        suspects
    }
}

/// The names given to more than one document by the jobs `suspects`, read again.
fn confirm(ctx: &Ctx<'_>, jobs: &JobList, suspects: &[u32]) -> Vec<String> {
    let planned: Vec<Planned> = suspects
        .iter()
        .filter_map(|&j| jobs.get(j as usize))
        .flat_map(|job| plan(ctx, &job))
        .collect();
    clashes(&planned)
}

/// A chunk read and checked: what its documents are, for rendering it and listing it.
struct Chunk {
    /// Its first job.
    first: usize,
    /// The named documents (job, index), in input order.
    named: Vec<(u32, u32)>,
    /// The documents that are invalid or failed, with their job, in input order.
    unnamed: Vec<(u32, Planned)>,
}

/// Reads and checks `jobs`, the chunk starting at job `first`, and prints their diagnostics in
/// input order; returns the chunk, each job's documents as read (`None` for an input that could
/// not be read) and the names' hashes with their jobs.
fn check(ctx: &Ctx<'_>, jobs: &[Job], first: usize) -> (Chunk, Vec<Option<Read>>, Vec<(u32, u32)>) {
    let read: Vec<(Vec<Planned>, Option<Read>)> = jobs
        .par_iter()
        .map(|job| {
            let read = read(ctx, job);
            (plan_read(ctx, job, read.as_ref()), read.ok())
        })
        .collect();
    let mut chunk = Chunk {
        first,
        named: Vec::new(),
        unnamed: Vec::new(),
    };
    let mut given = Vec::new();
    let mut docs = Vec::with_capacity(read.len());
    for (j, (planned, job_docs)) in read.into_iter().enumerate() {
        let job = small(first + j);
        for mut p in planned {
            print_planned(std::slice::from_ref(&p), ctx.messages);
            // Printed: the source shown beside the diagnostics is not needed any more.
            p.source = None;
            match p.names() {
                Some(names) => {
                    given.extend(names.iter().map(|n| (name_hash(n), job)));
                    chunk.named.push((job, small(p.index)));
                }
                None => chunk.unnamed.push((job, p)),
            }
        }
        docs.push(job_docs);
    }
    (chunk, docs, given)
}

/// What the chunks leave for the end of the run.
#[derive(Default)]
struct Left {
    /// Documents not written, for the summary.
    unwritten: Vec<Entry>,
    /// Files staged for links, renamed one by one.
    links: Vec<Staged>,
    /// Devices, pipes and sockets, with their bytes, written last.
    special: Vec<(std::path::PathBuf, Vec<u8>)>,
}

/// Every chunk of `jobs`, each checked, rendered and staged, and listed in `listing`; stops at
/// the first chunk that gives a name given before, returning the clashes.
fn chunks(ctx: &Ctx<'_>, jobs: &JobList, listing: &mut Listing, left: &mut Left) -> Vec<String> {
    let options = ctx.options;
    let before = if options.skip_existing {
        previous(&options.out)
    } else {
        BTreeMap::new()
    };
    // A document a job until the jobs read say how many they have.
    let bar = progress(jobs.len(), options.quiet);
    let mut names = Names::with_capacity(jobs.len() * options.langs.len().max(1));
    // A chunk rendered (its manifest entries, by job), once its writers are done.
    let mut list = |chunk: Chunk, entries, mut written: Written, left: &mut Left| {
        left.links.append(&mut written.links);
        left.special.append(&mut written.special);
        for document in documents(chunk.first, entries, &chunk.unnamed, written.failed) {
            if document.status == Status::Failed {
                left.unwritten.push(document.clone());
            }
            listing.add(&document);
        }
    };
    // Each chunk is rendered while the writers of the one before sync its last files; a chunk
    // is listed once they have.
    let clash = std::thread::scope(|scope| {
        let mut syncing: Option<(Chunk, Vec<Vec<Entry>>, Closing<'_>)> = None;
        for first in (0..jobs.len()).step_by(CHUNK) {
            let chunk_jobs = jobs.chunk(first, CHUNK);
            let (chunk, docs, given) = check(ctx, &chunk_jobs, first);
            let clash = confirm(ctx, jobs, &names.record(given));
            if !clash.is_empty() {
                if let Some((_, _, writers)) = syncing.take() {
                    left.links.extend(writers.wait().links);
                }
                return clash;
            }
            let told = bar.length().unwrap_or_default() + chunk.named.len() as u64;
            bar.set_length(told.saturating_sub(chunk_jobs.len() as u64));
            let writers = Writers::start(scope, ctx.put);
            let named = &chunk.named;
            let entries = chunk_jobs
                .into_par_iter()
                .zip(docs)
                .enumerate()
                .map(|(j, (job, docs))| {
                    let number = small(first + j);
                    let is_named =
                        |index: usize| named.binary_search(&(number, small(index))).is_ok();
                    docs.map(|docs| {
                        let writer = writers.writer();
                        write_job(ctx, &job, docs, &is_named, &before, &bar, writer)
                    })
                    .unwrap_or_default()
                })
                .collect();
            let rendered = (chunk, entries, writers.close());
            if let Some((done, entries, writers)) = syncing.replace(rendered) {
                list(done, entries, writers.wait(), left);
            }
        }
        if let Some((done, entries, writers)) = syncing {
            list(done, entries, writers.wait(), left);
        }
        Vec::new()
    });
    bar.finish_and_clear();
    clash
}

/// The whole run over `jobs`; returns the exit code.
///
/// # Errors
/// Clashing names, or an output directory that cannot be created.
pub(super) fn run_jobs(ctx: &Ctx<'_>, jobs: &JobList) -> Result<u8, Error> {
    let out = ctx.options.out.as_path();
    let existed = out.is_dir();
    create_folder(out, "--out")?;
    remove_stale_temporaries(out);
    let path = out.join(manifest::FILE);
    let mut listing = Listing::new(&path, ctx.put);
    let mut left = Left::default();
    let clash = chunks(ctx, jobs, &mut listing, &mut left);
    if !clash.is_empty() {
        withdraw(out, listing, &left.links);
        if !existed {
            // Only an empty folder is removed: the run made it and leaves nothing in it.
            let _ = std::fs::remove_dir(out);
        }
        return Err(Error::Usage(format!(
            "two documents would be written to the same file; change --name:\n  {}",
            clash.join("\n  ")
        )));
    }
    let late = put_in_place(ctx, out, listing.temporary(), &left);
    let finished = listing.finish(&late);
    for message in &finished.unlisted {
        say_line(&format!("error: {message}"));
    }
    left.unwritten.extend(finished.relisted);
    // The renames, and the manifest's, made durable before the run ends.
    let links = left.links.iter().map(Staged::file);
    let saved = finished.saved.and_then(|()| {
        sync(std::iter::once(path.as_path()).chain(links)).map_err(|e| Error::io(&path, e))
    });
    Ok(report::finish(
        &finished.counts,
        &left.unwritten,
        ctx.options,
        saved,
    ))
}

/// Renames every file the run staged to its name, and writes the devices and pipes; returns the
/// outputs that failed (by file name), with the error.
fn put_in_place(
    ctx: &Ctx<'_>,
    out: &Path,
    manifest: Option<&Path>,
    left: &Left,
) -> Vec<(String, Error)> {
    let except: Vec<&Path> = manifest
        .into_iter()
        .chain(left.links.iter().map(Staged::temporary))
        .collect();
    let renamed = settle_temporaries(out, &except, |tmp, file| std::fs::rename(tmp, file));
    let mut late: Vec<(String, Error)> = renamed
        .into_iter()
        .map(|(file, e)| {
            let error = Error::io(out.join(&file), e);
            (file, error)
        })
        .collect();
    let file_name = |path: &Path| {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    for staged in &left.links {
        if let Err(e) = publish(staged) {
            late.push((file_name(staged.shown()), e));
        }
    }
    for (path, bytes) in &left.special {
        if let Err(e) = write_file(path, bytes, ctx.put) {
            late.push((file_name(path), e));
        }
    }
    late
}

/// Removes what a run that stops staged: its temporary files and its manifest's.
fn withdraw(out: &Path, listing: Listing, links: &[Staged]) {
    let manifest = listing.temporary().map(Path::to_path_buf);
    let except: Vec<&Path> = manifest.iter().map(|p| p.as_path()).collect();
    settle_temporaries(out, &except, |tmp, _| std::fs::remove_file(tmp));
    for staged in links {
        discard(staged);
    }
    listing.discard();
}

/// The manifest entries of the chunk starting at job `first` in input order: those rendered
/// (`entries`, by job), with the writes that `failed` marked failed, and those found invalid
/// or failed when read (`unnamed`).
fn documents(
    first: usize,
    entries: Vec<Vec<Entry>>,
    unnamed: &[(u32, Planned)],
    failed: Vec<(crate::run::writer::Key, Error)>,
) -> Vec<Entry> {
    let owners: Vec<u32> = entries
        .iter()
        .enumerate()
        .flat_map(|(j, e)| std::iter::repeat_n(small(first + j), e.len()))
        .collect();
    let mut entries: Vec<Entry> = entries.into_iter().flatten().collect();
    mark_failed(&mut entries, failed);
    let mut by_document: BTreeMap<(u32, u32), Entry> = owners
        .into_iter()
        .zip(entries)
        .map(|(job, e)| ((job, small(e.index)), e))
        .collect();
    for (job, p) in unnamed {
        by_document.insert((*job, small(p.index)), unnamed_entry(p));
    }
    by_document.into_values().collect()
}

/// The manifest entry of a document found invalid or that could not be named.
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

#[cfg(test)]
mod tests {
    use super::Names;

    #[test]
    fn names_stay_sorted_and_every_hash_met_again_is_suspected() {
        // Hashes from a small range, so that many meet, given in chunks of varying size.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut names = Names::with_capacity(4);
        let mut all: Vec<(u32, u32)> = Vec::new();
        let mut job = 0;
        for size in [1, 7, 0, 50, 3, 200, 31] {
            let given: Vec<(u32, u32)> = (0..size)
                .map(|_| {
                    job += 1;
                    (u32::try_from(next() % 300).expect("small"), job)
                })
                .collect();
            let suspects = names.record(given.clone());
            // Every job, earlier or in this chunk, holding a hash this chunk gives that more
            // than one job holds.
            let holders = |hash: u32| all.iter().chain(&given).filter(move |&&(h, _)| h == hash);
            let mut expected: Vec<u32> = given
                .iter()
                .filter(|&&(hash, _)| holders(hash).count() > 1)
                .flat_map(|&(hash, _)| holders(hash).map(|&(_, j)| j))
                .collect();
            expected.sort_unstable();
            expected.dedup();
            assert_eq!(suspects, expected);
            all.extend(&given);
            assert!(names.hashes.windows(2).all(|w| w[0] <= w[1]), "sorted");
            let mut kept: Vec<(u32, u32)> = names
                .hashes
                .iter()
                .copied()
                .zip(names.jobs.iter().copied())
                .collect();
            let mut want = all.clone();
            kept.sort_unstable();
            want.sort_unstable();
            assert_eq!(kept, want, "every name kept once, with its job");
        }
    }
}
