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
        templates.compiled_for(&name, None).expect(&name);
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

/// Every example return in every layout and language that has a wording: its text and its PDF
/// description with the wording's labels written into the templates, and with the templates as
/// written. How many had labels written in is returned with them.
fn printed_both_ways() -> (usize, Vec<(String, String, String)>) {
    let templates = Templates::built_in().expect("templates");
    let (mut inlined, mut out) = (0, Vec::new());
    for (name, filing, lang) in super::worded_returns(false) {
        let text = templates
            .wording(filing.layout, lang.tag())
            .expect("worded");
        let pdf = templates
            .pdf_wording(filing.layout, lang.tag())
            .expect("worded");
        for (wording, pdf) in [(&text, false), (&pdf, true)] {
            let view = crate::render::view::view_in(&filing, wording);
            inlined += usize::from(view.wording.is_some());
            let as_written = crate::render::view::FormView {
                wording: None,
                ..view.clone()
            };
            let print = |v| match pdf {
                true => crate::render::pdf::description(v, &templates),
                false => crate::render::text::text(v, &templates),
            };
            out.push((
                format!("{name} {}", if pdf { "PDF" } else { "text" }),
                print(&view).expect("renders"),
                print(&as_written).expect("renders"),
            ));
        }
    }
    (inlined, out)
}

#[test]
fn templates_with_the_labels_written_in_and_their_blocks_decided_print_what_they_printed() {
    let (inlined, printed) = printed_both_ways();
    // Two examples, six layouts in English and three in Chinese, text and PDF.
    assert_eq!(printed.len(), 36);
    assert_eq!(inlined, printed.len());
    for (name, inlined, as_written) in &printed {
        // Where they part, if they do: the whole of either is pages long.
        let at = inlined
            .bytes()
            .zip(as_written.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(inlined.len().min(as_written.len()));
        let near = |s: &str| -> String {
            let from = s.get(at.saturating_sub(60)..).unwrap_or(s);
            from.chars().take(120).collect()
        };
        assert!(
            inlined == as_written,
            "{name}, at byte {at}:\n{}\nagainst\n{}",
            near(inlined),
            near(as_written)
        );
    }
}

/// Each layout's English PDF Part III: the template as written, and as the build script wrote it
/// for the layout's wording.
fn part_iii_both_ways() -> Vec<(Layout, &'static str, &'static str)> {
    let templates = Templates::built_in().expect("templates");
    let name = "base/part-iii.pdf.tera";
    let source = crate::assets::get(name).expect(name);
    Layout::all()
        .map(|layout| {
            let pdf = templates.pdf_wording(layout, "en").expect("en");
            let index = pdf.built_in.expect("a built-in wording");
            let written = crate::assets::inlined(index, name).expect("written in");
            (layout, source, written)
        })
        .collect()
}

#[test]
fn the_templates_print_most_labels_written_in() {
    for (layout, source, inlined) in part_iii_both_ways() {
        let tags = |s: &str| s.matches("{{ labels.").count();
        // A label with braces (`Page {page} of {pages}`) or printed through a filter stays.
        assert!(tags(source) >= 60, "{}", tags(source));
        assert!(
            tags(inlined) * 10 < tags(source),
            "{layout:?}: {}",
            tags(inlined)
        );
    }
}

#[test]
fn the_templates_of_each_layout_print_one_set_of_part_iii_columns() {
    for (layout, source, written) in part_iii_both_ways() {
        let blocks = |s: &str| s.matches("if tr %}").count();
        // Left: the one with an `elif`.
        assert!(blocks(source) >= 20, "{}", blocks(source));
        assert!(blocks(written) <= 1, "{layout:?}: {}", blocks(written));
    }
}

#[test]
fn no_built_in_template_binds_layout_or_tr_but_part_iii() {
    // Decided at build time, `layout.x` is the layout's and `tr` Part III's treasury flag.
    // The build script's own count: it decides nothing these would make wrong.
    let bound = |name: &str, var: &str| {
        BUILT_IN
            .iter()
            .filter(|(n, _)| n.ends_with(".tera") && (name.is_empty() || *n == name))
            .map(|(_, s)| super::decide::bindings(s, var))
            .sum::<usize>()
    };
    assert_eq!(bound("", "layout"), 0);
    assert_eq!(bound("", "tr"), 1);
    assert_eq!(bound("base/part-iii.pdf.tera", "tr"), 1);
}

#[test]
fn no_built_in_template_binds_labels_to_anything_else() {
    // Written in, `labels.x` is the wording's label: no template may bind `labels` to anything
    // else, with a `set`, a loop, or a macro's or component's argument.
    let names = |s: &str| {
        s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .any(|w| w == "labels")
    };
    let mut tags = 0;
    for (name, source) in BUILT_IN.iter().filter(|(n, _)| n.ends_with(".tera")) {
        for tag in source.split("{%").skip(1) {
            let tag = tag.split("%}").next().unwrap_or_default();
            let tag = tag.trim_start_matches('-').trim_start();
            let bound = if let Some(set) = tag.strip_prefix("set") {
                set.split('=').next().unwrap_or_default()
            } else if let Some(each) = tag.strip_prefix("for ") {
                each.split(" in ").next().unwrap_or_default()
            } else if tag.starts_with("macro ") || tag.starts_with("component ") {
                tag
            } else {
                continue;
            };
            tags += 1;
            assert!(!names(bound), "{name}: {{% {tag} %}}");
        }
    }
    assert!(tags > 20, "{tags}");
}
