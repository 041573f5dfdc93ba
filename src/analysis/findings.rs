//! Findings: what a writer or editor should look at, each with a stable code, a message, the
//! places that explain it, and the fixes an editor can apply.

use super::entities::Variant;
use super::lexicon;
use super::marks::Scan;
use super::model::*;
use super::text::{Format, Prose};

fn finding(code: FindingCode, span: Span, message: String) -> Finding {
    Finding {
        code,
        severity: code.default_severity().unwrap_or(Severity::Info),
        span,
        message,
        related: Vec::new(),
        fixes: Vec::new(),
        quote: None,
        entity: None,
    }
}

/// The typographic convention a text uses for double quotes, judged from its curly marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Convention {
    English,
    German,
    French,
}

impl Convention {
    pub fn of(text: &str) -> Convention {
        if text.contains('\u{201E}') {
            Convention::German
        } else if text.contains('\u{00AB}') {
            Convention::French
        } else {
            Convention::English
        }
    }
    /// (open, close) marks for a quote at nesting `depth`.
    pub fn marks(self, depth: u8) -> (&'static str, &'static str) {
        let outer = depth.is_multiple_of(2);
        match (self, outer) {
            (Convention::English, true) => ("\u{201C}", "\u{201D}"),
            (Convention::English, false) => ("\u{2018}", "\u{2019}"),
            (Convention::German, true) => ("\u{201E}", "\u{201C}"),
            (Convention::German, false) => ("\u{201A}", "\u{2018}"),
            (Convention::French, true) => ("\u{00AB}", "\u{00BB}"),
            (Convention::French, false) => ("\u{201C}", "\u{201D}"),
        }
    }
}

/// The closing mark that matches an opening one.
pub fn closer_for(open: char) -> char {
    match open {
        '"' => '"',
        '\'' => '\'',
        '\u{201C}' => '\u{201D}',
        '\u{2018}' => '\u{2019}',
        '\u{201E}' => '\u{201C}',
        '\u{201A}' => '\u{2018}',
        '\u{00AB}' => '\u{00BB}',
        '\u{00BB}' => '\u{00AB}',
        '\u{2039}' => '\u{203A}',
        '\u{203A}' => '\u{2039}',
        '\u{300C}' => '\u{300D}',
        '\u{300E}' => '\u{300F}',
        c => c,
    }
}

/// The closing mark for an opening mark as written ('' closes '').
fn closer_text(text: &str, open: Mark) -> String {
    let written = open.span.text(text);
    if written == "''" {
        written.to_string()
    } else {
        closer_for(open.ch).to_string()
    }
}

fn show(c: char) -> String {
    format!("{c}")
}

/// Findings about the marks themselves: unclosed, unmatched, mismatched, mixed styles.
pub fn mark_findings(text: &str, scan: &Scan, quotes: &[Quote], out: &mut Vec<Finding>) {
    for (i, q) in scan.quotes.iter().enumerate() {
        if scan.is_unclosed(i) {
            let close = closer_text(text, q.open);
            // Where the closing mark is missing: the last character of the quote.
            let last = text[..q.span.end]
                .chars()
                .next_back()
                .map_or(0, char::len_utf8);
            let at = Span::new(q.span.end - last, q.span.end);
            let mut f = finding(
                FindingCode::UnclosedQuote,
                at,
                format!(
                    "Quotation opened with {} is never closed: add {close} where it ends.",
                    q.open.span.text(text),
                ),
            );
            f.related.push(Related {
                span: q.open.span,
                message: "the quotation opens here".into(),
            });
            f.fixes.push(Fix {
                title: format!("Close the quotation with {close}"),
                edits: vec![Edit {
                    span: Span::new(q.span.end, q.span.end),
                    new_text: close,
                }],
            });
            f.quote = quote_index(quotes, q.open.span.start);
            out.push(f);
        }
        if q.mismatched
            && let Some(close) = q.close
        {
            let want = closer_for(q.open.ch);
            let mut f = finding(
                FindingCode::MismatchedQuoteMarks,
                close.span,
                format!(
                    "Quotation opened with {} is closed with {}: use {}.",
                    show(q.open.ch),
                    show(close.ch),
                    show(want)
                ),
            );
            f.related.push(Related {
                span: q.open.span,
                message: "the quotation opens here".into(),
            });
            f.fixes.push(Fix {
                title: format!("Replace {} with {}", show(close.ch), show(want)),
                edits: vec![Edit {
                    span: close.span,
                    new_text: want.to_string(),
                }],
            });
            f.quote = quote_index(quotes, q.open.span.start);
            out.push(f);
        }
    }
    for m in &scan.unmatched {
        let mut f = finding(
            FindingCode::UnmatchedClosingQuote,
            m.span,
            format!(
                "Closing quotation mark {} has no opening mark before it in its paragraph.",
                show(m.ch)
            ),
        );
        f.fixes.push(Fix {
            title: format!("Remove the stray {}", show(m.ch)),
            edits: vec![Edit {
                span: m.span,
                new_text: String::new(),
            }],
        });
        out.push(f);
    }
    mixed_style(text, scan, out);
}

fn quote_index(quotes: &[Quote], open_start: usize) -> Option<QuoteId> {
    // A direct quote's span starts at its opening mark.
    quotes_starting_at(quotes, open_start)
        .find(|&i| quotes[i].open.is_some_and(|o| o.span.start == open_start))
}

/// Straight and curly double quotes in one text.
fn mixed_style(text: &str, scan: &Scan, out: &mut Vec<Finding>) {
    let is_straight = |c: char| c == '"' || c == '\'';
    let straight: Vec<usize> = (0..scan.quotes.len())
        .filter(|&i| is_straight(scan.quotes[i].open.ch))
        .collect();
    let curly: Vec<usize> = (0..scan.quotes.len())
        .filter(|&i| !is_straight(scan.quotes[i].open.ch))
        .collect();
    if straight.is_empty() || curly.is_empty() {
        return;
    }
    let (minority, majority) = if straight.len() <= curly.len() {
        (&straight, &curly)
    } else {
        (&curly, &straight)
    };
    let first = &scan.quotes[minority[0]];
    let example = &scan.quotes[majority[0]];
    let minority_is_straight = is_straight(first.open.ch);
    let mut f = finding(
        FindingCode::MixedQuoteStyle,
        first.open.span,
        format!(
            "This text mixes straight and curly quotation marks ({} straight, {} curly).",
            straight.len(),
            curly.len()
        ),
    );
    f.related.push(Related {
        span: example.open.span,
        message: format!(
            "{} marks are used here",
            if minority_is_straight {
                "curly"
            } else {
                "straight"
            }
        ),
    });
    let convention = Convention::of(text);
    let mut to_curly = Vec::new();
    let mut to_straight = Vec::new();
    for q in &scan.quotes {
        let single = matches!(
            q.open.ch,
            '\'' | '\u{2018}' | '\u{201A}' | '\u{2039}' | '\u{203A}'
        );
        // Depth by the mark's weight, so a double inside a single stays double.
        let depth = u8::from(single);
        let (open, close) = convention.marks(depth);
        let straight_mark = if single { "'" } else { "\"" };
        if is_straight(q.open.ch) {
            to_curly.push(Edit {
                span: q.open.span,
                new_text: open.into(),
            });
            if let Some(c) = q.close {
                to_curly.push(Edit {
                    span: c.span,
                    new_text: close.into(),
                });
            }
        } else if matches!(
            q.open.ch,
            '\u{201C}' | '\u{2018}' | '\u{201E}' | '\u{201A}' | '\u{00AB}' | '\u{00BB}'
        ) {
            to_straight.push(Edit {
                span: q.open.span,
                new_text: straight_mark.into(),
            });
            if let Some(c) = q.close {
                to_straight.push(Edit {
                    span: c.span,
                    new_text: straight_mark.into(),
                });
            }
        }
    }
    if !to_curly.is_empty() {
        f.fixes.push(Fix {
            title: "Use curly quotation marks throughout".into(),
            edits: to_curly,
        });
    }
    if !to_straight.is_empty() {
        f.fixes.push(Fix {
            title: "Use straight quotation marks throughout".into(),
            edits: to_straight,
        });
    }
    out.push(f);
}

/// Findings about attribution and speakers.
pub fn speaker_findings(
    text: &str,
    prose: &Prose,
    analysis: &Analysis,
    variants: &[Variant],
    ambiguous: &[(MentionId, EntityId)],
    out: &mut Vec<Finding>,
) {
    let mut seen_utterances = std::collections::HashSet::new();
    for (i, q) in analysis.quotes.iter().enumerate() {
        if q.kind != QuoteKind::Speech || q.depth > 0 || q.speaker.is_some() {
            continue;
        }
        if !seen_utterances.insert(q.utterance) {
            continue;
        }
        let mut f = finding(
            FindingCode::UnattributedQuote,
            q.span,
            "No speaker found for this quotation: say who said it.".into(),
        );
        f.quote = Some(i);
        out.push(f);
    }
    // Fiction names its people as it likes ("Tom", "the old man"); only news owes the reader
    // a full name.
    let owes_full_names = analysis.style == Style::News;
    for (e, entity) in analysis.entities.iter().enumerate() {
        if entity.quotes.is_empty() || entity.is_org || !owes_full_names {
            continue;
        }
        // The first mention outside headlines.
        let Some(&first) = entity
            .mentions
            .iter()
            .find(|&&m| !is_headline(prose, analysis.mentions[m].span.start))
        else {
            continue;
        };
        let m = &analysis.mentions[first];
        let intro = entity.introduction.map(|i| &analysis.mentions[i]);
        let full_name = |mm: &Mention| mm.name.text(text).split_whitespace().count() >= 2;
        let introduced = m.kind == MentionKind::Name && full_name(m);
        if introduced {
            continue;
        }
        let what = match m.kind {
            MentionKind::Pronoun => "a pronoun",
            MentionKind::Description => "a description",
            // "Tom" is a first name; "Lavrov" (or "Mr. Lavrov") a surname.
            MentionKind::Name
                if lexicon::given_name(&m.name.text(text).to_lowercase()).is_some() =>
            {
                "a first name alone"
            }
            MentionKind::Name => "a surname alone",
        };
        let mut f = finding(
            FindingCode::SpeakerNotIntroduced,
            m.span,
            format!(
                "{} is first referred to by {} (“{}”): introduce the speaker by full name{}.",
                entity.name,
                what,
                m.span.text(text),
                if entity.titles.is_empty() {
                    String::new()
                } else {
                    " and title".into()
                }
            ),
        );
        f.entity = Some(e);
        if let Some(intro) = intro
            && full_name(intro)
            && intro.span.start > m.span.start
        {
            f.related.push(Related {
                span: intro.span,
                message: "the full name appears here".into(),
            });
            let title = entity
                .titles
                .first()
                .filter(|t| !t.contains(',') && !intro.span.text(text).contains(t.as_str()));
            let mut full = intro.span.text(text).to_string();
            if let Some(t) = title
                && m.kind != MentionKind::Description
            {
                full = format!("{t} {full}");
            }
            // Keep a possessive.
            if m.span.text(text).ends_with("'s") || m.span.text(text).ends_with("\u{2019}s") {
                full.push_str(
                    &m.span.text(text)[m.span.len() - "\u{2019}s".len().min(m.span.len())..],
                );
            }
            f.fixes.push(Fix {
                title: format!("Introduce the speaker as “{full}”"),
                edits: vec![Edit {
                    span: m.span,
                    new_text: full,
                }],
            });
        }
        out.push(f);
    }
    for v in variants {
        let m = &analysis.mentions[v.mention];
        let other = &analysis.mentions[v.other];
        let entity = &analysis.entities[v.entity];
        let odd = m.name.text(text).to_string();
        let usual = other.name.text(text).to_string();
        let mut f = finding(
            FindingCode::InconsistentSpeakerName,
            m.name,
            format!("“{odd}” is spelt “{usual}” elsewhere in this text."),
        );
        f.entity = Some(v.entity);
        f.related.push(Related {
            span: other.name,
            message: format!("spelt “{usual}” here"),
        });
        f.fixes.push(Fix {
            title: format!("Change to “{usual}”"),
            edits: vec![Edit {
                span: m.name,
                new_text: usual.clone(),
            }],
        });
        // Unify every mention of the entity that uses the odd spelling.
        let all: Vec<Edit> = entity
            .mentions
            .iter()
            .map(|&i| &analysis.mentions[i])
            .filter(|mm| mm.kind == MentionKind::Name && mm.name.text(text) == odd)
            .map(|mm| Edit {
                span: mm.name,
                new_text: usual.clone(),
            })
            .collect();
        if all.len() > 1 {
            f.fixes.push(Fix {
                title: format!("Change every “{odd}” to “{usual}”"),
                edits: all,
            });
        }
        out.push(f);
    }
    // The first quote each mention attributes.
    let mut quote_of_mention: Vec<Option<QuoteId>> = Vec::new();
    if !ambiguous.is_empty() {
        quote_of_mention = vec![None; analysis.mentions.len()];
        for (qi, q) in analysis.quotes.iter().enumerate().rev() {
            if let Some(m) = q.mention {
                quote_of_mention[m] = Some(qi);
            }
        }
    }
    for &(m, rival) in ambiguous {
        let mention = &analysis.mentions[m];
        let Some(e) = mention.entity else { continue };
        // Only where the mention attributes a quote.
        let Some(qi) = quote_of_mention[m] else {
            continue;
        };
        let mut f = finding(
            FindingCode::AmbiguousSpeaker,
            mention.span,
            format!(
                "“{}” could refer to {} or {}: name the speaker.",
                mention.span.text(text),
                analysis.entities[e].name,
                analysis.entities[rival].name
            ),
        );
        f.quote = Some(qi);
        f.entity = Some(e);
        if let Some(other) = analysis.entities[rival]
            .mentions
            .iter()
            .rev()
            .map(|&i| &analysis.mentions[i])
            .find(|mm| mm.span.start < mention.span.start)
        {
            f.related.push(Related {
                span: other.span,
                message: format!("{} is mentioned here", analysis.entities[rival].name),
            });
        }
        out.push(f);
    }
}

/// Headline quotes whose words the story never uses: a misquote, or a quote the story lost.
/// Case, punctuation and an ellipsis that joins pieces ("‘Crazy … System’") do not count.
/// `story` is the story's words when the caller has already folded them (see [`story_words`]).
pub fn headline_findings(
    prose: &Prose,
    quotes: &[Quote],
    story: Option<String>,
    out: &mut Vec<Finding>,
) {
    let text = &prose.text;
    let mut headline = quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| q.kind == QuoteKind::Headline && q.depth == 0)
        .peekable();
    if headline.peek().is_none() {
        return;
    }
    let story = story.unwrap_or_else(|| story_words(prose, None));
    for (i, q) in headline {
        if !echoed_in_story(&story, q.content.text(text)) {
            let mut f = finding(
                FindingCode::HeadlineQuoteNotInStory,
                q.span,
                "The story never quotes these words: check the headline against the quote it \
                 displays."
                    .into(),
            );
            f.quote = Some(i);
            out.push(f);
        }
    }
}

/// The words of every paragraph but the headings and `heading` (a paragraph about to be
/// judged one), folded as [`fold_words`] does.
pub(crate) fn story_words(prose: &Prose, heading: Option<usize>) -> String {
    let mut story = String::from(" ");
    for (p, span) in prose.paragraphs.iter().enumerate() {
        if !prose.headings[p] && heading != Some(p) {
            fold_words(span.text(&prose.text), &mut story);
        }
    }
    story
}

/// Whether the story (from [`story_words`]) uses the words of a headline's quote: each piece
/// of it, where an ellipsis joins pieces.
pub(crate) fn echoed_in_story(story: &str, content: &str) -> bool {
    content
        .split(['\u{2026}'])
        .flat_map(|piece| piece.split("..."))
        .all(|piece| {
            let mut words = String::from(" ");
            fold_words(piece, &mut words);
            words.len() == 1 || story.contains(&words)
        })
}

/// Appends the words of `s` in lowercase, each followed by one space, so that a phrase
/// folded the same way and framed by spaces is found only as whole words.
fn fold_words(s: &str, out: &mut String) {
    for word in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        out.extend(word.chars().flat_map(char::to_lowercase));
        out.push(' ');
    }
}

/// A headline or dateline: a short paragraph without a sentence-ending stop.
pub fn is_headline(prose: &Prose, offset: usize) -> bool {
    prose
        .headlines
        .get(prose.paragraph_of(offset))
        .copied()
        .unwrap_or(false)
}

/// Edits that silence a finding with an ignore comment: in its paragraph, or in the file.
pub fn ignore_fixes(text: &str, format: Format, paragraphs: &[Span], f: &Finding) -> Vec<Fix> {
    // Called for every finding: no scan of the whole text or of every paragraph here (that
    // made diagnostics quadratic on a novel). Paragraphs are in text order, so those ending
    // at or before the finding cannot hold it.
    let first = paragraphs.partition_point(|p| p.end <= f.span.start);
    let para = paragraphs[first..]
        .iter()
        .find(|p| p.overlaps(f.span) || p.contains(f.span.start));
    // The text's line breaks, judged by its first one.
    let newline = match text.find('\n') {
        Some(i) if text[..i].ends_with('\r') => "\r\n",
        _ => "\n",
    };
    let mut fixes = Vec::new();
    if let Some(p) = para {
        let line_start = text[..p.start].rfind('\n').map_or(0, |i| i + 1);
        let comment = match format {
            Format::Markdown => format!("<!-- quotelens: ignore {} -->{newline}", f.code.as_str()),
            Format::Plain => format!("<!-- quotelens: ignore {} -->{newline}", f.code.as_str()),
        };
        fixes.push(Fix {
            title: format!("Ignore {} in this paragraph", f.code.as_str()),
            edits: vec![Edit {
                span: Span::new(line_start, line_start),
                new_text: comment,
            }],
        });
    }
    fixes.push(Fix {
        title: "Ignore quotelens findings in this file".into(),
        edits: vec![Edit {
            span: Span::new(0, 0),
            new_text: format!("<!-- quotelens: ignore-file -->{newline}"),
        }],
    });
    fixes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Options, analyze};

    /// The ignore comment goes at the start of the finding's own paragraph, with the text's
    /// line breaks, for a finding in every paragraph of a text.
    #[test]
    fn ignore_fixes_go_before_each_findings_paragraph_with_the_texts_line_breaks() {
        for newline in ["\n", "\r\n"] {
            let text = [
                "The council met.",
                "\"We will not pay, said the mayor.",
                "Residents waited.",
                "\"Nor will we, said the union.",
            ]
            .join(&newline.repeat(2));
            let a = analyze(&text, &Options::default());
            let unclosed: Vec<&Finding> = a
                .findings
                .iter()
                .filter(|f| f.code.as_str() == "unclosed-quote")
                .collect();
            assert_eq!(unclosed.len(), 2, "{:?}", a.findings);
            for f in unclosed {
                let fixes = ignore_fixes(&text, Format::Plain, &a.paragraphs, f);
                let here = &fixes[0].edits[0];
                assert_eq!(
                    here.new_text,
                    format!("<!-- quotelens: ignore unclosed-quote -->{newline}")
                );
                let at = here.span.start;
                // The start of the paragraph that holds the finding.
                assert!(at <= f.span.start);
                assert!(!text[at..f.span.start].contains(&newline.repeat(2)));
                assert!(at == 0 || text[..at].ends_with(&newline.repeat(2)));
                assert!(fixes[1].edits[0].new_text.ends_with(newline));
            }
        }
    }
}
