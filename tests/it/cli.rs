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

#[test]
fn message_formats_short_json_and_human() {
    let dir = scratch("cli-formats");
    let text = std::fs::read_to_string(root().join(MOON))
        .expect("example")
        .replace("status: new_submission", "status: new");
    std::fs::write(dir.join("bad.yaml"), text).expect("write");
    let short = hkret(&dir, &["validate", "bad.yaml", "--message-format", "short"]);
    assert_eq!(
        String::from_utf8_lossy(&short.stderr),
        "bad.yaml:6:9: error: `new` is not one of the form's choices (at status)\n  help: choose one of: new_submission, amendment\n"
    );
    // JSON goes to standard output, one object per line, with a code and the value's end.
    let json = hkret(&dir, &["validate", "bad.yaml", "--message-format", "json"]);
    assert!(
        json.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&json.stderr)
    );
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("one JSON object");
    assert_eq!(
        (
            value["line"].as_u64(),
            value["column"].as_u64(),
            value["end_column"].as_u64(),
            value["severity"].as_str(),
            value["code"].as_str()
        ),
        (Some(6), Some(9), Some(12), Some("error"), Some("input"))
    );
    // A rule's finding carries the rule's name; rendering to standard output keeps JSON off it.
    let late = std::fs::read_to_string(root().join(MOON))
        .expect("example")
        .replace("date_submitted: 2026-02-02", "date_submitted: 2026-02-20");
    std::fs::write(dir.join("late.yaml"), late).expect("write");
    let warned = hkret(&dir, &["validate", "late.yaml", "--message-format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&warned.stdout).expect("JSON");
    assert_eq!(value["code"], "submitted_after_month_end");
    let rendered = hkret(
        &dir,
        &["render", "late.yaml", "-o", "-", "--message-format", "json"],
    );
    let text = String::from_utf8_lossy(&rendered.stdout);
    assert!(text.contains("Name of Issuer: Moon Inc.") && !text.contains("\"severity\""));
    let value: serde_json::Value = serde_json::from_slice(&rendered.stderr).expect("JSON");
    assert_eq!(value["severity"], "warning");
    let human = hkret(&dir, &["validate", "bad.yaml", "--message-format", "human"]);
    let shown = String::from_utf8_lossy(&human.stderr);
    assert!(
        shown.contains("6 | status: new\n  |         ^^^\n"),
        "{shown}"
    );
    assert!(!shown.contains('\x1b'), "no colour when not on a terminal");
    assert_eq!(human.status.code(), Some(1));
}

#[test]
fn init_writes_a_skeleton_and_refuses_to_overwrite() {
    let dir = scratch("cli-init");
    let args = [
        "init",
        "--issuer",
        "Moon Inc.",
        "--stock-code",
        "01723",
        "--month",
        "2026-01",
        "-o",
        "moon.yaml",
    ];
    let out = hkret(&dir, &args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(dir.join("moon.yaml")).expect("written");
    assert!(text.contains("month_ended: 2026-01-31"));
    assert!(text.contains("stock_code: \"01723\""));
    let again = hkret(&dir, &args);
    assert_eq!(again.status.code(), Some(2));
    let check = hkret(&dir, &["validate", "moon.yaml"]);
    assert_eq!(
        check.status.code(),
        Some(1),
        "placeholders still to fill in"
    );
    assert!(String::from_utf8_lossy(&check.stderr).contains("`date_submitted` is not filled in"));
}

#[test]
fn init_refuses_a_bad_stock_code() {
    let out = hkret(&root(), &["init", "--stock-code", "2899"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: --stock-code 2899: a stock code is five digits: did you mean 02899?\n"
    );
}

#[test]
fn init_takes_the_classes_of_an_a_and_h_issuer() {
    let out = hkret(
        &root(),
        &[
            "init",
            "--class",
            "H shares:02899",
            "--class",
            "A shares:601899:unlisted",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("  - id: h ") && text.contains("  - id: a\n"),
        "{text}"
    );
    assert!(text.contains("stock_code: \"601899\""), "{text}");
    let wrong = hkret(&root(), &["init", "--class", "H shares:2899"]);
    assert_eq!(
        String::from_utf8_lossy(&wrong.stderr),
        "error: --class H shares:2899: a stock code is five digits: did you mean 02899?\n"
    );
}

#[test]
fn diff_names_the_changed_figure() {
    let dir = scratch("cli-diff");
    let text = std::fs::read_to_string(root().join(MOON))
        .expect("example")
        .replace("date_submitted: 2026-02-02", "date_submitted: 2026-02-03")
        .replace("status: new_submission", "status: amendment");
    std::fs::write(dir.join("amended.yaml"), text).expect("write");
    let out = hkret(
        &dir,
        &[
            "diff",
            root().join(MOON).to_str().expect("utf-8"),
            "amended.yaml",
        ],
    );
    // As diff(1): 1 when the returns differ, 0 when they do not.
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "status: New Submission -> Amendment\ndate submitted: 02 February 2026 -> 03 February 2026\n"
    );
    let same = hkret(&dir, &["diff", "amended.yaml", "amended.yaml"]);
    assert_eq!(same.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&same.stdout), "no differences\n");
}

#[test]
fn completions_and_man_page() {
    let bash = hkret(&root(), &["completions", "bash"]);
    assert_eq!(bash.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&bash.stdout).contains("validate"));
    let man = hkret(&root(), &["man"]);
    assert_eq!(man.status.code(), Some(0));
    let page = String::from_utf8_lossy(&man.stdout).into_owned();
    assert!(page.starts_with(".ie"), "roff");
    // Every page hkret's page lists (`hkret\-validate(1)`, ...) is written by `man --dir`.
    let listed: Vec<String> = page
        .lines()
        .filter_map(|l| l.strip_prefix("hkret\\-")?.strip_suffix("(1)"))
        .map(|c| format!("hkret-{c}.1"))
        .collect();
    assert!(listed.len() >= 10, "{listed:?}");
    let dir = scratch("man-pages");
    let out = hkret(&dir, &["man", "--dir", "man1"]);
    assert_eq!(out.status.code(), Some(0));
    for name in &listed {
        let text = std::fs::read_to_string(dir.join("man1").join(name)).expect(name);
        assert!(text.contains(".SH NAME"), "{name}");
        // And every page a page lists is there too.
        for l in text.lines() {
            if let Some(sub) = l
                .strip_prefix("hkret\\-")
                .and_then(|l| l.strip_suffix("(1)"))
            {
                let file = format!("hkret-{}.1", sub.replace("\\-", "-"));
                assert!(dir.join("man1").join(&file).exists(), "{name} lists {file}");
            }
        }
    }
    let one = hkret(&root(), &["man", "validate"]);
    assert!(String::from_utf8_lossy(&one.stdout).contains("hkret validate"));
    assert_eq!(hkret(&root(), &["man", "nosuch"]).status.code(), Some(2));
}

#[test]
fn every_command_has_help_with_an_example() {
    for command in [
        "validate",
        "render",
        "init",
        "diff",
        "schema",
        "completions",
        "man",
    ] {
        let out = hkret(&root(), &[command, "--help"]);
        assert_eq!(out.status.code(), Some(0), "{command}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Example"),
            "{command}"
        );
    }
    let version = hkret(&root(), &["--version"]);
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("hkret "));
}

#[test]
fn a_character_no_font_can_draw_is_a_located_input_error() {
    let dir = scratch("cli-glyph");
    let text = std::fs::read_to_string(root().join(MOON))
        .expect("example")
        .replace("name: Moon Inc.", "name: Moon Inc. \u{1F319}");
    std::fs::write(dir.join("moon.yaml"), text).expect("write");
    let out = hkret(&dir, &["render", "moon.yaml", "--pdf", "-o", "moon.pdf"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).lines().next(),
        Some(
            "moon.yaml:10:19: error: no font of the PDF can draw the character '\u{1F319}' (U+1F319)"
        )
    );
    assert!(!dir.join("moon.pdf").exists());
}

#[test]
fn huge_inputs_are_refused_by_size_before_they_are_read() {
    let dir = scratch("cli-huge");
    let big = format!("form: FF301\nnote: \"{}\"\n", "x".repeat(10 * 1024 * 1024));
    std::fs::write(dir.join("string.yaml"), &big).expect("10 MB string");
    let fifty: Vec<u8> = b"# padding\n"
        .iter()
        .copied()
        .cycle()
        .take(50 * 1024 * 1024)
        .collect();
    std::fs::write(dir.join("fifty.yaml"), fifty).expect("50 MB file");
    for name in ["string.yaml", "fifty.yaml"] {
        let out = hkret(&dir, &["validate", name]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with(&format!("{name}:1:1: error: the file is "))
                && stderr.contains("more than the 8388608 a return may have"),
            "{stderr}"
        );
    }
}

#[test]
fn a_full_disk_fails_cleanly() {
    // A copy of /dev/full's node in a scratch folder, never /dev/full itself.
    let dir = scratch("cli-full-disk");
    if !crate::outputs::mknod(&dir.join("full"), 1, 7) {
        return;
    }
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open(dir.join("full"))
        .expect("the device copy opens");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_hkret"))
        .args(["render", MOON])
        .current_dir(root())
        .stdout(full)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("No space left on device"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn an_output_directory_that_cannot_be_written_fails_cleanly() {
    let dir = scratch("cli-unwritable");
    std::fs::write(
        dir.join("not-a-dir"),
        "a file where the directory should be",
    )
    .expect("write");
    let out = hkret(
        &root(),
        &[
            "render",
            MOON,
            "-o",
            dir.join("not-a-dir/moon.txt").to_str().expect("utf-8"),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let bulk = hkret(
        &root(),
        &[
            "bulk",
            MOON,
            "--out",
            dir.join("not-a-dir/out").to_str().expect("utf-8"),
        ],
    );
    assert_eq!(bulk.status.code(), Some(2));
    assert_eq!(
        std::fs::read_dir(&dir).expect("dir").count(),
        1,
        "nothing left behind"
    );
}

#[test]
fn user_templates_cannot_read_files_and_their_errors_are_located() {
    let dir = scratch("cli-user-templates");
    std::fs::create_dir_all(dir.join("t/1.2.0")).expect("dir");
    std::fs::write(
        dir.join("t/1.2.0/form.txt.tera"),
        "{% include \"/etc/passwd\" %}\n",
    )
    .expect("write");
    let out = hkret(
        &root(),
        &[
            "render",
            MOON,
            "--templates",
            dir.join("t").to_str().expect("utf-8"),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("root:"),
        "a template read a file"
    );
    std::fs::write(
        dir.join("t/1.2.0/form.txt.tera"),
        "Issuer: {{ issuer_name }}\n{% if %}\n",
    )
    .expect("write");
    let out = hkret(
        &root(),
        &[
            "render",
            MOON,
            "--templates",
            dir.join("t").to_str().expect("utf-8"),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("1.2.0/form.txt.tera") && stderr.contains("2:"),
        "{stderr}"
    );
    std::fs::write(
        dir.join("t/1.2.0/form.txt.tera"),
        "Issuer: {{ issuer_name }} in {{ no_such_field }}\n",
    )
    .expect("write");
    let out = hkret(
        &root(),
        &[
            "render",
            MOON,
            "--templates",
            dir.join("t").to_str().expect("utf-8"),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no_such_field"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn two_processes_writing_one_directory_leave_whole_files() {
    let dir = scratch("cli-two-writers");
    crate::market::write(&dir.join("in"), 30).expect("market");
    let spawn = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_hkret"))
            .args(["bulk", "in", "--out", "out", "--format", "both", "--quiet"])
            .current_dir(&dir)
            .spawn()
            .expect("spawn")
    };
    let (mut a, mut b) = (spawn(), spawn());
    assert!(a.wait().expect("a").success() && b.wait().expect("b").success());
    let out = hkret(&dir, &["verify", "out"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let names: Vec<String> = std::fs::read_dir(dir.join("out"))
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 61, "{names:?}");
}

#[test]
fn a_pdf_without_an_output_goes_beside_its_input() {
    let dir = scratch("cli-pdf-beside");
    std::fs::copy(root().join(MOON), dir.join("moon.yaml")).expect("copy");
    let out = hkret(&dir, &["render", "moon.yaml", "--pdf"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "no PDF on standard output");
    assert!(
        std::fs::read(dir.join("moon.pdf"))
            .expect("moon.pdf")
            .starts_with(b"%PDF-")
    );
}

#[test]
fn validate_checks_every_return_of_a_stream() {
    let dir = scratch("cli-validate-stream");
    let moon = std::fs::read_to_string(root().join(MOON)).expect("example");
    std::fs::write(
        dir.join("month.yaml"),
        format!(
            "{moon}---\n{}",
            moon.replace("status: new_submission", "status: new")
        ),
    )
    .expect("write");
    let out = hkret(&dir, &["validate", "month.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("month.yaml:71:9: error: `new` is not one of the form's choices"),
        "{stderr}"
    );
}

#[test]
fn a_user_directory_replaces_a_label_file_or_a_shared_template() {
    let dir = scratch("cli-user-labels");
    std::fs::create_dir_all(dir.join("t/labels")).expect("dir");
    let english = std::fs::read_to_string(root().join("templates/labels/en.yaml")).expect("en");
    let renamed = english.replace(
        "text: \"Name of Issuer:\"",
        "text: \"Name of the Listed Issuer:\"",
    );
    assert_ne!(renamed, english, "the label is in the file");
    std::fs::write(dir.join("t/labels/en.yaml"), renamed).expect("write");
    let templates = dir.join("t");
    let args = [
        "render",
        MOON,
        "--templates",
        templates.to_str().expect("utf-8"),
    ];
    let out = hkret(&root(), &args);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Name of the Listed Issuer: Moon"), "{text}");
    // A shared template replaced serves every layout's set that extends it.
    std::fs::create_dir_all(dir.join("t/base")).expect("dir");
    std::fs::write(
        dir.join("t/base/form.txt.tera"),
        "{{ labels.hdr_issuer }} {{ issuer_name }} ({{ layout.version }})\n",
    )
    .expect("write");
    let out = hkret(&root(), &args);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("Name of the Listed Issuer: Moon"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // A label file that does not read is an error naming it.
    std::fs::write(dir.join("t/labels/en.yaml"), "labels: [").expect("write");
    let out = hkret(&root(), &args);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("labels/en.yaml"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
