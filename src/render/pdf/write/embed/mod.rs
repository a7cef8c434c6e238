//! The fonts as a PDF embeds them: each face a subset (`CIDFontType2`, glyphs addressed by
//! their id in the subset), with its widths, a `ToUnicode` map so that text extracts as it was
//! given, and the `CIDSet` that PDF/A-1 asks of subset fonts.
//!
//! Subsetting and compressing a font is most of the cost of writing a return, and nearly
//! every return sets its Latin text in the same few characters. So each Latin face has a
//! *common subset*, the characters of [`COMMON`](choose::COMMON), made once per process (its font program and
//! `ToUnicode` map taken ready-made from `fonts/common/`, see `prebuilt`) and shared by every
//! document whose text stays inside it; a document that needs more gets its own subset of the
//! common characters and its own. The symbol face has no common subset but few enough glyphs
//! that each of its three subsets is made once per process (ready-made too). A document's
//! bytes depend on that document alone.

use std::collections::BTreeMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};

use crate::render::pdf::fonts::Face;
use crate::render::pdf::write::ops::Code;

mod build;
mod choose;

#[cfg(test)]
pub(super) use build::{build, tag};
pub(super) use choose::{common, embed, glyph, record};
#[cfg(test)]
pub(super) use choose::{common_usage, symbol_usage};

/// The glyphs a document uses in one face, each with the character it stands for (the lowest
/// code point, where several map to one glyph).
pub(super) type Usage = BTreeMap<u16, char>;

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
    /// The code of each ASCII character as a content stream shows it, empty where the subset
    /// lacks it: most texts are ASCII, and this is one look-up a character instead of the
    /// face's character map, `to_cid` and escaping.
    ascii: [Code; 128],
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

    /// The code of character `ch` of face `f` as a content stream shows it, if the subset has
    /// its glyph.
    pub(super) fn code(&self, f: &Face, ch: char) -> Option<Code> {
        glyph(f, ch).and_then(|g| self.cid(g)).map(Code::new)
    }

    /// The code of ASCII character `b` (below 128) as shown, if the subset has it: [`code`]
    /// made once for each.
    ///
    /// [`code`]: Embedded::code
    pub(super) fn ascii_code(&self, b: u8) -> Option<Code> {
        self.ascii
            .get(usize::from(b))
            .copied()
            .filter(|c| c.is_some())
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
