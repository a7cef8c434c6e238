//! A cursor over the lines of a return, with the notes (warnings and errors) of its reading.

use super::super::lines::{Line, Place};

/// How serious a note is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    /// A piece left out or read with a doubt; the YAML is still written.
    Warning,
    /// A required figure could not be read; no YAML is written.
    Error,
}

/// Something the reader could not read, with the place and the text found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Note {
    /// Warning or error.
    pub(crate) level: Level,
    /// Where in the source.
    pub(crate) place: Place,
    /// What went wrong.
    pub(crate) message: String,
    /// The text found there (empty when nothing was).
    pub(crate) text: String,
}

/// The lines and the position of the reading.
pub(crate) struct Cursor<'a> {
    lines: &'a [Line],
    pos: usize,
    /// Notes so far.
    pub(crate) notes: Vec<Note>,
}

impl<'a> Cursor<'a> {
    /// A cursor at the first line.
    pub(crate) fn new(lines: &'a [Line]) -> Self {
        Self {
            lines,
            pos: 0,
            notes: Vec::new(),
        }
    }

    /// The next line with text, without taking it.
    pub(crate) fn peek(&mut self) -> Option<&'a Line> {
        while self.lines.get(self.pos).is_some_and(Line::is_blank) {
            self.pos += 1;
        }
        self.lines.get(self.pos)
    }

    /// Whether the next line with text starts with `prefix` (after any item number "1. ").
    pub(crate) fn at(&mut self, prefix: &str) -> bool {
        self.peek()
            .is_some_and(|l| strip_number(&l.joined()).starts_with(prefix))
    }

    /// Whether the next line with text starts with any of `prefixes`.
    pub(crate) fn at_any(&mut self, prefixes: &[&str]) -> bool {
        prefixes.iter().any(|p| self.at(p))
    }

    /// Takes the next line with text.
    pub(crate) fn take(&mut self) -> Option<&'a Line> {
        let line = self.peek()?;
        self.pos += 1;
        Some(line)
    }

    /// Takes the next line if it starts with `prefix`.
    pub(crate) fn take_if(&mut self, prefix: &str) -> Option<&'a Line> {
        if self.at(prefix) { self.take() } else { None }
    }

    /// The place of the next line, or of the last one at the end.
    pub(crate) fn place(&mut self) -> Place {
        match self.peek() {
            Some(l) => l.place,
            None => self.lines.last().map_or(Place::Line(1), |l| l.place),
        }
    }

    /// Takes lines up to the first that starts with one of `stops`, warning for each left out.
    pub(crate) fn skip_until(&mut self, stops: &[&str], what: &str) {
        while let Some(line) = self.peek() {
            if self.at_any(stops) {
                return;
            }
            self.warn(
                line.place,
                format!("left out: not part of {what}"),
                line.joined(),
            );
            self.pos += 1;
        }
    }

    /// Takes lines up to the first that starts with one of `stops`, silently: the form's own
    /// wording that carries no figure.
    pub(crate) fn pass_until(&mut self, stops: &[&str]) {
        while self.peek().is_some() && !self.at_any(stops) {
            self.pos += 1;
        }
    }

    /// Takes the lines of a paragraph: up to the next blank line (a text file) or the next line
    /// that starts with one of `stops`.
    pub(crate) fn paragraph(&mut self, stops: &[&str]) -> String {
        let mut out = String::new();
        while let Some(line) = self.peek() {
            if self.at_any(stops) {
                break;
            }
            if !out.is_empty() {
                out.push(if line.tabbed { '\n' } else { ' ' });
            }
            out.push_str(&line.joined());
            self.pos += 1;
            if line.tabbed && self.lines.get(self.pos).is_none_or(Line::is_blank) {
                break;
            }
        }
        out
    }

    /// Records a warning.
    pub(crate) fn warn(
        &mut self,
        place: Place,
        message: impl Into<String>,
        text: impl Into<String>,
    ) {
        self.notes.push(Note {
            level: Level::Warning,
            place,
            message: message.into(),
            text: text.into(),
        });
    }

    /// Records an error: a required figure could not be read.
    pub(crate) fn error(
        &mut self,
        place: Place,
        message: impl Into<String>,
        text: impl Into<String>,
    ) {
        self.notes.push(Note {
            level: Level::Error,
            place,
            message: message.into(),
            text: text.into(),
        });
    }
}

/// `1. Class of shares` → `Class of shares`; other text unchanged.
pub(crate) fn strip_number(s: &str) -> &str {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0
        && let Some(rest) = s[digits..].strip_prefix(". ")
    {
        return rest;
    }
    s
}

/// `3). Placing` → `Some((3, "Placing"))`: the first cell of a table's row.
pub(crate) fn row_number(s: &str) -> Option<(usize, &str)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let rest = s.get(digits..)?.strip_prefix(").")?;
    let n = s[..digits].parse().ok()?;
    Some((n, rest.trim_start()))
}
