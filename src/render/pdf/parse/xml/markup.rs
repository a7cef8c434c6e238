//! The reader's scanning: byte classes, names, start and end tags with their attributes, runs of
//! text, comments and processing instructions. Each moves the reader on and counts the lines
//! it passes; each refuses what is not well-formed XML of the subset read, with its place.

use std::borrow::Cow;

use crate::render::pdf::error::PdfError;
use crate::render::pdf::lines::line_at;
use crate::render::pdf::parse::xml::{Event, Reader, Tag, decode};

/// How deep elements may nest: far beyond any template (a description nests about 8 deep), and
/// shallow enough that the parser's recursion through blocks and runs cannot exhaust a stack.
const MAX_DEPTH: usize = 256;

/// Byte classes: a name's first byte.
pub(super) const NAME_START: u8 = 1;
/// A name's later bytes.
const NAME: u8 = 2;
/// XML whitespace.
const SPACE: u8 = 4;
/// Bytes that end a plain run of text (a line feed: to count lines).
const TEXT_STOP: u8 = 8;
/// Bytes that end a plain run of an attribute value.
const VALUE_STOP: u8 = 16;

/// The class bits of every byte.
static CLASSES: [u8; 256] = classes();

/// Builds [`CLASSES`].
const fn classes() -> [u8; 256] {
    let mut table = [0; 256];
    let mut i = 0;
    while i < 256 {
        #[expect(clippy::cast_possible_truncation, reason = "i < 256")]
        let b = i as u8;
        let mut class = 0;
        if b.is_ascii_alphabetic() || b == b'_' {
            class |= NAME_START | NAME;
        }
        if b.is_ascii_digit() || b == b'-' || b == b'.' {
            class |= NAME;
        }
        if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
            class |= SPACE;
        }
        // Controls other than tab and line feed are errors; U+FFFE and U+FFFF start with 0xEF.
        let control = b < 0x20 && b != b'\t' && b != b'\n';
        if control || matches!(b, b'<' | b'&' | b'\n' | b'\r' | b'>' | 0xEF) {
            class |= TEXT_STOP;
        }
        if b < 0x20 || matches!(b, b'"' | b'\'' | b'<' | b'&' | 0xEF) {
            class |= VALUE_STOP;
        }
        table[i] = class;
        i += 1;
    }
    table
}

/// Whether `b` is in `class`.
pub(super) fn is(b: u8, class: u8) -> bool {
    CLASSES[usize::from(b)] & class != 0
}

/// Whether the bytes at `i` are U+FFFE or U+FFFF, which XML does not allow.
fn is_non_character(bytes: &[u8], i: usize) -> bool {
    matches!(bytes.get(i..i + 3), Some([0xEF, 0xBF, 0xBE | 0xBF]))
}

impl<'a> Reader<'a> {
    /// Skips whitespace; whether there was any.
    pub(super) fn spaces(&mut self) -> bool {
        let bytes = self.text.as_bytes();
        let start = self.pos;
        while self.pos < bytes.len() && is(bytes[self.pos], SPACE) {
            if bytes[self.pos] == b'\n' {
                self.line += 1;
            }
            self.pos += 1;
        }
        self.pos > start
    }

    /// Skips whitespace, comments and processing instructions (outside the root element).
    pub(super) fn misc(&mut self) -> Result<(), PdfError> {
        loop {
            self.spaces();
            match self.rest() {
                [b'<', b'!', b'-', b'-', ..] => {
                    self.skip_past(self.pos + 4, "--", "a comment")?;
                    if self.rest().first() != Some(&b'>') {
                        return Err(self.fail(self.pos, "\"--\" inside a comment".to_owned()));
                    }
                    self.pos += 1;
                }
                [b'<', b'?', ..] => self.instruction(self.pos)?,
                _ => return Ok(()),
            }
        }
    }

    /// Moves past the first `end` at or after `from`, checking the characters before it.
    pub(super) fn skip_past(&mut self, from: usize, end: &str, what: &str) -> Result<(), PdfError> {
        let Some(n) = self.text[from..].find(end) else {
            return Err(self.fail(self.text.len(), format!("{what} is not closed")));
        };
        self.check_chars(from, from + n)?;
        let to = from + n + end.len();
        let skipped = &self.text.as_bytes()[self.pos..to];
        for _ in skipped.iter().filter(|&&b| b == b'\n') {
            self.line += 1;
        }
        self.pos = to;
        Ok(())
    }

    /// Fails at the first character XML does not allow in `start..end`.
    fn check_chars(&mut self, start: usize, end: usize) -> Result<(), PdfError> {
        match self.text[start..end].find(|c| !decode::is_xml_char(c)) {
            Some(i) => Err(self.bad_char(start + i)),
            None => Ok(()),
        }
    }

    /// The error for the character at `pos`, which XML does not allow.
    fn bad_char(&mut self, pos: usize) -> PdfError {
        let c = self.text[pos..].chars().next().unwrap_or_default();
        self.fail(pos, format!("{c:?} is not allowed in XML"))
    }

    /// A processing instruction `<?target ...?>` at `start` (skipped).
    pub(super) fn instruction(&mut self, start: usize) -> Result<(), PdfError> {
        if self.text[start..].starts_with("<?xml ") {
            return Err(self.fail(
                start,
                "an XML declaration is only allowed at the start".to_owned(),
            ));
        }
        self.pos = start + 2;
        self.name()?;
        self.skip_past(self.pos, "?>", "a processing instruction")
    }

    /// A name at the reader's position: an ASCII letter or `_`, then letters, digits, `_`,
    /// `-` and `.`.
    fn name(&mut self) -> Result<&'a str, PdfError> {
        let start = self.pos;
        match self.rest().first() {
            Some(&b) if is(b, NAME_START) => {}
            _ => {
                let message = "expected a name (ASCII letters, digits, _ - .)".to_owned();
                return Err(self.fail(start, message));
            }
        }
        let bytes = self.text.as_bytes();
        self.pos = start + 1;
        while self.pos < bytes.len() && is(bytes[self.pos], NAME) {
            self.pos += 1;
        }
        Ok(&self.text[start..self.pos])
    }

    /// Expects the byte `b` at the reader's position and moves past it; `context` says where,
    /// for the error.
    fn expect(&mut self, b: u8, context: impl FnOnce() -> String) -> Result<(), PdfError> {
        if self.rest().first() == Some(&b) {
            self.pos += 1;
            return Ok(());
        }
        let found = match self.text[self.pos..].chars().next() {
            Some(c) => format!("{c:?}"),
            None => "the end".to_owned(),
        };
        Err(self.fail(
            self.pos,
            format!("expected {:?} {}, found {found}", char::from(b), context()),
        ))
    }

    /// A start tag or empty-element tag at `start`.
    pub(super) fn open_tag(&mut self, start: usize) -> Result<Tag<'a>, PdfError> {
        self.pos = start + 1;
        let name = self.name()?;
        let line = self.line;
        let mut attrs = self.spare.pop().unwrap_or_default();
        loop {
            let spaced = self.spaces();
            match self.rest() {
                [b'>', ..] => {
                    self.pos += 1;
                    break;
                }
                [b'/', ..] => {
                    self.pos += 1;
                    self.expect(b'>', || format!("after / in <{name}>"))?;
                    self.empty = true;
                    break;
                }
                [] => return Err(self.fail(self.pos, format!("<{name}> is not closed by >"))),
                _ if !spaced => {
                    let message = format!("expected a space, / or > in <{name}>");
                    return Err(self.fail(self.pos, message));
                }
                _ => {
                    let at = self.pos;
                    let attr = self.name()?;
                    self.spaces();
                    self.expect(b'=', || format!("after {attr} in <{name}>"))?;
                    self.spaces();
                    let value = self.value(name, attr)?;
                    if attrs.iter().any(|(n, _)| *n == attr) {
                        let message = format!("<{name}> has attribute {attr} twice");
                        return Err(self.fail(at, message));
                    }
                    attrs.push((attr, value));
                }
            }
        }
        if self.open.len() >= MAX_DEPTH {
            let message = format!("<{name}> is nested more than {MAX_DEPTH} elements deep");
            return Err(self.fail(start, message));
        }
        self.open.push((name, start));
        Ok(Tag { name, attrs, line })
    }

    /// A quoted attribute value at the reader's position.
    fn value(&mut self, name: &str, attr: &str) -> Result<Cow<'a, str>, PdfError> {
        let quote = match self.rest().first() {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => return Err(self.fail(self.pos, format!("{attr}= in <{name}> needs a quote"))),
        };
        let bytes = self.text.as_bytes();
        let start = self.pos + 1;
        let mut i = start;
        let mut plain = true;
        loop {
            while i < bytes.len() && !is(bytes[i], VALUE_STOP) {
                i += 1;
            }
            match bytes.get(i) {
                Some(&q) if q == quote => break,
                Some(b'"' | b'\'') => i += 1,
                Some(b'\n') => {
                    plain = false;
                    self.line += 1;
                    i += 1;
                }
                Some(b'&' | b'\t' | b'\r') => {
                    plain = false;
                    i += 1;
                }
                Some(0xEF) if !is_non_character(bytes, i) => i += 1,
                Some(b'<') => {
                    let message = format!("< in the value of {attr}: write &lt;");
                    return Err(self.fail(i, message));
                }
                Some(_) => return Err(self.bad_char(i)),
                None => {
                    let message = format!("the value of {attr} in <{name}> is not closed");
                    return Err(self.fail(start, message));
                }
            }
        }
        self.pos = i + 1;
        let raw = &self.text[start..i];
        if plain {
            Ok(Cow::Borrowed(raw))
        } else {
            decode::attribute(raw)
                .map(Cow::Owned)
                .map_err(|(at, message)| self.fail(start + at, message))
        }
    }

    /// An end tag at `start`, which must close the innermost open element.
    pub(super) fn close_tag(&mut self, start: usize) -> Result<Event<'a>, PdfError> {
        self.pos = start + 2;
        let name = self.name()?;
        self.spaces();
        self.expect(b'>', || format!("in </{name}>"))?;
        match self.open.pop() {
            Some((open, _)) if open == name => Ok(Event::Close),
            Some((open, at)) => {
                let message = format!(
                    "</{name}> where <{open}> of line {} ends",
                    line_at(self.text, at)
                );
                Err(self.fail(start, message))
            }
            None => Err(self.fail(start, format!("</{name}> closes nothing"))),
        }
    }

    /// A run of text at `start`, up to the next `<`.
    pub(super) fn text_run(&mut self, start: usize) -> Result<Event<'a>, PdfError> {
        let bytes = self.text.as_bytes();
        let line = self.line;
        let mut i = start;
        let mut plain = true;
        loop {
            while i < bytes.len() && !is(bytes[i], TEXT_STOP) {
                i += 1;
            }
            match bytes.get(i) {
                None | Some(b'<') => break,
                Some(b'\n') => {
                    self.line += 1;
                    i += 1;
                }
                Some(b'&' | b'\r') => {
                    plain = false;
                    i += 1;
                }
                Some(b'>') if i < start + 2 || &bytes[i - 2..i] != b"]]" => i += 1,
                Some(b'>') => return Err(self.fail(i, "]]> in text: write ]]&gt;".to_owned())),
                Some(0xEF) if !is_non_character(bytes, i) => i += 1,
                Some(_) => return Err(self.bad_char(i)),
            }
        }
        self.pos = i;
        let raw = &self.text[start..i];
        if plain {
            return Ok(Event::Text(Cow::Borrowed(raw), line));
        }
        match decode::text(raw) {
            Ok(text) => Ok(Event::Text(Cow::Owned(text), line)),
            Err((at, message)) => Err(self.fail(start + at, message)),
        }
    }
}
