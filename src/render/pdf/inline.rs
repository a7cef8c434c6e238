//! Inline content of a paragraph or cell: text, `<b>` spans and `<br/>` breaks, with
//! whitespace collapsed as in HTML (runs of spaces, tabs and newlines become one space, no-break spaces stay,
//! none at the start or end of a line). Part of the description parser.

use roxmltree::Node;

use crate::render::pdf::doc::Inline;
use crate::render::pdf::error::PdfError;
use crate::render::pdf::lines::Lines;

/// The inline content of `node`, with `bold` as the weight of plain text.
///
/// # Errors
/// [`PdfError::Description`] for an element other than `<b>` or `<br/>`.
pub(crate) fn inlines(
    lines: &Lines,
    node: Node<'_, '_>,
    bold: bool,
) -> Result<Vec<Inline>, PdfError> {
    let mut raw = Vec::new();
    collect(lines, node, bold, &mut raw)?;
    Ok(collapse(raw))
}

/// Walks `node`'s children in order, appending raw text and breaks.
fn collect(
    lines: &Lines,
    node: Node<'_, '_>,
    bold: bool,
    out: &mut Vec<Inline>,
) -> Result<(), PdfError> {
    for child in node.children() {
        if let Some(text) = child.text().filter(|_| child.is_text()) {
            let line = lines.at(child.range().start);
            out.push(Inline::Text {
                text: text.to_owned(),
                bold,
                line,
            });
        } else if child.is_element() {
            match child.tag_name().name() {
                "b" => collect(lines, child, true, out)?,
                "r" => collect(lines, child, false, out)?,
                "br" => out.push(Inline::Break),
                other => {
                    return Err(PdfError::Description {
                        line: lines.at(child.range().start),
                        message: format!("unexpected <{other}> in text: use <b>, <r> or <br/>"),
                    });
                }
            }
        }
    }
    Ok(())
}

/// Collapses whitespace across the raw pieces and drops empty ones.
fn collapse(raw: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    // Whether the output so far ends at a line start or with a space.
    let mut at_gap = true;
    for piece in raw {
        match piece {
            Inline::Break => {
                trim_end(&mut out);
                out.push(Inline::Break);
                at_gap = true;
            }
            Inline::Text { text, bold, line } => {
                let mut s = String::with_capacity(text.len());
                for ch in text.chars() {
                    // XML whitespace only: a no-break space is kept as printed.
                    if matches!(ch, ' ' | '\t' | '\n' | '\r') {
                        if !at_gap {
                            s.push(' ');
                            at_gap = true;
                        }
                    } else {
                        s.push(ch);
                        at_gap = false;
                    }
                }
                if !s.is_empty() {
                    out.push(Inline::Text {
                        text: s,
                        bold,
                        line,
                    });
                }
            }
        }
    }
    trim_end(&mut out);
    out
}

/// Removes a trailing space from the last text piece (and the piece if it empties).
fn trim_end(out: &mut Vec<Inline>) {
    if let Some(Inline::Text { text, .. }) = out.last_mut() {
        if text.ends_with(' ') {
            text.pop();
        }
        if text.is_empty() {
            out.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::inlines;
    use crate::render::pdf::doc::Inline;
    use crate::render::pdf::lines::Lines;

    fn parse(src: &str) -> Vec<Inline> {
        let xml = roxmltree::Document::parse(src).expect("xml");
        inlines(&Lines::new(src), xml.root_element(), false).expect("inlines")
    }

    fn text(t: &str, bold: bool) -> Inline {
        Inline::Text {
            text: t.into(),
            bold,
            line: 1,
        }
    }

    #[test]
    fn collapses_whitespace_between_styled_runs() {
        assert_eq!(
            parse("<p>  (A).\t  <b> Share  Options </b> Not applicable  </p>"),
            vec![
                text("(A). ", false),
                text("Share Options ", true),
                text("Not applicable", false)
            ]
        );
    }

    #[test]
    fn breaks_trim_the_line_end() {
        assert_eq!(
            parse("<p>one <br/> two</p>"),
            vec![text("one", false), Inline::Break, text("two", false)]
        );
    }
}
