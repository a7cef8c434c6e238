//! The tick and the bullets are text, as on the exchange's form: ✔ in the ticked public float
//! box (whichever box is ticked, in both languages) and ． before each sub-item of the notes,
//! both in hkret Symbols, which a return embeds only with the glyphs it uses. Read back with
//! `pdftotext -layout` and `pdffonts`, as a filer's tools and hkret's importer read them;
//! without poppler the checks fail under CI and are skipped with a notice elsewhere.

use std::path::Path;

use crate::pdf_support::{pdftotext, run};
use crate::support::{hkret, root, scratch};

/// Renders `yaml` (a return's text) to PDF in the scratch folder `folder`, with `args` added;
/// the PDF's path.
fn render(folder: &str, yaml: &str, args: &[&str]) -> std::path::PathBuf {
    let dir = scratch(folder);
    std::fs::write(dir.join("return.yaml"), yaml).expect("write the return");
    let mut all = vec!["render", "return.yaml", "--pdf", "-o", "return.pdf"];
    all.extend_from_slice(args);
    let out = hkret(&dir, &all);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.join("return.pdf")
}

/// An example's YAML.
fn example(name: &str) -> String {
    std::fs::read_to_string(root().join("examples").join(name)).expect("example")
}

/// The lines of `pdftotext -layout` that hold `ch`, trimmed; `None` without the tool.
fn lines_with(pdf: &Path, ch: char) -> Option<Vec<String>> {
    let text = pdftotext(&["-layout"], pdf)?;
    Some(
        text.lines()
            .filter(|l| l.contains(ch))
            .map(|l| l.trim().to_owned())
            .collect(),
    )
}

/// Whether `pdffonts` lists hkret Symbols as embedded, subset and with a Unicode map.
fn symbols_embedded(pdf: &Path) -> Option<bool> {
    let fonts = run("pdffonts", &[], pdf)?;
    Some(fonts.lines().any(|l| {
        let cols: Vec<&str> = l.split_whitespace().collect();
        l.contains("+HkretSymbols") && cols.iter().rev().skip(2).take(3).all(|c| *c == "yes")
    }))
}

#[test]
fn the_tick_is_text_in_the_ticked_box_whichever_it_is() {
    let moon = example("ff301-2026-01-moon-inc.yaml");
    assert!(moon.contains("complied: true"));
    let complied = render("symbols-complied", &moon, &[]);
    let not = render(
        "symbols-not-complied",
        &moon.replace("complied: true", "complied: false"),
        &[],
    );
    for (pdf, wording) in [
        (&complied, "has been complied with"),
        (&not, "has not been"),
    ] {
        let Some(ticks) = lines_with(pdf, '✔') else {
            return;
        };
        assert_eq!(ticks.len(), 1, "one tick: {ticks:?}");
        assert!(
            ticks[0].starts_with('✔') && ticks[0].contains(wording),
            "{ticks:?}"
        );
        assert_eq!(symbols_embedded(pdf), Some(true));
    }
}

#[test]
fn the_chinese_return_ticks_with_the_same_face() {
    let pdf = render(
        "symbols-zh",
        &example("ff301-2026-01-moon-inc.yaml"),
        &["--lang", "zh"],
    );
    let Some(ticks) = lines_with(&pdf, '✔') else {
        return;
    };
    assert_eq!(ticks.len(), 1, "{ticks:?}");
    assert!(ticks[0].contains("已獲遵守"), "{ticks:?}");
    let bullets = lines_with(&pdf, '．').expect("pdftotext");
    assert_eq!(bullets.len(), 3, "{bullets:?}");
    assert_eq!(symbols_embedded(&pdf), Some(true));
}

#[test]
fn the_notes_bullets_are_text_in_every_layout_and_no_tick_where_there_is_no_box() {
    let moon = render(
        "symbols-bullets",
        &example("ff301-2026-01-moon-inc.yaml"),
        &[],
    );
    let old = render(
        "symbols-1.0.1",
        &example("ff301-2022-11-qingdao-ainnovation.yaml"),
        &[],
    );
    // Moon's note 6; the 2022 return's note 3 and the eight sub-items of its note 5.
    for (pdf, count) in [(&moon, 3), (&old, 11)] {
        let Some(bullets) = lines_with(pdf, '．') else {
            return;
        };
        assert_eq!(bullets.len(), count, "{bullets:?}");
        assert!(bullets[0].starts_with("．") && bullets[0].contains("same nominal value"));
        assert!(
            !lines_with(pdf, '•')
                .expect("pdftotext")
                .iter()
                .any(|l| l.starts_with('•'))
        );
    }
    assert_eq!(
        lines_with(&old, '✔').map(|t| t.len()),
        Some(0),
        "1.0.x has no tick"
    );
    assert_eq!(symbols_embedded(&old), Some(true));
}
