//! Conversations: what the cue sieve cannot see because it reads one quote at a time.
//!
//! In fiction a paragraph holds one speaker's turn, and a conversation is a run of turns.
//! This pass walks the turns in text order with a small state (who spoke last, who spoke
//! before, who was addressed by name) and
//! - gives cue-less quotes of a paragraph its speaker (`same-paragraph`),
//! - attributes cue-less turns from a character's action in the paragraph (`action-beat`),
//!   from the person the previous turn addressed by name (`addressee`), or by alternation
//!   (`turn-taking`),
//! - re-resolves "he said" / "she said" inside a conversation: a new paragraph is a new
//!   speaker, so the pronoun means the other participant of that gender,
//! - never lets a speaker be the person their own words address ("Come here, Emma"), nor
//!   give a cue-less turn to someone it speaks of by name.
//!
//! Whether a text is written as dialogue (new paragraph, new speaker) or as news (a quote-only
//! paragraph continues its source) is read from the text itself: how often adjacent
//! paragraphs with explicit cues change speaker.
//!
//! Linear: one pass over quotes, mentions and quote tokens; the state is a few entities.

use super::lexicon;
use super::mentions::Casing;
use super::model::{
    Analysis, EntityId, Gender, Mention, MentionId, MentionKind, QuoteKind, Rule, Span, Style,
};
use super::text::Prose;
use super::tokens::{Kind, Tokens};
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// Rules that read a cue next to the quote: the speaker they give is explicit.
pub fn explicit(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::TrailingCue
            | Rule::LeadingCue
            | Rule::AccordingTo
            | Rule::SpeakerLabel
            | Rule::InterruptedQuote
            | Rule::SentenceCue
            | Rule::AdjacentCue
    )
}

/// Cues that say the same person goes on speaking: `"...," he added`.
pub fn continues_speaker(lemma: &str) -> bool {
    matches!(
        lemma,
        "add" | "continue" | "go on" | "resume" | "repeat" | "persist" | "insist" | "conclude"
    )
}

/// One paragraph's quotes: a turn in a conversation.
struct Turn {
    paragraph: usize,
    quotes: Vec<usize>,
    /// Filled in by the walk: who spoke, and every name the turn addresses (key, as written).
    speaker: Option<EntityId>,
    vocatives: Vec<(String, Span)>,
}

/// The speech quotes of each paragraph that has any, in text order.
fn turns(analysis: &Analysis) -> Vec<Turn> {
    let mut out: Vec<Turn> = Vec::new();
    for (i, q) in analysis.quotes.iter().enumerate() {
        if q.depth > 0 || q.kind != QuoteKind::Speech {
            continue;
        }
        match out.last_mut() {
            Some(t) if t.paragraph == q.paragraph => t.quotes.push(i),
            _ => out.push(Turn {
                paragraph: q.paragraph,
                quotes: vec![i],
                speaker: None,
                vocatives: Vec::new(),
            }),
        }
    }
    out
}

/// The one explicit speaker of a turn, if its explicit quotes agree.
fn explicit_speaker(analysis: &Analysis, turn: &Turn) -> Option<EntityId> {
    let mut found = None;
    for &q in &turn.quotes {
        let q = &analysis.quotes[q];
        if explicit(q.rule)
            && let Some(e) = q.speaker
        {
            if found.is_some_and(|f| f != e) {
                return None;
            }
            found = Some(e);
        }
    }
    found
}

/// A speech quote as the dialogue-or-news test reads it: its paragraph, its words, and the
/// speaker its own cue names (`None` without an explicit cue). The speaker is any key equal
/// for equal speakers: an entity once speakers are resolved, the cue's subject before.
pub struct SpokenQuote<K> {
    pub paragraph: usize,
    pub content: Span,
    pub explicit: Option<K>,
}

/// Dialogue or news? In dialogue (fiction, interviews) people talk to each other: many quotes
/// say "you", many ask questions, and adjacent paragraphs whose cues name their speakers
/// change speaker more often than not. News quotes address readers, and a quote-only
/// paragraph continues its source. `quotes` are the top-level speech quotes in text order.
pub fn is_dialogue<K: PartialEq>(text: &str, quotes: &[SpokenQuote<K>]) -> bool {
    let (mut you, mut questions) = (0usize, 0usize);
    for q in quotes {
        let content = q.content.text(text);
        you += usize::from(
            content
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w.eq_ignore_ascii_case("you")),
        );
        questions += usize::from(content.trim_end().ends_with('?'));
    }
    let addressed = you * 5 >= quotes.len() && questions * 12 >= quotes.len();
    // Each paragraph's one explicit speaker: `Some(None)` when its cues disagree.
    let mut turns: Vec<(usize, Option<Option<&K>>)> = Vec::new();
    for q in quotes {
        match (turns.last_mut(), q.explicit.as_ref()) {
            (Some((p, speaker)), this) if *p == q.paragraph => match (*speaker, this) {
                (None, Some(b)) => *speaker = Some(Some(b)),
                (Some(Some(a)), Some(b)) if a != b => *speaker = Some(None),
                _ => {}
            },
            (_, this) => turns.push((q.paragraph, this.map(Some))),
        }
    }
    let (mut changes, mut same) = (0usize, 0usize);
    for w in turns.windows(2) {
        let ((p0, a), (p1, b)) = (w[0], w[1]);
        if p1 != p0 + 1 {
            continue;
        }
        if let (Some(Some(a)), Some(Some(b))) = (a, b) {
            if a == b {
                same += 1;
            } else {
                changes += 1;
            }
        }
    }
    tracing::trace!(
        changes,
        same,
        turns = turns.len(),
        quotes = quotes.len(),
        you,
        questions,
        "dialogue or news"
    );
    addressed && changes >= 3 && changes > same
}

/// Entity names as they can be written inside a quote, lowercased ("emma", "mr knightley"),
/// each to the entity most often called that.
fn name_table(analysis: &Analysis, text: &str) -> FxHashMap<String, EntityId> {
    let mut counts: FxHashMap<String, FxHashMap<EntityId, usize>> = FxHashMap::default();
    for m in &analysis.mentions {
        let (Some(e), MentionKind::Name) = (m.entity, m.kind) else {
            continue;
        };
        if analysis.entities[e].is_org {
            continue;
        }
        // The name and the whole mention, most often the same words: keyed once then.
        let name = name_key(m.name.text(text));
        let whole = if m.span == m.name {
            name.clone()
        } else {
            name_key(m.span.text(text))
        };
        for key in [name, whole] {
            if !key.is_empty() {
                *counts.entry(key).or_default().entry(e).or_default() += 1;
            }
        }
    }
    // "Mara, who's this?" addresses Mara Ellison even if the text never writes "Mara" alone:
    // a full name's given name is a key too, when it is nobody else's and no other key.
    let mut given: FxHashMap<String, Option<EntityId>> = FxHashMap::default();
    for (key, by) in &counts {
        let mut words = key.split(' ');
        let (Some(first), Some(_)) = (words.next(), words.next()) else {
            continue;
        };
        for &e in by.keys() {
            let slot = given.entry(first.to_string()).or_insert(Some(e));
            if *slot != Some(e) {
                *slot = None;
            }
        }
    }
    let mut table: FxHashMap<String, EntityId> = counts
        .into_iter()
        .filter_map(|(k, by)| {
            by.into_iter()
                .max_by_key(|&(e, n)| (n, std::cmp::Reverse(e)))
                .map(|(e, _)| (k, e))
        })
        .collect();
    for (first, e) in given {
        if let Some(e) = e {
            table.entry(first).or_insert(e);
        }
    }
    table
}

/// Lowercase words of a name without dots, possessives or a leading "the".
fn name_key(name: &str) -> String {
    // Written into one string: a novel's names are keyed by the ten thousand.
    let mut key = String::with_capacity(name.len());
    let words = name
        .split(|c: char| c.is_whitespace() || c == '.')
        .filter(|w| !w.is_empty());
    for (i, w) in words.enumerate() {
        if i > 0 {
            key.push(' ');
        }
        let w = super::strip_possessive(w);
        if w.is_ascii() {
            key.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            key.push_str(&w.to_lowercase());
        }
    }
    // (No word holds a space: "the " is the first word.)
    if key == "the" {
        key.clear();
    } else if key.starts_with("the ") {
        key.replace_range(..4, "");
    }
    key
}

/// People addressed by name in a quote: `"Come here, Emma."`, `"Mr. Knightley, you ..."`,
/// `"Oh, Harriet!"`. A capitalised name set off by the quote's edge or punctuation on both
/// sides. Those in the table of names the narration uses go to `out`; every such name, known
/// or not, to `raw` as (key, as written).
fn vocatives(
    tokens: &Tokens,
    content: Span,
    names: &FxHashMap<String, EntityId>,
    out: &mut Vec<EntityId>,
    raw: &mut Vec<(String, Span)>,
    named: &mut Vec<EntityId>,
) {
    let first = tokens.at_or_after(content.start);
    let last = tokens.at_or_after(content.end);
    let mut i = first;
    while i < last {
        let t = tokens.list[i];
        if t.kind != Kind::Word || !t.capitalized {
            i += 1;
            continue;
        }
        // The run of capitalised words (and an honorific's dot).
        let mut j = i + 1;
        while j < last
            && ((tokens.list[j].kind == Kind::Word && tokens.list[j].capitalized)
                || (tokens.is_punct(j, '.')
                    && lexicon::honorific(tokens.raw_lower(j - 1)).is_some()))
        {
            j += 1;
        }
        let left_ok = i == first
            || tokens.list[i - 1].kind == Kind::Mark
            || tokens.is_punct(i - 1, ',')
            || tokens.is_punct(i - 1, '!')
            || matches!(tokens.raw_lower(i - 1), "dear" | "oh" | "o" | "dearest");
        let right_ok = j >= last
            || tokens.list[j].kind == Kind::Mark
            || [',', '.', '!', '?', ';', '\u{2014}', '-']
                .iter()
                .any(|&c| tokens.is_punct(j, c));
        let whole = Span::new(t.span().start, tokens.list[j - 1].span().end);
        if let Some(&e) = names.get(&name_key(whole.text(tokens.text)))
            && !named.contains(&e)
        {
            named.push(e);
        }
        // A name asked back as the whole quote ("Alfred Inglethorp?") is the question's
        // topic, not whom it addresses.
        let echo = i == first && j < last && (j..last).all(|k| tokens.is_punct(k, '?'));
        if left_ok && right_ok && !echo {
            let span = Span::new(t.span().start, tokens.list[j - 1].span().end);
            let key = name_key(span.text(tokens.text));
            if let Some(&e) = names.get(&key)
                && !out.contains(&e)
            {
                out.push(e);
            }
            raw.push((key, span));
        }
        i = j;
    }
}

/// The narration sentence of token `i` says, from `i` on, that its subject kept silent
/// (`Helen was silent.`, `Darcy made no answer.`): a beat of someone not speaking.
fn says_silent(tokens: &Tokens, i: usize) -> bool {
    let sentence = tokens.sentence(i);
    // Words from `i` to the sentence's end, within a bound (a beat is short), read as a
    // sliding window of three: no list is built on this per-keystroke path.
    let mut words = (i..tokens.len().min(i + 24))
        .take_while(|&k| tokens.sentence(k) == sentence && !tokens.list[k].quoted)
        .filter(|&k| tokens.is_word(k))
        .map(|k| tokens.raw_lower(k))
        .chain(["", ""]);
    let (Some(mut a), Some(mut b)) = (words.next(), words.next()) else {
        return false;
    };
    for c in words {
        if !a.is_empty() && lexicon::says_silent([a, b, c]) {
            return true;
        }
        (a, b) = (b, c);
    }
    false
}

/// Token `i` follows the comma closing a subordinate clause that opens its sentence: the
/// main clause's subject (`When Tom came in, Ann rose.`).
fn after_fronted_clause(tokens: &Tokens, i: usize) -> bool {
    if i < 2 || !tokens.is_punct(i - 1, ',') {
        return false;
    }
    let sentence = tokens.sentence(i);
    // Back to the sentence's first token, within a bound, past no other comma.
    let mut k = i - 2;
    while k > 0 && i - k < 20 && !tokens.opens_sentence(k) {
        if tokens.is_punct(k, ',') || tokens.list[k].quoted {
            return false;
        }
        k -= 1;
    }
    tokens.opens_sentence(k)
        && tokens.sentence(k) == sentence
        && matches!(
            tokens.raw_lower(k),
            "while"
                | "whilst"
                | "as"
                | "when"
                | "after"
                | "before"
                | "though"
                | "although"
                | "since"
                | "once"
                | "until"
                | "till"
                | "if"
        )
}

/// The character whose action opens a sentence of the paragraph's narration: `Ann put down
/// her cup. "No."` / `"No." She turned away.` A name or he/she, of a person. Of several, the
/// last before the quote at `quote`: the sentence that leads into the words is about who
/// says them (`Tom led them in. Ann sat down. "No."`); else the first after it.
fn action_beat(
    analysis: &Analysis,
    prose: &Prose,
    tokens: &Tokens,
    paragraph: usize,
    quote: usize,
) -> Option<(MentionId, EntityId)> {
    let para = prose.paragraphs[paragraph];
    let from = analysis
        .mentions
        .partition_point(|m| m.span.start < para.start);
    let mut found = None;
    for (k, m) in analysis.mentions[from..]
        .iter()
        .enumerate()
        .take_while(|(_, m)| m.span.start < para.end)
    {
        let Some(e) = m.entity else { continue };
        let person = !analysis.entities[e].is_org
            && matches!(m.kind, MentionKind::Name | MentionKind::Pronoun)
            && (m.kind == MentionKind::Name || matches!(m.gender, Gender::Male | Gender::Female));
        if !person {
            continue;
        }
        let i = tokens.at_or_after(m.span.start);
        let subject_form =
            m.kind == MentionKind::Name || lexicon::subject_pronoun(tokens.raw_lower(i)).is_some();
        let opens = tokens.opens_sentence(i)
            || tokens.list[i - 1].kind == Kind::Mark
            || (subject_form && after_fronted_clause(tokens, i));
        if !opens || says_silent(tokens, i) {
            continue;
        }
        let before_quote = m.span.start < quote;
        if found.is_some() && !before_quote {
            break;
        }
        found = Some((from + k, e));
        if !before_quote {
            break;
        }
    }
    found
}

/// The person of gender `g` (any, for `Unknown`) last named as the subject of a sentence of the narration before
/// `before` in the paragraph: who "she said" after `Ann sat down by the fire.` means. The
/// subject is the sentence's first person named or called he/she in the narration (`After a
/// while Ann rose`), and counts when it is a name or a description. `of_speaker`: whom the
/// narration shows about to speak, so a subject said to keep silent does not count.
fn narration_subject(
    analysis: &Analysis,
    prose: &Prose,
    tokens: &Tokens,
    paragraph: usize,
    before: usize,
    g: Gender,
    of_speaker: bool,
) -> Option<EntityId> {
    let para = prose.paragraphs[paragraph];
    let from = analysis
        .mentions
        .partition_point(|m| m.span.start < para.start);
    let upto = analysis.mentions.partition_point(|m| m.span.start < before);
    let mut found = None;
    let mut sentence = None;
    for m in &analysis.mentions[from..upto.max(from)] {
        let Some(e) = m.entity else { continue };
        let entity = &analysis.entities[e];
        let i = tokens.at_or_after(m.span.start);
        let Some(t) = tokens.list.get(i) else {
            continue;
        };
        if entity.is_org || t.quoted || sentence == Some(tokens.sentence(i)) {
            continue;
        }
        sentence = Some(tokens.sentence(i));
        if of_speaker && says_silent(tokens, i) {
            found = None;
            continue;
        }
        let named = matches!(m.kind, MentionKind::Name | MentionKind::Description);
        let gender_fits = g == Gender::Unknown || m.gender == g || entity.gender == g;
        if named && gender_fits {
            found = Some(e);
        }
    }
    found
}

/// Who "he said" / "she said" of a quote at `at` (paragraph, byte) means by the narration
/// before it: the subject of the paragraph's narration before the quote, or, for the turn's
/// first quote opening its paragraph, of the narration paragraph just before
/// (`Marilla stared.` / `"No!" she said.`). `turn_paragraphs` are the paragraphs with speech,
/// sorted.
fn subject_before_quote(
    analysis: &Analysis,
    prose: &Prose,
    tokens: &Tokens,
    at: (usize, usize),
    opens_turn: bool,
    turn_paragraphs: &[usize],
    g: Gender,
) -> Option<EntityId> {
    let (paragraph, start) = at;
    if !matches!(g, Gender::Male | Gender::Female) {
        return None;
    }
    narration_subject(analysis, prose, tokens, paragraph, start, g, false).or_else(|| {
        let previous = paragraph.checked_sub(1)?;
        let opens_paragraph = prose.paragraphs[paragraph].start + 2 >= start;
        let narration = turn_paragraphs.binary_search(&previous).is_err();
        (opens_turn && opens_paragraph && narration)
            .then(|| {
                let end = prose.paragraphs[previous].end;
                narration_subject(analysis, prose, tokens, previous, end, g, false)
            })
            .flatten()
    })
}

/// The gender of a turn's "he" or "she" cue that the sieve read but could not resolve: a quote
/// with a cue of its own paragraph (a part of a longer speech shares its first part's cue) and
/// a pronoun source but no speaker.
fn unresolved_pronoun_cue(analysis: &Analysis, prose: &Prose, turn: &Turn) -> Option<Gender> {
    let para = prose.paragraphs[turn.paragraph];
    turn.quotes.iter().find_map(|&q| {
        let q = &analysis.quotes[q];
        let own_cue = q
            .cue
            .is_some_and(|c| para.start <= c.start && c.end <= para.end);
        if q.speaker.is_some() || !own_cue {
            return None;
        }
        let source = q.source?.text(&prose.text).to_lowercase();
        lexicon::subject_pronoun(&source).filter(|g| matches!(g, Gender::Male | Gender::Female))
    })
}

/// How far back the narration is searched for the other person of a conversation.
const SCENE_BYTES: usize = 1500;

/// The person most recently named (or called he/she) in the narration shortly before a
/// paragraph, other than `speaker` and the narrator: who a first cue-less reply comes from.
fn other_on_scene(
    analysis: &Analysis,
    prose: &Prose,
    paragraph: usize,
    speaker: EntityId,
    narrator: Option<EntityId>,
) -> Option<(MentionId, EntityId)> {
    latest_on_scene(analysis, prose, paragraph, |m, e| {
        !analysis.entities[e].is_org
            && (m.kind == MentionKind::Name
                || (m.kind == MentionKind::Pronoun
                    && matches!(m.gender, Gender::Male | Gender::Female)))
            && e != speaker
            && Some(e) != narrator
    })
}

/// The person of gender `g` most recently named or called he/she shortly before a paragraph,
/// other than the narrator and those `excluded`.
fn person_of_gender_on_scene(
    analysis: &Analysis,
    prose: &Prose,
    paragraph: usize,
    g: Gender,
    narrator: Option<EntityId>,
    excluded: &[EntityId],
) -> Option<(MentionId, EntityId)> {
    latest_on_scene(analysis, prose, paragraph, |m, e| {
        let entity = &analysis.entities[e];
        !entity.is_org
            && entity.gender == g
            && Some(e) != narrator
            && !excluded.contains(&e)
            && matches!(m.kind, MentionKind::Name | MentionKind::Pronoun)
    })
}

/// The latest mention within `SCENE_BYTES` before a paragraph whose entity `fits`.
fn latest_on_scene(
    analysis: &Analysis,
    prose: &Prose,
    paragraph: usize,
    fits: impl Fn(&Mention, EntityId) -> bool,
) -> Option<(MentionId, EntityId)> {
    let start = prose.paragraphs[paragraph].start;
    let upto = analysis.mentions.partition_point(|m| m.span.start < start);
    analysis.mentions[..upto]
        .iter()
        .enumerate()
        .rev()
        .take_while(|(_, m)| m.span.start + SCENE_BYTES >= start)
        .find_map(|(k, m)| {
            let e = m.entity?;
            fits(m, e).then_some((k, e))
        })
}

/// A paragraph of no words in lower case ("* * *", "CHAPTER IV"): a scene or chapter break,
/// after which a conversation starts afresh however short the gap.
fn is_scene_break(paragraph: &str) -> bool {
    !paragraph.trim().is_empty() && !paragraph.chars().any(char::is_lowercase)
}

/// What the walk decided for one quote.
struct Decision {
    speaker: Option<EntityId>,
    mention: Option<MentionId>,
    rule: Rule,
    confidence: f32,
}

/// Run the conversation pass over an analysis whose quotes the sieve has attributed, in the
/// given style (`Auto`: whichever the text reads as); returns the style it read the text in.
pub fn converse(
    prose: &Prose,
    tokens: &Tokens,
    casing: &Casing,
    style: Style,
    analysis: &mut Analysis,
) -> Style {
    let mut turns = turns(analysis);
    let dialogue = match style {
        Style::News => false,
        Style::Fiction => true,
        Style::Auto => {
            let spoken: Vec<SpokenQuote<EntityId>> = turns
                .iter()
                .flat_map(|t| &t.quotes)
                .map(|&q| {
                    let q = &analysis.quotes[q];
                    SpokenQuote {
                        paragraph: q.paragraph,
                        content: q.content,
                        explicit: q.speaker.filter(|_| explicit(q.rule)),
                    }
                })
                .collect();
            !turns.is_empty() && is_dialogue(tokens.text, &spoken)
        }
    };
    let read_as = if dialogue {
        Style::Fiction
    } else {
        Style::News
    };
    if turns.is_empty() {
        return read_as;
    }
    let narrator = analysis
        .entities
        .iter()
        .position(|e| e.name == super::entities::NARRATOR);
    let names = name_table(analysis, tokens.text);
    let cue_lemma: HashMap<usize, &str> = analysis
        .cues
        .iter()
        .map(|c| (c.span.start, c.lemma.as_str()))
        .collect();

    let mut decisions: Vec<(usize, Decision)> = Vec::new();
    let mut moved: Vec<(MentionId, EntityId)> = Vec::new();
    // Conversation state: the speakers of the last two turns, who was addressed last.
    let mut last: Option<EntityId> = None;
    let mut before: Option<EntityId> = None;
    let mut addressee: Option<EntityId> = None;
    let mut prev_paragraph: Option<usize> = None;
    let mut addressed: Vec<EntityId> = Vec::new();
    // Everyone a turn names, as vocative or not: nobody speaks of themselves by name.
    let mut named: Vec<EntityId> = Vec::new();
    let mut outcome = Vec::with_capacity(turns.len());
    // Per turn: taken by alternation; spoken under an explicit cue.
    let mut taken = Vec::with_capacity(turns.len());
    let mut anchored = Vec::with_capacity(turns.len());
    let turn_paragraphs: Vec<usize> = turns.iter().map(|t| t.paragraph).collect();
    for turn in &turns {
        // A long stretch of narration ends the conversation.
        if let Some(p) = prev_paragraph {
            let gap: usize = (p + 1..turn.paragraph)
                .map(|k| prose.paragraphs[k].len())
                .sum();
            let scene_break = (p + 1..turn.paragraph)
                .any(|k| is_scene_break(prose.paragraphs[k].text(&prose.text)));
            if turn.paragraph - p > 3 || gap > 1200 || scene_break {
                last = None;
                before = None;
                addressee = None;
            }
        }
        let continued = turn
            .quotes
            .first()
            .is_some_and(|&q| analysis.quotes[q].utterance != q);
        addressed.clear();
        named.clear();
        let mut raw = Vec::new();
        for &q in &turn.quotes {
            vocatives(
                tokens,
                analysis.quotes[q].content,
                &names,
                &mut addressed,
                &mut raw,
                &mut named,
            );
        }
        let gender_of = |e: EntityId| analysis.entities[e].gender;
        // Only "I" means the narrator.
        let fits = |e: EntityId, g: Gender| {
            let eg = gender_of(e);
            Some(e) != narrator && (g == Gender::Unknown || eg == Gender::Unknown || eg == g)
        };

        let mut speaker = explicit_speaker(analysis, turn);
        // `"...," cried he.` whose "he" found nobody (the conversation has not named its
        // people for many paragraphs): the speaker is still a man.
        let cue_gender = speaker
            .is_none()
            .then(|| unresolved_pronoun_cue(analysis, prose, turn))
            .flatten();
        let pronoun_cued = cue_gender.is_some();
        let mut rule = None;
        let mut mention = None;
        if let Some(e) = speaker {
            // "he said" in a new paragraph of a conversation: the other participant.
            let first_explicit = turn
                .quotes
                .iter()
                .copied()
                .find(|&q| explicit(analysis.quotes[q].rule));
            let q = first_explicit.map(|q| &analysis.quotes[q]);
            // "I said" in the narration is the narrator, whoever's turn it seems to be: only
            // "he"/"she" or a description can mean the other participant.
            if let Some(q) = q
                && dialogue
                && let Some(m) = q.mention
                && matches!(
                    analysis.mentions[m].kind,
                    MentionKind::Pronoun | MentionKind::Description
                )
                && Some(e) != narrator
            {
                let g = analysis.mentions[m].gender;
                let lemma = q.cue.and_then(|c| cue_lemma.get(&c.start).copied());
                let keeps = lemma.is_some_and(continues_speaker);
                let other = before.filter(|&b| Some(b) != last && fits(b, g));
                // "the old man said" in a conversation of two is one of the two: a
                // description that resolved outside the pair ("her mother" made a person of
                // its own) is the participant whose turn it is.
                // "said the croupier" that made a person of its own is someone new, not
                // whoever's turn it was.
                let new_trade = analysis.mentions[m].kind == MentionKind::Description
                    && described_only(analysis, e)
                    && is_trade(analysis.mentions[m].span.text(tokens.text));
                let outsider = analysis.mentions[m].kind == MentionKind::Description
                    && Some(e) != before
                    && !new_trade;
                // "said the surgeon" that found the named man known as a surgeon (or "Dr.")
                // names him whatever the count of turns says: three can take part.
                let by_role = analysis.mentions[m].kind == MentionKind::Description
                    && name_mentions(analysis, e) > 0
                    && super::entities::description_fits_role(
                        analysis.mentions[m].span.text(tokens.text),
                        &analysis.entities[e],
                    );
                let wrong = !by_role && (Some(e) == last || named.contains(&e) || outsider);
                // The one the previous turn called by name answers: `"... Dick." / "I hope
                // so," replied the child.`, `"... Edna?" he asked. / "No," she said.` (a
                // pronoun only when it says the addressee's sex).
                let answers = addressee.filter(|&a| {
                    let kind = analysis.mentions[m].kind;
                    (kind == MentionKind::Description
                        || (kind == MentionKind::Pronoun
                            && matches!(g, Gender::Male | Gender::Female)
                            && gender_of(a) == g))
                        && a != e
                        && Some(a) != last
                        && fits(a, g)
                        && !addressed.contains(&a)
                });
                // "she said" after narration whose sentence begins with a woman: her.
                let subject = (analysis.mentions[m].kind == MentionKind::Pronoun)
                    .then(|| {
                        let opens_turn = turn.quotes.first() == first_explicit.as_ref();
                        subject_before_quote(
                            analysis,
                            prose,
                            tokens,
                            (turn.paragraph, q.span.start),
                            opens_turn,
                            &turn_paragraphs,
                            g,
                        )
                    })
                    .flatten()
                    .filter(|s| !addressed.contains(s));
                if let Some(s) = subject {
                    // The narration says who it is, even when that is the last speaker.
                    if s != e {
                        moved.push((m, s));
                        speaker = Some(s);
                    }
                } else if !keeps && let Some(a) = answers {
                    moved.push((m, a));
                    speaker = Some(a);
                } else if !keeps
                    && wrong
                    && let Some(o) = other
                    && !addressed.contains(&o)
                {
                    moved.push((m, o));
                    speaker = Some(o);
                } else if analysis.mentions[m].kind == MentionKind::Pronoun
                    && named.contains(&e)
                    && let Some((_, o)) = person_of_gender_on_scene(
                        analysis,
                        prose,
                        turn.paragraph,
                        g,
                        narrator,
                        &named,
                    )
                {
                    // `"Thank you, Mr. Gray," he said.` is not Mr. Gray: the latest other
                    // man on the scene, when the conversation gives nobody else.
                    moved.push((m, o));
                    speaker = Some(o);
                } else if !keeps
                    && !new_trade
                    && analysis.mentions[m].kind == MentionKind::Description
                    && described_only(analysis, e)
                    && !indefinite(analysis.mentions[m].span.text(tokens.text))
                    && matches!(g, Gender::Male | Gender::Female)
                    && let Some((_, o)) = person_of_gender_on_scene(
                        analysis,
                        prose,
                        turn.paragraph,
                        g,
                        narrator,
                        &[&named[..], &last.into_iter().collect::<Vec<_>>()].concat(),
                    )
                {
                    // "said the woman" / "said her mother" that found nobody the text names: the
                    // latest other woman on the scene.
                    moved.push((m, o));
                    speaker = Some(o);
                }
            }
        } else if continued {
            // The rest of a multi-paragraph speech keeps its speaker.
            speaker = analysis.quotes[turn.quotes[0]].speaker;
        } else if dialogue {
            let first = analysis.quotes[turn.quotes[0]].span.start;
            let fits_cue = |e: EntityId| cue_gender.is_none_or(|g| fits(e, g));
            let beat = action_beat(analysis, prose, tokens, turn.paragraph, first)
                .filter(|&(_, e)| !addressed.contains(&e))
                .map(|(m, e)| {
                    // `She turned away. "No."` says a woman speaks; when the other
                    // participant, whose turn it is, is a woman, "she" is most likely her.
                    let mention = &analysis.mentions[m];
                    let g = mention.gender;
                    let whose_turn = before.filter(|&b| {
                        mention.kind == MentionKind::Pronoun
                            && b != e
                            && Some(b) != last
                            && gender_of(b) == g
                            && !addressed.contains(&b)
                    });
                    (m, whose_turn.unwrap_or(e))
                });
            // A cue-less turn right after a paragraph of narration is the person that
            // narration is about: `Roderick crossed to the window.` / `"It will rain."`
            let previous_subject = turn
                .paragraph
                .checked_sub(1)
                .filter(|p| turn_paragraphs.binary_search(p).is_err())
                .and_then(|p| {
                    let end = prose.paragraphs[p].end;
                    narration_subject(analysis, prose, tokens, p, end, Gender::Unknown, true)
                })
                .filter(|&e| Some(e) != narrator);
            let candidates = [
                beat.map(|(m, e)| (Some(m), e, Rule::ActionBeat)),
                previous_subject.map(|e| (None, e, Rule::ActionBeat)),
                addressee
                    .filter(|&a| Some(a) != last)
                    .map(|a| (None, a, Rule::Addressee)),
                before
                    .filter(|&b| Some(b) != last)
                    .map(|b| (None, b, Rule::TurnTaking)),
                // A turn that calls the one whose turn it would be by name is the last
                // speaker going on: "Ilse, can you climb?" after Caspar spoke.
                last.filter(|_| before.is_some_and(|b| addressed.contains(&b)))
                    .map(|l| (None, l, Rule::TurnTaking)),
                // The first reply of a conversation: the other person on the scene.
                last.filter(|_| before.is_none_or(|b| described_only(analysis, b)))
                    .and_then(|l| other_on_scene(analysis, prose, turn.paragraph, l, narrator))
                    .map(|(m, e)| (Some(m), e, Rule::TurnTaking)),
                // A pronoun cue of the last speaker's gender, not the other's: the count of
                // turns went wrong, or the last speaker goes on.
                last.filter(|_| pronoun_cued)
                    .map(|l| (None, l, Rule::TurnTaking)),
                // Neither participant is of the cue's gender: the latest person of it on the
                // scene.
                cue_gender
                    .and_then(|g| {
                        person_of_gender_on_scene(analysis, prose, turn.paragraph, g, narrator, &[])
                    })
                    .map(|(m, e)| (Some(m), e, Rule::TurnTaking)),
            ];
            if let Some((m, e, r)) = candidates.into_iter().flatten().find(|&(_, e, _)| {
                !addressed.contains(&e)
                    && !named.contains(&e)
                    && fits_cue(e)
                    && !described_only(analysis, e)
            }) {
                // The beat's "she" now means whom the turn went to.
                if let Some(m) = m
                    && analysis.mentions[m].entity != Some(e)
                {
                    moved.push((m, e));
                }
                speaker = Some(e);
                mention = m;
                rule = Some(r);
            } else {
                speaker = None;
                rule = Some(Rule::None);
            }
        }

        // Every quote of the turn without its own explicit cue takes the turn's speaker.
        for &q in &turn.quotes {
            let quote = &analysis.quotes[q];
            if explicit(quote.rule) && quote.speaker.is_some() {
                continue;
            }
            if continued && rule.is_none() {
                continue; // multi-paragraph parts keep what the sieve shared
            }
            let r = match rule {
                Some(r) => r,
                None if speaker.is_some() && dialogue => Rule::SameParagraph,
                None => continue,
            };
            let kind = mention.map_or(MentionKind::Name, |m| analysis.mentions[m].kind);
            decisions.push((
                q,
                Decision {
                    speaker: speaker.filter(|_| r != Rule::None),
                    mention,
                    rule: r,
                    confidence: if r == Rule::None {
                        0.0
                    } else {
                        super::attribution::base_confidence(r, kind)
                    },
                },
            ));
        }

        prev_paragraph = Some(turn.paragraph);
        outcome.push((speaker, raw));
        // A turn whose pronoun cue fixed the gender is no mere alternation to count again.
        taken.push(rule == Some(Rule::TurnTaking) && !pronoun_cued);
        // Narration before the explicit quote may hand the word back to the speaker before,
        // so only a turn that opens with its quote anchors the alternation.
        let opens_with_quote = prose.text
            [prose.paragraphs[turn.paragraph].start..analysis.quotes[turn.quotes[0]].span.start]
            .trim()
            .is_empty();
        anchored.push(
            rule.is_none()
                && !continued
                && opens_with_quote
                && explicit_speaker(analysis, turn).is_some(),
        );
        // The state holds the last two different speakers: a speaker who goes on in a second
        // paragraph leaves the other participant where they were.
        if speaker.is_none() || speaker != last {
            before = last;
        }
        last = speaker;
        addressee = addressed.iter().copied().find(|&a| Some(a) != speaker);
    }

    let speakers: Vec<Option<EntityId>> = outcome.iter().map(|o| o.0).collect();
    for (t, e) in realign(&turns, &speakers, &taken, &anchored) {
        outcome[t].0 = Some(e);
        for &q in &turns[t].quotes {
            // Decisions are in quote order.
            if let Ok(k) = decisions.binary_search_by_key(&q, |(dq, _)| *dq) {
                decisions[k].1.speaker = Some(e);
                decisions[k].1.mention = None;
            }
        }
    }
    for (turn, (speaker, vocatives)) in turns.iter_mut().zip(outcome) {
        turn.speaker = speaker;
        turn.vocatives = vocatives;
    }
    for (m, e) in moved {
        analysis.mentions[m].entity = Some(e);
    }
    for (q, d) in decisions {
        let quote = &mut analysis.quotes[q];
        quote.speaker = d.speaker;
        quote.mention = d.mention;
        quote.rule = d.rule;
        quote.confidence = d.confidence;
        if !explicit(d.rule) {
            quote.cue = None;
        }
    }
    name_narrator(analysis, narrator, tokens.text, casing, &turns, &names);
    // Explicit quotes whose pronoun moved follow their mention.
    for q in analysis.quotes.iter_mut() {
        if let Some(m) = q.mention
            && q.speaker.is_some()
        {
            q.speaker = analysis.mentions[m].entity;
        }
    }
    for e in analysis.entities.iter_mut() {
        e.mentions.clear();
    }
    for (i, m) in analysis.mentions.iter().enumerate() {
        if let Some(e) = m.entity {
            analysis.entities[e].mentions.push(i);
        }
    }
    // A turn taken without a cue of its own points at the speaker's latest mention before it,
    // so every attributed quote has a mention of its speaker (hovers and go-to use it).
    for q in analysis.quotes.iter_mut() {
        if q.mention.is_some() {
            continue;
        }
        let Some(e) = q.speaker else { continue };
        let ms = &analysis.entities[e].mentions;
        let before = ms.partition_point(|&m| analysis.mentions[m].span.start < q.span.start);
        q.mention = ms.get(before.saturating_sub(1)).copied();
        if q.mention.is_none() {
            q.speaker = None;
        }
    }
    read_as
}

/// Alternation read backwards. A run of cue-less turns taken by alternation from the turns
/// before it must also alternate into the explicit turn after it; when the run's last turn
/// has the same speaker as that explicit turn, a turn was miscounted somewhere. The turns
/// nearer the explicit turn than the run's start are then counted back from it. Returns
/// (turn, speaker) to change.
fn realign(
    turns: &[Turn],
    speakers: &[Option<EntityId>],
    taken: &[bool],
    anchored: &[bool],
) -> Vec<(usize, EntityId)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < turns.len() {
        if !taken[i] {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while i < turns.len() && taken[i] && turns[i].paragraph == turns[i - 1].paragraph + 1 {
            i += 1;
        }
        let end = i; // the turn after the run
        if end >= turns.len()
            || !anchored[end]
            || turns[end].paragraph != turns[end - 1].paragraph + 1
        {
            continue;
        }
        let (Some(x), Some(last)) = (speakers[end], speakers[end - 1]) else {
            continue;
        };
        if last != x {
            continue;
        }
        // The other participant: the latest speaker before the anchor who is not `x`.
        let Some(y) = (start.saturating_sub(1)..end)
            .rev()
            .filter_map(|t| speakers[t])
            .find(|&e| e != x)
        else {
            continue;
        };
        for t in start..end {
            let (back, forward) = (end - t, t - start + 1);
            if back <= forward {
                out.push((t, if back % 2 == 1 { y } else { x }));
            }
        }
    }
    out
}

/// A first-person narrator ("I said") is named by what the others call them: the name most
/// often addressed in the turns next to the narrator's own, in two-person exchanges
/// (`"Well, Watson?"` answering the narrator). Unnamed narrators keep their placeholder.
fn name_narrator(
    analysis: &mut Analysis,
    narrator: Option<EntityId>,
    text: &str,
    casing: &Casing,
    turns: &[Turn],
    names: &FxHashMap<String, EntityId>,
) {
    let Some(narrator) = narrator else {
        return;
    };
    let mut votes: HashMap<&str, (usize, Span)> = HashMap::new();
    for (t, turn) in turns.iter().enumerate() {
        if turn.speaker != Some(narrator) {
            continue;
        }
        let neighbours = [t.checked_sub(1), Some(t + 1)];
        for n in neighbours.into_iter().flatten() {
            let Some(other) = turns.get(n) else { continue };
            let adjacent = other.paragraph.abs_diff(turn.paragraph) == 1;
            if !adjacent || other.speaker == Some(narrator) {
                continue;
            }
            for (key, span) in &other.vocatives {
                // Another known character, or a bare title ("Sir"), is not the narrator. A
                // name the narration hardly uses may still be the narrator's own (a stray
                // "Alexis Ivanovitch!" in the narration made an entity of it).
                let known = names
                    .get(key)
                    .is_some_and(|&e| e != narrator && name_mentions(analysis, e) > 2);
                let title_only = key
                    .split(' ')
                    .all(|w| lexicon::honorific(w).is_some() || lexicon::is_title_word(w));
                // "Exactly, sir": a word capitalised only by its place is no name.
                let word = key.split(' ').any(|w| casing.is_common_word(w));
                if !known && !title_only && !word && !lexicon::is_not_name(key) {
                    let v = votes.entry(key.as_str()).or_insert((0, *span));
                    v.0 += 1;
                }
            }
        }
    }
    if tracing::enabled!(tracing::Level::TRACE) {
        let mut v: Vec<_> = votes
            .iter()
            .map(|(k, (n, _))| (*n, k.to_string()))
            .collect();
        v.sort();
        tracing::trace!(top = ?&v[v.len().saturating_sub(8)..], "narrator votes");
    }
    if let Some((key, (n, span))) = votes
        .into_iter()
        .max_by_key(|(k, (n, span))| (*n, std::cmp::Reverse(span.start), k.len()))
        && n >= 3
    {
        analysis.entities[narrator].name = span.text(text).to_string();
        // The entity the stray mentions made is the narrator.
        if let Some(&e) = names.get(key)
            && e != narrator
        {
            for m in analysis.mentions.iter_mut() {
                if m.entity == Some(e) {
                    m.entity = Some(narrator);
                }
            }
            for q in analysis.quotes.iter_mut() {
                if q.speaker == Some(e) {
                    q.speaker = Some(narrator);
                }
            }
        }
    }
}

/// "a stranger", "an old gentleman": a description that brings in someone new.
fn indefinite(description: &str) -> bool {
    let first = description.split_whitespace().next().unwrap_or("");
    first.eq_ignore_ascii_case("a") || first.eq_ignore_ascii_case("an")
}

/// "the croupier", "the senior detective": a definite description by what someone does, not
/// by age or sex ("the old man") or kin ("her mother").
fn is_trade(description: &str) -> bool {
    let words: Vec<String> = description
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    words.len() >= 2
        && words.len() <= 3
        && words[0] == "the"
        && words.last().is_some_and(|w| {
            !super::entities::is_age_or_sex_noun(w)
                && crate::analysis::lexicon::role_noun(w)
                    .is_none_or(|(org, g)| !org && g == Gender::Unknown)
        })
}

/// An entity the text only ever describes ("the officials", "his face"), never names.
fn described_only(analysis: &Analysis, e: EntityId) -> bool {
    let kinds = || {
        analysis.entities[e]
            .mentions
            .iter()
            .map(|&m| analysis.mentions[m].kind)
    };
    kinds().all(|k| k != MentionKind::Name) && kinds().any(|k| k == MentionKind::Description)
}

/// How many times the narration names an entity.
fn name_mentions(analysis: &Analysis, e: EntityId) -> usize {
    analysis.entities[e]
        .mentions
        .iter()
        .filter(|&&m| analysis.mentions[m].kind == MentionKind::Name)
        .count()
}

#[cfg(test)]
mod tests {
    use crate::analysis::model::QuoteKind;
    use crate::analysis::{Analysis, Options, Rule, analyze};

    /// (speaker name, rule) of each speech quote.
    fn said(a: &Analysis) -> Vec<(String, Rule)> {
        a.quotes
            .iter()
            .filter(|q| q.depth == 0 && !matches!(q.kind, QuoteKind::Indirect | QuoteKind::Mixed))
            .map(|q| {
                let name = q.speaker.map_or("?".into(), |e| a.entities[e].name.clone());
                (name, q.rule)
            })
            .collect()
    }

    fn run(text: &str) -> Vec<(String, Rule)> {
        said(&analyze(text, &Options::default()))
    }

    /// Three explicit exchanges between Tamsin and Roderick, so the text reads as dialogue.
    const OPENING: &str = "\
Tamsin Vale found Roderick Pym in the orchard.

\"Are you waiting for me?\" asked Tamsin.

\"I was,\" said Roderick. \"Did you bring the letter?\"

\"Do you think I would forget it?\" Tamsin said.

\"You forget everything,\" Roderick said.

";

    #[test]
    fn cue_less_turns_alternate_between_the_two_speakers() {
        let text = format!(
            "{OPENING}\"Not this time. Will you read it now?\"\n\n\"Later. Have you read it yourself?\"\n\n\"Of course I have.\"\n"
        );
        let got = run(&text);
        let tail: Vec<(String, Rule)> = got[got.len() - 3..].to_vec();
        assert_eq!(
            tail,
            vec![
                ("Tamsin Vale".to_string(), Rule::TurnTaking),
                ("Roderick Pym".to_string(), Rule::TurnTaking),
                ("Tamsin Vale".to_string(), Rule::TurnTaking),
            ]
        );
    }

    #[test]
    fn the_person_addressed_by_name_answers_and_never_speaks_their_own_vocative() {
        // Gideon joins; Tamsin calls him by name, and he answers without a cue.
        let text = format!(
            "{OPENING}Gideon Marsh came up the path. \"Do you mind if I sit?\" said Gideon.\n\n\"Sit down, Gideon, and tell me what you saw.\"\n\n\"I saw nobody at all, I swear it.\"\n"
        );
        let got = run(&text);
        let n = got.len();
        // The vocative turn is not Gideon's (it follows his own turn, so it is the other's).
        assert_ne!(got[n - 2].0, "Gideon Marsh");
        assert_eq!(got[n - 1], ("Gideon Marsh".to_string(), Rule::Addressee));
    }

    #[test]
    fn a_name_asked_back_as_the_whole_turn_addresses_nobody() {
        // "Gideon?" asks who is meant: Gideon does not answer it.
        let text = format!(
            "{OPENING}Gideon Marsh came up the path. \"Do you mind if I sit?\" said Gideon.\n\n\
             \"Somebody took the letter from my desk,\" said Tamsin.\n\n\"Gideon?\"\n\n\
             \"Who else would have done it?\"\n"
        );
        let got = run(&text);
        assert_ne!(
            got.last(),
            Some(&("Gideon Marsh".to_string(), Rule::Addressee))
        );
    }

    #[test]
    fn a_turn_calling_the_next_speaker_by_her_first_name_is_the_last_speaker_going_on() {
        // The text never writes "Ilse" alone before the vocative.
        let text = "\
Ilse Marrow and Caspar Doyle waited at the gate.

\"Is the gate locked?\" asked Ilse Marrow.

\"It is,\" said Caspar Doyle. \"Do you have the key?\"

\"Would I be standing here if I had?\" said Ilse Marrow.

\"Then we climb,\" said Caspar Doyle.

\"Ilse, can you climb in that coat?\"
";
        let got = run(text);
        assert_eq!(
            got.last().unwrap(),
            &("Caspar Doyle".to_string(), Rule::TurnTaking)
        );
    }

    #[test]
    fn he_said_in_a_new_paragraph_is_the_other_man() {
        let text = "\
Ambrose Hale and Lucan Frome sat by the fire.

\"Will you stay the night?\" asked Ambrose.

\"I will not,\" said Lucan. \"Do you take me for a fool?\"

\"Are you afraid of the dark?\" Ambrose said.

\"You know I am not,\" Lucan said.

\"Then why do you go?\" he said.

\"Because you ask too many questions,\" he said.
";
        let got = run(text);
        let n = got.len();
        assert_eq!(got[n - 2].0, "Ambrose Hale");
        assert_eq!(got[n - 1].0, "Lucan Frome");
    }

    #[test]
    fn she_said_after_a_woman_was_called_by_name_is_her() {
        // Two women on the scene: "she" answering the question put to Edna is Edna, though
        // the other was named since.
        let text = "\
Edna and Robert sat on the porch.

\"Do you miss the city, Edna?\" Robert asked. Mrs. Lamb came out with the tea.

\"Not at all,\" she said.
";
        let got = said(&run_fiction(text));
        assert_eq!(got.last().unwrap().0, "Edna");
    }

    #[test]
    fn he_said_is_not_the_man_his_own_words_address() {
        // "he" would be Roderick, the man the scene is about; the words call Roderick by
        // name, so they are the other man's, the lawyer who came in.
        let text = format!(
            "{OPENING}* * *\n\nMr. Quill the lawyer came to the house at noon. Roderick \
             met him at the door. Roderick was tired, and he had not slept.\n\n\"You look \
             unwell, Roderick,\" he said. \"Shall we sit down?\"\n"
        );
        let got = run(&text);
        assert_eq!(got[got.len() - 2].0, "Mr. Quill", "{got:?}");
    }

    #[test]
    fn i_said_is_the_narrator_even_when_the_narrator_spoke_last() {
        // The narrator answers without a cue, then speaks again under "I said": a speaker
        // twice running, but "I" is no sign that the turn is Holt's.
        let text = "Holt was sitting by the fire when I came in. He did not look up.\n\n\
             \"You are late,\" said Holt.\n\n\"The train was slow,\" I said.\n\n\
             \"It always is,\" he said. \"Sit down.\"\n\n\"Thank you,\" I said.\n\n\
             \"Did you see the letter?\" he asked.\n\n\"I did. It was short.\"\n\n\
             \"I missed the second page,\" I said. \"Was there one?\"\n\n\
             \"There was,\" said Holt.\n";
        let got = run(text);
        assert_eq!(got[7].0, "the narrator", "{got:?}");
        assert_eq!(got[8].0, "the narrator", "{got:?}");
        assert_eq!(got[9].0, "Holt", "{got:?}");
    }

    #[test]
    fn a_cue_less_reply_goes_to_a_named_person_not_to_one_only_described() {
        // The stranger passes by; the reply to Tamsin is Roderick's, whom the narration named.
        let text = format!(
            "{OPENING}* * *\n\nNext morning Tamsin Vale and Roderick Pym walked down to the \
             river.\n\n\"Good morning!\" said a stranger from the bank, and he walked on.\n\n\
             \"Do you know him?\" asked Tamsin.\n\n\"I have never seen him before.\"\n"
        );
        let got = run(&text);
        assert_eq!(got.last().unwrap().0, "Roderick Pym", "{got:?}");
    }

    #[test]
    fn a_description_cue_in_a_conversation_of_two_is_the_participant_whose_turn_it_is() {
        // "her mother" names nobody the narration called that: it is Agatha, the other
        // participant, not a new person.
        let text = "\
Nell Carrow sat sewing by the window while Agatha Carrow read.

\"Are you going out tonight?\" asked Nell.

\"I might,\" said Agatha. \"Why do you ask?\"

\"Will you take the lamp?\" Nell said.

\"Do you think I cannot see in the dark?\" Agatha said.

\"Did you hear the gate?\" said Nell.

\"Who would come at this hour?\" her mother said.
";
        let got = run(text);
        assert_eq!(got.last().unwrap().0, "Agatha Carrow");
    }

    #[test]
    fn cue_less_turns_also_alternate_into_the_next_explicit_turn() {
        // Tamsin goes on in a second cue-less paragraph; counting forward from the opening
        // gives it to Roderick, but Roderick's explicit reply after it says it was Tamsin's.
        let text = format!(
            "{OPENING}\"Not this time. Here it is, sealed.\"\n\n\"I kept it under my pillow all \
             week.\"\n\n\"Under your pillow?\" said Roderick. \"Then it is creased.\"\n"
        );
        let got = run(&text);
        let tail: Vec<String> = got[got.len() - 4..].iter().map(|s| s.0.clone()).collect();
        assert_eq!(
            tail,
            ["Tamsin Vale", "Tamsin Vale", "Roderick Pym", "Roderick Pym"]
        );
    }

    #[test]
    fn a_scene_break_ends_the_conversation() {
        // Without the break, the reply would go to Roderick, Ambrose's partner by alternation.
        let text = format!(
            "{OPENING}* * *\n\nAmbrose Hale found Susan Quell in the hall.\n\n\
             \"Is anybody home?\" asked Ambrose.\n\n\"Only me, and you are dripping on the floor.\"\n"
        );
        let got = run(&text);
        assert_eq!(
            got.last().unwrap(),
            &("Susan Quell".to_string(), Rule::TurnTaking)
        );
    }

    #[test]
    fn an_action_in_the_paragraph_names_the_speaker() {
        let text = format!(
            "{OPENING}Roderick folded the letter twice. \"You should not have brought this here.\"\n"
        );
        let got = run(&text);
        assert_eq!(
            got.last().unwrap(),
            &("Roderick Pym".to_string(), Rule::ActionBeat)
        );
    }

    #[test]
    fn narration_opening_the_next_explicit_turn_lets_the_speaker_go_on() {
        // Roderick speaks, then turns to the window and speaks again: the cue-less turns
        // before are not counted back from his explicit one.
        let text = format!(
            "{OPENING}\"Not this time. Will you read it now?\"\n\n\"Later. Have you read it \
             yourself?\"\n\nRoderick turned to the window. \"It will rain,\" he said.\n"
        );
        let got = run(&text);
        let tail: Vec<String> = got[got.len() - 3..].iter().map(|s| s.0.clone()).collect();
        assert_eq!(tail, ["Tamsin Vale", "Roderick Pym", "Roderick Pym"]);
    }

    #[test]
    fn of_two_actions_before_a_turn_the_one_leading_into_it_names_the_speaker() {
        let text = format!(
            "{OPENING}Roderick poured the tea. Tamsin took her cup to the window. \"It is \
             colder than yesterday.\"\n"
        );
        let got = run(&text);
        assert_eq!(
            got.last().unwrap(),
            &("Tamsin Vale".to_string(), Rule::ActionBeat)
        );
    }

    /// A conversation between Carrow and a first-person narrator he calls Pellham.
    const PELLHAM_AND_CARROW: &str = "
\"Have you eaten, Pellham?\" said Carrow.

\"Not since noon,\" I said. \"Have you?\"

\"No, Pellham, and I do not mean to,\" said Carrow.

\"Then what do you want?\" I asked.

\"Your eyes, Pellham. Will you come?\" Carrow said.

\"Do I have a choice?\" I said.
";

    #[test]
    fn a_first_person_narrator_is_named_by_what_the_others_call_them() {
        let text = format!("Inspector Carrow met me at the station.\n{PELLHAM_AND_CARROW}");
        let got = said(&analyze(&text, &Options::default()));
        assert_eq!(got[1].0, "Pellham");
        assert_eq!(got[6].0, "Pellham");
        assert_eq!(got[5].0, "Carrow");
    }

    #[test]
    fn a_narrator_named_once_in_the_narration_is_still_named_by_the_others() {
        // "Pellham" appears once in the narration (an entity of its own); the vocatives still
        // name the narrator, and the narrator's quotes carry the name.
        let text = format!(
            "Someone in the yard was calling for Pellham. Inspector Carrow met me at the \
             station.\n{PELLHAM_AND_CARROW}"
        );
        let got = said(&analyze(&text, &Options::default()));
        assert_eq!(got[1].0, "Pellham");
        assert_eq!(got[6].0, "Pellham");
        assert_eq!(got[5].0, "Carrow");
    }

    #[test]
    fn a_speaker_going_on_in_a_second_paragraph_keeps_the_other_participant() {
        // Roderick speaks twice in a row with cues; the cue-less reply is Tamsin's.
        let text = format!(
            "{OPENING}\"Read it,\" said Roderick.\n\n\"Do you want me to read it aloud?\"\n"
        );
        let got = run(&text);
        assert_eq!(
            got.last().unwrap(),
            &("Tamsin Vale".to_string(), Rule::TurnTaking)
        );
    }

    #[test]
    fn the_first_cue_less_reply_comes_from_the_other_person_on_the_scene() {
        // Four paragraphs of narration end the first conversation; a new one opens with
        // Ambrose, and the reply is Susan's, the other person the narration just named.
        let text = format!(
            "{OPENING}The rain came.\n\nThe night fell.\n\nThe fire died.\n\nThe dogs slept.\n\n\
             Ambrose Hale found Susan Quell by the door.\n\n\"Is it late?\" asked Ambrose.\n\n\
             \"Late enough, and you are dripping on the floor.\"\n"
        );
        let got = run(&text);
        assert_eq!(
            got.last().unwrap(),
            &("Susan Quell".to_string(), Rule::TurnTaking)
        );
    }

    #[test]
    fn news_keeps_a_quote_only_paragraph_with_its_source() {
        let text = "\
The mayor defended the budget on Tuesday.

\"We have balanced the books for the third year,\" Mayor Ines Draper said.

\"Nobody else in the region can say that.\"

Councillor Pat Obi disagreed. \"The books balance because the libraries closed,\" Obi said.
";
        let got = run(text);
        assert_eq!(
            got[1],
            ("Ines Draper".to_string(), Rule::ParagraphContinuation)
        );
    }

    fn run_fiction(text: &str) -> Analysis {
        let options = Options {
            style: crate::analysis::model::Style::Fiction,
            ..Options::default()
        };
        analyze(text, &options)
    }

    #[test]
    fn a_description_cue_that_names_nobody_is_the_latest_person_of_its_gender_on_the_scene() {
        // "the old woman" is no one the text names; the woman looking up is Mrs. Briggs.
        let text = "\
Nell Carrow came in from the garden. Mrs. Briggs looked up at the clock.

\"Where have you been all evening?\" said the old woman.
";
        let got = said(&run_fiction(text));
        assert_eq!(got[0].0, "Mrs. Briggs", "{got:?}");
    }

    #[test]
    fn a_trade_in_a_conversation_is_someone_new_not_a_character_introduced_without_it() {
        // Roderick has been in the story for paragraphs and was never called a waiter.
        let text = format!(
            "{OPENING}\
They walked down to the inn by the river.

The rooms were warm and the fire was lit.

A boy carried their coats upstairs.

Tamsin sat by the window.

\"We shall want supper,\" Roderick said.

\"There is mutton tonight, sir,\" said the waiter.
"
        );
        let got = run(&text);
        assert_eq!(
            got[5],
            ("Roderick Pym".into(), Rule::TrailingCue),
            "{got:?}"
        );
        assert_eq!(got[6], ("the waiter".into(), Rule::TrailingCue), "{got:?}");
    }

    #[test]
    fn the_trade_given_a_character_by_apposition_names_him_later() {
        // "beadle" is no word the lexicon knows as a role; the apposition still makes it his.
        let text = "\
The door opened and in came Mr. Grimble, the beadle, with his staff.

\"Where is the boy?\" asked Mrs. Hobb.

\"In the cellar,\" said the beadle.
";
        let got = run(text);
        assert_eq!(got.last().unwrap().0, "Mr. Grimble", "{got:?}");
    }

    #[test]
    fn a_trade_that_made_a_person_of_its_own_is_not_whoever_had_the_turn() {
        // "the croupier" fits neither woman, known for paragraphs: he is new, not Agatha.
        let text = "\
Nell Carrow and Agatha Carrow sat at the green table.

The room was hot and crowded.

The wheel spun and spun.

A band played in the next room.

\"Red again,\" said Nell.

\"I shall stake the rest,\" said Agatha.

\"Do not be foolish,\" said Nell.

\"The bank is closed for the night,\" said the croupier.
";
        let got = said(&run_fiction(text));
        assert_eq!(got.last().unwrap().0, "the croupier", "{got:?}");
    }

    #[test]
    fn the_young_man_is_the_man_in_the_conversation_not_one_so_called_before() {
        // Roderick is "a young man" by apposition; in the next scene the young man is Mr. Hale.
        let text = format!(
            "{OPENING}\
Roderick Pym, a young man of the parish, picked up his hat.

They parted at the gate.

Next morning Tamsin called on Mr. Hale.

\"You are early,\" said Mr. Hale.

\"I could not sleep,\" said Tamsin.

\"Then we shall have a long day,\" said the young man.
"
        );
        let got = run(&text);
        assert_eq!(got[7], ("Mr. Hale".into(), Rule::TrailingCue), "{got:?}");
    }

    fn gender_of(a: &Analysis, name: &str) -> crate::analysis::model::Gender {
        let e = a.entities.iter().find(|e| e.name == name);
        e.unwrap_or_else(|| panic!("no entity {name}")).gender
    }

    #[test]
    fn a_given_name_written_alone_is_a_person_of_its_gender() {
        use crate::analysis::model::Gender;
        let text = "\
Old Ben sat by the stove, and Diana came in with the lamp.

\"You are late,\" said Old Ben.

\"The road was flooded,\" said Diana.
";
        let a = run_fiction(text);
        assert_eq!(gender_of(&a, "Old Ben"), Gender::Male);
        assert_eq!(gender_of(&a, "Diana"), Gender::Female);
    }

    #[test]
    fn he_said_after_narration_about_a_man_called_only_by_his_given_name_is_him() {
        // Nothing but the lexicon says "Tony" is a man; the narration before the quote is
        // about him, while Mr Vance spoke last.
        let text = "\
Mr Vance put a cup into Tony's hands. \"Drink it all,\" said Mr Vance.

Tony sipped and turned his head away.

\"It is too bitter,\" he said.
";
        let got = said(&run_fiction(text));
        assert_eq!(got.last().unwrap().0, "Tony");
    }

    #[test]
    fn she_means_a_named_woman_before_one_known_only_as_her_relation() {
        let text = "\
Julia Hart came in late.

Then Julia, meaning, like her sister, to play the queen, began to fret about the costumes.

\"This is not fair on the others,\" said she.
";
        let got = run(text);
        assert_eq!(got[0].0, "Julia Hart");
    }

    #[test]
    fn she_said_after_a_sentence_about_the_last_speaker_is_her_going_on() {
        // A new paragraph would be the other woman's turn, but the narration before it
        // follows Mara: she goes on.
        let text = "\
Mara Flint and Lena Ashby sat at the kitchen table.

\"Where did you find it?\" asked Lena.

\"In the attic,\" said Mara. \"Under the boards.\"

\"Have you read it?\" Lena said.

\"Every word,\" Mara said.

Mara turned the letter over and over in her hands.

\"Burn it,\" she said.
";
        let got = run(text);
        assert_eq!(got.last().unwrap().0, "Mara Flint");
        // The same inside the paragraph of the quote.
        let text = text.replace(
            "hands.\n\n\"Burn it",
            "hands. Then Mara looked up. \"Burn it",
        );
        let got = run(&text);
        assert_eq!(got.last().unwrap().0, "Mara Flint");
    }

    #[test]
    fn a_description_cue_after_a_turn_calling_someone_by_name_is_that_person_answering() {
        // Edwin and Clara talk; Edwin turns to Thomas by name and "the boy" answers. Clara,
        // whose turn it would be, is no boy.
        let text = "\
Edwin Marsh and Clara Marsh stood at the gate, and Thomas Finch waited by the cart.

\"Is the cart loaded?\" asked Clara.

\"It is,\" said Edwin. \"Are you ready to go?\"

\"Do you think I would keep you waiting?\" Clara said.

\"You always do,\" Edwin said.

\"I shall see you again in the spring, Thomas,\" said Edwin.

\"I hope so,\" replied the boy.
";
        let got = run(text);
        assert_eq!(got.last().unwrap().0, "Thomas Finch");
    }

    #[test]
    fn a_cue_less_turn_after_narration_about_someone_is_theirs() {
        // Alternation would give the turn to Tamsin; the narration says Roderick goes on.
        let text = format!(
            "{OPENING}Roderick crossed to the window and looked out at the clouds.\n\n\"It will rain before night.\"\n"
        );
        let got = run(&text);
        assert_eq!(
            got.last().unwrap(),
            &("Roderick Pym".to_string(), Rule::ActionBeat)
        );
    }

    #[test]
    fn a_beat_after_a_fronted_clause_is_its_main_subjects() {
        // Neither name opens the sentence; Roderick is the subject of the main clause.
        let text = format!(
            "{OPENING}When Tamsin laughed at him, Roderick folded the letter. \"You should not \
             have brought it.\"\n"
        );
        let got = run(&text);
        assert_eq!(
            got.last().unwrap(),
            &("Roderick Pym".to_string(), Rule::ActionBeat)
        );
    }

    #[test]
    fn a_beat_of_someone_keeping_silent_does_not_make_them_the_speaker() {
        // Roderick spoke last; narration saying he kept silent leaves the turn to Tamsin,
        // whether it stands in a paragraph of its own or before the words.
        for beat in [
            "Roderick made no answer.\n\n\"Then I will read it to you.\"",
            "Roderick said nothing. \"Then I will read it to you.\"",
            "For a while Roderick was silent.\n\n\"Then I will read it to you.\"",
        ] {
            let got = run(&format!("{OPENING}{beat}\n"));
            assert_eq!(
                got.last().unwrap(),
                &("Tamsin Vale".to_string(), Rule::TurnTaking),
                "{beat}"
            );
        }
    }

    #[test]
    fn he_said_after_narration_means_the_first_person_of_its_sentence() {
        // Walter does not open the sentence, but he is its subject; Roderick, named after
        // him and the last to speak, is not who "he said" means.
        let text = format!(
            "{OPENING}After a long silence Walter Marsh took the letter from Roderick.\n\n\"It is forged,\" he said.\n"
        );
        let got = run(&text);
        assert_eq!(got.last().unwrap().0, "Walter Marsh");
    }

    /// Susan and John talk in the orchard; after "Then show me." nobody is named for a while.
    const ORCHARD: &str = "\
Susan Vale found John Pym in the orchard.

\"Are you waiting for me?\" asked Susan.

\"I was,\" said John. \"Did you bring the letter?\"

\"Do you think I would forget it?\" Susan said.

\"You forget everything,\" John said.

\"Not today.\"

\"Then show me.\"

";

    #[test]
    fn a_pronoun_cue_that_found_nobody_still_says_the_speakers_gender() {
        // Nobody is named for six paragraphs, so "he" resolves to no one; counting turns
        // would give the last one to Susan.
        let text = format!(
            "{ORCHARD}\"Here.\"\n\n\"It is sealed.\"\n\n\"Of course it is.\"\n\n\"Who sealed it?\"\n\n\"Have you heard from her this morning?\" cried he.\n"
        );
        let got = run(&text);
        assert_eq!(got.last().unwrap().0, "John Pym");
    }

    #[test]
    fn she_said_long_after_her_last_mention_is_still_the_woman_in_the_conversation() {
        // Susan is last named eight paragraphs before "she said"; the only woman named since
        // is John's sister, thought of and absent.
        let text = format!(
            "{ORCHARD}\"Here it is.\"\n\n\"It is sealed.\"\n\nJohn turned it over and thought of Mary, his sister, who had sealed a hundred such letters.\n\n\"Open it, then,\" she said.\n"
        );
        let got = run(&text);
        assert_eq!(got.last().unwrap().0, "Susan Vale");
    }

    #[test]
    fn the_doctor_is_the_man_introduced_as_a_surgeon_whoever_spoke_before() {
        // Three take part, so counting turns would give the last one to Beth; "the doctor" is
        // the surgeon.
        let text = "\
Anna Lake and Beth Lake waited by the bed. Mr. Ward, a surgeon from the village, came in at last.

\"Is he awake?\" asked Anna.

\"Not yet,\" said Mr. Ward.

\"Will he live?\" Beth asked.

\"Tell us the truth,\" said Anna.

\"He must rest for a week,\" said the doctor.
";
        let got = said(&run_fiction(text));
        assert_eq!(got.last().unwrap().0, "Mr. Ward");
    }

    #[test]
    fn a_she_beat_in_a_new_paragraph_is_the_woman_whose_turn_it_is() {
        // "She" would resolve to Mary, the subject of the last turn; a new paragraph is
        // Susan's turn.
        let text = "\
Susan Vale and Mary Pym sat at the kitchen table.

\"Is the tea cold?\" asked Susan.

\"It is,\" said Mary. \"Shall I make more?\"

\"Would you mind?\" Susan said.

Mary rose and filled the kettle. \"Not at all,\" Mary said.

She set down her cup. \"Then I will wait here.\"
";
        let got = said(&run_fiction(text));
        assert_eq!(
            got.last().unwrap(),
            &("Susan Vale".to_string(), Rule::ActionBeat)
        );
    }

    #[test]
    fn a_pronoun_cue_of_neither_participants_gender_is_the_one_on_the_scene() {
        // Two women talk for six paragraphs; "he" resolves to nobody that far from John's
        // name, and neither participant is a man.
        let text = "\
John Pym sat by the fire while Susan Vale and Mary Pym talked.

\"Is the tea cold?\" asked Susan.

\"It is,\" said Mary.

\"Shall I make more?\"

\"Please do.\"

\"Where is the kettle?\"

\"On the stove.\"

\"Is it raining yet?\" asked he.
";
        let got = said(&run_fiction(text));
        assert_eq!(got.last().unwrap().0, "John Pym");
    }

    #[test]
    fn nobody_takes_a_turn_that_speaks_of_them_by_name() {
        // Alternation would give the turn to Tamsin, but the turn talks about her.
        let text = format!("{OPENING}\"I doubt that Tamsin reads anything through.\"\n");
        let got = run(&text);
        assert_ne!(got.last().unwrap().0, "Tamsin Vale");
    }
}
