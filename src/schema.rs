//! The JSON Schema (draft-07) of the input format, for editors with a YAML language server.
//!
//! `schema.json` holds the structure and the descriptions; what the reader defines elsewhere is
//! filled in from there, so that it cannot drift: the versions from the layout descriptions.

use serde_json::Value;

use crate::layout::Layout;

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
    let mut text = serde_json::to_string_pretty(&schema).expect("a JSON value serializes");
    text.push('\n');
    text
}
