//! Justified lines: the spaces of a line stretched so that it fills its cell.

use super::Line;
use crate::render::pdf::error::PdfError;
use crate::render::pdf::text::Run;

/// Stretches the spaces of `line` so that it fills `avail` points, unless it is the last
/// line of its paragraph or has no spaces. Runs are split at the spaces.
///
/// # Errors
/// [`PdfError::Font`] if an embedded font is broken.
pub(crate) fn justify(line: &Line, avail: f32, size: f32) -> Result<Line, PdfError> {
    let spaces = line
        .runs
        .iter()
        .map(|r| r.text.matches(' ').count())
        .sum::<usize>();
    if line.last || spaces == 0 || line.width >= avail {
        return Ok(line.clone());
    }
    let extra = (avail - line.width) / spaces as f32;
    let mut out = Vec::new();
    let mut x = 0.0;
    for run in &line.runs {
        let face = crate::render::pdf::fonts::face(run.font)?;
        let mut word = Run {
            x,
            font: run.font,
            text: String::new(),
            width: 0.0,
        };
        for ch in run.text.chars() {
            let w = face.glyph_advance(ch).map_or(0.0, |(_, a)| a) * size;
            if ch == ' ' {
                if !word.text.is_empty() {
                    out.push(std::mem::replace(
                        &mut word,
                        Run {
                            x,
                            font: run.font,
                            text: String::new(),
                            width: 0.0,
                        },
                    ));
                }
                x += w + extra;
                word.x = x;
            } else {
                word.text.push(ch);
                word.width += w;
                x += w;
            }
        }
        if !word.text.is_empty() {
            out.push(word);
        }
    }
    Ok(Line {
        runs: out,
        width: avail,
        last: line.last,
    })
}
