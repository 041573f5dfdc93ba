//! Byte spans to LSP positions and back, in the negotiated encoding. Every conversion the
//! server makes goes through here, and from here through [`crate::position`].

use crate::analysis::Span;
use crate::position::{Encoding, LineCol, LineIndex};
use tower_lsp_server::ls_types::{ClientCapabilities, Position, PositionEncodingKind, Range};

/// The encoding to use: the first the client lists that we support (clients list them in
/// order of preference), UTF-16 when it lists none, as the specification requires.
pub fn negotiate(caps: &ClientCapabilities) -> Encoding {
    caps.general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .and_then(|list| list.iter().find_map(|k| parse_kind(k.as_str())))
        .unwrap_or(Encoding::Utf16)
}

fn parse_kind(kind: &str) -> Option<Encoding> {
    match kind {
        "utf-8" => Some(Encoding::Utf8),
        "utf-16" => Some(Encoding::Utf16),
        "utf-32" => Some(Encoding::Utf32),
        _ => None,
    }
}

pub fn encoding_kind(enc: Encoding) -> PositionEncodingKind {
    match enc {
        Encoding::Utf8 => PositionEncodingKind::UTF8,
        Encoding::Utf16 => PositionEncodingKind::UTF16,
        Encoding::Utf32 => PositionEncodingKind::UTF32,
    }
}

/// A text, its line index and the encoding positions are counted in.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub text: &'a str,
    pub lines: &'a LineIndex,
    pub enc: Encoding,
}

impl View<'_> {
    pub fn position(&self, offset: usize) -> Position {
        let p = self.lines.position(self.text, offset, self.enc);
        Position::new(p.line, p.col)
    }

    pub fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of a position, clamped into the text (as the specification asks for a
    /// column past the end of its line).
    pub fn offset(&self, pos: Position) -> usize {
        self.lines.offset(self.text, line_col(pos), self.enc)
    }

    /// The byte offset of a position, or `None` when the position is outside the text.
    pub fn offset_strict(&self, pos: Position) -> Option<usize> {
        self.lines.offset_strict(self.text, line_col(pos), self.enc)
    }

    /// The byte span of a range, clamped, with its ends in order.
    pub fn span(&self, range: Range) -> Span {
        let a = self.offset(range.start);
        let b = self.offset(range.end);
        Span::new(a.min(b), a.max(b))
    }
}

/// Positions of many offsets in one text, each counted on from the one before when that is
/// earlier on its line (a finding's spans and its fixes' edits mostly come in text order).
pub struct Positions<'a> {
    view: View<'a>,
    last: Option<(usize, LineCol)>,
}

impl<'a> Positions<'a> {
    pub fn new(view: View<'a>) -> Positions<'a> {
        Positions { view, last: None }
    }

    pub fn position(&mut self, offset: usize) -> Position {
        let v = self.view;
        let p = v
            .lines
            .position_after(v.text, offset, v.enc, &mut self.last);
        Position::new(p.line, p.col)
    }

    pub fn range(&mut self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }
}

fn line_col(pos: Position) -> LineCol {
    LineCol {
        line: pos.line,
        col: pos.character,
    }
}
