//! Reading inputs and writing outputs: standard input and output, size limits, atomic writes.

use std::fs;
use std::io::{Read, Write};
use std::path::Path;

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
        if file.metadata().map_err(|e| Error::io(path, e))?.is_dir() {
            return Err(Error::Usage(format!(
                "{name} is a directory, not a return file"
            )));
        }
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

/// Writes to standard output, or to a file atomically: a temporary file beside it, flushed to
/// disk, then renamed over the target, so that no reader ever sees half a file.
pub(crate) fn write_output(output: &Output, bytes: &[u8]) -> Result<(), Error> {
    match output {
        Output::Stdout => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)
                .and_then(|()| out.flush())
                .map_err(|e| Error::io("<stdout>", e))
        }
        Output::File(path) => write_atomic(path, bytes),
    }
}

/// How temporary files begin: hidden, and recognisably hkret's.
const TEMP_PREFIX: &str = ".hkret-";

/// Removes the temporary files in `dir` that a killed hkret left behind: those whose process no
/// longer runs. A live process's files are left alone, so two runs can share a directory. Where
/// processes cannot be looked up (no `/proc`), nothing is removed.
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
        let Some(rest) = name
            .strip_prefix(TEMP_PREFIX)
            .and_then(|r| r.strip_suffix(".tmp"))
        else {
            continue;
        };
        let Some(pid) = rest.rsplit('.').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if !proc.join(pid.to_string()).exists() {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Writes `bytes` to `path` through a temporary file and a rename.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!("{TEMP_PREFIX}{name}.{}.tmp", std::process::id()));
    let written = fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    if let Err(e) = written.and_then(|()| fs::rename(&tmp, path)) {
        let _ = fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    Ok(())
}
