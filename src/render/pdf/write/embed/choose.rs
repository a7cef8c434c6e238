//! Which subset of a face a document gets: a Latin face's common subset, shared by every
//! document whose text stays inside it, or one of its own with the common characters and its
//! own; one of the symbol face's three subsets, each made once per process; or, for the
//! Chinese face, a subset of just what the document uses.

use std::sync::{Arc, OnceLock};

use super::build::{build, tag};
use super::{Embedded, Usage};
use crate::render::pdf::error::PdfError;
use crate::render::pdf::fonts::{Face, FontId, face};
use crate::render::pdf::write::prebuilt;

/// The characters of a face's common subset: printable ASCII and the punctuation of the form
/// (its bullets are ．, in the symbol face).
pub(super) const COMMON: &str = concat!(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`",
    "abcdefghijklmnopqrstuvwxyz{|}~",
    "\u{a0}\u{2018}\u{2019}\u{201c}\u{201d}\u{2013}\u{2014}\u{2026}\u{2192}",
);

/// The font to embed for `face`, given the glyphs the document uses in it (those of the
/// face's common subset may be left out).
///
/// # Errors
/// [`PdfError::Font`] or [`PdfError::Write`] if the embedded font cannot be read or subset.
pub(in crate::render::pdf::write) fn embed(
    face_id: FontId,
    used: &Usage,
) -> Result<Arc<Embedded>, PdfError> {
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
pub(in crate::render::pdf::write) fn common(
    face_id: FontId,
) -> Result<Option<Arc<Embedded>>, PdfError> {
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
pub(in crate::render::pdf::write) fn glyph(f: &Face, ch: char) -> Option<u16> {
    f.glyph_advance(ch)
        .and_then(|(g, _)| u16::try_from(g.to_u32()).ok())
}

/// Records that `glyph` draws `ch`. Where several characters share a glyph the lowest is kept,
/// so that the same text always gets the same `ToUnicode` map.
pub(in crate::render::pdf::write) fn record(usage: &mut Usage, glyph: u16, ch: char) {
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
pub(in crate::render::pdf::write) fn symbol_usage(mask: usize) -> Result<Usage, PdfError> {
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
pub(in crate::render::pdf::write) fn common_usage(face_id: FontId) -> Result<Usage, PdfError> {
    let f = face(face_id)?;
    let mut usage = Usage::new();
    for ch in COMMON.chars() {
        if let Some(g) = glyph(f, ch) {
            record(&mut usage, g, ch);
        }
    }
    Ok(usage)
}

#[cfg(test)]
mod tests {
    use super::super::Usage;
    use super::{COMMON, common_usage, embed, glyph};
    use crate::render::pdf::fonts::{FontId, face};
    use crate::render::pdf::write::ops::Code;

    fn usage(face_id: FontId, text: &str) -> Usage {
        let f = face(face_id).expect("face");
        text.chars()
            .filter_map(|ch| glyph(f, ch).map(|g| (g, ch)))
            .collect()
    }

    #[test]
    fn the_ascii_table_gives_what_the_character_map_and_subset_give() {
        let accented = usage(FontId::Regular, "Caf\u{e9} \u{2014} d\u{e9}j\u{e0} vu ~");
        for (face_id, used) in [
            (
                FontId::Regular,
                common_usage(FontId::Regular).expect("usage"),
            ),
            (FontId::Bold, common_usage(FontId::Bold).expect("usage")),
            (FontId::Regular, accented),
        ] {
            let e = embed(face_id, &used).expect("embeds");
            let f = face(face_id).expect("face");
            for b in 0..128u8 {
                let want = glyph(f, char::from(b))
                    .and_then(|g| e.cid(g))
                    .map(Code::new);
                assert_eq!(e.ascii_code(b), want, "{face_id:?} {b}");
            }
        }
    }

    #[test]
    fn the_common_subsets_have_every_printable_ascii_character() {
        // `content::usage` skips ASCII texts on the strength of this.
        assert!((' '..='~').all(|c| COMMON.contains(c)));
        for face_id in [FontId::Regular, FontId::Bold] {
            let usage = common_usage(face_id).expect("usage");
            let f = face(face_id).expect("face");
            for c in ' '..='~' {
                let g = glyph(f, c).expect("a glyph");
                assert!(usage.contains_key(&g), "{face_id:?} {c:?}");
            }
        }
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
}
