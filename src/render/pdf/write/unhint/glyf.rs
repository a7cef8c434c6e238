//! The `glyf` and `loca` tables without the instructions of any glyph: simple glyphs lose
//! their instruction bytes, composite glyphs the flag that says instructions follow their last
//! component (and the instructions themselves). The outlines and the glyph order stay.

use super::{u16_at, u32_at};

/// Composite glyph flags (`glyf` table, OpenType specification).
mod flag {
    /// The arguments are 16-bit words, not bytes.
    pub(super) const WORDS: u16 = 0x0001;
    /// One scale for both axes follows.
    pub(super) const SCALE: u16 = 0x0008;
    /// Another component follows this one.
    pub(super) const MORE: u16 = 0x0020;
    /// Separate x and y scales follow.
    pub(super) const XY_SCALE: u16 = 0x0040;
    /// A 2×2 transform follows.
    pub(super) const TWO_BY_TWO: u16 = 0x0080;
    /// Instructions follow the last component.
    pub(super) const INSTRUCTIONS: u16 = 0x0100;
}

/// New `loca` and `glyf` tables with every glyph's instructions removed; `long` is the
/// `loca` format (32-bit offsets rather than halved 16-bit ones).
pub(super) fn strip_glyphs(
    loca: &[u8],
    glyf: &[u8],
    glyphs: usize,
    long: bool,
) -> Option<(Vec<u8>, Vec<u8>)> {
    let offset = |i: usize| -> Option<usize> {
        if long {
            usize::try_from(u32_at(loca, 4 * i)?).ok()
        } else {
            Some(2 * usize::from(u16_at(loca, 2 * i)?))
        }
    };
    let mut new_glyf = Vec::with_capacity(glyf.len());
    let mut starts = Vec::with_capacity(glyphs + 1);
    for i in 0..glyphs {
        starts.push(new_glyf.len());
        let glyph = glyf.get(offset(i)?..offset(i + 1)?)?;
        if !glyph.is_empty() {
            strip_glyph(glyph, &mut new_glyf)?;
            new_glyf.resize(new_glyf.len().next_multiple_of(2), 0);
        }
    }
    starts.push(new_glyf.len());
    let mut new_loca = Vec::with_capacity(starts.len() * if long { 4 } else { 2 });
    for start in starts {
        if long {
            new_loca.extend_from_slice(&u32::try_from(start).ok()?.to_be_bytes());
        } else {
            new_loca.extend_from_slice(&u16::try_from(start / 2).ok()?.to_be_bytes());
        }
    }
    Some((new_loca, new_glyf))
}

/// Appends `glyph` to `out` without its instructions.
fn strip_glyph(glyph: &[u8], out: &mut Vec<u8>) -> Option<()> {
    let contours = i16::from_be_bytes(glyph.get(0..2)?.try_into().ok()?);
    if let Ok(contours) = usize::try_from(contours) {
        // Simple glyph: header, contour ends, instructions (length first), then the points.
        let length_at = 10 + 2 * contours;
        let instructions = usize::from(u16_at(glyph, length_at)?);
        out.extend_from_slice(glyph.get(..length_at)?);
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(glyph.get(length_at + 2 + instructions..)?);
        return Some(());
    }
    // Composite glyph: components, each flags, glyph id, arguments and transform; the
    // instructions, if any, after the last.
    let start = out.len();
    let mut at = 10;
    loop {
        let flags = u16_at(glyph, at)?;
        let arguments = if flags & flag::WORDS != 0 { 4 } else { 2 };
        let transform = if flags & flag::TWO_BY_TWO != 0 {
            8
        } else if flags & flag::XY_SCALE != 0 {
            4
        } else if flags & flag::SCALE != 0 {
            2
        } else {
            0
        };
        let end = at + 4 + arguments + transform;
        out.extend_from_slice(glyph.get(if at == 10 { 0 } else { at }..end)?);
        let flags_at = out.len() - (end - at);
        out.get_mut(flags_at..flags_at + 2)?
            .copy_from_slice(&(flags & !flag::INSTRUCTIONS).to_be_bytes());
        at = end;
        if flags & flag::MORE == 0 {
            break;
        }
    }
    (out.len() > start).then_some(())
}

#[cfg(test)]
mod tests {
    use super::strip_glyph;
    use crate::render::pdf::write::unhint::unhint;

    #[test]
    fn a_simple_glyph_loses_its_instructions_and_keeps_its_points() {
        // One contour ending at point 2, three instruction bytes, then flags and coordinates.
        let glyph = [
            0, 1, 0, 0, 0, 0, 0, 9, 0, 9, 0, 2, 0, 3, 0xB0, 0xB1, 0xB2, 1, 1, 1, 7, 8,
        ];
        let mut out = Vec::new();
        strip_glyph(&glyph, &mut out).expect("well formed");
        assert_eq!(
            out,
            [0, 1, 0, 0, 0, 0, 0, 9, 0, 9, 0, 2, 0, 0, 1, 1, 1, 7, 8]
        );
    }

    #[test]
    fn a_composite_glyph_loses_its_instructions_and_keeps_its_components() {
        // Two components: the first with word arguments and a scale, more to come; the
        // second with byte arguments and instructions after it.
        let first = [0x01, 0x29, 0, 5, 0, 1, 0, 2, 0x40, 0];
        let second = [0x01, 0x00, 0, 6, 3, 4];
        let mut glyph = vec![0xFF, 0xFF, 0, 0, 0, 0, 0, 9, 0, 9];
        glyph.extend_from_slice(&first);
        glyph.extend_from_slice(&second);
        glyph.extend_from_slice(&[0, 2, 0xB0, 0xB1]);
        let mut out = Vec::new();
        strip_glyph(&glyph, &mut out).expect("well formed");
        let mut expected = glyph[..10].to_vec();
        expected.extend_from_slice(&[0x00, 0x29, 0, 5, 0, 1, 0, 2, 0x40, 0]);
        expected.extend_from_slice(&[0x00, 0x00, 0, 6, 3, 4]);
        assert_eq!(out, expected);
    }

    #[test]
    fn a_glyph_that_runs_past_its_end_is_refused() {
        let glyph = [0, 1, 0, 0, 0, 0, 0, 9, 0, 9, 0, 2, 0, 200, 0xB0];
        assert!(strip_glyph(&glyph, &mut Vec::new()).is_none());
        assert!(unhint(&[0, 1, 0, 0, 0, 9]).is_err());
    }
}
