//! Inlay hints: who speaks each quotation (`— Okoro` after its closing mark, `— ?` when nobody
//! is named) and who a pronoun or description cue stands for (`he → Daniel Reyes`).

use super::documents::Snapshot;
use super::present::{is_shown_speech, md, short_name};
use crate::analysis::{MentionKind, Span};
use crate::position::Encoding;
use std::collections::BTreeSet;
use tower_lsp_server::ls_types::{
    InlayHint, InlayHintLabel, InlayHintTooltip, MarkupContent, MarkupKind,
};

pub const UNATTRIBUTED_LABEL: &str = "\u{2014} ?";

fn markdown(value: String) -> Option<InlayHintTooltip> {
    Some(InlayHintTooltip::MarkupContent(MarkupContent {
        kind: MarkupKind::Markdown,
        value,
    }))
}

/// The hints whose position lies in `within` (byte span of the requested range).
pub fn inlay_hints(snap: &Snapshot, within: Span, enc: Encoding) -> Vec<InlayHint> {
    let a = snap.analysis();
    let settings = &snap.settings.settings;
    let view = snap.view(enc);
    let text = snap.text.as_str();
    let mut hints: Vec<(usize, InlayHint)> = Vec::new();
    let hint = |at: usize, label: String, tooltip: Option<InlayHintTooltip>| InlayHint {
        position: view.position(at),
        label: InlayHintLabel::String(label),
        kind: None,
        text_edits: None,
        tooltip,
        padding_left: Some(true),
        padding_right: Some(false),
        data: None,
    };
    if settings.inlay_hints.speakers {
        for q in a.quotes.iter().filter(|q| is_shown_speech(q, settings)) {
            let at = q.span.end;
            if !within.touches(at) {
                continue;
            }
            let (label, tooltip) = match q.speaker.map(|e| &a.entities[e]) {
                Some(e) => {
                    let mut tip = format!("**{}**", md(&e.name));
                    if !e.titles.is_empty() {
                        tip.push_str(&format!(" \u{00B7} {}", md(&e.titles.join(", "))));
                    }
                    tip.push_str(&format!(
                        "\n\nrule `{}`, confidence {:.2}",
                        q.rule.as_str(),
                        q.confidence
                    ));
                    (format!("\u{2014} {}", short_name(e)), tip)
                }
                None => (
                    UNATTRIBUTED_LABEL.to_string(),
                    "No speaker is named for this quotation.".to_string(),
                ),
            };
            hints.push((at, hint(at, label, markdown(tooltip))));
        }
    }
    if settings.inlay_hints.resolutions {
        // Pronoun and description cues: the mentions that attribute a quote.
        let cues: BTreeSet<usize> = a
            .quotes
            .iter()
            .filter(|q| is_shown_speech(q, settings))
            .filter_map(|q| q.mention)
            .collect();
        for m in cues {
            let mention = &a.mentions[m];
            let Some(e) = mention.entity.map(|e| &a.entities[e]) else {
                continue;
            };
            if mention.kind == MentionKind::Name || !within.touches(mention.span.end) {
                continue;
            }
            let tip = format!(
                "\u{201C}{}\u{201D} stands for **{}**",
                md(mention.span.text(text)),
                md(&e.name)
            );
            hints.push((
                mention.span.end,
                hint(
                    mention.span.end,
                    format!("\u{2192} {}", e.name),
                    markdown(tip),
                ),
            ));
        }
    }
    hints.sort_by_key(|(at, _)| *at);
    hints.into_iter().map(|(_, h)| h).collect()
}
