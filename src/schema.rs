//! The JSON Schema (draft-07) of the input format, for editors with a YAML language server.

/// The schema, as shipped.
pub const SCHEMA: &str = include_str!("schema.json");
