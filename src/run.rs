//! Drives the stages for the command line. The only module that reads or writes files and
//! prints to the terminal.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::{Cli, Command, Invocation, Output};
use crate::diag::Diagnostics;
use crate::diag::show::{MessageFormat, show};
use crate::error::Error;
use crate::input::Source;
use crate::render::pdf::{Attachment, PdfRender, render_pdf};
use crate::render::templates::Templates;
use crate::render::{Format, render_text};
use crate::validate::build;

/// Exit status: everything went well.
const OK: u8 = 0;
/// Exit status: an input has mistakes.
const INVALID: u8 = 1;
/// Exit status: usage, file or internal error.
const FAILED: u8 = 2;

/// Runs one resolved command and returns the process exit code.
pub fn run(invocation: Invocation) -> ExitCode {
    let messages = invocation.messages;
    let result = match invocation.command {
        Command::Validate { files } => validate(&files, messages),
        Command::Render {
            file,
            output,
            format,
            templates,
            pdf,
        } => render(&file, &output, format, templates.as_deref(), pdf, messages),
        Command::Schema { output } => {
            write_output(&output, crate::schema::SCHEMA.as_bytes()).map(|()| OK)
        }
        Command::Init { options, output } => init(&options, &output),
        Command::Diff { old, new } => diff(&old, &new, messages),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "hkret", &mut script);
            write_output(&Output::Stdout, &script).map(|()| OK)
        }
        Command::Man => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut page)
                .map_err(|e| Error::io("<man page>", e))
                .and_then(|()| write_output(&Output::Stdout, &page))
                .map(|()| OK)
        }
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            report_error(&e);
            ExitCode::from(FAILED)
        }
    }
}

#[allow(
    clippy::print_stderr,
    reason = "run is where hkret talks to the terminal"
)]
fn report_error(e: &Error) {
    eprintln!("error: {e}");
}

/// Prints `diagnostics` of `source` to standard error in the chosen format.
#[allow(
    clippy::print_stderr,
    reason = "run is where hkret talks to the terminal"
)]
fn report(diagnostics: Diagnostics, source: &Source, messages: MessageFormat) {
    let text = String::from_utf8_lossy(&source.bytes);
    for d in diagnostics.sorted() {
        eprint!("{}", show(&d, messages, Some(&text)));
    }
}

/// Reads an input file, or standard input for `-`.
fn read_source(path: &Path) -> Result<Source, Error> {
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

fn validate(files: &[PathBuf], messages: MessageFormat) -> Result<u8, Error> {
    let mut code = OK;
    for path in files {
        let source = read_source(path)?;
        match build(&source) {
            Ok(checked) => report(checked.warnings, &source, messages),
            Err(found) => {
                report(found, &source, messages);
                code = INVALID;
            }
        }
    }
    Ok(code)
}

/// Reads and checks one return, printing its problems; `None` when it has errors.
fn checked(source: &Source, messages: MessageFormat) -> Option<crate::validate::Checked> {
    match build(source) {
        Ok(c) => {
            report(c.warnings.clone(), source, messages);
            Some(c)
        }
        Err(found) => {
            report(found, source, messages);
            None
        }
    }
}

fn init(options: &crate::init::InitOptions, output: &Output) -> Result<u8, Error> {
    if let Output::File(path) = output
        && path.exists()
    {
        return Err(Error::Usage(format!(
            "{} exists already; hkret init does not overwrite a return",
            path.display()
        )));
    }
    let text = crate::init::skeleton(options, &Templates::built_in()?)?;
    write_output(output, text.as_bytes())?;
    Ok(OK)
}

fn diff(old: &Path, new: &Path, messages: MessageFormat) -> Result<u8, Error> {
    let (old, new) = (read_source(old)?, read_source(new)?);
    let (Some(a), Some(b)) = (checked(&old, messages), checked(&new, messages)) else {
        return Ok(INVALID);
    };
    let changes = crate::diff::diff(
        &crate::render::view::view(&a.filing),
        &crate::render::view::view(&b.filing),
    );
    write_output(&Output::Stdout, crate::diff::report(&changes).as_bytes())?;
    Ok(OK)
}

/// Reads every `*.tera` file under `dir` as an override named by its path relative to `dir`.
fn load_overrides(dir: &Path) -> Result<Vec<(String, String)>, Error> {
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
            } else if path.extension().is_some_and(|e| e == "tera") {
                let name = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                let text = fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
                found.push((name, text));
            }
        }
    }
    Ok(found)
}

fn render(
    file: &Path,
    output: &Output,
    format: Format,
    templates: Option<&Path>,
    pdf: PdfRender,
    messages: MessageFormat,
) -> Result<u8, Error> {
    let source = read_source(file)?;
    let Some(checked) = checked(&source, messages) else {
        return Ok(INVALID);
    };
    let overrides = templates
        .map(load_overrides)
        .transpose()?
        .unwrap_or_default();
    let templates = Templates::new(&overrides)?;
    let bytes = match format {
        Format::Text => render_text(&checked.filing, &templates)?.into_bytes(),
        Format::Pdf => {
            let name = file.file_name().map_or_else(
                || "return.yaml".to_owned(),
                |n| n.to_string_lossy().into_owned(),
            );
            let source = Some(Attachment {
                name,
                data: source.bytes.clone(),
            });
            render_pdf(&checked.filing, &templates, &PdfRender { source, ..pdf })?
        }
    };
    write_output(output, &bytes)?;
    Ok(OK)
}

/// Writes to standard output, or to a file atomically: a temporary file beside it, flushed to
/// disk, then renamed over the target, so that no reader ever sees half a file.
fn write_output(output: &Output, bytes: &[u8]) -> Result<(), Error> {
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

/// Writes `bytes` to `path` through a temporary file and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
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
