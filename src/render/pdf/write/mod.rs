//! Turns laid-out pages into PDF/A bytes with `pdf-writer`: one content stream per page
//! (`content`), the fonts as subsets with `ToUnicode` maps so that text extracts as it was
//! given (`embed`), and what PDF/A asks besides (`archive`); for 2b and 3b, the dictionaries
//! packed into an object stream with a cross-reference stream (`objstm`). Deterministic: no
//! clock, no randomness; the trailer `/ID` is a hash of what the document shows.
//!
//! Why `pdf-writer` and not a higher-level library: see `src/render/pdf/README.md`. In short, a
//! whole market of returns is written in one run, and only at this level can the work shared
//! by every document (the common font subsets, the colour profile, the compressor) be done
//! once per process instead of once per file.

mod archive;
mod content;
mod deflate;
mod embed;
mod objstm;
mod ops;
mod prebuilt;
mod segments;
mod tounicode;
mod unhint;

use std::sync::Arc;

use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Settings, TextStr};
use sha2::{Digest, Sha256};

use crate::render::pdf::error::PdfError;
use crate::render::pdf::meta::{Attachment, PdfMeta, PdfOptions, PdfaLevel};
use crate::render::pdf::page::Page;
use crate::render::pdf::write::content::{FACES, PageWriter, slot, usage};
use crate::render::pdf::write::deflate::deflate_recurring;
use crate::render::pdf::write::embed::{Embedded, Shared, embed};

/// The fonts of a document, by [`slot`].
type Fonts = [Option<Arc<Embedded>>; 4];

/// Writes `pages` as a PDF/A file.
///
/// # Errors
/// [`PdfError::MissingGlyph`] for a character no font has, [`PdfError::Write`] if a font
/// cannot be subset or a stream compressed.
pub(crate) fn write(
    pages: &[Page],
    meta: &PdfMeta,
    opts: &PdfOptions,
) -> Result<Vec<u8>, PdfError> {
    let fonts = fonts(pages)?;
    let contents = pages
        .iter()
        .map(|page| {
            // Every page gets the document's fonts from the page tree, used or not.
            let (content, _faces) = PageWriter::write(page, &fonts)?;
            deflate_recurring(&content)
        })
        .collect::<Result<Vec<Vec<u8>>, PdfError>>()?;
    let source = match opts.pdfa {
        PdfaLevel::A3b => meta.source.as_ref(),
        PdfaLevel::A1b | PdfaLevel::A2b => None,
    };
    let file_id = file_id(&contents, meta, opts, source);

    let mut last = 0;
    let mut next = || {
        last += 1;
        Ref::new(last)
    };
    let [catalog, tree, info, metadata, icc] = [(); 5].map(|()| next());
    let page_ids: Vec<[Ref; 2]> = pages.iter().map(|_| [next(), next()]).collect();
    let attachment = source.map(|s| ([next(), next()], s));

    let capacity = contents.iter().map(Vec::len).sum::<usize>()
        + fonts.iter().flatten().map(|f| f.size()).sum::<usize>()
        + 8 * 1024;
    // Compact: no indentation or line breaks inside dictionaries.
    let mut pdf = Pdf::with_settings_and_capacity(Settings { pretty: false }, capacity);
    let (major, minor) = archive::version(opts.pdfa);
    pdf.set_version(major, minor);
    let mut shared = Shared::default();
    let font_refs = fonts.each_ref().map(|f| {
        f.as_ref()
            .map(|f| f.write(&mut pdf, &mut next, &mut shared))
    });
    let size = same_size(pages);
    write_tree(&mut pdf, tree, &page_ids, size, &font_refs, pages.len());
    for ((page, ids), content) in pages.iter().zip(&page_ids).zip(&contents) {
        let own_size = size.is_none().then_some(page);
        write_page(&mut pdf, own_size, *ids, tree, content);
    }
    let hex: String = file_id.iter().map(|b| format!("{b:02x}")).collect();
    archive::info(&mut pdf, info, meta);
    archive::metadata(&mut pdf, metadata, meta, opts.pdfa, &hex);
    archive::icc_profile(&mut pdf, icc);
    if let Some((refs, source)) = attachment {
        archive::attachment(&mut pdf, refs, source, meta.date)?;
    }
    let mut cat = pdf.catalog(catalog);
    cat.pages(tree)
        .metadata(metadata)
        .lang(TextStr(&meta.language));
    archive::output_intent(&mut cat, icc);
    if let Some(([spec, _], source)) = attachment {
        archive::name_attachment(&mut cat, spec, source);
    }
    cat.finish();
    pdf.set_file_id((file_id.clone(), file_id.clone()));
    let classic = pdf.finish();
    match opts.pdfa {
        PdfaLevel::A1b => Ok(classic),
        PdfaLevel::A2b | PdfaLevel::A3b => objstm::pack(
            &classic,
            &objstm::Trailer {
                root: catalog,
                info,
                id: &file_id,
            },
        ),
    }
}

/// The fonts that `pages` need: for each face they use, its common subset or one of its own.
///
/// # Errors
/// As [`write`].
fn fonts(pages: &[Page]) -> Result<Fonts, PdfError> {
    let used = usage(pages)?;
    let mut fonts = Fonts::default();
    for face in FACES {
        if let Some(glyphs) = &used[slot(face)] {
            fonts[slot(face)] = Some(embed(face, glyphs)?);
        }
    }
    Ok(fonts)
}

/// The file identifier: a hash of what the document shows and says of itself, so that the
/// same return always gets the same identifier and different ones practically never do.
fn file_id(
    contents: &[Vec<u8>],
    meta: &PdfMeta,
    opts: &PdfOptions,
    source: Option<&Attachment>,
) -> Vec<u8> {
    let mut id = Sha256::new();
    for content in contents {
        id.update(content);
    }
    for text in [&meta.title, &meta.author, &meta.language] {
        id.update(text.as_bytes());
    }
    id.update(meta.keywords.join(", ").as_bytes());
    id.update(meta.subject.as_deref().unwrap_or_default().as_bytes());
    id.update(meta.date.to_string().as_bytes());
    id.update(opts.pdfa.to_string().as_bytes());
    if let Some(source) = source {
        id.update(source.name.as_bytes());
        id.update(&source.data);
    }
    id.finalize()[..16].to_vec()
}

/// The size of every page, if they all have the same, as a media box.
fn same_size(pages: &[Page]) -> Option<Rect> {
    let first = pages.first()?;
    pages
        .iter()
        .all(|p| (p.width, p.height) == (first.width, first.height))
        .then(|| Rect::new(0.0, 0.0, first.width, first.height))
}

/// Writes the page tree: its pages, and what they inherit from it: the document's fonts and,
/// when every page has it, their size. Said once here rather than on each page.
fn write_tree(
    pdf: &mut Pdf,
    tree: Ref,
    page_ids: &[[Ref; 2]],
    size: Option<Rect>,
    font_refs: &[Option<Ref>; 4],
    count: usize,
) {
    let mut node = pdf.pages(tree);
    node.kids(page_ids.iter().map(|[page, _]| *page))
        .count(i32::try_from(count).unwrap_or(i32::MAX));
    if let Some(size) = size {
        node.media_box(size);
    }
    let mut resources = node.resources();
    let mut dict = resources.fonts();
    for face in FACES {
        if let Some(font) = font_refs[slot(face)] {
            dict.pair(Name(face.code().as_bytes()), font);
        }
    }
}

/// Writes one page object (`ids`: the page and its content stream), with its media box
/// when the pages differ in size (`own_size`).
fn write_page(
    pdf: &mut Pdf,
    own_size: Option<&Page>,
    [page_id, content_id]: [Ref; 2],
    tree: Ref,
    content: &[u8],
) {
    let mut p = pdf.page(page_id);
    p.parent(tree).contents(content_id);
    if let Some(page) = own_size {
        p.media_box(Rect::new(0.0, 0.0, page.width, page.height));
    }
    p.finish();
    pdf.stream(content_id, content).filter(Filter::FlateDecode);
}
