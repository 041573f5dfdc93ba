//! The analysis core: text in, quotes, mentions, speakers and findings out.
//!
//! Pure and synchronous; knows nothing of LSP or the command line. Every offset in the result
//! is a byte offset into the analysed text.

pub mod attribution;
pub mod cues;
pub mod dialogue;
pub mod entities;
pub mod findings;
pub mod incremental;
pub mod lexicon;
pub mod marks;
pub mod mentions;
pub mod model;
pub mod reported;
pub mod text;
pub mod tokens;

pub use model::*;
pub use text::Format;

use attribution::{Attr, Sieve};
use entities::MentionSeed;
use incremental::LocalCache;
use lexicon::Lexicon;
use mentions::{NameChunk, NameIndex, Phrase};
use rustc_hash::FxHashMap;
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
    /// Read two apostrophes ('') as the double quotation mark of direct quotes, as some archives
    /// write it; without it a text that writes them so is read with them, as reported speech.
    pub two_apostrophe_quotes: bool,
    /// News or fiction conventions, or `Auto` to tell from the text.
    pub style: Style,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            format: Format::Plain,
            lexicon: Arc::new(Lexicon::with_extra_verbs(&[])),
            aliases: HashMap::new(),
            severities: HashMap::new(),
            two_apostrophe_quotes: false,
            style: Style::Auto,
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

/// Whether the name is the object of a preposition of place: "in Derbyshire", "into the Great
/// North Road". Prepositions that as often take a person ("at", "to", "towards") are left out:
/// each cost pdnc-dev attributions.
fn after_place_preposition(tokens: &Tokens, c: &mentions::NameChunk) -> bool {
    let mut i = c.tokens.start;
    if i > 0 && tokens.lower(i - 1) == "the" {
        i -= 1;
    }
    i > 0
        && tokens.is_word(i - 1)
        && matches!(
            tokens.lower(i - 1),
            "in" | "into"
                | "from"
                | "near"
                | "round"
                | "around"
                | "through"
                | "across"
                | "beyond"
                | "outside"
                | "inside"
                | "within"
                | "along"
                | "via"
                | "onto"
        )
}

pub(crate) fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("\u{2019}s"))
        .or_else(|| w.strip_suffix('\'').filter(|s| s.ends_with('s')))
        .or_else(|| w.strip_suffix('\u{2019}').filter(|s| s.ends_with('s')))
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
    analyze_unless(text, options, &|| false).expect("an analysis nobody cancels finishes")
}

/// Analyse a text unless `cancelled`, asked between the stages of the analysis, says the
/// result is no longer wanted (the text changed meanwhile); then stop early with `None`.
///
/// A text of 4 GiB or more gets an empty analysis: token offsets are 32-bit.
pub fn analyze_unless(
    text: &str,
    options: &Options,
    cancelled: &dyn Fn() -> bool,
) -> Option<Analysis> {
    analyze_with(text, options, cancelled, None)
}

/// Like [`analyze_unless`], for a text being edited: the paragraphs the last analysis with
/// `cache` saw are not split into sentences and tokenised again (see [`incremental`]). The
/// result is the same as [`analyze_unless`]'s.
pub fn analyze_incremental(
    text: &str,
    options: &Options,
    cancelled: &dyn Fn() -> bool,
    cache: &mut LocalCache,
) -> Option<Analysis> {
    analyze_with(text, options, cancelled, Some(cache))
}

fn analyze_with(
    text: &str,
    options: &Options,
    cancelled: &dyn Fn() -> bool,
    mut cache: Option<&mut LocalCache>,
) -> Option<Analysis> {
    if u32::try_from(text.len()).is_err() {
        return Some(Analysis::default());
    }
    let stop = || (!cancelled()).then_some(());
    let mut stage = Stage::start("prose: paragraphs and sentences");
    let mut prose = match cache.as_deref_mut() {
        Some(c) => {
            c.begin();
            Prose::with_paragraphs_read_by(text, options.format, &mut |t, p, s| c.read(t, p, s))
        }
        None => Prose::new(text, options.format),
    };
    stop()?;
    stage.next("quotation marks");
    // A text that writes its quotation marks as '' is read with them; unless the setting
    // vouches for them, what they enclose is reported speech (see `apostrophe_quotes_reported`).
    let uncertain_marks =
        !options.two_apostrophe_quotes && marks::writes_two_apostrophe_marks(&prose.text);
    let two_apostrophes = options.two_apostrophe_quotes || uncertain_marks;
    let scan = marks::scan_with(&prose.text, &prose.paragraphs, two_apostrophes);
    // A first line that ends in a stop is the headline all the same when the story quotes the
    // words it quotes, as a headline's quotes display the story's; a story's own first
    // sentence quotes words of its own. The story's words are folded once: here, or by the
    // headline findings when a heading has quotes.
    let mut story_words = None;
    if prose.stopped_headline {
        let mut first = scan
            .quotes
            .iter()
            .filter(|q| q.depth == 0 && q.open.span.start < prose.paragraphs[0].end)
            .peekable();
        if first.peek().is_some() {
            let story = findings::story_words(&prose, Some(0));
            prose.headings[0] =
                first.all(|q| findings::echoed_in_story(&story, q.content.text(&prose.text)));
            // Had the line stayed story, these words would lack it.
            story_words = prose.headings[0].then_some(story);
        }
    }
    let contents: Vec<Span> = scan
        .quotes
        .iter()
        .filter(|q| q.depth == 0)
        .map(|q| q.content)
        .collect();
    let mut mark_offsets: Vec<usize> = scan
        .quotes
        .iter()
        .flat_map(|q| [Some(q.open), q.close])
        .flatten()
        .map(|m| m.span.start)
        .collect();
    mark_offsets.sort_unstable();
    stage.next("tokens");
    let spliced = cache
        .as_deref_mut()
        .and_then(|c| c.tokens(&prose, &contents, two_apostrophes, &mark_offsets));
    let mut tokens = spliced.unwrap_or_else(|| {
        Tokens::new_with(
            &prose.text,
            &prose.sentences,
            &contents,
            two_apostrophes,
            Some(&mark_offsets),
        )
    });
    if prose.hard_wrapped {
        tokens.breaks_only_at(&prose.paragraphs);
    }
    stop()?;
    stage.next("casing");
    let kept_casing = cache
        .as_deref_mut()
        .and_then(|c| c.casing(&prose, &tokens, prose.hard_wrapped));
    let casing = match &kept_casing {
        Some(counts) => mentions::Casing::kept(counts),
        None => mentions::Casing::new(&tokens),
    };
    stage.next("names");
    let chunks = mentions::find_names_with(&tokens, &casing);
    let names = NameIndex::new(&chunks);
    stage.next("cues");
    let cue_list = cues::find_cues(&tokens, &options.lexicon);
    stage.next("attribution sieve");
    let sieve = Sieve::new(&prose, &tokens, &chunks, &names, &cue_list, &scan.quotes);
    let utterance = attribution::utterances(&prose.text, &scan.quotes);
    stop()?;
    let attrs = run_sieve(&sieve, &scan.quotes, &utterance);
    stop()?;
    let kinds: Vec<QuoteKind> = scan
        .quotes
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let paragraph = prose.paragraphs[q.paragraph];
            let opens_paragraph =
                q.depth == 0 && prose.text[paragraph.start..q.span.start].trim().is_empty();
            classify(
                &prose.text,
                q,
                attrs[utterance[i]].as_ref().or(attrs[i].as_ref()),
                attrs[i].as_ref(),
                prose.headings[q.paragraph],
                paragraph.start,
                opens_paragraph,
            )
        })
        .collect();
    // News or fiction, read before the speakers are resolved: fiction resolves some
    // descriptions by its own conventions.
    let dialogue_style = options.style == Style::Fiction
        || (options.style == Style::Auto
            && reads_as_dialogue(&tokens, &chunks, &cue_list, &scan.quotes, &kinds, &attrs));
    // Before the mention seeds: its working memory is freed before they take theirs.
    stage.next("reported speech");
    let kept = cache
        .as_deref_mut()
        .and_then(|c| c.reported(&sieve, &options.lexicon, prose.hard_wrapped));
    let relations = kept.unwrap_or_else(|| reported::find(&sieve, &options.lexicon));
    stop()?;

    // Subject pronouns in the narration keep their person salient and name them on hover;
    // so do possessive ones beside a quotation ("his remarks that ..."), whose person is
    // often its speaker. (Only there: a long text holds tens of thousands of them.)
    let mut quoting_sentence = vec![false; prose.sentences.len()];
    for i in 0..tokens.len() {
        if tokens.list[i].quoted {
            quoting_sentence[tokens.sentence(i) as usize] = true;
        }
    }
    // One pass over the words finds those pronouns and the relative "who"s (see below).
    let mut narration_pronouns: Vec<(u32, Gender)> = Vec::new();
    let mut relative_whos: Vec<u32> = Vec::new();
    for i in 0..tokens.len() {
        let t = tokens.list[i];
        // Each of the words sought is 2 to 4 bytes long, 8 with a possessive ending ("who’s"):
        // test that before looking its lowercase form up.
        if t.kind != tokens::Kind::Word || t.quoted || !(2..=8).contains(&(t.end - t.start)) {
            continue;
        }
        let lower = tokens.lower(i);
        let g = match lower {
            "who" if i >= 2 => {
                relative_whos.push(i as u32);
                continue;
            }
            "he" | "she" | "they" => lexicon::subject_pronoun(lower),
            "his" | "her" if quoting_sentence[tokens.sentence(i) as usize] => {
                lexicon::other_pronoun(lower)
            }
            _ => None,
        };
        if let Some(g) = g.filter(|_| tokens.is_word(i + 1)) {
            narration_pronouns.push((i as u32, g));
        }
    }
    drop(quoting_sentence);
    // Every name and every cue subject is a mention; quote speakers point at them.
    // Every chunk, narration pronoun, and at most one seed for each cue subject, quote and a
    // reported source (rarely two, with an antecedent), plus relative pronouns and
    // descriptions: about a third more than the chunks in news and fiction.
    stage.next("mention seeds");
    let mut seeds = SeedTable::new(
        chunks.len(),
        chunks.len() / 3,
        chunks.len()
            + chunks.len() / 3
            + narration_pronouns.len()
            + cue_list.len()
            + scan.quotes.len(),
    );
    for (ci, c) in chunks.iter().enumerate() {
        seeds.add_chunk(&prose, &tokens, ci, c);
    }
    for &(i, g) in &narration_pronouns {
        let i = i as usize;
        let p = Phrase {
            tokens: i..i + 1,
            kind: MentionKind::Pronoun,
            chunk: None,
            gender: g,
            is_org: false,
            plural: g == Gender::Plural,
            head: tokens.lower(i).to_string(),
            antecedent: None,
        };
        seeds.add_phrase(&prose, &tokens, &chunks, &p, false);
    }
    drop(narration_pronouns);
    // "Beck, who has called Trump ...": the relative pronoun is one more mention of the
    // person just named, whatever it turns out to have said.
    for i in relative_whos {
        if let Some(p) = mentions::phrase_ending_at(&tokens, &names, &chunks, i as usize)
            .filter(|p| p.antecedent.as_ref().is_some_and(|a| a.chunk.is_some()))
        {
            seeds.add_phrase(&prose, &tokens, &chunks, &p, false);
        }
    }
    // "The mayor was unmoved": definite descriptions of someone already named keep them
    // salient too; those that match nobody are dropped.
    for i in 0..tokens.len() {
        let t = tokens.list[i];
        if t.kind != tokens::Kind::Word || t.quoted || t.capitalized {
            continue;
        }
        if lexicon::role_noun(tokens.lower(i)).is_none_or(|(org, _)| org) {
            continue;
        }
        if let Some(p) = mentions::phrase_ending_at(&tokens, &names, &chunks, i)
            .filter(|p| p.kind == MentionKind::Description && tokens.lower(p.tokens.start) == "the")
        {
            let s = seeds.add_phrase(&prose, &tokens, &chunks, &p, false);
            seeds.seeds[s].optional = !seeds.seeds[s].is_speaker;
        }
    }
    for c in 0..cue_list.len() {
        if let Some(p) = sieve.subject_of(c) {
            let s = seeds.add_phrase(&prose, &tokens, &chunks, &p, true);
            seeds.seeds[s].optional = false;
        }
    }
    // The cue spans are all the rest needs of the sieve: free the sieve and the name index
    // before the last seeds (the peak of the analysis's memory).
    let cue_spans: Vec<Span> = (0..cue_list.len()).map(|i| sieve.cue_span(i)).collect();
    drop(sieve);
    drop(names);
    stop()?;
    // Reported sources are mentions too, except vague ones and the pronoun subjects of verbs
    // of thought ("he thought"): narration is full of those, and they would change which
    // speaker a later pronoun means. A pronoun counts as a speaker only after a speech verb.
    // A source never holds a verb of saying: a phrase read across cues ("will said said We")
    // names nobody, and would overlap the mentions beside it without nesting.
    let holds_cue = |p: &Phrase| {
        let i = cue_list.partition_point(|c| c.tokens.start < p.tokens.start);
        cue_list
            .get(i)
            .is_some_and(|c| c.tokens.start < p.tokens.end)
    };
    let reported_seed: Vec<Option<usize>> = relations
        .iter()
        .map(|r| {
            let p = r.source.as_ref().filter(|p| !holds_cue(p))?;
            let pronoun = p.kind == MentionKind::Pronoun;
            if r.vague || (r.thought && pronoun) {
                return None;
            }
            Some(seeds.add_phrase(&prose, &tokens, &chunks, p, r.speech || !pronoun))
        })
        .collect();
    let quote_seed: Vec<Option<usize>> = attrs
        .iter()
        .map(|a| {
            a.as_ref()
                .map(|a| seeds.add_phrase(&prose, &tokens, &chunks, &a.phrase, true))
        })
        .collect();
    // Free the chunks and the seed lookups before resolving.
    drop(chunks);
    let mut seed_list = std::mem::take(&mut seeds.seeds);
    let word_ranges = std::mem::take(&mut seeds.word_ranges);
    let seed_words = std::mem::take(&mut seeds.words);
    drop(seeds);
    for (seed, &(a, b)) in seed_list.iter_mut().zip(&word_ranges) {
        seed.words = &seed_words[a as usize..b as usize];
    }
    drop(word_ranges);
    stage.next("speakers: resolve");
    let resolution = entities::resolve(seed_list, &options.aliases, dialogue_style);
    drop(seed_words);
    stop()?;
    stage.next("quotes");

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
            span: cue_spans[i],
            lemma: c.lemma.clone(),
        })
        .collect();

    for (i, q) in scan.quotes.iter().enumerate() {
        let attr = attrs[i].as_ref();
        let mention = quote_seed[i].and_then(|s| resolution.seed_index[s].map(|m| m as usize));
        let speaker = mention.and_then(|m| analysis.mentions[m].entity);
        let kind = kinds[i];
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
            source: attr
                .filter(|_| keep)
                .map(|a| tokens.span_of(a.phrase.tokens.clone())),
            cue: attr
                .and_then(|a| a.cue)
                .map(|c| cue_spans[c])
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
    stop()?;
    stage.next("dialogue");
    analysis.style = dialogue::converse(&prose, &tokens, &casing, options.style, &mut analysis);
    stage.next("quotes");
    if analysis.style == Style::News {
        headline_quotes(&prose, &mut analysis);
        heading_quotes(&prose, &mut analysis);
    }
    if uncertain_marks {
        apostrophe_quotes_reported(&prose.text, &mut analysis.quotes);
    }
    // A novel's narration of what someone knew, thought or felt is not reported speech.
    let fiction = analysis.style == Style::Fiction;
    let reported_quotes = relations
        .iter()
        .zip(&reported_seed)
        .filter(|(r, _)| !(fiction && r.thought))
        .map(|(r, s)| {
            let mention = s.and_then(|s| resolution.seed_index[s].map(|m| m as usize));
            let speaker = mention.and_then(|m| analysis.mentions[m].entity);
            r.quote(
                &tokens,
                mention,
                speaker,
                prose.paragraph_of(r.content.start),
            )
        })
        .collect();
    // The last reader of the tokens: free them (a fifth of the memory of a long text's
    // analysis) before the quotes are merged and the findings made.
    drop(casing);
    if let (Some(cache), Some(counts)) = (cache, kept_casing) {
        cache.keep_casing(counts);
    }
    drop(tokens);
    reported::merge(&mut analysis.quotes, reported_quotes);
    for (qi, q) in analysis.quotes.iter().enumerate() {
        if let Some(e) = q.speaker {
            analysis.entities[e].quotes.push(qi);
        }
    }

    stop()?;
    stage.next("findings");
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
    reported::vague_source_findings(&analysis.quotes, &relations, &mut found);
    findings::headline_findings(&prose, &analysis.quotes, story_words, &mut found);
    found.retain_mut(|f| match options.severity(f.code) {
        Some(s) if !prose.is_silenced(f.span, f.code.as_str()) => {
            f.severity = s;
            true
        }
        _ => false,
    });
    found.sort_by_key(|f| (f.span.start, f.span.end, f.code));
    analysis.findings = found;
    Some(analysis)
}

/// Somebody's words between two-apostrophe marks ('') that the `two_apostrophe_quotes`
/// setting did not vouch for are a mixed relation (reported speech holding quoted words), not
/// a direct quotation: '' is also an inch mark or a typo, and direct quotes are what the
/// reader is told were said word for word.
fn apostrophe_quotes_reported(text: &str, quotes: &mut [Quote]) {
    for q in quotes.iter_mut() {
        let by_apostrophes = q.open.is_some_and(|m| m.span.text(text) == "''");
        if by_apostrophes && matches!(q.kind, QuoteKind::Speech | QuoteKind::Headline) {
            q.kind = QuoteKind::Mixed;
        }
    }
}

/// The stage of the analysis running, as a `trace` span `analysis_stage` whose `stage` field
/// names it, so a subscriber can time the stages (examples/edit_costs does); with none
/// listening it costs a check of a static.
struct Stage(Option<tracing::span::EnteredSpan>);

impl Stage {
    fn start(name: &'static str) -> Stage {
        Stage(Some(
            tracing::trace_span!("analysis_stage", stage = name).entered(),
        ))
    }

    fn next(&mut self, name: &'static str) {
        self.0 = None;
        *self = Stage::start(name);
    }
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
        // `"I think," he said, "that ..."`: the second part shares the first part's cue.
        let follows_trailing_cue = utterance[i] != i
            && (utterance[i]..i)
                .rev()
                .find_map(|j| attrs[j].as_ref().filter(|_| utterance[j] == utterance[i]))
                .is_some_and(|a| a.rule == Rule::TrailingCue);
        if follows_trailing_cue {
            continue;
        }
        attrs[i] = sieve
            .trailing_cue(q)
            .or_else(|| sieve.speaker_label(q))
            .or_else(|| sieve.leading_cue(q))
            .or_else(|| sieve.according_to(q))
            .or_else(|| sieve.leading_colon(q));
    }
    share_within_utterances(quotes, utterance, &mut attrs);
    for (i, q) in quotes.iter().enumerate() {
        if q.depth > 0 || attrs[utterance[i]].is_some() || attrs[i].is_some() {
            continue;
        }
        // `"...," Hooton said after Rubio spoke. "..."`: the sentence before belongs to the
        // quote it attributes, whatever other verbs it holds.
        let previous_quote = || {
            let s = sieve.prose.sentence_of(q.open.span.start);
            (0..i)
                .rev()
                .take_while(|&j| quotes[j].paragraph == q.paragraph)
                .find(|&j| quotes[j].depth == 0)
                .and_then(|j| Some((j, attrs[j].clone()?)))
                .filter(|(j, a)| {
                    // Right before, or a sentence or two before with no other cue between:
                    // `"...," Voss said. They lie far out. "..."`.
                    let end = quotes[*j].span.end;
                    let prev = sieve.prose.sentence_of(end.saturating_sub(1));
                    s > 0
                        && (prev + 1 >= s
                            || (prev + 3 >= s
                                && !sieve.has_other_cue_between(end, q.open.span.start, a.cue)))
                })
                .map(|(_, a)| a)
                .filter(|a| a.rule <= Rule::InterruptedQuote)
                .map(|mut a| {
                    a.rule = Rule::AdjacentCue;
                    a.confidence = 0.6;
                    a
                })
        };
        // A quote inside its own sentence belongs to that sentence's subject before any
        // speaker of the sentences around it: `"...," Voss said. Ruiz calls the plan "reckless."`
        attrs[i] = sieve
            .sentence_cue(q)
            .or_else(|| sieve.sentence_subject_of(q))
            .or_else(previous_quote)
            .or_else(|| sieve.adjacent_cue(q));
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
            a.confidence = (a.confidence * 0.7).min(0.7);
            // The utterance's later parts (continuing paragraphs) share it.
            for j in i + 1..n {
                if quotes[j].paragraph > q.paragraph + 50 {
                    break;
                }
                if utterance[j] == i && attrs[j].is_none() {
                    attrs[j] = Some(a.clone());
                }
            }
            attrs[i] = Some(a);
        }
    }
    attrs
}

/// Every part of an utterance takes the attribution of its best-attributed part.
fn share_within_utterances(
    quotes: &[marks::ScannedQuote],
    utterance: &[usize],
    attrs: &mut [Option<Attr>],
) {
    // The best-attributed part of each utterance, by the utterance's first part. (The parts
    // attributed here were not, so the best stay as they are.)
    let mut best: Vec<Option<usize>> = vec![None; attrs.len()];
    for (i, a) in attrs.iter().enumerate() {
        let rule = |j: usize| attrs[j].as_ref().map(|a| a.rule);
        if let Some(a) = a
            && best[utterance[i]].is_none_or(|b| Some(a.rule) < rule(b))
        {
            best[utterance[i]] = Some(i);
        }
    }
    for i in 0..attrs.len() {
        if attrs[i].is_some() || quotes[i].depth > 0 {
            continue;
        }
        if let Some(b) = best[utterance[i]] {
            let mut a = attrs[b].clone().expect("attributed");
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

/// Whether the text reads as dialogue (see `dialogue::is_dialogue`), from the quotes and
/// their cues alone, before speakers are resolved: a cue's speaker is the surname its subject
/// names, a pronoun's the surname last named of its gender, and "he added" goes on with the
/// speaker before.
fn reads_as_dialogue(
    tokens: &Tokens,
    chunks: &[NameChunk],
    cue_list: &[cues::CueToken],
    quotes: &[marks::ScannedQuote],
    kinds: &[QuoteKind],
    attrs: &[Option<Attr>],
) -> bool {
    let surname = |c: usize| {
        let name = chunks[c].name.text(tokens.text);
        let last = name.rsplit(' ').next().unwrap_or(name);
        strip_possessive(last).to_lowercase()
    };
    // The name chunk last named of each gender, as the quotes are walked in text order (its
    // surname made only when a quote asks for it).
    let mut named: [Option<usize>; 2] = [None, None];
    let slot = |g: Gender| match g {
        Gender::Male => Some(0),
        Gender::Female => Some(1),
        _ => None,
    };
    let mut next_chunk = 0;
    let mut spoken: Vec<dialogue::SpokenQuote<String>> = Vec::new();
    for (i, q) in quotes.iter().enumerate() {
        if q.depth > 0 || kinds[i] != QuoteKind::Speech {
            continue;
        }
        let a = attrs[i].as_ref().filter(|a| dialogue::explicit(a.rule));
        let at = a.map_or(q.span.start, |a| {
            tokens.list[a.phrase.tokens.start].start as usize
        });
        while next_chunk < chunks.len() && chunks[next_chunk].span.start < at {
            if let Some(k) = slot(chunks[next_chunk].gender) {
                named[k] = Some(next_chunk);
            }
            next_chunk += 1;
        }
        let goes_on = a
            .and_then(|a| a.cue)
            .is_some_and(|c| dialogue::continues_speaker(&cue_list[c].lemma));
        let explicit = a.and_then(|a| match (a.phrase.chunk, a.phrase.kind) {
            (Some(c), _) => Some(surname(c)),
            (None, MentionKind::Pronoun) if goes_on => {
                spoken.iter().rev().find_map(|s| s.explicit.clone())
            }
            (None, MentionKind::Pronoun) => match slot(a.phrase.gender) {
                Some(k) => named[k].map(surname),
                None => Some(a.phrase.head.clone()),
            },
            _ => Some(a.phrase.head.clone()),
        });
        spoken.push(dialogue::SpokenQuote {
            paragraph: q.paragraph,
            content: q.content,
            explicit,
        });
    }
    dialogue::is_dialogue(tokens.text, &spoken)
}

/// Speech, a title, or a term: decided by attribution, length, casing and context.
fn classify(
    text: &str,
    q: &marks::ScannedQuote,
    attr: Option<&Attr>,
    own_attr: Option<&Attr>,
    in_heading: bool,
    paragraph_start: usize,
    opens_paragraph: bool,
) -> QuoteKind {
    let content = q.content.text(text).trim();
    if content.is_empty() {
        return QuoteKind::Term;
    }
    // A quoted sentence opening its paragraph ("Yes." / "Exactly." He was tired.) is a turn
    // of dialogue, however short or capitalised: a title there carries no stop.
    let stopped = content
        .trim_end_matches(['_', '*'])
        .ends_with(['.', '!', '?', '\u{2026}', ',', '-', '\u{2014}']);
    if opens_paragraph && stopped && !in_heading {
        return QuoteKind::Speech;
    }
    // (Split only now: most quotes of a novel are turns of dialogue.)
    let words: Vec<&str> = content.split_whitespace().collect();
    let n = words.len();
    // A title may carry the sentence's comma or stop inside its marks ("Mercy Street,").
    let bare = content.trim_end_matches([',', '.']);
    let sentence_like = bare.ends_with(['!', '?', '\u{2026}', ';']) || bare.contains(". ");
    // A heading capitalises every word, quoted or not.
    let title_case = !in_heading && title_cased(&words);
    // The words before the quote in its own paragraph.
    let from = text.floor_char_boundary(q.span.start.saturating_sub(40).max(paragraph_start));
    let before = text[from..q.span.start].to_lowercase();
    let last_word_before = before
        .split(|c: char| c.is_whitespace())
        .rev()
        .find(|w| !w.is_empty())
        .unwrap_or("");
    // "told MSNBC’s “Morning Joe”", "said on “Fox and Friends.”": a show, not the words said.
    let names_a_work = title_case
        && !sentence_like
        && n <= 6
        && (last_word_before.ends_with("'s")
            || last_word_before.ends_with("\u{2019}s")
            || matches!(
                last_word_before,
                "on" | "in" | "to" | "from" | "at" | "with" | "of"
            ));
    // Only the quote's own trailing cue makes it speech; as the second part of an utterance
    // ("...," Pence said on CNN’s “State of the Union.”) it is still a show.
    let trailing = own_attr.is_some_and(|a| a.rule == Rule::TrailingCue);
    if names_a_work && !trailing {
        return QuoteKind::Title;
    }
    // A cue in the quote's own sentence makes even a name somebody's words: Trump called
    // her "Miss Piggy"; he proclaimed "Peace Through Strength."
    if attr.is_some_and(|a| a.rule <= Rule::SentenceCue) {
        return QuoteKind::Speech;
    }
    // Only words of the quote's own sentence: "... wrote Time magazine. “The ferry does
    // too.”" is the magazine's next sentence, not a title.
    let own_sentence = before
        .rfind(['.', '!', '?'])
        .map_or(before.as_str(), |stop| &before[stop + 1..]);
    let title_context = own_sentence
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

/// Speech in the story's heading is a headline quote. Its speaker must be someone the story
/// itself mentions: headline capitals make names of anything ("Voters Slam ‘Fare Hike’").
fn headline_quotes(prose: &Prose, analysis: &mut Analysis) {
    let Analysis {
        quotes,
        mentions,
        entities,
        ..
    } = analysis;
    for q in quotes.iter_mut() {
        if q.kind != QuoteKind::Speech || !prose.headings[q.paragraph] {
            continue;
        }
        q.kind = QuoteKind::Headline;
        let named_in_story = q.speaker.is_some_and(|e| {
            entities[e]
                .mentions
                .iter()
                .any(|&m| !prose.headings[prose.paragraph_of(mentions[m].span.start)])
        });
        if !named_in_story {
            q.unattribute();
        }
    }
}

fn capital(w: &str) -> bool {
    w.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

fn is_long_word(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() > 3
}

/// Every word capitalised but the small ones title case leaves low ("Gang of Eight", "Law
/// and Order"), and more than the first: not "Thank you", nor "That's the way it is, Nicole."
fn title_cased(words: &[&str]) -> bool {
    words.first().is_some_and(|w| capital(w))
        && words
            .iter()
            .all(|w| capital(w) || !w.chars().any(char::is_alphabetic) || is_minor_title_word(w))
        && words.iter().skip(1).any(|w| capital(w))
}

/// Articles, conjunctions and short prepositions, which title case writes in lowercase.
fn is_minor_title_word(w: &str) -> bool {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    matches!(
        w,
        "a" | "an"
            | "the"
            | "and"
            | "but"
            | "or"
            | "nor"
            | "for"
            | "so"
            | "yet"
            | "of"
            | "on"
            | "in"
            | "at"
            | "to"
            | "by"
            | "up"
            | "as"
            | "vs"
            | "via"
            | "with"
            | "from"
            | "into"
            | "onto"
            | "over"
            | "per"
            | "de"
            | "du"
            | "la"
            | "le"
            | "el"
            | "van"
            | "von"
            | "der"
            | "y"
    )
}

/// In news, a quotation that is a whole paragraph in title case is a section heading
/// ('Coal Is Not the Villain.'), though a turn of dialogue in a novel ("Tony Last.").
fn heading_quotes(prose: &Prose, analysis: &mut Analysis) {
    for q in analysis.quotes.iter_mut() {
        if q.kind != QuoteKind::Speech || q.depth > 0 {
            continue;
        }
        let para = prose.paragraphs[q.paragraph];
        if !prose.text[para.start..q.span.start].trim().is_empty()
            || !prose.text[q.span.end.min(para.end)..para.end]
                .trim()
                .is_empty()
        {
            continue;
        }
        let words: Vec<&str> = q.content.text(&prose.text).split_whitespace().collect();
        if words.iter().filter(|w| is_long_word(w)).count() < 2 || !title_cased(&words) {
            continue;
        }
        q.kind = QuoteKind::Title;
        q.unattribute();
    }
}

/// The honorific of "Mrs Beaver" or "Dr. Aziz" as written, when it is the name's whole title.
fn lone_honorific<'t>(tokens: &Tokens<'t>, c: &NameChunk) -> Option<&'t str> {
    let words: Vec<usize> = (c.tokens.start..c.name_tokens.start)
        .filter(|&i| tokens.is_word(i))
        .collect();
    match words[..] {
        [w] if lexicon::honorific(tokens.lower(w)).is_some() => Some(
            Span::new(
                tokens.list[w].span().start,
                tokens.list[c.name_tokens.start - 1].span().end,
            )
            .text(tokens.text),
        ),
        _ => None,
    }
}

/// The name a person's role runs straight into: "her brother Tom", "the harbour master Jon
/// Pike" are Tom and Jon Pike, not someone else described.
fn name_after_role(tokens: &Tokens, chunks: &[NameChunk], p: &Phrase) -> Option<usize> {
    if p.kind != MentionKind::Description
        || p.chunk.is_some()
        || lexicon::role_noun(&p.head).is_none_or(|(org, _)| org)
    {
        return None;
    }
    let next = p.tokens.end;
    let ci = chunks.partition_point(|c| c.tokens.start < next);
    let c = chunks.get(ci).filter(|c| c.tokens.start == next)?;
    let first = tokens.list[c.tokens.start];
    let same_sentence = tokens.sentence(next - 1) == tokens.sentence(c.tokens.start);
    (same_sentence && !first.quoted && !c.is_org && !c.is_place).then_some(ci)
}

/// Append the lowercase words among `range`'s tokens to `list`; returns where they lie in it.
fn lower_words<'t>(
    list: &mut Vec<&'t str>,
    tokens: &'t Tokens,
    range: std::ops::Range<usize>,
) -> (u32, u32) {
    let start = list.len() as u32;
    list.extend(
        range
            .filter(|&i| tokens.is_word(i))
            .map(|i| tokens.lower(i)),
    );
    (start, list.len() as u32)
}

/// Mentions waiting for entity resolution, with an index from phrase tokens to seed.
struct SeedTable<'t> {
    seeds: Vec<MentionSeed<'t>>,
    /// The seeds' words, one list they all index into (`word_ranges`, one for each seed):
    /// a long text has hundreds of thousands of seeds, and a heap block of words each would
    /// cost twice as much. A seed's `words` borrow it once every seed is made (`finish`).
    words: Vec<&'t str>,
    word_ranges: Vec<(u32, u32)>,
    /// First and last token of a phrase that is no name chunk -> its seed (a chunk's seed is
    /// found through `by_chunk`: keyed here too, they would be most of the table).
    by_tokens: FxHashMap<(u32, u32), u32>,
    /// Name chunk -> its seed, `NO_SEED` before it has one.
    by_chunk: Vec<u32>,
}

const NO_SEED: u32 = u32::MAX;

impl<'t> SeedTable<'t> {
    /// A table for `chunks` name chunks and about `expected` seeds in all: reserving them at
    /// once spares the copies (and the freed blocks that stay resident) of a growing vector.
    ///
    /// The token index holds the `phrases` that are not a chunk: reserved for them, not for
    /// `expected`, whose pages would all be touched (the vector's reserve beyond its length
    /// never is) when that doubles the table.
    fn new(chunks: usize, phrases: usize, expected: usize) -> SeedTable<'t> {
        SeedTable {
            seeds: Vec::with_capacity(expected),
            // Reserved generously: the reserve beyond the length is never touched.
            words: Vec::with_capacity(expected * 4),
            word_ranges: Vec::with_capacity(expected),
            by_tokens: FxHashMap::with_capacity_and_hasher(phrases, Default::default()),
            by_chunk: vec![NO_SEED; chunks],
        }
    }

    /// Make the seed of chunk `ci`. Every chunk gets its seed before any other seed is made.
    fn add_chunk(&mut self, prose: &Prose, tokens: &'t Tokens, ci: usize, c: &NameChunk) {
        // A dateline or all-capitals headline word is not a speaker mention.
        let written = strip_possessive(c.name.text(tokens.text));
        let possessive = written.len() < c.name.len();
        let name = Span::new(c.name.start, c.name.start + written.len());
        let range = lower_words(&mut self.words, tokens, c.name_tokens.clone());
        let with_article = mentions::has_article(tokens, c, &self.words[range.0 as usize..]);
        let paragraph = prose.paragraph_of(c.span.start) as u32;
        // Not a possessive ("Hale's office said"): the subject is what Hale owns.
        let opens_sentence = tokens.opens_sentence(c.tokens.start) && !possessive;
        // "the estate in Derbyshire", "round Carfax": a name nothing marks as a person, after
        // a preposition of place, is a place (and never "he" or "she").
        let place = !c.person_evidence && !possessive && after_place_preposition(tokens, c);
        // "an Englishman", "her Christian name": one capitalised word after an article or a
        // possessive is a noun or an adjective, whatever given name it spells.
        let common_noun = c.tokens.len() == 1
            && c.tokens.start > 0
            && matches!(
                tokens.lower(c.tokens.start - 1),
                "a" | "an" | "his" | "her" | "their" | "its" | "our" | "every" | "each"
            );
        self.seeds.push(MentionSeed {
            at: c.span.into(),
            name_at: name.into(),
            kind: MentionKind::Name,
            gender: c.gender,
            is_org: c.is_org || c.is_place || place || common_noun,
            titles: c.titles.clone().into_boxed_slice(),
            words: &[],
            written,
            with_article,
            person_evidence: c.person_evidence && !c.all_caps && !common_noun,
            is_speaker: false,
            opens_sentence,
            paragraph,
            plural: false,
            indefinite: false,
            in_headline: findings::is_headline(prose, c.span.start),
            honorific: lone_honorific(tokens, c),
            pronoun_after: c.pronoun_after,
            same_as: None,
            optional: false,
        });
        self.word_ranges.push(range);
        self.by_chunk[ci] = (self.seeds.len() - 1) as u32;
    }

    fn seed_of_chunk(&self, ci: usize) -> usize {
        debug_assert!(self.by_chunk[ci] != NO_SEED, "every chunk has its seed");
        self.by_chunk[ci] as usize
    }

    /// The seed of the chunk spanning exactly `range`, if it has one. Chunks are in order of
    /// their first token; two may share it ("the" taken by an organisation's name).
    fn chunk_seed(&self, chunks: &[NameChunk], range: &std::ops::Range<usize>) -> Option<usize> {
        let from = chunks.partition_point(|c| c.tokens.start < range.start);
        (from..chunks.len())
            .take_while(|&ci| chunks[ci].tokens.start == range.start)
            .find(|&ci| chunks[ci].tokens.end == range.end && self.by_chunk[ci] != NO_SEED)
            .map(|ci| self.by_chunk[ci] as usize)
    }

    fn add_phrase(
        &mut self,
        prose: &Prose,
        tokens: &'t Tokens,
        chunks: &[NameChunk],
        p: &Phrase,
        speaker: bool,
    ) -> usize {
        let same_as = p
            .antecedent
            .as_ref()
            .map(|a| self.add_phrase(prose, tokens, chunks, a, speaker))
            .or_else(|| Some(self.seed_of_chunk(name_after_role(tokens, chunks, p)?)));
        let s = if let Some(ci) = p.chunk {
            self.seed_of_chunk(ci)
        } else if let Some(s) = self.chunk_seed(chunks, &p.tokens).or_else(|| {
            let s = self
                .by_tokens
                .get(&(p.tokens.start as u32, p.tokens.end as u32))?;
            Some(*s as usize)
        }) {
            s
        } else {
            let span = Span::new(
                tokens.list[p.tokens.start].span().start,
                tokens.list[p.tokens.end - 1].span().end,
            );
            let range = lower_words(&mut self.words, tokens, p.tokens.clone());
            let indefinite = self.words[range.0 as usize..]
                .first()
                .is_some_and(|w| matches!(*w, "a" | "an" | "another" | "one"));
            self.seeds.push(MentionSeed {
                at: span.into(),
                name_at: span.into(),
                kind: p.kind,
                gender: p.gender,
                is_org: p.is_org,
                titles: Box::new([]),
                words: &[],
                written: span.text(tokens.text),
                with_article: false,
                person_evidence: !p.is_org && p.kind == MentionKind::Description,
                is_speaker: false,
                opens_sentence: false,
                paragraph: prose.paragraph_of(span.start) as u32,
                plural: p.plural,
                indefinite,
                in_headline: findings::is_headline(prose, span.start),
                honorific: None,
                pronoun_after: Gender::Unknown,
                same_as: same_as.map(|s| s as u32),
                optional: false,
            });
            self.word_ranges.push(range);
            let s = self.seeds.len() - 1;
            self.by_tokens
                .insert((p.tokens.start as u32, p.tokens.end as u32), s as u32);
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
