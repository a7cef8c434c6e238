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
    /// Five-digit stock code of the one listed class, when no `classes` are given.
    pub stock_code: Option<String>,
    /// The classes of shares, from `--class` (several for an A+H issuer); empty for one
    /// ordinary class.
    pub classes: Vec<InitClass>,
    /// The last day of the month reported.
    pub month_ended: Option<NaiveDate>,
    /// The file name the skeleton will be saved as, for the instructions in its header.
    pub file: String,
}

/// A class of shares given on the command line: `--class "H shares:02899"` or
/// `--class "A shares:601899:unlisted"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InitClass {
    /// The handle Part III uses, from the description's first word (`h`, `a`, `ordinary`).
    pub id: String,
    /// The description, as given.
    pub description: String,
    /// The form's class of shares, read from the description.
    pub class_of_shares: &'static str,
    /// The form's type of shares, read from the description.
    pub type_of_shares: &'static str,
    /// Listed on the Exchange (unless `:unlisted`).
    pub listed: bool,
    /// The stock code: five digits when listed; the code on another market when not.
    pub stock_code: String,
}

/// Reads `DESCRIPTION:CODE[:unlisted]`.
///
/// # Errors
/// What is wrong with the specification, with a suggestion (`02899` for `2899`).
pub fn parse_class(spec: &str) -> Result<InitClass, String> {
    let mut parts = spec.split(':').map(str::trim);
    let description = parts.next().unwrap_or_default().to_owned();
    let code = parts.next().unwrap_or_default().to_owned();
    let listed = match parts.next() {
        None | Some("listed") => true,
        Some("unlisted") => false,
        Some(other) => {
            return Err(format!(
                "--class {spec}: `{other}` is neither `listed` nor `unlisted`"
            ));
        }
    };
    if description.is_empty() || code.is_empty() || parts.next().is_some() {
        return Err(format!(
            "--class {spec}: write DESCRIPTION:CODE, or DESCRIPTION:CODE:unlisted for a class not listed on the Exchange, such as \"H shares:02899\""
        ));
    }
    if listed {
        check_listed_code(&code).map_err(|e| format!("--class {spec}: {e}"))?;
    } else if code.len() > 12 || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') {
        return Err(format!(
            "--class {spec}: `{code}` is not a market's stock code (letters and digits, such as 601899)"
        ));
    }
    let lower = description.to_lowercase();
    let first = lower.split_whitespace().next().unwrap_or("class");
    let type_of_shares = match first {
        "h" => "H",
        "a" => "A",
        "b" => "B",
        _ => "Not applicable",
    };
    let class_of_shares = if lower.contains("preference") {
        "Preference shares"
    } else if lower.contains("wvr") || lower.contains("weighted voting") {
        "WVR ordinary shares"
    } else {
        "Ordinary shares"
    };
    Ok(InitClass {
        id: first
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '_')
            .collect(),
        description,
        class_of_shares,
        type_of_shares,
        listed,
        stock_code: code,
    })
}

/// A Hong Kong stock code is five digits; a shorter run of digits is suggested with its leading
/// zeros (`02899` for `2899`).
///
/// # Errors
/// What is wrong, with the suggestion.
pub fn check_listed_code(code: &str) -> Result<(), String> {
    let digits = !code.is_empty() && code.chars().all(|c| c.is_ascii_digit());
    match (digits, code.len()) {
        (true, 5) => Ok(()),
        (true, 1..=4) => Err(format!(
            "a stock code is five digits: did you mean {code:0>5}?"
        )),
        _ => Err(format!(
            "`{code}` is not a Hong Kong stock code, which is five digits such as 01723; a class listed elsewhere only takes :unlisted"
        )),
    }
}

#[derive(Serialize)]
struct InitView {
    issuer: String,
    issuer_yaml: String,
    stock_code: String,
    month_ended: String,
    file: String,
    /// The version of the layout the skeleton is drawn for: the one in force for the month ended,
    /// or the current one.
    version: &'static str,
    /// That layout's capabilities (treasury shares, public float block), which shape Part II.
    layout: &'static crate::layout::Descriptor,
    /// The classes of shares to write.
    share_classes: Vec<InitClass>,
    /// The spellings of `status`, `class_of_shares` and `type_of_shares`, for the comments.
    statuses: Vec<&'static str>,
    classes: Vec<&'static str>,
    types: Vec<&'static str>,
}

/// The classes the skeleton lists: those given, or one ordinary class listed under
/// `--stock-code` (its code left to fill in when not given).
fn classes_of(options: &InitOptions) -> Vec<InitClass> {
    if !options.classes.is_empty() {
        return options.classes.clone();
    }
    vec![InitClass {
        id: "ordinary".to_owned(),
        description: "Ordinary Shares".to_owned(),
        class_of_shares: "Ordinary shares",
        type_of_shares: "Not applicable",
        listed: true,
        stock_code: options.stock_code.clone().unwrap_or_default(),
    }]
}

/// The skeleton for `options`.
///
/// # Errors
/// [`Error::Template`] when the (possibly overridden) skeleton template fails.
pub fn skeleton(options: &InitOptions, templates: &Templates) -> Result<String, Error> {
    let layout = options
        .month_ended
        .and_then(Layout::in_force)
        .unwrap_or_else(Layout::current);
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
        version: layout.version(),
        layout: layout.descriptor(),
        // Descriptions quoted for YAML, as the issuer's name is.
        share_classes: classes_of(options)
            .into_iter()
            .map(|c| InitClass {
                description: yaml_quoted(&c.description),
                ..c
            })
            .collect(),
        statuses: words(STATUSES),
        classes: words(CLASSES),
        types: words(TYPES),
    };
    let name = "init.yaml.tera";
    let context = Context::from_serialize(&view).map_err(|e| Error::template(name, &e))?;
    templates.render(name, None, &context)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::{InitOptions, parse_class, skeleton};
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

    /// A skeleton with every value marked FILL IN given, as a filer would, for February 2026.
    fn fill_in(text: &str) -> String {
        text.replace("date_submitted: ~", "date_submitted: 2026-03-03")
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
            .replace("  title: ~", "  title: Company Secretary")
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
            classes: Vec::new(),
            month_ended: NaiveDate::from_ymd_opt(2026, 2, 28),
            file: "new.yaml".into(),
        };
        let text = skeleton(&options, &Templates::built_in().expect("templates")).expect("renders");
        let filled = fill_in(&text);
        assert!(!filled.contains(": ~"), "{filled}");
        assert_eq!(messages(&filled), Vec::<String>::new());
    }

    #[test]
    fn an_a_and_h_issuer_gets_both_classes() {
        let classes = vec![
            parse_class("H shares:02899").expect("H"),
            parse_class("A shares:601899:unlisted").expect("A"),
        ];
        assert_eq!(
            (
                classes[1].id.as_str(),
                classes[1].type_of_shares,
                classes[1].listed
            ),
            ("a", "A", false)
        );
        let options = InitOptions {
            issuer: Some("Example Mining".into()),
            classes,
            month_ended: NaiveDate::from_ymd_opt(2026, 2, 28),
            file: "new.yaml".into(),
            ..InitOptions::default()
        };
        let text = skeleton(&options, &Templates::built_in().expect("templates")).expect("renders");
        let filled = fill_in(&text);
        assert_eq!(messages(&filled), Vec::<String>::new(), "{filled}");
        assert!(filled.contains("stock_code: \"601899\""), "{filled}");
    }

    #[test]
    fn a_short_code_is_suggested_with_its_zeros() {
        assert_eq!(
            parse_class("H shares:2899"),
            Err(
                "--class H shares:2899: a stock code is five digits: did you mean 02899?"
                    .to_owned()
            )
        );
    }

    #[test]
    fn an_old_month_gets_the_layout_then_in_force() {
        // June 2022: the layout without treasury shares, so Part II has one column.
        let options = InitOptions {
            issuer: Some("Example Holdings Limited".into()),
            stock_code: Some("01234".into()),
            month_ended: NaiveDate::from_ymd_opt(2022, 6, 30),
            file: "old.yaml".into(),
            ..InitOptions::default()
        };
        let text = skeleton(&options, &Templates::built_in().expect("templates")).expect("renders");
        let month = NaiveDate::from_ymd_opt(2022, 6, 30).expect("date");
        let layout = crate::layout::Layout::in_force(month).expect("a layout");
        assert!(!layout.has_treasury());
        assert!(text.contains(&format!("version: \"{}\"", layout.version())));
        assert!(!text.contains("public_float:"), "{text}");
        let filled = text
            .replace("date_submitted: ~", "date_submitted: 2022-07-05")
            .replace(
                "shares: { preceding: ~, closing: ~ }     # FILL IN Number of authorised",
                "shares: { preceding: 1000000, closing: 1000000 }     # Number of authorised",
            )
            .replace("amount: ~", "amount: \"0.1\"")
            .replace(
                "shares: { preceding: ~, closing: ~ }               # FILL IN Number of issued",
                "shares: { preceding: 500000, closing: 500000 }               # Number of issued",
            )
            .replace("  name: ~", "  name: Chan Tai Man")
            .replace("  title: ~", "  title: Company Secretary");
        assert_eq!(messages(&filled), Vec::<String>::new(), "{filled}");
    }

    #[test]
    fn names_are_quoted_for_yaml() {
        assert_eq!(quoted("A \"B\" \\ C"), "\"A \\\"B\\\" \\\\ C\"");
    }
}
