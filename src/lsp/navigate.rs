//! Navigation between a speaker's mentions and quotes: definition, references, highlights,
//! rename and the code lens counting a speaker's quotes.

use super::documents::Snapshot;
use super::present::{mention_kind_word, speaker_quotes};
use crate::analysis::{Analysis, EntityId, MentionKind, Span};
use crate::position::Encoding;
use serde_json::json;
use tower_lsp_server::ls_types::{
    CodeLens, Command, DocumentHighlight, DocumentHighlightKind, Location, Range,
};

/// The client-side command a code lens runs: show these locations as references. Arguments:
/// the document URI, the position of the lens, and the list of locations (the same arguments
/// as VS Code's `editor.action.showReferences`).
pub const SHOW_REFERENCES: &str = "quotelens.showReferences";

/// What the cursor is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Mention(usize),
    Quote(usize),
}

/// The speaker at `offset`: through a mention (name, pronoun, description) or a quote.
pub fn speaker_at(a: &Analysis, offset: usize) -> Option<(EntityId, Target)> {
    if let Some(m) = a.mention_at(offset)
        && let Some(e) = a.mentions[m].entity
    {
        return Some((e, Target::Mention(m)));
    }
    let q = a.quote_at(offset)?;
    a.quotes[q].speaker.map(|e| (e, Target::Quote(q)))
}

/// The mention that introduces a speaker: its first full introduction, else its first mention.
pub fn introduction(a: &Analysis, e: EntityId) -> Option<usize> {
    let entity = &a.entities[e];
    entity
        .introduction
        .or_else(|| entity.mentions.first().copied())
}

pub fn definition(snap: &Snapshot, offset: usize, enc: Encoding) -> Option<Location> {
    let a = snap.analysis();
    let (e, _) = speaker_at(a, offset)?;
    let m = introduction(a, e)?;
    Some(Location::new(
        snap.uri.clone(),
        snap.view(enc).range(a.mentions[m].span),
    ))
}

/// Every mention and every quote of a speaker, in text order: (span, is a quote).
fn occurrences(snap: &Snapshot, e: EntityId) -> Vec<(Span, bool)> {
    let a = snap.analysis();
    let mut spans: Vec<(Span, bool)> = a.entities[e]
        .mentions
        .iter()
        .map(|&m| (a.mentions[m].span, false))
        .chain(
            speaker_quotes(a, &a.entities[e], &snap.settings.settings)
                .map(|q| (a.quotes[q].span, true)),
        )
        .collect();
    spans.sort_by_key(|(s, _)| (s.start, s.end));
    spans.dedup();
    spans
}

pub fn references(
    snap: &Snapshot,
    offset: usize,
    include_declaration: bool,
    enc: Encoding,
) -> Option<Vec<Location>> {
    let a = snap.analysis();
    let (e, _) = speaker_at(a, offset)?;
    let intro = introduction(a, e).map(|m| a.mentions[m].span);
    let view = snap.view(enc);
    Some(
        occurrences(snap, e)
            .into_iter()
            .filter(|(s, _)| include_declaration || Some(*s) != intro)
            .map(|(s, _)| Location::new(snap.uri.clone(), view.range(s)))
            .collect(),
    )
}

pub fn highlights(snap: &Snapshot, offset: usize, enc: Encoding) -> Option<Vec<DocumentHighlight>> {
    let a = snap.analysis();
    let (e, _) = speaker_at(a, offset)?;
    let intro = introduction(a, e).map(|m| a.mentions[m].span);
    let view = snap.view(enc);
    Some(
        occurrences(snap, e)
            .into_iter()
            .map(|(s, quote)| DocumentHighlight {
                range: view.range(s),
                kind: Some(if quote {
                    DocumentHighlightKind::TEXT
                } else if Some(s) == intro {
                    DocumentHighlightKind::WRITE
                } else {
                    DocumentHighlightKind::READ
                }),
            })
            .collect(),
    )
}

/// The name under the cursor that a rename would change, or why there is none.
pub fn rename_target(snap: &Snapshot, offset: usize) -> Result<(EntityId, usize), String> {
    let a = snap.analysis();
    let text = snap.text.as_str();
    match speaker_at(a, offset) {
        Some((e, Target::Mention(m))) => {
            let mention = &a.mentions[m];
            if mention.kind != MentionKind::Name {
                return Err(format!(
                    "\u{201C}{}\u{201D} is a {} for {}: rename the speaker at one of their names.",
                    mention.span.text(text),
                    mention_kind_word(mention.kind),
                    a.entities[e].name
                ));
            }
            if !mention.name.touches(offset) {
                return Err(format!(
                    "Only the name can be renamed, not the title: put the cursor on \u{201C}{}\u{201D}.",
                    mention.name.text(text)
                ));
            }
            Ok((e, m))
        }
        Some((e, Target::Quote(_))) => Err(format!(
            "This is a quotation by {}: rename the speaker at one of their names.",
            a.entities[e].name
        )),
        None => {
            Err("There is no speaker here to rename: put the cursor on a speaker's name.".into())
        }
    }
}

/// Byte spans of the words of `text` starting at `base`.
fn words(text: &str, base: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push(Span::new(base + s, base + i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Span::new(base + s, base + text.len()));
    }
    out
}

/// The edits renaming a speaker, given the name mention renamed and the new name: every
/// proper-name mention of the speaker changes; a shorter form ("Reyes" of "Daniel Reyes")
/// changes to the matching part of the new name. Pronouns and descriptions never change.
pub fn rename_edits(
    snap: &Snapshot,
    e: EntityId,
    renamed: usize,
    new_name: &str,
) -> Result<Vec<(Span, String)>, String> {
    let new_name = new_name.trim();
    if new_name.is_empty() || new_name.contains(['\n', '\r']) {
        return Err("The new name must be one line of text.".into());
    }
    let a = snap.analysis();
    let text = snap.text.as_str();
    let old_words: Vec<&str> = a.mentions[renamed]
        .name
        .text(text)
        .split_whitespace()
        .collect();
    let new_words: Vec<&str> = new_name.split_whitespace().collect();
    let same = |x: &[Span], y: &[&str]| {
        x.len() == y.len() && x.iter().zip(y).all(|(s, w)| s.text(text) == *w)
    };
    let mut edits = Vec::new();
    for &m in &a.entities[e].mentions {
        let mention = &a.mentions[m];
        if mention.kind != MentionKind::Name || mention.name.is_empty() {
            continue;
        }
        let ws = words(mention.name.text(text), mention.name.start);
        let (j, k) = (ws.len(), old_words.len());
        let edit = if same(&ws, &old_words) {
            (mention.name, new_name.to_string())
        } else if j < k && same(&ws, &old_words[k - j..]) && new_words.len() >= j {
            // A surname alone: the new surname.
            (mention.name, new_words[new_words.len() - j..].join(" "))
        } else if j < k && same(&ws, &old_words[..j]) && new_words.len() >= j {
            // A first name alone: the new first name.
            (mention.name, new_words[..j].join(" "))
        } else if j > k && same(&ws[j - k..], &old_words) {
            // The renamed form is this mention's ending (a surname renamed): replace that part.
            (
                Span::new(ws[j - k].start, mention.name.end),
                new_name.to_string(),
            )
        } else if j > k && same(&ws[..k], &old_words) {
            (
                Span::new(mention.name.start, ws[k - 1].end),
                new_name.to_string(),
            )
        } else {
            // Another spelling of the same speaker: the new name in full.
            (mention.name, new_name.to_string())
        };
        if edit.0.text(text) != edit.1 {
            edits.push(edit);
        }
    }
    edits.sort_by_key(|(s, _)| s.start);
    edits.dedup_by_key(|(s, _)| *s);
    Ok(edits)
}

/// "4 quotes · 312 words" above each speaker's first mention, showing its references.
pub fn code_lenses(snap: &Snapshot, enc: Encoding) -> Vec<CodeLens> {
    let a = snap.analysis();
    let settings = &snap.settings.settings;
    let view = snap.view(enc);
    let text = snap.text.as_str();
    let mut out = Vec::new();
    for (e, entity) in a.entities.iter().enumerate() {
        let quotes: Vec<usize> = speaker_quotes(a, entity, settings).collect();
        let Some(&first) = entity.mentions.first() else {
            continue;
        };
        if quotes.is_empty() {
            continue;
        }
        let words: usize = quotes
            .iter()
            .map(|&q| a.quotes[q].content.text(text).split_whitespace().count())
            .sum();
        let range: Range = view.range(a.mentions[first].span);
        let locations: Vec<Location> = occurrences(snap, e)
            .into_iter()
            .map(|(s, _)| Location::new(snap.uri.clone(), view.range(s)))
            .collect();
        out.push(CodeLens {
            range,
            command: Some(Command {
                title: format!(
                    "{} quote{} \u{00B7} {} word{}",
                    quotes.len(),
                    if quotes.len() == 1 { "" } else { "s" },
                    words,
                    if words == 1 { "" } else { "s" }
                ),
                command: SHOW_REFERENCES.into(),
                arguments: Some(vec![
                    json!(snap.uri.as_str()),
                    json!(range.start),
                    json!(locations),
                ]),
            }),
            data: None,
        });
    }
    out.sort_by_key(|l| (l.range.start.line, l.range.start.character));
    out
}
