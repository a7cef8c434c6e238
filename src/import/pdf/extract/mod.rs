//! The text of a PDF with its positions, read with lopdf: every string shown on a page becomes a
//! [`Run`] at its place (points from the page's bottom left), with the width its glyphs take.
//!
//! Only what a return's PDF uses is interpreted (`content`), and fonts are decoded and measured
//! as far as the text needs (`font`). This file holds what the reader hands on: the runs, the
//! rules, and why a PDF gives no text.

use std::collections::BTreeMap;

use lopdf::Document;
use lopdf::content::Content;

use content::page_runs;
use font::Font;

mod content;
mod font;

/// The most a page's content may decompress to (a return's page is a few tens of kilobytes).
const MAX_CONTENT: usize = 16 * 1024 * 1024;
/// The most pages a return is read for (a published return has about ten).
pub(crate) const MAX_PAGES: usize = 500;

/// A string shown on a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    /// 1-based page.
    pub(crate) page: u32,
    /// Left edge.
    pub(crate) x0: f32,
    /// Right edge.
    pub(crate) x1: f32,
    /// Baseline, from the page's bottom.
    pub(crate) y: f32,
    /// The font's size on the page.
    pub(crate) size: f32,
    /// The text.
    pub(crate) text: String,
}

/// A straight rule drawn on a page: a table's cell border (a rectangle's side or a line).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rule {
    /// 1-based page.
    pub(crate) page: u32,
    /// Whether it runs up the page (else across).
    pub(crate) vertical: bool,
    /// Its position across its direction: x of a vertical rule, y of a horizontal one.
    pub(crate) at: f32,
    /// Where it starts along its direction.
    pub(crate) from: f32,
    /// Where it ends along its direction.
    pub(crate) to: f32,
}

/// The text and the rules of a PDF.
#[derive(Debug, Default)]
pub(crate) struct Pages {
    /// The strings shown.
    pub(crate) runs: Vec<Run>,
    /// The straight rules drawn.
    pub(crate) rules: Vec<Rule>,
    /// How many pages.
    pub(crate) count: u32,
}

/// Why a PDF gives no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// It could not be read as a PDF (truncated, damaged, not a PDF).
    Unreadable(String),
    /// It is encrypted.
    Encrypted,
    /// It has no page, or more than hkret reads.
    Pages(usize),
}

/// The runs and rules of every page of `bytes`.
pub(crate) fn read(bytes: &[u8]) -> Result<Pages, Refusal> {
    let doc = Document::load_mem(bytes).map_err(|e| Refusal::Unreadable(e.to_string()))?;
    if doc.is_encrypted() || doc.trailer.get(b"Encrypt").is_ok() {
        return Err(Refusal::Encrypted);
    }
    let pages = doc.get_pages();
    if pages.is_empty() || pages.len() > MAX_PAGES {
        return Err(Refusal::Pages(pages.len()));
    }
    let mut out = Pages {
        count: u32::try_from(pages.len()).unwrap_or(u32::MAX),
        ..Pages::default()
    };
    for (number, id) in pages {
        let content = doc
            .get_page_content_with_limit(id, MAX_CONTENT)
            .map_err(|e| Refusal::Unreadable(format!("page {number}: {e}")))?;
        let Ok(content) = Content::decode(&content) else {
            return Err(Refusal::Unreadable(format!(
                "page {number}: its content cannot be read"
            )));
        };
        let fonts: BTreeMap<Vec<u8>, Font<'_>> = doc
            .get_page_fonts(id)
            .unwrap_or_default()
            .into_iter()
            .map(|(name, dict)| (name, Font::new(dict, &doc)))
            .collect();
        page_runs(number, &content.operations, &fonts, &mut out);
    }
    Ok(out)
}
