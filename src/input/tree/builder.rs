//! The building of the tree from the parser's events: collections opened and closed, keys paired
//! with their values, anchors remembered for their aliases. Duplicate keys, complex keys, tags,
//! runaway aliases and runaway nesting are reported here, each at its place.

use std::collections::HashMap;

use serde_saphyr::granit_parser::{Event, ScalarStyle};

use super::{Key, MAX_DEPTH, Node, Value};
use crate::diag::{Loc, Reporter};

/// How many nodes a document may expand to, aliases included: the guard against alias bombs.
const MAX_NODES: usize = 1_000_000;

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
pub(super) struct Builder<'r> {
    /// Where problems are recorded.
    pub(super) report: &'r mut Reporter,
    anchors: HashMap<usize, Node>,
    stack: Vec<Open>,
    nodes: usize,
    /// The documents built so far.
    pub(super) documents: Vec<Node>,
}

impl<'r> Builder<'r> {
    /// A builder with nothing built yet.
    pub(super) fn new(report: &'r mut Reporter) -> Self {
        Self {
            report,
            anchors: HashMap::new(),
            stack: Vec::new(),
            nodes: 0,
            documents: Vec::new(),
        }
    }

    /// Counts `n` more nodes at `loc`; `false`, with an error, past the limit.
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

    /// Takes one event at `loc`; `false` when reading must stop.
    pub(super) fn event(&mut self, event: Event<'_>, loc: Loc) -> bool {
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
