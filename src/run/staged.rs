//! Outputs written in batches, for `hkret bulk`: each file is written under a temporary name
//! without waiting for the disk, and one sync makes a whole batch durable; only when the run has
//! checked every document are the files renamed to their names ([`publish`], or all of a
//! folder's at once, `files::settle_temporaries`). One sync per batch instead of one per file,
//! with the same promise as a single atomic write: a file under its own name is always complete.
//!
//! What a power cut can and cannot do: it cannot leave a file under its output name incomplete
//! (its data was on disk before the rename). It can lose the renames done since the last sync
//! (those outputs are then missing, or as an earlier run left them) and leave temporary files
//! (`.hkret-*.tmp`), which the next run in that folder removes. When a run ends, everything it
//! renamed has been synced too.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::run::files::{Put, Target, folder_of, target, write_temporary};

/// A file written under its temporary name, waiting to be renamed ([`publish`]).
#[derive(Debug)]
pub(crate) struct Staged {
    /// The temporary file.
    tmp: PathBuf,
    /// The file it becomes (a link's target when the output path was a link).
    file: PathBuf,
    /// The output path as given, for messages.
    shown: PathBuf,
}

impl Staged {
    /// Whether the output path was a link, so that the file renamed is its target, not the
    /// file its temporary file's name and folder tell.
    pub(crate) fn is_link(&self) -> bool {
        self.file != self.shown
    }

    /// The output path as given.
    pub(crate) fn shown(&self) -> &Path {
        &self.shown
    }

    /// The temporary file.
    pub(crate) fn temporary(&self) -> &Path {
        &self.tmp
    }

    /// The file it becomes.
    pub(crate) fn file(&self) -> &Path {
        &self.file
    }
}

/// How an output is written: staged, or (a device, pipe or socket) written as it is.
#[derive(Debug)]
pub(crate) enum Stage {
    /// A regular file, written under its temporary name.
    File(Staged),
    /// A device, pipe or socket, not written: that is left to `files::write_file`, when the
    /// run puts its outputs in place.
    Special,
}

/// Writes `bytes` for the output `path` as `write_file` does, but leaves a regular file under
/// its temporary name, not yet synced, for [`sync_batch`] and [`publish`]; a device, pipe or
/// socket is not written ([`Stage::Special`]).
///
/// # Errors
/// As `write_file`: [`Error::Io`] naming `path`, for an output that cannot be or was not
/// written.
pub(crate) fn stage(path: &Path, bytes: &[u8], put: Put) -> Result<Stage, Error> {
    match target(path)? {
        Target::Replace { path: file, .. } => {
            let (tmp, _) = write_temporary(&file, bytes, put).map_err(|e| Error::io(path, e))?;
            Ok(Stage::File(Staged {
                tmp,
                file,
                shown: path.to_path_buf(),
            }))
        }
        Target::Direct(_) => Ok(Stage::Special),
    }
}

/// Makes `batch` durable with one sync of each file system it is on. If that fails, every
/// file of the batch fails (by its index in `batch`) and its temporary file is removed.
pub(crate) fn sync_batch(batch: &[Staged]) -> Vec<(usize, Error)> {
    match sync(batch.iter().map(|s| s.tmp.as_path())) {
        Ok(()) => Vec::new(),
        Err(e) => batch
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let _ = fs::remove_file(&s.tmp);
                (
                    i,
                    Error::io(&s.shown, io::Error::new(e.kind(), e.to_string())),
                )
            })
            .collect(),
    }
}

/// Renames a synced file to its name; if that fails, its temporary file is removed.
///
/// # Errors
/// [`Error::Io`] naming the output path as given.
pub(crate) fn publish(staged: &Staged) -> Result<(), Error> {
    fs::rename(&staged.tmp, &staged.file).map_err(|e| {
        let _ = fs::remove_file(&staged.tmp);
        Error::io(&staged.shown, e)
    })
}

/// Removes a file's temporary file: the run will not rename it.
pub(crate) fn discard(staged: &Staged) {
    let _ = fs::remove_file(&staged.tmp);
}

/// Makes what was written to the files `paths` (and their folders' entries) durable. On Linux,
/// one `syncfs` per folder, which flushes the file system the folder is on; elsewhere each file
/// is flushed.
///
/// # Errors
/// The first flush that fails.
pub(crate) fn sync<'p>(paths: impl Iterator<Item = &'p Path>) -> io::Result<()> {
    let mut folders: Vec<&Path> = Vec::new();
    for path in paths {
        if cfg!(target_os = "linux") {
            let folder = folder_of(path);
            if !folders.contains(&folder) {
                folders.push(folder);
            }
        } else {
            fs::File::open(path)?.sync_all()?;
        }
    }
    for folder in folders {
        sync_file_system(folder)?;
    }
    Ok(())
}

/// Flushes the whole file system that `folder` is on to disk.
#[cfg(target_os = "linux")]
fn sync_file_system(folder: &Path) -> io::Result<()> {
    let dir = fs::File::open(folder)?;
    rustix::fs::syncfs(&dir).map_err(io::Error::from)
}

/// Not used: other systems flush each file (see [`sync`]).
#[cfg(not(target_os = "linux"))]
fn sync_file_system(_: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Stage, Staged, publish, stage, sync_batch};
    use crate::run::files::put_all;

    fn staged(path: &std::path::Path, bytes: &[u8]) -> Staged {
        match stage(path, bytes, put_all).expect("staged") {
            Stage::File(s) => s,
            Stage::Special => panic!("{} is not a regular file", path.display()),
        }
    }

    #[test]
    fn a_batch_is_invisible_until_published_then_complete() {
        let dir = std::env::temp_dir().join(format!("hkret-staged-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join("1.txt"), "old").expect("an earlier run's file");
        let batch: Vec<_> = (0..3)
            .map(|i| staged(&dir.join(format!("{i}.txt")), format!("new {i}").as_bytes()))
            .collect();
        assert!(sync_batch(&batch).is_empty());
        assert!(!dir.join("0.txt").exists(), "not renamed yet");
        assert_eq!(
            std::fs::read_to_string(dir.join("1.txt")).expect("old"),
            "old"
        );
        for s in &batch {
            publish(s).expect("renamed");
        }
        for i in 0..3 {
            let text = std::fs::read_to_string(dir.join(format!("{i}.txt"))).expect("renamed");
            assert_eq!(text, format!("new {i}"));
        }
        let left: Vec<_> = std::fs::read_dir(&dir)
            .expect("dir")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(left.is_empty(), "no temporary file left");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_file_that_cannot_be_renamed_fails_alone_and_leaves_nothing() {
        let dir = std::env::temp_dir().join(format!("hkret-staged-bad-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let batch = [
            staged(&dir.join("a.txt"), b"a"),
            staged(&dir.join("b.txt"), b"b"),
        ];
        assert!(sync_batch(&batch).is_empty());
        let [good, bad] = &batch;
        // Something takes the name's place before the rename: a folder cannot be replaced.
        std::fs::create_dir_all(dir.join("b.txt").join("inside")).expect("a folder");
        publish(good).expect("a is renamed");
        let failed = publish(bad).expect_err("b.txt is a folder");
        assert!(failed.to_string().contains("b.txt"), "{failed}");
        assert_eq!(std::fs::read_to_string(dir.join("a.txt")).expect("a"), "a");
        let left = std::fs::read_dir(&dir).expect("dir").count();
        assert_eq!(left, 2, "a.txt and the folder b.txt, no temporary file");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
