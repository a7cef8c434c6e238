//! Flate compression of PDF streams, with libdeflate: a whole stream is compressed in one call,
//! with a compressor kept per thread (its tables are built once, not for each of a document's
//! dozen streams).
//!
//! libdeflate rather than zlib: PDF streams are whole buffers, which is what it is made for.
//! At its level 1 Moon's PDF/A-1b is 34,005 bytes, against 34,471 with zlib-rs at level 2 (the
//! level chosen before for its speed), every stream smaller, and a bulk run of 300 returns takes 22% fewer
//! instructions (3,395 million against 4,374 million; callgrind). Higher levels save little
//! more: level 6 gave 33,654 bytes for 10% more instructions in bulk, level 12 33,375 bytes
//! for two and a half times the instructions of a whole one-return process. The output depends
//! only on the input and the level (libdeflate chooses processor-specific code for checksums,
//! not for what it writes).

use std::cell::RefCell;

use libdeflater::{CompressionLvl, Compressor};

use crate::render::pdf::error::PdfError;
use crate::render::pdf::quick::hash_bytes;

/// The compression level (libdeflate's 1 to 12).
const LEVEL: i32 = 1;

/// A thread's compressor and its output buffer, both kept from stream to stream.
struct Deflater {
    /// The compressor (zlib format, as `FlateDecode` expects).
    compressor: Compressor,
    /// Room for the largest stream compressed so far: libdeflate writes into a buffer as
    /// long as its bound for the input, which would otherwise be allocated and zeroed for
    /// every stream, only for a quarter of it to be used.
    buffer: Vec<u8>,
}

thread_local! {
    /// This thread's compressor.
    static DEFLATER: RefCell<Deflater> = RefCell::new(Deflater {
        compressor: Compressor::new(CompressionLvl::new(LEVEL).unwrap_or_default()),
        buffer: Vec::new(),
    });
}

/// `data` compressed in the zlib format.
///
/// # Errors
/// [`PdfError::Write`] if the compressor fails, which it does not on any input: the output
/// buffer has libdeflate's bound for the input's length.
pub(crate) fn deflate(data: &[u8]) -> Result<Vec<u8>, PdfError> {
    DEFLATER.with_borrow_mut(|d| {
        let bound = d.compressor.zlib_compress_bound(data.len());
        if d.buffer.len() < bound {
            d.buffer.resize(bound, 0);
        }
        let written = d
            .compressor
            .zlib_compress(data, &mut d.buffer)
            .map_err(|e| PdfError::Write(format!("compression failed: {e:?}")))?;
        Ok(d.buffer[..written].to_vec())
    })
}

/// Streams that recur from document to document, kept compressed: the pages of a form that
/// say the same for every issuer (its notes, the sections a return leaves empty) are the same
/// bytes in every return of a bulk run, and compressing them again was a third of the
/// compressor's work there. A stream is kept once it is met a second time, so that a
/// one-return process keeps nothing; at most [`KEPT`] are kept, the least recently used
/// forgotten first, so that memory stays flat however many documents a thread writes.
#[derive(Default)]
struct Recurring {
    /// The hashes of the last [`SEEN`] streams compressed, the oldest overwritten first.
    seen: Vec<u64>,
    /// Where in `seen` the next hash goes once it is full.
    next: usize,
    /// Streams met more than once, the most recently used last.
    kept: Vec<Kept>,
}

/// A recurring stream with its compressed form.
struct Kept {
    hash: u64,
    data: Vec<u8>,
    compressed: Vec<u8>,
}

/// How many recurring streams a thread keeps: a return has about ten pages, of which half
/// recur, and a run mixes layouts and languages.
const KEPT: usize = 32;

/// How many streams a thread remembers having seen.
const SEEN: usize = 256;

thread_local! {
    /// This thread's recurring streams.
    static RECURRING: RefCell<Recurring> = RefCell::default();
}

/// `data` compressed as [`deflate`] does, taken from the streams kept if it recurs.
///
/// # Errors
/// As [`deflate`].
pub(crate) fn deflate_recurring(data: &[u8]) -> Result<Vec<u8>, PdfError> {
    RECURRING.with_borrow_mut(|r| r.deflate(data))
}

impl Recurring {
    /// `data` compressed, from `kept` if there (the bytes compared, not only the hash).
    fn deflate(&mut self, data: &[u8]) -> Result<Vec<u8>, PdfError> {
        let hash = hash_bytes(data);
        if let Some(i) = self
            .kept
            .iter()
            .position(|k| k.hash == hash && k.data == data)
        {
            let kept = self.kept.remove(i);
            let compressed = kept.compressed.clone();
            self.kept.push(kept);
            return Ok(compressed);
        }
        let compressed = deflate(data)?;
        if self.seen.contains(&hash) {
            if self.kept.len() == KEPT {
                self.kept.remove(0);
            }
            self.kept.push(Kept {
                hash,
                data: data.to_vec(),
                compressed: compressed.clone(),
            });
        } else if self.seen.len() < SEEN {
            self.seen.push(hash);
        } else {
            self.seen[self.next] = hash;
            self.next = (self.next + 1) % SEEN;
        }
        Ok(compressed)
    }
}

#[cfg(test)]
mod tests {
    use super::{KEPT, Recurring, SEEN, deflate};

    fn inflate(data: &[u8], len: usize) -> Vec<u8> {
        let mut out = vec![0; len];
        let n = libdeflater::Decompressor::new()
            .zlib_decompress(data, &mut out)
            .expect("valid zlib stream");
        out.truncate(n);
        out
    }

    #[test]
    fn round_trips_and_is_the_same_each_time() {
        let text: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 251) as u8).collect();
        for data in [&b""[..], b"BT /R 9 Tf (x) Tj ET", &text] {
            let once = deflate(data).expect("compresses");
            assert_eq!(inflate(&once, data.len()), data);
            // The reused compressor must not carry anything over from the last stream.
            assert_eq!(deflate(data).expect("compresses"), once);
        }
    }

    #[test]
    fn a_recurring_stream_is_kept_from_its_second_time_and_gives_the_same_bytes() {
        let mut r = Recurring::default();
        let page = b"BT /R 9 Tf 22.11 498.18 Td (Notes) Tj ET".repeat(20);
        let other = b"BT /R 9 Tf 22.11 498.18 Td (Moon Inc.) Tj ET".repeat(20);
        let once = deflate(&page).expect("compresses");
        assert_eq!(r.deflate(&page).expect("compresses"), once);
        assert!(r.kept.is_empty(), "a stream met once is not kept");
        assert_eq!(
            r.deflate(&other).expect("compresses"),
            deflate(&other).expect("compresses")
        );
        assert_eq!(r.deflate(&page).expect("compresses"), once);
        assert_eq!(r.kept.len(), 1);
        assert_eq!(r.kept[0].data, page);
        // Taken from what is kept: the same bytes.
        assert_eq!(r.deflate(&page).expect("compresses"), once);
        assert_eq!(r.kept.len(), 1);
    }

    #[test]
    fn what_a_thread_keeps_is_bounded() {
        let mut r = Recurring::default();
        let stream = |i: usize| format!("stream {i}").into_bytes();
        let mut check = |i: usize| {
            let data = stream(i);
            assert_eq!(
                r.deflate(&data).expect("compresses"),
                deflate(&data).expect("compresses")
            );
        };
        // More streams than are remembered, then the last hundred of them again, twice.
        let last = SEEN + 50;
        (0..last).for_each(&mut check);
        for _ in 0..2 {
            (last - 100..last).for_each(&mut check);
        }
        assert_eq!(r.seen.len(), SEEN);
        assert_eq!(r.kept.len(), KEPT);
    }
}
