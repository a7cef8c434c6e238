//! Sets text in the embedded fonts: picks the face for each character (Latin first, then
//! the Chinese fallback), measures it with the fonts' real advance widths and groups it
//! into single-face runs. No kerning and no ligatures, as in the official form.
//!
//! A character that no face has is an error naming it and the text it came from: the
//! renderer never draws a blank box.

use crate::render::pdf::error::PdfError;
use crate::render::pdf::fonts::{Faces, FontId};

/// One character as set: its face and advance in ems.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Set {
    /// The character.
    pub(crate) ch: char,
    /// Face it is set in.
    pub(crate) font: FontId,
    /// Advance width in ems.
    pub(crate) advance: f32,
}

/// A run of text in one face, positioned along its line.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Run {
    /// Offset of the run's start from the start of its line, points.
    pub(crate) x: f32,
    /// The face.
    pub(crate) font: FontId,
    /// The characters.
    pub(crate) text: String,
    /// Width at the line's size, points.
    pub(crate) width: f32,
}

/// Sets every character of `text` (bold or regular).
///
/// # Errors
/// [`PdfError::MissingGlyph`] for the first character no face has; `line` is reported
/// with it. [`PdfError::Font`] if an embedded font is broken.
pub(crate) fn set(text: &str, bold: bool, line: u32) -> Result<Vec<Set>, PdfError> {
    let mut out = Vec::with_capacity(text.len());
    set_into(text, bold, line, &mut out)?;
    Ok(out)
}

/// [`set`], adding the characters to `out`.
///
/// # Errors
/// As [`set`].
pub(crate) fn set_into(
    text: &str,
    bold: bool,
    line: u32,
    out: &mut Vec<Set>,
) -> Result<(), PdfError> {
    let faces = Faces::new(bold)?;
    for ch in text.chars() {
        let ch = if matches!(ch, '\t' | '\n' | '\r') {
            ' '
        } else {
            ch
        };
        match faces.resolve(ch)? {
            Some((font, _, advance)) => out.push(Set { ch, font, advance }),
            None => {
                return Err(PdfError::MissingGlyph {
                    ch,
                    text: text.to_owned(),
                    line,
                });
            }
        }
    }
    Ok(())
}

/// Width of `text` at `size` points.
///
/// # Errors
/// As [`set`].
#[cfg(test)]
pub(crate) fn width(text: &str, bold: bool, size: f32, line: u32) -> Result<f32, PdfError> {
    Ok(set(text, bold, line)?
        .iter()
        .map(|s| s.advance)
        .sum::<f32>()
        * size)
}

/// Groups set characters into single-face runs starting at offset `x0`, at `size` points.
pub(crate) fn runs(chars: &[Set], size: f32, x0: f32) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut x = x0;
    let mut rest = chars;
    while let Some(first) = rest.first() {
        let same = rest.iter().take_while(|s| s.font == first.font).count();
        let (run, after) = rest.split_at(same);
        rest = after;
        let start = x;
        let mut width = 0.0_f32;
        for s in run {
            let w = s.advance * size;
            width += w;
            x += w;
        }
        out.push(Run {
            x: start,
            font: first.font,
            text: run.iter().map(|s| s.ch).collect(),
            width,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{runs, set, width};
    use crate::render::pdf::error::PdfError;
    use crate::render::pdf::fonts::FontId;

    #[test]
    fn measures_with_real_advances() {
        // "Page" in Liberation Sans at 9 pt: P 667, a 556, g 556, e 556 per 1000.
        let w = width("Page", false, 9.0, 1).expect("set");
        assert!((w - 2.335 * 9.0).abs() < 0.01, "{w}");
        assert!(width("Page", true, 9.0, 1).expect("set") > w);
    }

    #[test]
    fn splits_runs_by_face() {
        let chars = set("Moon 月亮 Inc.", false, 1).expect("set");
        let r = runs(&chars, 10.0, 0.0);
        let faces: Vec<FontId> = r.iter().map(|r| r.font).collect();
        assert_eq!(faces, vec![FontId::Regular, FontId::Cjk, FontId::Regular]);
        assert_eq!(r[1].text, "月亮");
        assert!((r[1].x - r[0].width).abs() < 1e-4);
    }

    #[test]
    fn missing_glyph_names_character_and_text() {
        let err = set("Issuer \u{E000} Ltd", false, 7).expect_err("private use char");
        match &err {
            PdfError::MissingGlyph { ch, text, line } => {
                assert_eq!(*ch, '\u{E000}');
                assert_eq!(text, "Issuer \u{E000} Ltd");
                assert_eq!(*line, 7);
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(err.to_string().contains("U+E000"), "{err}");
    }
}
