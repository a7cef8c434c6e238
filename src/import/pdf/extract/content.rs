//! The interpreter of a page's content stream: the text state and matrices (`BT`, `Tf`, `Tm`,
//! `Td`, `TD`, `T*`, `TL`, `Tc`, `Tw`, `Tz`, `Tj`, `TJ`, `'`, `"`), the graphics state stack and
//! `cm`, and the straight lines and rectangles of table rules. Each string shown becomes a
//! [`Run`], each straight segment a [`Rule`]; every other operator is passed over.

use std::collections::BTreeMap;

use lopdf::Object;

use super::font::Font;
use super::{Pages, Rule, Run};

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

/// Reads the operations of page `page` into its runs and rules.
pub(super) fn page_runs(
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
