//! The embedded fonts: Liberation Sans regular and bold (the official form's font), hkret
//! Symbols (the form's tick ✔ and the bullet ．, two glyphs) and Noto Sans TC as the fallback
//! for Chinese. Each is parsed once per process, on first use; the 7 MB Chinese font is only
//! touched when some text has a character the others lack, so the common case never pays for
//! it.
//!
//! Gives glyph ids and advance widths to the layout (text is measured from the real
//! fonts) and the same faces to the writer. No I/O: the bytes are in the binary.

use std::sync::OnceLock;

use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, GlyphId, MetadataProvider};

use crate::render::pdf::error::PdfError;

/// Which embedded face a piece of text is set in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FontId {
    /// Liberation Sans Regular.
    Regular,
    /// Liberation Sans Bold.
    Bold,
    /// hkret Symbols: the tick ✔ and the bullet ．, glyphs of Noto Sans Symbols 2 and Noto
    /// Sans SC (`fonts/README.md`), for both weights.
    Symbol,
    /// Noto Sans TC Regular (Chinese fallback, also for bold text).
    Cjk,
}

impl FontId {
    /// Short name used in layout dumps and as the font's resource name: `R`, `B`, `S` or `C`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Regular => "R",
            Self::Bold => "B",
            Self::Symbol => "S",
            Self::Cjk => "C",
        }
    }
}

/// In the Latin faces, characters below this (ASCII) are looked up once, when the face is
/// loaded: they are nearly all the text of a return, and a table is much cheaper than the
/// font's character map. The table stops there because building it is paid by every process:
/// up to U+024F it took 592 look-ups a face, 0.3 million instructions for the two, where the
/// few accented letters a return may have cost a look-up each. The symbol and Chinese faces
/// have no table: they are asked only for what the Latin face lacks.
const CACHED: u32 = 0x80;

/// A parsed face: character map, advances and the writer's handle.
pub(crate) struct Face {
    /// Glyph and advance (ems) of each character below the face's limit ([`CACHED`] in the
    /// Latin faces, none in the others); glyph 0 for none.
    table: Vec<(GlyphId, f32)>,
    /// Character to glyph mapping.
    charmap: skrifa::charmap::Charmap<'static>,
    /// Unscaled horizontal metrics.
    metrics: GlyphMetrics<'static>,
    /// Design units per em.
    upem: f32,
    /// The font file.
    pub(crate) bytes: &'static [u8],
    /// Its PostScript name, the base of its name in the PDF.
    pub(crate) postscript_name: &'static str,
}

impl Face {
    /// Parses `bytes`, with a table of the characters below `cached`; `None` if they are not a
    /// usable font.
    fn load(bytes: &'static [u8], postscript_name: &'static str, cached: u32) -> Option<Self> {
        let font = FontRef::new(bytes).ok()?;
        let upem = f32::from(
            font.metrics(Size::unscaled(), LocationRef::default())
                .units_per_em,
        );
        let mut face = Self {
            table: Vec::new(),
            charmap: font.charmap(),
            metrics: font.glyph_metrics(Size::unscaled(), LocationRef::default()),
            upem,
            bytes,
            postscript_name,
        };
        face.table = (0..cached)
            .map(|c| {
                let glyph = char::from_u32(c)
                    .and_then(|ch| face.lookup(ch))
                    .unwrap_or(GlyphId::NOTDEF);
                (glyph, face.advance(glyph))
            })
            .collect();
        Some(face)
    }

    /// The glyph for `ch` from the character map (glyph 0, `.notdef`, counts as none).
    fn lookup(&self, ch: char) -> Option<GlyphId> {
        self.charmap.map(ch).filter(|g| g.to_u32() != 0)
    }

    /// The glyph for `ch` and its advance in ems, if the face has it.
    #[inline]
    pub(crate) fn glyph_advance(&self, ch: char) -> Option<(GlyphId, f32)> {
        match self.table.get(ch as usize) {
            Some(&(glyph, advance)) => (glyph.to_u32() != 0).then_some((glyph, advance)),
            None => self.lookup(ch).map(|g| (g, self.advance(g))),
        }
    }

    /// The glyph for `ch`, if the face has one (glyph 0, `.notdef`, counts as none).
    #[cfg(test)]
    pub(crate) fn glyph(&self, ch: char) -> Option<GlyphId> {
        self.glyph_advance(ch).map(|(g, _)| g)
    }

    /// Advance width of `glyph` in ems.
    pub(crate) fn advance(&self, glyph: GlyphId) -> f32 {
        self.metrics.advance_width(glyph).unwrap_or(0.0) / self.upem
    }
}

/// Liberation Sans Regular, 2.1.5.
static REGULAR_TTF: &[u8] = include_bytes!("../../../fonts/LiberationSans-Regular.ttf");
/// Liberation Sans Bold, 2.1.5.
static BOLD_TTF: &[u8] = include_bytes!("../../../fonts/LiberationSans-Bold.ttf");
/// hkret Symbols 1.000: ✔ and ．.
static SYMBOL_TTF: &[u8] = include_bytes!("../../../fonts/HkretSymbols-Regular.ttf");
/// Noto Sans TC Regular.
static CJK_TTF: &[u8] = include_bytes!("../../../fonts/NotoSansTC-Regular.ttf");

/// Parsed faces, filled on first use.
static REGULAR: OnceLock<Option<Face>> = OnceLock::new();
/// See [`REGULAR`].
static BOLD: OnceLock<Option<Face>> = OnceLock::new();
/// See [`REGULAR`].
static SYMBOL: OnceLock<Option<Face>> = OnceLock::new();
/// See [`REGULAR`].
static CJK: OnceLock<Option<Face>> = OnceLock::new();

/// The face `id`, parsed on first use.
///
/// # Errors
/// [`PdfError::Font`] if the embedded bytes cannot be parsed (a broken build).
pub(crate) fn face(id: FontId) -> Result<&'static Face, PdfError> {
    let (cell, bytes, name, postscript) = match id {
        FontId::Regular => (
            &REGULAR,
            REGULAR_TTF,
            "LiberationSans-Regular.ttf",
            "LiberationSans",
        ),
        FontId::Bold => (
            &BOLD,
            BOLD_TTF,
            "LiberationSans-Bold.ttf",
            "LiberationSans-Bold",
        ),
        FontId::Symbol => (
            &SYMBOL,
            SYMBOL_TTF,
            "HkretSymbols-Regular.ttf",
            "HkretSymbols",
        ),
        FontId::Cjk => (
            &CJK,
            CJK_TTF,
            "NotoSansTC-Regular.ttf",
            "NotoSansTC-Regular",
        ),
    };
    let cached = match id {
        FontId::Regular | FontId::Bold => CACHED,
        FontId::Symbol | FontId::Cjk => 0,
    };
    cell.get_or_init(|| Face::load(bytes, postscript, cached))
        .as_ref()
        .ok_or(PdfError::Font(name))
}

/// Whether the Chinese face has been parsed in this process (for tests and benchmarks).
pub fn cjk_loaded() -> bool {
    CJK.get().is_some()
}

/// The faces that set text of one weight, in the order they are asked for a character: the
/// Latin face of that weight if it has the character, else the symbol face, else the Chinese
/// fallback. The symbol face comes before the Chinese one so that the bullet ． (which both
/// have, drawn alike) never brings a Chinese subset into an English return. The Latin face is
/// found once, for a whole text: it sets nearly every character.
pub(crate) struct Faces {
    /// The Latin face's id.
    latin_id: FontId,
    /// The Latin face.
    latin: &'static Face,
}

impl Faces {
    /// The faces of bold or regular text.
    ///
    /// # Errors
    /// [`PdfError::Font`] if an embedded font is broken.
    pub(crate) fn new(bold: bool) -> Result<Self, PdfError> {
        let latin_id = if bold { FontId::Bold } else { FontId::Regular };
        Ok(Self {
            latin_id,
            latin: face(latin_id)?,
        })
    }

    /// The face, glyph and advance (ems) that set `ch`; `None` if no face has it. Asked for
    /// every character a return prints: inlined, so that a Latin character costs a table look-up.
    ///
    /// # Errors
    /// [`PdfError::Font`] if an embedded font is broken.
    #[inline]
    pub(crate) fn resolve(&self, ch: char) -> Result<Option<(FontId, GlyphId, f32)>, PdfError> {
        if let Some((g, advance)) = self.latin.glyph_advance(ch) {
            return Ok(Some((self.latin_id, g, advance)));
        }
        if let Some((g, advance)) = face(FontId::Symbol)?.glyph_advance(ch) {
            return Ok(Some((FontId::Symbol, g, advance)));
        }
        Ok(face(FontId::Cjk)?
            .glyph_advance(ch)
            .map(|(g, advance)| (FontId::Cjk, g, advance)))
    }
}

/// Ascent and descent of Liberation Sans (from `hhea`: 1854 and 434 per 2048), in ems.
/// Used to put baselines inside line boxes; the Chinese face is set on the same lines.
pub(crate) const ASCENT: f32 = 0.905;
/// See [`ASCENT`].
pub(crate) const DESCENT: f32 = 0.212;

#[cfg(test)]
mod tests {
    use super::{Faces, FontId, face};

    fn resolve(ch: char, bold: bool) -> Option<(FontId, u32, f32)> {
        Faces::new(bold)
            .expect("fonts")
            .resolve(ch)
            .expect("fonts")
            .map(|(f, g, a)| (f, g.to_u32(), a))
    }

    #[test]
    fn latin_advances_match_arial_metrics() {
        let f = face(FontId::Regular).expect("regular");
        let g = f.glyph('0').expect("digit zero");
        assert!((f.advance(g) - 0.556).abs() < 0.001);
        let b = face(FontId::Bold).expect("bold");
        assert!((b.advance(b.glyph('M').expect("M")) - 0.833).abs() < 0.001);
    }

    #[test]
    fn chinese_falls_back_and_unknown_is_none() {
        let (id, _, _) = resolve('月', false).expect("has 月");
        assert_eq!(id, FontId::Cjk);
        assert_eq!(resolve('A', true).map(|(f, _, _)| f), Some(FontId::Bold));
        assert_eq!(resolve('\u{10FFFD}', false), None);
    }

    #[test]
    fn the_tick_and_the_bullet_come_from_the_symbol_face_in_both_weights() {
        for ch in ['\u{2714}', '\u{FF0E}'] {
            for bold in [false, true] {
                let (id, _, _) = resolve(ch, bold).expect("has it");
                assert_eq!(id, FontId::Symbol, "{ch:?}");
            }
        }
        let f = face(FontId::Symbol).expect("symbol");
        assert!((f.advance(f.glyph('\u{FF0E}').expect("．")) - 1.0).abs() < 1e-6);
        assert!((f.advance(f.glyph('\u{2714}').expect("✔")) - 0.829).abs() < 1e-6);
        assert_eq!(f.glyph('A'), None, "only its two symbols");
    }

    #[test]
    fn cached_glyphs_agree_with_the_character_map() {
        for id in [FontId::Regular, FontId::Bold, FontId::Symbol, FontId::Cjk] {
            let f = face(id).expect("face");
            for c in 0..0x300 {
                let Some(ch) = char::from_u32(c) else {
                    continue;
                };
                let direct = f.lookup(ch).map(|g| (g, f.advance(g)));
                assert_eq!(f.glyph_advance(ch), direct, "{id:?} U+{c:04X}");
            }
        }
    }
}
