//! Converting byte offsets to and from characters, lines and columns.
//!
//! The analysis speaks bytes. The command line prints code points and 1-based columns; LSP
//! clients count UTF-16 code units unless they negotiate UTF-8 or UTF-32. Lines end at `\n`,
//! `\r\n` or `\r`, as the LSP specification says.

/// How columns are counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

impl Encoding {
    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }

    /// The units of `text` in this encoding. Counts bytes rather than decoding characters (a
    /// loop the compiler vectorises): every byte that is not a continuation byte starts a
    /// character, and a four-byte character takes two UTF-16 units.
    fn units(self, text: &str) -> usize {
        let bytes = text.as_bytes();
        let starts = || bytes.iter().map(|&b| usize::from((b as i8) >= -0x40));
        match self {
            Encoding::Utf8 => bytes.len(),
            Encoding::Utf32 => starts().sum(),
            Encoding::Utf16 => {
                starts().sum::<usize>()
                    + bytes.iter().map(|&b| usize::from(b >= 0xF0)).sum::<usize>()
            }
        }
    }
}

/// A line and column, both 0-based, the column in some [`Encoding`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// Line starts of a text, for converting offsets both ways.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset where each line starts.
    starts: Vec<usize>,
    len: usize,
    /// Bytes of the text outside ASCII: while there are none, columns are byte counts in
    /// every encoding. Kept as a count so an edit can update it without a scan.
    non_ascii: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        push_line_starts(text.as_bytes(), 0, &mut starts);
        LineIndex {
            starts,
            len: text.len(),
            non_ascii: non_ascii(text.as_bytes()),
        }
    }

    /// Replace the bytes `range` of `text` (the text this index is of) with `new_text`, and
    /// update the index to match. Costs the edit and a move of the line starts after it, not
    /// a scan of the whole text.
    pub fn edit(&mut self, text: &mut String, range: std::ops::Range<usize>, new_text: &str) {
        let (start, removed, inserted) = (range.start, range.len(), new_text.len());
        self.non_ascii = self.non_ascii - non_ascii(&text.as_bytes()[range.clone()])
            + non_ascii(new_text.as_bytes());
        text.replace_range(range, new_text);
        self.len = text.len();
        // Whether a line starts at `p` depends on the bytes at p - 1 and p: starts before the
        // edit stay, starts after the removed bytes move with them, and those from the edit's
        // start to the end of the inserted bytes are found again in the new text.
        let lo = start.max(1);
        let hi = start + inserted;
        let keep = self.starts.partition_point(|&s| s < lo);
        let moved = self.starts.partition_point(|&s| s <= start + removed);
        for s in &mut self.starts[moved..] {
            *s = *s - removed + inserted;
        }
        let bytes = text.as_bytes();
        let fresh = (lo..=hi.min(bytes.len())).filter(|&p| match bytes[p - 1] {
            b'\n' => true,
            b'\r' => bytes.get(p) != Some(&b'\n'),
            _ => false,
        });
        self.starts.splice(keep..moved, fresh);
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte range of line `line` without its line ending.
    fn line_bounds(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let b = text.as_bytes();
        if end > start && b[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && b[end - 1] == b'\r' {
            end -= 1;
        }
        (start, end)
    }

    /// The line and column of a byte offset (clamped to the text; inside a character, the
    /// character's start).
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> LineCol {
        let mut offset = offset.min(self.len);
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let col = if self.non_ascii == 0 {
            offset - start
        } else {
            enc.units(&text[start..offset])
        };
        LineCol {
            line: line as u32,
            col: col as u32,
        }
    }

    /// [`position`](Self::position), counting the column on from `last`, the previous
    /// position asked for with its (clamped) byte offset, when that is earlier on the same
    /// line; `last` becomes this one. Positions asked for in text order then cost the text
    /// between them, not the text from their line's start each time.
    pub fn position_after(
        &self,
        text: &str,
        offset: usize,
        enc: Encoding,
        last: &mut Option<(usize, LineCol)>,
    ) -> LineCol {
        let mut offset = offset.min(self.len);
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let pos = match *last {
            // Units add up over consecutive pieces of a line (they are counted byte by byte).
            Some((at, p)) if at <= offset && p.line as usize == line => LineCol {
                line: p.line,
                col: p.col
                    + if self.non_ascii == 0 {
                        offset - at
                    } else {
                        enc.units(&text[at..offset])
                    } as u32,
            },
            _ => self.position(text, offset, enc),
        };
        *last = Some((offset, pos));
        pos
    }

    /// The byte offset of a line and column. A column past the end of its line means the end
    /// of the line, a line past the end means the end of the text, and a column inside a
    /// character (half a surrogate pair, a byte in the middle) means that character's start.
    pub fn offset(&self, text: &str, pos: LineCol, enc: Encoding) -> usize {
        let line = pos.line as usize;
        if line >= self.starts.len() {
            return self.len;
        }
        let (start, end) = self.line_bounds(text, line);
        let col = pos.col as usize;
        if self.non_ascii == 0 {
            return start + col.min(end - start);
        }
        if enc == Encoding::Utf8 {
            let mut o = start + col.min(end - start);
            while !text.is_char_boundary(o) {
                o -= 1;
            }
            return o;
        }
        let mut units = 0;
        for (i, c) in text[start..end].char_indices() {
            let w = enc.width(c);
            if units + w > col {
                return start + i;
            }
            units += w;
        }
        end
    }

    /// Like [`offset`](Self::offset) but `None` when the position is outside the text rather
    /// than clamped (a line past the last, a column past the end of its line).
    pub fn offset_strict(&self, text: &str, pos: LineCol, enc: Encoding) -> Option<usize> {
        let line = pos.line as usize;
        if line >= self.starts.len() {
            return None;
        }
        let (start, end) = self.line_bounds(text, line);
        let width = if self.non_ascii == 0 {
            end - start
        } else {
            enc.units(&text[start..end])
        };
        (pos.col as usize <= width).then(|| self.offset(text, pos, enc))
    }
}

/// Appends to `starts` the start of every line that begins inside `bytes` (which begin at
/// byte `base` of the text): one past each `\n`, and one past each `\r` not followed by `\n`.
fn push_line_starts(bytes: &[u8], base: usize, starts: &mut Vec<usize>) {
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
            starts.push(base + i + 1);
        }
    }
}

fn non_ascii(bytes: &[u8]) -> usize {
    bytes.iter().map(|&b| usize::from(b >= 0x80)).sum()
}

/// Converts byte offsets to code-point offsets quickly, by counting from checkpoints.
pub struct CharIndex<'t> {
    text: &'t str,
    /// Number of chars before byte `k * BLOCK`.
    blocks: Vec<usize>,
}

const BLOCK: usize = 256;

impl<'t> CharIndex<'t> {
    pub fn new(text: &'t str) -> CharIndex<'t> {
        let mut blocks = Vec::with_capacity(text.len() / BLOCK + 1);
        let bytes = text.as_bytes();
        let mut count = 0;
        for chunk in bytes.chunks(BLOCK) {
            blocks.push(count);
            count += chunk.iter().filter(|&&b| (b as i8) >= -0x40).count();
        }
        blocks.push(count);
        CharIndex { text, blocks }
    }

    /// The code-point offset of a byte offset on a char boundary.
    pub fn chars(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        let k = byte / BLOCK;
        let base = self.blocks[k];
        base + self.text.as_bytes()[k * BLOCK..byte]
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Лавров said “hi” 😀!\r\nnext «line»\rthird\n";

    #[test]
    fn round_trip_in_every_encoding() {
        let idx = LineIndex::new(TEXT);
        assert_eq!(idx.line_count(), 4);
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for (o, c) in TEXT
                .char_indices()
                .filter(|(_, c)| *c != '\r' && *c != '\n')
            {
                let _ = c;
                let p = idx.position(TEXT, o, enc);
                assert_eq!(idx.offset(TEXT, p, enc), o, "{enc:?} at {o}");
            }
        }
    }

    #[test]
    fn columns_count_the_right_units() {
        let idx = LineIndex::new(TEXT);
        let emoji = TEXT.find('😀').unwrap();
        assert_eq!(idx.position(TEXT, emoji, Encoding::Utf16).col, 17);
        assert_eq!(idx.position(TEXT, emoji, Encoding::Utf32).col, 17);
        assert_eq!(
            idx.position(TEXT, emoji, Encoding::Utf8).col as usize,
            emoji
        );
        let bang = TEXT.find('!').unwrap();
        assert_eq!(idx.position(TEXT, bang, Encoding::Utf16).col, 19);
        assert_eq!(idx.position(TEXT, bang, Encoding::Utf32).col, 18);
        let third = TEXT.find("third").unwrap();
        assert_eq!(
            idx.position(TEXT, third, Encoding::Utf16),
            LineCol { line: 2, col: 0 }
        );
    }

    #[test]
    fn positions_past_the_end_clamp_and_strict_refuses() {
        let idx = LineIndex::new(TEXT);
        let end_of_first = TEXT.find('\r').unwrap();
        assert_eq!(
            idx.offset(TEXT, LineCol { line: 0, col: 999 }, Encoding::Utf16),
            end_of_first
        );
        assert_eq!(
            idx.offset(TEXT, LineCol { line: 99, col: 0 }, Encoding::Utf16),
            TEXT.len()
        );
        assert_eq!(
            idx.offset_strict(TEXT, LineCol { line: 0, col: 999 }, Encoding::Utf16),
            None
        );
        // the middle of a surrogate pair snaps to the character's start
        let emoji = TEXT.find('😀').unwrap();
        assert_eq!(
            idx.offset(TEXT, LineCol { line: 0, col: 18 }, Encoding::Utf16),
            emoji
        );
    }

    /// Equality of two indexes: the same line starts, length and count of non-ASCII bytes.
    fn same(a: &LineIndex, b: &LineIndex) -> bool {
        a.starts == b.starts && a.len == b.len && a.non_ascii == b.non_ascii
    }

    #[test]
    fn edits_split_and_join_crlf_pairs() {
        // Inserting between `\r` and `\n`, deleting one of them, replacing across lines.
        for (text, range, new) in [
            ("a\r\nb", 2..2, "x"),
            ("a\rb", 2..2, "\n"),
            ("a\r\nb", 1..2, ""),
            ("a\r\nb", 2..3, ""),
            ("a\nb\nc", 0..5, "é\r"),
            ("", 0..0, "\r\n\r"),
            ("\r", 1..1, "\n"),
            ("x\n", 0..0, "\r"),
        ] {
            let mut edited = text.to_string();
            let mut idx = LineIndex::new(&edited);
            idx.edit(&mut edited, range.clone(), new);
            let mut expected = text.to_string();
            expected.replace_range(range, new);
            assert_eq!(edited, expected);
            assert!(
                same(&idx, &LineIndex::new(&edited)),
                "{text:?} -> {edited:?}"
            );
        }
    }

    proptest::proptest! {
        /// An index updated edit by edit equals one made from the edited text.
        #[test]
        fn edited_index_equals_a_new_one(
            text in "[ab\r\né😀]{0,30}",
            edits in proptest::collection::vec((0usize..40, 0usize..6, "[ab\r\né😀]{0,4}"), 1..8),
        ) {
            let mut text = text;
            let mut idx = LineIndex::new(&text);
            for (at, len, new) in edits {
                let mut start = at.min(text.len());
                while !text.is_char_boundary(start) { start -= 1; }
                let mut end = (start + len).min(text.len());
                while !text.is_char_boundary(end) { end += 1; }
                idx.edit(&mut text, start..end, &new);
                proptest::prop_assert!(same(&idx, &LineIndex::new(&text)), "{:?}", text);
            }
        }

        /// Positions counted on from the previous one equal positions counted from the line's
        /// start, whatever order the offsets come in.
        #[test]
        fn positions_after_the_last_equal_positions(
            text in "[ab \r\né😀ж]{0,40}",
            offsets in proptest::collection::vec(0usize..45, 1..12),
        ) {
            let idx = LineIndex::new(&text);
            for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                let mut last = None;
                for &o in &offsets {
                    proptest::prop_assert_eq!(
                        idx.position_after(&text, o, enc, &mut last),
                        idx.position(&text, o, enc)
                    );
                }
            }
        }

        /// Columns counted by bytes equal columns counted by decoding characters.
        #[test]
        fn units_match_char_widths(text in "[aé😀\u{10000}ж]{0,20}") {
            for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                let by_chars: usize = text.chars().map(|c| enc.width(c)).sum();
                proptest::prop_assert_eq!(enc.units(&text), by_chars);
            }
        }
    }

    #[test]
    fn char_offsets() {
        let long = "é".repeat(300) + "x";
        let ci = CharIndex::new(&long);
        assert_eq!(ci.chars(long.len() - 1), 300);
        assert_eq!(ci.chars(2), 1);
        let ci = CharIndex::new(TEXT);
        assert_eq!(ci.chars(TEXT.find('😀').unwrap()), 17);
    }
}
