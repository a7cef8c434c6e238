//! The raw command line: clap's derive structs, whose doc comments are `--help`, the manual
//! pages and the completion scripts. Only flags live here; what they mean is decided in
//! `resolve`, and nothing else in hkret reads these types.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::render::pdf::PdfaLevel;

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
    /// How to print problems: human (with the source line; the default on a terminal), short
    /// (`file:line:column: error: ...`, the default otherwise) or json (one object per line).
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub message_format: Option<MessageFormatArg>,
}

/// `--message-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormatArg {
    /// The source line with a caret under the value, and the hint.
    Human,
    /// One located line per problem, and its hint.
    Short,
    /// JSON Lines, for tools.
    Json,
}

/// The subcommands. Each one's arguments are built only when it is the one asked for (or when
/// help, completions or manual pages need them all): building every subcommand's was a tenth of
/// the pages a `render` touches.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum CliCommand {
    /// Check returns against the form's rules and print every problem found.
    #[command(after_help = "Example:\n  hkret validate returns/*.yaml")]
    Validate {
        /// Return files (YAML); `-` reads standard input.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Also check that every text the Chinese return prints has its Chinese (`zh`).
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
    },
    /// Render a return as text (default) or PDF.
    #[command(
        after_help = "Examples:\n  hkret render return.yaml\n  hkret render return.yaml --pdf -o return.pdf\n  hkret render return.yaml --lang zh --pdf -o return.zh.pdf"
    )]
    Render {
        /// The return file (YAML); `-` reads standard input.
        file: PathBuf,
        /// Where to write; `-` writes to standard output. Without it, text goes to standard
        /// output and a PDF beside its input (`return.yaml` → `return.pdf`).
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
        /// The language of the return: `en`, or `zh` for the form's Traditional Chinese
        /// version with the Chinese texts (`name_zh`, `description_zh`, ...) of the input.
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
        /// In Chinese, print the English text where the input has no Chinese one, instead of
        /// refusing the return.
        #[arg(long)]
        fallback_english: bool,
    },
    /// Render a month of returns at once: files, directories, multi-document streams, or a
    /// return template filled in from a data table.
    #[command(
        after_help = "Examples:\n  hkret bulk returns/ --out out/ --format both\n  hkret bulk --template return.yaml.tera --data issuers.csv --out out/ --name '{{stock_code}}-{{month}}'"
    )]
    Bulk {
        /// Return files, directories of `*.yaml` (sorted), or multi-document streams.
        inputs: Vec<PathBuf>,
        /// Where to write the returns and `manifest.json`.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// What to write.
        #[arg(long, value_enum, default_value_t = BulkFormat::Pdf)]
        format: BulkFormat,
        /// Threads to use; all cores by default.
        #[arg(long, value_name = "N")]
        jobs: Option<usize>,
        /// Output name pattern (Tera), from `stock_code`, `month_ended`, `month`, `issuer`, `stem`,
        /// `index`.
        #[arg(long, value_name = "PATTERN", default_value = crate::bulk::names::DEFAULT_PATTERN)]
        name: String,
        /// A return template (YAML with Tera placeholders), filled in once per row of `--data`.
        #[arg(long, value_name = "FILE", requires = "data")]
        template: Option<PathBuf>,
        /// The data table for `--template`: CSV with a header row, or a YAML list of mappings.
        #[arg(long, value_name = "FILE", requires = "template")]
        data: Option<PathBuf>,
        /// Keep outputs that an earlier run completed (listed in its manifest, unchanged, newer
        /// than their input).
        #[arg(long)]
        skip_existing: bool,
        /// No progress bar and no summary.
        #[arg(short, long)]
        quiet: bool,
        /// A directory of templates replacing the built-in ones of the same name.
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        /// PDF/A conformance level of PDF output.
        #[arg(long, value_name = "LEVEL", default_value_t = PdfaLevel::A1b)]
        pdfa: PdfaLevel,
        /// The languages to write each return in, such as `en,zh` (the name pattern's
        /// `{{lang}}` tells them apart; the default pattern adds `.zh` to Chinese names).
        #[arg(long, value_enum, value_delimiter = ',', default_value = "en")]
        lang: Vec<LangArg>,
        /// In Chinese, print the English text where an input has no Chinese one.
        #[arg(long)]
        fallback_english: bool,
    },
    /// Check a bulk output directory against its manifest: any file changed since it was written.
    #[command(after_help = "Example:\n  hkret verify out/")]
    Verify {
        /// The output directory of a `hkret bulk` run.
        dir: PathBuf,
        /// Print only problems.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Read a published return (the exchange's PDF, a PDF hkret rendered, or the published
    /// text) into hkret's YAML; every piece left out is a warning naming its page or line.
    #[command(
        after_help = "Examples:\n  hkret import ff301-2026-01.pdf -o moon-2026-01.yaml\n  hkret import published/ --out returns/"
    )]
    Import {
        /// A return (`.pdf` or text), or a directory of them with `--out`.
        input: PathBuf,
        /// Where to write the YAML; standard output when not given.
        #[arg(short, long, conflicts_with = "out")]
        output: Option<PathBuf>,
        /// With a directory: the directory to write one `NAME.yaml` per return into.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Next month's return from this month's: closing balances become preceding balances.
    #[command(after_help = "Example:\n  hkret next moon-2026-01.yaml -o moon-2026-02.yaml")]
    Next {
        /// This month's return.
        file: PathBuf,
        /// Where to write; standard output when not given. An existing file is not overwritten.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Check that consecutive months agree: each preceding balance is the previous closing one.
    #[command(
        after_help = "Example:\n  hkret chain moon-2025-12.yaml moon-2026-01.yaml moon-2026-02.yaml"
    )]
    Chain {
        /// The returns of one issuer, in any order.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Start a new return: a commented skeleton of the current form.
    #[command(
        after_help = "Examples:\n  hkret init --issuer \"Moon Inc.\" --stock-code 01723 --month 2026-01 -o moon-2026-01.yaml\n  hkret init --issuer \"Example Mining\" --class \"H shares:02899\" --class \"A shares:601899:unlisted\""
    )]
    Init {
        /// Name of the issuer.
        #[arg(long)]
        issuer: Option<String>,
        /// Stock code of the listed class, five digits.
        #[arg(long, value_name = "CODE", conflicts_with = "class")]
        stock_code: Option<String>,
        /// A class of shares, `DESCRIPTION:CODE`, or `DESCRIPTION:CODE:unlisted` for a class not
        /// listed on the Exchange (its code on another market); repeat for each class, such as
        /// `--class "H shares:02899" --class "A shares:601899:unlisted"`.
        #[arg(long, value_name = "DESCRIPTION:CODE[:unlisted]")]
        class: Vec<String>,
        /// The month reported, YYYY-MM.
        #[arg(long, value_name = "YYYY-MM")]
        month: Option<String>,
        /// Where to write; standard output when not given. An existing file is not overwritten.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Show what changed between two versions of a return, figure by figure.
    #[command(
        after_help = "Exit status, as diff's: 0 when the returns print the same, 1 when they differ (or one has mistakes), 2 on trouble.\n\nExample:\n  hkret diff filed.yaml amended.yaml"
    )]
    Diff {
        /// The return as filed.
        old: PathBuf,
        /// The corrected return.
        new: PathBuf,
    },
    /// Print a shell completion script.
    #[command(after_help = "Example:\n  hkret completions bash > /etc/bash_completion.d/hkret")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write a page for hkret and for each of its commands.
    #[command(
        after_help = "Examples:\n  hkret man > hkret.1 && man ./hkret.1\n  hkret man validate > hkret-validate.1\n  hkret man --dir man/man1    # hkret.1, hkret-validate.1, hkret-render.1, ..."
    )]
    Man {
        /// The command whose page to print (`validate`, `render`, ...); hkret's own when not given.
        command: Option<String>,
        /// Write every page (hkret.1 and hkret-COMMAND.1 for each command) into this directory.
        #[arg(long, conflicts_with = "command")]
        dir: Option<PathBuf>,
    },
    /// Print the JSON Schema (draft-07) of the input format, for editors.
    #[command(after_help = "Example:\n  hkret schema -o hkret.schema.json")]
    Schema {
        /// Where to write; standard output when not given.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

/// `bulk --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BulkFormat {
    /// Text only.
    Text,
    /// PDF only.
    Pdf,
    /// Text and PDF.
    Both,
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Text, as the published return.
    Text,
    /// Archival PDF.
    Pdf,
}

/// `--lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English.
    En,
    /// Traditional Chinese (the form's Chinese version).
    Zh,
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
