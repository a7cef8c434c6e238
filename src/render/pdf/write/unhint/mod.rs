//! Takes out of a TrueType font program what a PDF never reads: the hinting (the `fpgm`,
//! `prep` and `cvt ` tables and the instructions of every glyph), the glyph names of `post`,
//! and the `name` records other than the notices. Hinting bends outlines to the pixel grid of
//! a screen at small sizes; it is half of Liberation Sans' bytes, PDF viewers mostly ignore it
//! (`MuPDF` and poppler render without it by default) and a printer never needs it. Glyph
//! names are for fonts addressed by name; a PDF addresses a subset's glyphs by number and
//! extracts text through its `ToUnicode` map. Of `name`, the family, style, copyright and
//! licence records stay: the font still says what it is and under what terms it may be used.
//! The outlines, metrics and glyph order stay exactly as they were.
//!
//! A font whose outlines are not TrueType (`glyf`) is returned as it is.
//!
//! Works on the well-formed fonts `subsetter` writes: a table directory, `head`, `maxp`,
//! `loca` and `glyf`. Anything else it finds malformed is refused, never guessed at.

use crate::render::pdf::error::PdfError;

mod glyf;

use glyf::strip_glyphs;

/// Tables that only hinting uses, dropped whole.
const HINTING: [&[u8; 4]; 7] = [
    b"fpgm", b"prep", b"cvt ", b"hdmx", b"LTSH", b"VDMX", b"gasp",
];

/// The `name` records kept: copyright (0), family (1), style (2), licence (13) and its address
/// (14).
const NOTICES: [u16; 5] = [0, 1, 2, 13, 14];

/// `font` without its hinting.
///
/// # Errors
/// [`PdfError::Write`] if the font's tables are not where its directory says, or a glyph runs
/// past its end.
pub(super) fn unhint(font: &[u8]) -> Result<Vec<u8>, PdfError> {
    unhint_tables(font).ok_or_else(|| PdfError::Write("a font subset is malformed".into()))
}

/// A big-endian `u16` at `at`.
fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

/// A big-endian `u32` at `at`.
fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

/// The sum of `data` as big-endian `u32` words, zero-padded: a table's checksum.
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, word| {
        let mut padded = [0; 4];
        padded[..word.len()].copy_from_slice(word);
        sum.wrapping_add(u32::from_be_bytes(padded))
    })
}

/// See [`unhint`]; `None` where the font is malformed.
fn unhint_tables(font: &[u8]) -> Option<Vec<u8>> {
    let count = usize::from(u16_at(font, 4)?);
    let mut tables: Vec<([u8; 4], Vec<u8>)> = Vec::with_capacity(count);
    for i in 0..count {
        let record = 12 + 16 * i;
        let tag: [u8; 4] = font.get(record..record + 4)?.try_into().ok()?;
        let offset = usize::try_from(u32_at(font, record + 8)?).ok()?;
        let length = usize::try_from(u32_at(font, record + 12)?).ok()?;
        if !HINTING.contains(&&tag) {
            tables.push((tag, font.get(offset..offset.checked_add(length)?)?.to_vec()));
        }
    }
    let find =
        |tables: &[([u8; 4], Vec<u8>)], tag: &[u8; 4]| tables.iter().position(|(t, _)| t == tag);
    if find(&tables, b"glyf").is_none() {
        // Outlines in CFF: their hints are not instructions, and stay.
        return Some(font.to_vec());
    }
    let head = find(&tables, b"head")?;
    let long = u16_at(&tables[head].1, 50)? != 0;
    let maxp = find(&tables, b"maxp")?;
    let glyphs = usize::from(u16_at(&tables[maxp].1, 4)?);
    let (loca, glyf) = (find(&tables, b"loca")?, find(&tables, b"glyf")?);
    let (new_loca, new_glyf) = strip_glyphs(&tables[loca].1, &tables[glyf].1, glyphs, long)?;
    tables[loca].1 = new_loca;
    tables[glyf].1 = new_glyf;
    // maxp 1.0: no twilight points, storage, functions, instruction definitions, stack or
    // instructions any more; one zone.
    if let Some(limits) = tables[maxp].1.get_mut(14..28) {
        limits.fill(0);
        limits[1] = 1;
    }
    if let Some(post) = find(&tables, b"post") {
        tables[post].1 = post_without_names(&tables[post].1)?;
    }
    if let Some(name) = find(&tables, b"name") {
        tables[name].1 = notices(&tables[name].1)?;
    }
    tables[head].1.get_mut(8..12)?.fill(0);
    let mut out = assemble(font.get(0..4)?, &tables)?;
    let adjustment = 0xB1B0_AFBA_u32.wrapping_sub(checksum(&out));
    let head_offset = usize::try_from(u32_at(&out, 12 + 16 * head + 8)?).ok()?;
    out.get_mut(head_offset + 8..head_offset + 12)?
        .copy_from_slice(&adjustment.to_be_bytes());
    Some(out)
}

/// A `post` table of version 3: the same header, no glyph names.
fn post_without_names(post: &[u8]) -> Option<Vec<u8>> {
    let mut out = post.get(..32)?.to_vec();
    out[..4].copy_from_slice(&0x0003_0000_u32.to_be_bytes());
    Some(out)
}

/// A `name` table (format 0) with only the records of [`NOTICES`]; another format as it is.
fn notices(name: &[u8]) -> Option<Vec<u8>> {
    if u16_at(name, 0)? != 0 {
        return Some(name.to_vec());
    }
    let count = usize::from(u16_at(name, 2)?);
    let storage = name.get(usize::from(u16_at(name, 4)?)..)?;
    let mut records = Vec::new();
    let mut strings = Vec::new();
    for i in 0..count {
        let record = name.get(6 + 12 * i..18 + 12 * i)?;
        if !NOTICES.contains(&u16_at(record, 6)?) {
            continue;
        }
        let (length, offset) = (
            usize::from(u16_at(record, 8)?),
            usize::from(u16_at(record, 10)?),
        );
        records.extend_from_slice(&record[..8]);
        records.extend_from_slice(&u16::try_from(length).ok()?.to_be_bytes());
        records.extend_from_slice(&u16::try_from(strings.len()).ok()?.to_be_bytes());
        strings.extend_from_slice(storage.get(offset..offset.checked_add(length)?)?);
    }
    let kept = u16::try_from(records.len() / 12).ok()?;
    let mut out = Vec::with_capacity(6 + records.len() + strings.len());
    out.extend_from_slice(&0u16.to_be_bytes());
    out.extend_from_slice(&kept.to_be_bytes());
    out.extend_from_slice(&u16::try_from(6 + records.len()).ok()?.to_be_bytes());
    out.extend_from_slice(&records);
    out.extend_from_slice(&strings);
    Some(out)
}

/// A font file of `tables` (in the order given, which is the directory's, sorted by tag).
fn assemble(version: &[u8], tables: &[([u8; 4], Vec<u8>)]) -> Option<Vec<u8>> {
    let count = u16::try_from(tables.len()).ok()?;
    let selector = u16::try_from(count.max(1).ilog2()).ok()?;
    let range = 16 * (1u16 << selector);
    let mut out = Vec::with_capacity(tables.iter().map(|(_, t)| t.len() + 19).sum::<usize>() + 12);
    out.extend_from_slice(version);
    for field in [count, range, selector, (16 * count).checked_sub(range)?] {
        out.extend_from_slice(&field.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    for (tag, data) in tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&u32::try_from(offset).ok()?.to_be_bytes());
        out.extend_from_slice(&u32::try_from(data.len()).ok()?.to_be_bytes());
        offset += data.len().next_multiple_of(4);
    }
    for (_, data) in tables {
        out.extend_from_slice(data);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::{NOTICES, checksum, u16_at, unhint};
    use crate::render::pdf::fonts::{FontId, face};

    /// The tags of a font's tables.
    fn tags(font: &[u8]) -> Vec<String> {
        let count = usize::from(u16_at(font, 4).expect("count"));
        (0..count)
            .map(|i| String::from_utf8_lossy(&font[12 + 16 * i..16 + 16 * i]).into_owned())
            .collect()
    }

    /// Every glyph's outline, as the pen commands that draw it unhinted, and its advance.
    fn outlines(font: &[u8]) -> Vec<(String, Option<f32>)> {
        use skrifa::MetadataProvider;
        use skrifa::instance::{LocationRef, Size};
        use skrifa::outline::{DrawSettings, OutlinePen};
        use skrifa::raw::TableProvider;
        use std::fmt::Write;
        struct Pen(String);
        impl OutlinePen for Pen {
            fn move_to(&mut self, x: f32, y: f32) {
                let _ = write!(self.0, "M{x},{y}");
            }
            fn line_to(&mut self, x: f32, y: f32) {
                let _ = write!(self.0, "L{x},{y}");
            }
            fn quad_to(&mut self, a: f32, b: f32, x: f32, y: f32) {
                let _ = write!(self.0, "Q{a},{b},{x},{y}");
            }
            fn curve_to(&mut self, a: f32, b: f32, c: f32, d: f32, x: f32, y: f32) {
                let _ = write!(self.0, "C{a},{b},{c},{d},{x},{y}");
            }
            fn close(&mut self) {
                self.0.push('Z');
            }
        }
        let font = skrifa::FontRef::new(font).expect("a font");
        let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
        let glyphs = font.outline_glyphs();
        (0..u32::from(font.maxp().expect("maxp").num_glyphs()))
            .map(|g| {
                let g = skrifa::GlyphId::new(g);
                let mut pen = Pen(String::new());
                if let Some(outline) = glyphs.get(g) {
                    let settings = DrawSettings::unhinted(Size::unscaled(), LocationRef::default());
                    outline.draw(settings, &mut pen).expect("draws");
                }
                (pen.0, metrics.advance_width(g))
            })
            .collect()
    }

    #[test]
    fn liberation_sans_keeps_every_outline_and_advance_and_sums_correctly() {
        use skrifa::raw::TableProvider;
        for id in [FontId::Regular, FontId::Bold] {
            let hinted = face(id).expect("face").bytes;
            let plain = unhint(hinted).expect("unhinted");
            assert!(
                plain.len() * 10 < hinted.len() * 8,
                "{} of {}",
                plain.len(),
                hinted.len()
            );
            for gone in ["fpgm", "prep", "cvt "] {
                assert!(tags(hinted).iter().any(|t| t == gone), "{gone} was there");
                assert!(!tags(&plain).iter().any(|t| t == gone), "{gone} is gone");
            }
            // A whole font's checksum, with head's adjustment, is the magic number.
            assert_eq!(checksum(&plain), 0xB1B0_AFBA);
            let font = skrifa::FontRef::new(&plain).expect("font");
            assert_eq!(
                font.maxp().expect("maxp").max_size_of_instructions(),
                Some(0)
            );
            let (before, after) = (outlines(hinted), outlines(&plain));
            assert!(before.len() > 2000);
            assert_eq!(before, after);
            let font = skrifa::FontRef::new(&plain).expect("font");
            assert_eq!(
                font.post().expect("post").version().to_major_minor(),
                (3, 0)
            );
            let names = font.name().expect("name");
            let mut ids: Vec<u16> = names
                .name_record()
                .iter()
                .map(|r| r.name_id().to_u16())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids, NOTICES, "{id:?}");
            let copyright = names
                .name_record()
                .iter()
                .find(|r| r.name_id().to_u16() == 0 && r.platform_id() == 3)
                .and_then(|r| r.string(names.string_data()).ok())
                .map(|s| s.chars().collect::<String>());
            assert!(
                copyright.is_some_and(|c| c.contains("Red Hat")),
                "the copyright notice stays"
            );
        }
    }
}
