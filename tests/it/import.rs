//! `hkret import`: published returns back to YAML whose rendering is the published return, the
//! round trip of every valid fixture and of the synthetic market, and garbage refused cleanly.

use hkret::import::import;
use hkret::input::Source;
use hkret::render::render_text;
use hkret::render::templates::Templates;
use hkret::validate::build;
use proptest::prelude::*;

use crate::market;
use crate::support::{hkret, root, scratch};

/// The text rendering of a return given as YAML text.
fn render(yaml: &str) -> String {
    let source = Source {
        name: "imported.yaml".into(),
        bytes: yaml.as_bytes().to_vec(),
    };
    let checked = build(&source).unwrap_or_else(|d| panic!("{d}\n{yaml}"));
    let templates = Templates::built_in().expect("templates");
    render_text(&checked.filing, &templates).expect("renders")
}

/// Imports `bytes`, with no warning, and renders the YAML.
fn round_trip(name: &str, bytes: &[u8]) -> String {
    let done = import(name, bytes).unwrap_or_else(|d| panic!("{name}: {d}"));
    assert!(done.warnings.is_empty(), "{name}: {}", done.warnings);
    render(&done.yaml)
}

#[test]
fn the_seed_text_imports_to_yaml_that_renders_back_byte_for_byte() {
    let published = std::fs::read_to_string(
        root().join("tests/fixtures/reference/ff301-v1.0.1-2022-11-qingdao-ainnovation.txt"),
    )
    .expect("reference");
    let done = import("seed.txt", published.as_bytes()).expect("imports");
    assert!(done.warnings.is_empty(), "{}", done.warnings);
    assert_eq!(done.layout, "1.0.1");
    let text = render(&done.yaml);
    assert_eq!(text.strip_suffix('\n').unwrap_or(&text), published);
}

#[test]
fn the_official_moon_pdf_imports_to_yaml_rendering_as_the_example() {
    let pdf =
        std::fs::read(root().join("tests/fuzz/corpus/import/moon.pdf")).expect("the official PDF");
    let done = import("moon.pdf", &pdf).unwrap_or_else(|d| panic!("{d}"));
    assert!(done.warnings.is_empty(), "{}", done.warnings);
    assert_eq!(done.layout, "1.2.0");
    let example = std::fs::read_to_string(root().join("examples/ff301-2026-01-moon-inc.yaml"))
        .expect("example");
    assert_eq!(render(&done.yaml), render(&example));
}

#[test]
fn validate_of_a_published_return_names_the_source_line_and_the_printed_figure() {
    let dir = scratch("import-validate");
    let seed = std::fs::read_to_string(
        root().join("tests/fixtures/reference/ff301-v1.0.1-2022-11-qingdao-ainnovation.txt"),
    )
    .expect("reference");
    let bad = seed.replacen("RMB\t1\tRMB\t559,304,838", "RMB\t1\tRMB\t559,304,839", 1);
    assert_ne!(bad, seed);
    std::fs::write(dir.join("bad.txt"), bad).expect("written");
    let run = hkret(&dir, &["validate", "bad.txt"]);
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains(
            "bad.txt:0:0: error: line 30: Part I, class `H`: share capital RMB 559,304,839"
        ),
        "{err}"
    );
    assert!(err.contains("(printed: 559,304,839)"), "{err}");
    let run = hkret(&root(), &["validate", "tests/fuzz/corpus/import/moon.pdf"]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn every_valid_fixture_and_example_round_trips_through_its_text() {
    let mut files = vec![
        root().join("examples/ff301-2026-01-moon-inc.yaml"),
        root().join("examples/ff301-2022-11-qingdao-ainnovation.yaml"),
    ];
    for entry in std::fs::read_dir(root().join("tests/fixtures")).expect("fixtures") {
        let dir = entry.expect("entry").path();
        if dir
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("valid-"))
        {
            files.push(dir.join("input.yaml"));
        }
    }
    for file in files {
        let yaml = std::fs::read_to_string(&file).expect("readable");
        let text = render(&yaml);
        let done = import("rendered.txt", text.as_bytes())
            .unwrap_or_else(|d| panic!("{}: {d}", file.display()));
        assert!(
            done.warnings.is_empty(),
            "{}: {}",
            file.display(),
            done.warnings
        );
        assert_eq!(render(&done.yaml), text, "{}", file.display());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_market_round_trips_through_its_text(i in 0usize..89_000) {
        let text = render(&market::issuer(i));
        prop_assert_eq!(round_trip("market.txt", text.as_bytes()), text);
    }
}

#[test]
fn schemes_whose_price_the_form_does_not_print_are_marked_and_validate_warns() {
    // Issuers of the market with several schemes exercised in one block, or a price that does
    // not divide exactly: the import writes `exercise_price: not_printed`, never a guess.
    let mut marked = 0;
    for i in 0..60 {
        let text = render(&market::issuer(i));
        let done = import("market.txt", text.as_bytes()).expect("imports");
        assert!(done.warnings.is_empty(), "issuer {i}: {}", done.warnings);
        if !done.yaml.contains("exercise_price: not_printed") {
            continue;
        }
        marked += 1;
        let source = Source {
            name: "imported.yaml".into(),
            bytes: done.yaml.as_bytes().to_vec(),
        };
        let checked = build(&source).unwrap_or_else(|d| panic!("issuer {i}: {d}"));
        let warning = checked
            .warnings
            .iter()
            .find(|w| {
                w.message
                    .contains("does not print the scheme's exercise price")
            })
            .unwrap_or_else(|| panic!("issuer {i}: no warning"));
        assert!(
            warning.message.contains("cannot be checked") && warning.loc.line > 0,
            "{warning:?}"
        );
    }
    assert!(marked >= 5, "only {marked} issuers with unprinted prices");
}

#[test]
fn garbage_is_refused_with_exit_code_1_and_no_output() {
    let dir = scratch("import-garbage");
    let moon = std::fs::read(root().join("tests/fuzz/corpus/import/moon.pdf")).expect("moon");
    let truncated = moon[..moon.len() / 3].to_vec();
    let other = one_page_pdf(Some("Invoice No. 42: two boxes of paper, HKD 80"));
    let image_only = one_page_pdf(None);
    let cases: [(&str, &[u8]); 7] = [
        ("notes.txt", b"Shopping list\n- eggs\n- milk\n"),
        ("empty.txt", b""),
        ("binary.txt", &[0xff, 0xfe, 0x00, 0x01, 0x80]),
        (
            "title-only.txt",
            b"Monthly Return for Equity Issuer and so on\n",
        ),
        ("truncated.pdf", &truncated),
        ("invoice.pdf", &other),
        ("scan.pdf", &image_only),
    ];
    for (name, bytes) in cases {
        let input = dir.join(name);
        std::fs::write(&input, bytes).expect("written");
        let out = dir.join(format!("{name}.yaml"));
        let run = hkret(&dir, &["import", name, "-o", out.to_str().expect("utf-8")]);
        assert_eq!(run.status.code(), Some(1), "{name}");
        assert!(!out.exists(), "{name}: no output");
        let err = String::from_utf8_lossy(&run.stderr);
        assert!(err.contains("error:"), "{name}: {err}");
    }
}

/// A one-page PDF showing `text` (in Helvetica), or only a filled square when `None`.
fn one_page_pdf(text: Option<&str>) -> Vec<u8> {
    use pdf_writer::{Content, Name, Pdf, Rect, Ref, Str};
    let mut pdf = Pdf::new();
    let (catalog, tree, page, font, contents) = (
        Ref::new(1),
        Ref::new(2),
        Ref::new(3),
        Ref::new(4),
        Ref::new(5),
    );
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids([page]).count(1);
    let mut p = pdf.page(page);
    p.media_box(Rect::new(0.0, 0.0, 595.0, 842.0))
        .parent(tree)
        .contents(contents);
    p.resources().fonts().pair(Name(b"F1"), font);
    drop(p);
    pdf.type1_font(font).base_font(Name(b"Helvetica"));
    let mut c = Content::new();
    match text {
        Some(t) => {
            c.begin_text()
                .set_font(Name(b"F1"), 12.0)
                .next_line(72.0, 700.0)
                .show(Str(t.as_bytes()))
                .end_text();
        }
        None => {
            c.rect(100.0, 100.0, 300.0, 300.0).fill_nonzero();
        }
    }
    pdf.stream(contents, &c.finish());
    pdf.finish()
}

#[test]
fn an_encrypted_pdf_is_refused() {
    let dir = scratch("import-encrypted");
    let has_qpdf = std::process::Command::new("qpdf")
        .arg("--version")
        .output()
        .is_ok();
    if !has_qpdf {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs qpdf to encrypt a PDF"
        );
        return;
    }
    let status = std::process::Command::new("qpdf")
        .args(["--encrypt", "user", "owner", "256", "--"])
        .arg(root().join("tests/fuzz/corpus/import/moon.pdf"))
        .arg(dir.join("locked.pdf"))
        .status()
        .expect("qpdf runs");
    // qpdf exits 3 when it warns (the official PDF's object count is off by two).
    assert!(matches!(status.code(), Some(0 | 3)) && dir.join("locked.pdf").exists());
    let run = hkret(&dir, &["import", "locked.pdf", "-o", "locked.yaml"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(!dir.join("locked.yaml").exists());
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("encrypted") || err.contains("cannot be read"),
        "{err}"
    );
}

#[test]
fn a_directory_imports_into_another() {
    let dir = scratch("import-dir");
    let published = dir.join("published");
    std::fs::create_dir_all(&published).expect("dir");
    std::fs::copy(
        root().join("tests/fixtures/reference/ff301-v1.0.1-2022-11-qingdao-ainnovation.txt"),
        published.join("qingdao.txt"),
    )
    .expect("copied");
    let run = hkret(&dir, &["import", "published", "--out", "returns"]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let yaml = std::fs::read_to_string(dir.join("returns/qingdao.yaml")).expect("written");
    assert!(yaml.contains("stock_code: \"02121\""), "{yaml}");
}
