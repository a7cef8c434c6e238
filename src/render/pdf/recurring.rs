//! Work that recurs from document to document, done once a thread: the pages of a form that say
//! the same for every issuer (its notes, the sections a return leaves empty) are the same
//! description and the same content bytes in every return of a bulk run. A [`Recurring`] keeps
//! a result once its key is met a second time, so that a one-return process keeps nothing; it
//! keeps a bounded number, the least recently used forgotten first, so that memory stays flat
//! however many documents a thread makes. A key is found by its hash and then compared byte for
//! byte, so a collision costs a second look, never a wrong result.

use crate::render::pdf::quick::hash_parts;

/// How many keys a [`Recurring`] remembers having met.
const SEEN: usize = 256;

/// A key: its parts, one after another, and their hash.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Key<'a> {
    parts: [&'a [u8]; 2],
    hash: u64,
}

impl<'a> Key<'a> {
    /// The key of `parts` (each part's length counts, so `("ab", "c")` is not `("a", "bc")`).
    pub(crate) fn new(parts: [&'a [u8]; 2]) -> Self {
        Self {
            parts,
            hash: hash_parts(&parts),
        }
    }

    /// Whether `kept` is this key.
    fn is(&self, kept: &Kept<impl Sized>) -> bool {
        kept.hash == self.hash && kept.parts.iter().map(AsRef::as_ref).eq(self.parts)
    }
}

/// A result kept, with its key.
struct Kept<V> {
    hash: u64,
    parts: [Box<[u8]>; 2],
    value: V,
}

/// What a thread keeps of one kind of recurring work: the keys met lately, and the results of
/// those met more than once.
pub(crate) struct Recurring<V> {
    /// The hashes of the last [`SEEN`] keys met, the oldest overwritten first.
    seen: Vec<u64>,
    /// Where in `seen` the next hash goes once it is full.
    next: usize,
    /// The results kept, the most recently used last.
    kept: Vec<Kept<V>>,
    /// How many results are kept at most.
    room: usize,
}

impl<V: Clone> Recurring<V> {
    /// Keeps at most `room` results.
    pub(crate) const fn new(room: usize) -> Self {
        Self {
            seen: Vec::new(),
            next: 0,
            kept: Vec::new(),
            room,
        }
    }

    /// The result kept for `key`, if any (it becomes the most recently used).
    pub(crate) fn get(&mut self, key: &Key<'_>) -> Option<V> {
        let i = self.kept.iter().position(|k| key.is(k))?;
        let kept = self.kept.remove(i);
        let value = kept.value.clone();
        self.kept.push(kept);
        Some(value)
    }

    /// Records that `key` gave the result `value`: kept if the key was met before, else
    /// remembered as met. `value` is called only to keep it.
    pub(crate) fn met(&mut self, key: &Key<'_>, value: impl FnOnce() -> V) {
        if self.kept.iter().any(|k| key.is(k)) {
            return;
        }
        if self.seen.contains(&key.hash) {
            if self.kept.len() == self.room {
                self.kept.remove(0);
            }
            self.kept.push(Kept {
                hash: key.hash,
                parts: key.parts.map(Box::from),
                value: value(),
            });
        } else if self.seen.len() < SEEN {
            self.seen.push(key.hash);
        } else {
            self.seen[self.next] = key.hash;
            self.next = (self.next + 1) % SEEN;
        }
    }

    /// How many results are kept.
    pub(crate) fn kept(&self) -> usize {
        self.kept.len()
    }
}

#[cfg(test)]
mod tests {
    use super::{Key, Recurring, SEEN};

    /// What `r` gives for `key`, computing `value` (and recording it) when it keeps nothing.
    fn through(r: &mut Recurring<String>, key: &[u8], value: &str) -> String {
        let key = Key::new([b"", key]);
        r.get(&key).unwrap_or_else(|| {
            r.met(&key, || value.to_owned());
            value.to_owned()
        })
    }

    #[test]
    fn a_result_is_kept_from_the_second_meeting_and_found_by_its_whole_key() {
        let mut r = Recurring::new(4);
        assert_eq!(through(&mut r, b"notes", "laid"), "laid");
        assert_eq!(r.kept(), 0, "a key met once is not kept");
        assert_eq!(through(&mut r, b"other", "other"), "other");
        assert_eq!(through(&mut r, b"notes", "laid"), "laid");
        assert_eq!(r.kept(), 1);
        // Kept: the result recorded, not the one offered.
        assert_eq!(through(&mut r, b"notes", "again"), "laid");
        assert_eq!(r.kept(), 1);
        // The parts are told apart by their lengths.
        let split = Key::new([b"no", b"tes"]);
        assert!(r.get(&split).is_none());
        assert!(r.get(&Key::new([b"", b"notes"])).is_some());
    }

    #[test]
    fn what_is_kept_is_bounded_and_the_least_recently_used_goes_first() {
        let mut r = Recurring::new(3);
        let key = |i: usize| format!("section {i}");
        let value = |i: usize| format!("pages of {i}");
        // More keys than are remembered, then the last hundred of them again, twice.
        let last = SEEN + 50;
        for round in 0..3 {
            let from = if round == 0 { 0 } else { last - 100 };
            for i in from..last {
                assert_eq!(through(&mut r, key(i).as_bytes(), &value(i)), value(i));
            }
        }
        assert_eq!(r.seen.len(), SEEN);
        assert_eq!(r.kept(), 3);
        let kept: Vec<&str> = r.kept.iter().map(|k| k.value.as_str()).collect();
        assert_eq!(kept, [value(last - 3), value(last - 2), value(last - 1)]);
        // Used, one goes to the end of the line.
        assert!(r.get(&Key::new([b"", key(last - 3).as_bytes()])).is_some());
        assert_eq!(r.kept[2].value, value(last - 3));
    }
}
