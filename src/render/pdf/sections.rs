//! The sections a thread has laid out lately, for the next documents: a `<page>` that says the
//! same in every return (its notes, the parts a return leaves empty) makes the same pages in
//! every return with the same head (page size, margins, style), so that `parse` can take them
//! instead of reading the section, and `layout` instead of placing it. Here rather than in either,
//! so that the parser does not reach into the layout engine: `layout` records, `parse` looks up.

use std::cell::RefCell;

use crate::render::pdf::doc::Laid;
use crate::render::pdf::recurring::{Key, Recurring};

/// How many sections laid out a thread keeps: a return has about ten, of which half say the
/// same for every issuer, and a run mixes layouts and languages.
const KEPT: usize = 32;

thread_local! {
    /// This thread's recurring sections, laid out.
    static SECTIONS: RefCell<Recurring<Laid>> = const { RefCell::new(Recurring::new(KEPT)) };
}

/// The pages that the section of `key` (the description up to the end of its root tag, and
/// the section's text) made in a document laid out lately on this thread, if it recurs: the
/// same text on the same pages makes the same pages, so the section need be neither read nor
/// laid out again.
pub(crate) fn laid_before(key: &Key<'_>) -> Option<Laid> {
    SECTIONS.with_borrow_mut(|kept| kept.get(key))
}

/// Whether this thread keeps any section laid out (see [`laid_before`]).
pub(crate) fn keeps_any() -> bool {
    SECTIONS.with_borrow(|kept| kept.kept() > 0)
}

/// Records that the section of `key` was laid out as `laid` (called only to keep it).
pub(crate) fn record(key: &Key<'_>, laid: impl FnOnce() -> Laid) {
    SECTIONS.with_borrow_mut(|kept| kept.met(key, laid));
}
