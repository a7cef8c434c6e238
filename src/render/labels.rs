//! The form's wording as data: label files (`templates/labels/<tag>.yaml`), one per language,
//! resolved for a layout into the [`Wording`] templates print from.
//!
//! A label file has a `language` descriptor (its tag, how it writes a date, its month names) and
//! `labels`: id → the current form's text, its provenance, and variants by the names a layout
//! lists under `wording` in `layouts.yaml`. Stage 3 (render): no I/O; `run` hands over a user's
//! overriding files as text.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Arc, LazyLock};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

mod file;

pub use file::{Entry, LabelFile, Language, Resolved, Variant, Worded};

use crate::layout::Layout;
use crate::model::Lang;

/// What a field of a language's date pattern prints.
#[derive(Clone, Copy)]
enum DateField {
    /// The day, two digits.
    Day2,
    /// The day.
    Day,
    /// The month, two digits.
    Month2,
    /// The month's name.
    MonthName,
    /// The month.
    Month,
    /// The year, four digits.
    Year,
}

/// The fields of a language's date pattern.
const DATE_FIELDS: [(&str, DateField); 6] = [
    ("{dd}", DateField::Day2),
    ("{d}", DateField::Day),
    ("{mm}", DateField::Month2),
    ("{month}", DateField::MonthName),
    ("{m}", DateField::Month),
    ("{yyyy}", DateField::Year),
];

impl Language {
    /// `d` written the language's way: `02 February 2026`, `2026年2月2日`. The pattern is read
    /// once, each `{field}` replaced as it comes (a month name is never read as a pattern).
    pub fn date(&self, d: NaiveDate) -> String {
        let mut out = String::with_capacity(self.date.len() + 12);
        let mut rest = self.date.as_str();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            rest = &rest[open..];
            let Some(&(name, field)) = DATE_FIELDS.iter().find(|(f, _)| rest.starts_with(f)) else {
                out.push('{');
                rest = &rest[1..];
                continue;
            };
            // Writing to a `String` cannot fail.
            let _ = match field {
                DateField::Day2 => write!(out, "{:02}", d.day()),
                DateField::Day => write!(out, "{}", d.day()),
                DateField::Month2 => write!(out, "{:02}", d.month()),
                DateField::Month => write!(out, "{}", d.month()),
                DateField::Year => write!(out, "{:04}", d.year()),
                DateField::MonthName => {
                    let month = self.months.get(d.month0() as usize);
                    out.push_str(month.map_or("", String::as_str));
                    Ok(())
                }
            };
            rest = &rest[name.len()..];
        }
        out.push_str(rest);
        out
    }

    /// The language of the user's typed texts this wording prints: Chinese for `zh` tags,
    /// English otherwise.
    pub fn lang(&self) -> Lang {
        if self.tag == "zh" || self.tag.starts_with("zh-") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// A possibly blank date.
    pub fn date_opt(&self, d: Option<NaiveDate>) -> String {
        d.map(|d| self.date(d)).unwrap_or_default()
    }
}

impl LabelFile {
    /// Reads a label file.
    ///
    /// # Errors
    /// The YAML reader's message, with its line and column.
    pub fn parse(text: &str) -> Result<Self, String> {
        serde_saphyr::from_str(text).map_err(|e| e.to_string())
    }

    /// Whether the file words `layout`.
    pub fn words(&self, layout: Layout) -> bool {
        self.words_version(&layout.descriptor().version)
    }

    /// The ids of the labels of `layout` that were not read verbatim on a real return (their
    /// source is not `READ` or `READ-304`) and that `printed` shows. A label shows when its
    /// text (its longest piece between placeholders) occurs somewhere that no longer label's
    /// occurrence covers: `貨幣` inside `面值的貨幣` is not a use of `貨幣`. Labels written in
    /// ASCII alone (`FF301`, `A`) read the same in every language and are not counted.
    pub fn unread_in(&self, layout: Layout, printed: &str) -> Vec<&str> {
        let wording = &layout.descriptor().wording;
        let mut labels: Vec<(&str, &str, bool)> = self
            .labels
            .iter()
            .filter_map(|(id, e)| {
                let Worded { text, source, .. } = e.worded(wording);
                let piece = text
                    .split(['{', '}'])
                    .step_by(2)
                    .max_by_key(|p| p.len())
                    .filter(|p| !p.trim().is_empty())?;
                let verbatim = source.starts_with("READ") || piece.is_ascii();
                Some((id.as_str(), piece, verbatim))
            })
            .collect();
        labels.sort_by_key(|(id, piece, _)| (std::cmp::Reverse(piece.len()), *id));
        let mut covered = vec![false; printed.len()];
        let mut unread = Vec::new();
        for (id, piece, read) in labels {
            let mut shown = false;
            for (at, _) in printed.match_indices(piece) {
                let span = &mut covered[at..at + piece.len()];
                shown |= !span.iter().all(|c| *c);
                span.fill(true);
            }
            if shown && !read {
                unread.push(id);
            }
        }
        unread.sort_unstable();
        unread
    }

    /// The labels as `layout` prints them in text: each label's first variant in the layout's
    /// wording list, or its current text.
    pub fn resolve(&self, layout: Layout) -> Wording {
        self.resolve_as(layout, false)
    }

    /// The labels as `layout` prints them in a PDF: as [`LabelFile::resolve`], taking a
    /// text's `pdf` typography where it has one.
    pub fn resolve_for_pdf(&self, layout: Layout) -> Wording {
        self.resolve_as(layout, true)
    }

    fn resolve_as(&self, layout: Layout, pdf: bool) -> Wording {
        Wording::from(self.resolve_with(&layout.descriptor().wording, pdf))
    }
}

/// The labels of one layout in one language, as the templates receive them. Two wordings are
/// equal when they word alike, wherever they were resolved.
#[derive(Debug, Clone, Serialize)]
pub struct Wording {
    /// How the language writes dates.
    pub language: Language,
    /// Label id → text; shared, not copied, by every view of the same wording.
    pub labels: Arc<BTreeMap<String, String>>,
    /// `labels` as a template value, made once: tera shares it, not copies it, into each
    /// document's context (serializing the labels anew for each document cost more than the
    /// rest of its view).
    #[serde(skip)]
    pub template_value: tera::Value,
    /// Which of the wordings the build script resolved this is (its index in
    /// `crate::assets::RESOLVED`), when it is one: the built-in templates have its labels
    /// written in (`crate::assets::inlined`). `None` for a wording resolved at run time.
    #[serde(skip)]
    pub built_in: Option<usize>,
}

impl PartialEq for Wording {
    fn eq(&self, other: &Self) -> bool {
        self.language == other.language && self.labels == other.labels
    }
}

impl Eq for Wording {}

impl From<Resolved> for Wording {
    fn from(resolved: Resolved) -> Self {
        Self {
            template_value: tera::Value::from_serializable(&resolved.labels),
            labels: Arc::new(resolved.labels),
            language: resolved.language,
            built_in: None,
        }
    }
}

impl Wording {
    /// The label `id`; empty when the file has no such label (a test checks that every label a
    /// view asks for exists in every built-in file).
    pub fn get(&self, id: &str) -> &str {
        self.labels.get(id).map_or("", String::as_str)
    }
}

/// The built-in English labels, as the build script left them or else read as YAML.
static ENGLISH: LazyLock<LabelFile> = LazyLock::new(|| {
    if let Some(json) = crate::assets::precompiled("labels/en.yaml")
        && let Ok(file) = serde_json::from_str(json)
    {
        return file;
    }
    LabelFile::parse(crate::assets::get("labels/en.yaml").unwrap_or_default())
        .expect("templates/labels/en.yaml is valid (a test reads it)")
});

/// The built-in English wording of `layout`.
pub fn english(layout: Layout) -> Wording {
    ENGLISH.resolve(layout)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::{ENGLISH, LabelFile, english};
    use crate::layout::Layout;

    #[test]
    fn every_built_in_label_file_reads_and_says_where_each_text_comes_from() {
        for (name, text) in crate::assets::BUILT_IN {
            if !name.starts_with("labels/") {
                continue;
            }
            let file = LabelFile::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            let known: Vec<String> = Layout::all()
                .flat_map(|l| l.descriptor().wording.clone())
                .collect();
            let provenance = ["READ", "INFERRED", "RULE", "SUMMARY", "RECON"];
            for (id, e) in &file.labels {
                let sources =
                    std::iter::once(&e.source).chain(e.layouts.values().map(|v| &v.source));
                for s in sources {
                    assert!(
                        provenance.iter().any(|p| s.starts_with(p)),
                        "{name} {id}: source {s}"
                    );
                }
                for w in e.layouts.keys() {
                    assert!(known.contains(w), "{name} {id}: no layout uses wording {w}");
                }
            }
        }
    }

    #[test]
    fn every_built_in_label_file_is_precompiled_as_it_reads() {
        for (name, text) in crate::assets::BUILT_IN {
            if !name.starts_with("labels/") {
                continue;
            }
            let yaml = LabelFile::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            let json = crate::assets::precompiled(name)
                .unwrap_or_else(|| panic!("{name} is not precompiled"));
            let json: LabelFile = serde_json::from_str(json).expect("the JSON reads");
            assert_eq!(yaml, json, "{name}");
        }
    }

    #[test]
    fn templates_readme_lists_every_inferred_english_wording() {
        let readme = include_str!("../../templates/README.md");
        for (id, e) in &ENGLISH.labels {
            let wordings = std::iter::once(("current", &e.source))
                .chain(e.layouts.iter().map(|(w, v)| (w.as_str(), &v.source)));
            for (wording, source) in wordings {
                if source.starts_with("INFERRED") {
                    assert!(
                        readme.contains(&format!("| `{id}` | {wording} |")),
                        "templates/README.md does not list the inferred label {id} ({wording})"
                    );
                }
            }
        }
    }

    #[test]
    fn every_label_a_template_prints_is_in_the_english_file() {
        let mut printed = 0;
        for (name, text) in crate::assets::BUILT_IN {
            if !name.ends_with(".tera") {
                continue;
            }
            for (i, _) in text.match_indices("labels.") {
                let id: String = text[i + "labels.".len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                assert!(
                    ENGLISH.labels.contains_key(&id),
                    "{name} prints labels.{id}, which labels/en.yaml lacks"
                );
                printed += 1;
            }
        }
        assert!(
            printed > 200,
            "only {printed} labels found in the templates"
        );
    }

    #[test]
    fn dates_follow_the_language() {
        let d = NaiveDate::from_ymd_opt(2026, 2, 2).expect("date");
        assert_eq!(ENGLISH.language.date(d), "02 February 2026");
        let mut zh = ENGLISH.language.clone();
        zh.date = "{yyyy}年{m}月{d}日".to_owned();
        assert_eq!(zh.date(d), "2026年2月2日");
        let late = NaiveDate::from_ymd_opt(987, 12, 31).expect("date");
        for (pattern, written) in [
            ("{d}/{m}/{yyyy}", "31/12/0987"),
            ("{dd}.{mm}.{yyyy}", "31.12.0987"),
            ("{month} {d}, {yyyy}", "December 31, 0987"),
            ("{yyyy}{mm}{dd}", "09871231"),
            // Braces that are not a field stay as they are.
            ("{ {d} {day} {", "{ 31 {day} {"),
            ("no fields", "no fields"),
            ("", ""),
        ] {
            zh.date = pattern.to_owned();
            assert_eq!(zh.date(late), written, "{pattern}");
        }
        // A month name is printed, never read as a pattern.
        zh.months[11] = "{m}ber".to_owned();
        zh.date = "{month}".to_owned();
        assert_eq!(zh.date(late), "{m}ber");
    }

    #[test]
    fn a_layout_takes_its_variant_and_falls_back_to_the_current_text() {
        let old = Layout::all()
            .find(|l| !l.has_treasury())
            .expect("a layout without treasury shares");
        let w = english(old);
        assert_eq!(w.get("cls_listed"), "Listed on SEHK (Note 1)");
        assert_eq!(w.get("cls_description"), "Description");
        let now = english(Layout::current());
        assert_eq!(now.get("cls_listed"), "Listed on the Exchange (Note 1)");
    }
}
