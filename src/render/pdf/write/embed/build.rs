//! A face subset to the glyphs a document uses and prepared for the PDF: the font program
//! without its hinting, its widths, `ToUnicode` map and `CIDSet`, the descriptor's figures,
//! and the tag that names the subset.

use pdf_writer::Rect;
use sha2::{Digest, Sha256};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, GlyphId};
use subsetter::GlyphRemapper;

use super::{Embedded, Metrics, Usage};
use crate::render::pdf::error::PdfError;
use crate::render::pdf::fonts::{Face, FontId, face};
use crate::render::pdf::write::deflate::deflate;
use crate::render::pdf::write::ops::Code;
use crate::render::pdf::write::prebuilt::Prebuilt;
use crate::render::pdf::write::tounicode::to_unicode;
use crate::render::pdf::write::unhint::unhint;

/// Subsets `face_id` to the glyphs of `usage` (and `.notdef`) and prepares everything the PDF
/// needs of it, compressed; with `ready`, the font program and `ToUnicode` map are taken from it
/// instead of being made (the committed common subsets).
pub(in crate::render::pdf::write) fn build(
    face_id: FontId,
    usage: &Usage,
    ready: Option<Prebuilt>,
) -> Result<Embedded, PdfError> {
    let f = face(face_id)?;
    let glyphs: Vec<u16> = usage.keys().copied().collect();
    let remapper = GlyphRemapper::new_from_glyphs_sorted(&glyphs);
    let mut to_cid = vec![0; glyphs.last().map_or(0, |&g| usize::from(g) + 1)];
    let mut widths = Vec::with_capacity(glyphs.len() + 1);
    for (cid, old) in remapper.remapped_gids().enumerate() {
        if let (Some(slot), Ok(cid)) = (to_cid.get_mut(usize::from(old)), u16::try_from(cid)) {
            *slot = cid;
        }
        // In tenths of a unit: within 0.05 of the font program's own advance (PDF/A asks
        // for agreement within one unit), and half the digits.
        widths.push(f.advance(GlyphId::new(u32::from(old))) * 1000.0);
    }
    let (program, to_unicode) = match ready {
        Some(ready) => (
            (ready.program.to_vec(), ready.length),
            ready.to_unicode.to_vec(),
        ),
        None => {
            let subset = subsetter::subset(f.bytes, 0, &remapper)
                .map_err(|e| PdfError::Write(format!("subsetting {}: {e}", f.postscript_name)))?;
            let subset = unhint(&subset)?;
            let mut pairs: Vec<(u16, char)> = usage
                .iter()
                .filter_map(|(&old, &ch)| Some((*to_cid.get(usize::from(old))?, ch)))
                .collect();
            pairs.sort_unstable();
            (
                (deflate(&subset)?, subset.len()),
                deflate(&to_unicode(&pairs))?,
            )
        }
    };
    let mut embedded = Embedded {
        ascii: [Code::default(); 128],
        name: format!("{}+{}", tag(face_id, &glyphs), f.postscript_name),
        program,
        to_unicode,
        cid_set: cid_set(widths.len()),
        widths,
        to_cid,
        metrics: metrics(face_id, f)?,
    };
    embedded.ascii = std::array::from_fn(|b| {
        char::from_u32(b as u32)
            .and_then(|ch| embedded.code(f, ch))
            .unwrap_or_default()
    });
    Ok(embedded)
}

/// The six capital letters that mark a subset: a hash of its glyphs, so that the same subset
/// always gets the same name and different ones practically never do.
pub(in crate::render::pdf::write) fn tag(face_id: FontId, glyphs: &[u16]) -> String {
    let mut hash = Sha256::new();
    hash.update(face_id.code());
    for g in glyphs {
        hash.update(g.to_be_bytes());
    }
    hash.finalize()
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

/// A `CIDSet` naming CIDs `0..count`: one bit each, first CID in the high bit.
fn cid_set(count: usize) -> Vec<u8> {
    let mut bits = vec![0xFF; count / 8];
    if !count.is_multiple_of(8) {
        bits.push(0xFF << (8 - count % 8));
    }
    bits
}

/// The descriptor's figures for a face, from its tables.
fn metrics(face_id: FontId, f: &Face) -> Result<Metrics, PdfError> {
    let font = FontRef::new(f.bytes).map_err(|_| PdfError::Font(f.postscript_name))?;
    let m = skrifa::metrics::Metrics::new(&font, Size::unscaled(), LocationRef::default());
    let scale = 1000.0 / f32::from(m.units_per_em.max(1));
    let bbox = m.bounds.map_or(Rect::new(0.0, 0.0, 0.0, 0.0), |b| {
        Rect::new(
            b.x_min * scale,
            b.y_min * scale,
            b.x_max * scale,
            b.y_max * scale,
        )
    });
    Ok(Metrics {
        bbox,
        ascent: m.ascent * scale,
        descent: m.descent * scale,
        cap_height: m.cap_height.unwrap_or(m.ascent) * scale,
        italic_angle: m.italic_angle,
        stem_v: if face_id == FontId::Bold { 140.0 } else { 80.0 },
    })
}

#[cfg(test)]
mod tests {
    use super::cid_set;
    #[test]
    fn cid_sets_have_one_bit_per_cid() {
        assert_eq!(cid_set(8), [0xFF]);
        assert_eq!(cid_set(11), [0xFF, 0xE0]);
        assert_eq!(cid_set(1), [0x80]);
    }
}
