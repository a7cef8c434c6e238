//! `hkret init`: a commented skeleton of the current form to start a new return from.
//!
//! The skeleton is the Tera template `init.yaml.tera` (overridable like the form templates), with
//! what the user already told us filled in; everything else is marked FILL IN and left null, so
//! that `hkret validate` names each value still missing.

use chrono::NaiveDate;
use serde::Serialize;
use tera::Context;

use crate::error::Error;
use crate::input::yaml_quoted;
use crate::layout::Layout;
use crate::render::templates::Templates;
use crate::vocab::{CLASSES, STATUSES, TYPES, words};

/// What the user gave on the command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InitOptions {
    /// Name of the issuer.
    pub issuer: Option<String>,
    /// Five-digit stock code.
    pub stock_code: Option<String>,
    /// The last day of the month reported.
    pub month_ended: Option<NaiveDate>,
    /// The file name the skeleton will be saved as, for the instructions in its header.
    pub file: String,
}

#[derive(Serialize)]
struct InitView {
    issuer: String,
    issuer_yaml: String,
    stock_code: String,
    month_ended: String,
    file: String,
    /// The current layout's version, which the skeleton is drawn for.
    version: &'static str,
    /// The spellings of `status`, `class_of_shares` and `type_of_shares`, for the comments.
    statuses: Vec<&'static str>,
    classes: Vec<&'static str>,
    types: Vec<&'static str>,
}

/// The skeleton for `options`.
///
/// # Errors
/// [`Error::Template`] when the (possibly overridden) skeleton template fails.
pub fn skeleton(options: &InitOptions, templates: &Templates) -> Result<String, Error> {
    let view = InitView {
        issuer: options.issuer.clone().unwrap_or_default(),
        issuer_yaml: options
            .issuer
            .as_deref()
            .map(yaml_quoted)
            .unwrap_or_default(),
        stock_code: options.stock_code.clone().unwrap_or_default(),
        month_ended: options
            .month_ended
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        file: options.file.clone(),
        version: Layout::current().version(),
        statuses: words(STATUSES),
        classes: words(CLASSES),
        types: words(TYPES),
    };
    let name = "init.yaml.tera";
    let context = Context::from_serialize(&view).map_err(|e| Error::template(name, &e))?;
    templates
        .tera()
        .render(name, &context)
        .map_err(|e| Error::template(name, &e))
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::{InitOptions, skeleton};
    use crate::diag::Severity;
    use crate::input::Source;
    use crate::input::yaml_quoted as quoted;
    use crate::render::templates::Templates;
    use crate::validate::build;

    fn messages(text: &str) -> Vec<String> {
        let source = Source {
            name: "new.yaml".into(),
            bytes: text.as_bytes().to_vec(),
        };
        match build(&source) {
            Ok(c) => c.warnings.iter().map(|d| d.message.clone()).collect(),
            Err(d) => d
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| d.message.clone())
                .collect(),
        }
    }

    #[test]
    fn the_bare_skeleton_names_each_missing_value() {
        let text = skeleton(
            &InitOptions {
                file: "new.yaml".into(),
                ..InitOptions::default()
            },
            &Templates::built_in().expect("templates"),
        )
        .expect("renders");
        let found = messages(&text);
        for key in [
            "month_ended",
            "date_submitted",
            "name",
            "preceding",
            "amount",
            "title",
        ] {
            assert!(
                found
                    .iter()
                    .any(|m| m.starts_with(&format!("`{key}` is not filled in"))),
                "{key}: {found:#?}"
            );
        }
    }

    #[test]
    fn the_skeleton_validates_once_filled_in() {
        let options = InitOptions {
            issuer: Some("Example \"Holdings\" Limited".into()),
            stock_code: Some("01234".into()),
            month_ended: NaiveDate::from_ymd_opt(2026, 2, 28),
            file: "new.yaml".into(),
        };
        let text = skeleton(&options, &Templates::built_in().expect("templates")).expect("renders");
        let filled = text
            .replace("date_submitted: ~", "date_submitted: 2026-03-03")
            .replace(
                "shares: { preceding: ~, closing: ~ }",
                "shares: { preceding: 1000000, closing: 1000000 }",
            )
            .replace("amount: ~", "amount: \"0.1\"")
            .replace(
                "excluding_treasury: { preceding: ~, closing: ~ }",
                "excluding_treasury: { preceding: 500000, closing: 500000 }",
            )
            .replace("  name: ~", "  name: Chan Tai Man")
            .replace("  title: ~", "  title: Company Secretary");
        assert!(!filled.contains(": ~"), "{filled}");
        assert_eq!(messages(&filled), Vec::<String>::new());
    }

    #[test]
    fn names_are_quoted_for_yaml() {
        assert_eq!(quoted("A \"B\" \\ C"), "\"A \\\"B\\\" \\\\ C\"");
    }
}
