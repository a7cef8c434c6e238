//! A quick hash for the caches that spare a bulk run work done before (texts already wrapped,
//! page contents already compressed): the multiply-and-rotate of rustc's own hasher, eight
//! bytes at a time. It only finds an entry, which is then compared in full, so a collision
//! costs a second look and never a wrong result. std's `SipHash`, made to resist inputs chosen
//! to collide, hashed each text twice (the text, then its hash as the map's key) and was 1.5% of
//! a bulk run's instructions.

use std::hash::{BuildHasherDefault, Hasher};

/// The hasher; `Default` starts it.
#[derive(Clone, Copy, Default)]
pub(crate) struct Quick(u64);

/// For `HashMap`s keyed by a [`Quick`] hash.
pub(crate) type QuickState = BuildHasherDefault<Quick>;

impl Quick {
    /// Mixes in one word.
    fn add(&mut self, word: u64) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for Quick {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The hash of `parts` one after another, each one's length included (so that `("ab", "c")`
/// is not `("a", "bc")`).
pub(crate) fn hash_parts(parts: &[&[u8]]) -> u64 {
    let mut h = Quick::default();
    for part in parts {
        h.write_usize(part.len());
        h.write(part);
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::hash_parts;

    fn hash_bytes(bytes: &[u8]) -> u64 {
        hash_parts(&[bytes])
    }

    #[test]
    fn every_byte_and_the_length_count() {
        let base = b"BT /R 9 Tf 22.11 498.18 Td (Notes) Tj ET".to_vec();
        let h = hash_bytes(&base);
        assert_eq!(
            h,
            hash_bytes(&base.clone()),
            "the same bytes, the same hash"
        );
        for i in 0..base.len() {
            let mut changed = base.clone();
            changed[i] ^= 1;
            assert_ne!(hash_bytes(&changed), h, "byte {i}");
        }
        // Trailing zero bytes are padding of the last word only with the length beside them.
        assert_ne!(hash_bytes(b"ab"), hash_bytes(b"ab\0"));
        assert_ne!(hash_bytes(b""), hash_bytes(b"\0"));
        assert_ne!(hash_parts(&[b"ab", b"c"]), hash_parts(&[b"a", b"bc"]));
    }
}
