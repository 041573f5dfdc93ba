//! Speech cues: reporting verbs in all their forms, "according to", and the subject of each.

use super::lexicon::Lexicon;
use super::mentions::{
    NameChunk, NameIndex, Phrase, is_verb_modifier, phrase_ending_at, phrase_starting_at,
};
use super::model::MentionKind;
use super::tokens::{Kind, Tokens};
use std::ops::Range;

#[derive(Clone, Debug)]
pub struct CueToken {
    /// The cue's tokens ("pointed out" is two).
    pub tokens: Range<usize>,
    pub lemma: String,
    pub according_to: bool,
    /// A verb that reports speech only right beside a quote ("he continued", "she smiled"):
    /// elsewhere it means something else ("Rubio will continue to be ...").
    pub weak: bool,
}

/// Verbs that introduce speech only next to the quote itself.
pub fn is_weak_cue(lemma: &str) -> bool {
    matches!(
        lemma,
        "smile"
            | "read"
            | "laugh"
            | "sigh"
            | "think"
            | "wonder"
            | "lie"
            | "suppose"
            | "reason"
            | "breathe"
            | "ponder"
            | "chuckle"
            | "giggle"
            | "sob"
            | "groan"
            | "pant"
            | "gasp"
            | "purr"
            | "coo"
            | "muse"
            | "surmise"
            | "posit"
            | "remember"
    )
}

/// Every cue outside quotations, in text order, and for each token the cue it starts (if any).
pub fn find_cues(tokens: &Tokens, lexicon: &Lexicon) -> Vec<CueToken> {
    let mut out = Vec::new();
    let n = tokens.len();
    let mut i = 0;
    while i < n {
        let t = tokens.list[i];
        // A capitalised word inside a sentence belongs to a name ("the Islamic State").
        let inside_name = t.capitalized
            && i > 0
            && tokens.sentence(i - 1) == tokens.sentence(i)
            && tokens.list[i - 1].kind == Kind::Word
            && !t.after_newline;
        if t.kind != Kind::Word || t.quoted || inside_name {
            i += 1;
            continue;
        }
        let lower = tokens.raw_lower(i);
        if lower == "according"
            && tokens
                .get(i + 1)
                .is_some_and(|_| tokens.raw_lower(i + 1) == "to")
        {
            out.push(CueToken {
                tokens: i..i + 2,
                lemma: "according to".into(),
                according_to: true,
                weak: false,
            });
            i += 2;
            continue;
        }
        if let Some(forms) = lexicon.verb(lower) {
            let next = tokens
                .get(i + 1)
                .filter(|u| u.kind == Kind::Word && !u.quoted)
                .map(|_| tokens.raw_lower(i + 1));
            let with_particle = forms
                .iter()
                .find(|f| f.particle.is_some() && f.particle == next);
            if let Some(f) = with_particle {
                out.push(CueToken {
                    tokens: i..i + 2,
                    lemma: format!("{} {}", f.lemma, f.particle.unwrap_or_default()),
                    according_to: false,
                    weak: is_weak_cue(&format!("{} {}", f.lemma, f.particle.unwrap_or_default())),
                });
                i += 2;
                continue;
            }
            if let Some(f) = forms.iter().find(|f| f.particle.is_none()) {
                out.push(CueToken {
                    tokens: i..i + 1,
                    lemma: f.lemma.clone(),
                    according_to: false,
                    weak: is_weak_cue(&f.lemma),
                });
            }
        }
        i += 1;
    }
    out
}

/// A passive cue ("He was asked", "they were told"): its subject is the one spoken to.
pub fn is_passive(tokens: &Tokens, cue: &CueToken) -> bool {
    if tokens.raw_lower(cue.tokens.start).ends_with("ing") {
        return false; // "has been saying"
    }
    let mut k = cue.tokens.start;
    let mut seen = 0;
    while k > 0 && seen < 4 && tokens.is_word(k - 1) && is_verb_modifier(tokens.lower(k - 1)) {
        if matches!(
            tokens.lower(k - 1),
            "was" | "were" | "is" | "are" | "been" | "being" | "be" | "am"
        ) {
            return true;
        }
        k -= 1;
        seen += 1;
    }
    false
}

/// The subject of a cue read leftwards: "Lavrov also said", "Lavrov, Russia's foreign
/// minister, said", "a spokeswoman for the ministry said".
pub fn subject_left(
    tokens: &Tokens,
    names: &NameIndex,
    chunks: &[NameChunk],
    cue: &CueToken,
) -> Option<Phrase> {
    let first = cue.tokens.start;
    if first == 0 || is_passive(tokens, cue) {
        return None;
    }
    let sentence = tokens.sentence(first);
    let mut k = first - 1;
    // Skip auxiliaries and adverbs: "has also said", "later told"; not a name that looks
    // like an adverb ("Emily said").
    let mut skipped = 0;
    while tokens.is_word(k)
        && is_verb_modifier(tokens.lower(k))
        && names.ending_at(k).is_none()
        && skipped < 3
    {
        if k == 0 {
            return None;
        }
        k -= 1;
        skipped += 1;
    }
    let t = tokens.get(k)?;
    if t.quoted || tokens.sentence(k) != sentence {
        return None;
    }
    if tokens.is_punct(k, ',') || tokens.is_punct(k, ')') || tokens.is_punct(k, '\u{2014}') {
        // An apposition or relative clause between subject and verb: find its start.
        let close = tokens.text(k).chars().next()?;
        let open = match close {
            ')' => '(',
            c => c,
        };
        // A name in apposition is the speaker: "A spokeswoman, Ruth Okafor, said".
        if open == ','
            && k >= 1
            && let Some(p) = phrase_ending_at(tokens, names, chunks, k - 1)
            && p.kind == MentionKind::Name
            && !p.is_org
            && p.tokens.start >= 2
            && tokens.is_punct(p.tokens.start - 1, ',')
            && phrase_ending_at(tokens, names, chunks, p.tokens.start - 2)
                .is_some_and(|d| d.kind == MentionKind::Description)
        {
            return Some(p);
        }
        // Several comma-separated pieces may stand there: "Cory James, 22, of Flint, Mich., said".
        let mut m = k;
        let limit = k.saturating_sub(30);
        // A place or organisation skipped at the sentence's start: "China, Pyongyang's only
        // ally, said" has no person's name further left, so the place is the speaker.
        let mut opening_place: Option<Phrase> = None;
        while m > limit {
            m -= 1;
            let u = tokens.list[m];
            if tokens.sentence(m) != sentence || u.kind == Kind::Mark {
                return opening_place.filter(|_| tokens.sentence(m) != sentence);
            }
            if tokens.is_punct(m, open) {
                if m == 0 {
                    return None;
                }
                let prep_before = |p: &Phrase| {
                    p.tokens.start > 0
                        && matches!(
                            tokens.raw_lower(p.tokens.start - 1),
                            "of" | "from" | "in" | "at"
                        )
                };
                // "Paris, who used to work on Capitol Hill, said": "who" makes a place's
                // name a person's.
                let person_follows = tokens.is_word(m + 1) && tokens.raw_lower(m + 1) == "who";
                match phrase_ending_at(tokens, names, chunks, m - 1) {
                    Some(p)
                        if open != ','
                            || !((p.kind == MentionKind::Name && p.is_org && !person_follows)
                                || prep_before(&p)) =>
                    {
                        return Some(p);
                    }
                    // a place or a number: keep reading left to the name
                    Some(p) if open == ',' => {
                        let opener = p.tokens.start;
                        // ", Cruz said," is a parenthetical cue, no apposition.
                        let parenthetical = (p.tokens.end..k).any(|i| {
                            tokens.is_word(i) && Lexicon::standard().verb(tokens.lower(i)).is_some()
                        });
                        if p.kind == MentionKind::Name
                            && !parenthetical
                            && !prep_before(&p)
                            && (tokens.opens_sentence(opener)
                                || (opener > 0
                                    && tokens.opens_sentence(opener - 1)
                                    && is_verb_modifier(tokens.lower(opener - 1))))
                        {
                            opening_place = Some(p);
                        }
                        continue;
                    }
                    _ if open == ',' => continue,
                    other => return other,
                }
            }
        }
        return opening_place.filter(|_| m == 0);
    }
    // "Rubio’s proposed child care credit": a possessive is a determiner, not a subject.
    let p = phrase_ending_at(tokens, names, chunks, k)
        .filter(|p| !tokens.is_possessive(p.tokens.end - 1))?;
    // "a snappy retort", "a thunderous chant": after a singular indefinite phrase, a cue in
    // its bare form is a noun, not the phrase's verb.
    if p.kind == MentionKind::Description
        && !p.plural
        && matches!(
            tokens.raw_lower(p.tokens.start),
            "a" | "an" | "one" | "another" | "each" | "every"
        )
        && tokens.raw_lower(first) == cue.lemma
    {
        return None;
    }
    // "A source speaking to Fox News said", "a person familiar with the talks said": the
    // phrase is the object of a modifier of the subject before it.
    let object_start = match p.tokens.start {
        s if s > 0 && tokens.raw_lower(s - 1) == "the" => s - 1,
        s => s,
    };
    if object_start >= 3
        && matches!(tokens.raw_lower(object_start - 1), "to" | "with")
        && tokens.is_word(object_start - 2)
        && matches!(
            tokens.raw_lower(object_start - 2),
            "speaking" | "talking" | "writing" | "familiar" | "close"
        )
        && let Some(subject) = phrase_ending_at(tokens, names, chunks, object_start - 3)
        && tokens.sentence(subject.tokens.start) == sentence
    {
        return Some(subject);
    }
    // "Senator Ann Vos of Texas said": the place says where the person is from.
    if p.chunk.is_some_and(|c| chunks[c].is_place)
        && p.tokens.start >= 2
        && matches!(tokens.raw_lower(p.tokens.start - 1), "of" | "from")
        && let Some(person) = phrase_ending_at(tokens, names, chunks, p.tokens.start - 2)
        && person.kind == MentionKind::Name
        && !person.is_org
        && !person.chunk.is_some_and(|c| chunks[c].is_place)
    {
        return Some(person);
    }
    Some(p)
}

/// The subject after an inverted cue: `said Lavrov`, `added the minister`, `according to X`.
pub fn subject_right(
    tokens: &Tokens,
    names: &NameIndex,
    chunks: &[NameChunk],
    cue: &CueToken,
) -> Option<Phrase> {
    let k = cue.tokens.end;
    tokens.get(k)?;
    let sentence = tokens.sentence(k);
    if sentence != tokens.sentence(cue.tokens.start) {
        return None;
    }
    let mut p = phrase_starting_at(tokens, names, chunks, k)?;
    // "said Ohio’s Rick Wilson": a place or organisation owning the person named after it.
    if tokens.is_possessive(p.tokens.end - 1)
        && p.chunk
            .is_some_and(|c| chunks[c].is_place || chunks[c].is_org)
        && let Some(named) = phrase_starting_at(tokens, names, chunks, p.tokens.end)
        && named
            .chunk
            .is_some_and(|c| !chunks[c].is_place && !chunks[c].is_org)
        && tokens.get(named.tokens.end).is_none_or(|_| {
            tokens.sentence(named.tokens.end) != sentence
                || [',', '.', ';']
                    .iter()
                    .any(|&c| tokens.is_punct(named.tokens.end, c))
        })
    {
        p = named;
    }
    // An inverted subject ends its clause: "said Lavrov." / "said Lavrov, who"; a phrase that
    // goes on is an object or a new clause: "said Trump's remarks", "saying he is".
    let last = p.tokens.end - 1;
    let possessive = tokens.is_possessive(last);
    let object_pronoun = p.kind == MentionKind::Pronoun && matches!(p.head.as_str(), "it" | "i");
    let ends_clause = match tokens.get(p.tokens.end) {
        None => true,
        Some(n) => {
            n.kind == Kind::Mark
                || tokens.sentence(p.tokens.end) != sentence
                || [',', '.', ';', ':', '(', '!', '?', '\u{2014}', '\u{2013}']
                    .iter()
                    .any(|&c| tokens.is_punct(p.tokens.end, c))
                || matches!(
                    tokens.raw_lower(p.tokens.end),
                    "of" | "who" | "in" | "at" | "on" | "and"
                )
        }
    };
    (!possessive && !object_pronoun && (p.kind != MentionKind::Pronoun || ends_clause)).then_some(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::mentions::find_names;
    use crate::analysis::text::{Format, Prose};

    fn cue_lemmas(text: &str) -> Vec<String> {
        let prose = Prose::new(text, Format::Plain);
        let tokens = Tokens::new(&prose.text, &prose.sentences, &[]);
        find_cues(&tokens, Lexicon::standard())
            .into_iter()
            .map(|c| c.lemma)
            .collect()
    }

    #[test]
    fn verbs_in_all_forms_and_phrasal_cues() {
        assert_eq!(
            cue_lemmas(
                "He said, she says, they told, it pointed out, we went on, according to him."
            ),
            vec!["say", "say", "tell", "point out", "go on", "according to"]
        );
        // "pointed" without "out" and "went" without "on" are not cues
        assert!(cue_lemmas("He pointed at it and went home.").is_empty());
    }

    #[test]
    fn subjects_left_and_right() {
        let text = "Sergey Lavrov, Russia's foreign minister, said so. Later said the minister.";
        let prose = Prose::new(text, Format::Plain);
        let tokens = Tokens::new(&prose.text, &prose.sentences, &[]);
        let chunks = find_names(&tokens);
        let names = NameIndex::new(&chunks);
        let cues = find_cues(&tokens, Lexicon::standard());
        let left = subject_left(&tokens, &names, &chunks, &cues[0]).unwrap();
        assert_eq!(
            left.chunk.map(|c| chunks[c].name.text(text)),
            Some("Sergey Lavrov")
        );
        let right = subject_right(&tokens, &names, &chunks, &cues[1]).unwrap();
        assert_eq!(right.head, "minister");
    }
}
