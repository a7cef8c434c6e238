//! `hkret import`: published returns (PDF or text) to YAML files, one or a directory at a time.

use std::fs;
use std::path::{Path, PathBuf};

use super::files::{read_source, write_output};
use super::{FAILED, INVALID, OK};
use crate::cli::Output;
use crate::diag::Diagnostics;
use crate::diag::show::{MessageFormat, show};
use crate::error::Error;
use crate::import::{Imported, Kind, import as read_return, kind};
use crate::input::Source;

/// Imports `input` (a file, or with `out` a directory) and writes the YAML.
pub(super) fn import(
    input: &Path,
    output: &Output,
    out: Option<&Path>,
    messages: MessageFormat,
) -> Result<u8, Error> {
    if input.is_dir() {
        let Some(out) = out else {
            return Err(Error::Usage(format!(
                "{} is a directory: give --out DIR to import every return in it",
                input.display()
            )));
        };
        return import_dir(input, out, messages);
    }
    if out.is_some() {
        return Err(Error::Usage(
            "--out is for a directory of returns; for one return use -o FILE".to_owned(),
        ));
    }
    let source = read_source(input)?;
    match imported(&source, messages) {
        Some(done) => {
            write_output(output, done.yaml.as_bytes())?;
            Ok(OK)
        }
        None => Ok(INVALID),
    }
}

/// Imports every `*.pdf` and `*.txt` of `dir` into `out/NAME.yaml`, sorted by name.
fn import_dir(dir: &Path, out: &Path, messages: MessageFormat) -> Result<u8, Error> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("pdf") || x.eq_ignore_ascii_case("txt"))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Error::Usage(format!(
            "{} has no *.pdf or *.txt return to import",
            dir.display()
        )));
    }
    super::files::create_folder(out, "--out")?;
    let mut code = OK;
    for file in &files {
        let source = match read_source(file) {
            Ok(s) => s,
            Err(e) => {
                super::report_error(&e);
                code = FAILED;
                continue;
            }
        };
        let Some(done) = imported(&source, messages) else {
            code = code.max(INVALID);
            continue;
        };
        let stem = file.file_stem().unwrap_or_default();
        let target = out.join(stem).with_extension("yaml");
        if let Err(e) = write_output(&Output::File(target), done.yaml.as_bytes()) {
            super::report_error(&e);
            code = FAILED;
        }
    }
    Ok(code)
}

/// Imports one source, printing its warnings or errors; `None` when nothing can be written.
pub(super) fn imported(source: &Source, messages: MessageFormat) -> Option<Imported> {
    match read_return(&source.name, &source.bytes) {
        Ok(done) => {
            print(&done.warnings, source, messages);
            Some(done)
        }
        Err(problems) => {
            print(&problems, source, messages);
            None
        }
    }
}

/// Prints problems of a source: with its lines when it is text, without for a PDF.
fn print(problems: &Diagnostics, source: &Source, messages: MessageFormat) {
    let text = match kind(&source.bytes) {
        Kind::Text => Some(String::from_utf8_lossy(&source.bytes)),
        Kind::Pdf => None,
    };
    for d in problems.clone().sorted() {
        super::terminal::say(&show(&d, messages, text.as_deref()));
    }
}
