//! Output names from a pattern such as `{{stock_code}}-{{month_ended}}`, kept inside the output
//! directory: a pattern that could climb out is refused, and every name is reduced to safe
//! characters.

use serde::Serialize;
use tera::{Context, Tera};

use crate::error::Error;
use crate::model::{Filing, Lang};

/// The default pattern: stock code and month, such as `01723-2026-01-31`.
pub const DEFAULT_PATTERN: &str = "{{stock_code}}-{{month_ended}}";

/// What a pattern may use (and `lang`, the language code: `en`, `zh`).
#[derive(Debug, Clone, Serialize)]
pub struct NameFields {
    /// The first stock code of the return (empty when no class is listed).
    pub stock_code: String,
    /// `YYYY-MM-DD`.
    pub month_ended: String,
    /// `YYYY-MM`.
    pub month: String,
    /// The issuer's name.
    pub issuer: String,
    /// The input file's name without its extension.
    pub stem: String,
    /// 1-based position of the document in its input (stream document or data row).
    pub index: usize,
    /// The language of the output: `en` or `zh`.
    pub lang: String,
}

impl NameFields {
    /// The fields of `filing`, read from `stem` as its `index`-th document.
    pub fn of(filing: &Filing, stem: &str, index: usize) -> Self {
        let d = filing.month_ended.date;
        Self {
            stock_code: filing
                .classes
                .iter()
                .find_map(|c| c.stock_code.clone())
                .unwrap_or_default(),
            month_ended: d.format("%Y-%m-%d").to_string(),
            month: d.format("%Y-%m").to_string(),
            issuer: filing.issuer_name.en.clone(),
            stem: stem.to_owned(),
            index,
            lang: Lang::En.code().to_owned(),
        }
    }
}

/// A compiled name pattern.
#[derive(Debug)]
pub struct NamePattern {
    tera: Tera,
}

/// Keeps letters, digits, `.`, `-` and `_`; everything else becomes `_`; no leading dot.
pub fn sanitize(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let trimmed = cleaned.trim_start_matches('.');
    if trimmed.is_empty() {
        "return".to_owned()
    } else {
        trimmed.to_owned()
    }
}

impl NamePattern {
    /// Compiles `pattern`.
    ///
    /// # Errors
    /// [`Error::Usage`] for a pattern that names a directory (`/`, `\`, `..`), or that Tera
    /// cannot compile.
    pub fn new(pattern: &str) -> Result<Self, Error> {
        if pattern.contains('/') || pattern.contains('\\') || pattern.contains("..") {
            return Err(Error::Usage(format!(
                "--name {pattern:?}: a name may not contain `/`, `\\` or `..`; every file goes straight into the output directory"
            )));
        }
        let mut tera = Tera::new();
        tera.autoescape_on(Vec::<&'static str>::new());
        tera.add_raw_template("name", pattern)
            .map_err(|e| Error::template("--name", &e))?;
        Ok(Self { tera })
    }

    /// The file name (without extension) for `fields`, sanitised.
    ///
    /// # Errors
    /// [`Error::Template`] when the pattern names a field that does not exist.
    pub fn name(&self, fields: &NameFields) -> Result<String, Error> {
        let context = Context::from_serialize(fields).map_err(|e| Error::template("--name", &e))?;
        let raw = self
            .tera
            .render("name", &context)
            .map_err(|e| Error::template("--name", &e))?;
        Ok(sanitize(&raw))
    }

    /// The file names (without extension) for `fields` in each of `langs`, in order. A pattern
    /// that does not tell the languages apart (such as the default one) gets `.zh` after the
    /// name in every language but English, so that names stay distinct.
    ///
    /// # Errors
    /// As [`NamePattern::name`].
    pub fn names(&self, fields: &NameFields, langs: &[Lang]) -> Result<Vec<String>, Error> {
        let mut names = Vec::with_capacity(langs.len());
        for lang in langs {
            let fields = NameFields {
                lang: lang.code().to_owned(),
                ..fields.clone()
            };
            names.push((*lang, self.name(&fields)?));
        }
        let shared = names.windows(2).any(|w| w[0].1 == w[1].1);
        Ok(names
            .into_iter()
            .map(|(lang, name)| match lang {
                Lang::Zh if shared => format!("{name}.{}", lang.code()),
                _ => name,
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::{NameFields, NamePattern, sanitize};

    fn fields() -> NameFields {
        NameFields {
            stock_code: "01723".into(),
            month_ended: "2026-01-31".into(),
            month: "2026-01".into(),
            issuer: "Moon Inc.".into(),
            stem: "moon".into(),
            index: 1,
            lang: "en".into(),
        }
    }

    #[test]
    fn the_default_pattern_names_by_code_and_month() {
        let p = NamePattern::new(super::DEFAULT_PATTERN).expect("compiles");
        assert_eq!(p.name(&fields()).expect("renders"), "01723-2026-01-31");
    }

    #[test]
    fn languages_get_distinct_names() {
        use crate::model::Lang;
        let both = [Lang::En, Lang::Zh];
        let p = NamePattern::new(super::DEFAULT_PATTERN).expect("compiles");
        assert_eq!(
            p.names(&fields(), &both).expect("renders"),
            ["01723-2026-01-31", "01723-2026-01-31.zh"]
        );
        assert_eq!(
            p.names(&fields(), &[Lang::Zh]).expect("renders"),
            ["01723-2026-01-31"]
        );
        let p = NamePattern::new("{{stock_code}}-{{lang}}").expect("compiles");
        assert_eq!(
            p.names(&fields(), &both).expect("renders"),
            ["01723-en", "01723-zh"]
        );
    }

    #[test]
    fn patterns_cannot_climb_out() {
        for bad in ["../{{stock_code}}", "x/{{month}}", "..\\evil", "a..b"] {
            assert!(NamePattern::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn values_are_sanitised() {
        let p = NamePattern::new("{{issuer}}").expect("compiles");
        let mut f = fields();
        f.issuer = "../../etc/passwd".into();
        assert_eq!(p.name(&f).expect("renders"), "_.._etc_passwd");
        assert_eq!(sanitize("Moon Inc. / 月亮"), "Moon_Inc._____");
        assert_eq!(sanitize(".hidden"), "hidden");
    }
}
