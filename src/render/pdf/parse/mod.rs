//! Parses a PDF description (the XML that a `*.pdf.tera` template emits) into the typed
//! [`Document`] tree. The format is documented in `templates/README.md`.
//!
//! The tree is built as the XML is read (`xml`), element by element, with no DOM in between.
//! Strict by design: an unknown element, attribute or value is an error with its line, so
//! that a typo in a template fails loudly instead of silently changing the layout; malformed
//! XML anywhere in the description is reported before such an error. This module does no
//! measuring and no placing.

mod attrs;
mod table;
pub(crate) mod xml;

use crate::render::pdf::doc::{
    Align, Block, Body, Boxed, Document, Edges, Fixed, Para, Section, Style,
};
use crate::render::pdf::error::PdfError;
use crate::render::pdf::inline::inlines;
use crate::render::pdf::parse::xml::{Event, Reader, Tag};
use crate::render::pdf::recurring::Key;
use crate::render::pdf::sections::{keeps_any, laid_before};

/// Width and height of an A4 landscape page, in points.
const A4_LANDSCAPE: (f32, f32) = (841.89, 595.276);

/// Parses a whole description.
///
/// # Errors
/// [`PdfError::Description`] naming the line of the first problem: the first error of the
/// XML if there is one, else the first element, attribute or value not understood.
pub(crate) fn parse(text: &str) -> Result<Document<'_>, PdfError> {
    let mut r = Reader::new(text);
    document(&mut r).map_err(|e| r.later_xml_error().unwrap_or(e))
}

/// The root `<document>` and everything in it.
fn document<'t>(r: &mut Reader<'t>) -> Result<Document<'t>, PdfError> {
    let root = r.root()?;
    let head = r.read_so_far();
    root.expect_name("document")?;
    root.allow(&["width", "height", "margin", "size", "bold", "leading"])?;
    let style = root.style(Style {
        size: 9.0,
        bold: false,
        leading: 1.15,
    })?;
    let mut doc = Document {
        width: root.num_or("width", A4_LANDSCAPE.0)?,
        height: root.num_or("height", A4_LANDSCAPE.1)?,
        margin: root.edges_or(
            "margin",
            Edges {
                top: 36.0,
                right: 36.0,
                bottom: 36.0,
                left: 36.0,
            },
        )?,
        furniture: Vec::new(),
        sections: Vec::new(),
    };
    while let Some(child) = r.child()? {
        match child.name {
            "furniture" => {
                while let Some(t) = r.child()? {
                    doc.furniture.push(fixed(r, &t, style)?);
                    r.recycle(t);
                }
            }
            "page" => {
                child.allow(&[])?;
                doc.sections.push(section(r, head, style)?);
            }
            other => return Err(child.err(format!("unexpected <{other}> in <document>"))),
        }
        r.recycle(child);
    }
    r.finish()?;
    Ok(doc)
}

/// The `<page>` just opened, read to its end; taken as laid out before if a document with the
/// same `head` had the same section (its text compared in full, see [`laid_before`]), which
/// is then not read again.
fn section<'t>(r: &mut Reader<'t>, head: &'t str, style: Style) -> Result<Section<'t>, PdfError> {
    let start = r.element_start();
    // Looked for only once this thread keeps sections: a one-return process never does.
    let candidate = keeps_any()
        .then(|| r.candidate_element())
        .flatten()
        .map(|text| (text, Key::new([head.as_bytes(), text.as_bytes()])));
    if let Some((text, key)) = &candidate
        && let Some(laid) = laid_before(key)
    {
        // Read whole before, as a section: it reads the same again, so it need not be.
        r.jump_past(text);
        return Ok(Section {
            key: key.clone(),
            body: Body::Laid(laid),
        });
    }
    let blocks = blocks(r, style)?;
    let text = r.text_since(start);
    let key = match candidate {
        Some((candidate, key)) if candidate.len() == text.len() => key,
        _ => Key::new([head.as_bytes(), text.as_bytes()]),
    };
    Ok(Section {
        key,
        body: Body::Blocks(blocks),
    })
}

/// The blocks inside the element just opened, up to its end.
fn blocks(r: &mut Reader<'_>, style: Style) -> Result<Vec<Block>, PdfError> {
    let mut blocks = Vec::new();
    while let Some(b) = r.child()? {
        blocks.push(block(r, &b, style)?);
        r.recycle(b);
    }
    Ok(blocks)
}

/// One block of a `<page>`, `<keep>` or `<box>`, read to its end.
fn block(r: &mut Reader<'_>, tag: &Tag<'_>, parent: Style) -> Result<Block, PdfError> {
    match tag.name {
        "p" => {
            tag.allow(&["size", "bold", "leading", "align", "indent", "width"])?;
            let style = tag.style(parent)?;
            Ok(Block::Para(Para {
                inlines: inlines(r, style.bold)?,
                style,
                align: tag.align(Align::Left)?,
                indent: tag.num_or("indent", 0.0)?,
                width: tag
                    .attribute("width")
                    .map(|_| tag.num_or("width", 0.0))
                    .transpose()?,
            }))
        }
        "space" => {
            tag.allow(&["h"])?;
            let h = tag.num_or("h", 0.0)?;
            r.skip()?;
            Ok(Block::Space(h))
        }
        "table" => table::table(r, tag, parent).map(Block::Table),
        "keep" => {
            tag.allow(&[])?;
            Ok(Block::Keep(blocks(r, parent)?))
        }
        "box" => {
            tag.allow(&["x", "width", "pad-bottom"])?;
            let blocks = blocks(r, parent)?;
            Ok(Block::Boxed(Boxed {
                x: tag.num_or("x", 0.0)?,
                width: tag
                    .attribute("width")
                    .map(|_| tag.num_or("width", 0.0))
                    .transpose()?,
                pad_bottom: tag.num_or("pad-bottom", 0.0)?,
                blocks,
            }))
        }
        other => Err(tag.err(format!("unexpected <{other}> in <page>"))),
    }
}

/// A `<text>` of the furniture, read to its end: its first text, trimmed (what follows a
/// comment or element in it is not read, as before).
fn fixed(r: &mut Reader<'_>, tag: &Tag<'_>, parent: Style) -> Result<Fixed, PdfError> {
    tag.expect_name("text")?;
    tag.allow(&["x", "y", "align", "size", "bold"])?;
    let mut fixed = Fixed {
        x: tag.num_or("x", 0.0)?,
        y: tag.num_or("y", 0.0)?,
        align: tag.align(Align::Left)?,
        style: tag.style(parent)?,
        text: String::new(),
        line: tag.line,
    };
    let depth = r.depth();
    if let Event::Text(text, _) = r.next()? {
        text.trim().clone_into(&mut fixed.text);
    }
    r.skip_to(depth - 1)?;
    Ok(fixed)
}

#[cfg(test)]
mod tests;
