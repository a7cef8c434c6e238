//! Drives the stages for the command line. The only module that reads or writes files and
//! prints to the terminal.

mod bulk;
mod files;
mod import;
mod man;
mod staged;
mod terminal;
mod writer;

pub use bulk::BulkOptions;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::{Cli, Command, Invocation, LangChoice, Output};
use crate::diag::Diagnostics;
use crate::diag::show::{MessageFormat, show};
use crate::error::Error;
use crate::input::Source;
use crate::model::Lang;
use crate::render::pdf::{Attachment, PdfRender, PdfaLevel, render_pdf};
use crate::render::templates::Templates;
use crate::render::{Format, render_text_in, unread_labels};
use crate::validate::build;
use crate::validate::chinese::missing_chinese;
use files::{load_overrides, read_source, write_output};

/// Exit status: everything went well.
const OK: u8 = 0;
/// Exit status: an input has mistakes.
const INVALID: u8 = 1;
/// Exit status: usage, file or internal error.
const FAILED: u8 = 2;
/// Exit status when the reader of standard output went away: 128 + `SIGPIPE` (13), what a shell
/// reports for `cat` ended by the signal. Nothing is printed, as neither cat nor ripgrep does.
const READER_GONE: u8 = 141;

/// Runs one resolved command and returns the process exit code.
pub fn run(invocation: Invocation) -> ExitCode {
    // JSON diagnostics go to standard output, for tools, unless the command's own output does.
    let stdout_taken = match &invocation.command {
        Command::Render { output, .. } | Command::Next { output, .. } => {
            matches!(output, Output::Stdout)
        }
        Command::Diff { .. } => true,
        _ => false,
    };
    let messages = match invocation.messages {
        MessageFormat::Json { .. } => MessageFormat::Json {
            stdout: !stdout_taken,
        },
        other => other,
    };
    let result = match invocation.command {
        Command::Validate { files, lang } => validate(&files, lang, messages),
        Command::Render {
            file,
            output,
            format,
            templates,
            pdf,
            lang,
        } => render(
            &file,
            &output,
            format,
            templates.as_deref(),
            (pdf, lang),
            messages,
        ),
        Command::Schema { output } => {
            write_output(&output, crate::schema::schema().as_bytes()).map(|()| OK)
        }
        Command::Init { options, output } => init(&options, &output),
        Command::Diff { old, new } => diff(&old, &new, messages),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "hkret", &mut script);
            write_output(&Output::Stdout, &script).map(|()| OK)
        }
        Command::Bulk(options) => bulk::bulk(&options, messages),
        Command::Verify { dir, quiet } => bulk::verify(&dir, quiet),
        Command::Import { input, output, out } => {
            import::import(&input, &output, out.as_deref(), messages)
        }
        Command::Next { file, output } => next(&file, &output, messages),
        Command::Chain { files } => chain(&files, messages),
        Command::Man { command, dir } => man::man(command.as_deref(), dir.as_deref()),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Error::ReaderGone) => ExitCode::from(READER_GONE),
        Err(e) => {
            report_error(&e);
            ExitCode::from(FAILED)
        }
    }
}

fn report_error(e: &Error) {
    terminal::say_line(&format!("error: {e}"));
}

/// Prints `diagnostics` of `source` in the chosen format.
fn report(diagnostics: Diagnostics, source: &Source, messages: MessageFormat) {
    let text = String::from_utf8_lossy(&source.bytes);
    for d in diagnostics.sorted() {
        print_one(&d, messages, Some(&text));
    }
}

fn validate(files: &[PathBuf], lang: Lang, messages: MessageFormat) -> Result<u8, Error> {
    let mut code = OK;
    for path in files {
        let source = read_source(path)?;
        if import::is_published(path, &source) {
            code = code.max(import::validate_published(&source, messages));
            continue;
        }
        // A file may be a stream of returns (`---` between them): every one is checked.
        let documents = match crate::validate::build_all(&source) {
            Ok(documents) => documents,
            Err(found) => vec![Err(found)],
        };
        for document in documents {
            match document {
                Ok(checked) => {
                    let mut found = checked.warnings;
                    if lang == Lang::Zh {
                        found.extend(missing_chinese(&checked.filing, &source.name));
                    }
                    if found.has_errors() {
                        code = INVALID;
                    }
                    report(found, &source, messages);
                }
                Err(found) => {
                    report(found, &source, messages);
                    code = INVALID;
                }
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

/// Refuses to write over an existing regular file (or one a link leads to), and any output path
/// that cannot be written at all, before any work is done.
fn fresh(output: &Output, what: &str) -> Result<(), Error> {
    match output {
        Output::File(path) if files::target(path)?.is_existing_file() => {
            Err(Error::Usage(format!(
                "{} exists already; hkret {what} does not overwrite a return",
                path.display()
            )))
        }
        _ => Ok(()),
    }
}

fn next(file: &Path, output: &Output, messages: MessageFormat) -> Result<u8, Error> {
    fresh(output, "next")?;
    let source = read_source(file)?;
    let Some(this) = checked(&source, messages) else {
        return Ok(INVALID);
    };
    write_output(output, crate::bulk::next::next(&this.filing).as_bytes())?;
    Ok(OK)
}

fn chain(files: &[PathBuf], messages: MessageFormat) -> Result<u8, Error> {
    let sources = files
        .iter()
        .map(|f| read_source(f))
        .collect::<Result<Vec<_>, _>>()?;
    let mut filings = Vec::new();
    let mut code = OK;
    for source in &sources {
        match checked(source, messages) {
            Some(c) => filings.push((source, c.filing)),
            None => code = INVALID,
        }
    }
    let mut links: Vec<crate::bulk::chain::Link<'_>> = filings
        .iter()
        .map(|(s, f)| crate::bulk::chain::Link {
            file: &s.name,
            filing: f,
        })
        .collect();
    let checked = crate::bulk::chain::chain(&mut links);
    if checked.found.has_errors() {
        code = INVALID;
    }
    if let Some(whole) = checked.whole.filter(|_| code == OK) {
        // With JSON on standard output, the summary is one more JSON line.
        let line = if messages == (MessageFormat::Json { stdout: true }) {
            serde_json::json!({ "severity": "note", "code": "chain_whole", "message": whole })
                .to_string()
        } else {
            whole
        };
        write_output(&Output::Stdout, format!("{line}\n").as_bytes())?;
    }
    for d in checked.found.sorted() {
        let source = sources.iter().find(|s| *s.name == *d.file);
        let text = source.map(|s| String::from_utf8_lossy(&s.bytes).into_owned());
        print_one(&d, messages, text.as_deref());
    }
    Ok(code)
}

/// Prints one diagnostic: JSON to standard output when it is free, everything else (and JSON
/// when the command writes its output there) to standard error. Each written whole, so that
/// threads do not interleave them.
pub(crate) fn print_one(d: &crate::diag::Diagnostic, messages: MessageFormat, text: Option<&str>) {
    let shown = show(d, messages, text);
    if messages == (MessageFormat::Json { stdout: true }) {
        terminal::say_out(&shown);
    } else {
        terminal::say(&shown);
    }
}

fn init(options: &crate::init::InitOptions, output: &Output) -> Result<u8, Error> {
    fresh(output, "init")?;
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
    // As diff(1): 0 when the returns print the same, 1 when they differ.
    Ok(if changes.is_empty() { OK } else { INVALID })
}

fn render(
    file: &Path,
    output: &Output,
    format: Format,
    templates: Option<&Path>,
    (pdf, choice): (PdfRender, LangChoice),
    messages: MessageFormat,
) -> Result<u8, Error> {
    if let Output::File(path) = output {
        // An output that cannot be written is said before the work, not after it.
        files::target(path)?;
    }
    let source = read_source(file)?;
    let Some(checked) = checked(&source, messages) else {
        return Ok(INVALID);
    };
    let overrides = templates
        .map(load_overrides)
        .transpose()?
        .unwrap_or_default();
    let templates = Templates::new(&overrides)?;
    let lang = choice.lang;
    // A layout without wording in the language is refused before its texts are looked at.
    templates.check_wording(checked.filing.layout, lang.tag())?;
    if lang == Lang::Zh {
        let missing = missing_chinese(&checked.filing, &source.name);
        if choice.fallback_english || !missing.has_errors() {
            report(
                chinese_warnings(&checked.filing, &templates, &missing, &source.name)?,
                &source,
                messages,
            );
        } else {
            report(missing, &source, messages);
            return Ok(INVALID);
        }
    }
    let bytes = match format {
        Format::Text => {
            let mut text = render_text_in(&checked.filing, &templates, lang)?;
            // The return ends with its last line, as published; a terminal's prompt goes
            // below it, not after it.
            if *output == Output::Stdout && std::io::stdout().is_terminal() {
                text.push('\n');
            }
            text.into_bytes()
        }
        Format::Pdf => {
            let pdf = PdfRender {
                source: attachment(&source, pdf.pdfa),
                lang,
                ..pdf
            };
            match render_pdf(&checked.filing, &templates, &pdf) {
                Ok(bytes) => bytes,
                Err(e) => match unprintable(&source, &e) {
                    Some(found) => {
                        report(found, &source, messages);
                        return Ok(INVALID);
                    }
                    None => return Err(e),
                },
            }
        }
    };
    write_output(output, &bytes)?;
    // The process ends after this return: the compiled templates are left to it rather than
    // taken apart one allocation at a time (1.4% of one Moon PDF's instructions).
    std::mem::forget(templates);
    Ok(OK)
}

/// What a Chinese rendering warns about: how many of its labels are not read verbatim on an
/// official Chinese return, and how many texts print in English for want of their Chinese.
fn chinese_warnings(
    filing: &crate::model::Filing,
    templates: &Templates,
    missing: &Diagnostics,
    file: &str,
) -> Result<Diagnostics, Error> {
    let mut report = crate::diag::Reporter::new(file);
    let start = crate::diag::Loc::new(1, 1);
    let unread = unread_labels(filing, templates, Lang::Zh)?;
    if unread > 0 {
        report
            .warning(start, "", format!("{unread} of the Chinese labels this return prints are not read on an official Chinese return (inferred, or worded after the Listing Rules)"))
            .hint("the README lists them; templates/labels/zh-Hant.yaml gives each label's source");
    }
    let english = missing.iter().count();
    if english > 0 {
        report
            .warning(start, "", format!("{english} texts print in English (--fallback-english): they have no Chinese text"))
            .hint("add their `_zh` texts; without --fallback-english each is named");
    }
    Ok(report.finish())
}

/// The source to embed in the PDF: with PDF/A-3b only, under its file name.
pub(crate) fn attachment(source: &Source, level: PdfaLevel) -> Option<Attachment> {
    (level == PdfaLevel::A3b).then(|| Attachment {
        name: Path::new(&source.name).file_name().map_or_else(
            || "return.yaml".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        ),
        data: source.bytes.clone(),
    })
}

/// A character that no embedded font can draw is a mistake in the input, not a failure of hkret:
/// the diagnostic points at its first occurrence in the source.
pub(crate) fn unprintable(source: &Source, error: &Error) -> Option<Diagnostics> {
    let Error::Pdf {
        source: crate::render::pdf::PdfError::MissingGlyph { ch, .. },
        ..
    } = error
    else {
        return None;
    };
    let text = String::from_utf8_lossy(&source.bytes);
    let (line_index, line) = text.lines().enumerate().find(|(_, l)| l.contains(*ch))?;
    let column = line.chars().position(|c| c == *ch)? + 1;
    let mut report = crate::diag::Reporter::new(&source.name);
    let loc = crate::diag::Loc::new(
        u32::try_from(line_index + 1).ok()?,
        u32::try_from(column).ok()?,
    );
    report
        .error(loc, "", format!("no font of the PDF can draw the character {ch:?} (U+{:04X})", u32::from(*ch)))
        .hint("the PDF fonts cover Latin scripts and Traditional Chinese; replace the character, or render as text");
    Some(report.finish())
}
