//! The manifest of a bulk run written as documents finish, so that the run does not hold every
//! entry: into a temporary file beside `manifest.json`, renamed over it only when the run ends
//! and everything is listed. Until then the manifest on disk is the previous run's, whole (a run
//! killed half-way leaves it, and its temporary file is removed by the next run).

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::bulk::manifest::{Entry, Manifest, Pieces, Status};
use crate::error::Error;
use crate::run::files::{Put, Target, target, write_temporary};

/// How many documents a run listed, by status.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Counts {
    /// Rendered and written.
    pub(crate) written: usize,
    /// Kept from an earlier run.
    pub(crate) skipped: usize,
    /// With mistakes.
    pub(crate) invalid: usize,
    /// Not rendered or not written.
    pub(crate) failed: usize,
}

impl Counts {
    /// Every document.
    pub(crate) fn total(&self) -> usize {
        self.written + self.skipped + self.invalid + self.failed
    }
}

/// The manifest put in place ([`Listing::finish`]).
pub(super) struct Finished {
    /// What it lists.
    pub(super) counts: Counts,
    /// The documents listed again as failed, their outputs having failed late.
    pub(super) relisted: Vec<Entry>,
    /// The late failures of no document listed, as messages.
    pub(super) unlisted: Vec<String>,
    /// Whether it was saved.
    pub(super) saved: Result<(), Error>,
}

/// The manifest being written.
pub(super) struct Listing {
    /// `manifest.json`.
    path: PathBuf,
    /// What is written: the temporary file (`None` for a device or pipe, written directly)
    /// and the file it becomes; or the first error, if writing failed (then the rest is only
    /// counted).
    file: Result<(Option<PathBuf>, PathBuf, BufWriter<File>), Error>,
    /// The JSON so far.
    pieces: Pieces,
    /// What it lists.
    counts: Counts,
    /// How bytes reach the file.
    put: Put,
}

/// A writer that hands its bytes to `put` (a full disk, in the tests).
struct Through(File, Put);

impl Write for Through {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        (self.1)(&mut self.0, buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

impl Listing {
    /// Starts the manifest at `path` (not replaced until [`Listing::finish`]).
    pub(super) fn new(path: &Path, put: Put) -> Self {
        let generator = format!("hkret {}", env!("CARGO_PKG_VERSION"));
        let start = Pieces::start(&generator);
        let file = target(path).and_then(|t| {
            match t {
                // A link is followed: its target is replaced, and the link stays.
                Target::Replace { path: file, .. } => write_temporary(&file, start.as_bytes(), put)
                    .map(|(tmp, f)| (Some(tmp), file, BufWriter::new(f))),
                Target::Direct(special) => {
                    OpenOptions::new()
                        .write(true)
                        .open(&special)
                        .and_then(|mut f| {
                            put(&mut f, start.as_bytes())
                                .map(|()| (None, special, BufWriter::new(f)))
                        })
                }
            }
            .map_err(|e| Error::io(path, e))
        });
        Self {
            path: path.to_path_buf(),
            file,
            pieces: Pieces::default(),
            counts: Counts::default(),
            put,
        }
    }

    /// Lists `entry` after those listed before.
    pub(super) fn add(&mut self, entry: &Entry) {
        match entry.status {
            Status::Written => self.counts.written += 1,
            Status::Skipped => self.counts.skipped += 1,
            Status::Invalid => self.counts.invalid += 1,
            Status::Failed => self.counts.failed += 1,
        }
        let text = self.pieces.entry(entry);
        self.put_text(&text);
    }

    /// Writes `text` to the temporary file, or records why it cannot be.
    fn put_text(&mut self, text: &str) {
        let Ok((_, _, out)) = &mut self.file else {
            return;
        };
        let result = out.flush().and_then(|()| {
            let mut through = Through(out.get_ref().try_clone()?, self.put);
            through.write_all(text.as_bytes())
        });
        if let Err(e) = result {
            self.fail(e);
        }
    }

    /// Gives up the temporary file after `e`.
    fn fail(&mut self, e: io::Error) {
        if let Ok((Some(tmp), _, _)) = &self.file {
            let _ = std::fs::remove_file(tmp);
        }
        self.file = Err(Error::io(&self.path, e));
    }

    /// The temporary file the manifest is written to (`None` for a device or pipe, or after
    /// writing failed).
    pub(super) fn temporary(&self) -> Option<&Path> {
        match &self.file {
            Ok((Some(tmp), _, _)) => Some(tmp),
            _ => None,
        }
    }

    /// Gives up the manifest: the one in place, if any, stays as it was.
    pub(super) fn discard(self) {
        if let Some(tmp) = self.temporary() {
            let _ = std::fs::remove_file(tmp);
        }
    }

    /// Ends the manifest and puts it in place. `late` are outputs (by file name) that failed
    /// after their documents were listed (when the run renamed or wrote them last): those
    /// documents are listed again as failed.
    pub(super) fn finish(mut self, late: &[(String, Error)]) -> Finished {
        let end = self.pieces.end();
        self.put_text(end);
        let (relisted, unlisted) = if late.is_empty() {
            (Vec::new(), Vec::new())
        } else {
            self.relist(late)
        };
        let counts = self.counts;
        let saved = match self.file {
            Ok((tmp, file, out)) => {
                let flushed = out
                    .into_inner()
                    .map_err(io::IntoInnerError::into_error)
                    .and_then(|mut f| f.flush());
                match tmp {
                    None => flushed.map_err(|e| Error::io(&self.path, e)),
                    Some(tmp) => flushed
                        .and_then(|()| File::open(&tmp)?.sync_all())
                        .and_then(|()| std::fs::rename(&tmp, &file))
                        .map_err(|e| {
                            let _ = std::fs::remove_file(&tmp);
                            Error::io(&self.path, e)
                        }),
                }
            }
            Err(e) => Err(e),
        };
        Finished {
            counts,
            relisted,
            unlisted,
            saved,
        }
    }

    /// Lists again as failed, in the temporary file, the documents whose outputs failed late;
    /// returns them, and the late failures of no document listed. A manifest written to a
    /// device or pipe cannot be read back: nothing is listed again there.
    fn relist(&mut self, late: &[(String, Error)]) -> (Vec<Entry>, Vec<String>) {
        let unlisted = |matched: &[bool]| {
            late.iter()
                .zip(matched)
                .filter(|(_, m)| !**m)
                .map(|((file, e), _)| format!("{file} not written: {e}"))
                .collect()
        };
        let Ok((Some(tmp), _, out)) = &mut self.file else {
            return (Vec::new(), unlisted(&vec![false; late.len()]));
        };
        let tmp = tmp.clone();
        let read = out
            .flush()
            .and_then(|()| std::fs::read_to_string(&tmp))
            .and_then(|text| serde_json::from_str::<Manifest>(&text).map_err(io::Error::other));
        let mut manifest = match read {
            Ok(m) => m,
            Err(e) => {
                self.fail(e);
                return (Vec::new(), unlisted(&vec![false; late.len()]));
            }
        };
        let mut relisted = Vec::new();
        let mut matched = vec![false; late.len()];
        for entry in &mut manifest.documents {
            let first = late
                .iter()
                .position(|(file, _)| entry.outputs.iter().any(|o| &o.file == file));
            if let Some(i) = first
                && entry.status == Status::Written
            {
                let e = &late[i].1;
                for (m, (file, _)) in matched.iter_mut().zip(late) {
                    *m |= entry.outputs.iter().any(|o| &o.file == file);
                }
                entry.status = Status::Failed;
                entry.outputs.clear();
                entry.diagnostics = vec![format!("error: {e}")];
                self.counts.written -= 1;
                self.counts.failed += 1;
                relisted.push(entry.clone());
            }
        }
        let rewritten = OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(&tmp)
            .and_then(|mut f| (self.put)(&mut f, manifest.to_json().as_bytes()));
        if let Err(e) = rewritten {
            self.fail(e);
        }
        (relisted, unlisted(&matched))
    }
}
