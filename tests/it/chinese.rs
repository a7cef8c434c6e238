//! The Chinese return (`--lang zh`): Moon Inc. and the every-table return with Chinese texts as
//! text and as PDF/A-1b; every label that `templates/labels/zh-Hant.yaml` marks as read verbatim
//! is printed exactly, in both; a missing Chinese text is a located error; layouts without Chinese
//! wording are refused by name; `bulk --lang en,zh` writes both languages of the market.
//!
//! Checks that need pdftotext, qpdf, pdffonts or Preflight print a notice and pass when the tool
//! is absent, and fail when `CI` is set.

use std::path::Path;

use hkret::render::labels::LabelFile;
use hkret::render::pdf::PdfaLevel;

use crate::market;
use crate::pdf::assert_preflight;
use crate::pdf_support::run;
use crate::support::{compare, hkret, root, scratch, tool};

const MOON: &str = "examples/ff301-2026-01-moon-inc.yaml";
const EVERY_ZH: &str = "tests/fixtures/valid-1.2.0-every-table-zh/input.yaml";

/// The labels read verbatim on an official Chinese return: (id, text).
fn verbatim_labels() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(root().join("templates/labels/zh-Hant.yaml"))
        .expect("zh-Hant.yaml");
    let file = LabelFile::parse(&text).expect("zh-Hant.yaml reads");
    file.labels
        .into_iter()
        .filter(|(_, e)| e.source.starts_with("READ"))
        .map(|(id, e)| (id, e.text))
        .collect()
}

/// `text` without any whitespace: a label that wraps in a cell is still one run of characters.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The pieces of a label between its placeholders (`第 {page} 頁 共 {pages} 頁`), squeezed.
fn pieces(label: &str) -> Vec<String> {
    label
        .split(['{', '}'])
        .step_by(2)
        .map(squeezed)
        .filter(|p| !p.is_empty())
        .collect()
}

/// `hkret render FILE --lang zh` (and `extra` arguments), which must succeed; its standard output.
fn render_zh(file: &str, extra: &[&str]) -> Vec<u8> {
    let mut args = vec!["render", file, "--lang", "zh"];
    args.extend_from_slice(extra);
    let out = hkret(&root(), &args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{file}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The Chinese PDF of `file` at `path`.
fn render_zh_pdf(file: &str, path: &Path) {
    let target = path.display().to_string();
    render_zh(file, &["--pdf", "-o", &target]);
}

#[test]
fn the_every_table_return_renders_in_chinese_as_expected() {
    let text = String::from_utf8(render_zh(EVERY_ZH, &[])).expect("UTF-8");
    compare(
        &root().join("tests/fixtures/valid-1.2.0-every-table-zh/expected.zh.txt"),
        &text,
    );
    assert!(text.contains("公司名稱: 海港範例控股有限公司 (於開曼群島註冊成立的有限公司)"));
    assert!(text.contains("呈交日期: 2026年2月4日"), "dates unpadded");
    assert!(text.contains("19,118,002,388"), "figures as in English");
}

#[test]
fn every_verbatim_label_is_printed_exactly_in_the_text_and_the_pdf() {
    let labels = verbatim_labels();
    assert!(labels.len() >= 39, "only {} verbatim labels", labels.len());
    let text: String = [MOON, EVERY_ZH]
        .iter()
        .map(|f| String::from_utf8(render_zh(f, &[])).expect("UTF-8"))
        .collect();
    // The text return, like the English one, has no page footer; `meta_` labels are the PDF's
    // metadata (its title), not printed on a page.
    for (id, label) in labels
        .iter()
        .filter(|(id, _)| !id.starts_with("ftr_") && !id.starts_with("meta_"))
    {
        assert!(text.contains(label.as_str()), "text lacks {id}: {label}");
    }
    if !tool("pdftotext", "-v") {
        return;
    }
    let dir = scratch("chinese-labels");
    let mut extracted = String::new();
    for (i, file) in [MOON, EVERY_ZH].iter().enumerate() {
        let pdf = dir.join(format!("{i}.pdf"));
        render_zh_pdf(file, &pdf);
        // Raw order is the order the engine writes: a cell's lines follow one another.
        let out = std::process::Command::new("pdftotext")
            .arg("-raw")
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext runs");
        extracted.push_str(&squeezed(&String::from_utf8_lossy(&out.stdout)));
    }
    for (id, label) in labels.iter().filter(|(id, _)| !id.starts_with("meta_")) {
        for piece in pieces(label) {
            assert!(extracted.contains(&piece), "PDF lacks {id}: {piece}");
        }
    }
    // The two forms of 內 the official headings mix survive as they are.
    assert!(extracted.contains("本月內因此發行的新股數目(A1)"));
    assert!(extracted.contains("本月内因此自庫存轉讓的庫存股份數目(A2)"));
}

#[test]
fn the_chinese_pdf_is_pdf_a_1b_with_subset_fonts_and_the_same_bytes_every_time() {
    let dir = scratch("chinese-pdf");
    let (a, b) = (dir.join("moon-a.pdf"), dir.join("moon-b.pdf"));
    render_zh_pdf(MOON, &a);
    render_zh_pdf(MOON, &b);
    let bytes = std::fs::read(&a).expect("pdf");
    assert_eq!(bytes, std::fs::read(&b).expect("pdf"), "deterministic");
    let every = dir.join("every.pdf");
    render_zh_pdf(EVERY_ZH, &every);
    for pdf in [&a, &every] {
        if tool("qpdf", "--version") {
            let out = std::process::Command::new("qpdf")
                .arg("--check")
                .arg(pdf)
                .output()
                .expect("qpdf runs");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stdout)
            );
        }
        if tool("pdffonts", "-v") {
            let fonts = run("pdffonts", &[], pdf).expect("pdffonts");
            let rows: Vec<&str> = fonts.lines().skip(2).collect();
            assert!(rows.iter().any(|r| r.contains("NotoSansTC")), "{fonts}");
            for row in rows {
                let cols: Vec<&str> = row.split_whitespace().collect();
                assert!(
                    row.contains('+') && cols.iter().rev().skip(2).take(3).all(|c| *c == "yes"),
                    "not embedded, subset and mapped: {row}"
                );
            }
        }
        assert_preflight(pdf, PdfaLevel::A1b);
    }
    let title = "截至2026年1月31日止月份之股份發行人的證券變動月報表";
    if tool("pdfinfo", "-v") {
        let info = run("pdfinfo", &[], &a).expect("pdfinfo");
        assert!(info.contains(title), "{info}");
    }
}

#[test]
fn a_missing_chinese_text_is_a_located_error_unless_english_is_asked_for() {
    let dir = scratch("chinese-missing");
    let english_only = root().join("tests/fixtures/valid-1.2.0-every-table/input.yaml");
    std::fs::copy(&english_only, dir.join("input.yaml")).expect("copy");
    let out = hkret(
        &dir,
        &[
            "render",
            "input.yaml",
            "--lang",
            "zh",
            "--pdf",
            "-o",
            "zh.pdf",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        !dir.join("zh.pdf").exists(),
        "no output for a refused return"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("input.yaml:11:9: error: the Chinese return needs the Chinese of the issuer's name, `Harbour Example Holdings Limited` (at issuer.name)"),
        "{stderr}"
    );
    assert!(stderr.contains("help: add `name_zh:` beside it (at issuer.name_zh)"));
    // Every text at once: 30 texts of this return are printed.
    assert_eq!(stderr.matches(": error: ").count(), 30, "{stderr}");
    let out = hkret(
        &dir,
        &["render", "input.yaml", "--lang", "zh", "--fallback-english"],
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("公司名稱: Harbour Example Holdings Limited"),
        "{text}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: 30 texts print in English"),
        "{stderr}"
    );
    // `validate --lang zh` finds the same, without rendering.
    let out = hkret(&dir, &["validate", "--lang", "zh", "input.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr)
            .matches(": error: ")
            .count(),
        30
    );
    let out = hkret(&root(), &["validate", "--lang", "zh", MOON, EVERY_ZH]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_layout_without_chinese_wording_is_refused_by_name() {
    let out = hkret(
        &root(),
        &[
            "render",
            "examples/ff301-2022-11-qingdao-ainnovation.yaml",
            "--lang",
            "zh",
            "--fallback-english",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "templates/labels/zh-Hant.yaml words the layouts 1.1.0, 1.1.1, 1.2.0 only; this return is in layout 1.0.1"
        ),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn render_warns_how_many_labels_are_not_read_verbatim() {
    let out = hkret(&root(), &["render", MOON, "--lang", "zh"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stderr
        .lines()
        .find(|l| l.contains("of the Chinese labels this return prints are not read"))
        .unwrap_or_else(|| panic!("{stderr}"));
    let count: usize = line
        .split_whitespace()
        .find_map(|w| w.parse().ok())
        .expect("a count");
    assert!((10..160).contains(&count), "{line}");
    let english = hkret(&root(), &["render", MOON]);
    assert!(english.stderr.is_empty(), "no warning in English");
}

#[test]
fn bulk_writes_both_languages_of_the_market() {
    let dir = scratch("chinese-bulk");
    market::write(&dir.join("in"), 6).expect("market");
    let out = hkret(
        &dir,
        &[
            "bulk", "in", "--out", "out", "--format", "both", "--lang", "en,zh", "--quiet",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut names: Vec<String> = std::fs::read_dir(dir.join("out"))
        .expect("out")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "manifest.json")
        .collect();
    names.sort();
    assert_eq!(names.len(), 6 * 4, "{names:?}");
    assert!(
        names.contains(&"10000-2026-01-31.pdf".to_owned()),
        "{names:?}"
    );
    assert!(
        names.contains(&"10000-2026-01-31.zh.pdf".to_owned()),
        "{names:?}"
    );
    assert!(
        names.contains(&"10000-2026-01-31.zh.txt".to_owned()),
        "{names:?}"
    );
    // Each file is what `render` gives for that return alone in that language.
    let input = dir.join("in/issuer-0000.yaml");
    let alone = hkret(
        &dir,
        &["render", &input.display().to_string(), "--lang", "zh"],
    );
    let written = std::fs::read(dir.join("out/10000-2026-01-31.zh.txt")).expect("zh text");
    assert_eq!(written, alone.stdout);
    let out = hkret(
        &dir,
        &[
            "bulk",
            "in",
            "--out",
            "named",
            "--lang",
            "en,zh",
            "--name",
            "{{stock_code}}-{{lang}}",
            "--quiet",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(dir.join("named/10000-en.pdf").exists());
    assert!(dir.join("named/10000-zh.pdf").exists());
}

#[test]
fn the_readme_lists_every_label_not_read_verbatim() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    let text = std::fs::read_to_string(root().join("templates/labels/zh-Hant.yaml"))
        .expect("zh-Hant.yaml");
    let file = LabelFile::parse(&text).expect("zh-Hant.yaml reads");
    let unread: Vec<String> = file
        .labels
        .iter()
        .filter(|(_, e)| !e.source.starts_with("READ"))
        .map(|(id, e)| {
            let text = e.text.lines().collect::<Vec<_>>().join(" ");
            format!("| `{id}` | {text} | {} |", e.source)
        })
        .collect();
    for row in &unread {
        assert!(readme.contains(row.as_str()), "README lacks {row}");
    }
    let count = format!(
        "The {} Chinese labels not read on an official return",
        unread.len()
    );
    assert!(readme.contains(&count), "README does not say: {count}");
}

#[test]
fn next_month_keeps_the_chinese_texts() {
    let dir = scratch("chinese-next");
    let out = hkret(&root(), &["next", EVERY_ZH]);
    assert_eq!(out.status.code(), Some(0));
    let next = String::from_utf8(out.stdout).expect("UTF-8");
    for line in [
        "  name_zh: \"海港範例控股有限公司\"",
        "    description_zh: \"具不同投票權的B類普通股\"",
        "      capital_remark_zh: \"按每股發行所得款項100美元列示\"",
        "            particulars_zh: \"2019年股份期權計劃\"",
        "  title_zh: \"公司秘書\"",
        "confirmations_zh:",
    ] {
        assert!(next.contains(line), "{line} not in:\n{next}");
    }
    // Once its date is filled in, next month's return renders in Chinese as it stands.
    let filled = next.replacen("date_submitted: ~", "date_submitted: 2026-03-03", 1);
    std::fs::write(dir.join("next.yaml"), filled).expect("write");
    let out = hkret(&dir, &["render", "next.yaml", "--lang", "zh"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("截至月份: 2026年2月28日"));
}
