//! Outputs written in batches, for `hkret bulk`: each file is written under a temporary name
//! without waiting for the disk; then one sync makes the whole batch durable, and only then are
//! its files renamed to their names. One sync per batch instead of one per file, with the same
//! promise as a single atomic write: a file under its own name is always complete.
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

/// A file written under its temporary name, waiting for [`commit`].
#[derive(Debug)]
pub(crate) struct Staged {
    /// The temporary file.
    tmp: PathBuf,
    /// The file it becomes (a link's target when the output path was a link).
    file: PathBuf,
    /// The output path as given, for messages.
    shown: PathBuf,
}

/// Writes `bytes` for the output `path` as `write_file` does, but leaves a regular file under
/// its temporary name, not yet synced, for [`commit`]; a device, pipe or socket is written
/// at once (`None`).
///
/// # Errors
/// As `write_file`: [`Error::Io`] naming `path`, for an output that cannot be or was not
/// written.
pub(crate) fn stage(path: &Path, bytes: &[u8], put: Put) -> Result<Option<Staged>, Error> {
    match target(path)? {
        Target::Replace { path: file, .. } => {
            let (tmp, _) = write_temporary(&file, bytes, put).map_err(|e| Error::io(path, e))?;
            Ok(Some(Staged {
                tmp,
                file,
                shown: path.to_path_buf(),
            }))
        }
        Target::Direct(special) => {
            crate::run::files::write_file(&special, bytes, put)?;
            Ok(None)
        }
    }
}

/// Makes `batch` durable with one sync of each file system it is on, then renames each file to
/// its name. Returns the files that failed (by their index in `batch`), whose temporary files
/// are removed; the others are in place.
pub(crate) fn commit(batch: &[Staged]) -> Vec<(usize, Error)> {
    if let Err(e) = sync(batch.iter().map(|s| s.tmp.as_path())) {
        return batch
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let _ = fs::remove_file(&s.tmp);
                (
                    i,
                    Error::io(&s.shown, io::Error::new(e.kind(), e.to_string())),
                )
            })
            .collect();
    }
    let mut failed = Vec::new();
    for (i, s) in batch.iter().enumerate() {
        if let Err(e) = fs::rename(&s.tmp, &s.file) {
            let _ = fs::remove_file(&s.tmp);
            failed.push((i, Error::io(&s.shown, e)));
        }
    }
    failed
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
    use super::{commit, stage};
    use crate::run::files::put_all;

    #[test]
    fn a_batch_is_invisible_until_committed_then_complete() {
        let dir = std::env::temp_dir().join(format!("hkret-staged-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join("1.txt"), "old").expect("an earlier run's file");
        let batch: Vec<_> = (0..3)
            .map(|i| {
                let path = dir.join(format!("{i}.txt"));
                stage(&path, format!("new {i}").as_bytes(), put_all)
                    .expect("staged")
                    .expect("a regular file")
            })
            .collect();
        assert!(!dir.join("0.txt").exists(), "not renamed yet");
        assert_eq!(
            std::fs::read_to_string(dir.join("1.txt")).expect("old"),
            "old"
        );
        assert!(commit(&batch).is_empty());
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
        let good = stage(&dir.join("a.txt"), b"a", put_all)
            .expect("a")
            .expect("file");
        let bad = stage(&dir.join("b.txt"), b"b", put_all)
            .expect("b")
            .expect("file");
        // Something takes the name's place before the rename: a folder cannot be replaced.
        std::fs::create_dir_all(dir.join("b.txt").join("inside")).expect("a folder");
        let failed = commit(&[good, bad]);
        assert_eq!(failed.len(), 1);
        assert_eq!(failed[0].0, 1);
        assert_eq!(std::fs::read_to_string(dir.join("a.txt")).expect("a"), "a");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
