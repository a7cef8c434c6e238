//! The command line: clap's raw flags (their doc comments are `--help`) and their resolution
//! into [`Command`], the only form the rest of hkret sees.
//!
//! `args` holds the clap structs exactly as the user types them; `resolve` turns them into the
//! resolved [`Invocation`] defined here, in one function, so that nothing downstream looks at
//! clap types or environment variables.

use std::path::PathBuf;

use crate::diag::show::MessageFormat;
use crate::model::Lang;
use crate::render::Format;
use crate::render::pdf::PdfRender;

mod args;
mod resolve;

pub use args::{BulkFormat, Cli, CliCommand, FormatArg, LangArg, MessageFormatArg};

/// The language of a rendering, and whether English may stand in for a missing Chinese text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LangChoice {
    /// The language.
    pub lang: Lang,
    /// Print the English text where a Chinese one is missing, instead of refusing the return.
    pub fallback_english: bool,
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
        /// The language whose texts must be complete (Chinese: every `_zh` text printed).
        lang: Lang,
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
        /// The language.
        lang: LangChoice,
    },
    /// `schema`.
    Schema {
        /// Output.
        output: Output,
    },
    /// `init`.
    Init {
        /// What to fill in.
        options: crate::init::InitOptions,
        /// Output.
        output: Output,
    },
    /// `diff`.
    Diff {
        /// The return as filed.
        old: PathBuf,
        /// The corrected return.
        new: PathBuf,
    },
    /// `completions`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// `man`.
    Man {
        /// One command's page, or hkret's own.
        command: Option<String>,
        /// Where to write every page instead.
        dir: Option<PathBuf>,
    },
    /// `bulk`.
    Bulk(crate::run::BulkOptions),
    /// `import`.
    Import {
        /// A return or a directory of returns.
        input: PathBuf,
        /// Output for one return.
        output: Output,
        /// Output directory for a directory of returns.
        out: Option<PathBuf>,
    },
    /// `next`.
    Next {
        /// This month's return.
        file: PathBuf,
        /// Output.
        output: Output,
    },
    /// `chain`.
    Chain {
        /// The returns.
        files: Vec<PathBuf>,
    },
    /// `verify`.
    Verify {
        /// The output directory.
        dir: PathBuf,
        /// Print only problems.
        quiet: bool,
    },
}

/// A command and how to show problems.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invocation {
    /// What to do.
    pub command: Command,
    /// How to print diagnostics.
    pub messages: MessageFormat,
}
