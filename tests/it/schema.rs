//! The JSON Schema that `hkret schema` prints accepts every valid return and describes every field.

use jsonschema::Validator;
use serde_json::Value;

use crate::support::{hkret, root};

fn schema() -> Value {
    let out = hkret(&root(), &["schema"]);
    assert_eq!(out.status.code(), Some(0));
    serde_json::from_slice(&out.stdout).expect("the schema is JSON")
}

fn valid_returns() -> Vec<std::path::PathBuf> {
    let mut files = vec![
        root().join("examples/ff301-2022-11-qingdao-ainnovation.yaml"),
        root().join("examples/ff301-2026-01-moon-inc.yaml"),
    ];
    for entry in std::fs::read_dir(root().join("tests/fixtures"))
        .expect("fixtures")
        .filter_map(Result::ok)
    {
        if entry.file_name().to_string_lossy().starts_with("valid-") {
            files.push(entry.path().join("input.yaml"));
        }
    }
    files
}

#[test]
fn every_valid_return_validates_against_the_schema() {
    let validator = Validator::options()
        .build(&schema())
        .expect("the schema compiles");
    for file in valid_returns() {
        let text = std::fs::read_to_string(&file).expect("readable");
        let instance: Value = serde_saphyr::from_str(&text).expect("YAML");
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
    }
}

#[test]
fn the_schema_refuses_an_unknown_key() {
    let validator = Validator::options()
        .build(&schema())
        .expect("the schema compiles");
    let text = std::fs::read_to_string(root().join("examples/ff301-2026-01-moon-inc.yaml"))
        .expect("readable")
        .replace("month_ended:", "month_end:");
    let instance: Value = serde_saphyr::from_str(&text).expect("YAML");
    assert!(!validator.is_valid(&instance));
}

fn described(node: &Value, path: &str, missing: &mut Vec<String>) {
    if let Some(props) = node.get("properties").and_then(Value::as_object) {
        for (key, field) in props {
            let here = format!("{path}.{key}");
            if field.get("description").is_none() && field.get("$ref").is_none() {
                missing.push(here.clone());
            }
            described(field, &here, missing);
        }
    }
    for key in ["items", "oneOf", "allOf"] {
        match node.get(key) {
            Some(Value::Array(items)) => items.iter().for_each(|i| described(i, path, missing)),
            Some(item @ Value::Object(_)) => described(item, path, missing),
            _ => {}
        }
    }
}

#[test]
fn every_field_has_a_description() {
    let schema = schema();
    let mut missing = Vec::new();
    described(&schema, "", &mut missing);
    if let Some(defs) = schema.get("definitions").and_then(Value::as_object) {
        for (name, def) in defs {
            described(def, &format!("definitions.{name}"), &mut missing);
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}
