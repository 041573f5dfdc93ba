//! Semantic tokens: speaker mentions, speech cues and quotation text, each marked with its
//! speaker (`speaker0` ... `speaker7`) so a theme can give every speaker a colour.

use super::documents::Snapshot;
use crate::analysis::{MentionKind, QuoteKind, Span};
use crate::position::Encoding;
use tower_lsp_server::ls_types::{
    SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokensEdit,
    SemanticTokensLegend,
};

/// Token types, by index in the legend.
pub const NAME: u32 = 0; // a speaker's name: "class"
pub const REFERENCE: u32 = 1; // a pronoun or description standing for a speaker: "variable"
pub const CUE: u32 = 2; // the speech cue of a quotation: "keyword"
pub const QUOTE: u32 = 3; // quotation text: "string"

/// Modifier bits.
pub const DECLARATION: u32 = 1; // the mention introducing the speaker
pub const UNATTRIBUTED: u32 = 1 << 1; // speech nobody is named for
/// `speaker0` is bit 2; a speaker's entity id modulo this many picks its bit.
pub const SPEAKER_COLOURS: usize = 8;

pub fn legend() -> SemanticTokensLegend {
    let mut modifiers = vec![
        SemanticTokenModifier::DECLARATION,
        SemanticTokenModifier::new("unattributed"),
    ];
    modifiers
        .extend((0..SPEAKER_COLOURS).map(|i| SemanticTokenModifier::from(format!("speaker{i}"))));
    SemanticTokensLegend {
        token_types: vec![
            SemanticTokenType::CLASS,
            SemanticTokenType::VARIABLE,
            SemanticTokenType::KEYWORD,
            SemanticTokenType::STRING,
        ],
        token_modifiers: modifiers,
    }
}

fn speaker_bit(entity: usize) -> u32 {
    1 << (2 + entity % SPEAKER_COLOURS)
}

/// One token before encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Raw {
    span: Span,
    kind: u32,
    modifiers: u32,
}

/// Tokens in text order, not overlapping: mentions and cues first, quotation text around them.
fn raw_tokens(snap: &Snapshot) -> Vec<Raw> {
    let a = snap.analysis();
    let mut marks: Vec<Raw> = Vec::new();
    for (i, m) in a.mentions.iter().enumerate() {
        let Some(e) = m.entity else { continue };
        let intro = a.entities[e].introduction == Some(i);
        let (span, kind) = match m.kind {
            MentionKind::Name => (m.name, NAME),
            MentionKind::Pronoun | MentionKind::Description => (m.span, REFERENCE),
        };
        let modifiers = speaker_bit(e) | if intro { DECLARATION } else { 0 };
        marks.push(Raw {
            span,
            kind,
            modifiers,
        });
    }
    for q in &a.quotes {
        if let (Some(cue), Some(e)) = (q.cue, q.speaker) {
            marks.push(Raw {
                span: cue,
                kind: CUE,
                modifiers: speaker_bit(e),
            });
        }
    }
    marks.sort_by_key(|r| (r.span.start, r.span.end));
    marks.dedup_by_key(|r| r.span);
    let mut kept: Vec<Raw> = Vec::new();
    for r in marks {
        if !r.span.is_empty() && kept.last().is_none_or(|k| k.span.end <= r.span.start) {
            kept.push(r);
        }
    }
    let mut out = kept.clone();
    for q in a.quotes.iter().filter(|q| q.depth == 0) {
        let modifiers = match q.speaker {
            Some(e) => speaker_bit(e),
            None if q.kind == QuoteKind::Speech => UNATTRIBUTED,
            None => 0,
        };
        // The quote's text between the marks inside it.
        let mut at = q.span.start;
        let first = kept.partition_point(|m| m.span.end <= q.span.start);
        for m in kept[first..]
            .iter()
            .take_while(|m| m.span.start < q.span.end)
        {
            push_piece(&mut out, Span::new(at, m.span.start.max(at)), modifiers);
            at = at.max(m.span.end);
        }
        push_piece(&mut out, Span::new(at, q.span.end.max(at)), modifiers);
    }
    out.sort_by_key(|r| r.span.start);
    out
}

fn push_piece(out: &mut Vec<Raw>, span: Span, modifiers: u32) {
    if !span.is_empty() {
        out.push(Raw {
            span,
            kind: QUOTE,
            modifiers,
        });
    }
}

/// The tokens overlapping `within`, split at line ends, relative-encoded.
pub fn semantic_tokens(snap: &Snapshot, within: Span, enc: Encoding) -> Vec<SemanticToken> {
    let view = snap.view(enc);
    let text = snap.text.as_str();
    let mut data = Vec::new();
    let (mut line, mut col) = (0u32, 0u32);
    for r in raw_tokens(snap) {
        if !r.span.overlaps(within) {
            continue;
        }
        // One token per line: clients need not support multi-line tokens.
        let mut start = r.span.start;
        while start < r.span.end {
            let piece_end = text[start..r.span.end]
                .find(['\n', '\r'])
                .map_or(r.span.end, |i| start + i);
            if piece_end > start {
                let p = view.position(start);
                let end = view.position(piece_end);
                let length = end.character - p.character;
                data.push(SemanticToken {
                    delta_line: p.line - line,
                    delta_start: if p.line == line {
                        p.character - col
                    } else {
                        p.character
                    },
                    length,
                    token_type: r.kind,
                    token_modifiers_bitset: r.modifiers,
                });
                line = p.line;
                col = p.character;
            }
            // Skip the line break (\r\n counts as one).
            start = piece_end;
            while start < r.span.end && matches!(text.as_bytes()[start], b'\n' | b'\r') {
                start += 1;
            }
        }
    }
    data
}

/// The edit turning `old` into `new`: one replacement of the part between their common
/// beginning and common end (indices count integers, five per token).
pub fn delta(old: &[SemanticToken], new: &[SemanticToken]) -> Vec<SemanticTokensEdit> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let deleted = old.len() - prefix - suffix;
    let inserted = &new[prefix..new.len() - suffix];
    if deleted == 0 && inserted.is_empty() {
        return Vec::new();
    }
    vec![SemanticTokensEdit {
        start: (prefix * 5) as u32,
        delete_count: (deleted * 5) as u32,
        data: Some(inserted.to_vec()),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tok(l: u32, s: u32, n: u32) -> SemanticToken {
        SemanticToken {
            delta_line: l,
            delta_start: s,
            length: n,
            token_type: 0,
            token_modifiers_bitset: 0,
        }
    }

    #[test]
    fn delta_replaces_only_the_middle() {
        let old = vec![tok(0, 0, 1), tok(1, 0, 2), tok(1, 0, 3)];
        let new = vec![tok(0, 0, 1), tok(1, 0, 9), tok(0, 4, 9), tok(1, 0, 3)];
        let edits = delta(&old, &new);
        assert_eq!(edits.len(), 1);
        assert_eq!((edits[0].start, edits[0].delete_count), (5, 5));
        assert_eq!(edits[0].data.as_ref().unwrap().len(), 2);
        assert!(delta(&new, &new).is_empty());
    }
}
