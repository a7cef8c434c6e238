//! Stage 1: YAML text to a tree of located nodes.
//!
//! The tree keeps every scalar as the text the user wrote, so a figure such as `0.000003125` or a
//! stock code such as `02121` reaches the model exactly; typing happens later, in `validate`.
//! Duplicate keys, complex keys, tags and runaway aliases are reported (by `builder`), each at its
//! line and column. This module knows YAML and nothing of the form.

mod builder;

use serde_saphyr::granit_parser::{Marker, Options, Parser, ScanError};

use crate::diag::{Loc, Reporter};
use builder::Builder;

/// How deeply collections may nest; a return needs six levels.
const MAX_DEPTH: usize = 64;

/// A YAML node with the place it was written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    /// What the node holds.
    pub(crate) value: Value,
    /// Where the node starts.
    pub(crate) loc: Loc,
}

/// The content of a node.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// `~`, `null` or nothing at all.
    Null,
    /// A scalar as written; `plain` is false for quoted and block scalars.
    Scalar { text: String, plain: bool },
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in the order written.
    Map(Vec<(Key, Node)>),
}

/// A mapping key with its location.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Key {
    /// The key's text.
    pub(crate) text: String,
    /// Where the key is written.
    pub(crate) loc: Loc,
}

impl Node {
    /// A word describing the kind of node, for messages such as "expected a mapping, found a
    /// sequence".
    pub(crate) fn kind(&self) -> &'static str {
        match &self.value {
            Value::Null => "nothing (null)",
            Value::Scalar { .. } => "a single value",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

fn loc_of(marker: &Marker) -> Loc {
    let line = u32::try_from(marker.line()).unwrap_or(u32::MAX);
    let column = u32::try_from(marker.col().saturating_add(1)).unwrap_or(u32::MAX);
    Loc::new(line, column)
}

fn scan_message(error: &ScanError) -> String {
    let text = error.kind().to_string();
    if text.is_empty() {
        "the YAML cannot be read here".to_owned()
    } else {
        text
    }
}

/// Parses every document of a YAML stream. Problems are recorded in `report`; documents are
/// returned only when the stream was read without an error.
pub(crate) fn parse_stream(text: &str, report: &mut Reporter) -> Option<Vec<Node>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut options = Options::default();
    options.block_nesting_limit = MAX_DEPTH;
    options.flow_nesting_limit = MAX_DEPTH;
    let mut builder = Builder::new(report);
    for item in Parser::new_from_str_with_options(text, options) {
        match item {
            Ok((event, span)) => {
                if !builder.event(event, loc_of(&span.start)) {
                    return None;
                }
            }
            Err(error) => {
                let loc = loc_of(error.marker());
                builder
                    .report
                    .error(loc, "", format!("YAML syntax: {}", scan_message(&error)))
                    .hint("check the indentation and the `key: value` shape of this line and the one above");
                return None;
            }
        }
    }
    if builder.report.has_errors() {
        None
    } else {
        Some(builder.documents)
    }
}

#[cfg(test)]
mod tests;
