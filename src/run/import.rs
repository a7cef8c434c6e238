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

/// Whether `path` holds a published return (a PDF, or a `.txt` text return) rather than YAML.
pub(super) fn is_published(path: &Path, source: &Source) -> bool {
    kind(&source.bytes) == Kind::Pdf
        || path
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("txt"))
}

/// `hkret validate` of a published return: imported, then checked; each problem names the
/// page (or line) of the source its block is on and the figure as printed. The exit code.
pub(super) fn validate_published(source: &Source, messages: MessageFormat) -> u8 {
    let Some(done) = imported(source, messages) else {
        return INVALID;
    };
    let yaml = Source {
        name: format!("{} (imported)", source.name),
        bytes: done.yaml.clone().into_bytes(),
    };
    let (found, code) = match crate::validate::build(&yaml) {
        Ok(checked) => (checked.warnings, OK),
        Err(found) => (found, INVALID),
    };
    let mut located = Diagnostics::default();
    for mut d in found.sorted() {
        let (place, printed) = source_of(&done.yaml, d.loc.line, d.loc.column);
        let at = place.map(|p| format!("{p}: ")).unwrap_or_default();
        d.message = match printed {
            Some(p) => format!("{at}{} (printed: {p})", d.message),
            None => format!("{at}{}", d.message),
        };
        d.file = source.name.as_str().into();
        d.loc = crate::diag::Loc::default();
        located.push(d);
    }
    print(&located, source, messages);
    code
}

/// The source place of the block around YAML line `line` (from the import's comments) and the
/// figure at `line`:`column` as the form prints it.
fn source_of(yaml: &str, line: u32, column: u32) -> (Option<String>, Option<String>) {
    let lines: Vec<&str> = yaml.lines().collect();
    let at = usize::try_from(line).unwrap_or(0);
    let place = lines[..at.min(lines.len())].iter().rev().find_map(|l| {
        let (_, comment) = l.split_once("  # ")?;
        comment.strip_suffix(" of the source").map(str::to_owned)
    });
    let value = lines
        .get(at.wrapping_sub(1))
        .and_then(|l| {
            let start = usize::try_from(column).unwrap_or(1).saturating_sub(1);
            l.chars()
                .skip(start)
                .collect::<String>()
                .split([',', '}', ' '])
                .next()
                .map(str::to_owned)
        })
        .and_then(|v| v.trim_matches('"').parse::<i128>().ok())
        .map(crate::render::format::count_wide);
    (place, value)
}
