//! The analysis as JSON, with code-point offsets: what `quotelens extract` prints and what
//! the `quotelens/analysis` request returns.

use crate::analysis::{Analysis, Quote, QuoteKind, Span, reported};
use crate::position::{CharIndex, Encoding, LineIndex};
use serde_json::{Value, json};

struct Offsets<'t> {
    text: &'t str,
    chars: CharIndex<'t>,
    lines: LineIndex,
}

impl<'t> Offsets<'t> {
    fn span(&self, s: Span) -> Value {
        json!({"start": self.chars.chars(s.start), "end": self.chars.chars(s.end), "text": s.text(self.text)})
    }
    /// 1-based line and column (in characters).
    fn line_col(&self, offset: usize) -> (u32, u32) {
        let p = self.lines.position(self.text, offset, Encoding::Utf32);
        (p.line + 1, p.col + 1)
    }
}

/// A mixed quote (a reported clause holding a partial direct quote) is reported speech: it is
/// printed as kind "indirect" with `"mixed": true`, so that every consumer counting indirect
/// relations counts it.
fn json_kind(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Mixed => QuoteKind::Indirect.as_str(),
        k => k.as_str(),
    }
}

/// The JSON object for one analysed text.
pub fn analysis_json(path: &str, text: &str, analysis: &Analysis) -> Value {
    analysis_json_of(path, text, analysis, false, |_| true)
}

/// The JSON object for one analysed text, listing the quotes `keep` selects. With `relations`,
/// one entry per attribution relation: a quotation interrupted by its attribution is one entry
/// spanning its parts, which `parts` lists.
pub fn analysis_json_of(
    path: &str,
    text: &str,
    analysis: &Analysis,
    relations: bool,
    keep: impl Fn(&Quote) -> bool,
) -> Value {
    let groups = if relations {
        reported::relations(text, &analysis.quotes)
    } else {
        (0..analysis.quotes.len()).map(|i| vec![i]).collect()
    };
    let o = Offsets {
        text,
        chars: CharIndex::new(text),
        lines: LineIndex::new(text),
    };
    let quotes: Vec<Value> = groups
        .into_iter()
        .filter(|parts| keep(&analysis.quotes[parts[0]]))
        .map(|parts| {
            let q = &analysis.quotes[parts[0]];
            let last = &analysis.quotes[parts[parts.len() - 1]];
            let start = if relations {
                reported::relation_start(text, q)
            } else {
                q.span.start
            };
            let span = Span::new(start, last.span.end);
            // The resolved mention; for reported speech, else the source phrase as written
            // ("he" with no antecedent, "analysts"): the clause itself says who speaks. (A
            // direct quote whose attribution resolves to nobody is left unattributed.)
            let mention = parts
                .iter()
                .find_map(|&p| analysis.quotes[p].mention)
                .map(|m| analysis.mentions[m].span)
                .or_else(|| q.source.filter(|_| !q.kind.is_direct()));
            let speaker = q.speaker.map(|e| &analysis.entities[e]);
            let (line, column) = o.line_col(span.start);
            let mut v = json!({
                "start": o.chars.chars(span.start),
                "end": o.chars.chars(span.end),
                "text": span.text(text),
                "kind": json_kind(q.kind),
                "speaker": speaker.map(|e| e.name.clone()),
                "speaker_id": q.speaker,
                "mention": mention.map(|m| o.span(m)),
                "cue": q.cue.map(|c| o.span(c)),
                "rule": q.rule.as_str(),
                "confidence": (q.confidence * 100.0).round() / 100.0,
                "utterance": q.utterance,
                "depth": q.depth,
                "closed": last.close.is_some() || !q.kind.is_direct(),
                "line": line,
                "column": column,
            });
            if q.kind == QuoteKind::Mixed {
                v["mixed"] = json!(true);
            }
            if parts.len() > 1 {
                v["parts"] = parts
                    .iter()
                    .map(|&p| o.span(analysis.quotes[p].span))
                    .collect();
            }
            v
        })
        .collect();
    let speakers: Vec<Value> = analysis
        .entities
        .iter()
        .map(|e| {
            json!({
                "id": e.id,
                "name": e.name,
                "titles": e.titles,
                "kind": if e.is_org { "organization" } else { "person" },
                "gender": e.gender,
                "mentions": e.mentions.iter().map(|&m| {
                    let mut v = o.span(analysis.mentions[m].span);
                    v["kind"] = json!(analysis.mentions[m].kind);
                    v
                }).collect::<Vec<_>>(),
                "quotes": e.quotes.iter().filter(|&&q| analysis.quotes[q].kind.is_direct()).count(),
                "reported": e.quotes.iter().filter(|&&q| !analysis.quotes[q].kind.is_direct()).count(),
            })
        })
        .collect();
    let findings: Vec<Value> = analysis
        .findings
        .iter()
        .map(|f| {
            let (line, column) = o.line_col(f.span.start);
            json!({
                "start": o.chars.chars(f.span.start),
                "end": o.chars.chars(f.span.end),
                "code": f.code.as_str(),
                "severity": f.severity.as_str(),
                "message": f.message,
                "line": line,
                "column": column,
            })
        })
        .collect();
    json!({"path": path, "style": analysis.style.as_str(), "quotes": quotes, "speakers": speakers, "findings": findings})
}
