//! Document and workspace symbols: speakers with their quotations.

use super::documents::Snapshot;
use super::present::{first_words, is_shown_speech, short_name, speaker_quotes};
use crate::analysis::{Entity, Span};
use crate::position::Encoding;
use tower_lsp_server::ls_types::{DocumentSymbol, Location, SymbolInformation, SymbolKind};

pub const SPEAKER_KIND: SymbolKind = SymbolKind::CLASS;
pub const QUOTE_KIND: SymbolKind = SymbolKind::STRING;
pub const GROUP_KIND: SymbolKind = SymbolKind::NAMESPACE;
pub const UNATTRIBUTED: &str = "Unattributed";

/// Words of a quote shown as its symbol name.
const NAME_WORDS: usize = 6;

/// The span a speaker symbol covers (all its mentions and quotes) and the span to select (its
/// introduction).
fn speaker_spans(snap: &Snapshot, e: &Entity, quotes: &[usize]) -> (Span, Span) {
    let a = snap.analysis();
    let spans = e
        .mentions
        .iter()
        .map(|&m| a.mentions[m].span)
        .chain(quotes.iter().map(|&q| a.quotes[q].span));
    let whole = spans
        .reduce(|x, y| Span::new(x.start.min(y.start), x.end.max(y.end)))
        .unwrap_or_default();
    let select = e
        .introduction
        .or_else(|| e.mentions.first().copied())
        .map(|m| a.mentions[m].span)
        .unwrap_or(whole);
    (whole, select)
}

#[allow(deprecated)] // `deprecated` is a required field of the LSP type
pub fn document_symbols(snap: &Snapshot, enc: Encoding) -> Vec<DocumentSymbol> {
    let a = snap.analysis();
    let settings = &snap.settings.settings;
    let view = snap.view(enc);
    let text = snap.text.as_str();
    let quote_symbol = |q: usize| {
        let quote = &a.quotes[q];
        // One conversion per quote: a novel has tens of thousands.
        let range = view.range(quote.span);
        DocumentSymbol {
            name: first_words(text, quote, NAME_WORDS),
            detail: Some(format!(
                "line {} \u{00B7} {}",
                range.start.line + 1,
                quote.rule.as_str()
            )),
            kind: QUOTE_KIND,
            tags: None,
            deprecated: None,
            range,
            selection_range: range,
            children: None,
        }
    };
    let mut out = Vec::new();
    for e in &a.entities {
        let quotes: Vec<usize> = speaker_quotes(a, e, settings).collect();
        if quotes.is_empty() {
            continue;
        }
        let (whole, select) = speaker_spans(snap, e, &quotes);
        let mut detail = e.titles.join(", ");
        if !detail.is_empty() {
            detail.push_str(" \u{00B7} ");
        }
        detail.push_str(&format!(
            "{} quote{}",
            quotes.len(),
            if quotes.len() == 1 { "" } else { "s" }
        ));
        out.push(DocumentSymbol {
            name: e.name.clone(),
            detail: Some(detail),
            kind: SPEAKER_KIND,
            tags: None,
            deprecated: None,
            range: view.range(whole),
            selection_range: view.range(select),
            children: Some(quotes.into_iter().map(quote_symbol).collect()),
        });
    }
    let unattributed: Vec<usize> = (0..a.quotes.len())
        .filter(|&q| a.quotes[q].speaker.is_none() && is_shown_speech(&a.quotes[q], settings))
        .collect();
    if let (Some(&first), Some(&last)) = (unattributed.first(), unattributed.last()) {
        let whole = Span::new(a.quotes[first].span.start, a.quotes[last].span.end);
        out.push(DocumentSymbol {
            name: UNATTRIBUTED.into(),
            detail: Some(format!("{} quotes with no speaker", unattributed.len())),
            kind: GROUP_KIND,
            tags: None,
            deprecated: None,
            range: view.range(whole),
            selection_range: view.range(a.quotes[first].span),
            children: Some(unattributed.into_iter().map(quote_symbol).collect()),
        });
    }
    out.sort_by_key(|s| (s.range.start.line, s.range.start.character));
    out
}

/// Whether a symbol name matches a workspace-symbol query: every query character in order,
/// ignoring case (so "okor", "hok" and "Helen" all find "Helen Okoro").
pub fn matches_query(name: &str, query: &str) -> bool {
    let mut name = name.chars().flat_map(char::to_lowercase);
    query
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .all(|qc| name.any(|nc| nc == qc))
}

/// Speakers and quotes of one document matching `query`.
#[allow(deprecated)]
pub fn workspace_symbols(snap: &Snapshot, query: &str, enc: Encoding) -> Vec<SymbolInformation> {
    let a = snap.analysis();
    let settings = &snap.settings.settings;
    let view = snap.view(enc);
    let text = snap.text.as_str();
    let mut out = Vec::new();
    for e in &a.entities {
        let quotes: Vec<usize> = speaker_quotes(a, e, settings).collect();
        if quotes.is_empty() {
            continue;
        }
        if matches_query(&e.name, query) {
            let (_, select) = speaker_spans(snap, e, &quotes);
            out.push(SymbolInformation {
                name: e.name.clone(),
                kind: SPEAKER_KIND,
                tags: None,
                deprecated: None,
                location: Location::new(snap.uri.clone(), view.range(select)),
                container_name: None,
            });
        }
        for q in quotes {
            let name = first_words(text, &a.quotes[q], NAME_WORDS);
            if matches_query(&name, query) {
                out.push(SymbolInformation {
                    name,
                    kind: QUOTE_KIND,
                    tags: None,
                    deprecated: None,
                    location: Location::new(snap.uri.clone(), view.range(a.quotes[q].span)),
                    container_name: Some(short_name(e).to_string()),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::matches_query;

    #[test]
    fn queries_match_in_order_ignoring_case() {
        assert!(matches_query("Helen Okoro", "okor"));
        assert!(matches_query("Helen Okoro", "HOk"));
        assert!(matches_query("Helen Okoro", ""));
        assert!(!matches_query("Helen Okoro", "reyes"));
        assert!(!matches_query("Helen Okoro", "orokO"));
    }
}
