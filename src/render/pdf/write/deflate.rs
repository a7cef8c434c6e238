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
use crate::render::pdf::recurring::{Key, Recurring};

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

/// How many recurring streams a thread keeps compressed: a return has about ten pages, of which
/// half say the same for every issuer (`recurring`), and a run mixes layouts and languages.
/// Compressing them again was a third of the compressor's work in a bulk run.
const KEPT: usize = 32;

thread_local! {
    /// This thread's recurring streams, compressed.
    static RECURRING: RefCell<Recurring<Vec<u8>>> = const { RefCell::new(Recurring::new(KEPT)) };
}

/// `data` compressed as [`deflate`] does, taken from the streams kept if it recurs.
///
/// # Errors
/// As [`deflate`].
pub(crate) fn deflate_recurring(data: &[u8]) -> Result<Vec<u8>, PdfError> {
    let key = Key::new([b"", data]);
    if let Some(compressed) = RECURRING.with_borrow_mut(|r| r.get(&key)) {
        return Ok(compressed);
    }
    let compressed = deflate(data)?;
    RECURRING.with_borrow_mut(|r| r.met(&key, || compressed.clone()));
    Ok(compressed)
}

#[cfg(test)]
mod tests {
    use super::{deflate, deflate_recurring};

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
    fn a_recurring_stream_gives_the_same_bytes_each_time() {
        let page = b"BT /R 9 Tf 22.11 498.18 Td (Notes) Tj ET".repeat(20);
        let once = deflate(&page).expect("compresses");
        // Met, then kept, then taken from what is kept: the same bytes every time.
        for _ in 0..3 {
            assert_eq!(deflate_recurring(&page).expect("compresses"), once);
        }
    }
}
