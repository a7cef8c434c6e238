//! Compares our Moon Inc. PDF with the exchange's own, word by word: `pdftotext -bbox` of
//! both, and a reference word counts as placed when the same word is on the same page with
//! its left edge and its baseline within 4 pt of the reference's.
//!
//! The baseline is estimated from the word box (top + 0.77 of its height) because the
//! box heights come from the font descriptors' ascent and descent, which differ between the
//! exchange's PDF and ours although the glyphs are the same: the baseline is what the eye
//! sees. The reference PDF is a fixture (`tests/fixtures/reference/`); without `pdftotext` the
//! comparison fails under CI and is skipped with a notice elsewhere.

use crate::pdf_support::{pdftotext, reference_pdf};
use std::path::Path;

/// One word of `pdftotext -bbox`: page, left, baseline, text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Word {
    /// 1-based page.
    pub(crate) page: usize,
    /// Left edge.
    pub(crate) x: f32,
    /// Estimated baseline.
    pub(crate) base: f32,
    /// The word.
    pub(crate) text: String,
}

/// Reads the words of a PDF with `pdftotext -bbox`; `None` when the tool is missing (a failure
/// under CI).
pub(crate) fn words(pdf: &Path) -> Option<Vec<Word>> {
    pdftotext(&["-bbox"], pdf).map(|html| parse(&html))
}

/// Parses the XHTML that `pdftotext -bbox` writes.
pub(crate) fn parse(html: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut page = 0;
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page") {
            page += 1;
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let num = |key: &str| -> Option<f32> {
                let start = rest.find(&format!("{key}=\""))? + key.len() + 2;
                rest[start..].split('"').next()?.parse().ok()
            };
            let text = rest
                .split_once('>')
                .and_then(|(_, t)| t.strip_suffix("</word>"));
            if let (Some(x), Some(y0), Some(y1), Some(t)) =
                (num("xMin"), num("yMin"), num("yMax"), text)
            {
                out.push(Word {
                    page,
                    x,
                    base: y0 + 0.77 * (y1 - y0),
                    text: t.to_owned(),
                });
            }
        }
    }
    out
}

/// How many reference words ours places within `tol` points, each of ours used once.
pub(crate) fn matched(reference: &[Word], ours: &[Word], tol: f32) -> (usize, Vec<Word>) {
    let mut used = vec![false; ours.len()];
    let mut hits = 0;
    let mut missed = Vec::new();
    for w in reference {
        let best = ours
            .iter()
            .enumerate()
            .filter(|(i, o)| !used[*i] && o.page == w.page && o.text == w.text)
            .map(|(i, o)| (i, (o.x - w.x).abs().max((o.base - w.base).abs())))
            .filter(|(_, d)| *d <= tol)
            .min_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((i, _)) => {
                used[i] = true;
                hits += 1;
            }
            None => missed.push(w.clone()),
        }
    }
    (hits, missed)
}

/// The share of the reference's words that `ours` places (in percent), with the misses.
/// `None` when `pdftotext` is missing here (a failure under CI).
pub(crate) fn compare_with_reference(ours: &Path) -> Option<(f32, usize, Vec<Word>)> {
    let want = words(&reference_pdf())?;
    let got = words(ours)?;
    let (hits, missed) = matched(&want, &got, 4.0);
    Some((
        100.0 * hits as f32 / want.len().max(1) as f32,
        want.len(),
        missed,
    ))
}

#[test]
fn parses_pdftotext_bbox_words() {
    let html = "<page width=\"841\" height=\"595\">\n<word xMin=\"22.1\" yMin=\"10.0\" xMax=\"40\" yMax=\"20.0\">Moon</word>\n</page>";
    let w = parse(html);
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].page, 1);
    assert!((w[0].base - 17.7).abs() < 1e-4);
    let (hits, _) = matched(
        &w,
        &[Word {
            x: 25.0,
            ..w[0].clone()
        }],
        4.0,
    );
    assert_eq!(hits, 1);
    let (hits, missed) = matched(
        &w,
        &[Word {
            x: 27.0,
            ..w[0].clone()
        }],
        4.0,
    );
    assert_eq!((hits, missed.len()), (0, 1));
}
