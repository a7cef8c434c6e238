//! Reading the YAML tree field by field, recording every problem instead of stopping at the first.
//!
//! `Reader` wraps the file's [`Reporter`]: each conversion returns `Option`, `None` meaning that
//! the value was absent or a diagnostic was recorded. Mappings are read through [`Fields`], which
//! remembers which keys the form knows so that an unknown key gets a "did you mean".
//!
//! This file reads mappings and lists (the keys asked for, the missing and the unknown ones);
//! `scalar` reads the single values inside them.

mod scalar;

use crate::diag::{Loc, Reporter};
use crate::input::tree::{Key, Node, Value};
pub(crate) use crate::validate::spelling::closest;

/// Reads nodes into typed values, recording diagnostics.
pub(crate) struct Reader {
    pub(crate) report: Reporter,
}

/// A mapping being read: its entries, its path and the keys asked for so far.
pub(crate) struct Fields<'a> {
    entries: &'a [(Key, Node)],
    path: String,
    /// Where the mapping starts.
    pub(crate) loc: Loc,
    known: Vec<&'static str>,
}

impl<'a> Fields<'a> {
    /// The path of `key` inside this mapping.
    pub(crate) fn path_of(&self, key: &str) -> String {
        join(&self.path, key)
    }

    /// Whether `key` is written in the mapping (without marking it as known).
    pub(crate) fn has(&self, key: &str) -> bool {
        self.entries.iter().any(|(k, _)| k.text == key)
    }

    /// The path of the mapping itself.
    pub(crate) fn path(&self) -> &str {
        &self.path
    }
}

/// `parent.key`, or `key` at the top.
pub(crate) fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

/// `parent[index]`.
pub(crate) fn index(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}

impl Reader {
    /// The node as a mapping, or a diagnostic saying what was found instead.
    pub(crate) fn fields<'a>(&mut self, node: &'a Node, path: &str) -> Option<Fields<'a>> {
        match &node.value {
            Value::Map(entries) => Some(Fields {
                entries,
                path: path.to_owned(),
                loc: node.loc,
                known: Vec::new(),
            }),
            _ => {
                self.report.error(
                    node.loc,
                    path,
                    format!("expected a mapping of keys, found {}", node.kind()),
                );
                None
            }
        }
    }

    /// The value of `key`, if present and not null. Marks the key as known.
    pub(crate) fn get<'a>(
        &mut self,
        fields: &mut Fields<'a>,
        key: &'static str,
    ) -> Option<&'a Node> {
        self.present(fields, key).filter(|v| v.value != Value::Null)
    }

    /// The value of `key` even when it is null, to tell "left out" from "written blank".
    pub(crate) fn present<'a>(
        &mut self,
        fields: &mut Fields<'a>,
        key: &'static str,
    ) -> Option<&'a Node> {
        fields.known.push(key);
        fields
            .entries
            .iter()
            .find(|(k, _)| k.text == key)
            .map(|(_, v)| v)
    }

    /// The value of `key`, or an error saying it is missing.
    pub(crate) fn require<'a>(
        &mut self,
        fields: &mut Fields<'a>,
        key: &'static str,
        what: &str,
    ) -> Option<&'a Node> {
        let found = self.get(fields, key);
        if found.is_none() {
            let present = fields.entries.iter().find(|(k, _)| k.text == key);
            let place = if fields.path.is_empty() {
                "the top"
            } else {
                &fields.path
            };
            match present {
                // Written but left blank (`~`, as `init` and `next` leave a value to fill in).
                Some((_, v)) => {
                    self.report
                        .error(
                            v.loc,
                            &fields.path_of(key),
                            format!("`{key}` is not filled in: {what}"),
                        )
                        .hint(format!(
                            "write the value in place of the blank after `{key}:`"
                        ))
                        .code("not_filled_in");
                }
                None => {
                    self.report
                        .error(
                            fields.loc,
                            &fields.path_of(key),
                            format!("`{key}` is missing: {what}"),
                        )
                        .hint(format!("add `{key}:` to the mapping at {place}"))
                        .code("missing");
                }
            }
        }
        found
    }

    /// Reports every key of the mapping that was never asked for. Digit groups left over from
    /// a figure written with commas inside `{ }` (`preceding: 1,201,800,000` reads as
    /// `preceding: 1` and keys `201`, `800`, `000`) are reported once, as that figure.
    pub(crate) fn finish(&mut self, fields: Fields<'_>) {
        let split = crate::validate::cut_figures::split_figures(fields.entries);
        for (at, figure) in &split {
            let (key, value) = &fields.entries[*at];
            self.report
                .error(
                    value.loc,
                    &fields.path_of(&key.text),
                    format!("the figure `{figure}` is cut at its commas: inside `{{ }}` a comma separates entries"),
                )
                .hint(format!(
                    "quote it, \"{figure}\", or write it without commas, {}",
                    figure.replace(',', "")
                ))
                .code("figure_cut_at_commas");
        }
        for (i, (key, _)) in fields.entries.iter().enumerate() {
            if fields.known.contains(&key.text.as_str())
                || crate::validate::cut_figures::is_digit_group_after(fields.entries, i)
            {
                continue;
            }
            let d = self
                .report
                .error(
                    key.loc,
                    &fields.path_of(&key.text),
                    format!("unknown key `{}`", key.text),
                )
                .code("unknown_key");
            match closest(&key.text, &fields.known) {
                Some(near) => d.hint(format!("did you mean `{near}`?")),
                None => d.hint(format!("the keys here are: {}", fields.known.join(", "))),
            };
        }
    }

    /// The node as a list.
    pub(crate) fn list<'a>(&mut self, node: &'a Node, path: &str) -> Option<&'a [Node]> {
        match &node.value {
            Value::Seq(items) => Some(items),
            _ => {
                self.report.error(
                    node.loc,
                    path,
                    format!(
                        "expected a list (lines starting with `- `), found {}",
                        node.kind()
                    ),
                );
                None
            }
        }
    }
}
