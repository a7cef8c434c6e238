//! The command line: clap's raw flags (their doc comments are `--help`) and their resolution
//! into [`Command`], the only form the rest of hkret sees.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::error::Error;
use crate::render::Format;
use crate::render::pdf::{PdfRender, PdfaLevel};

const EXIT_CODES: &str = "\
Exit codes:
  0  success (warnings may have been printed)
  1  invalid input: the return has mistakes, listed with file:line:column
  2  usage, file or internal error

Examples:
  hkret validate examples/ff301-2026-01-moon-inc.yaml
  hkret render examples/ff301-2022-11-qingdao-ainnovation.yaml
  hkret render examples/ff301-2026-01-moon-inc.yaml --pdf -o moon.pdf";

/// Validate and render the HKEX FF301 monthly return from YAML.
#[derive(Debug, Parser)]
#[command(name = "hkret", version, about, after_help = EXIT_CODES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: CliCommand,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Check returns against the form's rules and print every problem found.
    #[command(after_help = "Example:\n  hkret validate returns/*.yaml")]
    Validate {
        /// Return files (YAML); `-` reads standard input.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Render a return as text (default) or PDF.
    #[command(
        after_help = "Examples:\n  hkret render return.yaml\n  hkret render return.yaml --pdf -o return.pdf"
    )]
    Render {
        /// The return file (YAML); `-` reads standard input.
        file: PathBuf,
        /// Where to write; `-` or nothing writes to standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Output format; inferred from the output's extension when not given.
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
        /// Short for `--format pdf`.
        #[arg(long, conflicts_with = "format")]
        pdf: bool,
        /// A directory of templates replacing the built-in ones of the same name
        /// (`1.2.0/form.txt.tera`, `1.2.0/form.pdf.tera`, ...).
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        /// PDF/A conformance level of PDF output: 1b (default: accepted by every archive and
        /// checked by `PDFBox` Preflight), 2b, or 3b (embeds the YAML source in the PDF).
        #[arg(long, value_name = "LEVEL", default_value_t = PdfaLevel::A1b)]
        pdfa: PdfaLevel,
    },
    /// Print the JSON Schema (draft-07) of the input format, for editors.
    Schema {
        /// Where to write; standard output when not given.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Text, as the published return.
    Text,
    /// Archival PDF.
    Pdf,
}

/// Where output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// Standard output.
    Stdout,
    /// A file, written atomically.
    File(PathBuf),
}

/// A command with every flag resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `validate`.
    Validate {
        /// Inputs.
        files: Vec<PathBuf>,
    },
    /// `render`.
    Render {
        /// Input.
        file: PathBuf,
        /// Output.
        output: Output,
        /// Format.
        format: Format,
        /// Template override directory.
        templates: Option<PathBuf>,
        /// How to write a PDF: PDF/A level and the document date.
        pdf: PdfRender,
    },
    /// `schema`.
    Schema {
        /// Output.
        output: Output,
    },
}

fn output(path: Option<PathBuf>) -> Output {
    match path {
        Some(p) if p.as_os_str() != "-" => Output::File(p),
        _ => Output::Stdout,
    }
}

/// The document date from `SOURCE_DATE_EPOCH` (reproducible builds), if set.
fn source_date_epoch() -> Result<Option<chrono::NaiveDateTime>, Error> {
    let Ok(value) = std::env::var("SOURCE_DATE_EPOCH") else {
        return Ok(None);
    };
    let secs: i64 = value.trim().parse().map_err(|_| {
        Error::Usage(format!(
            "SOURCE_DATE_EPOCH={value:?} is not a number of seconds"
        ))
    })?;
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|d| Some(d.naive_utc()))
        .ok_or_else(|| Error::Usage(format!("SOURCE_DATE_EPOCH={value:?} is out of range")))
}

impl Cli {
    /// Resolves the raw flags into a [`Command`].
    ///
    /// # Errors
    /// [`Error::Usage`] for combinations clap cannot refuse on its own.
    pub fn resolve(self) -> Result<Command, Error> {
        Ok(match self.command {
            CliCommand::Validate { files } => Command::Validate { files },
            CliCommand::Render {
                file,
                output: out,
                format,
                pdf,
                templates,
                pdfa,
            } => {
                let by_extension = out
                    .as_ref()
                    .and_then(|p| p.extension())
                    .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
                let format = match (format, pdf) {
                    (Some(FormatArg::Pdf), _) | (None, true) => Format::Pdf,
                    (Some(FormatArg::Text), _) => Format::Text,
                    (None, false) if by_extension => Format::Pdf,
                    (None, false) => Format::Text,
                };
                let pdf = PdfRender {
                    pdfa,
                    date: source_date_epoch()?,
                    source: None,
                };
                Command::Render {
                    file,
                    output: output(out),
                    format,
                    templates,
                    pdf,
                }
            }
            CliCommand::Schema { output: out } => Command::Schema {
                output: output(out),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
