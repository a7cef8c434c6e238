//! How diagnostics are shown: `human` (the offending line with a caret, in colour on a terminal),
//! `short` (one `file:line:column: error: ...` line and its hint) and `json` (one object per line,
//! for tools). Pure: returns strings; `run` prints them.

use serde::Serialize;

use crate::diag::{Diagnostic, Severity};

/// The `--message-format` choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageFormat {
    /// Source line, caret and hint; coloured when `color` is set.
    Human {
        /// Whether to use ANSI colours.
        color: bool,
    },
    /// `file:line:column: error: message (at path)` and an indented `help:` line.
    Short,
    /// JSON Lines, one object per problem with its code and the value's start and end.
    Json {
        /// Whether they go to standard output (for tools), as they do unless the command's own
        /// output goes there.
        stdout: bool,
    },
}

/// A diagnostic as JSON.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: &'static str,
    code: &'static str,
    file: &'a str,
    line: u32,
    column: u32,
    /// Line and column just past the value at fault (the column after its last character).
    end_line: u32,
    end_column: u32,
    path: &'a str,
    message: &'a str,
    hint: Option<&'a str>,
}

/// ANSI styles, or nothing.
struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

/// The length of the value starting at `column` (1-based, in characters) of `line`, for the
/// caret: up to the next separator, at least one character.
fn token_width(line: &str, column: usize) -> usize {
    let rest: String = line.chars().skip(column.saturating_sub(1)).collect();
    let quoted = rest.starts_with('"') || rest.starts_with('\'');
    let width = if quoted {
        let quote = rest.chars().next().unwrap_or('"');
        rest.chars()
            .skip(1)
            .position(|c| c == quote)
            .map_or(rest.chars().count(), |p| p + 2)
    } else {
        // A key ends at its `: `; a value at the next separator.
        let chars: Vec<char> = rest.chars().collect();
        chars
            .iter()
            .enumerate()
            .position(|(i, c)| {
                matches!(c, ',' | '}' | ']' | '#')
                    || (*c == ':' && chars.get(i + 1).is_none_or(|n| *n == ' '))
            })
            .unwrap_or(chars.len())
    };
    let trimmed = rest
        .chars()
        .take(width)
        .collect::<String>()
        .trim_end()
        .chars()
        .count();
    trimmed.max(1)
}

fn human(d: &Diagnostic, text: Option<&str>, style: &Style) -> String {
    let (label, code) = match d.severity {
        Severity::Error => ("error", "1;31"),
        Severity::Warning => ("warning", "1;33"),
    };
    let mut out = format!(
        "{}{}\n",
        style.paint(code, &format!("{label}: ")),
        style.paint("1", &d.message)
    );
    let at = if d.path.is_empty() {
        String::new()
    } else {
        format!(" ({})", d.path)
    };
    let line_no = d.loc.line.to_string();
    let pad = " ".repeat(line_no.len());
    out.push_str(&format!(
        "{pad}{} {}:{}:{}{at}\n",
        style.paint("1;36", "-->"),
        d.file,
        d.loc.line,
        d.loc.column
    ));
    let source_line = text.and_then(|t| {
        t.lines()
            .nth(usize::try_from(d.loc.line).ok()?.checked_sub(1)?)
    });
    if let Some(line) = source_line {
        let column = usize::try_from(d.loc.column).unwrap_or(1);
        let bar = style.paint("1;36", "|");
        let shown: String = line
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .collect();
        out.push_str(&format!(
            "{pad} {bar}\n{} {bar} {shown}\n",
            style.paint("1;36", &line_no)
        ));
        let caret = "^".repeat(token_width(line, column));
        out.push_str(&format!(
            "{pad} {bar} {}{}\n",
            " ".repeat(column.saturating_sub(1)),
            style.paint(code, &caret)
        ));
    }
    if let Some(hint) = &d.hint {
        out.push_str(&format!(
            "{pad} {} {}\n",
            style.paint("1;36", "= help:"),
            hint
        ));
    }
    out
}

/// Shows one diagnostic in `format`; `text` is the source, when at hand, for the human format.
pub fn show(d: &Diagnostic, format: MessageFormat, text: Option<&str>) -> String {
    match format {
        MessageFormat::Human { color } => human(d, text, &Style { on: color }),
        MessageFormat::Short => format!("{d}\n"),
        MessageFormat::Json { .. } => {
            let width = text
                .and_then(|t| {
                    t.lines()
                        .nth(usize::try_from(d.loc.line).ok()?.checked_sub(1)?)
                })
                .map_or(0, |line| {
                    token_width(line, usize::try_from(d.loc.column).unwrap_or(1))
                });
            let json = JsonDiagnostic {
                severity: d.severity.label(),
                code: d.code,
                file: &d.file,
                line: d.loc.line,
                column: d.loc.column,
                end_line: d.loc.line,
                end_column: d.loc.column + u32::try_from(width).unwrap_or(0),
                path: &d.path,
                message: &d.message,
                hint: d.hint.as_deref(),
            };
            let mut line = serde_json::to_string(&json).unwrap_or_default();
            line.push('\n');
            line
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::{MessageFormat, show};
    use crate::diag::{Diagnostic, Loc, Severity};

    fn sample() -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: Arc::from("r.yaml"),
            loc: Loc::new(2, 12),
            path: "issued.closing".into(),
            message: "balance does not roll forward".into(),
            hint: Some("check it".into()),
            code: "part_ii_rolls_forward",
        }
    }

    #[test]
    fn human_shows_the_line_and_a_caret_under_the_value() {
        let text = "issued:\n  closing: 478272100, other: 1\n";
        let shown = show(&sample(), MessageFormat::Human { color: false }, Some(text));
        let want = "error: balance does not roll forward\n --> r.yaml:2:12 (issued.closing)\n  |\n2 |   closing: 478272100, other: 1\n  |            ^^^^^^^^^\n  = help: check it\n";
        assert_eq!(shown, want);
    }

    #[test]
    fn a_key_s_caret_stops_at_its_colon() {
        let d = Diagnostic {
            loc: Loc::new(1, 5),
            ..sample()
        };
        let shown = show(
            &d,
            MessageFormat::Json { stdout: true },
            Some("    descripton: Class B\n"),
        );
        let value: serde_json::Value = serde_json::from_str(shown.trim_end()).expect("json");
        assert_eq!(value["end_column"], 15);
    }

    #[test]
    fn colour_only_when_asked() {
        let plain = show(&sample(), MessageFormat::Human { color: false }, None);
        let coloured = show(&sample(), MessageFormat::Human { color: true }, None);
        assert!(!plain.contains('\x1b'));
        assert!(coloured.contains("\x1b[1;31merror: \x1b[0m"));
    }

    #[test]
    fn short_is_one_located_line_and_its_hint() {
        let shown = show(&sample(), MessageFormat::Short, None);
        assert_eq!(
            shown,
            "r.yaml:2:12: error: balance does not roll forward (at issued.closing)\n  help: check it\n"
        );
    }

    #[test]
    fn json_is_one_object_per_line() {
        let text = "issued:\n  closing: 478272100, other: 1\n";
        let shown = show(&sample(), MessageFormat::Json { stdout: true }, Some(text));
        let value: serde_json::Value = serde_json::from_str(shown.trim_end()).expect("json");
        assert_eq!(value["code"], "part_ii_rolls_forward");
        assert_eq!(
            (&value["end_line"], &value["end_column"]),
            (&2.into(), &21.into())
        );
        assert_eq!(value["line"], 2);
        assert_eq!(value["path"], "issued.closing");
        assert_eq!(value["hint"], "check it");
        assert_eq!(shown.matches('\n').count(), 1);
    }
}
