//! `hkret bulk`, `verify`, `next` and `chain` as a corporate service provider uses them.

use std::path::Path;

use crate::market;
use crate::support::{hkret, root, scratch};

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_synthetic_market_is_valid() {
    for i in 0..2600 {
        let source = hkret::input::Source {
            name: format!("issuer-{i}"),
            bytes: market::issuer(i).into_bytes(),
        };
        if let Err(d) = hkret::validate::build(&source) {
            panic!("issuer {i}:\n{d}\n{}", market::issuer(i));
        }
    }
}

#[test]
fn bulk_output_is_the_same_as_rendering_alone_whatever_the_jobs() {
    let dir = scratch("bulk-jobs");
    market::write(&dir.join("in"), 12).expect("market");
    for jobs in ["1", "2"] {
        let out = hkret(
            &dir,
            &[
                "bulk",
                "in",
                "--out",
                &format!("out{jobs}"),
                "--format",
                "both",
                "--jobs",
                jobs,
            ],
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(files(&dir.join("out1")).len(), 25);
    for name in files(&dir.join("out1")) {
        let a = std::fs::read(dir.join("out1").join(&name)).expect("out1");
        let b = std::fs::read(dir.join("out2").join(&name)).expect("out2");
        assert!(a == b, "{name} differs between --jobs 1 and 2");
    }
    let alone = hkret(
        &dir,
        &["render", "in/issuer-0003.yaml", "--pdf", "-o", "alone.pdf"],
    );
    assert_eq!(alone.status.code(), Some(0));
    let name = format!("{:05}-2026-01-31.pdf", 10_003);
    assert!(
        std::fs::read(dir.join("alone.pdf")).expect("alone")
            == std::fs::read(dir.join("out1").join(name)).expect("bulk")
    );
}

#[test]
fn streams_directories_and_an_invalid_document_that_stops_nothing() {
    let dir = scratch("bulk-stream");
    let stream = format!(
        "{}---\n{}---\n{}",
        market::issuer(1),
        market::issuer(2).replace("status: new_submission", "status: new"),
        market::issuer(3)
    );
    std::fs::write(dir.join("stream.yaml"), stream).expect("write");
    let out = hkret(
        &dir,
        &["bulk", "stream.yaml", "--out", "out", "--format", "text"],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "an invalid document makes the exit code 1"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("stream.yaml:"), "{stderr}");
    assert!(
        stderr.contains("3 documents: 2 written, 0 skipped, 1 invalid, 0 failed"),
        "{stderr}"
    );
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("out/manifest.json")).expect("manifest"),
    )
    .expect("json");
    let statuses: Vec<&str> = manifest["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| d["status"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(statuses, ["written", "invalid", "written"]);
    assert!(
        manifest["documents"][1]["diagnostics"][0]
            .as_str()
            .unwrap_or("")
            .contains("is not one of the form's choices")
    );
}

const TEMPLATE: &str = "form: FF301\nversion: \"1.2.0\"\nmonth_ended: 2026-01-31\nstatus: new_submission\ndate_submitted: 2026-02-03\nissuer:\n  name: \"{{ issuer }}\"\nshare_classes:\n  - id: ordinary\n    class_of_shares: Ordinary shares\n    type_of_shares: Not applicable\n    listed: true\n    stock_code: \"{{ code }}\"\n    authorised: not_applicable\n    issued:\n      excluding_treasury: { preceding: {{ preceding }}, closing: {{ closing }} }\n      treasury: { preceding: 0, closing: 0 }\n    public_float: { complied: true, threshold: Initial Prescribed Threshold }\ndetails:\n  share_options: not_applicable\n  warrants: not_applicable\n  convertibles: not_applicable\n  other_arrangements: not_applicable\n  other_movements: not_applicable\nhdr: not_applicable\nconfirmations: standard\nsubmitted_by: { name: A Secretary, title: Company Secretary }\n";

#[test]
fn templated_returns_from_csv_and_yaml() {
    let dir = scratch("bulk-template");
    std::fs::write(dir.join("return.yaml.tera"), TEMPLATE).expect("template");
    std::fs::write(dir.join("issuers.csv"), "issuer,code,preceding,closing\nMoon Inc.,01723,478272000,478272000\nSun Ltd,00001,100,100\n").expect("csv");
    std::fs::write(dir.join("issuers.yaml"), "- { issuer: Moon Inc., code: \"01723\", preceding: 478272000, closing: 478272000 }\n- { issuer: Sun Ltd, code: \"00001\", preceding: 100, closing: 100 }\n").expect("yaml");
    for (data, out) in [("issuers.csv", "csv-out"), ("issuers.yaml", "yaml-out")] {
        let run = hkret(
            &dir,
            &[
                "bulk",
                "--template",
                "return.yaml.tera",
                "--data",
                data,
                "--out",
                out,
                "--format",
                "text",
            ],
        );
        assert_eq!(
            run.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert_eq!(
            files(&dir.join(out)),
            [
                "00001-2026-01-31.txt",
                "01723-2026-01-31.txt",
                "manifest.json"
            ]
        );
    }
    let moon = std::fs::read_to_string(dir.join("csv-out/01723-2026-01-31.txt")).expect("text");
    assert!(moon.contains("Name of Issuer: Moon Inc."));
    assert!(moon.contains("Balance at close of preceding month\t478,272,000"));
}

#[test]
fn a_bad_data_row_fails_alone_and_is_named() {
    let dir = scratch("bulk-bad-row");
    std::fs::write(dir.join("return.yaml.tera"), TEMPLATE).expect("template");
    std::fs::write(dir.join("issuers.csv"), "issuer,code,preceding,closing\nMoon Inc.,01723,478272000,478272000\nSun Ltd,00001,100,101\n").expect("csv");
    let run = hkret(
        &dir,
        &[
            "bulk",
            "--template",
            "return.yaml.tera",
            "--data",
            "issuers.csv",
            "--out",
            "out",
            "--format",
            "text",
        ],
    );
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.starts_with("issuers.csv:3:4: error: Part II, class `ordinary`"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "(at row 2, column `closing`; template return.yaml.tera:16: share_classes[0].issued.excluding_treasury.closing)"
        ),
        "{stderr}"
    );
    assert_eq!(
        files(&dir.join("out")),
        ["01723-2026-01-31.txt", "manifest.json"]
    );
}

#[test]
fn the_example_template_and_table_render_and_a_spreadsheet_s_mistakes_are_told_in_its_terms() {
    let dir = scratch("bulk-example");
    let template = root().join("examples/bulk/return.yaml.tera");
    let data = root().join("examples/bulk/issuers.csv");
    let args = |data: &str, out: &str| {
        vec![
            "bulk".to_owned(),
            "--template".to_owned(),
            template.display().to_string(),
            "--data".to_owned(),
            data.to_owned(),
            "--out".to_owned(),
            out.to_owned(),
            "--format".to_owned(),
            "text".to_owned(),
        ]
    };
    let run_with = |data: &str, out: &str| {
        let owned = args(data, out);
        let borrowed: Vec<&str> = owned.iter().map(String::as_str).collect();
        hkret(&dir, &borrowed)
    };
    let run = run_with(&data.display().to_string(), "out");
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        files(&dir.join("out")).len(),
        4,
        "three returns and the manifest"
    );
    // A spreadsheet drops a code's leading zeros and writes thousands with commas.
    let table = std::fs::read_to_string(&data)
        .expect("table")
        .replace("Moon Inc.,01723", "Moon Inc.,1723")
        .replace(",1250000000,", ",\"1,250,000,000\",");
    std::fs::write(dir.join("saved.csv"), table).expect("csv");
    let bad = run_with("saved.csv", "bad");
    assert_eq!(bad.status.code(), Some(1));
    let t = template.display().to_string();
    let stderr = String::from_utf8_lossy(&bad.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines[..4],
        [
            format!("saved.csv:2:2: error: stock code `1723` is not five digits (at row 1, column `stock_code`; template {t}:18: share_classes[0].stock_code)").as_str(),
            "  help: the cell of column `stock_code` lost its leading zeros (spreadsheets drop them): write 01723, with the column stored as text",
            format!("saved.csv:4:7: error: the figure `1,250,000,000` is cut at its commas: inside `{{ }}` a comma separates entries (at row 3, column `issued_shares`; template {t}:24: share_classes[0].issued.excluding_treasury.preceding)").as_str(),
            "  help: the cell `1,250,000,000` of column `issued_shares` holds commas: write the figure without them, or put the placeholder in quotes in the template (\"{{ issued_shares }}\")",
        ]
    );
}

#[test]
fn a_name_pattern_that_climbs_out_is_refused() {
    let dir = scratch("bulk-climb");
    market::write(&dir.join("in"), 2).expect("market");
    let run = hkret(
        &dir,
        &["bulk", "in", "--out", "out", "--name", "../{{stock_code}}"],
    );
    assert_eq!(run.status.code(), Some(2));
    assert!(!dir.join("out").exists());
}

#[test]
fn clashing_names_stop_the_run_before_anything_is_written() {
    let dir = scratch("bulk-clash");
    market::write(&dir.join("in"), 3).expect("market");
    let run = hkret(&dir, &["bulk", "in", "--out", "out", "--name", "{{month}}"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("same file"));
    assert!(!dir.join("out").exists());
}

#[test]
fn a_clash_found_late_leaves_the_output_folder_as_it_was() {
    let dir = scratch("bulk-late-clash");
    // 600 returns, then one whose name (its file's stem) one of them has: the clash is found
    // in the second chunk of 512, after the first chunk's files were staged.
    market::write(&dir.join("in").join("a"), 600).expect("market");
    std::fs::create_dir_all(dir.join("in").join("b")).expect("b");
    let twin = ["a", "b"].map(|d| dir.join("in").join(d).join("issuer-0003.yaml"));
    std::fs::copy(&twin[0], &twin[1]).expect("twin");
    let out = dir.join("out");
    std::fs::create_dir_all(&out).expect("out");
    std::fs::write(out.join("issuer-0000.txt"), "an earlier run's file").expect("earlier");
    let run = hkret(&dir, &["bulk", "in/a", "in/b", "--out", "out"]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("same file") && stderr.contains("issuer-0003"),
        "{stderr}"
    );
    assert_eq!(
        files(&out),
        ["issuer-0000.txt"],
        "nothing staged is left, nothing renamed"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("issuer-0000.txt")).expect("kept"),
        "an earlier run's file"
    );
}

#[test]
fn a_killed_run_leaves_no_partial_file_and_a_rerun_completes() {
    use std::process::{Command, Stdio};
    let dir = scratch("bulk-kill");
    market::write(&dir.join("in"), 150).expect("market");
    let mut child = Command::new(env!("CARGO_BIN_EXE_hkret"))
        .args([
            "bulk", "in", "--out", "out", "--format", "both", "--jobs", "2",
        ])
        .current_dir(&dir)
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    // Killed once it has staged some PDFs (under temporary names: `.hkret-{name}.{pid}.tmp`).
    let started = std::time::Instant::now();
    while files_with(&dir.join("out"), ".pdf") == 0
        && staged(&dir.join("out"), ".pdf.") < 10
        && started.elapsed().as_secs() < 60
    {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    let left = files(&dir.join("out"));
    if !left.iter().any(|n| n == "manifest.json") {
        // Killed before the end: nothing is under its name yet, only staged files.
        assert!(
            left.iter().all(|n| n.starts_with(".hkret-")),
            "a killed run put files in place: {left:?}"
        );
    }
    for name in left {
        if name.starts_with('.') {
            continue;
        }
        let bytes = std::fs::read(dir.join("out").join(&name)).expect("read");
        if name.ends_with(".pdf") {
            assert!(
                bytes.windows(5).rev().take(16).any(|w| w == b"%%EOF"),
                "{name} is truncated"
            );
        } else if name == "manifest.json" {
            // On a loaded machine the run may finish before the kill: its manifest is whole.
            assert!(
                String::from_utf8_lossy(&bytes).trim_end().ends_with('}'),
                "{name} is truncated"
            );
        } else {
            assert!(
                String::from_utf8_lossy(&bytes).contains("rank pari passu"),
                "{name} is truncated"
            );
        }
    }
    let rerun = hkret(
        &dir,
        &[
            "bulk",
            "in",
            "--out",
            "out",
            "--format",
            "both",
            "--skip-existing",
        ],
    );
    assert_eq!(
        rerun.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&rerun.stderr)
    );
    let names = files(&dir.join("out"));
    assert_eq!(
        names.len(),
        301,
        "150 returns as text and PDF, and the manifest"
    );
    assert!(
        names.iter().all(|n| !n.starts_with('.')),
        "temporary files left: {names:?}"
    );
    assert_eq!(hkret(&dir, &["verify", "out"]).status.code(), Some(0));
}

/// How many files in `dir` are staged (hkret's temporary files) for names containing `part`.
fn staged(dir: &Path, part: &str) -> usize {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(".hkret-") && n.contains(part))
                .count()
        })
        .unwrap_or(0)
}

fn files_with(dir: &Path, suffix: &str) -> usize {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().ends_with(suffix))
                .count()
        })
        .unwrap_or(0)
}

#[test]
fn skip_existing_keeps_complete_outputs() {
    let dir = scratch("bulk-skip");
    market::write(&dir.join("in"), 3).expect("market");
    assert_eq!(
        hkret(&dir, &["bulk", "in", "--out", "out", "--format", "text"])
            .status
            .code(),
        Some(0)
    );
    let again = hkret(
        &dir,
        &[
            "bulk",
            "in",
            "--out",
            "out",
            "--format",
            "text",
            "--skip-existing",
        ],
    );
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("0 written, 3 skipped"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
}

#[test]
fn verify_detects_a_changed_byte() {
    let dir = scratch("bulk-verify");
    market::write(&dir.join("in"), 2).expect("market");
    assert_eq!(
        hkret(
            &dir,
            &["bulk", "in", "--out", "out", "--format", "pdf", "--quiet"]
        )
        .status
        .code(),
        Some(0)
    );
    assert_eq!(hkret(&dir, &["verify", "out"]).status.code(), Some(0));
    let path = dir
        .join("out")
        .join(format!("{:05}-2026-01-31.pdf", 10_001));
    let mut bytes = std::fs::read(&path).expect("pdf");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    std::fs::write(&path, bytes).expect("write");
    let check = hkret(&dir, &["verify", "out"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&check.stderr).contains("changed since it was written"));
}

#[test]
fn next_and_chain_from_the_command_line() {
    let dir = scratch("bulk-next");
    let moon = root().join("examples/ff301-2026-01-moon-inc.yaml");
    let run = hkret(
        &dir,
        &["next", moon.to_str().expect("utf-8"), "-o", "feb.yaml"],
    );
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let feb = std::fs::read_to_string(dir.join("feb.yaml"))
        .expect("next")
        .replace("date_submitted: ~", "date_submitted: 2026-03-03");
    std::fs::write(dir.join("feb.yaml"), &feb).expect("filled");
    let chain = hkret(&dir, &["chain", "feb.yaml", moon.to_str().expect("utf-8")]);
    assert_eq!(
        chain.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&chain.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&chain.stdout),
        "the chain is whole: 2 returns of Moon Inc., months ended 31 January 2026 to 28 February 2026\n"
    );
    let json = hkret(
        &dir,
        &[
            "chain",
            "feb.yaml",
            moon.to_str().expect("utf-8"),
            "--message-format",
            "json",
        ],
    );
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("one JSON line");
    assert_eq!(value["code"], "chain_whole");
    std::fs::write(
        dir.join("feb.yaml"),
        feb.replace(
            "treasury: { preceding: 0, closing: 0 }",
            "treasury: { preceding: 5, closing: 5 }",
        ),
    )
    .expect("broken");
    let broken = hkret(&dir, &["chain", moon.to_str().expect("utf-8"), "feb.yaml"]);
    assert_eq!(broken.status.code(), Some(1));
    assert!(
        broken.stdout.is_empty(),
        "a broken chain is not said to be whole"
    );
    let stderr = String::from_utf8_lossy(&broken.stderr);
    assert!(
        stderr.contains("feb.yaml:")
            && stderr.contains("treasury shares")
            && stderr.contains("ff301-2026-01-moon-inc.yaml:25:"),
        "{stderr}"
    );
}
