//! The resolution of the raw flags into a [`Command`]: formats inferred from extensions, outputs
//! chosen, `SOURCE_DATE_EPOCH` and `NO_COLOR` read, and the combinations clap cannot refuse on
//! its own refused. The one place that turns clap types into hkret's.

use std::io::IsTerminal;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::args::{BulkFormat, Cli, CliCommand, FormatArg, LangArg, MessageFormatArg};
use super::{Command, Invocation, LangChoice, Output};
use crate::diag::show::MessageFormat;
use crate::error::Error;
use crate::model::Lang;
use crate::model::calendar::{iso_date, last_of_month};
use crate::render::Format;
use crate::render::pdf::PdfRender;

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::En => Self::En,
            LangArg::Zh => Self::Zh,
        }
    }
}

/// The month `YYYY-MM` as its last day.
fn month_end(text: &str) -> Result<NaiveDate, Error> {
    iso_date(&format!("{text}-01"))
        .map(last_of_month)
        .map_err(|_| Error::Usage(format!("--month {text}: expected YYYY-MM, such as 2026-01")))
}

/// How diagnostics are shown when `--message-format` is not given: human with colour on a
/// terminal (unless `NO_COLOR` is set), short otherwise.
fn message_format(arg: Option<MessageFormatArg>) -> MessageFormat {
    let terminal = std::io::stderr().is_terminal();
    let color = terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    match arg {
        Some(MessageFormatArg::Human) => MessageFormat::Human { color },
        Some(MessageFormatArg::Short) => MessageFormat::Short,
        Some(MessageFormatArg::Json) => MessageFormat::Json { stdout: true },
        None if terminal => MessageFormat::Human { color },
        None => MessageFormat::Short,
    }
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

/// The languages of `--lang`, each once, in the order given.
fn languages(given: &[LangArg]) -> Vec<Lang> {
    let mut out: Vec<Lang> = Vec::new();
    for l in given.iter().map(|&l| Lang::from(l)) {
        if !out.contains(&l) {
            out.push(l);
        }
    }
    out
}

impl Cli {
    /// Resolves the raw flags into a [`Command`].
    ///
    /// # Errors
    /// [`Error::Usage`] for combinations clap cannot refuse on its own.
    pub fn resolve(self) -> Result<Invocation, Error> {
        let messages = message_format(self.message_format);
        let command = match self.command {
            CliCommand::Validate { files, lang } => Command::Validate {
                files,
                lang: lang.into(),
            },
            CliCommand::Render {
                file,
                output: out,
                format,
                pdf,
                templates,
                pdfa,
                lang,
                fallback_english,
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
                let lang = LangChoice {
                    lang: lang.into(),
                    fallback_english,
                };
                let pdf = PdfRender {
                    pdfa,
                    date: source_date_epoch()?,
                    source: None,
                    lang: lang.lang,
                };
                // A PDF is never wanted on a terminal: without -o it goes beside its input.
                let out = match (format, out) {
                    (Format::Pdf, None) if file.as_os_str() != "-" => {
                        Some(file.with_extension("pdf"))
                    }
                    (_, out) => out,
                };
                Command::Render {
                    file,
                    output: output(out),
                    format,
                    templates,
                    pdf,
                    lang,
                }
            }
            CliCommand::Schema { output: out } => Command::Schema {
                output: output(out),
            },
            CliCommand::Init {
                issuer,
                stock_code,
                class,
                month,
                output: out,
            } => {
                if let Some(code) = &stock_code {
                    crate::init::check_listed_code(code)
                        .map_err(|e| Error::Usage(format!("--stock-code {code}: {e}")))?;
                }
                let classes = class
                    .iter()
                    .map(|spec| crate::init::parse_class(spec).map_err(Error::Usage))
                    .collect::<Result<Vec<_>, _>>()?;
                let month_ended = month.as_deref().map(month_end).transpose()?;
                let file = out
                    .as_ref()
                    .map_or_else(|| "return.yaml".to_owned(), |p| p.display().to_string());
                let options = crate::init::InitOptions {
                    issuer,
                    stock_code,
                    classes,
                    month_ended,
                    file,
                };
                Command::Init {
                    options,
                    output: output(out),
                }
            }
            CliCommand::Diff { old, new } => Command::Diff { old, new },
            CliCommand::Completions { shell } => Command::Completions { shell },
            CliCommand::Man { command, dir } => Command::Man { command, dir },
            CliCommand::Verify { dir, quiet } => Command::Verify { dir, quiet },
            CliCommand::Import {
                input,
                output: one,
                out,
            } => Command::Import {
                input,
                output: output(one),
                out,
            },
            CliCommand::Next { file, output: out } => Command::Next {
                file,
                output: output(out),
            },
            CliCommand::Chain { files } => Command::Chain { files },
            CliCommand::Bulk {
                inputs,
                out,
                format,
                jobs,
                name,
                template,
                data,
                skip_existing,
                quiet,
                templates,
                pdfa,
                lang,
                fallback_english,
            } => {
                if inputs.is_empty() && template.is_none() {
                    return Err(Error::Usage(
                        "hkret bulk needs input files or directories, or --template with --data"
                            .into(),
                    ));
                }
                if jobs == Some(0) {
                    return Err(Error::Usage(
                        "--jobs takes a number of threads, 1 or more".into(),
                    ));
                }
                let formats = match format {
                    BulkFormat::Text => vec![Format::Text],
                    BulkFormat::Pdf => vec![Format::Pdf],
                    BulkFormat::Both => vec![Format::Text, Format::Pdf],
                };
                Command::Bulk(crate::run::BulkOptions {
                    inputs,
                    template: template.zip(data),
                    out,
                    formats,
                    jobs,
                    name,
                    quiet,
                    skip_existing,
                    templates,
                    pdf: PdfRender {
                        pdfa,
                        date: source_date_epoch()?,
                        source: None,
                        lang: Lang::En,
                    },
                    langs: languages(&lang),
                    fallback_english,
                })
            }
        };
        Ok(Invocation { command, messages })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn months_end_on_their_last_day() {
        assert_eq!(
            super::month_end("2024-02").map(|d| d.to_string()).ok(),
            Some("2024-02-29".to_owned())
        );
        assert!(super::month_end("2024-13").is_err());
        assert!(super::month_end("January").is_err());
        // Only `YYYY-MM`: a sign or a space made chrono read another year (`+026-01` was 0026).
        for text in ["+026-01", " 2026-01", "2026-1", "2026-01-31"] {
            assert!(super::month_end(text).is_err(), "{text}");
        }
    }
}
