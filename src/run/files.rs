//! Reading inputs and writing outputs: standard input and output, size limits, and the one
//! place that decides how an output path is written.
//!
//! An output path that names a regular file (or nothing yet) is written atomically: a temporary
//! file in the same folder, flushed to disk, renamed over it. A symbolic link is followed and its
//! target written the same way, in the target's folder, so the link stays a link. A character
//! device, named pipe or socket is opened and written directly, as shell redirection would, and so
//! is a descriptor of this process (`-o /dev/stdout`). A
//! directory, a block device, a path under a regular file and a missing folder are clear errors.
//! Nothing that is not a regular file is ever replaced.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use crate::cli::Output;
use crate::error::Error;
use crate::input::Source;

/// Reads an input file, or standard input for `-`.
pub(crate) fn read_source(path: &Path) -> Result<Source, Error> {
    let name = path.display().to_string();
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .take(crate::input::MAX_INPUT_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(path, e))?;
    } else {
        let file = fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let meta = file.metadata().map_err(|e| Error::io(path, e))?;
        if meta.is_dir() {
            return Err(Error::Usage(format!(
                "{name} is a directory, not a return file"
            )));
        }
        // Room for the whole file and the read that finds its end: read in two calls, where
        // a buffer grown as it fills took six or more for a return of a few kilobytes.
        let expected = usize::try_from(meta.len()).unwrap_or(usize::MAX);
        bytes.reserve_exact(
            expected
                .min(crate::input::MAX_INPUT_BYTES)
                .saturating_add(1),
        );
        file.take(crate::input::MAX_INPUT_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(path, e))?;
    }
    Ok(Source { name, bytes })
}

/// Reads every template (`*.tera`) and label file (`labels/*.yaml`) under `dir` as an override named
/// by its path relative to `dir`.
pub(crate) fn load_overrides(dir: &Path) -> Result<Vec<(String, String)>, Error> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let mut entries: Vec<_> = fs::read_dir(&d)
            .map_err(|e| Error::io(&d, e))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                pending.push(path);
            } else {
                let name = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                let label_file = name.starts_with("labels/") && name.ends_with(".yaml");
                if !(name.ends_with(".tera") || label_file) {
                    continue;
                }
                let text = fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
                found.push((name, text));
            }
        }
    }
    Ok(found)
}

/// How bytes reach an open output file: `put_all` writes them; tests substitute a writer that
/// fails part way, as a full disk does.
pub(crate) type Put = fn(&mut fs::File, &[u8]) -> io::Result<()>;

/// Writes all of `bytes` to `file`.
pub(crate) fn put_all(file: &mut fs::File, bytes: &[u8]) -> io::Result<()> {
    file.write_all(bytes)
}

/// Writes to standard output, or to a file as [`write_file`] does.
///
/// A reader of standard output that went away (`hkret render r.yaml | head`) is
/// [`Error::ReaderGone`], which ends the run quietly.
pub(crate) fn write_output(output: &Output, bytes: &[u8]) -> Result<(), Error> {
    match output {
        Output::Stdout => {
            let mut out = io::stdout().lock();
            out.write_all(bytes)
                .and_then(|()| out.flush())
                .map_err(|e| match e.kind() {
                    io::ErrorKind::BrokenPipe => Error::ReaderGone,
                    _ => Error::io("<stdout>", e),
                })
        }
        Output::File(path) => write_file(path, bytes, put_all),
    }
}

/// What an output path names, and so how it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// A regular file, or nothing yet: replaced atomically. The path is the link's final
    /// target when the output path was a symbolic link.
    Replace {
        /// The file to create or replace.
        path: PathBuf,
        /// Whether a regular file is there now.
        exists: bool,
    },
    /// A character device, named pipe or socket, or a descriptor of this process
    /// (`/dev/stdout`): opened and written directly.
    Direct(PathBuf),
}

impl Target {
    /// Whether a regular file is there now (what `init` and `next` do not overwrite).
    pub(crate) fn is_existing_file(&self) -> bool {
        matches!(self, Self::Replace { exists: true, .. })
    }
}

/// Symbolic links followed at most, as the kernel does (`ELOOP` beyond 40).
const MAX_LINKS: usize = 40;

/// Decides how `path` is written: follows symbolic links to their final target and refuses
/// what must not be written or replaced, naming it.
pub(crate) fn target(path: &Path) -> Result<Target, Error> {
    let mut current = path.to_path_buf();
    for _ in 0..=MAX_LINKS {
        let meta = match fs::symlink_metadata(&current) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                folder_exists(path, &current)?;
                return Ok(Target::Replace {
                    path: current,
                    exists: false,
                });
            }
            Err(e) if e.kind() == io::ErrorKind::NotADirectory => {
                return Err(under_a_file(path, &current));
            }
            Err(e) => return Err(Error::io(path, e)),
        };
        let kind = meta.file_type();
        if kind.is_symlink() {
            let link = fs::read_link(&current).map_err(|e| Error::io(path, e))?;
            if link.starts_with("/proc") || current.starts_with("/proc") {
                // A descriptor this process was given (`/dev/stdout` is a link to
                // `/proc/self/fd/1`): written through it, as the shell opened it, never replaced.
                return Ok(Target::Direct(current));
            }
            current = match current.parent() {
                Some(folder) => folder.join(link),
                None => link,
            };
        } else if kind.is_file() {
            return Ok(Target::Replace {
                path: current,
                exists: true,
            });
        } else if kind.is_dir() {
            return Err(Error::Usage(format!(
                "{} is a directory; give a file name for the output (for example {})",
                shown(path, &current),
                current.join("return.pdf").display()
            )));
        } else if is_block_device(&kind) {
            return Err(Error::Usage(format!(
                "{} is a block device (a disk); hkret does not write returns onto disks",
                shown(path, &current)
            )));
        } else {
            // Character device, named pipe or socket.
            return Ok(Target::Direct(current));
        }
    }
    Err(Error::Usage(format!(
        "{}: more than {MAX_LINKS} symbolic links in a row (a loop?)",
        path.display()
    )))
}

/// `path`, and where it leads when that is elsewhere: `link -> target`.
fn shown(path: &Path, resolved: &Path) -> String {
    if path == resolved {
        path.display().to_string()
    } else {
        format!("{} (-> {})", path.display(), resolved.display())
    }
}

/// The error for a path whose folder is a regular file: names that file.
fn under_a_file(path: &Path, resolved: &Path) -> Error {
    let file = resolved
        .ancestors()
        .skip(1)
        .find(|a| fs::metadata(a).is_ok_and(|m| m.is_file()))
        .unwrap_or(resolved);
    Error::Usage(format!(
        "{}: {} is a file, not a folder; choose an output in an existing folder",
        shown(path, resolved),
        file.display()
    ))
}

/// Checks that the folder a new file goes into exists and is a folder.
fn folder_exists(path: &Path, new: &Path) -> Result<(), Error> {
    let folder = folder_of(new);
    match fs::metadata(folder) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(under_a_file(path, new)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(Error::Usage(format!(
            "{}: the folder {} does not exist; create it first (mkdir -p {})",
            shown(path, new),
            folder.display(),
            folder.display()
        ))),
        Err(e) if e.kind() == io::ErrorKind::NotADirectory => Err(under_a_file(path, new)),
        Err(e) => Err(Error::io(folder, e)),
    }
}

/// The folder of a file path; `.` for a bare name.
pub(crate) fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

#[cfg(unix)]
fn is_block_device(kind: &fs::FileType) -> bool {
    std::os::unix::fs::FileTypeExt::is_block_device(kind)
}

#[cfg(not(unix))]
fn is_block_device(_: &fs::FileType) -> bool {
    false
}

/// Writes `bytes` to the output file `path` as [`target`] decides, through `put`.
pub(crate) fn write_file(path: &Path, bytes: &[u8], put: Put) -> Result<(), Error> {
    match target(path)? {
        Target::Replace { path: file, .. } => {
            write_atomic(&file, bytes, put).map_err(|e| Error::io(path, e))
        }
        // Appending: a file the shell opened for us with `>` is empty, one opened with `>>` keeps
        // what it had; to a pipe or a device it makes no difference.
        Target::Direct(special) => fs::OpenOptions::new()
            .append(true)
            .open(&special)
            .and_then(|mut f| put(&mut f, bytes).and_then(|()| f.flush()))
            .map_err(|e| Error::io(path, e)),
    }
}

/// Creates the output folder `dir` (given with the option `flag`) and its missing parents, or
/// says clearly why it cannot be: a file, or something else that is not a folder, stands there
/// or where one of its parents should be.
pub(crate) fn create_folder(dir: &Path, flag: &str) -> Result<(), Error> {
    match fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => return Ok(()),
        Ok(_) => {
            return Err(Error::Usage(format!(
                "{flag} {}: not a directory; the files are written into a directory",
                dir.display()
            )));
        }
        Err(_) => {}
    }
    fs::create_dir_all(dir).map_err(|e| match e.kind() {
        io::ErrorKind::NotADirectory | io::ErrorKind::AlreadyExists => Error::Usage(format!(
            "{flag} {}: cannot be created, a file stands where a folder of its path should be",
            dir.display()
        )),
        _ => Error::io(dir, e),
    })
}

/// How temporary files begin: hidden, and recognisably hkret's.
const TEMP_PREFIX: &str = ".hkret-";

/// Removes the temporary files in `dir` that a killed hkret left behind: those whose process no
/// longer runs, and this process's own (called before it writes any, so these are an earlier
/// process's that had the same number). A live process's files are left alone, so two runs can
/// share a directory. Where processes cannot be looked up (no `/proc`), nothing is removed.
pub(crate) fn remove_stale_temporaries(dir: &Path) {
    let proc = Path::new("/proc");
    if !proc.is_dir() {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((_, pid)) = temporary_name(&name) else {
            continue;
        };
        if pid == std::process::id() || !proc.join(pid.to_string()).exists() {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The file a temporary file's name stands for, and the process that wrote it:
/// `.hkret-{file}.{pid}.tmp` (see [`write_temporary`]).
fn temporary_name(name: &str) -> Option<(&str, u32)> {
    let rest = name.strip_prefix(TEMP_PREFIX)?.strip_suffix(".tmp")?;
    let (file, pid) = rest.rsplit_once('.')?;
    Some((file, pid.parse().ok()?))
}

/// This process's temporary files in `dir`, but those in `except`, each with the path of the
/// file it stands for; listed again until a listing finds none that `settle` left, so that
/// one missed while the folder changed under the listing is still found.
///
/// `settle` gets each temporary file and its file, and says whether it dealt with it (renamed
/// or removed it). Returns the files whose temporary file `settle` failed on, with the error.
pub(crate) fn settle_temporaries(
    dir: &Path,
    except: &[&Path],
    mut settle: impl FnMut(&Path, &Path) -> io::Result<()>,
) -> Vec<(String, io::Error)> {
    let own = std::process::id();
    let mut failed: Vec<(String, io::Error)> = Vec::new();
    loop {
        let Ok(entries) = fs::read_dir(dir) else {
            return failed;
        };
        let mut settled = 0;
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some((file, pid)) = temporary_name(&name) else {
                continue;
            };
            let tmp = entry.path();
            if pid != own || except.contains(&tmp.as_path()) {
                continue;
            }
            match settle(&tmp, &dir.join(file)) {
                Ok(()) => settled += 1,
                // Listed twice while the folder changed: dealt with already.
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => {
                    let _ = fs::remove_file(&tmp);
                    failed.push((file.to_owned(), e));
                }
            }
        }
        if settled == 0 {
            return failed;
        }
    }
}

/// Writes `bytes` to the regular file `path` through a temporary file beside it, flushed to disk
/// and renamed over it, so that no reader ever sees half a file. A file replaced keeps its
/// permissions. On failure the temporary file is removed and `path` is as it was.
fn write_atomic(path: &Path, bytes: &[u8], put: Put) -> io::Result<()> {
    let (tmp, file) = write_temporary(path, bytes, put)?;
    let result = file.sync_all().and_then(|()| fs::rename(&tmp, path));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Writes `bytes` through `put` to a new temporary file beside `path`, with the permissions of
/// the file at `path` if there is one; returns its name and the open file, not yet flushed to
/// disk. On failure nothing is left behind.
pub(crate) fn write_temporary(
    path: &Path,
    bytes: &[u8],
    put: Put,
) -> io::Result<(PathBuf, fs::File)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = folder_of(path).join(format!("{TEMP_PREFIX}{name}.{}.tmp", std::process::id()));
    let written = fs::File::create(&tmp).and_then(|mut f| {
        if let Ok(meta) = fs::metadata(path) {
            f.set_permissions(meta.permissions())?;
        }
        put(&mut f, bytes)?;
        Ok(f)
    });
    match written {
        Ok(f) => Ok((tmp, f)),
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests;
