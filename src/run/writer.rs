//! The output side of `hkret bulk`: I/O threads that write rendered files atomically, so that
//! the rendering threads never wait for the disk. Flushing a file to disk takes milliseconds, far
//! longer than rendering it, so files are written in batches (`run::staged`): each under a
//! temporary name, then one sync for the batch, then the renames. A power cut can lose the last
//! batches' renames, never leave a renamed file incomplete.
//!
//! The queue between renderers and writers is bounded, so memory stays flat: when the disk
//! falls behind, rendering waits. A set of writer threads can be closed and waited for later
//! ([`Writers::close`], [`Closing::wait`]), so that rendering goes on while they sync their
//! last batch. A failed write is recorded against its document and reported
//! when the run ends; nothing here prints.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{Scope, ScopedJoinHandle};

use crate::error::Error;
use crate::run::files::{Put, write_file};
use crate::run::staged::{Staged, commit, stage};

/// Writer threads: one can sync its batch while the other writes the next.
const THREADS: usize = 2;
/// Rendered files waiting for a writer, at most.
const QUEUED: usize = 64;
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
    /// The queue.
    queue: SyncSender<Task>,
    /// How bytes reach a file.
    put: Put,
}

impl Writer {
    /// Queues `bytes` to be written to `path`; waits while the queue is full.
    pub(crate) fn write(&self, key: Key, path: PathBuf, bytes: Vec<u8>) {
        let task = Task { path, bytes, key };
        // The writers outlive every sender (see `with_writer`), so the queue is never closed
        // while this runs; if it were, the write is done here instead of being lost.
        if let Err(unsent) = self.queue.send(task) {
            let Task { path, bytes, .. } = unsent.0;
            let _ = write_file(&path, &bytes, self.put);
        }
    }
}

/// Writer threads started in a thread scope, and the [`Writer`] that feeds them.
pub(crate) struct Writers<'scope> {
    /// The renderers' handle.
    writer: Writer,
    /// The threads, each returning the writes that failed.
    threads: Vec<ScopedJoinHandle<'scope, Vec<(Key, Error)>>>,
}

/// Writer threads whose queue is closed: they finish what is queued and stop.
pub(crate) struct Closing<'scope> {
    /// The threads.
    threads: Vec<ScopedJoinHandle<'scope, Vec<(Key, Error)>>>,
}

impl<'scope> Writers<'scope> {
    /// Starts the writer threads in `scope`; files are written through `put`.
    pub(crate) fn start(scope: &'scope Scope<'scope, '_>, put: Put) -> Self {
        let (queue, tasks) = sync_channel::<Task>(QUEUED);
        let tasks = Arc::new(Mutex::new(tasks));
        let threads = (0..THREADS)
            .map(|_| {
                let tasks = Arc::clone(&tasks);
                scope.spawn(move || drain(&tasks, put))
            })
            .collect();
        Self {
            writer: Writer { queue, put },
            threads,
        }
    }

    /// The handle that queues files.
    pub(crate) fn writer(&self) -> &Writer {
        &self.writer
    }

    /// Closes the queue: the threads write, sync and rename what is queued, then stop, while
    /// the caller goes on.
    pub(crate) fn close(self) -> Closing<'scope> {
        Closing {
            threads: self.threads,
        }
    }
}

impl Closing<'_> {
    /// Waits until every queued file is written (synced and renamed); returns the writes that
    /// failed, in no particular order.
    pub(crate) fn wait(self) -> Vec<(Key, Error)> {
        let mut failures = Vec::new();
        for thread in self.threads {
            match thread.join() {
                Ok(failed) => failures.extend(failed),
                // A writer's panic is the caller's, as if it had written the files itself.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        failures
    }
}

/// Runs `f` with a [`Writer`] whose files are written through `put`; returns its result once
/// every queued file has been written, with the writes that failed, in no particular order.
#[cfg(test)]
pub(crate) fn with_writer<R>(put: Put, f: impl FnOnce(&Writer) -> R) -> (R, Vec<(Key, Error)>) {
    std::thread::scope(|scope| {
        let writers = Writers::start(scope, put);
        let result = f(writers.writer());
        (result, writers.close().wait())
    })
}

/// One writer thread: takes files off the queue until it is closed and empty, writing them in
/// batches of [`BATCH`]; returns the writes that failed.
fn drain(tasks: &Mutex<Receiver<Task>>, put: Put) -> Vec<(Key, Error)> {
    let mut batch: Vec<(Staged, Key)> = Vec::with_capacity(BATCH);
    let mut failures = Vec::new();
    loop {
        let next = tasks.lock().unwrap_or_else(PoisonError::into_inner).recv();
        let Ok(task) = next else { break };
        match stage(&task.path, &task.bytes, put) {
            Ok(Some(staged)) => batch.push((staged, task.key)),
            Ok(None) => {}
            Err(e) => failures.push((task.key, e)),
        }
        if batch.len() >= BATCH {
            finish(&mut batch, &mut failures);
        }
    }
    finish(&mut batch, &mut failures);
    failures
}

/// Syncs and renames the files of `batch`, reporting those that failed; empties it.
fn finish(batch: &mut Vec<(Staged, Key)>, failures: &mut Vec<(Key, Error)>) {
    let (staged, keys): (Vec<Staged>, Vec<Key>) = batch.drain(..).unzip();
    let mut keys: Vec<Option<Key>> = keys.into_iter().map(Some).collect();
    for (i, e) in commit(&staged) {
        if let Some(key) = keys.get_mut(i).and_then(Option::take) {
            failures.push((key, e));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::with_writer;
    use crate::run::files::put_all;

    #[test]
    fn writes_everything_queued_and_reports_failures() {
        let dir = std::env::temp_dir().join(format!("hkret-writer-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let ((), failed) = with_writer(put_all, |w| {
            for i in 0..50 {
                let key = (("in".to_owned(), i), 0);
                w.write(
                    key,
                    dir.join(format!("{i}.txt")),
                    i.to_string().into_bytes(),
                );
            }
            let key = (("in".to_owned(), 99), 1);
            w.write(key, dir.join("missing").join("x.txt"), Vec::new());
        });
        for i in 0..50 {
            let text = std::fs::read_to_string(dir.join(format!("{i}.txt"))).expect("written");
            assert_eq!(text, i.to_string());
        }
        assert_eq!(failed.len(), 1);
        assert_eq!(failed[0].0, (("in".to_owned(), 99), 1));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
