//! Flate compression of PDF streams, with compressors kept per thread and reset between
//! streams rather than built anew: a compressor's tables are hundreds of kilobytes, and
//! allocating and clearing them for each of a document's dozen streams cost more than the
//! compression itself.
//!
//! Two efforts: page contents and font subsets are compressed fast (with their hinting gone,
//! level 9 made the common subsets only 0.2 KB smaller a face, for 2 million instructions in
//! every process); the colour profile, 1 KB compressed once per process, as small as flate can.

use std::cell::RefCell;

use flate2::{Compress, Compression, FlushCompress, Status};

use crate::render::pdf::error::PdfError;

/// How hard to compress.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Effort {
    /// Level 2, for what each document compresses anew. Level 1 (`zlib-rs`' quick strategy,
    /// fixed Huffman codes) leaves Moon's page contents (33 KB of operators on 10 pages) 3 KB
    /// larger, for 1.7 million instructions less; levels 3 and 4 save another 0.6 KB for 0.5
    /// million more.
    Fast,
    /// Level 9, for the colour profile.
    Small,
}

/// The level of [`Effort::Fast`].
const FAST_LEVEL: u32 = 2;

thread_local! {
    /// This thread's compressors (zlib format, as `FlateDecode` expects), by effort.
    static FAST: RefCell<Compress> =
        RefCell::new(Compress::new(Compression::new(FAST_LEVEL), true));
    /// See [`FAST`].
    static SMALL: RefCell<Compress> = RefCell::new(Compress::new(Compression::best(), true));
}

/// `data` compressed in the zlib format.
///
/// # Errors
/// [`PdfError::Write`] if the compressor fails, which it does not on any input.
pub(crate) fn deflate(data: &[u8], effort: Effort) -> Result<Vec<u8>, PdfError> {
    let compressor = match effort {
        Effort::Fast => &FAST,
        Effort::Small => &SMALL,
    };
    compressor.with_borrow_mut(|c| {
        c.reset();
        let mut out = Vec::with_capacity(data.len() / 4 + 64);
        loop {
            let consumed = usize::try_from(c.total_in()).unwrap_or(data.len());
            let rest = data.get(consumed..).unwrap_or_default();
            let status = c
                .compress_vec(rest, &mut out, FlushCompress::Finish)
                .map_err(|e| PdfError::Write(format!("compression failed: {e}")))?;
            match status {
                Status::StreamEnd => return Ok(out),
                Status::Ok | Status::BufError => out.reserve(out.capacity().max(64)),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::{Effort, deflate};
    use std::io::Read;

    fn inflate(data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(data)
            .read_to_end(&mut out)
            .expect("valid zlib stream");
        out
    }

    #[test]
    fn round_trips_and_is_the_same_each_time() {
        let text: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 251) as u8).collect();
        for effort in [Effort::Fast, Effort::Small] {
            for data in [&b""[..], b"BT /R 9 Tf (x) Tj ET", &text] {
                let once = deflate(data, effort).expect("compresses");
                assert_eq!(inflate(&once), data);
                // The reused compressor must not carry anything over from the last stream.
                assert_eq!(deflate(data, effort).expect("compresses"), once);
            }
        }
    }
}
