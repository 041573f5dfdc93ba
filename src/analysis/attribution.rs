//! The attribution sieve: rules from most to least precise, each named, each giving a quote
//! its speaker phrase and cue. Later rules only see quotes earlier rules left open.

use super::cues::{CueToken, subject_left, subject_right};
use super::lexicon;
use super::marks::ScannedQuote;
use super::mentions::{
    NameChunk, NameIndex, Phrase, is_verb_modifier, phrase_ending_at, phrase_starting_at,
};
use super::model::{MentionKind, Rule, Span};
use super::text::Prose;
use super::tokens::{Kind, Tokens};
use rustc_hash::FxHashMap;

/// How one quote was attributed.
#[derive(Clone, Debug)]
pub struct Attr {
    pub phrase: Phrase,
    /// Index into the cue list.
    pub cue: Option<usize>,
    pub rule: Rule,
    pub confidence: f32,
}

pub struct Sieve<'a> {
    pub prose: &'a Prose<'a>,
    pub tokens: &'a Tokens<'a>,
    pub chunks: &'a [NameChunk],
    pub names: &'a NameIndex,
    pub cues: &'a [CueToken],
    pub quotes: &'a [ScannedQuote],
    /// Token -> the cue starting there (sparse: a text has a cue every few dozen tokens).
    cue_at: FxHashMap<u32, u32>,
}

/// Nouns for documents that speak for their issuer: "a statement", "a letter".
fn is_document(head: &str) -> bool {
    matches!(
        head,
        "statement"
            | "letter"
            | "email"
            | "e-mail"
            | "memo"
            | "release"
            | "message"
            | "tweet"
            | "post"
            | "note"
            | "announcement"
            | "ad"
            | "advertisement"
            | "video"
            | "mailer"
            | "flyer"
            | "website"
            | "cover"
            | "text"
    )
}

/// Cues whose object is the person spoken to: "told reporters that ...".
fn takes_addressee(lemma: &str) -> bool {
    matches!(
        lemma,
        "tell"
            | "ask"
            | "inform"
            | "assure"
            | "reassure"
            | "advise"
            | "warn"
            | "urge"
            | "remind"
            | "beg"
            | "implore"
            | "entreat"
    )
}

/// Cues whose right-hand noun is their object, never an inverted subject: `"...," told
/// reporters`, `calling him a liar`. Others invert freely, in news and fiction alike:
/// `"Why?" asked Lavrov`, `"Please," begged the girl`, `"Careful," warned the minister`.
fn never_inverted(lemma: &str) -> bool {
    matches!(
        lemma,
        "tell"
            | "refer to"
            | "inform"
            | "quote"
            | "remind"
            // verbs of characterising: "calling him a liar", "dismissing O'Donnell as"
            | "call"
            | "describe"
            | "praise"
            | "mock"
            | "criticize"
            | "criticise"
            | "dismiss"
            | "accuse"
            | "deride"
            | "label"
            | "brand"
            | "dub"
            | "blast"
            | "slam"
            | "hail"
            | "tout"
            | "defend"
            | "decry"
            | "term"
            | "thank"
    )
}

pub(crate) fn base_confidence(rule: Rule, kind: MentionKind) -> f32 {
    let rule_conf: f32 = match rule {
        Rule::TrailingCue => 0.95,
        Rule::LeadingCue => 0.9,
        Rule::AccordingTo => 0.9,
        Rule::LeadingColon => 0.75,
        Rule::SpeakerLabel => 0.9,
        Rule::InterruptedQuote => 0.9,
        Rule::SentenceCue => 0.75,
        Rule::AdjacentCue => 0.6,
        Rule::SentenceSubject => 0.55,
        Rule::ParagraphContinuation => 0.65,
        Rule::SameParagraph => 0.7,
        Rule::ActionBeat => 0.6,
        Rule::Addressee => 0.55,
        Rule::TurnTaking => 0.5,
        Rule::ReportedClause => 0.8,
        Rule::ReportedTrailing => 0.75,
        Rule::Nested | Rule::None => 0.0,
    };
    let mention_conf = match kind {
        MentionKind::Name => 1.0,
        MentionKind::Description => 0.9,
        MentionKind::Pronoun => 0.9,
    };
    rule_conf * mention_conf
}

impl<'a> Sieve<'a> {
    pub fn new(
        prose: &'a Prose<'a>,
        tokens: &'a Tokens<'a>,
        chunks: &'a [NameChunk],
        names: &'a NameIndex,
        cues: &'a [CueToken],
        quotes: &'a [ScannedQuote],
    ) -> Sieve<'a> {
        let mut cue_at = FxHashMap::with_capacity_and_hasher(cues.len(), Default::default());
        for (i, c) in cues.iter().enumerate() {
            cue_at.insert(c.tokens.start as u32, i as u32);
        }
        Sieve {
            prose,
            tokens,
            chunks,
            names,
            cues,
            quotes,
            cue_at,
        }
    }

    /// A "say" or "tell" cue starting at `token`: the verbs that report another's account.
    fn say_or_tell_at(&self, token: usize) -> Option<usize> {
        self.cue_starting(token)
            .filter(|&c| matches!(self.cues[c].lemma.as_str(), "say" | "tell"))
    }

    fn cue_starting(&self, token: usize) -> Option<usize> {
        let token = u32::try_from(token).ok()?;
        self.cue_at.get(&token).map(|&c| c as usize)
    }

    /// "Meeks said Clinton called on members to be "...": a cue whose subject sits inside the
    /// clause of an earlier "say"/"tell" in the same sentence reports that speaker's account.
    fn outer_reporter(&self, c: usize, p: &Phrase) -> Option<(usize, Phrase)> {
        let tokens = self.tokens;
        let sentence = tokens.sentence(p.tokens.start);
        let mut m = p.tokens.start;
        let mut steps = 0;
        while m > 0 && steps < 12 {
            m -= 1;
            steps += 1;
            let t = tokens.list[m];
            if t.kind == Kind::Mark || t.quoted || tokens.sentence(m) != sentence {
                return None;
            }
            // A clause boundary, or a relative clause ("as he said this, which made Rattery
            // ask"), ends the reported clause.
            if tokens.is_punct(m, ',')
                || tokens.is_punct(m, ';')
                || tokens.is_punct(m, '-')
                || tokens.is_punct(m, '\u{2014}')
                || tokens.is_punct(m, '\u{2013}')
                || matches!(tokens.raw_lower(m), "which" | "who" | "whom")
            {
                return None;
            }
            if let Some(c2) = self.say_or_tell_at(m).filter(|&c2| c2 != c)
                && let Some(outer) = self.subject_unresolved(c2)
                && outer.tokens.end <= m
            {
                return Some((c2, outer));
            }
        }
        None
    }

    /// The attribution of cue `c` with subject `p`, or of the speaker whose account holds it.
    fn reported_cue_attr(&self, p: Phrase, c: usize, rule: Rule) -> Attr {
        match self.outer_reporter(c, &p) {
            Some((outer_cue, outer)) => self.attr(outer, Some(outer_cue), rule),
            None => self.attr(p, Some(c), rule),
        }
    }

    fn attr(&self, phrase: Phrase, cue: Option<usize>, rule: Rule) -> Attr {
        let confidence = base_confidence(rule, phrase.kind);
        Attr {
            phrase,
            cue,
            rule,
            confidence,
        }
    }

    /// The subject of cue `c`, reading left first unless the cue is inverted.
    pub fn subject_of(&self, c: usize) -> Option<Phrase> {
        let cue = &self.cues[c];
        if cue.according_to {
            return subject_right(self.tokens, self.names, self.chunks, cue);
        }
        let subject = self.subject_unresolved(c)?;
        // "She released a statement saying ...": the statement speaks for whoever issued it.
        // "He shared a syllabus for a class called "Perception"": a thing named so by whoever
        // mentions it.
        let named_thing = matches!(
            self.tokens.raw_lower(cue.tokens.start),
            "called" | "titled" | "named" | "dubbed" | "labeled" | "labelled"
        );
        if subject.kind == MentionKind::Description
            && (is_document(&subject.head) || named_thing)
            && matches!(self.tokens.lower(subject.tokens.start), "a" | "an")
            && let Some(issuer) = self.sentence_subject(subject.tokens.start)
        {
            return Some(issuer);
        }
        Some(subject)
    }

    fn subject_unresolved(&self, c: usize) -> Option<Phrase> {
        let cue = &self.cues[c];
        let first = cue.tokens.start;
        let participle = self.tokens.raw_lower(first).ends_with("ing");
        // A participle clause takes the sentence's subject: `Trump hit back, saying, "..."`,
        // also after a quotation that ends in its comma: `she said, "...," adding, "..."`.
        let after_comma = |k: usize| {
            self.tokens.is_punct(k, ',')
                || (k > 0
                    && self.tokens.list[k].kind == Kind::Mark
                    && self.tokens.is_punct(k - 1, ','))
        };
        if participle && first > 0 && after_comma(first - 1) {
            return self
                .nearest_cue_subject_before(c)
                .or_else(|| self.sentence_subject(first));
        }
        // "Hale is quoted as saying": the subject of the passive "quoted".
        if participle
            && first >= 3
            && self.tokens.raw_lower(first - 1) == "as"
            && self.tokens.raw_lower(first - 2) == "quoted"
        {
            let sentence = self.tokens.sentence(first);
            let mut k = first - 3;
            while k > 0 && self.tokens.is_word(k) && is_verb_modifier(self.tokens.lower(k)) {
                k -= 1;
            }
            return phrase_ending_at(self.tokens, self.names, self.chunks, k)
                .filter(|p| self.tokens.sentence(p.tokens.start) == sentence);
        }
        let left = subject_left(self.tokens, self.names, self.chunks, cue);
        // "sent a text to supporters saying", "posted a message on Twitter reading": the
        // participle's subject is not the object of "to" or "on" (an addressee or a medium)
        // but the clause's. ("with Lee saying" is an absolute clause: Lee speaks; "partners
        // in Tehran saying": the preposition is part of the subject, so only these three.)
        if participle
            && let Some(p) = &left
            && p.tokens.start > 0
            && matches!(
                self.tokens.raw_lower(p.tokens.start - 1),
                "to" | "on" | "into"
            )
        {
            return self.sentence_subject(first);
        }
        left.or_else(|| {
            if never_inverted(&cue.lemma) || participle {
                return None;
            }
            // Inverted only right after a quote or comma: `"...," said Lavrov`.
            let before = cue.tokens.start.checked_sub(1)?;
            let b = self.tokens.list[before];
            let sentence_start =
                self.tokens.sentence(before) != self.tokens.sentence(cue.tokens.start);
            (b.kind == Kind::Mark
                || self.tokens.is_punct(before, ',')
                || b.after_newline
                || sentence_start)
                .then(|| subject_right(self.tokens, self.names, self.chunks, cue))
                .flatten()
        })
    }

    /// "..., Spicer said, adding, "..."": the subject of the nearest finite cue before cue `c`
    /// in its sentence, outside quotations.
    fn nearest_cue_subject_before(&self, c: usize) -> Option<Phrase> {
        let tokens = self.tokens;
        let first = self.cues[c].tokens.start;
        let sentence = tokens.sentence(first);
        (0..first)
            .rev()
            .take_while(|&m| tokens.sentence(m) == sentence)
            .filter(|&m| !tokens.list[m].quoted)
            .find_map(|m| {
                // Only "said"/"told": "a class called "Perception", writing" names no speaker.
                let c2 = self.say_or_tell_at(m)?;
                if tokens.raw_lower(m).ends_with("ing") {
                    return None;
                }
                // "an architect who said he was stiffed, ..., saying": a relative clause's
                // speaker is not the main clause's.
                self.subject_unresolved(c2).filter(|p| {
                    !matches!(tokens.raw_lower(p.tokens.start), "who" | "which" | "that")
                })
            })
    }

    /// The subject at the start of the sentence holding token `at`, before `at`: the first
    /// phrase within the sentence's first few words ("But Clinton has since apologized").
    /// "Reached by phone, ...", "Pressed on the point, ...", "Interviewed at home, ...": a
    /// past participle and its preposition open the sentence; the subject follows the comma.
    fn fronted_participle(&self, first: usize) -> bool {
        let word = self.tokens.raw_lower(first);
        word.len() > 4
            && word.ends_with("ed")
            && self.tokens.is_word(first + 1)
            && matches!(
                self.tokens.raw_lower(first + 1),
                "by" | "for" | "about" | "on" | "at" | "in" | "over" | "after" | "with"
            )
    }

    pub fn sentence_subject(&self, at: usize) -> Option<Phrase> {
        let tokens = self.tokens;
        tokens.list.get(at)?;
        let sentence = tokens.sentence(at);
        let mut first = at;
        while first > 0
            && tokens.sentence(first - 1) == sentence
            && !tokens.list[first].after_newline
        {
            first -= 1;
        }
        // Skip opening adverbials: "In a statement released Thursday, Rep. Smith said";
        // "On Monday, after a long silence, Smith said".
        while tokens.is_word(first)
            && (matches!(
                tokens.lower(first),
                "in" | "at"
                    | "on"
                    | "during"
                    | "after"
                    | "before"
                    | "for"
                    | "with"
                    | "without"
                    | "from"
                    | "as"
                    | "since"
                    | "when"
                    | "while"
                    | "despite"
                    | "following"
                    | "speaking"
                    | "writing"
                    | "asked"
                    | "responding"
                    | "earlier"
                    | "later"
            ) || self.fronted_participle(first))
            && let Some(comma) = (first..at).find(|&m| tokens.is_punct(m, ','))
        {
            first = comma + 1;
        }
        // Short opening adverbs of time and place: "Hours later, Trump ...", "Here in
        // Columbia, Sanders ...", "Last week, the mayor ...".
        if tokens.is_word(first)
            && matches!(
                tokens.lower(first),
                "here"
                    | "there"
                    | "meanwhile"
                    | "separately"
                    | "instead"
                    | "still"
                    | "now"
                    | "then"
                    | "today"
                    | "yesterday"
                    | "afterward"
                    | "afterwards"
                    | "eventually"
                    | "finally"
                    | "last"
                    | "next"
                    | "seconds"
                    | "minutes"
                    | "hours"
                    | "days"
                    | "weeks"
                    | "months"
                    | "years"
                    | "moments"
            )
            && let Some(comma) = (first..at.min(first + 5)).find(|&m| tokens.is_punct(m, ','))
        {
            first = comma + 1;
        }
        let mut words = 0;
        let mut k = first;
        while k < at && words < 4 {
            let t = tokens.list[k];
            if t.kind == Kind::Mark || t.quoted {
                return None;
            }
            if t.kind == Kind::Word {
                if let Some(p) = phrase_starting_at(tokens, self.names, self.chunks, k)
                    && p.tokens.end <= at
                    && !p.chunk.is_some_and(|c| self.chunks[c].is_place)
                {
                    // The phrase must be followed by its verb, not be part of a longer phrase.
                    // A party tag's abbreviation stop: "Mitch McConnell, R-Ky., said".
                    let mut end = p.tokens.end;
                    if tokens.is_punct(end, '.')
                        && tokens.is_punct(end + 1, ',')
                        && tokens.text(end - 1).contains('-')
                    {
                        end += 1;
                    }
                    let next = tokens.get(end)?;
                    return (next.kind == Kind::Word || tokens.is_punct(end, ',')).then_some(p);
                }
                words += 1;
            }
            k += 1;
        }
        None
    }

    /// A colon ending the words before the quote, in a sentence with a subject:
    /// `Clinton has since apologized: "..."`, `She then addressed the crowd again: "..."`.
    pub fn leading_colon(&self, q: &ScannedQuote) -> Option<Attr> {
        let tokens = self.tokens;
        let open = self.open_token(q);
        if open == 0 || !tokens.is_punct(open - 1, ':') {
            return None;
        }
        let colon = open - 1;
        let p = self.sentence_subject(colon)?;
        Some(self.attr(p, None, Rule::LeadingColon))
    }

    /// The mark token of a quote's opening and closing marks.
    fn open_token(&self, q: &ScannedQuote) -> usize {
        self.tokens.at_or_after(q.open.span.start)
    }

    fn close_token(&self, q: &ScannedQuote) -> Option<usize> {
        q.close.map(|c| self.tokens.at_or_after(c.span.start))
    }

    /// `"...," Lavrov said.` / `"...," said Lavrov.` / `"...," the minister told reporters.`
    pub fn trailing_cue(&self, q: &ScannedQuote) -> Option<Attr> {
        let close = self.close_token(q)?;
        let tokens = self.tokens;
        if let Some(a) = self.byline(close) {
            return Some(a);
        }
        let mut k = close + 1;
        while let Some(t) = tokens.get(k) {
            if t.kind == Kind::Punct
                && (tokens.is_punct(k, ',')
                    || tokens.is_punct(k, '\u{2014}')
                    || tokens.is_punct(k, '\u{2013}')
                    || tokens.is_punct(k, '-'))
            {
                k += 1;
            } else {
                break;
            }
        }
        let start = tokens.get(k)?;
        if start.kind != Kind::Word || start.after_newline || start.quoted {
            return None;
        }
        // After a finished sentence ("...." Sharpton later clarified that ...), a cue starts a
        // new sentence about something else unless that sentence is only the attribution.
        let content = q.content.text(&self.prose.text).trim_end();
        let finished = content.ends_with('.');
        // Inverted: a cue right away.
        if let Some(c) = self.cue_starting(k)
            && !self.cues[c].according_to
            && !never_inverted(&self.cues[c].lemma)
            && let Some(p) = subject_right(tokens, self.names, self.chunks, &self.cues[c])
        {
            return Some(self.attr(p, Some(c), Rule::TrailingCue));
        }
        // Subject first: the first cue within a few words whose subject starts at `k`.
        let paragraph = q.paragraph;
        let para = self.prose.paragraphs[paragraph];
        for m in k..(k + 16).min(tokens.len()) {
            let t = tokens.list[m];
            if t.kind == Kind::Mark || t.span().start >= para.end || t.quoted {
                break;
            }
            if let Some(c) = self.cue_starting(m)
                && let Some(p) = subject_left(tokens, self.names, self.chunks, &self.cues[c])
            {
                let starts_here =
                    p.tokens.start == k || (p.tokens.start == k + 1 && tokens.lower(k) == "the");
                if starts_here && !self.has_object(c) && (!finished || self.attribution_only(c)) {
                    return Some(self.attr(p, Some(c), Rule::TrailingCue));
                }
                return None;
            }
            // The sentence's own end, not an abbreviation's stop ("Rep. Ann Lee, D-Ore., said").
            let sentence_ends = tokens.is_punct(m, '.')
                && tokens
                    .get(m + 1)
                    .is_none_or(|_| tokens.sentence(m + 1) != tokens.sentence(m));
            if sentence_ends
                || tokens.is_punct(m, '?')
                || tokens.is_punct(m, '!')
                || tokens.is_punct(m, ';')
            {
                break;
            }
        }
        None
    }

    /// An epigraph or collected-quote byline: `“...” ― Carlos Ruiz` (a dash, then a name that
    /// ends its line or sentence).
    fn byline(&self, close: usize) -> Option<Attr> {
        let tokens = self.tokens;
        let dash = close + 1;
        let d = tokens.get(dash)?;
        let is_dash = d.kind == Kind::Punct
            && ['\u{2014}', '\u{2015}', '\u{2013}', '-']
                .iter()
                .any(|&c| tokens.is_punct(dash, c));
        if !is_dash {
            return None;
        }
        let p = phrase_starting_at(tokens, self.names, self.chunks, dash + 1)?;
        if p.kind != MentionKind::Name {
            return None;
        }
        let ends = match tokens.get(p.tokens.end) {
            None => true,
            Some(n) => {
                n.after_newline
                    || n.kind == Kind::Mark
                    || [',', '.', '/', '(', ';']
                        .iter()
                        .any(|&c| tokens.is_punct(p.tokens.end, c))
            }
        };
        ends.then(|| self.attr(p, None, Rule::TrailingCue))
    }

    /// Whether cue `c` has an object of its own ("wrote a letter to ..."), other than the
    /// person told ("told the Post") or a time ("said the day before").
    fn has_object(&self, c: usize) -> bool {
        let tokens = self.tokens;
        let end = self.cues[c].tokens.end;
        tokens.is_word(end)
            && matches!(
                tokens.raw_lower(end),
                "a" | "an" | "the" | "his" | "her" | "its" | "their" | "our" | "my" | "your"
            )
            && tokens.is_word(end + 1)
            && !lexicon::is_non_agent_noun(tokens.lower(end + 1))
            && !matches!(tokens.lower(end + 1), "few" | "little" | "bit" | "while")
            && !takes_addressee(&self.cues[c].lemma)
    }

    /// Whether the sentence goes on only briefly after cue `c` ("said on Monday."), rather than
    /// with a clause of its own ("clarified that to mean ...").
    fn attribution_only(&self, c: usize) -> bool {
        let tokens = self.tokens;
        let end = self.cues[c].tokens.end;
        if tokens.is_word(end) && tokens.raw_lower(end) == "that" {
            return false;
        }
        let sentence = tokens.sentence(end - 1);
        for k in end..(end + 8).min(tokens.len()) {
            let t = tokens.list[k];
            if t.kind == Kind::Mark {
                return false; // another quotation: the sentence has its own business
            }
            if tokens.sentence(k) != sentence {
                return true;
            }
            if tokens.is_punct(k, ',') || tokens.is_punct(k, '.') || tokens.is_punct(k, ';') {
                return true;
            }
        }
        tokens.get(end).is_none()
    }

    /// `Lavrov said: "..."`, `Lavrov said that "..."`, `He added, "..."`, and a colon ending
    /// the previous paragraph. Also `According to X, "..."`.
    pub fn leading_cue(&self, q: &ScannedQuote) -> Option<Attr> {
        let tokens = self.tokens;
        let open = self.open_token(q);
        if open == 0 {
            return None;
        }
        let mut k = open - 1;
        let colon = tokens.is_punct(k, ':');
        let across_paragraph = tokens.list[open].after_newline;
        // Across a paragraph break only a colon or a comma ends the words that announce the
        // quote: `... and after a while she said to him,` / `"..."` (a novel's convention).
        if across_paragraph && !colon && !tokens.is_punct(k, ',') {
            return None;
        }
        if tokens.is_punct(k, '.') || tokens.is_punct(k, '!') || tokens.is_punct(k, '?') {
            return None; // a new sentence: the adjacent-cue rule's business
        }
        if colon || tokens.is_punct(k, ',') {
            k = k.checked_sub(1)?;
        }
        if tokens.raw_lower(k) == "that" {
            k = k.checked_sub(1)?;
        }
        let sentence = tokens.sentence(k);
        let reach = if colon { 14 } else { 6 };
        let mut m = k + 1;
        while m > 0 && k + 1 - m < reach {
            m -= 1;
            let t = tokens.list[m];
            if t.kind == Kind::Mark || t.quoted || (tokens.sentence(m) != sentence) {
                break;
            }
            if let Some(c) = self.cue_starting(m)
                && (!self.cues[c].weak || k + 1 - m <= 2)
                && (colon || self.introduces(c, k + 1))
                && let Some(p) = self.subject_of(c)
            {
                let rule = if self.cues[c].according_to {
                    Rule::AccordingTo
                } else {
                    Rule::LeadingCue
                };
                // An inverted subject must lie before the quote.
                if p.tokens.end <= open {
                    return Some(self.reported_cue_attr(p, c, rule));
                }
            }
        }
        None
    }

    /// Whether only adverbials stand between cue `c` and token `end` ("said on Monday",
    /// "told reporters"), not an object of its own ("called the plan").
    fn introduces(&self, c: usize, end: usize) -> bool {
        let tokens = self.tokens;
        let cue = &self.cues[c];
        let gap = cue.tokens.end..end;
        if gap.is_empty() || cue.according_to {
            return true;
        }
        let first = tokens.raw_lower(gap.start);
        let adverbial = matches!(
            first,
            "on" | "in"
                | "at"
                | "to"
                | "during"
                | "after"
                | "before"
                | "from"
                | "with"
                | "for"
                | "via"
                | "outside"
                | "inside"
                | "last"
                | "this"
                | "earlier"
                | "later"
                | "yesterday"
                | "today"
                | "tonight"
                | "again"
                | "recently"
                | "then"
                | "repeatedly"
                | "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
        ) || is_verb_modifier(first);
        adverbial || (takes_addressee(&cue.lemma) && gap.len() <= 3)
    }

    /// `According to X, ... "..."` earlier in the quote's sentence.
    pub fn according_to(&self, q: &ScannedQuote) -> Option<Attr> {
        let tokens = self.tokens;
        let open = self.open_token(q);
        let sentence = tokens.sentence(open);
        let mut m = open;
        while m > 0 {
            m -= 1;
            let t = tokens.list[m];
            if tokens.sentence(m) != sentence || t.kind == Kind::Mark {
                break;
            }
            if let Some(c) = self.cue_starting(m)
                && self.cues[c].according_to
                && let Some(p) = self.subject_of(c)
            {
                return Some(self.attr(p, Some(c), Rule::AccordingTo));
            }
        }
        None
    }

    /// `Lavrov: "..."` at the start of a paragraph (interviews, transcripts).
    pub fn speaker_label(&self, q: &ScannedQuote) -> Option<Attr> {
        let tokens = self.tokens;
        let open = self.open_token(q);
        if open < 2 || !tokens.is_punct(open - 1, ':') {
            return None;
        }
        let end = open - 2;
        let mut p = phrase_ending_at(tokens, self.names, self.chunks, end)?;
        // Titles before the name belong to the label: "Former secretary of state Ann Vos:".
        if !tokens.list[p.tokens.start].after_newline {
            let mut k = p.tokens.start;
            while k > 0 && p.tokens.start - k < 8 && !tokens.list[k].after_newline {
                k -= 1;
            }
            if tokens.list[k].after_newline
                && let Some(full) = phrase_starting_at(tokens, self.names, self.chunks, k)
                && full.kind == MentionKind::Name
                && full.tokens.end == end + 1
            {
                p = full;
            }
        }
        // The label's first token: "Ana Ruiz and Tom Varga:" names two speakers; a digest
        // quotes its sources "From the report:", "More from Ruiz:".
        let mut start = p.tokens.start;
        if start >= 2
            && tokens.raw_lower(start - 1) == "and"
            && let Some(first) = phrase_ending_at(tokens, self.names, self.chunks, start - 2)
            && first.kind == MentionKind::Name
            && p.kind == MentionKind::Name
        {
            start = first.tokens.start;
        }
        let from = start >= 1 && tokens.raw_lower(start - 1) == "from";
        if from {
            start -= 1;
            if start >= 1 && tokens.raw_lower(start - 1) == "more" {
                start -= 1;
            }
        }
        // A label opens its line, or follows a dash after a digest's heading: "TURNOUT
        // FELL - Ana Ruiz: “...”".
        let after_dash = start > 0
            && ['-', '\u{2013}', '\u{2014}']
                .iter()
                .any(|&d| tokens.is_punct(start - 1, d));
        ((tokens.list[start].after_newline || after_dash || (from && tokens.opens_sentence(start)))
            && (p.kind == MentionKind::Name || (from && p.kind == MentionKind::Description)))
            .then(|| self.attr(p, None, Rule::SpeakerLabel))
    }

    /// A cue elsewhere in the sentences the quote spans, nearest first.
    pub fn sentence_cue(&self, q: &ScannedQuote) -> Option<Attr> {
        let tokens = self.tokens;
        let open = self.open_token(q);
        let close = self
            .close_token(q)
            .unwrap_or_else(|| tokens.at_or_after(q.span.end).saturating_sub(1));
        let s_first = tokens.sentence(open);
        let s_last = tokens.sentence(close.min(tokens.len() - 1));
        let para = self.prose.paragraphs[q.paragraph];
        let mut best: Option<(usize, Attr)> = None;
        let mut consider = |m: usize, dist: usize| {
            if let Some(c) = self.cue_starting(m).filter(|&c| !self.cues[c].weak)
                && best.as_ref().is_none_or(|(d, _)| dist < *d)
                && let Some(p) = self.subject_of(c)
            {
                best = Some((dist, self.reported_cue_attr(p, c, Rule::SentenceCue)));
            }
        };
        // left
        let mut m = open;
        while m > 0 {
            m -= 1;
            let t = tokens.list[m];
            if tokens.sentence(m) != s_first || t.span().start < para.start {
                break;
            }
            if !t.quoted {
                consider(m, open - m);
            }
        }
        // right
        for m in close + 1..tokens.len() {
            let t = tokens.list[m];
            if tokens.sentence(m) != s_last || t.span().start >= para.end {
                break;
            }
            if !t.quoted {
                consider(m, m - close);
            }
        }
        best.map(|(_, a)| a)
    }

    /// A quote inside its sentence (not opening it) takes the subject of that sentence.
    pub fn sentence_subject_of(&self, q: &ScannedQuote) -> Option<Attr> {
        let open = self.open_token(q);
        if self.tokens.opens_sentence(open) {
            return None;
        }
        let p = self.sentence_subject(open)?;
        // "It's the pull of the "pay as you go" promise": an expletive subject says nothing.
        let expletive = match self.tokens.raw_lower(p.tokens.start) {
            "it's" | "it’s" => true,
            "it" => matches!(
                self.tokens.raw_lower(p.tokens.end),
                "is" | "was" | "isn't" | "isn’t" | "wasn't" | "wasn’t"
            ),
            _ => false,
        };
        if expletive {
            return None;
        }
        Some(self.attr(p, None, Rule::SentenceSubject))
    }

    /// The last cue with a subject in sentence `s` (outside quotes).
    fn last_cue_in_sentence(&self, s: usize) -> Option<Attr> {
        let span = *self.prose.sentences.get(s)?;
        let first = self.tokens.at_or_after(span.start);
        let last = self.tokens.at_or_after(span.end);
        (first..last)
            .rev()
            .filter(|&m| !self.tokens.list[m].quoted)
            .find_map(|m| {
                let c = self.cue_starting(m).filter(|&c| !self.cues[c].weak)?;
                // `Ann said nothing. "Well?"`: a cue of keeping silent is no cue of the words.
                let word = |k: usize| {
                    if self.tokens.is_word(k) && !self.tokens.list[k].quoted {
                        self.tokens.raw_lower(k)
                    } else {
                        ""
                    }
                };
                if lexicon::says_silent([word(m), word(m + 1), word(m + 2)]) {
                    return None;
                }
                let p = self.subject_of(c)?;
                Some(self.attr(p, Some(c), Rule::AdjacentCue))
            })
    }

    /// A cue in the sentence just before the quote's, in the same paragraph.
    pub fn adjacent_cue(&self, q: &ScannedQuote) -> Option<Attr> {
        let s = self.prose.sentence_of(q.open.span.start);
        if s == 0 || self.prose.sentence_paragraph[s - 1] != q.paragraph {
            return None;
        }
        self.last_cue_in_sentence(s - 1)
    }

    /// The speaker of the last cue in paragraph `p` (for a following quote-only paragraph).
    pub fn last_cue_in_paragraph(&self, p: usize) -> Option<Attr> {
        let para = *self.prose.paragraphs.get(p)?;
        let s_first = self.prose.sentence_of(para.start);
        let s_last = self.prose.sentence_of(para.end.saturating_sub(1));
        (s_first..=s_last)
            .rev()
            .find_map(|s| self.last_cue_in_sentence(s))
    }

    /// Whether the quote opens its paragraph.
    pub fn opens_paragraph(&self, q: &ScannedQuote) -> bool {
        self.prose.paragraphs[q.paragraph].start == q.open.span.start
    }

    /// Whether a speech cue other than `own` (and not a weak one: "they lie far out") stands
    /// outside quotes between byte offsets `start` and `end`.
    pub fn has_other_cue_between(&self, start: usize, end: usize, own: Option<usize>) -> bool {
        let first = self.tokens.at_or_after(start);
        let last = self.tokens.at_or_after(end);
        (first..last).any(|m| {
            !self.tokens.list[m].quoted
                && self
                    .cue_starting(m)
                    .is_some_and(|c| !self.cues[c].weak && Some(c) != own)
        })
    }

    /// Whether a paragraph holds any speech cue outside quotes.
    pub fn paragraph_has_cue(&self, p: usize) -> bool {
        let para = self.prose.paragraphs[p];
        let first = self.tokens.at_or_after(para.start);
        let last = self.tokens.at_or_after(para.end);
        (first..last).any(|m| !self.tokens.list[m].quoted && self.cue_starting(m).is_some())
    }

    /// The span of a phrase.
    pub fn phrase_span(&self, p: &Phrase) -> Span {
        Span::new(
            self.tokens.list[p.tokens.start].span().start,
            self.tokens.list[p.tokens.end - 1].span().end,
        )
    }

    pub fn cue_span(&self, c: usize) -> Span {
        let r = &self.cues[c].tokens;
        Span::new(
            self.tokens.list[r.start].span().start,
            self.tokens.list[r.end - 1].span().end,
        )
    }
}

/// Group quote parts into utterances: multi-paragraph continuations, and quotes interrupted by
/// an attribution or aside (`"...," he said, "..."`, `“It’ll be our”—she leaned—“secret.”`).
/// Returns for each quote the index of its utterance's first part.
pub fn utterances(text: &str, quotes: &[ScannedQuote]) -> Vec<usize> {
    let mut utt: Vec<usize> = (0..quotes.len()).collect();
    let mut prev_top: Option<usize> = None;
    for i in 0..quotes.len() {
        let q = &quotes[i];
        if q.depth > 0 {
            continue;
        }
        if let Some(p) = q.continues {
            utt[i] = utt[p];
        } else if let Some(a) = prev_top
            && quotes[a].paragraph == q.paragraph
            && let Some(close) = quotes[a].close
        {
            let gap = &text[close.span.end..q.open.span.start];
            let content_a = quotes[a].content.text(text).trim_end();
            let content_b = q.content.text(text).trim_start();
            // Broken by an attribution: "I think," he said, "that ..."; or by an aside in
            // dashes: "It'll be our"—she leaned—"shared secret."
            let a_breaks = content_a
                .chars()
                .last()
                .is_some_and(|c| matches!(c, ',' | '\u{2014}' | '\u{2013}' | '-' | '\u{2026}'));
            let gap_trimmed = gap.trim();
            let dash_aside = gap_trimmed.starts_with(['\u{2014}', '\u{2013}'])
                && gap_trimmed.ends_with(['\u{2014}', '\u{2013}', ',']);
            let b_continues = content_b.chars().next().is_some_and(|c| c.is_lowercase())
                && gap_trimmed.ends_with([',', ':', '\u{2014}', '\u{2013}']);
            let gap_ok = gap.len() <= 200
                && !gap_trimmed.is_empty()
                && (!gap.contains(['.', '!', '?']) || gap_trimmed.ends_with(','));
            if gap_ok && (a_breaks || dash_aside || b_continues) {
                utt[i] = utt[a];
            }
        }
        prev_top = Some(i);
    }
    utt
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::marks::scan;
    use crate::analysis::text::Format;

    #[test]
    fn interrupted_quotes_are_one_utterance() {
        let t = "“It’ll be our”—she leaned to his ear—“shared secret.” “Another one.”";
        let prose = Prose::new(t, Format::Plain);
        let s = scan(&prose.text, &prose.paragraphs);
        let u = utterances(t, &s.quotes);
        assert_eq!(u, vec![0, 0, 2]);
        let t = "\"I think,\" he said, \"that we should go.\" \"No.\"";
        let s = scan(t, &Prose::new(t, Format::Plain).paragraphs);
        assert_eq!(utterances(t, &s.quotes), vec![0, 0, 2]);
    }
}
