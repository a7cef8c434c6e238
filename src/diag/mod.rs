//! Diagnostics: problems found in a user's input, each with its location, YAML path, message and
//! hint.
//!
//! Every stage that reads input reports through these types; only `run` prints them. A
//! [`Diagnostics`] collection is sorted by location so that a user reads the problems top down.

pub mod show;

use std::fmt;
use std::sync::Arc;

/// Where a value stands in a source file: 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Loc {
    /// 1-based line; 0 when the location is unknown (for example a file that could not be read).
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
}

impl Loc {
    /// A location at `line`, `column` (both 1-based).
    pub const fn new(line: u32, column: u32) -> Self {
        Self { line, column }
    }
}

/// How serious a diagnostic is: errors stop a return from rendering, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The return is wrong or cannot be read.
    Error,
    /// The return renders, but something deserves a second look.
    Warning,
}

impl Severity {
    /// The lower-case word printed before the message.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
}

/// One problem in one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file the problem is in, as the user named it.
    pub file: Arc<str>,
    /// Where in the file.
    pub loc: Loc,
    /// The YAML path of the value, such as `share_classes[0].issued.treasury.closing`.
    pub path: String,
    /// What is wrong, in the form's words.
    pub message: String,
    /// How to put it right, where that helps.
    pub hint: Option<String>,
    /// A stable code naming the rule or the kind of reading problem, for tools: the name of the
    /// rule's function (`part_ii_rolls_forward`), or `unknown_key`, `missing`, `not_filled_in`,
    /// `figure_cut_at_commas`, and `input` for every other problem in reading the file.
    pub code: &'static str,
}

impl fmt::Display for Diagnostic {
    /// `file:line:column: error: message [at path]`, then `  help: hint` on its own line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.file,
            self.loc.line,
            self.loc.column,
            self.severity.label(),
            self.message
        )?;
        if !self.path.is_empty() {
            write!(f, " (at {})", self.path)?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  help: {hint}")?;
        }
        Ok(())
    }
}

/// Every problem found in one file, in reading order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collection.
    pub const fn new() -> Self {
        Self { items: Vec::new() }
    }

    /// Adds one diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Moves every diagnostic of `other` into `self`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Whether there is nothing at all.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The diagnostics sorted by location, duplicates removed.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (a.loc, a.severity, &a.path, &a.message).cmp(&(b.loc, b.severity, &b.path, &b.message))
        });
        self.items.dedup();
        self.items
    }

    /// The diagnostics in the order they were found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in self.clone().sorted() {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// Creates diagnostics for one file, so that callers name only what differs.
#[derive(Debug, Clone)]
pub struct Reporter {
    file: Arc<str>,
    found: Diagnostics,
}

impl Reporter {
    /// A reporter for the file named `file`.
    pub fn new(file: &str) -> Self {
        Self {
            file: Arc::from(file),
            found: Diagnostics::new(),
        }
    }

    /// Records an error at `loc` for the value at `path`.
    pub fn error(&mut self, loc: Loc, path: &str, message: impl Into<String>) -> &mut Diagnostic {
        self.add(Severity::Error, loc, path, message.into())
    }

    /// Records a warning at `loc` for the value at `path`.
    pub fn warning(&mut self, loc: Loc, path: &str, message: impl Into<String>) -> &mut Diagnostic {
        self.add(Severity::Warning, loc, path, message.into())
    }

    fn add(
        &mut self,
        severity: Severity,
        loc: Loc,
        path: &str,
        message: String,
    ) -> &mut Diagnostic {
        self.found.items.push(Diagnostic {
            severity,
            file: Arc::clone(&self.file),
            loc,
            path: path.to_owned(),
            message,
            hint: None,
            code: "input",
        });
        let last = self.found.items.len() - 1;
        &mut self.found.items[last]
    }

    /// How many diagnostics have been recorded so far.
    pub fn count(&self) -> usize {
        self.found.items.len()
    }

    /// Gives `code` to every diagnostic recorded since the first `start` ones.
    pub fn code_since(&mut self, start: usize, code: &'static str) {
        for d in self.found.items.iter_mut().skip(start) {
            d.code = code;
        }
    }

    /// Whether an error has been recorded so far.
    pub fn has_errors(&self) -> bool {
        self.found.has_errors()
    }

    /// Everything recorded.
    pub fn finish(self) -> Diagnostics {
        self.found
    }
}

impl Diagnostic {
    /// Adds a hint to a diagnostic just recorded.
    pub fn hint(&mut self, hint: impl Into<String>) -> &mut Self {
        self.hint = Some(hint.into());
        self
    }

    /// Names the kind of problem with a stable code (see [`Diagnostic::code`]).
    pub fn code(&mut self, code: &'static str) -> &mut Self {
        self.code = code;
        self
    }
}
