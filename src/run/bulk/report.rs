//! The end of `hkret bulk`: every document that could not be written named with the reason, the
//! summary, what a manifest that could not be saved means for the next run; and `hkret verify`.

use std::path::Path;

use crate::bulk::manifest::{self, Entry, Manifest};
use crate::error::Error;
use crate::run::bulk::BulkOptions;
use crate::run::bulk::listing::Counts;
use crate::run::terminal::say_line;

/// Reports the end of a run and returns its exit code: each of `unwritten` (the documents that
/// failed to render or be written) with its reason, then the summary, then, if `saved` failed,
/// what the manifest on disk now is. The summary is printed even with `--quiet` when anything
/// failed, so that a failure is never silent.
pub(super) fn finish(
    counts: &Counts,
    unwritten: &[Entry],
    options: &BulkOptions,
    saved: Result<(), Error>,
) -> u8 {
    for entry in unwritten {
        let reason = entry
            .diagnostics
            .iter()
            .map(|d| d.strip_prefix("error: ").unwrap_or(d))
            .collect::<Vec<_>>()
            .join("; ");
        say_line(&format!(
            "error: {} (document {}) not written: {reason}",
            entry.input, entry.index
        ));
    }
    let Counts {
        written,
        skipped,
        invalid,
        failed,
    } = *counts;
    let path = options.out.join(manifest::FILE);
    let where_listed = match &saved {
        Ok(()) => format!("manifest in {}", path.display()),
        Err(_) => "manifest NOT written".to_owned(),
    };
    if !options.quiet || failed > 0 || saved.is_err() {
        say_line(&format!(
            "bulk: {} documents: {written} written, {skipped} skipped, {invalid} invalid, {failed} failed; {where_listed}",
            counts.total(),
        ));
    }
    if let Err(e) = &saved {
        say_line(&format!("error: the manifest could not be written: {e}"));
        say_line(&unsaved_means(&path));
    }
    if failed > 0 || saved.is_err() {
        super::super::FAILED
    } else if invalid > 0 {
        super::super::INVALID
    } else {
        super::super::OK
    }
}

/// What a manifest that could not be replaced means for `verify` and `--skip-existing`: the
/// manifest is written atomically, so the one on disk (if any) is the previous run's, whole.
fn unsaved_means(path: &Path) -> String {
    if path.is_file() {
        format!(
            "note: {} is still the previous run's: `hkret verify` checks only the files it lists, and a \
             re-run with --skip-existing keeps only those it lists as complete and unchanged; \
             every other document of this run will be rendered again",
            path.display()
        )
    } else {
        format!(
            "note: there is no manifest at {}: `hkret verify` has nothing to check, and a re-run \
             with --skip-existing renders every document again (free some space first)",
            path.display()
        )
    }
}

/// Runs `hkret verify DIR`: re-hashes every output the manifest lists.
///
/// # Errors
/// [`Error::Io`] when there is no readable manifest.
pub(crate) fn verify(dir: &Path, quiet: bool) -> Result<u8, Error> {
    let path = dir.join(manifest::FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
    let manifest: Manifest = serde_json::from_str(&text)
        .map_err(|e| Error::Usage(format!("{}: not an hkret manifest: {e}", path.display())))?;
    let mut bad = 0;
    let mut checked = 0;
    for entry in &manifest.documents {
        for output in &entry.outputs {
            checked += 1;
            let file = dir.join(&output.file);
            // Only a regular file is read: a named pipe put in its place would never end.
            let read = match std::fs::metadata(&file) {
                Ok(meta) if !meta.is_file() => {
                    bad += 1;
                    say_line(&format!("{}: not a regular file any more", file.display()));
                    continue;
                }
                _ => std::fs::read(&file),
            };
            match read {
                Ok(bytes) if manifest::sha256(&bytes) == output.sha256 => {}
                Ok(_) => {
                    bad += 1;
                    say_line(&format!(
                        "{}: changed since it was written (SHA-256 differs from the manifest)",
                        file.display()
                    ));
                }
                Err(e) => {
                    bad += 1;
                    say_line(&format!("{}: {e}", file.display()));
                }
            }
        }
    }
    if !quiet {
        say_line(&format!(
            "verify: {checked} files checked, {bad} changed or missing"
        ));
    }
    Ok(if bad > 0 {
        super::super::INVALID
    } else {
        super::super::OK
    })
}
