//! Hovers: on a quotation, who said it and how we know; on a mention, who it is.

use super::documents::Snapshot;
use super::present::{
    first_words, is_shown_speech, kind_word, md, mention_forms, mention_kind_word, speaker_quotes,
};
use crate::analysis::{QuoteKind, Rule};
use crate::position::Encoding;
use std::fmt::Write;
use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind};

/// The hover at byte `offset`: a speaker mention first (names inside quotes too), then the
/// innermost quotation. Nothing elsewhere.
pub fn hover(snap: &Snapshot, offset: usize, enc: Encoding) -> Option<Hover> {
    let a = snap.analysis();
    let (span, markdown) = if let Some(m) = a
        .mention_at(offset)
        .filter(|&m| a.mentions[m].entity.is_some())
    {
        (a.mentions[m].span, mention_hover(snap, m))
    } else if let Some(q) = a.quote_at(offset) {
        (a.quotes[q].span, quote_hover(snap, q))
    } else {
        return None;
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(snap.view(enc).range(span)),
    })
}

fn quote_hover(snap: &Snapshot, qi: usize) -> String {
    let a = snap.analysis();
    let settings = &snap.settings.settings;
    let text = snap.text.as_str();
    let q = &a.quotes[qi];
    let mut s = String::new();
    match q.kind {
        QuoteKind::Title => {
            return "A **title** (the name of a work, show or slogan), not somebody's words."
                .into();
        }
        QuoteKind::Term => {
            return "A **term** (a scare quote or a word talked about), not somebody's words."
                .into();
        }
        _ => {}
    }
    if q.rule == Rule::Nested {
        return "A **quote inside a quote**: its words are quoted by the speaker of the outer quotation.".into();
    }
    let Some(e) = q.speaker.map(|e| &a.entities[e]) else {
        if q.kind == QuoteKind::Headline {
            return "A **headline quote**: the headline names no speaker for it.".into();
        }
        return "**Unattributed**: no speaker is named for this quotation.".into();
    };
    let _ = write!(s, "**{}**", md(&e.name));
    if !e.titles.is_empty() {
        let _ = write!(s, " \u{00B7} {}", md(&e.titles.join(", ")));
    }
    s.push_str("\n\n");
    match q.kind {
        QuoteKind::Indirect | QuoteKind::Mixed => s.push_str("Reported speech. "),
        QuoteKind::Headline => s.push_str("Headline quote. "),
        _ => {}
    }
    let by = q.mention.map(|m| a.mentions[m].span.text(text));
    let cue = q.cue.map(|c| c.text(text));
    match (by, cue) {
        (Some(by), Some(cue)) => {
            let _ = write!(s, "Attributed by \u{201C}{} {}\u{201D}", md(by), md(cue));
        }
        (Some(by), None) => {
            let _ = write!(s, "Attributed to \u{201C}{}\u{201D}", md(by));
        }
        _ => s.push_str("Attributed"),
    }
    let _ = write!(
        s,
        " (rule `{}`, confidence {:.2}).",
        q.rule.as_str(),
        q.confidence
    );
    let others = speaker_quotes(a, e, settings)
        .filter(|&o| o != qi && is_shown_speech(&a.quotes[o], settings))
        .count();
    let _ = write!(
        s,
        "\n\n{} has {} other quote{} in this text.",
        md(&e.name),
        others,
        if others == 1 { "" } else { "s" }
    );
    s
}

/// How many quotes a mention hover lists before summarising the rest.
const LISTED_QUOTES: usize = 10;

fn mention_hover(snap: &Snapshot, mi: usize) -> String {
    let a = snap.analysis();
    let settings = &snap.settings.settings;
    let text = snap.text.as_str();
    let m = &a.mentions[mi];
    let Some(e) = m.entity.map(|e| &a.entities[e]) else {
        return String::new();
    };
    let mut s = format!("**{}** ({})", md(&e.name), kind_word(e));
    if m.kind != crate::analysis::MentionKind::Name || m.name.text(text) != e.name {
        let _ = write!(
            s,
            "\n\n\u{201C}{}\u{201D} is a {} for {}.",
            md(m.span.text(text)),
            mention_kind_word(m.kind),
            md(&e.name)
        );
    }
    if !e.titles.is_empty() {
        let _ = write!(s, "\n\nTitles: {}", md(&e.titles.join("; ")));
    }
    let forms = mention_forms(text, a, e);
    let _ = write!(
        s,
        "\n\nReferred to as: {}",
        forms
            .iter()
            .map(|f| format!("\u{201C}{}\u{201D}", md(f)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let quotes: Vec<usize> = speaker_quotes(a, e, settings).collect();
    if quotes.is_empty() {
        s.push_str("\n\nNo quotes in this text.");
    } else {
        let _ = write!(
            s,
            "\n\n{} quote{}:\n",
            quotes.len(),
            if quotes.len() == 1 { "" } else { "s" }
        );
        for &q in quotes.iter().take(LISTED_QUOTES) {
            let line = snap
                .lines
                .position(text, a.quotes[q].span.start, Encoding::Utf32)
                .line
                + 1;
            let _ = write!(
                s,
                "\n- line {line}: {}",
                md(&first_words(text, &a.quotes[q], 8))
            );
        }
        if quotes.len() > LISTED_QUOTES {
            let _ = write!(s, "\n- \u{2026} and {} more", quotes.len() - LISTED_QUOTES);
        }
    }
    s
}
