//! What one paragraph alone decides, kept from one analysis of a text being edited to the
//! next: its sentences, whether it reads as a headline, and its tokens. An edit changes a
//! paragraph or two; the others are found again by their text and not read again.
//!
//! Exact by construction: a paragraph's sentences and headline are [`read_paragraph`] of its
//! text alone (which reads nothing outside it), and its tokens are [`ParagraphTokens`] of its
//! text with every input `Tokens::new_with` reads for it (its sentences, its quotation marks,
//! the quoted stretches over it, the two-apostrophe setting) in the key. Tokens are spliced
//! only when nothing but white space lies between paragraphs, so no token can cross a
//! paragraph's edge. The global stages (names and everything after) run over the result as
//! they do in a full analysis.
//!
//! A paragraph's reported-speech relations are kept too, with a fingerprint of what the
//! finder reads for them: the paragraph's own tokens (its entry), the [`HALO`] tokens on either
//! side, the name chunks over all of them and the direct quotes over the paragraph (all
//! relative to the paragraph), and how close the text's ends are. A paragraph whose relations
//! name a token, chunk or offset outside it is found again every time.
//!
//! The text's casing counts (see [`Casing`]) are kept too, as the sum of what each paragraph's
//! words add to them: an edit takes away the counts of the paragraphs gone and adds those of
//! the new ones. A paragraph's words count alone as in the text when its first token opens a
//! sentence there and none of its sentence numbers is cut short at the text's end (and the
//! text is hard-wrapped, which leaves a line break only before a paragraph's first token, as
//! the last one was or was not); the one
//! thing they read across its edge, whether a capitalised word follows its last token, is
//! found again every time. Otherwise the text's words are counted as in a full analysis.

use super::attribution::Sieve;
use super::lexicon::Lexicon;
use super::mentions::{self, CasingCounts, Phrase, Tally};
use super::model::Span;
use super::reported::{Finder, Reported};
use super::text::{Prose, read_paragraph};
use super::tokens::{ParagraphTokens, Tokens};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// How many tokens beyond its paragraph the reported-speech finder may read (it looks a few
/// words back for a subject's modifiers, one past a phrase for "later" and "ago").
const HALO: usize = 16;

/// The local results of the paragraphs of the last text analysed, by paragraph text.
#[derive(Default)]
pub struct LocalCache {
    /// This analysis's paragraphs: text -> entry in `entries`.
    index: FxHashMap<Box<str>, usize>,
    entries: Vec<Local>,
    /// The last analysis's, from which this one takes what it finds again; the rest is dropped.
    previous_index: FxHashMap<Box<str>, usize>,
    previous_entries: Vec<Local>,
    /// The entry of each paragraph of this analysis, in text order.
    order: Vec<usize>,
    /// This analysis's tokens are spliced from the entries in `order`.
    spliced: bool,
    /// The lexicon the kept relations were found with (held, so no other takes its address).
    lexicon: Option<Arc<Lexicon>>,
    /// The sum of the counted entries' casing (each `counted` times); out while an analysis
    /// reads it, and `None` when lost (the entries' `counted` then mean nothing).
    casing: Option<CasingCounts>,
    /// The entries' casing was counted from hard-wrapped text, where a line break inside a
    /// paragraph is no sentence start.
    casing_hard_wrapped: bool,
}

#[derive(Default)]
struct Local {
    /// Offsets from the paragraph's start.
    sentences: Vec<Span>,
    headline: bool,
    tokens: Option<LocalTokens>,
    /// Made with `tokens`: dropped with them.
    reported: Option<LocalReported>,
    /// What the paragraph's words add to the casing counts; made from `tokens`, dropped with
    /// them.
    casing: Option<LocalCasing>,
    /// How many times `casing` is in `LocalCache::casing`.
    counted: u32,
    /// A paragraph of this analysis uses `tokens`: another with the same text but other
    /// marks gets an entry of its own.
    claimed: bool,
}

/// A paragraph's tokens and what they were made from besides its text.
struct LocalTokens {
    marks: Vec<usize>,
    quoted: Vec<Span>,
    two_apostrophes: bool,
    tokens: ParagraphTokens,
}

/// What a paragraph's words add to the text's casing counts.
struct LocalCasing {
    /// Each counted word, packed by [`CasingCounts::pack`].
    words: Box<[u32]>,
    /// The last token's word is a surname unless the next paragraph opens with a capitalised
    /// word ([`Tally::SurnameUnlessCapitalAfter`]).
    last_surname: Option<u32>,
    /// The first token is a capitalised word.
    opens_capitalised: bool,
}

/// A paragraph's reported-speech relations (offsets, tokens and chunks relative to the
/// paragraph's first) and what they were found from besides its tokens, written out.
struct LocalReported {
    context: Box<[u8]>,
    relations: Vec<Reported>,
}

impl LocalCache {
    pub fn new() -> LocalCache {
        LocalCache::default()
    }

    /// Start analysing a new text: the last one's entries become the ones to take from.
    pub(super) fn begin(&mut self) {
        // (An analysis stopped before its tokens left the last text's entries unclaimed.)
        self.end();
        self.previous_index = std::mem::take(&mut self.index);
        self.previous_entries = std::mem::take(&mut self.entries);
        self.order.clear();
        self.spliced = false;
    }

    /// What [`read_paragraph`] makes of `paragraph` of `text`. Called for every paragraph in
    /// text order (by `Prose::with_paragraphs_read_by`).
    pub(super) fn read(&mut self, text: &str, paragraph: Span, sentences: &mut Vec<Span>) -> bool {
        let key = paragraph.text(text);
        let e = match self.index.get(key) {
            Some(&e) => e,
            None => {
                // A paragraph found again keeps its key: no copy of its text.
                let (key, local) = match self.previous_index.remove_entry(key) {
                    Some((key, e)) => (
                        key,
                        Local {
                            claimed: false,
                            ..std::mem::take(&mut self.previous_entries[e])
                        },
                    ),
                    None => {
                        let mut sentences = Vec::new();
                        let headline = read_paragraph(key, Span::new(0, key.len()), &mut sentences);
                        let local = Local {
                            sentences,
                            headline,
                            ..Local::default()
                        };
                        (key.into(), local)
                    }
                };
                self.entries.push(local);
                self.index.insert(key, self.entries.len() - 1);
                self.entries.len() - 1
            }
        };
        self.order.push(e);
        let local = &self.entries[e];
        let shift = |s: &Span| Span::new(s.start + paragraph.start, s.end + paragraph.start);
        sentences.extend(local.sentences.iter().map(shift));
        local.headline
    }

    /// The analysis is done with the last text's entries.
    fn end(&mut self) {
        if let Some(counts) = &mut self.casing {
            for e in &mut self.previous_entries {
                uncount(counts, e);
            }
        }
        self.previous_index = FxHashMap::default();
        self.previous_entries = Vec::new();
    }

    /// The tokens of `prose` as `Tokens::new_with(&prose.text, &prose.sentences, quoted,
    /// two_apostrophes, Some(marks))` makes them; `None` when they cannot be spliced from its
    /// paragraphs' (something other than white space outside them).
    pub(super) fn tokens<'t>(
        &mut self,
        prose: &'t Prose<'t>,
        quoted: &[Span],
        two_apostrophes: bool,
        marks: &[usize],
    ) -> Option<Tokens<'t>> {
        let text: &'t str = &prose.text;
        let paragraphs = &prose.paragraphs;
        let spliceable =
            self.order.len() == paragraphs.len() && only_space_between(text, paragraphs);
        self.end();
        if !spliceable {
            return None;
        }
        let mut sorted = quoted.to_vec();
        sorted.sort_by_key(|s| s.start);
        let (mut next, mut over) = (0, Vec::<Span>::new());
        let mut sentences_before = Vec::with_capacity(paragraphs.len());
        let mut sentences = 0;
        for (pi, p) in paragraphs.iter().enumerate() {
            // The quoted stretches over this paragraph, clipped to it.
            over.retain(|q| q.end > p.start);
            while next < sorted.len() && sorted[next].start < p.end {
                if sorted[next].end > p.start {
                    over.push(sorted[next]);
                }
                next += 1;
            }
            let local_quoted: Vec<Span> = over
                .iter()
                .map(|q| Span::new(q.start.max(p.start) - p.start, q.end.min(p.end) - p.start))
                .collect();
            let from = marks.partition_point(|&m| m < p.start);
            let to = marks.partition_point(|&m| m < p.end);
            let local_marks: Vec<usize> = marks[from..to].iter().map(|m| m - p.start).collect();
            let made_of = |t: &LocalTokens| {
                t.two_apostrophes == two_apostrophes
                    && t.marks == local_marks
                    && t.quoted == local_quoted
            };
            let mut local = &mut self.entries[self.order[pi]];
            let current = local.tokens.as_ref().is_some_and(made_of);
            if local.claimed && !current {
                // The same text as an earlier paragraph, with other marks.
                let own = Local {
                    sentences: local.sentences.clone(),
                    headline: local.headline,
                    ..Local::default()
                };
                self.entries.push(own);
                self.order[pi] = self.entries.len() - 1;
                local = self.entries.last_mut().expect("just pushed");
            }
            local.claimed = true;
            sentences_before.push(sentences);
            sentences += local.sentences.len();
            if !current {
                local.reported = None;
                if let Some(counts) = &mut self.casing {
                    uncount(counts, local);
                }
                local.casing = None;
                let tokens = ParagraphTokens::new(
                    p.text(text),
                    &local.sentences,
                    &local_quoted,
                    two_apostrophes,
                    &local_marks,
                );
                local.tokens = Some(LocalTokens {
                    marks: local_marks,
                    quoted: local_quoted,
                    two_apostrophes,
                    tokens,
                });
            }
        }
        let entries = &self.entries;
        let pieces = paragraphs
            .iter()
            .zip(&self.order)
            .zip(sentences_before)
            .map(|((p, &e), before)| {
                let t = entries[e].tokens.as_ref().expect("made above");
                (p.start, before, &t.tokens)
            });
        self.spliced = true;
        Some(Tokens::from_paragraphs(text, pieces, prose.sentences.len()))
    }

    /// The casing counts of `tokens` (this analysis's, spliced by [`LocalCache::tokens`]),
    /// the last analysis's taken up to date; `None` when they must be counted over the text.
    /// Give them back with [`LocalCache::keep_casing`] when done.
    pub(super) fn casing(
        &mut self,
        prose: &Prose,
        tokens: &Tokens,
        hard_wrapped: bool,
    ) -> Option<CasingCounts> {
        let mut kept = self.casing.take();
        if !self.spliced {
            return None;
        }
        // Hard wrapping moves line breaks, which start sentences, out of every paragraph.
        if hard_wrapped != self.casing_hard_wrapped {
            self.casing_hard_wrapped = hard_wrapped;
            kept = None;
            for e in &mut self.entries {
                e.casing = None;
            }
        }
        // Counts lost (an analysis stopped while it had them, or one counted over the text):
        // the entries' words are numbered in them, so they go too.
        let mut counts = kept.unwrap_or_else(|| {
            for e in &mut self.entries {
                e.casing = None;
                e.counted = 0;
            }
            CasingCounts::default()
        });
        let last_sentence = prose.sentences.len().saturating_sub(1);
        let mut uses = vec![0u32; self.entries.len()];
        let (mut ta, mut sentences_before) = (0, 0);
        for &e in &self.order {
            let local = &mut self.entries[e];
            let own = &local.tokens.as_ref().expect("spliced").tokens;
            let tb = ta + own.len();
            // Its words count as alone only so (see the module's docs).
            let as_alone = own.is_empty()
                || (tokens.opens_sentence(ta)
                    && sentences_before + own.last_sentence() as usize <= last_sentence);
            if !as_alone {
                return None;
            }
            uses[e] += 1;
            if local.casing.is_none() {
                local.casing = Some(LocalCasing::new(tokens, ta..tb, &mut counts)?);
            }
            sentences_before += local.sentences.len();
            ta = tb;
        }
        debug_assert_eq!(ta, tokens.len());
        for (local, &uses) in self.entries.iter_mut().zip(&uses) {
            let Some(casing) = &local.casing else {
                continue;
            };
            if uses > local.counted {
                counts.add(&casing.words, uses - local.counted);
            } else if uses < local.counted {
                counts.remove(&casing.words, local.counted - uses);
            }
            local.counted = uses;
        }
        // A paragraph's last word before the next paragraph with tokens.
        counts.surnames_across.clear();
        let mut last_surname = None;
        for &e in &self.order {
            let local = &self.entries[e];
            let casing = local.casing.as_ref().expect("made above");
            if local.tokens.as_ref().expect("spliced").tokens.is_empty() {
                continue;
            }
            if let Some(id) = last_surname.filter(|_| !casing.opens_capitalised) {
                counts.surnames_across.push(id);
            }
            last_surname = casing.last_surname;
        }
        // The text's last token: nothing follows it.
        counts.surnames_across.extend(last_surname);
        Some(counts)
    }

    /// Keep the counts [`LocalCache::casing`] gave for the next analysis.
    pub(super) fn keep_casing(&mut self, counts: CasingCounts) {
        self.casing = Some(counts);
    }

    /// What `reported::find(sieve, lexicon)` finds, the relations of paragraphs whose
    /// fingerprint is unchanged taken from the last analysis; `None` when this analysis's tokens
    /// were not spliced by [`LocalCache::tokens`] (and `sieve` must be over those tokens).
    pub(super) fn reported(
        &mut self,
        sieve: &Sieve,
        lexicon: &Arc<Lexicon>,
        hard_wrapped: bool,
    ) -> Option<Vec<Reported>> {
        let (prose, tokens, chunks) = (sieve.prose, sieve.tokens, sieve.chunks);
        let text = tokens.text;
        if !self.spliced
            || !chunks
                .windows(2)
                .all(|w| w[0].tokens.start <= w[1].tokens.start)
        {
            return None;
        }
        if !self
            .lexicon
            .as_ref()
            .is_some_and(|l| Arc::ptr_eq(l, lexicon))
        {
            self.lexicon = Some(lexicon.clone());
            for e in &mut self.entries {
                e.reported = None;
            }
        }
        // The furthest chunk end so far, to find the chunks reaching into a window.
        let mut reach = 0;
        let reach_by_chunk: Vec<usize> = chunks
            .iter()
            .map(|c| {
                reach = reach.max(c.tokens.end);
                reach
            })
            .collect();
        let direct_ascending = sieve
            .quotes
            .iter()
            .filter(|q| q.depth == 0)
            .map(|q| q.span.start)
            .is_sorted();
        let finder = Finder::new(sieve, lexicon);
        let n = tokens.len();
        let mut out = Vec::new();
        let mut sentence = 0;
        let mut quote = 0;
        // Cursors moving forward with the paragraphs: a binary search of a long text's tokens
        // for every paragraph would miss the cache at every step.
        let (mut tb, mut first_chunk, mut chunks_end) = (0, 0, 0);
        let mut context = Vec::new();
        for (pi, p) in prose.paragraphs.iter().enumerate() {
            let local = &mut self.entries[self.order[pi]];
            let sentences = &prose.sentences[sentence..sentence + local.sentences.len()];
            sentence += local.sentences.len();
            let ta = forward(tb, n, |i| (tokens.list[i].start as usize) < p.start);
            tb = forward(ta, n, |i| (tokens.list[i].start as usize) < p.end);
            let (wa, wb) = (ta.saturating_sub(HALO), (tb + HALO).min(n));
            let f = &mut context;
            f.clear();
            f.extend([
                u8::from(hard_wrapped) | u8::from(direct_ascending) << 1,
                ta.min(HALO + 1) as u8,
                (n - tb).min(HALO + 1) as u8,
            ]);
            let halo = (wa..ta).chain(tb..wb);
            for i in halo.clone().chain([ta, tb].into_iter().filter(|&i| i < n)) {
                let t = tokens.list[i];
                f.push(
                    t.kind as u8
                        | u8::from(t.quoted) << 2
                        | u8::from(t.capitalized) << 3
                        | u8::from(t.after_newline) << 4
                        | u8::from(tokens.opens_sentence(i)) << 5,
                );
                put(f, t.start as usize, p.start);
                put(f, t.end as usize, p.start);
            }
            for r in [wa..ta, tb..wb].into_iter().filter(|r| !r.is_empty()) {
                let (first, last) = (tokens.list[r.start], tokens.list[r.end - 1]);
                f.extend_from_slice(&text.as_bytes()[first.start as usize..last.end as usize]);
                f.push(0xff);
            }
            first_chunk = forward(first_chunk, chunks.len(), |c| reach_by_chunk[c] <= wa);
            let chunk_base = forward(chunks_end, chunks.len(), |c| chunks[c].tokens.start < ta);
            chunks_end = forward(chunk_base, chunks.len(), |c| chunks[c].tokens.start < tb);
            put(f, chunk_base, first_chunk);
            for c in chunks[first_chunk..]
                .iter()
                .take_while(|c| c.tokens.start < wb)
            {
                for r in [&c.tokens, &c.name_tokens] {
                    put(f, r.start, ta);
                    put(f, r.end, ta);
                }
                for s in [c.span, c.name] {
                    put(f, s.start, p.start);
                    put(f, s.end, p.start);
                }
                f.extend([
                    c.gender as u8,
                    c.pronoun_after as u8,
                    u8::from(c.is_org)
                        | u8::from(c.is_place) << 1
                        | u8::from(c.person_evidence) << 2
                        | u8::from(c.all_caps) << 3,
                ]);
                for t in &c.titles {
                    f.extend_from_slice(t.as_bytes());
                    f.push(0xff);
                }
                f.push(0xfe);
            }
            while quote < sieve.quotes.len() && sieve.quotes[quote].paragraph < pi {
                quote += 1;
            }
            let over = sieve.quotes[quote..]
                .iter()
                .take_while(|q| q.paragraph == pi)
                .filter(|q| q.depth == 0);
            for q in over {
                put(f, q.span.start, p.start);
                put(f, q.span.end, p.start);
            }
            let shift = Shift {
                bytes: p.start,
                tokens: ta,
                chunks: chunk_base,
            };
            if let Some(kept) = local.reported.as_ref().filter(|r| *r.context == *context) {
                out.extend(kept.relations.iter().map(|r| shift.placed(r.clone())));
                continue;
            }
            let from = out.len();
            finder.find_in(sentences, &mut out);
            let inside = |r: &Reported| {
                let phrase_inside = |mut ph: &Phrase| loop {
                    let inside = ta <= ph.tokens.start
                        && ph.tokens.end <= tb
                        && ph.chunk.is_none_or(|c| chunk_base <= c && c < chunks_end);
                    match &ph.antecedent {
                        Some(a) if inside => ph = a,
                        _ => return inside,
                    }
                };
                p.covers(r.content)
                    && p.covers(r.cue)
                    && r.source.as_ref().is_none_or(phrase_inside)
            };
            local.reported = out[from..].iter().all(inside).then(|| LocalReported {
                context: context.as_slice().into(),
                relations: out[from..].iter().map(|r| shift.kept(r.clone())).collect(),
            });
        }
        debug_assert_eq!(sentence, prose.sentences.len());
        Some(out)
    }
}

/// Take what `local`'s words add out of `counts`.
fn uncount(counts: &mut CasingCounts, local: &mut Local) {
    if let Some(casing) = &local.casing {
        counts.remove(&casing.words, local.counted);
    }
    local.counted = 0;
}

impl LocalCasing {
    /// What the words of `range`, a paragraph's tokens, add to the casing counts, numbered
    /// in `counts` (`None` past 2^30 words).
    fn new(
        tokens: &Tokens,
        range: std::ops::Range<usize>,
        counts: &mut CasingCounts,
    ) -> Option<LocalCasing> {
        let mut words = Vec::new();
        let mut last_surname = None;
        for i in range.clone() {
            let mut tally = mentions::tally(tokens, i);
            if tally == Tally::Nothing {
                continue;
            }
            if tally == Tally::SurnameUnlessCapitalAfter {
                if i + 1 == range.end {
                    last_surname = Some(counts.id(tokens.lower(i)));
                    tally = Tally::CapitalInside;
                } else if mentions::capital_word_after(tokens, i) {
                    tally = Tally::CapitalInside;
                }
            }
            words.push(counts.pack(tokens.lower(i), tally)?);
        }
        let opens_capitalised = tokens
            .get(range.start)
            .filter(|_| !range.is_empty())
            .is_some_and(|t| t.kind == super::tokens::Kind::Word && t.capitalized);
        Some(LocalCasing {
            words: words.into_boxed_slice(),
            last_surname,
            opens_capitalised,
        })
    }
}

/// The first index from `from` (up to `end`) at which `before` fails.
fn forward(mut from: usize, end: usize, before: impl Fn(usize) -> bool) -> usize {
    while from < end && before(from) {
        from += 1;
    }
    from
}

/// Write offset `at` from `base` (negative before it).
fn put(context: &mut Vec<u8>, at: usize, base: usize) {
    context.extend_from_slice(&(at as i64 - base as i64).to_le_bytes());
}

/// Where a paragraph starts: its first byte, token and name chunk.
struct Shift {
    bytes: usize,
    tokens: usize,
    chunks: usize,
}

impl Shift {
    /// `r` as the paragraph keeps it: relative to the paragraph's start.
    fn kept(&self, r: Reported) -> Reported {
        self.moved(r, |x, base| x - base)
    }

    /// A relation the paragraph kept, placed in the text.
    fn placed(&self, r: Reported) -> Reported {
        self.moved(r, |x, base| x + base)
    }

    fn moved(&self, mut r: Reported, by: impl Fn(usize, usize) -> usize) -> Reported {
        let span = |s: Span| Span::new(by(s.start, self.bytes), by(s.end, self.bytes));
        r.content = span(r.content);
        r.cue = span(r.cue);
        if let Some(p) = &mut r.source {
            self.move_phrase(p, &by);
        }
        r
    }

    fn move_phrase(&self, p: &mut Phrase, by: &impl Fn(usize, usize) -> usize) {
        p.tokens = by(p.tokens.start, self.tokens)..by(p.tokens.end, self.tokens);
        p.chunk = p.chunk.map(|c| by(c, self.chunks));
        if let Some(a) = &mut p.antecedent {
            self.move_phrase(a, by);
        }
    }
}

/// Nothing but white space lies outside `paragraphs`, and at least some between two of them.
fn only_space_between(text: &str, paragraphs: &[Span]) -> bool {
    let mut end = 0;
    for (i, p) in paragraphs.iter().enumerate() {
        let gap = &text[end..p.start];
        if (i > 0 && gap.is_empty()) || !gap.chars().all(char::is_whitespace) {
            return false;
        }
        end = p.end;
    }
    text[end..].chars().all(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Format, Options, analyze, analyze_incremental};
    use proptest::prelude::*;

    /// The incremental analysis of `texts` in turn, each compared with a full analysis.
    fn assert_same_as_full(texts: &[String], format: Format) {
        let options = Options::new(format);
        let mut cache = LocalCache::new();
        for text in texts {
            let incremental = analyze_incremental(text, &options, &|| false, &mut cache).unwrap();
            let full = analyze(text, &options);
            assert_eq!(
                serde_json::to_string(&incremental).unwrap(),
                serde_json::to_string(&full).unwrap(),
                "{text:?}"
            );
        }
    }

    const STORY: &str = "Harbour Board Delays Vote\n\n\
        “We will not be rushed,” said Mara Lind, the board's chair. “Not by anyone.”\n\n\
        Lind spoke after a long meeting. Mr. Okafor, who opposed the plan, said it was 'a gift' to the developers.\n\n\
        “It is late,\nand the tide is turning,” he added.\n\n\
        The vote is set for May. Lind said the board would listen.\n";

    #[test]
    fn a_paragraph_written_twice_with_other_marks_keeps_its_own_tokens() {
        // The same paragraph twice, its quotation marks paired only the first time (the
        // scanner pairs marks paragraph by paragraph today; the cache does not count on it).
        let text = "Ada said 'go' now.\nAda said 'go' now.\n";
        let prose = Prose::new(text, Format::Plain);
        let (marks, quoted) = (vec![9, 12], vec![Span::new(10, 12)]);
        let full = Tokens::new_with(text, &prose.sentences, &quoted, false, Some(&marks));
        let mut cache = LocalCache::new();
        cache.begin();
        let cached =
            Prose::with_paragraphs_read_by(text, Format::Plain, &mut |t, p, s| cache.read(t, p, s));
        let spliced = cache.tokens(&cached, &quoted, false, &marks).unwrap();
        assert_eq!(format!("{:?}", spliced.list), format!("{:?}", full.list));
        assert!(spliced.list[3].quoted && !spliced.list[10].quoted);
    }

    #[test]
    fn paragraphs_moved_split_and_joined_analyse_as_a_whole_text() {
        let moved = STORY.replace("The vote is set for May.", "“Soon,” Lind said.\n\nThe vote");
        let joined = STORY.replace(".\n\nLind spoke", ". Lind spoke");
        let texts = [STORY.to_string(), moved, joined, STORY.to_string()];
        assert_same_as_full(&texts, Format::Plain);
        assert_same_as_full(&texts, Format::Markdown);
    }

    #[test]
    fn casing_counts_follow_the_paragraphs_an_edit_adds_and_takes_away() {
        // "Poor" is part of the name "Poor Helen" only while no paragraph writes it in
        // lowercase; "Will" ends George Will's name before a paragraph opening in lowercase.
        let text = "Poor Helen said nothing at all.\n\nThe house was poor and cold.\n\n\
            “Go,” said George Will\n\nand Ann at noon.\n";
        let without_poor = text.replace("The house was poor and cold.\n\n", "");
        let capital_after = text.replace("and Ann", "And Ann");
        // Four wrapped lines make the text hard-wrapped.
        let wrapped = format!(
            "{text}\nThe tide came in over the long grey flats that morning,\n\
            and the boats that had lain on the mud since dawn rose\n\
            one by one with the water, and the harbour filled again\n\
            with the noise of men calling from deck to deck.\n"
        );
        let names = |t: &str| {
            let a = analyze(t, &Options::new(Format::Plain));
            a.mentions
                .iter()
                .map(|m| m.span.text(t).to_string())
                .collect::<Vec<_>>()
        };
        assert!(!names(text).contains(&"Poor Helen".to_string()));
        assert!(names(&without_poor).contains(&"Poor Helen".to_string()));
        assert!(names(text).contains(&"George Will".to_string()));
        assert!(!names(&capital_after).contains(&"George Will".to_string()));
        let texts = [
            text.to_string(),
            without_poor,
            text.to_string(),
            capital_after,
            text.to_string(),
            wrapped,
            text.to_string(),
        ];
        assert_same_as_full(&texts, Format::Plain);
    }

    #[test]
    fn an_analysis_stopped_at_any_stage_leaves_the_cache_exact() {
        let edited = STORY.replace("Mr. Okafor", "Poor Okafor");
        let again = STORY.replace("a long meeting", "a long and poor meeting");
        for stop_at in 0..16 {
            let options = Options::new(Format::Plain);
            let mut cache = LocalCache::new();
            analyze_incremental(STORY, &options, &|| false, &mut cache).unwrap();
            let asked = std::cell::Cell::new(0);
            let cancelled = || {
                asked.set(asked.get() + 1);
                asked.get() > stop_at
            };
            let _ = analyze_incremental(&edited, &options, &cancelled, &mut cache);
            for text in [&again, &edited] {
                let incremental = analyze_incremental(text, &options, &|| false, &mut cache);
                assert_eq!(
                    serde_json::to_string(&incremental.unwrap()).unwrap(),
                    serde_json::to_string(&analyze(text, &options)).unwrap(),
                    "stopped at {stop_at}"
                );
            }
        }
    }

    /// Insertions that change paragraphs, sentences, quotes, names and cues.
    const INSERTS: &[&str] = &[
        "x", "“", "”", "\"", "'", "\n", "\n\n", " said ", " Holt ", ". ", "‘", "’", "''", "<b>",
        "# ", "`",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn random_edits_analyse_as_the_whole_text(
            edits in proptest::collection::vec((0usize..400, 0usize..INSERTS.len(), 0usize..4), 1..6),
            markdown in any::<bool>(),
        ) {
            let mut text = STORY.to_string();
            let mut texts = vec![text.clone()];
            for (at, insert, removed) in edits {
                let mut at = at.min(text.len());
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                let mut end = (at + removed).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                text.replace_range(at..end, INSERTS[insert]);
                texts.push(text.clone());
            }
            let format = if markdown { Format::Markdown } else { Format::Plain };
            assert_same_as_full(&texts, format);
        }
    }
}
