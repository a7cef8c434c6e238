//! The line breaking itself: the inline content set in its fonts and cut into atoms (words,
//! single Chinese characters, held together where Chinese punctuation may not begin or end a
//! line), spaces and forced breaks, then filled into lines greedily.

use super::Line;
use crate::render::pdf::doc::Inline;
use crate::render::pdf::error::PdfError;
use crate::render::pdf::fonts::FontId;
use crate::render::pdf::text::{Set, runs, set_into};

/// A token of the inline stream; atoms index into the characters as set.
enum Token {
    /// A word or a single Chinese character, never broken unless it alone overflows a line:
    /// its characters and its width in ems.
    Atom(std::ops::Range<usize>, f32),
    /// A break opportunity that prints as a space of this width (ems).
    Space(Set),
    /// A forced line break.
    Break,
}

/// [`wrap_first`](super::wrap_first), without looking for the lines among the recently wrapped
/// texts.
pub(super) fn wrap_uncached(
    inlines: &[Inline],
    size: f32,
    first: f32,
    max: f32,
) -> Result<Vec<Line>, PdfError> {
    let ems = |w: f32| if size > 0.0 { w / size } else { f32::INFINITY };
    let (first_em, rest_em) = (ems(first), ems(max));
    let (chars, tokens) = tokens(inlines)?;
    // The lines' characters one after another, and where each line ends among them (with
    // whether a forced break ends it): one buffer rather than a vector per line.
    let mut placed: Vec<Set> = Vec::with_capacity(chars.len() + tokens.len());
    let mut ends: Vec<(usize, bool)> = Vec::new();
    let mut start = 0;
    let mut cur_w = 0.0_f32;
    let mut space: Option<Set> = None;
    for token in &tokens {
        match token {
            Token::Break => {
                ends.push((placed.len(), true));
                start = placed.len();
                cur_w = 0.0;
                space = None;
            }
            Token::Space(s) => space = (placed.len() > start).then_some(*s),
            Token::Atom(range, width) => {
                let max_em = if ends.is_empty() { first_em } else { rest_em };
                let sw = space.map_or(0.0, |s| s.advance);
                if placed.len() > start && cur_w + sw + width > max_em + 1e-4 {
                    ends.push((placed.len(), false));
                    start = placed.len();
                    cur_w = 0.0;
                    space = None;
                }
                if let Some(s) = space.take().filter(|_| placed.len() > start) {
                    placed.push(s);
                    cur_w += s.advance;
                }
                for &c in &chars[range.clone()] {
                    // Only a word longer than a whole line gets here with an overflow.
                    let max_em = if ends.is_empty() { first_em } else { rest_em };
                    if placed.len() > start && cur_w + c.advance > max_em + 1e-4 {
                        ends.push((placed.len(), false));
                        start = placed.len();
                        cur_w = 0.0;
                    }
                    placed.push(c);
                    cur_w += c.advance;
                }
            }
        }
    }
    if !tokens.is_empty() && (placed.len() > start || ends.is_empty()) {
        ends.push((placed.len(), false));
    }
    let count = ends.len();
    let mut from = 0;
    Ok(ends
        .into_iter()
        .enumerate()
        .map(|(i, (end, forced))| {
            let chars = placed.get(from..end).unwrap_or_default();
            from = end;
            Line {
                runs: runs(chars, size, 0.0),
                width: chars.iter().map(|c| c.advance).sum::<f32>() * size,
                last: i + 1 == count || forced,
            }
        })
        .collect())
}

/// Sets the inline content and splits it into atoms, spaces and breaks.
fn tokens(inlines: &[Inline]) -> Result<(Vec<Set>, Vec<Token>), PdfError> {
    let length: usize = inlines
        .iter()
        .map(|i| match i {
            Inline::Text { text, .. } => text.len(),
            Inline::Break => 0,
        })
        .sum();
    let mut chars = Vec::with_capacity(length);
    let mut out = Vec::new();
    let mut text_set = Vec::with_capacity(length);
    for inline in inlines {
        let Inline::Text { text, bold, line } = inline else {
            out.push(Token::Break);
            continue;
        };
        let mut word = chars.len();
        text_set.clear();
        set_into(text, *bold, *line, &mut text_set)?;
        for &s in &text_set {
            if s.ch == ' ' {
                flush(&chars, &mut word, &mut out);
                out.push(Token::Space(s));
            } else if s.font == FontId::Cjk {
                flush(&chars, &mut word, &mut out);
                chars.push(s);
                push_atom(&chars, &mut out, word..chars.len(), s.advance);
                word = chars.len();
            } else {
                chars.push(s);
            }
        }
        flush(&chars, &mut word, &mut out);
    }
    Ok((chars, out))
}

/// Whether `ch` is a full-width punctuation mark that may not begin a line (the line-start
/// rule of Chinese typesetting): full stop, commas, colon, semicolon, closing brackets.
fn closes_line(ch: char) -> bool {
    matches!(
        ch,
        '。' | '，' | '、' | '；' | '：' | '！' | '？' | '」' | '』' | '）' | '》' | '〉' | '】'
    )
}

/// Whether `ch` is a full-width opening bracket, which may not end a line.
fn opens_line(ch: char) -> bool {
    matches!(ch, '「' | '『' | '（' | '《' | '〈' | '【')
}

/// Adds the atom `range` (its width in ems), joined to the atom before it when no line may
/// break between them: after an opening bracket, or before closing punctuation.
fn push_atom(chars: &[Set], out: &mut Vec<Token>, range: std::ops::Range<usize>, width: f32) {
    if let Some(Token::Atom(before, w)) = out.last_mut()
        && before.end == range.start
        && (opens_line(chars[before.end - 1].ch) || closes_line(chars[range.start].ch))
    {
        before.end = range.end;
        *w += width;
        return;
    }
    out.push(Token::Atom(range, width));
}

/// Ends the word that began at `word`, if it has any characters, and starts the next one.
fn flush(chars: &[Set], word: &mut usize, out: &mut Vec<Token>) {
    if *word < chars.len() {
        let range = *word..chars.len();
        let width = chars[range.clone()].iter().map(|c| c.advance).sum();
        push_atom(chars, out, range, width);
    }
    *word = chars.len();
}

#[cfg(test)]
mod tests {
    use crate::render::pdf::doc::Inline;
    use crate::render::pdf::wrap::{Line, wrap};

    fn text(t: &str) -> Vec<Inline> {
        vec![Inline::Text {
            text: t.into(),
            bold: false,
            line: 1,
        }]
    }

    fn strings(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.runs.iter().map(|r| r.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn wraps_at_spaces_within_width() {
        let lines = wrap(&text("Balance at close of preceding month"), 9.0, 80.0).expect("wrap");
        assert_eq!(
            strings(&lines),
            vec!["Balance at close of", "preceding month"]
        );
        assert!(lines.iter().all(|l| l.width <= 80.0));
    }

    #[test]
    fn breaks_overlong_words_and_chinese() {
        let lines = wrap(&text("HK$52,377,600,000,000,000"), 9.0, 40.0).expect("wrap");
        assert!(
            lines.len() > 1 && lines.iter().all(|l| l.width <= 40.0),
            "{lines:?}"
        );
        let zh = wrap(&text("股份發行人的證券變動月報表"), 10.0, 35.0).expect("wrap");
        assert!(
            zh.len() >= 4 && zh.iter().all(|l| l.width <= 35.0),
            "{zh:?}"
        );
        // Three characters a line: the full stop takes the character before it to the next
        // line rather than begin a line alone.
        let stop = strings(&wrap(&text("須提供此資料。"), 10.0, 30.5).expect("wrap"));
        assert_eq!(stop, ["須提供", "此資", "料。"], "{stop:?}");
        // An opening bracket goes to the next line with what it opens.
        let open = strings(&wrap(&text("條文《GEM上市規則》"), 10.0, 45.0).expect("wrap"));
        assert_eq!(open[0], "條文", "{open:?}");
        assert!(open[1].starts_with("《GEM"), "{open:?}");
    }

    #[test]
    fn forced_breaks_and_mixed_weights() {
        let inl = vec![
            Inline::Text {
                text: "one ".into(),
                bold: true,
                line: 1,
            },
            Inline::Text {
                text: "two".into(),
                bold: false,
                line: 1,
            },
            Inline::Break,
            Inline::Text {
                text: "three".into(),
                bold: false,
                line: 2,
            },
        ];
        let lines = wrap(&inl, 9.0, 500.0).expect("wrap");
        assert_eq!(strings(&lines), vec!["one two", "three"]);
        assert_eq!(lines[0].runs.len(), 2);
        assert!(wrap(&[], 9.0, 10.0).expect("wrap").is_empty());
    }
}
