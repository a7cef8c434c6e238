//! A streaming reader of the XML a description is written in, handing the parser one event at a
//! time (an element opened with its attributes, a text, an element closed) so that the typed
//! tree is built without a DOM first.
//!
//! It reads the subset templates need: elements, attributes in double or single quotes, text,
//! the five predefined entities and numeric character references, comments and processing
//! instructions (skipped), an XML declaration and a byte order mark. Anything else (a DTD,
//! CDATA, namespace prefixes, a name outside ASCII) is an error, as is any malformed XML,
//! each naming its line. What it reads it reads as roxmltree does (the tests compare them).

mod decode;
mod markup;

use std::borrow::Cow;

use crate::render::pdf::error::PdfError;
use crate::render::pdf::lines::line_at;
use crate::render::pdf::parse::xml::markup::{NAME_START, is};

/// A start tag: the element's name, its attributes and its line.
#[derive(Debug)]
pub(crate) struct Tag<'a> {
    /// Element name.
    pub(crate) name: &'a str,
    /// Attributes in the order written, values as read (references replaced).
    pub(crate) attrs: Attrs<'a>,
    /// 1-based line of the tag's `<`.
    pub(crate) line: u32,
}

impl Tag<'_> {
    /// The value of attribute `name`, if given.
    pub(crate) fn attribute(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_ref())
    }
}

/// One step through the description.
#[derive(Debug)]
pub(crate) enum Event<'a> {
    /// A start tag (or an empty-element tag, which is followed by its `Close`).
    Open(Tag<'a>),
    /// Text between tags, references replaced, and the line it starts on.
    Text(Cow<'a, str>, u32),
    /// A comment or processing instruction (which ends a text, as in roxmltree).
    Other,
    /// The end of the innermost open element.
    Close,
}

/// The reader: a position in the description and the elements open there.
pub(crate) struct Reader<'a> {
    /// The description.
    text: &'a str,
    /// The next byte to read.
    pos: usize,
    /// The 1-based line of the byte at `pos`, counted as the reader moves on.
    line: u32,
    /// The open elements, outermost first: name and offset of the `<`.
    open: Vec<(&'a str, usize)>,
    /// The last tag was an empty-element tag, whose `Close` is next.
    empty: bool,
    /// An error of the XML was returned: the reader is not to be trusted further.
    failed: bool,
    /// Attribute lists of tags done with ([`Reader::recycle`]), reused by the next tags.
    spare: Vec<Attrs<'a>>,
}

/// The attributes of a tag.
type Attrs<'a> = Vec<(&'a str, Cow<'a, str>)>;

impl<'a> Reader<'a> {
    /// A reader at the start of `text`.
    pub(crate) fn new(text: &'a str) -> Self {
        Self {
            text,
            pos: 0,
            line: 1,
            open: Vec::with_capacity(16),
            empty: false,
            failed: false,
            spare: Vec::new(),
        }
    }

    /// Reads up to and including the root element's start tag.
    ///
    /// # Errors
    /// [`PdfError::Description`] when the text before it is not a byte order mark, an XML
    /// declaration, comments and processing instructions, or there is no root element.
    pub(crate) fn root(&mut self) -> Result<Tag<'a>, PdfError> {
        if self.text.starts_with('\u{FEFF}') {
            self.pos = '\u{FEFF}'.len_utf8();
        }
        if self.rest().starts_with(b"<?xml ") {
            self.skip_past(self.pos, "?>", "the XML declaration")?;
        }
        self.misc()?;
        match self.rest() {
            [] => Err(self.fail(self.pos, "no root element".to_owned())),
            [b'<', b, ..] if is(*b, NAME_START) => self.open_tag(self.pos),
            [b'<', b'!', ..] => Err(self.fail(
                self.pos,
                "a document type declaration is not supported".to_owned(),
            )),
            _ => Err(self.fail(self.pos, "expected the root element".to_owned())),
        }
    }

    /// Reads after the root element's end tag: only whitespace, comments and processing
    /// instructions may follow.
    ///
    /// # Errors
    /// [`PdfError::Description`] for anything else.
    pub(crate) fn finish(&mut self) -> Result<(), PdfError> {
        self.misc()?;
        if self.pos < self.text.len() {
            return Err(self.fail(self.pos, "text after the root element".to_owned()));
        }
        Ok(())
    }

    /// The next event inside the open elements.
    ///
    /// # Errors
    /// [`PdfError::Description`] for malformed XML, XML outside the subset read, or the end
    /// of the text with elements still open.
    pub(crate) fn next(&mut self) -> Result<Event<'a>, PdfError> {
        if self.empty {
            self.empty = false;
            self.open.pop();
            return Ok(Event::Close);
        }
        let start = self.pos;
        match self.rest() {
            [] => Err(self.unclosed()),
            [b'<', b'/', ..] => self.close_tag(start),
            [b'<', b'!', b'-', b'-', ..] => {
                self.skip_past(start + 4, "--", "a comment")?;
                match self.rest().first() {
                    Some(b'>') => {
                        self.pos += 1;
                        Ok(Event::Other)
                    }
                    _ => Err(self.fail(self.pos, "\"--\" inside a comment".to_owned())),
                }
            }
            [b'<', b'!', ..] => Err(self.fail(
                start,
                "CDATA and declarations are not supported: escape text with &lt; and &amp;"
                    .to_owned(),
            )),
            [b'<', b'?', ..] => self.instruction(start).map(|()| Event::Other),
            [b'<', ..] => self.open_tag(start).map(Event::Open),
            _ => self.text_run(start),
        }
    }

    /// The next child element of the innermost open element, text and comments skipped;
    /// `None` once that element is closed.
    ///
    /// # Errors
    /// As [`Reader::next`].
    pub(crate) fn child(&mut self) -> Result<Option<Tag<'a>>, PdfError> {
        loop {
            match self.next()? {
                Event::Open(tag) => return Ok(Some(tag)),
                Event::Close => return Ok(None),
                Event::Text(..) | Event::Other => {}
            }
        }
    }

    /// How many elements are open.
    pub(crate) fn depth(&self) -> usize {
        self.open.len()
    }

    /// Reads on until only `depth` elements are open: skips the rest of the elements inside.
    ///
    /// # Errors
    /// As [`Reader::next`].
    pub(crate) fn skip_to(&mut self, depth: usize) -> Result<(), PdfError> {
        while self.open.len() > depth {
            self.next()?;
        }
        Ok(())
    }

    /// Skips the rest of the innermost open element, its end tag included.
    ///
    /// # Errors
    /// As [`Reader::next`].
    pub(crate) fn skip(&mut self) -> Result<(), PdfError> {
        self.skip_to(self.open.len().saturating_sub(1))
    }

    /// The text of the innermost open element, from its `<` to the end of the first end tag
    /// of its name after it, if the element is not empty and such a tag is found. Found by
    /// looking for the end tag only: what the element holds is not read, so a comment could
    /// contain the end tag, and the caller must know the text read as an element before
    /// trusting it ([`Reader::jump_past`]).
    pub(crate) fn candidate_element(&self) -> Option<&'a str> {
        let &(name, start) = self.open.last()?;
        if self.empty {
            return None;
        }
        let bytes = self.text.as_bytes();
        let end_tag = format!("</{name}");
        let finder = memchr::memmem::Finder::new(end_tag.as_bytes());
        let mut from = self.pos;
        loop {
            let mut end = from + finder.find(bytes.get(from..)?)? + end_tag.len();
            from = end;
            while matches!(bytes.get(end), Some(b' ' | b'\t' | b'\r' | b'\n')) {
                end += 1;
            }
            if bytes.get(end) == Some(&b'>') {
                return self.text.get(start..=end);
            }
        }
    }

    /// Moves past the innermost open element, whose whole text `element` is (as
    /// [`Reader::candidate_element`] gave it), without reading it: for an element whose text
    /// the caller knows was read whole, and well formed, as the same element before.
    pub(crate) fn jump_past(&mut self, element: &str) {
        let Some(&(_, start)) = self.open.last() else {
            return;
        };
        let end = (start + element.len()).min(self.text.len());
        let skipped = &self.text.as_bytes()[self.pos.min(end)..end];
        let lines = memchr::memchr_iter(b'\n', skipped).count();
        self.line = self
            .line
            .saturating_add(u32::try_from(lines).unwrap_or(u32::MAX));
        self.pos = end;
        self.open.pop();
    }

    /// The text from byte `start` to where the reader is.
    pub(crate) fn text_since(&self, start: usize) -> &'a str {
        self.text.get(start..self.pos).unwrap_or_default()
    }

    /// Where the innermost open element's `<` is.
    pub(crate) fn element_start(&self) -> usize {
        self.open.last().map_or(0, |&(_, at)| at)
    }

    /// The text read so far.
    pub(crate) fn read_so_far(&self) -> &'a str {
        self.text.get(..self.pos).unwrap_or_default()
    }

    /// Takes back a tag the caller is done with, so that its attribute list serves again
    /// (a tag not given back only costs an allocation).
    pub(crate) fn recycle(&mut self, tag: Tag<'a>) {
        let mut attrs = tag.attrs;
        attrs.clear();
        self.spare.push(attrs);
    }

    /// Whether an error of the XML has been returned.
    pub(crate) fn failed(&self) -> bool {
        self.failed
    }

    /// After an error in what the XML says: the first error of the XML itself in the rest of
    /// the text, if any, which comes first (malformed XML is reported as such wherever it is).
    pub(crate) fn later_xml_error(&mut self) -> Option<PdfError> {
        if self.failed {
            return None;
        }
        self.skip_to(0).and_then(|()| self.finish()).err()
    }

    /// The bytes not yet read.
    fn rest(&self) -> &'a [u8] {
        &self.text.as_bytes()[self.pos..]
    }

    /// An error at byte `pos`; the reader is done.
    fn fail(&mut self, pos: usize, message: String) -> PdfError {
        self.failed = true;
        PdfError::Description {
            line: line_at(self.text, pos),
            message,
        }
    }

    /// The error for the end of the text inside an element.
    fn unclosed(&mut self) -> PdfError {
        let message = match self.open.last() {
            Some(&(name, at)) => {
                format!("<{name}> of line {} is not closed", line_at(self.text, at))
            }
            None => "the description ends inside its root element".to_owned(),
        };
        self.fail(self.text.len(), message)
    }
}

#[cfg(test)]
pub(crate) mod tests;
