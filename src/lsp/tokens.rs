//! Semantic tokens: speaker mentions, speech cues and quotation text, each marked with its
//! speaker (`speaker0` ... `speaker7`) so a theme can give every speaker a colour.

use super::documents::Snapshot;
use crate::analysis::{MentionKind, Span};
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
pub const REPORTED: u32 = 1 << 2; // reported speech (no quotation marks)
/// `speaker0` is bit 3; a speaker's entity id modulo this many picks its bit.
pub const SPEAKER_COLOURS: usize = 8;

pub fn legend() -> SemanticTokensLegend {
    let mut modifiers = vec![
        SemanticTokenModifier::DECLARATION,
        SemanticTokenModifier::new("unattributed"),
        SemanticTokenModifier::new("reported"),
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
    1 << (3 + entity % SPEAKER_COLOURS)
}

/// One token before encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Raw {
    span: Span,
    kind: u32,
    modifiers: u32,
}

/// The parts of `span` outside `covered` (sorted, disjoint spans).
fn uncovered(covered: &[Span], span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut at = span.start;
    let first = covered.partition_point(|c| c.end <= span.start);
    for c in covered[first..].iter().take_while(|c| c.start < span.end) {
        if c.start > at {
            out.push(Span::new(at, c.start));
        }
        at = at.max(c.end);
    }
    if at < span.end {
        out.push(Span::new(at, span.end));
    }
    out
}

/// Tokens in text order, not overlapping. Mentions and cues come first, then direct quotations
/// around them, then reported speech around both (a reported clause can hold a direct quote).
fn raw_tokens(snap: &Snapshot) -> Vec<Raw> {
    let a = snap.analysis();
    let settings = &snap.settings.settings;
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
    let mut out: Vec<Raw> = Vec::new();
    for r in marks {
        if !r.span.is_empty() && out.last().is_none_or(|k| k.span.end <= r.span.start) {
            out.push(r);
        }
    }
    let mut covered: Vec<Span> = out.iter().map(|r| r.span).collect();
    for reported in [false, true] {
        let mut pieces = Vec::new();
        for q in a
            .quotes
            .iter()
            .filter(|q| q.depth == 0 && q.kind.is_direct() != reported)
        {
            if reported && !settings.reported_speech {
                continue;
            }
            let modifiers = match q.speaker {
                Some(e) => speaker_bit(e),
                None if q.kind.is_speech() => UNATTRIBUTED,
                None => 0,
            } | if reported { REPORTED } else { 0 };
            for span in uncovered(&covered, q.span) {
                pieces.push(Raw {
                    span,
                    kind: QUOTE,
                    modifiers,
                });
            }
        }
        // Direct quotations do not overlap one another; pieces of overlapping reported
        // clauses are kept first come.
        pieces.sort_by_key(|r| (r.span.start, r.span.end));
        let mut last_end = 0;
        for p in pieces {
            if p.span.start >= last_end {
                last_end = p.span.end;
                covered.push(p.span);
                out.push(p);
            }
        }
        covered.sort_by_key(|s| s.start);
    }
    out.sort_by_key(|r| r.span.start);
    out
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
    use proptest::prelude::*;

    use crate::lsp::documents::test_snapshot as snapshot;

    /// Decoded tokens as absolute (line, start, end) must be in order, non-empty, on one line
    /// each and not overlapping.
    fn check(text: &str, enc: Encoding) {
        let snap = snapshot(text);
        let data = semantic_tokens(&snap, Span::new(0, text.len()), enc);
        let lines = crate::position::LineIndex::new(text);
        let (mut line, mut start, mut prev_end) = (0u32, 0u32, 0u32);
        for t in &data {
            assert!(t.length > 0, "{text:?}");
            if t.delta_line > 0 {
                line += t.delta_line;
                start = t.delta_start;
            } else {
                start += t.delta_start;
                assert!(start >= prev_end, "overlap in {text:?}: {data:?}");
            }
            prev_end = start + t.length;
            assert!((line as usize) < lines.line_count(), "{text:?}");
            let end_of_line = lines.offset(
                text,
                crate::position::LineCol {
                    line,
                    col: u32::MAX,
                },
                enc,
            );
            let end_col = lines.position(text, end_of_line, enc).col;
            assert!(prev_end <= end_col, "token past its line in {text:?}");
        }
    }

    #[test]
    fn reported_speech_around_a_direct_quote_does_not_overlap_it() {
        let text = "Mayor Elena Marsh says the city \"cannot afford another year\" as councillors wait.\n\n\"We will build it,\" Marsh said.\n";
        check(text, Encoding::Utf16);
        let snap = snapshot(text);
        let kinds: Vec<u32> = raw_tokens(&snap).iter().map(|r| r.kind).collect();
        assert!(kinds.contains(&QUOTE) && kinds.contains(&NAME), "{kinds:?}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn tokens_never_overlap_on_any_text(parts in prop::collection::vec(prop::sample::select(vec![
            "\"", "\u{201C}", "\u{201D}", "\u{00AB}", "'", " ", "\n", "\r\n", "\n\n",
            "Okoro said", " said Helen Okoro, the mayor", "he said", "She added that ",
            "We will go,", "Мост 🌉", "The council", " according to Reyes, ", "Reyes:", ".",
        ]), 0..40)) {
            let text: String = parts.concat();
            for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                check(&text, enc);
            }
        }
    }

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
