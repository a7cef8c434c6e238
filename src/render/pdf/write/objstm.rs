//! Object streams and a cross-reference stream, for the PDF/A levels that allow them (2b and 3b,
//! PDF 1.7; PDF/A-1 is PDF 1.4, which has neither).
//!
//! `pdf-writer` writes every object as it is and ends with a classic cross-reference table.
//! [`pack`] takes that file and rewrites its end: the stream objects (page contents, fonts,
//! metadata, the colour profile, an attachment) stay as they were, in the same order; every
//! other object (the catalog, the page tree and pages, the font dictionaries, the document
//! information) moves, in object-number order, into one compressed object stream; and a
//! compressed cross-reference stream replaces the table and the trailer. The same input gives
//! the same bytes. Moon's 22 dictionaries are about 6 KB as they are, and the table 1 KB.

use pdf_writer::{Chunk, Filter, Finish, Name, Ref, Settings, Str};

use crate::render::pdf::error::PdfError;
use crate::render::pdf::write::deflate::deflate;

/// What the trailer of the packed file names: the catalog, the document information and the
/// file identifier (written twice, as the classic trailer has it).
pub(super) struct Trailer<'a> {
    /// The document catalog.
    pub(super) root: Ref,
    /// The document information dictionary.
    pub(super) info: Ref,
    /// The file identifier.
    pub(super) id: &'a [u8],
}

/// One object of the classic file: its number and its text between `N 0 obj\n` and
/// `\nendobj\n`.
struct Object<'a> {
    number: i32,
    body: &'a [u8],
}

impl Object<'_> {
    /// Whether the object is a stream (which an object stream cannot hold).
    fn is_stream(&self) -> bool {
        self.body.ends_with(b"\nendstream")
    }
}

/// The classic file `classic` (as `pdf-writer` writes it, with the `/ID` of `trailer`) with its
/// dictionaries in an object stream and a cross-reference stream instead of the table.
///
/// # Errors
/// [`PdfError::Write`] if `classic` is not laid out as `pdf-writer` lays out a file (which
/// would be a fault of hkret's, not of a return), or an object number does not fit.
pub(super) fn pack(classic: &[u8], trailer: &Trailer<'_>) -> Result<Vec<u8>, PdfError> {
    let (objects, size, first_at) = objects(classic)?;
    let mut out = Vec::with_capacity(classic.len());
    out.extend_from_slice(classic.get(..first_at).ok_or_else(|| bad("header"))?);
    // (type, field 2, field 3) by object number: 0 free, 1 at an offset, 2 in the object stream.
    let stream_id = size;
    let xref_id = size + 1;
    let count = usize::try_from(xref_id + 1).map_err(|_| bad("object count"))?;
    let mut entries = vec![(0u8, 0usize, 0usize); count];
    entries[0] = (0, 0, 65_535);
    let mut dicts: Vec<&Object<'_>> = Vec::new();
    for object in &objects {
        if object.is_stream() {
            entries[index(object.number)?] = (1, out.len(), 0);
            out.extend_from_slice(format!("{} 0 obj\n", object.number).as_bytes());
            out.extend_from_slice(object.body);
            out.extend_from_slice(b"\nendobj\n");
        } else {
            dicts.push(object);
        }
    }
    dicts.sort_by_key(|o| o.number);
    let (data, first) = object_stream(&dicts);
    for (i, object) in dicts.iter().enumerate() {
        entries[index(object.number)?] = (2, index(stream_id)?, i);
    }
    let settings = Settings { pretty: false };
    entries[index(stream_id)?] = (1, out.len(), 0);
    let mut chunk = Chunk::with_settings(settings);
    let compressed = deflate(&data)?;
    chunk
        .stream(Ref::new(stream_id), &compressed)
        .filter(Filter::FlateDecode)
        .pair(Name(b"Type"), Name(b"ObjStm"))
        .pair(
            Name(b"N"),
            i32::try_from(dicts.len()).map_err(|_| bad("count"))?,
        )
        .pair(
            Name(b"First"),
            i32::try_from(first).map_err(|_| bad("/First"))?,
        );
    out.extend_from_slice(chunk.as_bytes());

    let xref_at = out.len();
    entries[index(xref_id)?] = (1, xref_at, 0);
    let widths = [
        1,
        width(xref_at.max(index(xref_id)?)),
        width(max_third(&entries)),
    ];
    let table = deflate(&xref_table(&entries, widths))?;
    let mut chunk = Chunk::with_settings(settings);
    let mut xref = chunk.stream(Ref::new(xref_id), &table);
    xref.filter(Filter::FlateDecode)
        .pair(Name(b"Type"), Name(b"XRef"))
        .pair(Name(b"Size"), xref_id + 1);
    xref.insert(Name(b"W")).array().items(widths.map(i32::from));
    xref.pair(Name(b"Root"), trailer.root)
        .pair(Name(b"Info"), trailer.info);
    xref.insert(Name(b"ID"))
        .array()
        .items([Str(trailer.id), Str(trailer.id)]);
    xref.finish();
    out.extend_from_slice(chunk.as_bytes());
    out.extend_from_slice(format!("startxref\n{xref_at}\n%%EOF").as_bytes());
    Ok(out)
}

/// The objects of `classic` in file order, the size its table gives (one more than the
/// highest object number) and where its first object starts.
fn objects(classic: &[u8]) -> Result<(Vec<Object<'_>>, i32, usize), PdfError> {
    let tail = b"startxref\n";
    let at = classic
        .windows(tail.len())
        .rposition(|w| w == tail)
        .ok_or_else(|| bad("no startxref"))?;
    let xref_at: usize = number(&classic[at + tail.len()..])?;
    let table = classic.get(xref_at..).ok_or_else(|| bad("startxref"))?;
    let rest = table.strip_prefix(b"xref\n0 ").ok_or_else(|| bad("xref"))?;
    let size: usize = number(rest)?;
    let line = rest
        .iter()
        .position(|&b| b == b'\n')
        .ok_or_else(|| bad("xref"))?;
    let rows = rest.get(line + 1..).ok_or_else(|| bad("xref"))?;
    // Each entry is 20 bytes: `oooooooooo ggggg n\r\n`.
    let mut starts: Vec<(usize, i32)> = Vec::new();
    for (number_of, row) in rows.chunks_exact(20).take(size).enumerate() {
        if row.get(17) == Some(&b'n') {
            let offset: usize = number(row)?;
            let n = i32::try_from(number_of).map_err(|_| bad("object number"))?;
            starts.push((offset, n));
        }
    }
    starts.sort_unstable();
    let first_at = starts.first().map_or(xref_at, |s| s.0);
    let mut found = Vec::with_capacity(starts.len());
    for (i, &(offset, n)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(xref_at, |s| s.0);
        let text = classic.get(offset..end).ok_or_else(|| bad("offset"))?;
        let head = format!("{n} 0 obj\n");
        let body = text
            .strip_prefix(head.as_bytes())
            .and_then(|t| t.strip_suffix(b"\nendobj\n"))
            .ok_or_else(|| bad("object"))?;
        found.push(Object { number: n, body });
    }
    let size = i32::try_from(size).map_err(|_| bad("size"))?;
    Ok((found, size, first_at))
}

/// The object stream's data: the numbers and offsets of `dicts`, then their bodies, each on a
/// line; and where the first body starts (`/First`).
fn object_stream(dicts: &[&Object<'_>]) -> (Vec<u8>, usize) {
    let mut offsets = String::new();
    let mut bodies: Vec<u8> = Vec::new();
    for object in dicts {
        if !offsets.is_empty() {
            offsets.push(' ');
        }
        offsets.push_str(&format!("{} {}", object.number, bodies.len()));
        bodies.extend_from_slice(object.body);
        bodies.push(b'\n');
    }
    offsets.push('\n');
    let first = offsets.len();
    let mut data = offsets.into_bytes();
    data.extend_from_slice(&bodies);
    (data, first)
}

/// The cross-reference stream's rows, each field big-endian in its width.
fn xref_table(entries: &[(u8, usize, usize)], widths: [u8; 3]) -> Vec<u8> {
    let row = usize::from(widths[0] + widths[1] + widths[2]);
    let mut data = Vec::with_capacity(entries.len() * row);
    for &(kind, second, third) in entries {
        data.push(kind);
        for (value, w) in [(second, widths[1]), (third, widths[2])] {
            let bytes = value.to_be_bytes();
            data.extend_from_slice(&bytes[bytes.len() - usize::from(w)..]);
        }
    }
    data
}

/// The largest third field (a generation or an index in the object stream).
fn max_third(entries: &[(u8, usize, usize)]) -> usize {
    entries.iter().map(|e| e.2).max().unwrap_or_default()
}

/// The bytes needed to write `value` (at least one).
fn width(value: usize) -> u8 {
    let bits = usize::BITS - value.leading_zeros();
    u8::try_from(bits.div_ceil(8).max(1)).unwrap_or(8)
}

/// `n` as an index into the entries.
fn index(n: i32) -> Result<usize, PdfError> {
    usize::try_from(n).map_err(|_| bad("object number"))
}

/// The decimal number at the start of `text` (leading zeros allowed).
fn number<T: std::str::FromStr>(text: &[u8]) -> Result<T, PdfError> {
    let digits = text.iter().take_while(|b| b.is_ascii_digit()).count();
    std::str::from_utf8(&text[..digits])
        .ok()
        .and_then(|d| d.parse().ok())
        .ok_or_else(|| bad("number"))
}

/// The error for a file not laid out as expected.
fn bad(what: &str) -> PdfError {
    PdfError::Write(format!(
        "object streams: unexpected {what} in the written file"
    ))
}

#[cfg(test)]
mod tests {
    use super::{Trailer, pack, width, xref_table};
    use pdf_writer::{Filter, Finish, Pdf, Ref, Settings, TextStr};

    /// A small classic file: a catalog, a page tree with one page, its content and the info.
    fn classic() -> Vec<u8> {
        let mut pdf = Pdf::with_settings(Settings { pretty: false });
        pdf.set_version(1, 7);
        pdf.catalog(Ref::new(1)).pages(Ref::new(2));
        pdf.pages(Ref::new(2)).kids([Ref::new(3)]).count(1);
        pdf.page(Ref::new(3))
            .parent(Ref::new(2))
            .contents(Ref::new(4))
            .finish();
        pdf.stream(Ref::new(4), b"0 0 m 10 10 l S")
            .filter(Filter::FlateDecode)
            .finish();
        pdf.document_info(Ref::new(5))
            .title(TextStr("endstream >> 9 0 obj"));
        pdf.set_file_id((b"0123456789abcdef".to_vec(), b"0123456789abcdef".to_vec()));
        pdf.finish()
    }

    #[test]
    fn dictionaries_move_into_one_object_stream_and_streams_stay() {
        let trailer = Trailer {
            root: Ref::new(1),
            info: Ref::new(5),
            id: b"0123456789abcdef",
        };
        let packed = pack(&classic(), &trailer).expect("packs");
        let text = String::from_utf8_lossy(&packed);
        assert!(text.starts_with("%PDF-1.7\n"));
        // The content stream is still there as an object of its own, and nothing else is.
        assert!(text.contains("4 0 obj\n<</Length 15/Filter/FlateDecode>>\nstream\n"));
        for n in [1, 2, 3, 5] {
            assert!(
                !text.contains(&format!("\n{n} 0 obj")),
                "{n} is in the stream"
            );
        }
        assert!(text.contains("6 0 obj\n<</Length "));
        assert!(text.contains("/Type/ObjStm/N 4/First "));
        assert!(text.contains("/Type/XRef/Size 8/W[1 "));
        assert!(text.contains(" 2]/Root 1 0 R/Info 5 0 R/ID["));
        assert!(!text.contains("\nxref\n") && !text.contains("trailer"));
        assert!(text.ends_with("%%EOF"));
        let at: usize = text
            .rsplit("startxref\n")
            .next()
            .and_then(|t| t.trim_end_matches("\n%%EOF").parse().ok())
            .expect("startxref");
        assert!(packed[at..].starts_with(b"7 0 obj\n"));
        // The same file packs to the same bytes.
        assert_eq!(pack(&classic(), &trailer).expect("packs"), packed);
    }

    #[test]
    fn xref_rows_are_big_endian_in_their_widths() {
        assert_eq!(
            (width(0), width(255), width(256), width(65_536)),
            (1, 1, 2, 3)
        );
        let rows = xref_table(&[(0, 0, 65_535), (1, 0x1234, 0), (2, 6, 3)], [1, 2, 2]);
        assert_eq!(
            rows,
            [0, 0, 0, 0xff, 0xff, 1, 0x12, 0x34, 0, 0, 2, 0, 6, 0, 3]
        );
    }

    #[test]
    fn a_file_not_as_written_is_an_error_not_a_panic() {
        let trailer = Trailer {
            root: Ref::new(1),
            info: Ref::new(5),
            id: b"x",
        };
        let whole = classic();
        for cut in [0, 10, whole.len() / 2] {
            assert!(pack(&whole[..cut], &trailer).is_err(), "cut at {cut}");
        }
        // `startxref` pointing elsewhere: one more digit in front of the offset.
        let at = whole.len() - "\n%%EOF".len();
        let digits = whole[..at]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let mut broken = whole[..at - digits].to_vec();
        broken.push(b'1');
        broken.extend_from_slice(&whole[at - digits..]);
        assert!(pack(&broken, &trailer).is_err());
        // Every cut either packs or is refused, and none panics.
        for cut in 0..whole.len() {
            let _ = pack(&whole[..cut], &trailer);
        }
    }
}
