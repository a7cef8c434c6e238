//! Compares our Moon Inc. PDF with the exchange's own, word by word: `pdftotext -bbox` of
//! both, and a reference word counts as placed when the same word is on the same page with
//! its left edge and its baseline within a tolerance (4 pt, and 1 pt) of the reference's.
//!
//! `pdftotext` boxes a word from its font descriptor's ascent to its descent, and these differ
//! between the exchange's PDF and ours although the glyphs are the same: the baseline, which is
//! what the eye sees, is recovered from the box with each PDF's own font metrics ([`Metrics`]).
//! A word's font is the one whose box height gives a size in whole half points (the forms use
//! 6 to 11 pt). The reference PDF is a fixture (`tests/fixtures/reference/`); without
//! `pdftotext` the comparison fails under CI and is skipped with a notice elsewhere.

use crate::pdf_support::{pdftotext, reference_pdf};
use std::path::Path;

/// One word of `pdftotext -bbox`: page, left, baseline, text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Word {
    /// 1-based page.
    pub(crate) page: usize,
    /// Left edge.
    pub(crate) x: f32,
    /// Baseline, recovered from the box with the PDF's font metrics.
    pub(crate) base: f32,
    /// The word.
    pub(crate) text: String,
}

/// A font descriptor's ascent and descent (ems, descent positive), as `pdftotext` uses them.
pub(crate) type Metrics = (f32, f32);

/// The exchange's PDF: Liberation Sans regular (980/-303), bold (1033/-376) and the tick's
/// Adobe Pi (826/-196), from its font descriptors.
pub(crate) const REFERENCE_FONTS: &[Metrics] = &[(0.980, 0.303), (1.033, 0.376), (0.826, 0.196)];

/// hkret's PDF: Liberation Sans, both weights (`hhea` 1854/-434 per 2048), and the tick's hkret
/// Symbols (880/-120).
pub(crate) const HKRET_FONTS: &[Metrics] = &[(0.905_273_4, 0.211_914_1), (0.88, 0.12)];

/// Reads the words of a PDF with `pdftotext -bbox`, its fonts' metrics given; `None` when the
/// tool is missing (a failure under CI).
pub(crate) fn words(pdf: &Path, fonts: &[Metrics]) -> Option<Vec<Word>> {
    pdftotext(&["-bbox"], pdf).map(|html| parse(&html, fonts))
}

/// The baseline of a word boxed from `top`, `height` tall: the font of `fonts` whose metrics
/// make the size closest to a whole half point sets it.
fn baseline(top: f32, height: f32, fonts: &[Metrics]) -> f32 {
    let off_grid = |(a, d): &Metrics| {
        let size = height / (a + d);
        ((size * 2.0) - (size * 2.0).round()).abs()
    };
    fonts
        .iter()
        .min_by(|x, y| off_grid(x).total_cmp(&off_grid(y)))
        .map_or(top + 0.77 * height, |(a, d)| top + height * a / (a + d))
}

/// Parses the XHTML that `pdftotext -bbox` writes.
pub(crate) fn parse(html: &str, fonts: &[Metrics]) -> Vec<Word> {
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
                    base: baseline(y0, y1 - y0, fonts),
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

/// The share of the reference's words that `ours` places within `tol` points (in percent),
/// with the misses. `None` when `pdftotext` is missing here (a failure under CI).
pub(crate) fn compare_with_reference(ours: &Path, tol: f32) -> Option<(f32, usize, Vec<Word>)> {
    let want = words(&reference_pdf(), REFERENCE_FONTS)?;
    let got = words(ours, HKRET_FONTS)?;
    let (hits, missed) = matched(&want, &got, tol);
    Some((
        100.0 * hits as f32 / want.len().max(1) as f32,
        want.len(),
        missed,
    ))
}

#[test]
fn parses_pdftotext_bbox_words() {
    let html = "<page width=\"841\" height=\"595\">\n<word xMin=\"22.1\" yMin=\"10.0\" xMax=\"40\" yMax=\"20.0\">Moon</word>\n</page>";
    // 10 pt high: 9 pt of a font with ascent 0.9 and descent 0.2111 (baseline 8.1 below the
    // top), not 7.69 pt of one with 1.0 and 0.3 (which would put it 7.69 below).
    let w = parse(html, &[(1.0, 0.3), (0.9, 0.211_111)]);
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].page, 1);
    assert!((w[0].base - 18.1).abs() < 1e-3, "{}", w[0].base);
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
