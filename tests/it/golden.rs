//! Golden tests: every fixture under `tests/fixtures/<case>/` and the published seed return.
//!
//! A case holds `input.yaml` and one or both of `expected.txt` (the text rendering of a valid
//! return) and `expected.stderr` (the diagnostics of an invalid one, file named `input.yaml`).
//! `HKRET_BLESS=1 cargo test` rewrites them; their diffs are the review artefact.

use std::path::PathBuf;

use crate::support::{compare, diagnostics_of, root, text_of};

fn cases() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures"))
        .expect("fixtures dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("input.yaml").exists())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn every_fixture_matches_its_expected_files() {
    let cases = cases();
    assert!(cases.len() >= 27, "only {} fixtures", cases.len());
    for case in cases {
        let input = case.join("input.yaml");
        let name = case
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let result = diagnostics_of(&input);
        if name.starts_with("invalid-") {
            let Err(found) = result else {
                panic!("{name} is valid but is named invalid")
            };
            compare(&case.join("expected.stderr"), &found);
        } else {
            let warnings = result.unwrap_or_else(|d| panic!("{name} is invalid:\n{d}"));
            assert!(
                warnings.is_empty() || case.join("expected.stderr").exists(),
                "{name} warns:\n{warnings}"
            );
            compare(&case.join("expected.txt"), &text_of(&input));
        }
    }
}

#[test]
fn the_seed_renders_as_published() {
    let actual = text_of(&root().join("examples/ff301-2022-11-qingdao-ainnovation.yaml"));
    let published = std::fs::read_to_string(
        root().join("tests/fixtures/reference/ff301-v1.0.1-2022-11-qingdao-ainnovation.txt"),
    )
    .expect("reference");
    // The published file has no newline at its very end; hkret ends its text with one.
    assert_eq!(actual.strip_suffix('\n').unwrap_or(&actual), published);
}

#[test]
fn the_examples_validate_clean() {
    for name in [
        "ff301-2022-11-qingdao-ainnovation.yaml",
        "ff301-2026-01-moon-inc.yaml",
    ] {
        assert_eq!(
            diagnostics_of(&root().join("examples").join(name)),
            Ok(String::new()),
            "{name}"
        );
    }
}
