//! Tests of the template set: which templates a PDF compiles, wordings, users' label files.

use std::sync::Arc;

use super::{Templates, references};
use crate::assets::BUILT_IN;
use crate::error::Error;
use crate::layout::Layout;

#[test]
fn references_are_the_quoted_names_of_include_extends_and_import() {
    let source = r#"{% extends "base/form.pdf.tera" %}{%- include "a.tera" -%}
{% if x %}"not me"{% endif %}{% import 'macros.tera' as m %}{{ "nor me" }}"#;
    assert_eq!(
        references(source),
        ["base/form.pdf.tera", "a.tera", "macros.tera"]
    );
}

#[test]
fn the_names_listed_at_build_time_are_each_built_in_templates_own() {
    let templates: Vec<_> = BUILT_IN
        .iter()
        .filter(|(name, _)| name.ends_with(".tera"))
        .collect();
    assert!(templates.len() > 20, "{}", templates.len());
    for (name, source) in templates {
        assert_eq!(
            crate::assets::references(name).map(<[&str]>::to_vec),
            Some(references(source).iter().map(String::as_str).collect()),
            "{name}"
        );
    }
}

#[test]
fn a_pdf_needs_only_its_own_templates_and_every_one_compiles_alone() {
    let templates = Templates::built_in().expect("templates");
    let needed = templates.needed_by("1.2.0/form.pdf.tera");
    assert!(needed.contains("base/form.pdf.tera"));
    assert!(
        needed.iter().all(|n| n.ends_with(".pdf.tera")),
        "{needed:?}"
    );
    // Every template compiles with what it names: nothing is left out of a closure.
    let entries: Vec<String> = templates.sources.keys().cloned().collect();
    for name in entries {
        templates.compiled_for(&name).expect(&name);
    }
}

#[test]
fn a_pdf_wording_takes_the_pdf_typography_and_is_resolved_once() {
    let templates = Templates::built_in().expect("templates");
    let layout = Layout::current();
    let text = templates.wording(layout, "en").expect("en");
    let pdf = templates.pdf_wording(layout, "en").expect("en");
    // A label with a `pdf` typography differs; one without is the text.
    assert_ne!(
        text.labels["note_public_float"],
        pdf.labels["note_public_float"]
    );
    assert!(pdf.labels["note_public_float"].contains('\u{201d}'));
    assert_eq!(text.labels["hdr_code"], pdf.labels["hdr_code"]);
    // Asked again, the same wording is handed out, not resolved anew.
    let again = templates.pdf_wording(layout, "en").expect("en");
    assert!(Arc::ptr_eq(&pdf, &again));
    assert!(!Arc::ptr_eq(&text, &pdf));
    // A language whose file has no `pdf` typography prints its text in a PDF.
    let zh = templates.wording(layout, "zh-Hant").expect("zh");
    let zh_pdf = templates.pdf_wording(layout, "zh-Hant").expect("zh");
    assert_eq!(zh.labels, zh_pdf.labels);
    // A language without a label file is a usage error, for a PDF as for text.
    for result in [
        templates.wording(layout, "fr"),
        templates.pdf_wording(layout, "fr"),
    ] {
        assert!(matches!(result, Err(Error::Usage(_))), "{result:?}");
    }
    let checked = templates.check_wording(layout, "fr");
    assert!(matches!(checked, Err(Error::Usage(_))), "{checked:?}");
    assert!(templates.check_wording(layout, "en").is_ok());
}

#[test]
fn a_users_label_file_words_the_pdf_too() {
    let (name, en) = BUILT_IN
        .iter()
        .find(|(n, _)| *n == "labels/en.yaml")
        .expect("built-in en labels");
    let own = en.replace("text: \"FF301\"", "text: \"FF301 (own)\"");
    assert_ne!(own, *en, "the built-in file still has `text: \"FF301\"`");
    let templates = Templates::new(&[((*name).to_owned(), own)]).expect("templates");
    let layout = Layout::current();
    for wording in [
        templates.wording(layout, "en").expect("en"),
        templates.pdf_wording(layout, "en").expect("en"),
    ] {
        assert_eq!(wording.labels["hdr_code"], "FF301 (own)");
    }
    // A copy of the built-in file, served as a user's YAML, words the PDF as the built-in.
    let copy = Templates::new(&[((*name).to_owned(), (*en).to_owned())]).expect("templates");
    let built_in = Templates::built_in().expect("templates");
    assert_eq!(
        copy.pdf_wording(layout, "en").expect("en").labels,
        built_in.pdf_wording(layout, "en").expect("en").labels
    );
}

#[test]
fn the_wordings_resolved_at_build_time_are_the_label_files_own() {
    let built_in = Templates::built_in().expect("templates");
    let mut compared = 0;
    for (name, yaml) in BUILT_IN.iter().filter(|(n, _)| n.starts_with("labels/")) {
        let tag = name.trim_start_matches("labels/").trim_end_matches(".yaml");
        let file = crate::render::labels::LabelFile::parse(yaml).expect(name);
        for layout in Layout::all() {
            let embedded = crate::assets::resolved(name, layout.version(), false);
            assert_eq!(embedded.is_some(), file.words(layout), "{name} {layout:?}");
            if !file.words(layout) {
                // Said from the whole file, as before the build script resolved any.
                let refused = built_in.check_wording(layout, tag);
                assert!(matches!(refused, Err(Error::Usage(_))), "{refused:?}");
                continue;
            }
            assert!(built_in.check_wording(layout, tag).is_ok());
            let text = built_in.wording(layout, tag).expect(name);
            let pdf = built_in.pdf_wording(layout, tag).expect(name);
            assert_eq!(*text, file.resolve(layout), "{name} {layout:?}");
            assert_eq!(*pdf, file.resolve_for_pdf(layout), "{name} {layout:?}");
            compared += 1;
        }
    }
    // English words all six layouts; Chinese the three whose wording is known.
    assert_eq!(compared, 9);
}
