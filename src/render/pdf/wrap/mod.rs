//! Breaks inline content into lines no wider than a given width: greedy, at spaces, and
//! between any two Chinese characters; a word wider than the whole line is broken between
//! characters rather than allowed to overflow. Part of the layout engine; pure.

use std::rc::Rc;

use crate::render::pdf::doc::Inline;
use crate::render::pdf::error::PdfError;
use crate::render::pdf::quick::{Quick, QuickState};
use crate::render::pdf::text::Run;

mod greedy;
mod justify;

use greedy::wrap_uncached;
pub(crate) use justify::justify;

/// One wrapped line: its runs (offsets from the line start) and its width.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Line {
    /// Single-face runs, left to right.
    pub(crate) runs: Vec<Run>,
    /// Width of the set text, points (no trailing space).
    pub(crate) width: f32,
    /// Whether the line ends its paragraph or a forced break (never justified).
    pub(crate) last: bool,
}

/// Wrapped lines: a range of the lines a thread's cache of recent wraps shares, so that the
/// same label wrapped again costs a reference, not a copy of every line's runs and text.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lines {
    /// All the lines of the text as wrapped.
    all: Rc<[Line]>,
    /// The range's first line, and the line after its last.
    range: (usize, usize),
}

impl Lines {
    /// All the lines of a text.
    fn new(all: Rc<[Line]>) -> Lines {
        let range = (0, all.len());
        Lines { all, range }
    }

    /// Gives up the first `n` lines (all, if fewer) as a range of their own: a row split over
    /// two pages takes its first lines to the first page.
    pub(crate) fn take_front(&mut self, n: usize) -> Lines {
        let (start, end) = self.range;
        let cut = start + n.min(end - start);
        self.range.0 = cut;
        Lines {
            all: Rc::clone(&self.all),
            range: (start, cut),
        }
    }
}

impl std::ops::Deref for Lines {
    type Target = [Line];

    fn deref(&self) -> &[Line] {
        &self.all[self.range.0..self.range.1]
    }
}

/// Wraps `inlines` at `size` points into lines at most `max` points wide.
///
/// # Errors
/// [`PdfError::MissingGlyph`] for a character no font has.
pub(crate) fn wrap(inlines: &[Inline], size: f32, max: f32) -> Result<Lines, PdfError> {
    wrap_first(inlines, size, max, max)
}

/// Wraps like [`wrap`], the first line at most `first` points wide and the others `max`
/// (a first line indented or hanging out by the difference).
///
/// # Errors
/// [`PdfError::MissingGlyph`] for a character no font has.
pub(crate) fn wrap_first(
    inlines: &[Inline],
    size: f32,
    first: f32,
    max: f32,
) -> Result<Lines, PdfError> {
    RECENT.with_borrow_mut(|recent| recent.wrap(inlines, [size, first, max]))
}

/// How many wrapped texts a thread remembers before it forgets them all.
const REMEMBERED: usize = 4096;

thread_local! {
    /// This thread's recently wrapped texts.
    static RECENT: std::cell::RefCell<Recent> = std::cell::RefCell::default();
}

/// Texts wrapped recently, with their lines. Every return prints the same few hundred labels
/// in the same cells, so a bulk run wraps the same text at the same width thousands of times;
/// wrapping is a pure function of the text, its weight, size and widths, so its lines can be
/// reused. At most [`REMEMBERED`] texts are kept, so that memory stays flat however many
/// documents a thread renders (names and remarks differ from return to return).
#[derive(Default)]
struct Recent(std::collections::HashMap<u64, Wrapped, QuickState>);

/// A text as wrapped: what was asked (each inline's text and weight, `None` for a break; the
/// size and widths' bits) and the lines.
struct Wrapped {
    inlines: Vec<(Option<String>, bool)>,
    sizes: [u32; 3],
    lines: Rc<[Line]>,
}

impl Wrapped {
    /// Whether these are the lines of `inlines` at `sizes`.
    fn is(&self, inlines: &[Inline], sizes: [u32; 3]) -> bool {
        self.sizes == sizes
            && self.inlines.len() == inlines.len()
            && self
                .inlines
                .iter()
                .zip(inlines)
                .all(|(kept, i)| match (kept, i) {
                    ((Some(t), b), Inline::Text { text, bold, .. }) => t == text && b == bold,
                    ((None, _), Inline::Break) => true,
                    _ => false,
                })
    }
}

impl Recent {
    /// The lines of `inlines` at `[size, first, max]`, wrapped again only if not kept.
    fn wrap(
        &mut self,
        inlines: &[Inline],
        [size, first, max]: [f32; 3],
    ) -> Result<Lines, PdfError> {
        use std::hash::{Hash, Hasher};
        let sizes = [size.to_bits(), first.to_bits(), max.to_bits()];
        let mut h = Quick::default();
        sizes.hash(&mut h);
        for i in inlines {
            match i {
                Inline::Text { text, bold, .. } => (text, bold).hash(&mut h),
                Inline::Break => 0xFFu8.hash(&mut h),
            }
        }
        let key = h.finish();
        if let Some(w) = self.0.get(&key).filter(|w| w.is(inlines, sizes)) {
            return Ok(Lines::new(Rc::clone(&w.lines)));
        }
        let lines: Rc<[Line]> = wrap_uncached(inlines, size, first, max)?.into();
        if self.0.len() >= REMEMBERED {
            self.0.clear();
        }
        let kept = inlines
            .iter()
            .map(|i| match i {
                Inline::Text { text, bold, .. } => (Some(text.clone()), *bold),
                Inline::Break => (None, false),
            })
            .collect();
        self.0.insert(
            key,
            Wrapped {
                inlines: kept,
                sizes,
                lines: Rc::clone(&lines),
            },
        );
        Ok(Lines::new(lines))
    }
}

#[cfg(test)]
mod tests {
    use super::{wrap, wrap_uncached};
    use crate::render::pdf::doc::Inline;

    #[test]
    fn remembered_lines_are_the_lines_of_the_same_text_weight_and_widths_only() {
        let long = "Balance at close of preceding month of the shares issued";
        let [plain, bold] = [false, true].map(|bold| {
            vec![Inline::Text {
                text: long.into(),
                bold,
                line: 1,
            }]
        });
        for _ in 0..2 {
            for width in [60.0, 90.0, 400.0] {
                for inlines in [plain.clone(), bold.clone()] {
                    let kept = wrap(&inlines, 9.0, width).expect("wraps");
                    let fresh = wrap_uncached(&inlines, 9.0, width, width).expect("wraps");
                    assert_eq!(*kept, *fresh, "{width}");
                }
            }
        }
        assert_ne!(
            *wrap(&plain, 9.0, 60.0).expect("wraps"),
            *wrap(&plain, 9.0, 90.0).expect("wraps")
        );
    }
}
