//! The `ToUnicode` map of a font subset: which characters each glyph (CID) stands for, so that
//! text extracts as it was given. Written as the PDF specification's minimal `CMap` (ISO
//! 32000-1, 9.10.3), without the PostScript resource comments a `CMap` file carries, and with
//! runs of consecutive glyphs for consecutive characters said once as a range (`bfrange`), as
//! most of a Latin subset is: a third of the bytes of one line per glyph.

use std::fmt::Write;

/// At most this many entries in one `beginbfchar` or `beginbfrange` block (the
/// specification's limit).
const BLOCK: usize = 100;

/// The `CMap` source mapping each CID of `pairs` (ascending) to its character.
pub(super) fn to_unicode(pairs: &[(u16, char)]) -> Vec<u8> {
    let mut ranges: Vec<(u16, u16, char)> = Vec::new();
    let mut singles: Vec<(u16, char)> = Vec::new();
    let mut i = 0;
    while i < pairs.len() {
        let (first, ch) = pairs[i];
        let mut last = i;
        while last + 1 < pairs.len() && continues(pairs[last], pairs[last + 1], first, ch) {
            last += 1;
        }
        if last > i {
            ranges.push((first, pairs[last].0, ch));
        } else {
            singles.push((first, ch));
        }
        i = last + 1;
    }
    let mut out = String::from(concat!(
        "/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n",
        "/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n",
        "/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n",
        "1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n",
    ));
    for block in ranges.chunks(BLOCK) {
        let _ = writeln!(out, "{} beginbfrange", block.len());
        for &(first, last, ch) in block {
            let _ = writeln!(out, "<{first:04X}><{last:04X}><{}>", utf16(ch));
        }
        out.push_str("endbfrange\n");
    }
    for block in singles.chunks(BLOCK) {
        let _ = writeln!(out, "{} beginbfchar", block.len());
        for &(cid, ch) in block {
            let _ = writeln!(out, "<{cid:04X}><{}>", utf16(ch));
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend\n");
    out.into_bytes()
}

/// Whether `next` extends a range that began at CID `first` with character `ch` and has
/// reached `last`: the next CID and the next character, in the basic plane, and the range's
/// CIDs and characters each within one block of 256 (a range steps the last byte only).
fn continues(last: (u16, char), next: (u16, char), first: u16, ch: char) -> bool {
    let (cid, c) = (u32::from(next.0), u32::from(next.1));
    cid == u32::from(last.0) + 1
        && c == u32::from(last.1) + 1
        && c <= 0xFFFF
        && cid >> 8 == u32::from(first) >> 8
        && c >> 8 == u32::from(ch) >> 8
}

/// `ch` in UTF-16 as hexadecimal digits (a surrogate pair beyond the basic plane).
fn utf16(ch: char) -> String {
    let mut units = [0; 2];
    ch.encode_utf16(&mut units)
        .iter()
        .map(|u| format!("{u:04X}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::to_unicode;

    fn body(pairs: &[(u16, char)]) -> String {
        let text = String::from_utf8(to_unicode(pairs)).expect("ASCII");
        let start = text.find("endcodespacerange\n").expect("header") + 18;
        let end = text.find("endcmap").expect("end");
        text[start..end].to_owned()
    }

    #[test]
    fn consecutive_glyphs_for_consecutive_characters_are_one_range() {
        let pairs = [
            (1, 'a'),
            (2, 'b'),
            (3, 'c'),
            (4, 'x'),
            (6, 'y'),
            (7, '\u{2714}'),
        ];
        assert_eq!(
            body(&pairs),
            concat!(
                "1 beginbfrange\n<0001><0003><0061>\nendbfrange\n",
                "3 beginbfchar\n<0004><0078>\n<0006><0079>\n<0007><2714>\nendbfchar\n",
            )
        );
    }

    #[test]
    fn ranges_stay_within_a_block_of_256_and_the_basic_plane() {
        let pairs = [
            (0xFE, '\u{40FE}'),
            (0xFF, '\u{40FF}'),
            (0x100, '\u{4100}'),
            (0x101, '\u{4101}'),
            (0x200, '\u{20000}'),
            (0x201, '\u{20001}'),
        ];
        assert_eq!(
            body(&pairs),
            concat!(
                "2 beginbfrange\n<00FE><00FF><40FE>\n<0100><0101><4100>\nendbfrange\n",
                "2 beginbfchar\n<0200><D840DC00>\n<0201><D840DC01>\nendbfchar\n",
            )
        );
    }

    #[test]
    fn no_block_has_more_than_a_hundred_entries() {
        let pairs: Vec<(u16, char)> = (0..250u16)
            .map(|i| {
                (
                    2 * i,
                    char::from_u32(0x4E00 + 2 * u32::from(i)).expect("char"),
                )
            })
            .collect();
        let text = body(&pairs);
        assert_eq!(text.matches(" beginbfchar").count(), 3);
        assert!(text.starts_with("100 beginbfchar\n"));
        assert!(text.contains("50 beginbfchar\n"));
        assert_eq!(text.lines().filter(|l| l.starts_with('<')).count(), 250);
    }
}
