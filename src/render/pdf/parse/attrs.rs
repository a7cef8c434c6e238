//! The attribute readers of the description parser: numbers, edges, flags, styles and
//! alignments, each refusing what it does not know with the line of its element.

use crate::render::pdf::doc::{Align, Edges, Style, VAlign};
use crate::render::pdf::error::PdfError;
use crate::render::pdf::parse::xml::Tag;

impl Tag<'_> {
    /// A description error at this element.
    pub(super) fn err(&self, message: String) -> PdfError {
        PdfError::Description {
            line: self.line,
            message,
        }
    }

    /// Fails unless this is the element `name`.
    pub(super) fn expect_name(&self, name: &str) -> Result<(), PdfError> {
        if self.name == name {
            Ok(())
        } else {
            Err(self.err(format!("expected <{name}>, found <{}>", self.name)))
        }
    }

    /// Fails if this element has an attribute outside `allowed`.
    pub(super) fn allow(&self, allowed: &[&str]) -> Result<(), PdfError> {
        match self.attrs.iter().find(|(a, _)| !allowed.contains(a)) {
            Some((a, _)) => Err(self.err(format!("<{}> has no attribute {a:?}", self.name))),
            None => Ok(()),
        }
    }

    /// A numeric attribute, or `default` when absent.
    pub(super) fn num_or(&self, name: &str, default: f32) -> Result<f32, PdfError> {
        match self.attribute(name) {
            None => Ok(default),
            Some(v) => number(v.trim())
                .filter(|n| n.is_finite() && *n >= 0.0)
                .ok_or_else(|| self.err(format!("{name}={v:?} is not a length in points"))),
        }
    }

    /// A signed numeric attribute (an offset that may point left or up), or 0 when absent.
    pub(super) fn offset(&self, name: &str) -> Result<f32, PdfError> {
        match self.attribute(name) {
            None => Ok(0.0),
            Some(v) => number(v.trim())
                .filter(|n| n.is_finite())
                .ok_or_else(|| self.err(format!("{name}={v:?} is not an offset in points"))),
        }
    }

    /// Four signed offsets in CSS order (1, 2 or 4 numbers), or zeros when absent.
    pub(super) fn offsets(&self, name: &str) -> Result<Edges, PdfError> {
        let Some(v) = self.attribute(name) else {
            return Ok(Edges::default());
        };
        match numbers(v, |n| n.is_finite()).ok().and_then(edges) {
            Some(e) => Ok(e),
            None => Err(self.err(format!("{name}={v:?} needs 1, 2 or 4 offsets in points"))),
        }
    }

    /// A list of non-negative numbers separated by spaces.
    pub(super) fn nums(&self, name: &str, v: &str) -> Result<Vec<f32>, PdfError> {
        v.split_whitespace()
            .map(|p| {
                number(p)
                    .filter(|n| n.is_finite() && *n >= 0.0)
                    .ok_or_else(|| self.err(format!("{name}={v:?}: {p:?} is not a length")))
            })
            .collect()
    }

    /// Edges given CSS-style as 1, 2 or 4 numbers, or `default` when absent.
    pub(super) fn edges_or(&self, name: &str, default: Edges) -> Result<Edges, PdfError> {
        let Some(v) = self.attribute(name) else {
            return Ok(default);
        };
        match numbers(v, |n| n.is_finite() && n >= 0.0) {
            Err(p) => Err(self.err(format!("{name}={v:?}: {p:?} is not a length"))),
            Ok(nums) => {
                edges(nums).ok_or_else(|| self.err(format!("{name}={v:?} needs 1, 2 or 4 lengths")))
            }
        }
    }

    /// A `true`/`false` attribute, or `default` when absent.
    pub(super) fn flag_or(&self, name: &str, default: bool) -> Result<bool, PdfError> {
        match self.attribute(name) {
            None => Ok(default),
            Some("true") => Ok(true),
            Some("false") => Ok(false),
            Some(v) => Err(self.err(format!("{name}={v:?} must be true or false"))),
        }
    }

    /// The style of this element: `size`, `bold` and `leading` override `parent`.
    pub(super) fn style(&self, parent: Style) -> Result<Style, PdfError> {
        Ok(Style {
            size: self.num_or("size", parent.size)?,
            bold: self.flag_or("bold", parent.bold)?,
            leading: self.num_or("leading", parent.leading)?,
        })
    }

    /// The `align` attribute.
    pub(super) fn align(&self, default: Align) -> Result<Align, PdfError> {
        match self.attribute("align") {
            None => Ok(default),
            Some("left") => Ok(Align::Left),
            Some("center") => Ok(Align::Center),
            Some("right") => Ok(Align::Right),
            Some("justify") => Ok(Align::Justify),
            Some(v) => Err(self.err(format!("align={v:?}: left, center, right or justify"))),
        }
    }

    /// The `valign` attribute.
    pub(super) fn valign(&self, default: VAlign) -> Result<VAlign, PdfError> {
        match self.attribute("valign") {
            None => Ok(default),
            Some("middle") => Ok(VAlign::Middle),
            Some("top") => Ok(VAlign::Top),
            Some("bottom") => Ok(VAlign::Bottom),
            Some(v) => Err(self.err(format!("valign={v:?}: top, middle or bottom"))),
        }
    }
}

/// Up to four numbers of a list that `ok` accepts, and how many numbers the list has; or the
/// first part that is not such a number.
fn numbers(v: &str, ok: impl Fn(f32) -> bool) -> Result<([f32; 4], usize), &str> {
    let mut nums = [0.0; 4];
    let mut count = 0;
    for p in v.split_whitespace() {
        let n = number(p).filter(|n| ok(*n)).ok_or(p)?;
        if let Some(slot) = nums.get_mut(count) {
            *slot = n;
        }
        count += 1;
    }
    Ok((nums, count))
}

/// Edges from 1, 2 or 4 numbers in CSS order; `None` for another count.
fn edges((nums, count): ([f32; 4], usize)) -> Option<Edges> {
    let [a, b, c, d] = nums;
    match count {
        1 => Some(Edges {
            top: a,
            right: a,
            bottom: a,
            left: a,
        }),
        2 => Some(Edges {
            top: a,
            right: b,
            bottom: a,
            left: b,
        }),
        4 => Some(Edges {
            top: a,
            right: b,
            bottom: c,
            left: d,
        }),
        _ => None,
    }
}

/// `s` read as `str::parse::<f32>` reads it. A plain decimal (`-`, then at most 7 digits with
/// at most one point: every length a template writes) is read without the general parser:
/// its digits as an integer below 2^24 and a power of ten up to 10^7 are exact in `f32`, so
/// one division rounds once, correctly, as the general parser does.
pub(super) fn number(s: &str) -> Option<f32> {
    /// Powers of ten, exact in `f32`.
    const TENS: [f32; 8] = [1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6, 1e7];
    let bytes = s.as_bytes();
    let (negative, digits) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, bytes),
    };
    let mut mantissa = 0_u32;
    let mut count = 0;
    let mut point = None;
    let mut i = 0;
    while i < digits.len() {
        match digits[i] {
            d @ b'0'..=b'9' if count < 7 => {
                mantissa = mantissa * 10 + u32::from(d - b'0');
                count += 1;
            }
            b'.' if point.is_none() => point = Some(i),
            _ => return s.parse().ok(),
        }
        i += 1;
    }
    if count == 0 {
        return s.parse().ok();
    }
    let decimals = point.map_or(0, |p| digits.len() - p - 1);
    // Below 10^7 < 2^24: exact in f32.
    let value = mantissa as f32 / TENS[decimals];
    Some(if negative { -value } else { value })
}
