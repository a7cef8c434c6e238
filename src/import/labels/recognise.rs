//! The recognition of a return's layout from its wording: the form's title says it is a monthly
//! return (or the Chinese one, which is not imported), and the Part II heading and the class
//! header's labels name the layouts that print them.

use std::sync::LazyLock;

use chrono::NaiveDate;

use super::{Form, id};
use crate::import::lines::Line;
use crate::layout::Layout;
use crate::render::labels::LabelFile;

/// The Chinese title of the form (`templates/labels/zh-Hant.yaml`), without spaces.
static CHINESE_TITLE: LazyLock<String> = LazyLock::new(|| {
    let name = "labels/zh-Hant.yaml";
    let file = crate::assets::precompiled(name)
        .and_then(|json| serde_json::from_str::<LabelFile>(json).ok())
        .or_else(|| LabelFile::parse(crate::assets::get(name)?).ok());
    file.map(|f| {
        f.resolve(Layout::current())
            .get(id::TITLE)
            .split_whitespace()
            .collect()
    })
    .unwrap_or_default()
});

/// Whether a line starts the Chinese title of the form.
fn is_chinese_return(texts: &[String]) -> bool {
    let title = CHINESE_TITLE.as_str();
    !title.is_empty()
        && texts.iter().any(|t| {
            let t: String = t.split_whitespace().collect();
            t.chars().count() >= 10 && title.starts_with(t.as_str())
        })
}

/// Recognises the layout of a return from its wording: the Part II heading and the order of the
/// class header's labels name the layouts that print them; of those, the one printed in the
/// footer (`printed`), or else the one in force for the month ended, or else the newest.
/// `Err` when the lines are not a monthly return (FF301) at all.
pub(crate) fn recognise(
    lines: &[Line],
    printed: Option<&str>,
    month: Option<NaiveDate>,
) -> Result<Form, String> {
    let current = Form::new(Layout::current());
    let texts: Vec<String> = lines.iter().map(Line::joined).collect();
    if !texts
        .iter()
        .any(|t| t.len() >= 20 && current.get(id::TITLE).starts_with(t.as_str()))
    {
        if is_chinese_return(&texts) {
            return Err(
                "this is the Chinese version of a monthly return: hkret imports the English one (the exchange publishes both)"
                    .to_owned(),
            );
        }
        return Err(format!(
            "this is not a monthly return (form FF301): its title \"{}\" was not found",
            current.get(id::TITLE)
        ));
    }
    let fits = |form: &Form| {
        let Some(at) = texts.iter().position(|t| t == form.get(id::PART_II)) else {
            return false;
        };
        texts[at + 1..]
            .iter()
            .find(|t| !t.is_empty())
            .is_some_and(|t| form.is_class_header(crate::import::read::strip_item(t)))
    };
    let candidates: Vec<Form> = Layout::all().map(Form::new).filter(|f| fits(f)).collect();
    let by_version = printed.and_then(|v| candidates.iter().position(|f| f.version() == v));
    let by_month = month.and_then(|m| candidates.iter().position(|f| f.layout.fits(m)));
    let pick = by_version.or(by_month).or(candidates.len().checked_sub(1));
    match pick {
        Some(i) => Ok(candidates.into_iter().nth(i).unwrap_or(current)),
        None => Err(format!(
            "the return's Part II heading and class headers are not those of a layout hkret knows ({})",
            Layout::known()
        )),
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::recognise;
    use crate::import::lines::from_text;
    use crate::layout::Layout;

    #[test]
    fn the_layout_is_the_one_whose_wording_is_printed_and_in_force() {
        let lines = from_text(
            "Monthly Return for Equity Issuer\nII. Movements in Issued Shares\n1. Type of shares\tOrdinary shares\n",
        );
        let july_2021 = NaiveDate::from_ymd_opt(2021, 7, 31);
        let in_july_2021 = july_2021
            .and_then(Layout::in_force)
            .expect("a layout in force");
        let form = recognise(&lines, None, july_2021).expect("a return");
        assert_eq!(form.version(), in_july_2021.version());
        // The printed version decides over the month: a return printed in the layout of a later
        // month with the same wording is read in that layout.
        let november_2022 = NaiveDate::from_ymd_opt(2022, 11, 30).and_then(Layout::in_force);
        let printed = november_2022.expect("a layout in force").version();
        assert_ne!(printed, in_july_2021.version());
        let form = recognise(&lines, Some(printed), july_2021).expect("a return");
        assert_eq!(form.version(), printed);
        assert!(recognise(&from_text("A shopping list\n"), None, None).is_err());
    }
}
