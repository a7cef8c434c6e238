//! `hkret import` of hkret's own PDFs: every valid fixture of every layout and the generated
//! market, drawn as PDF by hkret, import to a return whose text rendering is the original's.

use hkret::import::import;
use hkret::input::Source;
use hkret::layout::Layout;
use hkret::render::pdf::{PdfRender, render_pdf};
use hkret::render::render_text;
use hkret::render::templates::Templates;
use hkret::validate::build;
use proptest::prelude::*;

use crate::market;
use crate::props::in_layout;
use crate::support::root;

/// The text rendering and hkret's PDF of a return given as YAML.
fn text_and_pdf(yaml: &str) -> (String, Vec<u8>) {
    let source = Source {
        name: "original.yaml".into(),
        bytes: yaml.as_bytes().to_vec(),
    };
    let checked = build(&source).unwrap_or_else(|d| panic!("{d}\n{yaml}"));
    let templates = Templates::built_in().expect("templates");
    let text = render_text(&checked.filing, &templates).expect("text");
    let pdf = render_pdf(&checked.filing, &templates, &PdfRender::default()).expect("pdf");
    (text, pdf)
}

/// The PDF imported, with no warning, and rendered as text.
fn imported_text(name: &str, pdf: &[u8]) -> Result<String, String> {
    let done = import(name, pdf).map_err(|d| format!("{name}: {d}"))?;
    if !done.warnings.is_empty() {
        return Err(format!("{name}: {}", done.warnings));
    }
    let source = Source {
        name: "imported.yaml".into(),
        bytes: done.yaml.as_bytes().to_vec(),
    };
    let checked = build(&source).map_err(|d| format!("{name}: {d}\n{}", done.yaml))?;
    let templates = Templates::built_in().expect("templates");
    Ok(render_text(&checked.filing, &templates).expect("renders"))
}

#[test]
fn every_valid_fixture_and_example_round_trips_through_hkrets_pdf() {
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
    let mut layouts = std::collections::BTreeSet::new();
    for file in files {
        let yaml = std::fs::read_to_string(&file).expect("readable");
        let (text, pdf) = text_and_pdf(&yaml);
        let name = file.display().to_string();
        let back = imported_text(&name, &pdf).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, text, "{name}");
        layouts.insert(import(&name, &pdf).map(|d| d.layout).unwrap_or_default());
    }
    assert_eq!(
        layouts.len(),
        Layout::all().count(),
        "every layout has a fixture: {layouts:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// A generated return drawn by hkret in any layout imports from its PDF and renders the
    /// same text.
    #[test]
    fn the_market_round_trips_through_hkrets_pdf_in_every_layout(
        i in 0usize..89_000,
        which in any::<prop::sample::Index>(),
    ) {
        let layouts: Vec<Layout> = Layout::all().collect();
        let layout = layouts[which.index(layouts.len())];
        let yaml = in_layout(&market::issuer(i), layout);
        prop_assume!(yaml.is_some());
        let (text, pdf) = text_and_pdf(&yaml.unwrap_or_default());
        let name = format!("issuer {i} in {}", layout.version());
        let back = imported_text(&name, &pdf).map_err(TestCaseError::fail)?;
        prop_assert_eq!(back, text, "{}", name);
    }
}

#[test]
#[ignore = "survey"]
fn survey() {
    for layout in Layout::all() {
        let (mut ok, mut bad) = (0, 0);
        let mut first = Vec::new();
        for i in 0..120 {
            let Some(yaml) = in_layout(&market::issuer(i), layout) else {
                continue;
            };
            let (text, pdf) = text_and_pdf(&yaml);
            std::fs::write(format!("/tmp/rt/m{i}-{}.pdf", layout.version()), &pdf).unwrap();
            match imported_text("x", &pdf) {
                Ok(back) if back == text => ok += 1,
                Ok(back) => {
                    bad += 1;
                    if first.len() < 3 {
                        let d: Vec<String> = text
                            .lines()
                            .zip(back.lines())
                            .filter(|(a, b)| a != b)
                            .take(3)
                            .map(|(a, b)| format!("-{a}\n+{b}"))
                            .collect();
                        first.push(format!("{i}: DIFF\n{}", d.join("\n")));
                    }
                }
                Err(e) => {
                    bad += 1;
                    if first.len() < 3 {
                        first.push(format!("{i}: {}", &e[..e.len().min(600)]));
                    }
                }
            }
        }
        eprintln!("== {} ok {ok} bad {bad}", layout.version());
        for f in first {
            eprintln!("{f}");
        }
    }
}
