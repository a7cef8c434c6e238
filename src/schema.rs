//! The JSON Schema (draft-07) of the input format, for editors with a YAML language server.
//!
//! `schema.json` holds the structure and the descriptions; what the reader defines elsewhere is
//! filled in from there, so that it cannot drift: the versions from the layout descriptions,
//! every closed set's spellings from the reader's own tables (`src/vocab.rs`).

use serde_json::Value;

use crate::layout::Layout;
use crate::vocab::{CLASSES, CONFIRMATIONS, ISSUE_TYPES, STATUSES, TYPES, words};

/// Where each closed set's `enum` stands in the schema, and its spellings.
fn closed_sets() -> [(&'static str, Vec<&'static str>); 5] {
    [
        ("/properties/status", words(STATUSES)),
        (
            "/properties/share_classes/items/properties/class_of_shares",
            words(CLASSES),
        ),
        (
            "/properties/share_classes/items/properties/type_of_shares",
            words(TYPES),
        ),
        (
            "/properties/details/properties/other_movements/oneOf/1/properties/classes/items/properties/entries/items/properties/type_of_issue",
            words(ISSUE_TYPES),
        ),
        ("/properties/confirmations/oneOf/0", words(CONFIRMATIONS)),
    ]
}

/// The schema as written, before the reader's own lists are filled in.
const SKELETON: &str = include_str!("schema.json");

/// The schema as `hkret schema` prints it.
pub fn schema() -> String {
    let mut schema: Value =
        serde_json::from_str(SKELETON).expect("src/schema.json is JSON (a test prints it)");
    if let Some(version) = schema.pointer_mut("/properties/version") {
        let versions: Vec<Value> = Layout::all().map(|l| Value::from(l.version())).collect();
        version["enum"] = Value::Array(versions);
        version["description"] = Value::from(format!(
            "The layout of the form, one of {}. Leave it out to use the layout in force for month_ended.",
            Layout::known()
        ));
    }
    for (pointer, spellings) in closed_sets() {
        if let Some(node) = schema.pointer_mut(pointer) {
            node["enum"] = Value::from(spellings);
        }
    }
    let mut text = serde_json::to_string_pretty(&schema).expect("a JSON value serializes");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::{SKELETON, closed_sets};

    #[test]
    fn every_closed_set_has_its_place_in_the_schema() {
        let schema: Value = serde_json::from_str(SKELETON).expect("JSON");
        for (pointer, _) in closed_sets() {
            let node = schema
                .pointer(pointer)
                .unwrap_or_else(|| panic!("{pointer}"));
            assert!(node.get("enum").is_some(), "{pointer} has no enum");
        }
    }
}
