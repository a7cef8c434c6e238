//! Stage 1: YAML text to a tree of located nodes.
//!
//! The tree keeps every scalar as the text the user wrote, so a figure such as `0.000003125` or a
//! stock code such as `02121` reaches the model exactly; typing happens later, in `validate`.
//! Duplicate keys, complex keys, tags and runaway aliases are reported here, each at its line and
//! column. This module knows YAML and nothing of the form.

use std::collections::HashMap;

use serde_saphyr::granit_parser::{Event, Marker, Options, Parser, ScalarStyle, ScanError};

use crate::diag::{Loc, Reporter};

/// How many nodes a document may expand to, aliases included: the guard against alias bombs.
const MAX_NODES: usize = 1_000_000;
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

/// A collection being built.
enum Open {
    Seq {
        loc: Loc,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        loc: Loc,
        anchor: usize,
        entries: Vec<(Key, Node)>,
        key: Option<Key>,
    },
}

/// Builds node trees from parser events, one per document.
struct Builder<'r> {
    report: &'r mut Reporter,
    anchors: HashMap<usize, Node>,
    stack: Vec<Open>,
    nodes: usize,
    documents: Vec<Node>,
}

impl Builder<'_> {
    fn count(&mut self, n: usize, loc: Loc) -> bool {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes > MAX_NODES {
            self.report
                .error(
                    loc,
                    "",
                    format!("the document expands to more than {MAX_NODES} values"),
                )
                .hint("aliases (*name) that repeat large anchors multiply; write the values out");
            return false;
        }
        true
    }

    /// Places a finished node in the collection being built, or as the document.
    fn place(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.documents.push(node),
            Some(Open::Seq { items, .. }) => items.push(node),
            Some(Open::Map { entries, key, .. }) => match key.take() {
                None => match node.value {
                    Value::Scalar { text, .. } => {
                        let loc = node.loc;
                        // Three digits are what is left of a figure with commas in a flow
                        // mapping (`1,250,000,000`); the reader reports that figure instead.
                        let digit_group =
                            text.len() == 3 && text.chars().all(|c| c.is_ascii_digit());
                        if let Some((first, _)) = entries
                            .iter()
                            .find(|(k, _)| k.text == text)
                            .filter(|_| !digit_group)
                        {
                            let line = first.loc.line;
                            self.report
                                .error(loc, "", format!("duplicate key `{text}`"))
                                .hint(format!("the key is already given on line {line}; keep one"));
                        }
                        *key = Some(Key { text, loc });
                    }
                    Value::Null => {
                        *key = Some(Key {
                            text: String::new(),
                            loc: node.loc,
                        })
                    }
                    _ => {
                        self.report
                            .error(node.loc, "", "a mapping key must be a single word")
                            .hint("write `key: value`; lists and mappings cannot be keys");
                        *key = Some(Key {
                            text: String::new(),
                            loc: node.loc,
                        });
                    }
                },
                Some(k) => entries.push((k, node)),
            },
        }
    }

    fn event(&mut self, event: Event<'_>, loc: Loc) -> bool {
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                if !self.count(1, loc) {
                    return false;
                }
                if let Some(tag) = tag {
                    self.report
                        .error(
                            loc,
                            "",
                            format!(
                                "YAML tags such as `!{}` are not used in a return",
                                tag.suffix()
                            ),
                        )
                        .hint("remove the tag; hkret reads every value as written");
                }
                let plain = matches!(style, ScalarStyle::Plain);
                let value = if plain && matches!(text.as_ref(), "" | "~" | "null" | "Null" | "NULL")
                {
                    Value::Null
                } else {
                    Value::Scalar {
                        text: text.into_owned(),
                        plain,
                    }
                };
                let node = Node { value, loc };
                if anchor > 0 {
                    self.anchors.insert(anchor, node.clone());
                }
                self.place(node);
            }
            Event::SequenceStart(_, anchor, _) | Event::MappingStart(_, anchor, _) => {
                if !self.count(1, loc) {
                    return false;
                }
                if self.stack.len() >= MAX_DEPTH {
                    self.report
                        .error(
                            loc,
                            "",
                            format!("values nest more than {MAX_DEPTH} levels deep"),
                        )
                        .hint("a monthly return needs about six levels; look for a stray indent");
                    return false;
                }
                let open = if matches!(event, Event::SequenceStart(..)) {
                    Open::Seq {
                        loc,
                        anchor,
                        items: Vec::new(),
                    }
                } else {
                    Open::Map {
                        loc,
                        anchor,
                        entries: Vec::new(),
                        key: None,
                    }
                };
                self.stack.push(open);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match self.stack.pop() {
                    Some(Open::Seq { loc, anchor, items }) => (
                        Node {
                            value: Value::Seq(items),
                            loc,
                        },
                        anchor,
                    ),
                    Some(Open::Map {
                        loc,
                        anchor,
                        entries,
                        ..
                    }) => (
                        Node {
                            value: Value::Map(entries),
                            loc,
                        },
                        anchor,
                    ),
                    None => return true,
                };
                if anchor > 0 {
                    self.anchors.insert(anchor, node.clone());
                }
                self.place(node);
            }
            Event::Alias(id) => match self.anchors.get(&id).cloned() {
                Some(node) => {
                    if !self.count(size(&node), loc) {
                        return false;
                    }
                    self.place(Node { loc, ..node });
                }
                None => {
                    self.report
                        .error(loc, "", "this alias names no anchor defined before it");
                    return false;
                }
            },
            Event::DocumentEnd => self.anchors.clear(),
            _ => {}
        }
        true
    }
}

/// The number of nodes in a tree.
fn size(node: &Node) -> usize {
    match &node.value {
        Value::Null | Value::Scalar { .. } => 1,
        Value::Seq(items) => items.iter().map(size).fold(1, usize::saturating_add),
        Value::Map(entries) => entries
            .iter()
            .map(|(_, v)| size(v))
            .fold(1, usize::saturating_add),
    }
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
    let mut builder = Builder {
        report,
        anchors: HashMap::new(),
        stack: Vec::new(),
        nodes: 0,
        documents: Vec::new(),
    };
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
mod tests {
    use super::{Value, parse_stream};
    use crate::diag::{Loc, Reporter};

    fn one(text: &str) -> (Option<Vec<super::Node>>, Vec<crate::diag::Diagnostic>) {
        let mut report = Reporter::new("t.yaml");
        let docs = parse_stream(text, &mut report);
        (docs, report.finish().sorted())
    }

    #[test]
    fn scalars_keep_their_text_and_location() {
        let (docs, diags) = one("a: 0.10\nb: '02121'\nc:\n");
        assert!(diags.is_empty(), "{diags:?}");
        let docs = docs.expect("parsed");
        let Value::Map(entries) = &docs[0].value else {
            panic!("not a map")
        };
        assert_eq!(entries[0].0.text, "a");
        assert_eq!(
            entries[0].1.value,
            Value::Scalar {
                text: "0.10".into(),
                plain: true
            }
        );
        assert_eq!(entries[0].1.loc, Loc::new(1, 4));
        assert_eq!(
            entries[1].1.value,
            Value::Scalar {
                text: "02121".into(),
                plain: false
            }
        );
        assert_eq!(entries[2].1.value, Value::Null);
    }

    #[test]
    fn duplicate_keys_are_reported_at_the_second() {
        let (docs, diags) = one("a: 1\nb: 2\na: 3\n");
        assert!(docs.is_none());
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].loc, Loc::new(3, 1));
        assert!(diags[0].message.contains("duplicate key `a`"));
    }

    #[test]
    fn syntax_errors_carry_a_line() {
        let (docs, diags) = one("a: [1, 2\nb: 3\n");
        assert!(docs.is_none());
        assert!(diags[0].message.starts_with("YAML syntax"), "{diags:?}");
        assert!(diags[0].loc.line >= 1);
    }

    #[test]
    fn alias_bombs_stop_early() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        let (docs, diags) = one(&text);
        assert!(docs.is_none());
        assert!(
            diags[0].message.contains("expands to more than"),
            "{diags:?}"
        );
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = "[".repeat(100_000);
        let (docs, diags) = one(&text);
        assert!(docs.is_none());
        assert!(!diags.is_empty());
    }

    #[test]
    fn byte_order_mark_and_crlf_are_accepted() {
        let (docs, diags) = one("\u{feff}a: 1\r\nb: 2\r\n");
        assert!(diags.is_empty(), "{diags:?}");
        let docs = docs.expect("parsed");
        let Value::Map(entries) = &docs[0].value else {
            panic!("not a map")
        };
        assert_eq!(entries[1].0.loc, Loc::new(2, 1));
    }
}
