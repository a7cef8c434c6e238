//! Texts the user types (names, descriptions, remarks), each in English and, for the Chinese
//! return, in Traditional Chinese; and the languages a return is rendered in.

use std::ops::Deref;

use crate::model::Src;

/// A language the return is rendered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Lang {
    /// English, the default.
    #[default]
    En,
    /// Traditional Chinese (zh-Hant), the form's Chinese version.
    Zh,
}

impl Lang {
    /// The code used on the command line and in output names: `en`, `zh`.
    pub const fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Zh => "zh",
        }
    }

    /// The BCP 47 tag: names the label file (`templates/labels/zh-Hant.yaml`) and is the
    /// language a PDF declares.
    pub const fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Zh => "zh-Hant",
        }
    }
}

/// A text the user typed: the English, and the Chinese written beside it under the same key
/// with `_zh` appended (`name` and `name_zh`).
///
/// It reads as its English text (`Deref<Target = str>`), which is what the rules and every
/// English output use.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    /// The English text.
    pub en: String,
    /// The Chinese text, when given.
    pub zh: Option<String>,
    /// Where the English text is written.
    pub src: Src,
    /// The YAML path where the Chinese text goes (`issuer.name_zh`).
    pub zh_path: String,
}

impl Text {
    /// A text with no Chinese and no place, for texts made up by hkret itself.
    pub fn english(en: impl Into<String>) -> Self {
        Self {
            en: en.into(),
            ..Self::default()
        }
    }

    /// Whether the Chinese return needs a Chinese text here that is not given: an empty English
    /// text needs none.
    pub fn lacks_chinese(&self) -> bool {
        self.zh.is_none() && !self.en.trim().is_empty()
    }

    /// The text in `lang`; in Chinese, the English when no Chinese is given (the caller has
    /// checked beforehand that this is wanted, see `validate::chinese`).
    pub fn in_lang(&self, lang: Lang) -> &str {
        match (lang, &self.zh) {
            (Lang::Zh, Some(zh)) => zh,
            _ => &self.en,
        }
    }
}

impl std::fmt::Display for Text {
    /// The English text.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.en
    }
}

#[cfg(test)]
mod tests {
    use super::{Lang, Text};

    #[test]
    fn a_text_reads_in_each_language() {
        let t = Text {
            en: "Ordinary Shares".into(),
            zh: Some("普通股".into()),
            ..Text::default()
        };
        assert_eq!(t.in_lang(Lang::En), "Ordinary Shares");
        assert_eq!(t.in_lang(Lang::Zh), "普通股");
        assert!(!t.lacks_chinese());
        assert_eq!(&*t, "Ordinary Shares");
    }

    #[test]
    fn only_a_written_english_text_needs_chinese() {
        assert!(Text::english("Moon Inc.").lacks_chinese());
        assert!(!Text::english("").lacks_chinese());
        assert!(!Text::english("  ").lacks_chinese());
        assert_eq!(Text::english("Moon Inc.").in_lang(Lang::Zh), "Moon Inc.");
    }

    #[test]
    fn codes_and_tags() {
        assert_eq!((Lang::En.code(), Lang::En.tag()), ("en", "en"));
        assert_eq!((Lang::Zh.code(), Lang::Zh.tag()), ("zh", "zh-Hant"));
        assert_eq!(Lang::default(), Lang::En);
    }
}
