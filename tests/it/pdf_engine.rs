//! The PDF engine on the hand-written Moon Inc. description (`tests/fixtures/pdf/`):
//! ten A4 landscape pages, every item inside its page and cell, PDF/A bytes.

use hkret::render::pdf::{Item, PdfOptions, PdfaLevel, dump, layout, pdf};

use crate::pdf_support::{moon_meta, read, write_out};

#[test]
fn moon_description_lays_out_on_ten_a4_landscape_pages() {
    let pages = layout(&read("pdf/moon-1.2.0.xml")).expect("layout");
    assert_eq!(pages.len(), 10);
    for (n, page) in pages.iter().enumerate() {
        assert!((page.width - 841.89).abs() < 0.01 && (page.height - 595.276).abs() < 0.01);
        let sheet = page.sheet();
        for item in &page.items {
            assert!(
                sheet.contains(&item.extent(), 0.01),
                "page {}: {item:?}",
                n + 1
            );
            if let Item::Text { bounds, .. } = item {
                assert!(
                    bounds.contains(&item.extent(), 0.05),
                    "page {}: {item:?}",
                    n + 1
                );
            }
        }
    }
    let bytes = pdf(
        &read("pdf/moon-1.2.0.xml"),
        &moon_meta(),
        &PdfOptions {
            pdfa: PdfaLevel::A1b,
        },
    )
    .expect("pdf");
    write_out("moon-fixture.pdf", &bytes);
}

/// Writes the description of `HKRET_DESC_IN` to `HKRET_DESC_OUT` (a development aid).
#[test]
fn dump_description_when_asked() {
    let (Some(input), Some(out)) = (
        std::env::var_os("HKRET_DESC_IN"),
        std::env::var_os("HKRET_DESC_OUT"),
    ) else {
        return;
    };
    let bytes = std::fs::read(&input).expect("input");
    let source = hkret::input::Source {
        name: "input.yaml".into(),
        bytes,
    };
    let checked = hkret::validate::build(&source).expect("valid");
    let templates = hkret::render::templates::Templates::built_in().expect("templates");
    let view = hkret::render::view::view(&checked.filing);
    let desc = hkret::render::pdf::description(&view, &templates).expect("description");
    std::fs::write(out, desc).expect("write");
}

/// The layout of the Moon description, one item per line, against its golden file
/// (`HKRET_BLESS=1` rewrites it): the review artefact of any change to the engine.
#[test]
fn moon_description_layout_matches_its_golden_dump() {
    let pages = layout(&read("pdf/moon-1.2.0.xml")).expect("layout");
    crate::support::compare(
        &crate::pdf_support::fixture("pdf/moon-1.2.0.layout"),
        &dump(&pages),
    );
}
