//! A small YAML writer for imported returns: block mappings and sequences, every string
//! double-quoted, and a comment beside any entry (the source's page, an ambiguity).
//!
//! The import builds a [`Node`] tree in the order hkret's own examples use; writing it is the
//! only place that knows YAML's quoting rules.

use std::fmt::Write as _;

/// One YAML value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node {
    /// A scalar written as is: a number, `true`, `null`, `not_applicable`, or a quoted string.
    Scalar(String),
    /// A mapping, in order.
    Map(Vec<Entry>),
    /// A sequence.
    Seq(Vec<Node>),
}

/// One key of a mapping with its value and an optional comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The key (always a plain identifier).
    pub(crate) key: &'static str,
    /// The value.
    pub(crate) value: Node,
    /// A comment written after the key's line.
    pub(crate) comment: Option<String>,
}

impl Node {
    /// A string, double-quoted with YAML's escapes.
    pub(crate) fn text(s: &str) -> Self {
        let mut out = String::with_capacity(s.len() + 2);
        out.push('"');
        for ch in s.chars() {
            match ch {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                c if c.is_control() => {
                    let _ = write!(out, "\\u{:04X}", u32::from(c));
                }
                c => out.push(c),
            }
        }
        out.push('"');
        Self::Scalar(out)
    }

    /// A plain scalar written as given (numbers, booleans, `null`, keywords).
    pub(crate) fn plain(s: impl Into<String>) -> Self {
        Self::Scalar(s.into())
    }

    /// `null`.
    pub(crate) fn null() -> Self {
        Self::Scalar("null".to_owned())
    }

    /// `true` or `false`.
    pub(crate) fn boolean(b: bool) -> Self {
        Self::Scalar(if b { "true" } else { "false" }.to_owned())
    }
}

/// Builds a mapping entry by entry.
#[derive(Debug, Default)]
pub(crate) struct MapBuilder(Vec<Entry>);

impl MapBuilder {
    /// An empty mapping.
    pub(crate) fn new() -> Self {
        Self(Vec::new())
    }

    /// Adds `key: value`.
    pub(crate) fn put(&mut self, key: &'static str, value: Node) -> &mut Self {
        self.0.push(Entry {
            key,
            value,
            comment: None,
        });
        self
    }

    /// Adds `key: value  # comment`.
    pub(crate) fn put_noted(
        &mut self,
        key: &'static str,
        value: Node,
        comment: String,
    ) -> &mut Self {
        self.0.push(Entry {
            key,
            value,
            comment: Some(comment),
        });
        self
    }

    /// The mapping.
    pub(crate) fn build(self) -> Node {
        Node::Map(self.0)
    }
}

/// Writes a document: `header` lines as comments, then the tree.
pub(crate) fn write(header: &[String], root: &Node) -> String {
    let mut out = String::new();
    for line in header {
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
    match root {
        Node::Map(entries) => map(&mut out, entries, 0),
        other => {
            inline(&mut out, other);
            out.push('\n');
        }
    }
    out
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

fn comment(out: &mut String, c: Option<&String>) {
    if let Some(c) = c {
        out.push_str("  # ");
        out.push_str(&c.replace('\n', " "));
    }
}

/// A scalar or an empty collection, on the current line.
fn inline(out: &mut String, node: &Node) {
    match node {
        Node::Scalar(s) => out.push_str(s),
        Node::Map(_) => out.push_str("{}"),
        Node::Seq(_) => out.push_str("[]"),
    }
}

fn is_block(node: &Node) -> bool {
    match node {
        Node::Scalar(_) => false,
        Node::Map(e) => !e.is_empty(),
        Node::Seq(s) => !s.is_empty(),
    }
}

fn map(out: &mut String, entries: &[Entry], indent: usize) {
    for (i, e) in entries.iter().enumerate() {
        if i > 0 {
            pad(out, indent);
        }
        entry(out, e, indent);
    }
}

/// `key: value` with the key at the current position (indentation already written).
fn entry(out: &mut String, e: &Entry, indent: usize) {
    out.push_str(e.key);
    out.push(':');
    if is_block(&e.value) {
        comment(out, e.comment.as_ref());
        out.push('\n');
        block(out, &e.value, indent + 2);
    } else {
        out.push(' ');
        inline(out, &e.value);
        comment(out, e.comment.as_ref());
        out.push('\n');
    }
}

fn block(out: &mut String, node: &Node, indent: usize) {
    match node {
        Node::Map(entries) => {
            pad(out, indent);
            map(out, entries, indent);
        }
        Node::Seq(items) => {
            for item in items {
                pad(out, indent);
                out.push_str("- ");
                match item {
                    Node::Map(entries) if !entries.is_empty() => map(out, entries, indent + 2),
                    Node::Seq(inner) if !inner.is_empty() => {
                        out.push('\n');
                        block(out, item, indent + 2);
                    }
                    other => {
                        inline(out, other);
                        out.push('\n');
                    }
                }
            }
        }
        Node::Scalar(_) => {
            pad(out, indent);
            inline(out, node);
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_maps_and_sequences_with_comments() {
        let mut class = MapBuilder::new();
        class.put("id", Node::text("ordinary"));
        class.put_noted("listed", Node::boolean(true), "page 1".to_owned());
        let mut root = MapBuilder::new();
        root.put("form", Node::plain("FF301"));
        root.put("name", Node::text("Say \"hi\"\\"));
        root.put("share_classes", Node::Seq(vec![class.build()]));
        root.put("empty", Node::Seq(Vec::new()));
        let text = write(&["imported".to_owned()], &root.build());
        assert_eq!(
            text,
            "# imported\nform: FF301\nname: \"Say \\\"hi\\\"\\\\\"\nshare_classes:\n  - id: \"ordinary\"\n    listed: true  # page 1\nempty: []\n"
        );
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(
            Node::text("a\u{1}b"),
            Node::Scalar("\"a\\u0001b\"".to_owned())
        );
    }
}
