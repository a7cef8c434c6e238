//! Golden tests: every fixture under `tests/fixtures/<case>/` and the published seed return.
//!
//! A case holds `input.yaml` and either `expected.stderr` (the diagnostics of an invalid return,
//! file named `input.yaml`) or `expected.txt` (the text rendering of a valid one) and
//! `expected.layout` (its PDF pages as laid out from the real templates: every text run, rule
//! and box with its position, one per line). `HKRET_BLESS=1 cargo test --test it golden`
//! rewrites them; their diffs are the review artefact of any change to a template or the
//! layout engine. Every case is checked and every difference reported, not just the first.

use std::path::{Path, PathBuf};

use crate::support::{check, diagnostics_of, layout_of, root, text_of};

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

/// The fixture's name: its folder's.
fn name_of(case: &Path) -> String {
    case.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The differences of one case from its expected files, described.
fn differences(case: &Path) -> Vec<String> {
    let input = case.join("input.yaml");
    let name = name_of(case);
    let result = diagnostics_of(&input);
    if name.starts_with("invalid-") {
        return match result {
            Err(found) => check(&case.join("expected.stderr"), &found)
                .err()
                .into_iter()
                .collect(),
            Ok(_) => vec![format!("{name} is valid but is named invalid")],
        };
    }
    match result {
        Err(found) => vec![format!("{name} is invalid:\n{found}")],
        Ok(warnings) if !warnings.is_empty() && !case.join("expected.stderr").exists() => {
            vec![format!("{name} warns:\n{warnings}")]
        }
        Ok(_) => [
            check(&case.join("expected.txt"), &text_of(&input)),
            check(&case.join("expected.layout"), &layout_of(&input)),
        ]
        .into_iter()
        .filter_map(Result::err)
        .collect(),
    }
}

/// Checks every case, then reports every difference at once.
fn check_all(cases: &[PathBuf]) {
    let found: Vec<String> = cases.iter().flat_map(|c| differences(c)).collect();
    assert!(
        found.is_empty(),
        "{} of {} fixtures differ:\n\n{}",
        found.len(),
        cases.len(),
        found.join("\n\n")
    );
}

#[test]
fn every_invalid_fixture_gives_its_expected_diagnostics() {
    let cases: Vec<PathBuf> = cases()
        .into_iter()
        .filter(|c| name_of(c).starts_with("invalid-"))
        .collect();
    assert!(cases.len() >= 100, "only {} invalid fixtures", cases.len());
    check_all(&cases);
}

#[test]
fn every_valid_fixture_renders_its_expected_text_and_layout() {
    let cases: Vec<PathBuf> = cases()
        .into_iter()
        .filter(|c| !name_of(c).starts_with("invalid-"))
        .collect();
    assert!(cases.len() >= 3, "only {} valid fixtures", cases.len());
    for case in &cases {
        assert!(
            case.join("expected.layout").exists() || crate::support::blessing(),
            "{}: no expected.layout (HKRET_BLESS=1 writes it)",
            case.display()
        );
    }
    check_all(&cases);
}

#[test]
fn the_seed_renders_as_published() {
    let actual = text_of(&root().join("examples/ff301-2022-11-qingdao-ainnovation.yaml"));
    let published = std::fs::read_to_string(
        root().join("tests/fixtures/reference/ff301-v1.0.1-2022-11-qingdao-ainnovation.txt"),
    )
    .expect("reference");
    // Byte for byte, to the published file's last byte (it has no newline after its last line).
    assert_eq!(actual, published);
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

#[test]
fn the_seed_written_by_render_and_bulk_is_the_published_file_byte_for_byte() {
    let published = std::fs::read(
        root().join("tests/fixtures/reference/ff301-v1.0.1-2022-11-qingdao-ainnovation.txt"),
    )
    .expect("reference");
    let example = root().join("examples/ff301-2022-11-qingdao-ainnovation.yaml");
    let example = example.to_str().expect("UTF-8 path");
    let dir = crate::support::scratch("seed-as-published");

    let piped = crate::support::hkret(&dir, &["render", example]);
    assert!(piped.status.success(), "{piped:?}");
    assert_eq!(piped.stdout, published, "render to a pipe");

    let written = crate::support::hkret(&dir, &["render", example, "-o", "seed.txt"]);
    assert!(written.status.success(), "{written:?}");
    assert_eq!(
        std::fs::read(dir.join("seed.txt")).expect("seed.txt"),
        published,
        "render -o"
    );

    let out = dir.join("bulk");
    let bulk = crate::support::hkret(
        &dir,
        &[
            "bulk",
            example,
            "--format",
            "text",
            "--out",
            out.to_str().expect("UTF-8"),
        ],
    );
    assert!(bulk.status.success(), "{bulk:?}");
    let texts: Vec<_> = std::fs::read_dir(&out)
        .expect("bulk output")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    assert_eq!(texts.len(), 1, "{texts:?}");
    assert_eq!(
        std::fs::read(&texts[0]).expect("bulk text"),
        published,
        "bulk"
    );
}
