//! Stage 1: the bytes of an input file to located YAML trees.
//!
//! Reading the file happens in `run`; this module takes its text. It checks the text is UTF-8 and
//! within the size limits, and hands it to the YAML reader.

pub(crate) mod tree;

use crate::diag::{Diagnostics, Loc, Reporter};

/// The largest input accepted: a monthly return is a few kilobytes; 8 MiB leaves room for a whole
/// market in one multi-document stream while bounding memory and time.
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;

/// An input file: its name as the user gave it, and its bytes.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name printed in diagnostics (`-` for standard input).
    pub name: String,
    /// The raw bytes.
    pub bytes: Vec<u8>,
}

/// The text of a source, or a diagnostic saying why it is not text.
pub(crate) fn text(source: &Source) -> Result<&str, Diagnostics> {
    let mut report = Reporter::new(&source.name);
    if source.bytes.len() > MAX_INPUT_BYTES {
        report
            .error(
                Loc::new(1, 1),
                "",
                format!(
                    "the file is {} bytes, more than the {MAX_INPUT_BYTES} a return may have",
                    source.bytes.len()
                ),
            )
            .hint("split a large stream into several files");
        return Err(report.finish());
    }
    match std::str::from_utf8(&source.bytes) {
        Ok(text) if text.trim_start_matches('\u{feff}').trim().is_empty() => {
            report
                .error(Loc::new(1, 1), "", "the file is empty")
                .hint("start from `hkret init`, or from one of the examples");
            Err(report.finish())
        }
        Ok(text) => Ok(text),
        Err(e) => {
            let valid = &source.bytes[..e.valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            let column = valid.iter().rev().take_while(|b| **b != b'\n').count() + 1;
            let loc = Loc::new(
                u32::try_from(line).unwrap_or(u32::MAX),
                u32::try_from(column).unwrap_or(u32::MAX),
            );
            report
                .error(loc, "", "the file is not UTF-8 text")
                .hint("save the file as UTF-8 (the usual choice for YAML)");
            Err(report.finish())
        }
    }
}

/// `text` as a YAML double-quoted scalar, for the YAML hkret writes (`init`, `next`): quotes,
/// backslashes and control characters escaped, so any text reads back exactly.
pub fn yaml_quoted(text: &str) -> String {
    use std::fmt::Write;
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
