//! The text of a PDF with its positions, read with lopdf: every string shown on a page becomes a
//! [`Run`] at its place (points from the page's bottom left), with the width its glyphs take.
//!
//! Only what a return's PDF uses is interpreted: the text state and matrices (`BT`, `Tf`, `Tm`,
//! `Td`, `TD`, `T*`, `TL`, `Tc`, `Tw`, `Tz`, `Tj`, `TJ`, `'`, `"`), the graphics state stack and
//! `cm`. Fonts are decoded by their encoding (`WinAnsiEncoding` for the exchange's e-form, a `ToUnicode` map
//! for the Type 0 fonts hkret embeds) and measured by their `Widths` or `W` arrays.

use std::collections::BTreeMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object};

/// The most a page's content may decompress to (a return's page is a few tens of kilobytes).
const MAX_CONTENT: usize = 16 * 1024 * 1024;
/// The most pages a return is read for (a published return has about ten).
pub(crate) const MAX_PAGES: usize = 500;

/// A string shown on a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    /// 1-based page.
    pub(crate) page: u32,
    /// Left edge.
    pub(crate) x0: f32,
    /// Right edge.
    pub(crate) x1: f32,
    /// Baseline, from the page's bottom.
    pub(crate) y: f32,
    /// The font's size on the page.
    pub(crate) size: f32,
    /// The text.
    pub(crate) text: String,
}

/// A straight rule drawn on a page: a table's cell border (a rectangle's side or a line).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rule {
    /// 1-based page.
    pub(crate) page: u32,
    /// Whether it runs up the page (else across).
    pub(crate) vertical: bool,
    /// Its position across its direction: x of a vertical rule, y of a horizontal one.
    pub(crate) at: f32,
    /// Where it starts along its direction.
    pub(crate) from: f32,
    /// Where it ends along its direction.
    pub(crate) to: f32,
}

/// The text and the rules of a PDF.
#[derive(Debug, Default)]
pub(crate) struct Pages {
    /// The strings shown.
    pub(crate) runs: Vec<Run>,
    /// The straight rules drawn.
    pub(crate) rules: Vec<Rule>,
    /// How many pages.
    pub(crate) count: u32,
}

/// Why a PDF gives no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// It could not be read as a PDF (truncated, damaged, not a PDF).
    Unreadable(String),
    /// It is encrypted.
    Encrypted,
    /// It has no page, or more than hkret reads.
    Pages(usize),
}

/// A font as the text needs it: its decoding, code width and glyph widths.
struct Font<'a> {
    encoding: Option<Encoding<'a>>,
    two_byte: bool,
    widths: BTreeMap<u32, f32>,
    default_width: f32,
}

impl<'a> Font<'a> {
    fn new(dict: &'a Dictionary, doc: &'a Document) -> Self {
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
    fn decode(&self, bytes: &[u8]) -> (String, Vec<u32>) {
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

    fn width(&self, code: u32) -> f32 {
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

/// A 2-D affine matrix `[a b c d e f]`.
#[derive(Debug, Clone, Copy)]
struct Matrix([f32; 6]);

impl Matrix {
    const IDENTITY: Self = Self([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self` then `other` (PDF's row-vector convention: `self × other`).
    fn then(self, other: Self) -> Self {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Self([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn translate(x: f32, y: f32) -> Self {
        Self([1.0, 0.0, 0.0, 1.0, x, y])
    }
}

/// The numbers of an operation's operands.
fn numbers(operands: &[Object]) -> Vec<f32> {
    operands.iter().filter_map(|o| o.as_float().ok()).collect()
}

/// The runs and rules of every page of `bytes`.
pub(crate) fn read(bytes: &[u8]) -> Result<Pages, Refusal> {
    let doc = Document::load_mem(bytes).map_err(|e| Refusal::Unreadable(e.to_string()))?;
    if doc.is_encrypted() || doc.trailer.get(b"Encrypt").is_ok() {
        return Err(Refusal::Encrypted);
    }
    let pages = doc.get_pages();
    if pages.is_empty() || pages.len() > MAX_PAGES {
        return Err(Refusal::Pages(pages.len()));
    }
    let mut out = Pages {
        count: u32::try_from(pages.len()).unwrap_or(u32::MAX),
        ..Pages::default()
    };
    for (number, id) in pages {
        let content = doc
            .get_page_content_with_limit(id, MAX_CONTENT)
            .map_err(|e| Refusal::Unreadable(format!("page {number}: {e}")))?;
        let Ok(content) = Content::decode(&content) else {
            return Err(Refusal::Unreadable(format!(
                "page {number}: its content cannot be read"
            )));
        };
        let fonts: BTreeMap<Vec<u8>, Font<'_>> = doc
            .get_page_fonts(id)
            .unwrap_or_default()
            .into_iter()
            .map(|(name, dict)| (name, Font::new(dict, &doc)))
            .collect();
        page_runs(number, &content.operations, &fonts, &mut out);
    }
    Ok(out)
}

/// The text state while a page is read.
struct State {
    ctm: Matrix,
    stack: Vec<Matrix>,
    tm: Matrix,
    line: Matrix,
    font: Vec<u8>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
}

fn page_runs(
    page: u32,
    ops: &[lopdf::content::Operation],
    fonts: &BTreeMap<Vec<u8>, Font<'_>>,
    pages: &mut Pages,
) {
    let out = &mut pages.runs;
    let rules = &mut pages.rules;
    let mut at = (0.0f32, 0.0f32);
    let mut s = State {
        ctm: Matrix::IDENTITY,
        stack: Vec::new(),
        tm: Matrix::IDENTITY,
        line: Matrix::IDENTITY,
        font: Vec::new(),
        size: 0.0,
        char_spacing: 0.0,
        word_spacing: 0.0,
        scale: 1.0,
        leading: 0.0,
    };
    for op in ops {
        let n = numbers(&op.operands);
        match (op.operator.as_str(), n.as_slice()) {
            ("q", _) => s.stack.push(s.ctm),
            ("Q", _) => s.ctm = s.stack.pop().unwrap_or(Matrix::IDENTITY),
            ("cm", &[a, b, c, d, e, f]) => s.ctm = Matrix([a, b, c, d, e, f]).then(s.ctm),
            ("m", &[x, y]) => at = (x, y),
            ("l", &[x, y]) => {
                add_rule(rules, page, s.ctm, at, (x, y));
                at = (x, y);
            }
            ("re", &[x, y, w, h]) => {
                for (a, b) in [
                    ((x, y), (x + w, y)),
                    ((x + w, y), (x + w, y + h)),
                    ((x, y + h), (x + w, y + h)),
                    ((x, y), (x, y + h)),
                ] {
                    add_rule(rules, page, s.ctm, a, b);
                }
            }
            ("BT", _) => {
                s.tm = Matrix::IDENTITY;
                s.line = Matrix::IDENTITY;
            }
            ("Tf", &[size]) => {
                s.font = op
                    .operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .unwrap_or_default()
                    .to_vec();
                s.size = size;
            }
            ("Tm", &[a, b, c, d, e, f]) => {
                s.tm = Matrix([a, b, c, d, e, f]);
                s.line = s.tm;
            }
            ("Td", &[x, y]) => next_line(&mut s, x, y),
            ("TD", &[x, y]) => {
                s.leading = -y;
                next_line(&mut s, x, y);
            }
            ("T*", _) => {
                let l = -s.leading;
                next_line(&mut s, 0.0, l);
            }
            ("TL", &[l]) => s.leading = l,
            ("Tc", &[c]) => s.char_spacing = c,
            ("Tw", &[w]) => s.word_spacing = w,
            ("Tz", &[z]) => s.scale = z / 100.0,
            ("Tj", _) => show(&mut s, page, op.operands.first(), fonts, out),
            ("'", _) => {
                let l = -s.leading;
                next_line(&mut s, 0.0, l);
                show(&mut s, page, op.operands.first(), fonts, out);
            }
            ("\"", &[w, c, ..]) => {
                s.word_spacing = w;
                s.char_spacing = c;
                let l = -s.leading;
                next_line(&mut s, 0.0, l);
                show(&mut s, page, op.operands.get(2), fonts, out);
            }
            ("TJ", _) => {
                let Some(Object::Array(items)) = op.operands.first() else {
                    continue;
                };
                for item in items {
                    match item {
                        Object::String(..) => show(&mut s, page, Some(item), fonts, out),
                        other => {
                            if let Ok(k) = other.as_float() {
                                let dx = -k / 1000.0 * s.size * s.scale;
                                s.tm = Matrix::translate(dx, 0.0).then(s.tm);
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// Records the segment from `a` to `b` (user space) when it runs straight across or up the page.
fn add_rule(rules: &mut Vec<Rule>, page: u32, ctm: Matrix, a: (f32, f32), b: (f32, f32)) {
    let p = |(x, y): (f32, f32)| {
        let m = Matrix::translate(x, y).then(ctm);
        (m.0[4], m.0[5])
    };
    let ((x0, y0), (x1, y1)) = (p(a), p(b));
    if (x0 - x1).abs() < 0.5 && (y0 - y1).abs() >= 1.0 {
        rules.push(Rule {
            page,
            vertical: true,
            at: x0,
            from: y0.min(y1),
            to: y0.max(y1),
        });
    } else if (y0 - y1).abs() < 0.5 && (x0 - x1).abs() >= 1.0 {
        rules.push(Rule {
            page,
            vertical: false,
            at: y0,
            from: x0.min(x1),
            to: x0.max(x1),
        });
    }
}

fn next_line(s: &mut State, x: f32, y: f32) {
    s.line = Matrix::translate(x, y).then(s.line);
    s.tm = s.line;
}

/// Shows one string: records its run and advances the text matrix.
fn show(
    s: &mut State,
    page: u32,
    operand: Option<&Object>,
    fonts: &BTreeMap<Vec<u8>, Font<'_>>,
    out: &mut Vec<Run>,
) {
    let Some(bytes) = operand.and_then(|o| o.as_str().ok()) else {
        return;
    };
    let Some(font) = fonts.get(&s.font) else {
        return;
    };
    let (text, codes) = font.decode(bytes);
    let mut advance = 0.0;
    for code in &codes {
        let mut w = font.width(*code) * s.size + s.char_spacing;
        if !font.two_byte && *code == 32 {
            w += s.word_spacing;
        }
        advance += w * s.scale;
    }
    let start = s.tm.then(s.ctm);
    let end = Matrix::translate(advance, 0.0).then(s.tm).then(s.ctm);
    let height = Matrix([0.0, 0.0, 0.0, s.size, 0.0, 0.0])
        .then(s.tm)
        .then(s.ctm);
    let size = (height.0[2].powi(2) + height.0[3].powi(2)).sqrt();
    s.tm = Matrix::translate(advance, 0.0).then(s.tm);
    if text.trim().is_empty() {
        return;
    }
    let (x0, x1) = if start.0[4] <= end.0[4] {
        (start.0[4], end.0[4])
    } else {
        (end.0[4], start.0[4])
    };
    out.push(Run {
        page,
        x0,
        x1,
        y: start.0[5],
        size,
        text,
    });
}
