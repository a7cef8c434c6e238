//! The fonts as a PDF embeds them: each face a subset (`CIDFontType2`, glyphs addressed by
//! their id in the subset), with its widths, a `ToUnicode` map so that text extracts as it was
//! given, and the `CIDSet` that PDF/A-1 asks of subset fonts.
//!
//! Subsetting and compressing a font is most of the cost of writing a return, and nearly
//! every return sets its Latin text in the same few characters. So each Latin face has a
//! *common subset*, the characters of [`COMMON`], made once per process (its font program and
//! `ToUnicode` map taken ready-made from `fonts/common/`, see `prebuilt`) and shared by every
//! document whose text stays inside it; a document that needs more gets its own subset of the
//! common characters and its own. The symbol face has no common subset but few enough glyphs
//! that each of its three subsets is made once per process (ready-made too). A document's
//! bytes depend on that document alone.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use sha2::{Digest, Sha256};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, GlyphId};
use subsetter::GlyphRemapper;

use crate::render::pdf::error::PdfError;
use crate::render::pdf::fonts::{Face, FontId, face};
use crate::render::pdf::write::deflate::deflate;
use crate::render::pdf::write::prebuilt::{self, Prebuilt};
use crate::render::pdf::write::tounicode::to_unicode;
use crate::render::pdf::write::unhint::unhint;

/// The glyphs a document uses in one face, each with the character it stands for (the lowest
/// code point, where several map to one glyph).
pub(super) type Usage = BTreeMap<u16, char>;

/// The characters of a face's common subset: printable ASCII and the punctuation of the form
/// (its bullets are ．, in the symbol face).
const COMMON: &str = concat!(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`",
    "abcdefghijklmnopqrstuvwxyz{|}~",
    "\u{a0}\u{2018}\u{2019}\u{201c}\u{201d}\u{2013}\u{2014}\u{2026}\u{2192}",
);

/// The collection every subset's glyph ids belong to.
const IDENTITY: SystemInfo<'static> = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

/// A font ready to be written into a document.
pub(super) struct Embedded {
    /// Glyph id in the subset (the CID) of each glyph id of the face; 0 where it is absent.
    to_cid: Vec<u16>,
    /// `ABCDEF+PostScriptName`: a tag derived from the subset's glyphs, and the face's name.
    name: String,
    /// The subset font program, compressed, and its length before compression.
    program: (Vec<u8>, usize),
    /// Advance of each CID, in thousandths of an em.
    widths: Vec<f32>,
    /// The `ToUnicode` map, compressed.
    to_unicode: Vec<u8>,
    /// The `CIDSet`, a few bytes, not compressed (compressing would add more than it saves).
    cid_set: Vec<u8>,
    /// What the font descriptor says of the face.
    metrics: Metrics,
}

/// The face-wide figures of a font descriptor, in thousandths of an em.
struct Metrics {
    /// Bounding box of all glyphs.
    bbox: Rect,
    /// Ascent above the baseline.
    ascent: f32,
    /// Descent below it (negative).
    descent: f32,
    /// Height of capitals.
    cap_height: f32,
    /// Slant, degrees.
    italic_angle: f32,
    /// Dominant vertical stem width (estimated from the weight).
    stem_v: f32,
}

impl Embedded {
    /// The CID of glyph `old` of the face, if the subset has it.
    pub(super) fn cid(&self, old: u16) -> Option<u16> {
        self.to_cid
            .get(usize::from(old))
            .copied()
            .filter(|&c| c != 0)
    }

    /// The compressed font program, its length before compression, and the compressed
    /// `ToUnicode` map.
    #[cfg(test)]
    pub(super) fn streams(&self) -> (&[u8], usize, &[u8]) {
        (&self.program.0, self.program.1, &self.to_unicode)
    }

    /// Roughly how many bytes the font's objects take in the file.
    pub(super) fn size(&self) -> usize {
        self.program.0.len() + self.to_unicode.len() + 8 * self.widths.len() + 512
    }

    /// Writes the font's objects; returns the reference of its `Type0` font dictionary.
    /// A `ToUnicode` map or `CIDSet` already in `shared` (another face's, with the same
    /// bytes: the common subsets have the same characters in the same order) is referred to
    /// rather than written again.
    pub(super) fn write<'f>(
        &'f self,
        pdf: &mut Pdf,
        next: &mut impl FnMut() -> Ref,
        shared: &mut Shared<'f>,
    ) -> Ref {
        let [type0, cid, descriptor, program] = [(); 4].map(|()| next());
        let to_unicode = shared.find(&self.to_unicode).unwrap_or_else(|| {
            let id = next();
            pdf.cmap(id, &self.to_unicode).filter(Filter::FlateDecode);
            shared.0.push((&self.to_unicode, id));
            id
        });
        let cid_set = shared.find(&self.cid_set).unwrap_or_else(|| {
            let id = next();
            pdf.stream(id, &self.cid_set);
            shared.0.push((&self.cid_set, id));
            id
        });
        let name = Name(self.name.as_bytes());
        pdf.type0_font(type0)
            .base_font(name)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid)
            .to_unicode(to_unicode);
        let mut font = pdf.cid_font(cid);
        font.subtype(CidFontType::Type2)
            .base_font(name)
            .system_info(IDENTITY)
            .font_descriptor(descriptor)
            .default_width(0.0)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        font.widths().consecutive(0, self.widths.iter().copied());
        font.finish();
        let m = &self.metrics;
        pdf.font_descriptor(descriptor)
            .name(name)
            .flags(FontFlags::SYMBOLIC)
            .bbox(m.bbox)
            .italic_angle(m.italic_angle)
            .ascent(m.ascent)
            .descent(m.descent)
            .cap_height(m.cap_height)
            .stem_v(m.stem_v)
            .font_file2(program)
            .cid_set(cid_set);
        let (bytes, length) = &self.program;
        pdf.stream(program, bytes)
            .filter(Filter::FlateDecode)
            .pair(Name(b"Length1"), i32::try_from(*length).unwrap_or(i32::MAX));
        type0
    }
}

/// The streams a document's fonts have written so far, by their (compressed) bytes.
#[derive(Default)]
pub(super) struct Shared<'f>(Vec<(&'f [u8], Ref)>);

impl Shared<'_> {
    /// The stream already written with these bytes.
    fn find(&self, bytes: &[u8]) -> Option<Ref> {
        self.0.iter().find(|(b, _)| *b == bytes).map(|&(_, id)| id)
    }
}

/// The font to embed for `face`, given the glyphs the document uses in it (those of the
/// face's common subset may be left out).
///
/// # Errors
/// [`PdfError::Font`] or [`PdfError::Write`] if the embedded font cannot be read or subset.
pub(super) fn embed(face_id: FontId, used: &Usage) -> Result<Arc<Embedded>, PdfError> {
    if face_id == FontId::Symbol {
        return symbols(used);
    }
    let Some(common) = common(face_id)? else {
        return build(face_id, used, None).map(Arc::new);
    };
    if used.keys().all(|&g| common.cid(g).is_some()) {
        return Ok(common);
    }
    let mut all = common_usage(face_id)?;
    for (&g, &ch) in used {
        record(&mut all, g, ch);
    }
    build(face_id, &all, None).map(Arc::new)
}

/// The common subset of a face, built on first use; `None` for the Chinese face, which has
/// none (Chinese text differs from return to return), and for the symbol face, whose every
/// subset is shared ([`symbols`]).
///
/// # Errors
/// As [`embed`].
pub(super) fn common(face_id: FontId) -> Result<Option<Arc<Embedded>>, PdfError> {
    static REGULAR: OnceLock<Result<Arc<Embedded>, String>> = OnceLock::new();
    static BOLD: OnceLock<Result<Arc<Embedded>, String>> = OnceLock::new();
    let cell = match face_id {
        FontId::Regular => &REGULAR,
        FontId::Bold => &BOLD,
        FontId::Symbol | FontId::Cjk => return Ok(None),
    };
    cell.get_or_init(|| {
        common_usage(face_id)
            .and_then(|usage| {
                let glyphs: Vec<u16> = usage.keys().copied().collect();
                let ready = prebuilt::common(face_id, face(face_id)?, &tag(face_id, &glyphs));
                build(face_id, &usage, ready)
            })
            .map(Arc::new)
            .map_err(|e| e.to_string())
    })
    .clone()
    .map(Some)
    .map_err(PdfError::Write)
}

/// The glyph that draws `ch` in `f`, as the two-byte id of a PDF font program.
pub(super) fn glyph(f: &Face, ch: char) -> Option<u16> {
    f.glyph_advance(ch)
        .and_then(|(g, _)| u16::try_from(g.to_u32()).ok())
}

/// Records that `glyph` draws `ch`. Where several characters share a glyph the lowest is kept,
/// so that the same text always gets the same `ToUnicode` map.
pub(super) fn record(usage: &mut Usage, glyph: u16, ch: char) {
    usage
        .entry(glyph)
        .and_modify(|c| *c = (*c).min(ch))
        .or_insert(ch);
}

/// The characters of the symbol face: the tick and the bullet.
const SYMBOLS: [char; 2] = ['\u{2714}', '\u{ff0e}'];

/// The subset of the symbol face with the glyphs of `used`: the tick, the bullet or both (a
/// 1.0.x return has no tick), each made on first use (from `fonts/common/` when `used` is
/// what the ready-made subset was made of) and shared by every document that uses the same
/// glyphs for the same characters.
///
/// # Errors
/// As [`embed`].
fn symbols(used: &Usage) -> Result<Arc<Embedded>, PdfError> {
    static SUBSETS: [OnceLock<Result<Arc<Embedded>, String>>; 4] = [const { OnceLock::new() }; 4];
    // The face's glyphs are 1 and 2 (0 is .notdef): one bit each.
    let mask = used.keys().try_fold(0, |mask, &g| {
        (1..=2).contains(&g).then(|| mask | 1 << (g - 1))
    });
    let shared = mask.filter(|&m| symbol_usage(m).is_ok_and(|u| u == *used));
    let Some(cell) = shared.and_then(|m: usize| SUBSETS.get(m)) else {
        return build(FontId::Symbol, used, None).map(Arc::new);
    };
    cell.get_or_init(|| {
        let glyphs: Vec<u16> = used.keys().copied().collect();
        face(FontId::Symbol)
            .and_then(|f| {
                let ready = prebuilt::common(FontId::Symbol, f, &tag(FontId::Symbol, &glyphs));
                build(FontId::Symbol, used, ready)
            })
            .map(Arc::new)
            .map_err(|e| e.to_string())
    })
    .clone()
    .map_err(PdfError::Write)
}

/// The symbol face's glyphs named by `mask` (bit 0: glyph 1, bit 1: glyph 2), each with the
/// character of [`SYMBOLS`] it draws.
///
/// # Errors
/// [`PdfError::Write`] if a glyph of `mask` draws none of them.
pub(super) fn symbol_usage(mask: usize) -> Result<Usage, PdfError> {
    let f = face(FontId::Symbol)?;
    let mut usage = Usage::new();
    for ch in SYMBOLS {
        if let Some(g) = glyph(f, ch).filter(|&g| (1..=2).contains(&g) && mask & 1 << (g - 1) != 0)
        {
            record(&mut usage, g, ch);
        }
    }
    if usage.len() != mask.count_ones() as usize {
        return Err(PdfError::Write(format!(
            "the symbol face has no character for a glyph of subset {mask}"
        )));
    }
    Ok(usage)
}

/// The glyphs of [`COMMON`] in `face_id`.
pub(super) fn common_usage(face_id: FontId) -> Result<Usage, PdfError> {
    let f = face(face_id)?;
    let mut usage = Usage::new();
    for ch in COMMON.chars() {
        if let Some(g) = glyph(f, ch) {
            record(&mut usage, g, ch);
        }
    }
    Ok(usage)
}

/// Subsets `face_id` to the glyphs of `usage` (and `.notdef`) and prepares everything the PDF
/// needs of it, compressed; with `ready`, the font program and `ToUnicode` map are taken from it
/// instead of being made (the committed common subsets).
pub(super) fn build(
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
    Ok(Embedded {
        name: format!("{}+{}", tag(face_id, &glyphs), f.postscript_name),
        program,
        to_unicode,
        cid_set: cid_set(widths.len()),
        widths,
        to_cid,
        metrics: metrics(face_id, f)?,
    })
}

/// The six capital letters that mark a subset: a hash of its glyphs, so that the same subset
/// always gets the same name and different ones practically never do.
pub(super) fn tag(face_id: FontId, glyphs: &[u16]) -> String {
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
    use super::{COMMON, Usage, cid_set, common_usage, embed, glyph};
    use crate::render::pdf::fonts::{FontId, face};

    fn usage(face_id: FontId, text: &str) -> Usage {
        let f = face(face_id).expect("face");
        text.chars()
            .filter_map(|ch| glyph(f, ch).map(|g| (g, ch)))
            .collect()
    }

    #[test]
    fn ascii_text_shares_the_common_subset() {
        let a = embed(FontId::Regular, &usage(FontId::Regular, "Moon Inc. 1,000")).expect("a");
        let b = embed(FontId::Regular, &usage(FontId::Regular, "{other} ~ text")).expect("b");
        assert!(std::sync::Arc::ptr_eq(&a, &b));
        for ch in COMMON.chars() {
            let f = face(FontId::Regular).expect("face");
            let g = glyph(f, ch).expect("Liberation Sans has the common set");
            assert!(a.cid(g).is_some(), "{ch:?}");
        }
    }

    #[test]
    fn other_text_gets_a_subset_of_its_own_with_the_common_glyphs() {
        let common = embed(FontId::Bold, &common_usage(FontId::Bold).expect("usage")).expect("c");
        let own = embed(FontId::Bold, &usage(FontId::Bold, "Société Générale")).expect("own");
        assert!(!std::sync::Arc::ptr_eq(&common, &own));
        assert_ne!(own.name, common.name);
        assert_eq!(
            own.widths.len(),
            common.widths.len() + 1,
            "one glyph more: é"
        );
        let f = face(FontId::Bold).expect("face");
        for ch in "Sé A".chars() {
            let g = glyph(f, ch).expect("glyph");
            assert!(own.cid(g).is_some(), "{ch:?}");
        }
    }

    #[test]
    fn chinese_is_subset_to_what_is_used() {
        let used = usage(FontId::Cjk, "月亮有限公司");
        let font = embed(FontId::Cjk, &used).expect("cjk");
        assert_eq!(font.widths.len(), used.len() + 1, "the glyphs and .notdef");
        assert!(font.widths[1..].iter().all(|&w| w == 1000.0));
        assert!(font.name.ends_with("+NotoSansTC-Regular"));
    }

    #[test]
    fn the_symbol_face_is_subset_to_what_is_used_and_each_subset_shared() {
        let bullet = embed(FontId::Symbol, &usage(FontId::Symbol, "\u{ff0e}")).expect("．");
        let both = embed(FontId::Symbol, &usage(FontId::Symbol, "\u{2714}\u{ff0e}")).expect("both");
        assert_eq!(bullet.widths.len(), 2, ".notdef and ．");
        assert_eq!(both.widths.len(), 3, ".notdef, ✔ and ．");
        assert!(both.name.ends_with("+HkretSymbols"));
        let again = embed(FontId::Symbol, &usage(FontId::Symbol, "\u{ff0e}\u{ff0e}")).expect("．");
        assert!(std::sync::Arc::ptr_eq(&bullet, &again));
        assert!(!std::sync::Arc::ptr_eq(&bullet, &both));
    }

    #[test]
    fn cid_sets_have_one_bit_per_cid() {
        assert_eq!(cid_set(8), [0xFF]);
        assert_eq!(cid_set(11), [0xFF, 0xE0]);
        assert_eq!(cid_set(1), [0x80]);
    }
}
