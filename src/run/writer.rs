//! The output side of `hkret bulk`: I/O threads that stage rendered files, so that the rendering
//! threads never wait for the disk. Flushing a file to disk takes milliseconds, far longer than
//! rendering it, so files are written in batches (`run::staged`): each under a temporary name,
//! then one sync for the batch. The renames are the run's, once it has checked every document:
//! until then no output path has changed.
//!
//! Files are handed over [`HANDED`] at a time, not one by one: each hand-over may wake a waiting
//! writer thread, which costs the renderer a system call and, where the writer's processor is
//! idle, an interrupt to wake it, and then a switch of threads on a processor that was
//! rendering (with a hand-over per file, 18,000 thread switches in a bulk run of 2,600 returns
//! as text and PDF; a hand-over per 16 files leaves 1,700).
//!
//! The queue between renderers and writers is bounded, so memory stays flat: when the disk
//! falls behind, rendering waits. A set of writer threads can be closed and waited for later
//! ([`Writers::close`], [`Closing::wait`]), so that rendering goes on while they sync their
//! last batch. A failed write is recorded against its document and reported
//! when the run ends; nothing here prints.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::{Scope, ScopedJoinHandle};

use crate::error::Error;
use crate::run::files::Put;
use crate::run::staged::{Stage, Staged, stage, sync_batch};

/// Writer threads: one can sync its batch while the other writes the next.
const THREADS: usize = 2;
/// Files handed to the writers at once.
const HANDED: usize = 16;
/// Hand-overs waiting for a writer, at most ([`HANDED`] files each).
const QUEUED: usize = 4;
/// Files a writer thread syncs at once: a sync costs about as much for one file as for many.
const BATCH: usize = 128;

/// Which document (input and index) and which of its outputs a write belongs to.
pub(crate) type Key = ((String, usize), usize);

/// One file to write.
struct Task {
    /// Where.
    path: PathBuf,
    /// What.
    bytes: Vec<u8>,
    /// Whose.
    key: Key,
}

/// The renderers' handle: queue a file for writing.
pub(crate) struct Writer {
    /// The queue, of files [`HANDED`] at a time.
    queue: SyncSender<Vec<Task>>,
    /// Files gathered for the next hand-over, from every rendering thread.
    gathered: Mutex<Vec<Task>>,
}

impl Writer {
    /// Queues `bytes` to be written to `path`; waits while the queue is full.
    pub(crate) fn write(&self, key: Key, path: PathBuf, bytes: Vec<u8>) {
        let mut gathered = self.gathered();
        gathered.push(Task { path, bytes, key });
        if gathered.len() >= HANDED {
            let tasks = std::mem::take(&mut *gathered);
            // Handed over with the lock released: another renderer may gather meanwhile.
            drop(gathered);
            self.hand_over(tasks);
        }
    }

    /// Hands over the files gathered so far, however few.
    fn flush(&self) {
        let tasks = std::mem::take(&mut *self.gathered());
        if !tasks.is_empty() {
            self.hand_over(tasks);
        }
    }

    /// The files gathered for the next hand-over.
    fn gathered(&self) -> MutexGuard<'_, Vec<Task>> {
        self.gathered.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Queues `tasks`; waits while the queue is full.
    fn hand_over(&self, tasks: Vec<Task>) {
        // The queue closes only when every writer thread has stopped, which before
        // `Writers::close` only a panic does; `Closing::wait` passes that panic on, so a file
        // not queued then is never taken for written.
        let _ = self.queue.send(tasks);
    }
}

/// Writer threads started in a thread scope, and the [`Writer`] that feeds them.
pub(crate) struct Writers<'scope> {
    /// The renderers' handle.
    writer: Writer,
    /// The threads, each returning what it staged that the run must see to.
    threads: Vec<ScopedJoinHandle<'scope, Written>>,
}

/// Writer threads whose queue is closed: they finish what is queued and stop.
pub(crate) struct Closing<'scope> {
    /// The threads.
    threads: Vec<ScopedJoinHandle<'scope, Written>>,
}

/// What writer threads leave to the run besides the temporary files they synced, which it
/// renames by their names (`files::settle_temporaries`).
#[derive(Debug, Default)]
pub(crate) struct Written {
    /// The writes that failed.
    pub(crate) failed: Vec<(Key, Error)>,
    /// Files staged for output paths that are links: renamed over the links' targets, which
    /// their temporary files' names do not tell.
    pub(crate) links: Vec<Staged>,
    /// Outputs that are devices, pipes or sockets, with their bytes: written as they are once
    /// the run has checked every document (they cannot be staged).
    pub(crate) special: Vec<(PathBuf, Vec<u8>)>,
}

impl Written {
    /// Adds what `other` left.
    fn extend(&mut self, other: Written) {
        self.failed.extend(other.failed);
        self.links.extend(other.links);
        self.special.extend(other.special);
    }
}

impl<'scope> Writers<'scope> {
    /// Starts the writer threads in `scope`; files are written through `put`.
    pub(crate) fn start(scope: &'scope Scope<'scope, '_>, put: Put) -> Self {
        let (queue, tasks) = sync_channel::<Vec<Task>>(QUEUED);
        let tasks = Arc::new(Mutex::new(tasks));
        let threads = (0..THREADS)
            .map(|_| {
                let tasks = Arc::clone(&tasks);
                scope.spawn(move || drain(&tasks, put))
            })
            .collect();
        Self {
            writer: Writer {
                queue,
                gathered: Mutex::new(Vec::with_capacity(HANDED)),
            },
            threads,
        }
    }

    /// The handle that queues files.
    pub(crate) fn writer(&self) -> &Writer {
        &self.writer
    }

    /// Closes the queue: the threads write and sync what is queued, then stop, while the caller
    /// goes on.
    pub(crate) fn close(self) -> Closing<'scope> {
        self.writer.flush();
        Closing {
            threads: self.threads,
        }
    }
}

impl Closing<'_> {
    /// Waits until every queued file is staged and synced; returns what the run must see to:
    /// the writes that failed, in no particular order, links and special files.
    pub(crate) fn wait(self) -> Written {
        let mut written = Written::default();
        for thread in self.threads {
            match thread.join() {
                Ok(w) => written.extend(w),
                // A writer's panic is the caller's, as if it had written the files itself.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        written
    }
}

/// One writer thread: takes files off the queue until it is closed and empty, staging them and
/// syncing them in batches of [`BATCH`].
fn drain(tasks: &Mutex<Receiver<Vec<Task>>>, put: Put) -> Written {
    let mut batch: Vec<(Staged, Key)> = Vec::with_capacity(BATCH);
    let mut written = Written::default();
    loop {
        let next = tasks.lock().unwrap_or_else(PoisonError::into_inner).recv();
        let Ok(handed) = next else { break };
        for task in handed {
            match stage(&task.path, &task.bytes, put) {
                Ok(Stage::File(staged)) => batch.push((staged, task.key)),
                Ok(Stage::Special) => written.special.push((task.path, task.bytes)),
                Err(e) => written.failed.push((task.key, e)),
            }
            if batch.len() >= BATCH {
                finish(&mut batch, &mut written);
            }
        }
    }
    finish(&mut batch, &mut written);
    written
}

/// Syncs the files of `batch`, reporting those that failed and keeping those for links;
/// empties it.
fn finish(batch: &mut Vec<(Staged, Key)>, written: &mut Written) {
    let (staged, keys): (Vec<Staged>, Vec<Key>) = batch.drain(..).unzip();
    let failed = sync_batch(&staged);
    if failed.is_empty() {
        written
            .links
            .extend(staged.into_iter().filter(Staged::is_link));
        return;
    }
    let mut keys: Vec<Option<Key>> = keys.into_iter().map(Some).collect();
    for (i, e) in failed {
        if let Some(key) = keys.get_mut(i).and_then(Option::take) {
            written.failed.push((key, e));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Writers;
    use crate::run::files::{put_all, settle_temporaries};

    #[test]
    fn stages_everything_queued_and_reports_failures() {
        let dir = std::env::temp_dir().join(format!("hkret-writer-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let written = std::thread::scope(|scope| {
            let writers = Writers::start(scope, put_all);
            for i in 0..50 {
                let key = (("in".to_owned(), i), 0);
                writers.writer().write(
                    key,
                    dir.join(format!("{i}.txt")),
                    i.to_string().into_bytes(),
                );
            }
            let key = (("in".to_owned(), 99), 1);
            let missing = dir.join("missing").join("x.txt");
            writers.writer().write(key, missing, Vec::new());
            writers.close().wait()
        });
        assert_eq!(written.failed.len(), 1);
        assert_eq!(written.failed[0].0, (("in".to_owned(), 99), 1));
        assert!(written.links.is_empty() && written.special.is_empty());
        assert!(!dir.join("0.txt").exists(), "staged, not renamed");
        let failed = settle_temporaries(&dir, &[], |tmp, file| std::fs::rename(tmp, file));
        assert!(failed.is_empty());
        for i in 0..50 {
            let text = std::fs::read_to_string(dir.join(format!("{i}.txt"))).expect("written");
            assert_eq!(text, i.to_string());
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
