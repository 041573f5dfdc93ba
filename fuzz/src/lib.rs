//! What the fuzz targets share: a reference for how an LSP position maps into a text, written
//! apart from `quotelens::position` so the targets check the server rather than repeat it, and
//! checks of the LSP values the server produces.

use quotelens::position::{Encoding, LineIndex};
use tower_lsp_server::ls_types::{Position, Range};

pub fn encoding(b: u8) -> Encoding {
    match b % 3 {
        0 => Encoding::Utf8,
        1 => Encoding::Utf16,
        _ => Encoding::Utf32,
    }
}

fn units(c: char, enc: Encoding) -> u64 {
    match enc {
        Encoding::Utf8 => c.len_utf8() as u64,
        Encoding::Utf16 => c.len_utf16() as u64,
        Encoding::Utf32 => 1,
    }
}

/// The byte offset of an LSP position as the specification reads it: lines end at `\n`, `\r\n`
/// or `\r`; a column past the end of its line is the line's end; a line past the last is the
/// end of the text; a column inside a character is that character's start.
pub fn reference_offset(text: &str, pos: Position, enc: Encoding) -> usize {
    let mut line = 0u32;
    let mut line_start = 0usize;
    let bytes = text.as_bytes();
    // Find the start of the wanted line.
    let mut i = 0;
    while line < pos.line {
        if i >= bytes.len() {
            return text.len();
        }
        let ends = match bytes[i] {
            b'\n' => Some(i + 1),
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => Some(i + 2),
            b'\r' => Some(i + 1),
            _ => None,
        };
        match ends {
            Some(next) => {
                line += 1;
                line_start = next;
                i = next;
            }
            None => i += 1,
        }
    }
    let mut col = 0u64;
    for (k, c) in text[line_start..].char_indices() {
        if c == '\n' || c == '\r' {
            return line_start + k;
        }
        let w = units(c, enc);
        if col + w > pos.character as u64 {
            return line_start + k;
        }
        col += w;
    }
    text.len()
}

/// The byte span of an LSP range, ends in order.
pub fn reference_span(text: &str, range: Range, enc: Encoding) -> (usize, usize) {
    let a = reference_offset(text, range.start, enc);
    let b = reference_offset(text, range.end, enc);
    (a.min(b), a.max(b))
}

/// A position the server produced names a real place in `text`: inside its line, on a
/// character boundary, and it maps back to itself.
pub fn check_position(text: &str, lines: &LineIndex, p: Position, enc: Encoding, what: &str) {
    let offset = reference_offset(text, p, enc);
    let back = lines.position(text, offset, enc);
    assert_eq!(
        (back.line, back.col),
        (p.line, p.character),
        "{what}: {p:?} is not a place in the text ({enc:?}); text: {text:?}"
    );
}

pub fn check_range(text: &str, lines: &LineIndex, r: Range, enc: Encoding, what: &str) {
    check_position(text, lines, r.start, enc, what);
    check_position(text, lines, r.end, enc, what);
    assert!(
        (r.start.line, r.start.character) <= (r.end.line, r.end.character),
        "{what}: {r:?} ends before it starts"
    );
}
