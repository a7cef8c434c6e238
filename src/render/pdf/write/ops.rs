//! The few content stream operators a return needs, written straight into bytes.
//!
//! Every number is a whole number of hundredths of a point (or of a colour level), written
//! as the shortest decimal: `22.11`, `0.5`, `841.89`, `3`. Formatting floats was a tenth of
//! the cost of writing a page; integers are exact and cheap.

/// A content stream being written.
#[derive(Default)]
pub(super) struct Ops(Vec<u8>);

impl Ops {
    /// An empty stream with room for `capacity` bytes.
    pub(super) fn with_capacity(capacity: usize) -> Self {
        Self(Vec::with_capacity(capacity))
    }

    /// The bytes written.
    pub(super) fn finish(self) -> Vec<u8> {
        self.0
    }

    /// Writes `h` hundredths as a decimal, followed by a space.
    fn num(&mut self, h: i64) {
        // Written from the right into one buffer, two digits at a time: the sign, at most 18
        // digits of whole points (a u64 over a hundred), the point and two decimals, and the
        // space. A page has some two thousand numbers.
        let mut buf = [0u8; 24];
        let mut at = buf.len() - 1;
        buf[at] = b' ';
        let (mut whole, frac) = (h.unsigned_abs() / 100, h.unsigned_abs() % 100);
        if frac != 0 {
            let [tens, units] = pair(frac);
            if units != b'0' {
                at -= 1;
                buf[at] = units;
            }
            at -= 2;
            buf[at..at + 2].copy_from_slice(&[b'.', tens]);
        }
        while whole >= 100 {
            at -= 2;
            buf[at..at + 2].copy_from_slice(&pair(whole % 100));
            whole /= 100;
        }
        if whole >= 10 {
            at -= 2;
            buf[at..at + 2].copy_from_slice(&pair(whole));
        } else {
            at -= 1;
            buf[at] = b'0' + whole as u8;
        }
        if h < 0 {
            at -= 1;
            buf[at] = b'-';
        }
        self.0.extend_from_slice(&buf[at..]);
    }

    /// Writes an operator and ends the line.
    fn op(&mut self, op: &[u8]) {
        self.0.extend_from_slice(op);
        self.0.push(b'\n');
    }

    /// `rg` (fill) and `RG` (stroke): a grey level in hundredths as RGB.
    pub(super) fn rgb(&mut self, level: i64, stroke: bool) {
        for _ in 0..3 {
            self.num(level);
        }
        self.op(if stroke { b"RG" } else { b"rg" });
    }

    /// `w`: line width.
    pub(super) fn line_width(&mut self, w: i64) {
        self.num(w);
        self.op(b"w");
    }

    /// `m`: begins a subpath.
    pub(super) fn move_to(&mut self, x: i64, y: i64) {
        self.num(x);
        self.num(y);
        self.op(b"m");
    }

    /// `l`: a straight segment.
    pub(super) fn line_to(&mut self, x: i64, y: i64) {
        self.num(x);
        self.num(y);
        self.op(b"l");
    }

    /// `re`: a rectangle from its lower left corner.
    pub(super) fn rect(&mut self, x: i64, y: i64, w: i64, h: i64) {
        for n in [x, y, w, h] {
            self.num(n);
        }
        self.op(b"re");
    }

    /// `S`: strokes the path.
    pub(super) fn stroke(&mut self) {
        self.op(b"S");
    }

    /// `f`: fills the path.
    pub(super) fn fill(&mut self) {
        self.op(b"f");
    }

    /// `BT`: begins a text object.
    pub(super) fn begin_text(&mut self) {
        self.op(b"BT");
    }

    /// `ET`: ends it.
    pub(super) fn end_text(&mut self) {
        self.op(b"ET");
    }

    /// `Tf`: the font resource `name` at `size` hundredths of a point.
    pub(super) fn font(&mut self, name: &str, size: i64) {
        self.0.push(b'/');
        self.0.extend_from_slice(name.as_bytes());
        self.0.push(b' ');
        self.num(size);
        self.op(b"Tf");
    }

    /// `Td`: moves to the start of the next line, relative to the current one.
    pub(super) fn next_line(&mut self, dx: i64, dy: i64) {
        self.num(dx);
        self.num(dy);
        self.op(b"Td");
    }

    /// `Tj`: shows glyphs by their codes, as a literal string; the codes are taken as they are
    /// looked up, and the first that fails is returned.
    pub(super) fn show<E>(
        &mut self,
        codes: impl Iterator<Item = Result<Code, E>>,
    ) -> Result<(), E> {
        // Set out in a buffer on the stack and added a buffer at a time: a byte at a time,
        // the stream's length and capacity were checked twice for every glyph of the page.
        let mut buf = [0u8; 256];
        buf[0] = b'(';
        let mut n = 1;
        for code in codes {
            let code = code?;
            if n > buf.len() - 4 {
                self.0.extend_from_slice(&buf[..n]);
                n = 0;
            }
            buf[n..n + 4].copy_from_slice(&code.bytes);
            n += usize::from(code.len);
        }
        self.0.extend_from_slice(&buf[..n]);
        self.0.extend_from_slice(b") Tj\n");
        Ok(())
    }
}

/// A two-byte glyph code as a literal string holds it: its bytes, with a backslash before each
/// that must have one (at most four bytes). Made once for each ASCII character of a subset.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Code {
    /// The bytes, of which the first `len` are the code's.
    bytes: [u8; 4],
    /// How many of them; 0 for no code at all.
    len: u8,
}

impl Code {
    /// Glyph code `code` escaped for a literal string.
    pub(super) fn new(code: u16) -> Self {
        let mut out = Self::default();
        for byte in code.to_be_bytes() {
            if matches!(byte, b'(' | b')' | b'\\' | b'\r') {
                out.push(b'\\');
                out.push(if byte == b'\r' { b'r' } else { byte });
            } else {
                out.push(byte);
            }
        }
        out
    }

    /// Adds a byte.
    fn push(&mut self, byte: u8) {
        self.bytes[usize::from(self.len)] = byte;
        self.len += 1;
    }

    /// Whether this is a code (and not the empty [`Code::default`]).
    pub(super) fn is_some(self) -> bool {
        self.len != 0
    }
}

/// The two decimal digits of `n` (below 100).
fn pair(n: u64) -> [u8; 2] {
    [b'0' + (n / 10) as u8, b'0' + (n % 10) as u8]
}

#[cfg(test)]
mod tests {
    use super::{Code, Ops};

    fn written(f: impl FnOnce(&mut Ops)) -> String {
        let mut ops = Ops::default();
        f(&mut ops);
        String::from_utf8_lossy(&ops.finish()).into_owned()
    }

    #[test]
    fn numbers_are_shortest_decimals() {
        let text = written(|o| o.rect(2211, 50, -150, 84189));
        assert_eq!(text, "22.11 0.5 -1.5 841.89 re\n");
        assert_eq!(written(|o| o.line_to(0, 300)), "0 3 l\n");
        assert_eq!(written(|o| o.next_line(-5, 7)), "-0.05 0.07 Td\n");
        for h in (-100_000..100_000).chain([i64::MIN + 1, i64::MAX - 1, 1 << 40, -(1 << 50)]) {
            let (sign, abs) = (if h < 0 { "-" } else { "" }, h.unsigned_abs());
            let decimals = format!("{:02}", abs % 100);
            let decimals = decimals.trim_end_matches('0');
            let want = match decimals {
                "" => format!("{sign}{} 0 Td\n", abs / 100),
                d => format!("{sign}{}.{d} 0 Td\n", abs / 100),
            };
            assert_eq!(written(|o| o.next_line(h, 0)), want);
        }
        assert_eq!(
            written(|o| o.next_line(i64::MIN, i64::MAX)),
            "-92233720368547758.08 92233720368547758.07 Td\n"
        );
    }

    #[test]
    fn strings_escape_what_a_literal_must() {
        // 0x0028 '(' , 0x0029 ')', 0x005C '\', 0x000D CR, 0x0041 'A'.
        let codes = [0x28, 0x29, 0x5C, 0x0D, 0x41].map(|c| Ok::<Code, ()>(Code::new(c)));
        let text = written(|o| o.show(codes.into_iter()).expect("no failing code"));
        assert_eq!(text, "(\0\\(\0\\)\0\\\\\0\\r\0A) Tj\n");
        assert_eq!(written(|o| o.font("R", 1100)), "/R 11 Tf\n");
        // Longer than the buffer the string is set out in, escapes across its refills.
        let codes: Vec<u16> = (0..500)
            .map(|i| if i % 3 == 0 { 0x5C28 } else { 0x0041 })
            .collect();
        let want: String = codes
            .iter()
            .map(|&c| if c == 0x5C28 { "\\\\\\(" } else { "\0A" })
            .collect();
        let text = written(|o| {
            o.show(codes.iter().map(|&c| Ok::<Code, ()>(Code::new(c))))
                .expect("shown")
        });
        assert_eq!(text, format!("({want}) Tj\n"));
    }
}
