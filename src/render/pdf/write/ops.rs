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
        if h < 0 {
            self.0.push(b'-');
        }
        let (whole, frac) = (h.unsigned_abs() / 100, h.unsigned_abs() % 100);
        self.digits(whole);
        if frac != 0 {
            self.0.push(b'.');
            self.0.push(b'0' + (frac / 10) as u8);
            if frac % 10 != 0 {
                self.0.push(b'0' + (frac % 10) as u8);
            }
        }
        self.0.push(b' ');
    }

    /// Writes the decimal digits of `n`.
    fn digits(&mut self, n: u64) {
        let mut buf = [0u8; 20];
        let mut i = buf.len();
        let mut n = n;
        loop {
            i -= 1;
            buf[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.0.extend_from_slice(&buf[i..]);
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

    /// `Tj`: shows glyphs by their two-byte codes, as a literal string.
    pub(super) fn show(&mut self, codes: &[u16]) {
        self.0.push(b'(');
        for byte in codes.iter().flat_map(|c| c.to_be_bytes()) {
            match byte {
                b'(' | b')' | b'\\' => self.0.extend_from_slice(&[b'\\', byte]),
                b'\r' => self.0.extend_from_slice(b"\\r"),
                _ => self.0.push(byte),
            }
        }
        self.0.extend_from_slice(b") ");
        self.op(b"Tj");
    }
}

#[cfg(test)]
mod tests {
    use super::Ops;

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
    }

    #[test]
    fn strings_escape_what_a_literal_must() {
        // 0x0028 '(' , 0x0029 ')', 0x005C '\', 0x000D CR, 0x0041 'A'.
        let text = written(|o| o.show(&[0x28, 0x29, 0x5C, 0x0D, 0x41]));
        assert_eq!(text, "(\0\\(\0\\)\0\\\\\0\\r\0A) Tj\n");
        assert_eq!(written(|o| o.font("R", 1100)), "/R 11 Tf\n");
    }
}
