//! The shape of a label file (`templates/labels/<tag>.yaml`), plain data with no other part of
//! hkret in it: the build script reads the built-in label files into these types too, and
//! embeds them in a form that is quicker to read than YAML (`crate::assets::PRECOMPILED`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// How a language writes what is not a label: dates.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// BCP 47 tag, such as `en` or `zh-Hant`.
    pub tag: String,
    /// A date's pattern: `{d}`/`{dd}` day, `{m}`/`{mm}` month number, `{month}` its name,
    /// `{yyyy}` year.
    pub date: String,
    /// The names of the months, January first.
    pub months: Vec<String>,
    /// The layouts (by version) this file words; empty: every layout. The Chinese file words
    /// only the layouts whose Chinese is known.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<String>,
}

/// One wording of a label, with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// The text as printed.
    pub text: String,
    /// `READ <source id>` or `INFERRED <why>` (also `READ-304`, `RULE`, `SUMMARY`, `RECON`).
    pub source: String,
    /// The text as the PDF prints it, when its typography differs (the official PDF's curly
    /// quotes, where the published text returns have straight ones).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pdf: Option<String>,
}

/// A label: the current form's wording and its variants for older layouts.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The text as printed by the current layout.
    pub text: String,
    /// Its provenance.
    pub source: String,
    /// The text as the PDF prints it, when its typography differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pdf: Option<String>,
    /// Variants by wording name (`layouts.yaml`, `wording`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub layouts: BTreeMap<String, Variant>,
}

/// One wording of a label as a layout prints it, borrowed from its [`Entry`].
#[derive(Debug, Clone, Copy)]
pub struct Worded<'a> {
    /// The text as printed.
    pub text: &'a str,
    /// Its provenance.
    pub source: &'a str,
    /// The text as the PDF prints it, when its typography differs.
    pub pdf: Option<&'a str>,
}

impl Entry {
    /// The label as a layout whose wording list is `wording` prints it: its first variant in
    /// that list, or its current wording.
    pub fn worded(&self, wording: &[String]) -> Worded<'_> {
        match wording.iter().find_map(|w| self.layouts.get(w)) {
            Some(v) => Worded {
                text: &v.text,
                source: &v.source,
                pdf: v.pdf.as_deref(),
            },
            None => Worded {
                text: &self.text,
                source: &self.source,
                pdf: self.pdf.as_deref(),
            },
        }
    }
}

/// A whole label file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LabelFile {
    /// The language descriptor.
    pub language: Language,
    /// Every label by id.
    pub labels: BTreeMap<String, Entry>,
}

/// A label file resolved for one layout: its language and each label's text as printed. The
/// build script embeds one for each built-in file and layout it words (`crate::assets`), so
/// that a render reads a layout's texts alone rather than the whole file with every label's
/// provenance and older wordings (Moon's PDF: 0.34 M fewer instructions, 27 fewer pages
/// touched).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Resolved {
    /// The language descriptor.
    pub language: Language,
    /// Label id → text.
    pub labels: BTreeMap<String, String>,
}

impl LabelFile {
    /// Whether the file words the layout `version` (a file that names no versions words all).
    pub fn words_version(&self, version: &str) -> bool {
        let versions = &self.language.versions;
        versions.is_empty() || versions.iter().any(|v| v == version)
    }

    /// The labels as a layout whose wording list is `wording` prints them ([`Entry::worded`]);
    /// for a PDF (`pdf`), with the PDF's typography where a text has one.
    pub fn resolve_with(&self, wording: &[String], pdf: bool) -> Resolved {
        let labels = self
            .labels
            .iter()
            .map(|(id, e)| {
                let worded = e.worded(wording);
                let chosen = match worded.pdf {
                    Some(p) if pdf => p,
                    _ => worded.text,
                };
                (id.clone(), chosen.to_owned())
            })
            .collect();
        Resolved {
            language: self.language.clone(),
            labels,
        }
    }
}
