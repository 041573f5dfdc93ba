//! Words shown to the user about quotes and speakers, shared by hovers, symbols and hints.

use crate::analysis::{Analysis, Entity, MentionKind, Quote, QuoteKind};
use crate::config::Settings;

/// Whether a quote is shown as somebody's words: top-level speech, and reported speech when the
/// `reportedSpeech` setting is on.
pub fn is_shown_speech(q: &Quote, settings: &Settings) -> bool {
    q.depth == 0
        && match q.kind {
            QuoteKind::Speech | QuoteKind::Headline => true,
            QuoteKind::Indirect | QuoteKind::Mixed => settings.reported_speech,
            QuoteKind::Title | QuoteKind::Term => false,
        }
}

/// The quotes of an entity that are shown.
pub fn speaker_quotes<'a>(
    analysis: &'a Analysis,
    entity: &'a Entity,
    settings: &'a Settings,
) -> impl Iterator<Item = usize> + 'a {
    entity
        .quotes
        .iter()
        .copied()
        .filter(move |&q| is_shown_speech(&analysis.quotes[q], settings))
}

/// The first `n` words of a quote's content, with an ellipsis when cut, in curly quotes.
pub fn first_words(text: &str, q: &Quote, n: usize) -> String {
    // Only the words shown are split off: a quote may be pages long (a letter in a novel).
    let mut words = q.content.text(text).split_whitespace();
    let mut s = words.by_ref().take(n).collect::<Vec<_>>().join(" ");
    let s_trim = s.trim_end_matches([',', '.', ';', ':']).len();
    s.truncate(s_trim);
    if words.next().is_some() {
        s.push('\u{2026}');
    }
    format!("\u{201C}{s}\u{201D}")
}

/// The name used in short labels: a person's surname, an organisation's full name.
pub fn short_name(e: &Entity) -> &str {
    if e.is_org {
        return &e.name;
    }
    e.name.split_whitespace().last().unwrap_or(&e.name)
}

/// The different ways the text refers to an entity, in order of first use.
pub fn mention_forms(text: &str, analysis: &Analysis, e: &Entity) -> Vec<String> {
    let mut forms: Vec<String> = Vec::new();
    for &m in &e.mentions {
        let t = analysis.mentions[m].span.text(text).trim().to_string();
        if !forms.iter().any(|f| f.eq_ignore_ascii_case(&t)) {
            forms.push(t);
        }
    }
    forms
}

pub fn kind_word(e: &Entity) -> &'static str {
    if e.is_org { "organisation" } else { "person" }
}

pub fn mention_kind_word(k: MentionKind) -> &'static str {
    match k {
        MentionKind::Name => "name",
        MentionKind::Pronoun => "pronoun",
        MentionKind::Description => "description",
    }
}

/// Escape text for Markdown so names and quotes show literally.
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Options, analyze};

    #[test]
    fn first_words_and_short_names() {
        let text = "\"We will not sign this agreement today,\" Lavrov said.";
        let a = analyze(text, &Options::default());
        assert_eq!(
            first_words(text, &a.quotes[0], 3),
            "\u{201C}We will not\u{2026}\u{201D}"
        );
        assert_eq!(
            first_words(text, &a.quotes[0], 10),
            "\u{201C}We will not sign this agreement today\u{201D}"
        );
        assert_eq!(md("a*b_[c]"), "a\\*b\\_\\[c\\]");
    }
}
