//! The analysis core: text in, quotes, mentions, speakers and findings out.
//!
//! Pure and synchronous; knows nothing of LSP or the command line. Every offset in the result
//! is a byte offset into the analysed text.

pub mod attribution;
pub mod cues;
pub mod dialogue;
pub mod entities;
pub mod findings;
pub mod lexicon;
pub mod marks;
pub mod mentions;
pub mod model;
pub mod text;
pub mod tokens;

pub use model::*;
pub use text::Format;

use attribution::{Attr, Sieve};
use entities::MentionSeed;
use lexicon::Lexicon;
use mentions::{NameChunk, NameIndex, Phrase};
use std::collections::HashMap;
use std::sync::Arc;
use text::Prose;
use tokens::Tokens;

/// What the analysis can be told: the text's format and the user's configuration.
#[derive(Clone, Debug)]
pub struct Options {
    pub format: Format,
    pub lexicon: Arc<Lexicon>,
    /// Lowercased alias ("sergei lavrov") to the canonical name ("Sergey Lavrov").
    pub aliases: HashMap<String, String>,
    /// Severity overrides; `None` turns a finding off.
    pub severities: HashMap<FindingCode, Option<Severity>>,
    /// Read two apostrophes ('') as a double quotation mark, as some archives write it.
    pub two_apostrophe_quotes: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            format: Format::Plain,
            lexicon: Arc::new(Lexicon::with_extra_verbs(&[])),
            aliases: HashMap::new(),
            severities: HashMap::new(),
            two_apostrophe_quotes: false,
        }
    }
}

/// Lowercase words of a name, for matching mentions and aliases.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .map(|w| strip_possessive(w).to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("\u{2019}s"))
        .unwrap_or(w)
}

impl Options {
    pub fn new(format: Format) -> Options {
        Options {
            format,
            ..Options::default()
        }
    }

    pub fn with_extra_verbs(mut self, verbs: &[String]) -> Options {
        self.lexicon = Arc::new(Lexicon::with_extra_verbs(verbs));
        self
    }

    pub fn with_alias(mut self, alias: &str, canonical: &str) -> Options {
        self.aliases
            .insert(name_key(alias), canonical.trim().to_string());
        self
    }

    /// The severity of a finding code after configuration; `None` when it is off.
    pub fn severity(&self, code: FindingCode) -> Option<Severity> {
        match self.severities.get(&code) {
            Some(s) => *s,
            None => code.default_severity(),
        }
    }
}

/// Analyse a text.
pub fn analyze(text: &str, options: &Options) -> Analysis {
    let prose = Prose::new(text, options.format);
    let scan = marks::scan_with(
        &prose.text,
        &prose.paragraphs,
        options.two_apostrophe_quotes,
    );
    let contents: Vec<Span> = scan
        .quotes
        .iter()
        .filter(|q| q.depth == 0)
        .map(|q| q.content)
        .collect();
    let mut tokens = Tokens::new_with(
        &prose.text,
        &prose.sentences,
        &contents,
        options.two_apostrophe_quotes,
    );
    if prose.hard_wrapped {
        tokens.breaks_only_at(&prose.paragraphs);
    }
    let casing = mentions::Casing::new(&tokens);
    let chunks = mentions::find_names_with(&tokens, &casing);
    let names = NameIndex::new(tokens.len(), &chunks);
    let cue_list = cues::find_cues(&tokens, &options.lexicon);
    let sieve = Sieve::new(&prose, &tokens, &chunks, &names, &cue_list, &scan.quotes);
    let utterance = attribution::utterances(&prose.text, &scan.quotes);
    let attrs = run_sieve(&sieve, &scan.quotes, &utterance);

    // Every name and every cue subject is a mention; quote speakers point at them.
    let mut seeds = SeedTable::default();
    for (ci, c) in chunks.iter().enumerate() {
        seeds.add_chunk(&prose, &tokens, ci, c);
    }
    // Subject pronouns in the narration keep their person salient and name them on hover.
    for i in 0..tokens.len() {
        let t = tokens.list[i];
        if t.kind != tokens::Kind::Word || t.quoted || !tokens.is_word(i + 1) {
            continue;
        }
        let lower = tokens.lower(i);
        if let Some(g) =
            lexicon::subject_pronoun(lower).filter(|_| matches!(lower, "he" | "she" | "they"))
        {
            let p = Phrase {
                tokens: i..i + 1,
                kind: MentionKind::Pronoun,
                chunk: None,
                gender: g,
                is_org: false,
                plural: g == Gender::Plural,
                head: lower.to_string(),
                antecedent: None,
            };
            seeds.add_phrase(&prose, &tokens, &chunks, &p, false);
        }
    }
    for c in 0..cue_list.len() {
        if let Some(p) = sieve.subject_of(c) {
            seeds.add_phrase(&prose, &tokens, &chunks, &p, true);
        }
    }
    let quote_seed: Vec<Option<usize>> = attrs
        .iter()
        .map(|a| {
            a.as_ref()
                .map(|a| seeds.add_phrase(&prose, &tokens, &chunks, &a.phrase, true))
        })
        .collect();
    let resolution = entities::resolve(seeds.seeds, &options.aliases);

    let mut analysis = Analysis {
        paragraphs: prose.paragraphs.clone(),
        sentences: prose.sentences.clone(),
        mentions: resolution.mentions,
        entities: resolution.entities,
        ignored: prose.ignore_file,
        ..Analysis::default()
    };
    analysis.cues = cue_list
        .iter()
        .enumerate()
        .map(|(i, c)| Cue {
            span: sieve.cue_span(i),
            lemma: c.lemma.clone(),
        })
        .collect();

    for (i, q) in scan.quotes.iter().enumerate() {
        let attr = attrs[i].as_ref();
        let mention = quote_seed[i].and_then(|s| resolution.seed_index[s]);
        let speaker = mention.and_then(|m| analysis.mentions[m].entity);
        let kind = classify(&prose.text, q, attrs[utterance[i]].as_ref().or(attr));
        let keep = kind == QuoteKind::Speech && q.depth == 0;
        analysis.quotes.push(Quote {
            span: q.span,
            content: q.content,
            open: Some(q.open),
            close: q.close,
            kind,
            depth: q.depth,
            parent: q.parent,
            utterance: utterance[i],
            paragraph: q.paragraph,
            speaker: speaker.filter(|_| keep),
            mention: mention.filter(|_| keep),
            cue: attr
                .and_then(|a| a.cue)
                .map(|c| sieve.cue_span(c))
                .filter(|_| keep),
            rule: match attr {
                _ if q.depth > 0 => Rule::Nested,
                Some(a) if keep && speaker.is_some() => a.rule,
                _ => Rule::None,
            },
            confidence: attr
                .filter(|_| keep && speaker.is_some())
                .map_or(0.0, |a| a.confidence),
        });
    }
    dialogue::converse(&prose, &tokens, &casing, &mut analysis);
    for (qi, q) in analysis.quotes.iter().enumerate() {
        if let Some(e) = q.speaker {
            analysis.entities[e].quotes.push(qi);
        }
    }

    let mut found = Vec::new();
    findings::mark_findings(text, &scan, &analysis.quotes, &mut found);
    findings::speaker_findings(
        text,
        &prose,
        &analysis,
        &resolution.variants,
        &resolution.ambiguous,
        &mut found,
    );
    found.retain_mut(|f| match options.severity(f.code) {
        Some(s) if !prose.is_silenced(f.span, f.code.as_str()) => {
            f.severity = s;
            true
        }
        _ => false,
    });
    found.sort_by_key(|f| (f.span.start, f.span.end, f.code));
    analysis.findings = found;
    analysis
}

/// Run the sieve: precise rules on every part, shared across each utterance, then the weaker
/// rules on what is left, then paragraph continuation in text order.
fn run_sieve(
    sieve: &Sieve,
    quotes: &[marks::ScannedQuote],
    utterance: &[usize],
) -> Vec<Option<Attr>> {
    let n = quotes.len();
    let mut attrs: Vec<Option<Attr>> = vec![None; n];
    for (i, q) in quotes.iter().enumerate() {
        if q.depth > 0 {
            continue;
        }
        attrs[i] = sieve
            .trailing_cue(q)
            .or_else(|| sieve.leading_cue(q))
            .or_else(|| sieve.speaker_label(q))
            .or_else(|| sieve.according_to(q))
            .or_else(|| sieve.leading_colon(q));
    }
    share_within_utterances(quotes, utterance, &mut attrs);
    for (i, q) in quotes.iter().enumerate() {
        if q.depth > 0 || attrs[utterance[i]].is_some() || attrs[i].is_some() {
            continue;
        }
        attrs[i] = sieve.sentence_cue(q).or_else(|| sieve.adjacent_cue(q));
    }
    share_within_utterances(quotes, utterance, &mut attrs);
    // A quote-only paragraph continues the previous paragraph's speaker.
    for i in 0..n {
        let q = &quotes[i];
        if q.depth > 0
            || attrs[i].is_some()
            || utterance[i] != i
            || !sieve.opens_paragraph(q)
            || q.paragraph == 0
        {
            continue;
        }
        if sieve.paragraph_has_cue(q.paragraph) {
            continue;
        }
        let prev_para = q.paragraph - 1;
        let from_quote = (0..i)
            .rev()
            .take_while(|&j| quotes[j].paragraph >= prev_para)
            .find(|&j| {
                quotes[j].paragraph == prev_para && quotes[j].depth == 0 && attrs[j].is_some()
            })
            .and_then(|j| attrs[j].clone());
        let from_cue = || sieve.last_cue_in_paragraph(prev_para);
        if let Some(mut a) = from_quote.or_else(from_cue) {
            a.rule = Rule::ParagraphContinuation;
            a.confidence = 0.65 * a.confidence.max(0.5) / 0.95_f32.max(a.confidence);
            a.confidence = a.confidence.min(0.7);
            attrs[i] = Some(a);
        }
        share_within_utterances(quotes, utterance, &mut attrs);
    }
    attrs
}

/// Every part of an utterance takes the attribution of its best-attributed part.
fn share_within_utterances(
    quotes: &[marks::ScannedQuote],
    utterance: &[usize],
    attrs: &mut [Option<Attr>],
) {
    let mut best: HashMap<usize, Attr> = HashMap::new();
    for (i, a) in attrs.iter().enumerate() {
        if let Some(a) = a
            && best.get(&utterance[i]).is_none_or(|b| a.rule < b.rule)
        {
            best.insert(utterance[i], a.clone());
        }
    }
    for i in 0..attrs.len() {
        if attrs[i].is_some() || quotes[i].depth > 0 {
            continue;
        }
        if let Some(b) = best.get(&utterance[i]) {
            let mut a = b.clone();
            let same_paragraph = quotes[utterance[i]].paragraph == quotes[i].paragraph;
            a.rule = if same_paragraph {
                Rule::InterruptedQuote
            } else {
                Rule::ParagraphContinuation
            };
            a.confidence *= 0.95;
            attrs[i] = Some(a);
        }
    }
}

/// Words before a quote that announce the name of a work, show or slogan.
const TITLE_CONTEXT: &[&str] = &[
    "titled",
    "entitled",
    "called",
    "named",
    "show",
    "film",
    "movie",
    "book",
    "song",
    "album",
    "series",
    "program",
    "programme",
    "headline",
    "column",
    "article",
    "slogan",
    "hashtag",
    "dubbed",
    "nicknamed",
    "magazine",
    "play",
    "novel",
    "poem",
    "report",
    "campaign",
    "documentary",
    "episode",
    "musical",
    "podcast",
    "essay",
    "op-ed",
    "video",
    "ad",
];

/// Speech, a title, or a term: decided by attribution, length, casing and context.
fn classify(text: &str, q: &marks::ScannedQuote, attr: Option<&Attr>) -> QuoteKind {
    let content = q.content.text(text).trim();
    let words: Vec<&str> = content.split_whitespace().collect();
    let n = words.len();
    if n == 0 {
        return QuoteKind::Term;
    }
    if attr.is_some_and(|a| a.rule <= Rule::InterruptedQuote) {
        return QuoteKind::Speech;
    }
    // A title may carry the sentence's comma or stop inside its marks ("Mercy Street,").
    let bare = content.trim_end_matches([',', '.']);
    let sentence_like = bare.ends_with(['!', '?', '\u{2026}', ';']) || bare.contains(". ");
    let capital = |w: &str| {
        w.chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    };
    let long_words: Vec<&&str> = words
        .iter()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3)
        .collect();
    // Every long word capitalised, and more than the first: "Mercy Street", not "Thank you".
    let title_case = capital(words[0])
        && long_words.iter().all(|w| capital(w))
        && words.iter().skip(1).any(|w| capital(w));
    let before = text[text.floor_char_boundary(q.span.start.saturating_sub(40))..q.span.start]
        .to_lowercase();
    let title_context = before
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|x| TITLE_CONTEXT.contains(&x));
    if !sentence_like && n <= 8 && (title_case || (title_context && capital(words[0]) && n <= 4)) {
        return QuoteKind::Title;
    }
    // A single word without a cue is a scare quote or a term; two or three words are
    // usually somebody's phrase.
    if n == 1 && attr.is_none() && !sentence_like {
        return QuoteKind::Term;
    }
    QuoteKind::Speech
}

/// The honorific of "Mrs Beaver" or "Dr. Aziz" as written, when it is the name's whole title.
fn lone_honorific(tokens: &Tokens, c: &NameChunk) -> Option<String> {
    let words: Vec<usize> = (c.tokens.start..c.name_tokens.start)
        .filter(|&i| tokens.is_word(i))
        .collect();
    match words[..] {
        [w] if lexicon::honorific(tokens.lower(w)).is_some() => Some(
            Span::new(
                tokens.list[w].span.start,
                tokens.list[c.name_tokens.start - 1].span.end,
            )
            .text(tokens.text)
            .to_string(),
        ),
        _ => None,
    }
}

/// Mentions waiting for entity resolution, with an index from phrase tokens to seed.
#[derive(Default)]
struct SeedTable {
    seeds: Vec<MentionSeed>,
    by_tokens: HashMap<(usize, usize), usize>,
    by_chunk: HashMap<usize, usize>,
}

impl SeedTable {
    fn add_chunk(&mut self, prose: &Prose, tokens: &Tokens, ci: usize, c: &NameChunk) -> usize {
        if let Some(&s) = self.by_chunk.get(&ci) {
            return s;
        }
        // A dateline or all-capitals headline word is not a speaker mention.
        let display = strip_possessive(c.name.text(tokens.text)).to_string();
        let words: Vec<String> = (c.name_tokens.clone())
            .filter(|&i| tokens.is_word(i))
            .map(|i| tokens.lower(i).to_string())
            .collect();
        let paragraph = prose.paragraph_of(c.span.start);
        self.seeds.push(MentionSeed {
            mention: Mention {
                span: c.span,
                name: Span::new(c.name.start, c.name.start + display.len()),
                kind: MentionKind::Name,
                titles: c.titles.clone(),
                entity: None,
                gender: c.gender,
                is_org: c.is_org || c.is_place,
            },
            words,
            display,
            person_evidence: c.person_evidence && !c.all_caps,
            is_speaker: false,
            paragraph,
            plural: false,
            indefinite: false,
            in_headline: findings::is_headline(prose, c.span.start),
            honorific: lone_honorific(tokens, c),
            pronoun_after: c.pronoun_after,
            same_as: None,
        });
        let s = self.seeds.len() - 1;
        self.by_chunk.insert(ci, s);
        self.by_tokens.insert((c.tokens.start, c.tokens.end), s);
        s
    }

    fn add_phrase(
        &mut self,
        prose: &Prose,
        tokens: &Tokens,
        chunks: &[NameChunk],
        p: &Phrase,
        speaker: bool,
    ) -> usize {
        let same_as = p
            .antecedent
            .as_ref()
            .map(|a| self.add_phrase(prose, tokens, chunks, a, speaker));
        let s = if let Some(ci) = p.chunk {
            self.add_chunk(prose, tokens, ci, &chunks[ci])
        } else if let Some(&s) = self.by_tokens.get(&(p.tokens.start, p.tokens.end)) {
            s
        } else {
            let span = Span::new(
                tokens.list[p.tokens.start].span.start,
                tokens.list[p.tokens.end - 1].span.end,
            );
            let words: Vec<String> = p
                .tokens
                .clone()
                .filter(|&i| tokens.is_word(i))
                .map(|i| tokens.lower(i).to_string())
                .collect();
            let indefinite = words
                .first()
                .is_some_and(|w| matches!(w.as_str(), "a" | "an" | "another" | "one"));
            self.seeds.push(MentionSeed {
                mention: Mention {
                    span,
                    name: span,
                    kind: p.kind,
                    titles: Vec::new(),
                    entity: None,
                    gender: p.gender,
                    is_org: p.is_org,
                },
                words,
                display: span.text(tokens.text).to_string(),
                person_evidence: !p.is_org && p.kind == MentionKind::Description,
                is_speaker: false,
                paragraph: prose.paragraph_of(span.start),
                plural: p.plural,
                indefinite,
                in_headline: findings::is_headline(prose, span.start),
                honorific: None,
                pronoun_after: Gender::Unknown,
                same_as,
            });
            let s = self.seeds.len() - 1;
            self.by_tokens.insert((p.tokens.start, p.tokens.end), s);
            s
        };
        if speaker {
            self.seeds[s].is_speaker = true;
        }
        s
    }
}

#[cfg(test)]
mod tests;
