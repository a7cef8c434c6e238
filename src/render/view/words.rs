//! The wording a view is built with: one wording, or the text's and the PDF's together, so that
//! `bulk` builds one view for both formats of a return where the two print its cells alike
//! ([`super::view_for_both`]).

use std::cell::Cell;

use crate::render::labels::{Language, Wording};

/// One wording, or one checked against another as it is read.
pub(crate) struct Words<'w> {
    /// The wording the view prints.
    wording: &'w Wording,
    /// Another format's wording of the same language, whose labels the view must print alike.
    other: Option<&'w Wording>,
    /// Whether a label the view read words differently in `other`.
    differs: Cell<bool>,
}

impl<'w> Words<'w> {
    /// The wording `wording` alone.
    pub(crate) fn one(wording: &'w Wording) -> Self {
        Self {
            wording,
            other: None,
            differs: Cell::new(false),
        }
    }

    /// `wording`, noting whether any label read from it words differently in `other`.
    pub(crate) fn both(wording: &'w Wording, other: &'w Wording) -> Self {
        Self {
            other: Some(other),
            ..Self::one(wording)
        }
    }

    /// The label `id` ([`Wording::get`]).
    pub(crate) fn get(&self, id: &str) -> &'w str {
        let text = self.wording.get(id);
        if self.other.is_some_and(|other| other.get(id) != text) {
            self.differs.set(true);
        }
        text
    }

    /// How the language writes dates and which texts it prints.
    pub(crate) fn language(&self) -> &'w Language {
        &self.wording.language
    }

    /// The wording itself.
    pub(crate) fn wording(&self) -> &'w Wording {
        self.wording
    }

    /// Whether a label read so far words differently in the other wording.
    pub(crate) fn differs(&self) -> bool {
        self.differs.get()
    }
}
