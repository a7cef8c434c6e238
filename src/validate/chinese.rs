//! Whether a return holds every Chinese text its Chinese rendering prints.
//!
//! A return without Chinese texts is valid: only `render --lang zh` needs them. Each text the
//! user typed in English and left without its `_zh` twin is one located error, all at once.

use crate::diag::{Diagnostics, Reporter};
use crate::model::{Confirmations, Filing, Table, Text};

/// Every text of the filing that the form prints, with what it is.
fn printed_texts(f: &Filing) -> Vec<(&Text, &'static str)> {
    let mut out: Vec<(&Text, &'static str)> = vec![(&f.issuer_name, "the issuer's name")];
    out.extend(
        f.incorporation
            .iter()
            .map(|t| (t, "the incorporation note")),
    );
    for c in &f.classes {
        out.push((&c.description, "the description of a class"));
        out.extend(
            c.counters
                .iter()
                .map(|k| (&k.description, "the description of a counter")),
        );
        if let Some(r) = c
            .authorised
            .as_ref()
            .and_then(|a| a.capital_remark.as_ref())
        {
            out.push((r, "the remark on the share capital"));
        }
        if let Some(p) = &c.public_float {
            out.push((&p.threshold, "the public float threshold"));
            out.push((
                &p.additional_information,
                "the public float's additional information",
            ));
        }
    }
    out.extend(
        f.authorised_remarks
            .iter()
            .map(|t| (t, "the remarks under Part I")),
    );
    table(&mut out, f.share_options.as_ref(), |s, out| {
        out.push((&s.particulars, "the particulars of a share option scheme"));
    });
    table(&mut out, f.warrants.as_ref(), |w, out| {
        out.push((&w.description, "the description of warrants"));
        out.extend(w.kind.iter().map(|t| (t, "the type of the warrants")));
    });
    table(&mut out, f.convertibles.as_ref(), |c, out| {
        out.push((&c.description, "the description of convertibles"));
        out.extend(
            c.movement_kind
                .iter()
                .map(|t| (t, "the kind of a convertible's movement")),
        );
        out.extend(c.kind.iter().map(|t| (t, "the type of the convertibles")));
    });
    table(&mut out, f.arrangements.as_ref(), |a, out| {
        out.push((&a.description, "the particulars of an arrangement"));
    });
    table(&mut out, f.other_movements.as_ref(), |e, out| {
        out.extend(
            e.specify
                .iter()
                .map(|t| (t, "the specification of an other movement")),
        );
    });
    out.extend(
        f.hdr
            .iter()
            .map(|h| (&h.description, "the description of the HDRs")),
    );
    if let Confirmations::Amended(items) = &f.confirmations {
        out.extend(items.iter().map(|t| (t, "an amended confirmation item")));
    }
    out.push((&f.submitted_by, "the name of the person submitting"));
    out.push((&f.title, "the title of the person submitting"));
    out
}

/// The texts of one Part III table: block descriptions, entries, remarks.
fn table<'f, E>(
    out: &mut Vec<(&'f Text, &'static str)>,
    t: Option<&'f Table<E>>,
    entry: impl Fn(&'f E, &mut Vec<(&'f Text, &'static str)>),
) {
    let Some(t) = t else { return };
    for b in &t.blocks {
        out.extend(
            b.description
                .iter()
                .map(|d| (d, "the description of a class")),
        );
        for e in &b.entries {
            entry(e, out);
        }
    }
    out.extend(t.remarks.iter().map(|r| (r, "the remarks under a table")));
}

/// One error per printed text that has English and no Chinese, located at the English text.
pub fn missing_chinese(f: &Filing, file: &str) -> Diagnostics {
    let mut report = Reporter::new(file);
    for (text, what) in printed_texts(f) {
        if text.lacks_chinese() {
            let key = text.zh_path.rsplit('.').next().unwrap_or(&text.zh_path);
            report
                .error(
                    text.src.loc,
                    &text.src.path,
                    format!("the Chinese return needs the Chinese of {what}, `{}`", text.en),
                )
                .hint(format!(
                    "add `{key}:` beside it (at {}), or render with --fallback-english to print the English text",
                    text.zh_path
                ));
        }
    }
    report.finish()
}

#[cfg(test)]
mod tests {
    use super::missing_chinese;
    use crate::validate::valid as filing;

    #[test]
    fn every_english_text_without_chinese_is_named_at_its_place() {
        let yaml = std::fs::read_to_string("tests/fixtures/valid-1.2.0-every-table/input.yaml")
            .expect("fixture");
        let found = missing_chinese(&filing(&yaml), "every.yaml");
        let paths: Vec<&str> = found.iter().map(|d| d.path.as_str()).collect();
        for path in [
            "issuer.name",
            "issuer.incorporation",
            "share_classes[0].description",
            "share_classes[0].multi_counters[0].description",
            "share_classes[0].public_float.threshold",
            "share_classes[2].authorised.capital_remark",
            "authorised_remarks",
            "details.share_options.classes[0].entries[1].particulars",
            "details.share_options.remarks",
            "details.warrants.classes[0].entries[0].type",
            "details.convertibles.classes[0].entries[0].movement.kind",
            "details.other_movements.classes[1].entries[0].specify",
            "confirmations[1]",
            "submitted_by.name",
            "submitted_by.title",
        ] {
            assert!(paths.contains(&path), "{path} not in {paths:?}");
        }
        assert!(
            found
                .iter()
                .all(|d| d.severity == crate::diag::Severity::Error)
        );
        let name = found
            .iter()
            .find(|d| d.path == "issuer.name")
            .expect("issuer");
        assert_eq!(
            name.message,
            "the Chinese return needs the Chinese of the issuer's name, `Harbour Example Holdings Limited`"
        );
        assert_eq!(
            name.hint.as_deref(),
            Some(
                "add `name_zh:` beside it (at issuer.name_zh), or render with --fallback-english to print the English text"
            )
        );
        assert_eq!((name.loc.line, name.loc.column), (11, 9));
        let item = found
            .iter()
            .find(|d| d.path == "confirmations[1]")
            .expect("item");
        assert!(
            item.hint
                .as_deref()
                .is_some_and(|h| h.contains("`confirmations_zh[1]:`")),
            "{item}"
        );
    }

    #[test]
    fn the_chinese_examples_lack_nothing() {
        for path in [
            "examples/ff301-2026-01-moon-inc.yaml",
            "tests/fixtures/valid-1.2.0-every-table-zh/input.yaml",
        ] {
            let yaml = std::fs::read_to_string(path).expect("example");
            let found = missing_chinese(&filing(&yaml), path);
            assert!(found.is_empty(), "{path}: {found}");
        }
    }
}
