//! The command line as a user meets it: exit codes, output files, standard input, help.

use crate::support::{hkret, hkret_with_stdin, root, scratch};

const MOON: &str = "examples/ff301-2026-01-moon-inc.yaml";

#[test]
fn validate_exits_zero_on_the_examples() {
    let out = hkret(
        &root(),
        &[
            "validate",
            MOON,
            "examples/ff301-2022-11-qingdao-ainnovation.yaml",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
}

#[test]
fn invalid_input_exits_one_with_located_errors() {
    let dir = scratch("cli-invalid");
    let text = std::fs::read_to_string(root().join(MOON))
        .expect("example")
        .replace("closing: 478272000", "closing: 478272001");
    std::fs::write(dir.join("bad.yaml"), text).expect("write");
    let out = hkret(&dir, &["validate", "bad.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("bad.yaml:24:"), "{stderr}");
    assert!(
        stderr.contains("error: Part II, class `ordinary`"),
        "{stderr}"
    );
}

#[test]
fn a_missing_file_exits_two() {
    let out = hkret(&root(), &["validate", "no-such-file.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-file.yaml"));
}

#[test]
fn a_directory_given_as_a_file_exits_two() {
    let out = hkret(&root(), &["validate", "examples"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is a directory"));
}

#[test]
fn bad_usage_exits_two() {
    let out = hkret(&root(), &["render"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn render_writes_the_output_file() {
    let dir = scratch("cli-render");
    let out = hkret(
        &root(),
        &[
            "render",
            MOON,
            "-o",
            dir.join("moon.txt").to_str().expect("utf-8"),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(dir.join("moon.txt")).expect("written");
    assert!(text.contains("Name of Issuer: Moon Inc."));
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
}

#[test]
fn invalid_input_writes_no_output_file() {
    let dir = scratch("cli-no-output");
    std::fs::write(dir.join("bad.yaml"), "form: FF301\nversion: \"9.9.9\"\n").expect("write");
    let out = hkret(&dir, &["render", "bad.yaml", "-o", "out.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.join("out.txt").exists());
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let bytes = std::fs::read(root().join(MOON)).expect("example");
    let out = hkret_with_stdin(&root(), &["render", "-"], &bytes);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("For the month ended: 31 January 2026"));
}

#[test]
fn help_lists_the_exit_codes() {
    let out = hkret(&root(), &["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("1  invalid input"), "{help}");
}
