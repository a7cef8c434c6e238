//! What the caller tells the PDF writer besides the layout: document metadata (title,
//! author, keywords, date, the source file to attach) and the PDF/A level. Plain data;
//! the caller takes the date from the return or from `SOURCE_DATE_EPOCH`, never the clock.

use std::fmt;
use std::str::FromStr;

/// The PDF/A conformance level to write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PdfaLevel {
    /// PDF/A-1b (ISO 19005-1, PDF 1.4): the default. Accepted by every archive that takes
    /// PDF/A at all, and the level that the free `PDFBox` Preflight validator checks; the
    /// form uses nothing that later levels add (transparency, layers, JPEG 2000).
    #[default]
    A1b,
    /// PDF/A-2b (ISO 19005-2, PDF 1.7).
    A2b,
    /// PDF/A-3b (ISO 19005-3): as 2b, plus the source YAML embedded as an associated file.
    A3b,
}

impl FromStr for PdfaLevel {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "1b" | "a1b" | "a-1b" => Ok(Self::A1b),
            "2b" | "a2b" | "a-2b" => Ok(Self::A2b),
            "3b" | "a3b" | "a-3b" => Ok(Self::A3b),
            other => Err(format!("unknown PDF/A level {other:?}: use 1b, 2b or 3b")),
        }
    }
}

impl fmt::Display for PdfaLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::A1b => "1b",
            Self::A2b => "2b",
            Self::A3b => "3b",
        })
    }
}

/// A file embedded in the PDF (PDF/A-3b only): the YAML the return was rendered from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    /// File name shown by viewers, e.g. `ff301-2026-01-moon-inc.yaml`.
    pub name: String,
    /// The bytes.
    pub data: Vec<u8>,
}

/// Document metadata, written both to the info dictionary and to XMP.
#[derive(Clone, Debug, PartialEq)]
pub struct PdfMeta {
    /// "Monthly Return ... for the month ended 31 January 2026".
    pub title: String,
    /// The issuer.
    pub author: String,
    /// Optional subject / description.
    pub subject: Option<String>,
    /// Stock codes and the like.
    pub keywords: Vec<String>,
    /// RFC 3066 language tag of the text, e.g. `en` or `zh-HK`.
    pub language: String,
    /// Creation and modification date, UTC: from the return or `SOURCE_DATE_EPOCH`.
    pub date: chrono::NaiveDateTime,
    /// Source to embed with PDF/A-3b; ignored at other levels.
    pub source: Option<Attachment>,
}

/// How to write the PDF.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PdfOptions {
    /// PDF/A level.
    pub pdfa: PdfaLevel,
}
