//! The analysis as JSON, with code-point offsets: what `quotelens extract` prints and what
//! the `quotelens/analysis` request returns.
//!
//! The report is a tree of borrowing structs that serde writes straight to its output: a
//! 10 MB text's report as a `serde_json::Value` tree would take many times the text's memory.
//! Every object lists its fields in alphabetical order, the order a `Value` map prints them
//! in, so both ways give the same bytes.

use crate::analysis::{Analysis, Gender, MentionKind, Quote, QuoteKind, Span, reported};
use crate::position::{CharIndex, Encoding, LineIndex};
use serde::Serialize;
use serde_json::Value;

struct Offsets<'t> {
    text: &'t str,
    chars: CharIndex<'t>,
    lines: LineIndex,
}

impl<'t> Offsets<'t> {
    fn span(&self, s: Span) -> SpanJson<'t> {
        SpanJson {
            end: self.chars.chars(s.end),
            start: self.chars.chars(s.start),
            text: s.text(self.text),
        }
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

/// `{"end", "start", "text"}` in code points.
#[derive(Serialize)]
struct SpanJson<'t> {
    end: usize,
    start: usize,
    text: &'t str,
}

#[derive(Serialize)]
struct QuoteJson<'t> {
    closed: bool,
    column: u32,
    /// Rounded to hundredths as an `f32`, printed as the `f64` it widens to (as before the
    /// report was streamed).
    confidence: f64,
    cue: Option<SpanJson<'t>>,
    depth: u8,
    end: usize,
    kind: &'static str,
    line: u32,
    mention: Option<SpanJson<'t>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    mixed: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    parts: Vec<SpanJson<'t>>,
    rule: &'static str,
    speaker: Option<&'t str>,
    speaker_id: Option<usize>,
    start: usize,
    text: &'t str,
    utterance: usize,
}

#[derive(Serialize)]
struct MentionJson<'t> {
    end: usize,
    kind: MentionKind,
    start: usize,
    text: &'t str,
}

#[derive(Serialize)]
struct SpeakerJson<'t> {
    gender: Gender,
    id: usize,
    kind: &'static str,
    mentions: Vec<MentionJson<'t>>,
    name: &'t str,
    quotes: usize,
    reported: usize,
    titles: &'t [String],
}

#[derive(Serialize)]
struct FindingJson<'t> {
    code: &'static str,
    column: u32,
    end: usize,
    line: u32,
    message: &'t str,
    severity: &'static str,
    start: usize,
}

/// The report on one analysed text, ready to serialise.
#[derive(Serialize)]
pub struct Report<'t> {
    findings: Vec<FindingJson<'t>>,
    /// The input line's id, for `extract --input jsonl`.
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'t str>,
    path: &'t str,
    quotes: Vec<QuoteJson<'t>>,
    speakers: Vec<SpeakerJson<'t>>,
    style: &'static str,
}

impl<'t> Report<'t> {
    /// Name the input line this report answers (`extract --input jsonl`).
    pub fn with_id(mut self, id: &'t str) -> Report<'t> {
        self.id = Some(id);
        self
    }
}

/// The JSON object for one analysed text.
pub fn analysis_json(path: &str, text: &str, analysis: &Analysis) -> Value {
    serde_json::to_value(report(path, text, analysis, false, |_| true))
        .expect("a report serialises: its map keys are strings")
}

/// The report on one analysed text, listing the quotes `keep` selects. With `relations`,
/// one entry per attribution relation: a quotation interrupted by its attribution is one entry
/// spanning its parts, which `parts` lists.
pub fn report<'t>(
    path: &'t str,
    text: &'t str,
    analysis: &'t Analysis,
    relations: bool,
    keep: impl Fn(&Quote) -> bool,
) -> Report<'t> {
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
    let quotes = groups
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
            QuoteJson {
                closed: last.close.is_some() || !q.kind.is_direct(),
                column,
                confidence: ((q.confidence * 100.0).round() / 100.0) as f64,
                cue: q.cue.map(|c| o.span(c)),
                depth: q.depth,
                end: o.chars.chars(span.end),
                kind: json_kind(q.kind),
                line,
                mention: mention.map(|m| o.span(m)),
                mixed: q.kind == QuoteKind::Mixed,
                parts: if parts.len() > 1 {
                    parts
                        .iter()
                        .map(|&p| o.span(analysis.quotes[p].span))
                        .collect()
                } else {
                    Vec::new()
                },
                rule: q.rule.as_str(),
                speaker: speaker.map(|e| e.name.as_str()),
                speaker_id: q.speaker,
                start: o.chars.chars(span.start),
                text: span.text(text),
                utterance: q.utterance,
            }
        })
        .collect();
    let speakers = analysis
        .entities
        .iter()
        .map(|e| SpeakerJson {
            gender: e.gender,
            id: e.id,
            kind: if e.is_org { "organization" } else { "person" },
            mentions: e
                .mentions
                .iter()
                .map(|&m| {
                    let span = o.span(analysis.mentions[m].span);
                    MentionJson {
                        end: span.end,
                        kind: analysis.mentions[m].kind,
                        start: span.start,
                        text: span.text,
                    }
                })
                .collect(),
            name: &e.name,
            quotes: e
                .quotes
                .iter()
                .filter(|&&q| analysis.quotes[q].kind.is_direct())
                .count(),
            reported: e
                .quotes
                .iter()
                .filter(|&&q| !analysis.quotes[q].kind.is_direct())
                .count(),
            titles: &e.titles,
        })
        .collect();
    let findings = analysis
        .findings
        .iter()
        .map(|f| {
            let (line, column) = o.line_col(f.span.start);
            FindingJson {
                code: f.code.as_str(),
                column,
                end: o.chars.chars(f.span.end),
                line,
                message: &f.message,
                severity: f.severity.as_str(),
                start: o.chars.chars(f.span.start),
            }
        })
        .collect();
    Report {
        findings,
        id: None,
        path,
        quotes,
        speakers,
        style: analysis.style.as_str(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Options, analyze};

    /// Written field by field, the report must print exactly as its `Value` (whose maps sort
    /// their keys) does: a field added out of alphabetical order would change `extract`'s
    /// output depending on the path it took.
    #[test]
    fn streamed_report_prints_like_its_value_tree() {
        let text = "Talks stalled on Monday.\n\n“We will not move,” said Mayor Ana Ruiz, “not an \
                    inch.”\n\nRuiz said the offer was “a final insult” to the town.\n\nThe show \
                    “Harbour Life” aired it. “Unclosed\n";
        let analysis = analyze(text, &Options::default());
        let r = report("story.txt", text, &analysis, true, |_| true).with_id("7");
        let streamed = serde_json::to_string(&r).unwrap();
        assert_eq!(streamed, serde_json::to_value(&r).unwrap().to_string());
        // Every optional field is there, so its place in the order is checked too.
        for field in [
            "\"id\":\"7\"",
            "\"mixed\":true",
            "\"parts\":[{",
            "\"speaker_id\":0",
        ] {
            assert!(streamed.contains(field), "{field} missing from {streamed}");
        }
        assert!(!analysis.findings.is_empty());
    }
}
