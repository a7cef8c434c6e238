//! The PDF engine on real returns (the examples and every valid fixture), laid out from the
//! built-in templates: A4 landscape pages, every item inside its page, every text inside its
//! cell. What each page holds is pinned by the fixtures' `expected.layout` (see `golden`).

use std::path::PathBuf;

use hkret::render::pdf::Item;

use crate::support::root;

/// The examples and every valid fixture.
fn valid_returns() -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures"))
        .expect("fixtures")
        .filter_map(Result::ok)
        .map(|e| e.path().join("input.yaml"))
        .filter(|p| p.exists() && !p.to_string_lossy().contains("/invalid-"))
        .chain(
            std::fs::read_dir(root().join("examples"))
                .expect("examples")
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "yaml")),
        )
        .collect();
    found.sort();
    found
}

#[test]
fn every_valid_return_lays_out_inside_its_a4_landscape_pages_and_cells() {
    let returns = valid_returns();
    assert!(returns.len() >= 5, "{returns:?}");
    for path in returns {
        let source = hkret::input::Source {
            name: path.display().to_string(),
            bytes: std::fs::read(&path).expect("readable"),
        };
        let checked = hkret::validate::build(&source).expect("valid");
        let templates = hkret::render::templates::Templates::built_in().expect("templates");
        let description = hkret::render::pdf::description(
            &hkret::render::view::view(&checked.filing),
            &templates,
        )
        .expect("description");
        let pages = hkret::render::pdf::layout(&description).expect("layout");
        assert!(!pages.is_empty(), "{}", path.display());
        for (n, page) in pages.iter().enumerate() {
            let at = format!("{} page {}", path.display(), n + 1);
            assert!(
                (page.width - 841.89).abs() < 0.01 && (page.height - 595.276).abs() < 0.01,
                "{at}: {} x {}",
                page.width,
                page.height
            );
            let sheet = page.sheet();
            for item in &page.items {
                assert!(sheet.contains(&item.extent(), 0.01), "{at}: {item:?}");
                if let Item::Text { bounds, .. } = item {
                    assert!(bounds.contains(&item.extent(), 0.05), "{at}: {item:?}");
                }
            }
        }
    }
}
