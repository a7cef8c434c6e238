//! The fonts of a page as the text needs them: how a string's bytes decode to text
//! (`WinAnsiEncoding` for the exchange's e-form, a `ToUnicode` map for the Type 0 fonts hkret
//! embeds) and how wide each code is, by the `Widths` or `W` arrays. Nothing is drawn or laid out.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Encoding, Object};

use super::MAX_CONTENT;

/// A font as the text needs it: its decoding, code width and glyph widths.
pub(super) struct Font<'a> {
    encoding: Option<Encoding<'a>>,
    /// Whether each code takes two bytes (a Type 0 font).
    pub(super) two_byte: bool,
    widths: BTreeMap<u32, f32>,
    default_width: f32,
}

impl<'a> Font<'a> {
    /// The font of `dict`, read from `doc`.
    pub(super) fn new(dict: &'a Dictionary, doc: &'a Document) -> Self {
        let encoding = dict.get_font_encoding_with_limit(doc, MAX_CONTENT).ok();
        let subtype = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or_default();
        let mut widths = BTreeMap::new();
        if subtype == b"Type0" {
            let descendant = dict
                .get_deref(b"DescendantFonts", doc)
                .and_then(Object::as_array)
                .ok()
                .and_then(|a| a.first())
                .and_then(|d| doc.dereference(d).ok())
                .and_then(|(_, d)| d.as_dict().ok());
            let default_width = descendant
                .and_then(|d| d.get(b"DW").and_then(Object::as_float).ok())
                .unwrap_or(1000.0);
            if let Some(w) =
                descendant.and_then(|d| d.get_deref(b"W", doc).and_then(Object::as_array).ok())
            {
                cid_widths(w, doc, &mut widths);
            }
            return Self {
                encoding,
                two_byte: true,
                widths,
                default_width,
            };
        }
        let first = dict.get(b"FirstChar").and_then(Object::as_i64).unwrap_or(0);
        if let Ok(w) = dict.get_deref(b"Widths", doc).and_then(Object::as_array) {
            for (i, v) in w.iter().enumerate() {
                let code = u32::try_from(first)
                    .unwrap_or(0)
                    .saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
                let width = doc
                    .dereference(v)
                    .ok()
                    .and_then(|(_, v)| v.as_float().ok())
                    .unwrap_or(0.0);
                widths.insert(code, width);
            }
        }
        Self {
            encoding,
            two_byte: false,
            widths,
            default_width: 500.0,
        }
    }

    /// The text of a string and its codes.
    pub(super) fn decode(&self, bytes: &[u8]) -> (String, Vec<u32>) {
        let codes: Vec<u32> = if self.two_byte {
            bytes
                .chunks(2)
                .map(|c| c.iter().fold(0u32, |acc, b| acc * 256 + u32::from(*b)))
                .collect()
        } else {
            bytes.iter().map(|b| u32::from(*b)).collect()
        };
        let text = self
            .encoding
            .as_ref()
            .and_then(|e| Document::decode_text(e, bytes).ok())
            .unwrap_or_else(|| bytes.iter().map(|b| char::from(*b)).collect());
        (text, codes)
    }

    /// The advance of `code`, as a fraction of the font size.
    pub(super) fn width(&self, code: u32) -> f32 {
        self.widths
            .get(&code)
            .copied()
            .unwrap_or(self.default_width)
            / 1000.0
    }
}

/// Reads a `W` array: `c [w1 w2 ...]` and `c1 c2 w` groups.
fn cid_widths(w: &[Object], doc: &Document, out: &mut BTreeMap<u32, f32>) {
    let num = |o: &Object| doc.dereference(o).ok().and_then(|(_, o)| o.as_float().ok());
    let mut i = 0;
    while i < w.len() {
        let Some(first) = num(&w[i]) else { return };
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a glyph id"
        )]
        let first = first as u32;
        match w.get(i + 1).map(|o| doc.dereference(o).map(|(_, o)| o)) {
            Some(Ok(Object::Array(list))) => {
                for (k, v) in list.iter().enumerate() {
                    if let Some(v) = num(v) {
                        out.insert(
                            first.saturating_add(u32::try_from(k).unwrap_or(u32::MAX)),
                            v,
                        );
                    }
                }
                i += 2;
            }
            Some(Ok(_)) => {
                let (Some(last), Some(v)) =
                    (w.get(i + 1).and_then(num), w.get(i + 2).and_then(num))
                else {
                    return;
                };
                #[allow(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "a glyph id"
                )]
                let last = last as u32;
                for code in first..=last.min(first.saturating_add(65_535)) {
                    out.insert(code, v);
                }
                i += 3;
            }
            _ => return,
        }
    }
}
