//! Turns laid-out pages into PDF/A bytes with krilla: rules, shading, check boxes and
//! text (subset fonts with `ToUnicode` maps, so text extracts as it was given), XMP
//! metadata, the sRGB output intent and, for PDF/A-3b, the source YAML as an associated
//! file. Deterministic: no clock, no randomness; krilla derives the trailer `/ID` from a
//! hash of the content.
//!
//! Colours are RGB only, so that the single output intent is sRGB.

use krilla::color::rgb;
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::embed::{AssociationKind, EmbeddedFile, MimeType};
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, LineCap, LineJoin, Stroke};
use krilla::surface::Surface;
use krilla::text::{GlyphId, KrillaGlyph};
use krilla::{Document, SerializeSettings};

use crate::render::pdf::error::PdfError;
use crate::render::pdf::fonts::{FontId, face};
use crate::render::pdf::meta::{PdfMeta, PdfOptions, PdfaLevel};
use crate::render::pdf::page::{Item, Page, Rect};

/// Width of every rule, points (as the official form).
const RULE_WIDTH: f32 = 0.5;

/// Writes `pages` as a PDF/A file.
///
/// # Errors
/// [`PdfError::Write`] if krilla refuses the document, e.g. a PDF/A rule would be broken.
pub(crate) fn write(
    pages: &[Page],
    meta: &PdfMeta,
    opts: &PdfOptions,
) -> Result<Vec<u8>, PdfError> {
    let archival = match opts.pdfa {
        PdfaLevel::A1b => Archival::A1_B,
        PdfaLevel::A2b => Archival::A2_B,
        PdfaLevel::A3b => Archival::A3_B,
    };
    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(archival)
        .finish()
        .map_err(|e| PdfError::Write(format!("{e:?}")))?;
    let settings = SerializeSettings {
        configuration,
        enable_tagging: false,
        ..SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);
    document.set_metadata(metadata(meta));
    if let (PdfaLevel::A3b, Some(source)) = (opts.pdfa, &meta.source) {
        let file = EmbeddedFile {
            path: source.name.clone(),
            mime_type: MimeType::new("application/yaml"),
            description: Some("Source of this return (hkret YAML input)".to_owned()),
            association_kind: AssociationKind::Source,
            data: source.data.clone().into(),
            modification_date: Some(date(meta)),
            compress: Some(true),
            location: None,
        };
        document
            .embed_file(file)
            .ok_or_else(|| PdfError::Write(format!("cannot embed {}", source.name)))?;
    }
    for page in pages {
        let settings = PageSettings::from_wh(page.width, page.height).ok_or_else(|| {
            PdfError::Write(format!("bad page size {}x{}", page.width, page.height))
        })?;
        let mut p = document.start_page_with(settings);
        let mut surface = p.surface();
        let mut items = page.items.as_slice();
        while let Some(first) = items.first() {
            let rules = items
                .iter()
                .take_while(|i| matches!(i, Item::Rule { .. }))
                .count();
            if rules > 0 {
                draw_rules(&mut surface, &items[..rules]);
                items = &items[rules..];
            } else {
                draw(&mut surface, first)?;
                items = &items[1..];
            }
        }
        surface.finish();
        p.finish();
    }
    document
        .finish()
        .map_err(|e| PdfError::Write(e.to_string()))
}

/// The document metadata: title, author, keywords, dates, language.
fn metadata(meta: &PdfMeta) -> Metadata {
    let mut m = Metadata::new()
        .title(meta.title.clone())
        .authors(vec![meta.author.clone()])
        .keywords(meta.keywords.clone())
        .creator("hkret".to_owned())
        .producer(concat!("hkret ", env!("CARGO_PKG_VERSION"), " (krilla)").to_owned())
        .language(meta.language.clone())
        .creation_date(date(meta));
    if let Some(subject) = &meta.subject {
        m = m.description(subject.clone());
    }
    m
}

/// The document date as krilla's UTC date-time.
fn date(meta: &PdfMeta) -> DateTime {
    use chrono::{Datelike, Timelike};
    let d = meta.date;
    let year = u16::try_from(d.year().clamp(0, 9999)).unwrap_or(2000);
    // Month, day, hour, minute and second from chrono are always in u8 range.
    let byte = |n: u32| u8::try_from(n).unwrap_or(0);
    DateTime::new(year)
        .month(byte(d.month()))
        .day(byte(d.day()))
        .hour(byte(d.hour()))
        .minute(byte(d.minute()))
        .second(byte(d.second()))
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// Black, as RGB so that the output intent stays sRGB.
fn black() -> rgb::Color {
    rgb::Color::new(0, 0, 0)
}

/// A solid fill of `color`.
fn fill(color: rgb::Color) -> Fill {
    Fill {
        paint: color.into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// A black stroke `width` points wide.
fn stroke(width: f32) -> Stroke {
    Stroke {
        paint: black().into(),
        width,
        line_cap: LineCap::Butt,
        line_join: LineJoin::Miter,
        ..Stroke::default()
    }
}

/// Strokes consecutive rules as one path: the same picture as one path per rule (a path is
/// painted once, however many of its segments overlap, and nothing is drawn between them), in
/// a fraction of the content stream. A segment given twice (the shared edge of two cells) is
/// written once.
fn draw_rules(surface: &mut Surface<'_>, rules: &[Item]) {
    let mut seen = std::collections::HashSet::with_capacity(rules.len());
    let mut pb = PathBuilder::new();
    for item in rules {
        if let Item::Rule { x1, y1, x2, y2 } = *item
            && seen.insert([x1, y1, x2, y2].map(f32::to_bits))
        {
            pb.move_to(x1, y1);
            pb.line_to(x2, y2);
        }
    }
    if let Some(path) = pb.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(stroke(RULE_WIDTH)));
        surface.draw_path(&path);
    }
}

/// Draws one item.
fn draw(surface: &mut Surface<'_>, item: &Item) -> Result<(), PdfError> {
    match item {
        Item::Fill { rect, gray } => {
            let level = (gray.clamp(0.0, 1.0) * 255.0).round() as u8;
            surface.set_stroke(None);
            surface.set_fill(Some(fill(rgb::Color::new(level, level, level))));
            rect_path(surface, *rect);
        }
        Item::Rule { x1, y1, x2, y2 } => {
            surface.set_fill(None);
            surface.set_stroke(Some(stroke(RULE_WIDTH)));
            polyline(surface, &[(*x1, *y1), (*x2, *y2)]);
        }
        Item::Check { rect, checked } => {
            surface.set_fill(None);
            surface.set_stroke(Some(stroke(RULE_WIDTH)));
            rect_path(surface, *rect);
            if *checked {
                let Rect { x, y, w, h } = *rect;
                surface.set_stroke(Some(stroke(w * 0.09)));
                polyline(
                    surface,
                    &[
                        (x + 0.2 * w, y + 0.55 * h),
                        (x + 0.42 * w, y + 0.8 * h),
                        (x + 0.8 * w, y + 0.18 * h),
                    ],
                );
            }
        }
        Item::Text {
            x,
            y,
            size,
            font,
            text,
            ..
        } => text_run(surface, *x, *y, *size, *font, text)?,
    }
    Ok(())
}

/// Fills or strokes (whichever is set) a rectangle.
fn rect_path(surface: &mut Surface<'_>, r: Rect) {
    if let Some(rect) = krilla::geom::Rect::from_xywh(r.x, r.y, r.w.max(0.01), r.h.max(0.01)) {
        let mut pb = PathBuilder::new();
        pb.push_rect(rect);
        if let Some(path) = pb.finish() {
            surface.draw_path(&path);
        }
    }
}

/// Strokes an open polyline.
fn polyline(surface: &mut Surface<'_>, points: &[(f32, f32)]) {
    let mut pb = PathBuilder::new();
    for (i, (x, y)) in points.iter().enumerate() {
        if i == 0 {
            pb.move_to(*x, *y)
        } else {
            pb.line_to(*x, *y)
        }
    }
    if let Some(path) = pb.finish() {
        surface.draw_path(&path);
    }
}

/// Draws a single-face run with its baseline starting at (`x`, `y`).
fn text_run(
    surface: &mut Surface<'_>,
    x: f32,
    y: f32,
    size: f32,
    font: FontId,
    text: &str,
) -> Result<(), PdfError> {
    let f = face(font)?;
    let mut glyphs = Vec::with_capacity(text.len());
    for (start, ch) in text.char_indices() {
        let (gid, advance) = f.glyph_advance(ch).ok_or(PdfError::MissingGlyph {
            ch,
            text: text.to_owned(),
            line: 0,
        })?;
        let range = start..start + ch.len_utf8();
        glyphs.push(KrillaGlyph::new(
            GlyphId::new(gid.to_u32()),
            advance,
            0.0,
            0.0,
            0.0,
            range,
            None,
        ));
    }
    surface.set_stroke(None);
    surface.set_fill(Some(fill(black())));
    surface.draw_glyphs(
        Point::from_xy(x, y),
        &glyphs,
        f.krilla.clone(),
        text,
        size,
        false,
    );
    Ok(())
}
