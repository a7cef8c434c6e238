//! The common subsets of the Latin faces, and the three subsets of the symbol face (the tick,
//! the bullet, both), as committed in `fonts/common/`: the two streams of each that cost most
//! to make (the subset font program, without hinting, and the `ToUnicode` map, both compressed)
//! built ahead of time, so that a process rendering one return does not subset and compress the
//! same fonts again (about 5 million instructions for the Latin faces, 1.2 million for the
//! symbols).
//!
//! They are a cache, never a second source of truth: a file is used only when it was made from
//! the same glyphs (its subset tag) of the same font file (the font's whole-file checksum), and
//! otherwise the subset is built as for any other document. A test builds them again and
//! compares byte for byte; `HKRET_BLESS=1` rewrites them (after a change of the fonts, of
//! `COMMON`, of the unhinting, of subsetter or of the compression level).
//!
//! Format: the six-letter subset tag, the font's `checkSumAdjustment` (4 bytes, big-endian), the
//! program's length before compression (`Length1`) and after (4 bytes each), the compressed
//! program, then the compressed `ToUnicode` map to the end.

use skrifa::FontRef;
use skrifa::raw::TableProvider;

use crate::render::pdf::fonts::{Face, FontId};

/// Liberation Sans Regular's common subset.
static REGULAR: &[u8] = include_bytes!("../../../../fonts/common/LiberationSans-Regular.bin");
/// Liberation Sans Bold's common subset.
static BOLD: &[u8] = include_bytes!("../../../../fonts/common/LiberationSans-Bold.bin");
/// hkret Symbols' subsets: its first glyph, its second, both.
static SYMBOLS: [&[u8]; 3] = [
    include_bytes!("../../../../fonts/common/HkretSymbols-1.bin"),
    include_bytes!("../../../../fonts/common/HkretSymbols-2.bin"),
    include_bytes!("../../../../fonts/common/HkretSymbols-3.bin"),
];

/// A common subset's expensive streams, ready to embed.
pub(super) struct Prebuilt {
    /// The compressed subset program.
    pub(super) program: &'static [u8],
    /// The program's length before compression.
    pub(super) length: usize,
    /// The compressed `ToUnicode` map.
    pub(super) to_unicode: &'static [u8],
}

/// The files of `face_id`'s ready-made subsets (none for the Chinese face, whose text differs
/// from return to return).
fn files(face_id: FontId) -> &'static [&'static [u8]] {
    match face_id {
        FontId::Regular => std::slice::from_ref(&REGULAR),
        FontId::Bold => std::slice::from_ref(&BOLD),
        FontId::Symbol => &SYMBOLS,
        FontId::Cjk => &[],
    }
}

/// The whole-file checksum of a font (its `head` table's `checkSumAdjustment`).
fn checksum(face: &Face) -> Option<u32> {
    let font = FontRef::new(face.bytes).ok()?;
    Some(font.head().ok()?.checksum_adjustment())
}

/// Four bytes at `at`, big-endian.
fn number(bytes: &[u8], at: usize) -> Option<u32> {
    let four: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
    Some(u32::from_be_bytes(four))
}

/// The committed subset of `face_id` made from the glyphs `tag` names and from `face` as it is
/// now, if there is one. The caller vouches that the glyphs stand for the characters the
/// subset was made with (the common characters, or the symbol face's own).
pub(super) fn common(face_id: FontId, face: &Face, tag: &str) -> Option<Prebuilt> {
    let sum = checksum(face)?;
    let bytes = files(face_id)
        .iter()
        .find(|b| b.get(..6) == Some(tag.as_bytes()) && number(b, 6) == Some(sum))?;
    let length = usize::try_from(number(bytes, 10)?).ok()?;
    let compressed = usize::try_from(number(bytes, 14)?).ok()?;
    let program = bytes.get(18..18 + compressed)?;
    let to_unicode = bytes.get(18 + compressed..)?;
    Some(Prebuilt {
        program,
        length,
        to_unicode,
    })
}

/// The file for a common subset (what [`common`] reads).
#[cfg(test)]
fn encode(tag: &str, face: &Face, program: &[u8], length: usize, to_unicode: &[u8]) -> Vec<u8> {
    let mut out = tag.as_bytes().to_vec();
    for n in [
        checksum(face).expect("checksum"),
        u32::try_from(length).expect("small"),
        u32::try_from(program.len()).expect("small"),
    ] {
        out.extend(n.to_be_bytes());
    }
    out.extend(program);
    out.extend(to_unicode);
    out
}

#[cfg(test)]
mod tests {
    use super::{common, encode, files};
    use crate::render::pdf::fonts::{FontId, face};
    use crate::render::pdf::write::embed::{build, common_usage, symbol_usage, tag};

    #[test]
    fn the_committed_common_subsets_are_what_the_writer_builds() {
        let bless = std::env::var_os("HKRET_BLESS").is_some_and(|v| v == "1");
        let symbols = (1..=3).map(|mask| {
            (
                FontId::Symbol,
                format!("HkretSymbols-{mask}"),
                symbol_usage(mask).expect("usage"),
                mask - 1,
            )
        });
        let latin = [
            (FontId::Regular, "LiberationSans-Regular"),
            (FontId::Bold, "LiberationSans-Bold"),
        ]
        .map(|(id, name)| (id, name.to_owned(), common_usage(id).expect("usage"), 0));
        for (face_id, name, usage, which) in latin.into_iter().chain(symbols) {
            let f = face(face_id).expect("face");
            let glyphs: Vec<u16> = usage.keys().copied().collect();
            let built = build(face_id, &usage, None).expect("built");
            let (program, length, to_unicode) = built.streams();
            let want = encode(&tag(face_id, &glyphs), f, program, length, to_unicode);
            if bless {
                let path = format!("{}/fonts/common/{name}.bin", env!("CARGO_MANIFEST_DIR"));
                std::fs::write(&path, &want).expect("written");
                continue;
            }
            assert!(
                files(face_id)[which] == want,
                "fonts/common/{name}.bin is not the subset the writer builds now; \
                 HKRET_BLESS=1 cargo test --release --lib committed_common rewrites it"
            );
            let prebuilt = common(face_id, f, &tag(face_id, &glyphs)).expect("used");
            assert_eq!((prebuilt.program, prebuilt.length), (program, length));
            // A different set of glyphs does not take it.
            assert!(common(face_id, f, "AAAAAA").is_none());
        }
    }
}
