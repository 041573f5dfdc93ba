//! Speaker mentions: proper names with their titles, and the noun phrases (names, pronouns,
//! descriptions) that stand as the subject of a speech cue.

use super::lexicon::{self, honorific, is_not_name, is_org_word, is_place, is_title_word};
use super::model::{Gender, MentionKind, Span};
use super::tokens::{Kind, Tokens};
use rustc_hash::FxHashMap;
use std::ops::Range;

/// A capitalised proper name with the titles before it and any apposition after it.
#[derive(Clone, Debug)]
pub struct NameChunk {
    /// Tokens of the whole mention: determiner, titles, name, party tag.
    pub tokens: Range<usize>,
    /// Tokens of the proper name itself.
    pub name_tokens: Range<usize>,
    pub span: Span,
    pub name: Span,
    pub titles: Vec<String>,
    pub gender: Gender,
    pub is_org: bool,
    pub is_place: bool,
    /// An honorific, a person title or a known given name says this is a person.
    pub person_evidence: bool,
    /// The name is written entirely in capitals (a dateline, a headline).
    pub all_caps: bool,
    /// The first he/him/his or she/her after the name in its paragraph, before the next name
    /// (narration only): a vote on the gender of whoever the name belongs to.
    pub pronoun_after: Gender,
}

impl NameChunk {
    pub fn name_len(&self) -> usize {
        self.name_tokens.len()
    }
}

/// Lowercase connectors inside names: Ludwig van Beethoven, Bank of America.
fn is_name_connector(lower: &str) -> bool {
    matches!(
        lower,
        "de" | "van"
            | "von"
            | "der"
            | "den"
            | "da"
            | "di"
            | "du"
            | "la"
            | "le"
            | "bin"
            | "ibn"
            | "al"
            | "el"
            | "of"
            | "y"
            | "dos"
            | "das"
            | "del"
            | "ter"
            | "zu"
            | "st"
    )
}

/// Capitalised nationality adjectives that form part of a title ("Russian Foreign Minister").
fn is_demonym(lower: &str) -> bool {
    const LIST: &[&str] = &[
        "british",
        "french",
        "dutch",
        "greek",
        "thai",
        "swiss",
        "irish",
        "welsh",
        "scottish",
        "polish",
        "turkish",
        "spanish",
        "danish",
        "swedish",
        "finnish",
        "english",
        "american",
        "u.s",
        "us",
        "uk",
        "u.k",
        "eu",
        "un",
        "u.n",
        "chinese",
        "japanese",
        "vietnamese",
        "lebanese",
        "israeli",
        "iraqi",
        "saudi",
        "pakistani",
        "afghan",
        "kuwaiti",
        "qatari",
        "yemeni",
        "emirati",
        "nato",
        "western",
        "soviet",
        "arab",
        "kurdish",
        "scots",
        "republican",
        "democratic",
        "gop",
        "federal",
        "state",
    ];
    LIST.contains(&lower)
        || ((lower.ends_with("ian") || lower.ends_with("an") || lower.ends_with("ese"))
            && lower.len() > 4
            && !lower.ends_with("man"))
}

fn is_initial(tokens: &Tokens, i: usize) -> bool {
    let t = tokens.text(i);
    let mut cs = t.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
}

fn is_all_caps(word: &str) -> bool {
    let mut letters = 0;
    for c in word.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

/// A party tag after a US politician's name: R-Texas, D-N.Y.
fn is_party_tag(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 3 && matches!(b[0], b'R' | b'D' | b'I') && b[1] == b'-' && b[2].is_ascii_uppercase()
}

/// How a word is written across the whole text: the evidence that a capitalised word at the
/// start of a sentence ("Presently", "Poor") is an ordinary word and not part of a name.
pub struct Casing<'t> {
    counts: Counts<'t>,
}

enum Counts<'t> {
    /// Counted over the whole text: lowercase form -> (times written in lowercase, times
    /// capitalised away from a sentence start), and the function words the text uses as
    /// surnames: capitalised after a given name inside a sentence and ending the name
    /// ("George Will", "Al From").
    Counted {
        by_word: FxHashMap<&'t str, (u32, u32)>,
        function_word_surnames: Vec<&'t str>,
    },
    /// Kept from edit to edit (see [`super::incremental`]).
    Kept(&'t CasingCounts),
}

/// How a word is written across a text, kept from one analysis of a text being edited to the
/// next: each paragraph's counts are added when it appears and taken away when it goes.
#[derive(Default)]
pub struct CasingCounts {
    /// Lowercase form -> its counts in `counts`.
    ids: FxHashMap<Box<str>, u32>,
    counts: Vec<WordCasing>,
    /// Words used as a surname by the last token of a paragraph, before a next paragraph
    /// that opens with no capitalised word (found again every time: it reads two paragraphs).
    pub(super) surnames_across: Vec<u32>,
}

/// How often a word is written in lowercase, capitalised inside a sentence, and as a
/// function word's surname (see [`Tally`]).
#[derive(Clone, Copy, Default, Debug, PartialEq)]
struct WordCasing {
    lowercase: u32,
    capital_inside: u32,
    surname: u32,
}

impl CasingCounts {
    /// The number of word `lower`, given one if it has none.
    pub(super) fn id(&mut self, lower: &str) -> u32 {
        if let Some(&id) = self.ids.get(lower) {
            return id;
        }
        let id = self.counts.len() as u32;
        self.ids.insert(lower.into(), id);
        self.counts.push(WordCasing::default());
        id
    }

    /// Word `lower` counted as `tally` says, in one number for [`CasingCounts::add`]: the
    /// word's number and the tally (a surname for sure: [`Tally::SurnameUnlessCapitalAfter`]
    /// once no capitalised word follows). `None` for no count, or past 2^30 words.
    pub(super) fn pack(&mut self, lower: &str, tally: Tally) -> Option<u32> {
        let id = self.id(lower);
        (tally != Tally::Nothing && id < 1 << 30).then_some(id << 2 | tally as u32)
    }

    /// Add `times` times the counts of `words` ([`CasingCounts::pack`]).
    pub(super) fn add(&mut self, words: &[u32], times: u32) {
        for &w in words {
            let c = &mut self.counts[(w >> 2) as usize];
            match w & 3 {
                1 => c.lowercase += times,
                2 => c.capital_inside += times,
                _ => {
                    c.capital_inside += times;
                    c.surname += times;
                }
            }
        }
    }

    /// Take `times` times the counts of `words` away.
    pub(super) fn remove(&mut self, words: &[u32], times: u32) {
        for &w in words {
            let c = &mut self.counts[(w >> 2) as usize];
            match w & 3 {
                1 => c.lowercase -= times,
                2 => c.capital_inside -= times,
                _ => {
                    c.capital_inside -= times;
                    c.surname -= times;
                }
            }
        }
    }

    fn get(&self, lower: &str) -> Option<(u32, &WordCasing)> {
        self.ids
            .get(lower)
            .map(|&id| (id, &self.counts[id as usize]))
    }
}

/// What a token adds to a text's casing counts.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(super) enum Tally {
    /// Not a word, or a capitalised word opening a sentence or clause: nothing.
    Nothing = 0,
    Lowercase = 1,
    CapitalInside = 2,
    /// Capitalised inside a sentence, and a function word after a given name ("George Will"):
    /// a surname unless a capitalised word follows ([`capital_word_after`]).
    SurnameUnlessCapitalAfter = 3,
}

/// What token `i` adds to the casing counts. Reads the tokens before `i` only when `i` opens
/// no sentence, and none after it.
pub(super) fn tally(tokens: &Tokens, i: usize) -> Tally {
    let t = tokens.list[i];
    if t.kind != Kind::Word {
        return Tally::Nothing;
    }
    if !t.capitalized {
        return Tally::Lowercase;
    }
    if starts_clause(tokens, i) {
        return Tally::Nothing;
    }
    let lower = tokens.lower(i);
    // (The word before must be a capitalised word: test that before any lookup.)
    let prev = tokens.list[i - 1];
    if prev.kind == Kind::Word
        && prev.capitalized
        && is_not_name(lower)
        && !lexicon::is_determiner(lower)
        && !lexicon::is_time_noun(lower)
        && lexicon::subject_pronoun(lower).is_none()
        && lexicon::other_pronoun(lower).is_none()
        && honorific(tokens.raw_lower(i - 1)).is_none()
        && lexicon::given_name(tokens.lower(i - 1)).is_some()
    {
        Tally::SurnameUnlessCapitalAfter
    } else {
        Tally::CapitalInside
    }
}

/// The token after `i` is a capitalised word.
pub(super) fn capital_word_after(tokens: &Tokens, i: usize) -> bool {
    tokens
        .get(i + 1)
        .is_some_and(|n| n.kind == Kind::Word && n.capitalized)
}

impl<'t> Casing<'t> {
    pub fn new(tokens: &'t Tokens) -> Casing<'t> {
        let mut function_word_surnames = Vec::new();
        let mut by_word: FxHashMap<&str, (u32, u32)> =
            // A text's vocabulary grows far slower than its length: start small.
            FxHashMap::with_capacity_and_hasher((tokens.len() / 8).min(1 << 14), Default::default());
        for i in 0..tokens.len() {
            let tally = tally(tokens, i);
            if tally == Tally::Nothing {
                continue;
            }
            let lower = tokens.lower(i);
            let entry = by_word.entry(lower).or_default();
            if tally == Tally::Lowercase {
                entry.0 += 1;
                continue;
            }
            entry.1 += 1;
            if tally == Tally::SurnameUnlessCapitalAfter
                && !capital_word_after(tokens, i)
                && !function_word_surnames.contains(&lower)
            {
                function_word_surnames.push(lower);
            }
        }
        Casing {
            counts: Counts::Counted {
                by_word,
                function_word_surnames,
            },
        }
    }

    /// The casing of a text as `counts` keep it.
    pub fn kept(counts: &'t CasingCounts) -> Casing<'t> {
        Casing {
            counts: Counts::Kept(counts),
        }
    }

    /// Times `lower` is written in lowercase and capitalised inside a sentence.
    fn counts(&self, lower: &str) -> Option<(u32, u32)> {
        match &self.counts {
            Counts::Counted { by_word, .. } => by_word.get(lower).copied(),
            Counts::Kept(kept) => kept
                .get(lower)
                .map(|(_, c)| (c.lowercase, c.capital_inside)),
        }
    }

    /// A function word the text uses as a surname ("George Will").
    pub fn is_function_word_surname(&self, lower: &str) -> bool {
        match &self.counts {
            Counts::Counted {
                function_word_surnames,
                ..
            } => function_word_surnames.contains(&lower),
            Counts::Kept(kept) => kept
                .get(lower)
                .is_some_and(|(id, c)| c.surname > 0 || kept.surnames_across.contains(&id)),
        }
    }

    /// A word capitalised somewhere away from a sentence or clause start.
    pub fn is_capitalised_inside(&self, lower: &str) -> bool {
        self.counts(lower)
            .is_some_and(|(_, capital_inside)| capital_inside > 0)
    }

    /// A word written in lowercase somewhere and never capitalised inside a sentence.
    pub fn is_common_word(&self, lower: &str) -> bool {
        self.counts(lower)
            .is_some_and(|(lowercase, capital_inside)| lowercase > 0 && capital_inside == 0)
    }
}

/// Token `i` begins a sentence or clause, where any word is capitalised: after a sentence
/// break, a quotation mark, a line break, a dash, a colon or an opening bracket.
fn starts_clause(tokens: &Tokens, i: usize) -> bool {
    if tokens.opens_sentence(i) {
        return true;
    }
    let prev = tokens.list[i - 1];
    prev.kind == Kind::Mark
        || (prev.kind == Kind::Punct
            && tokens.text(i - 1).starts_with([
                '(', '[', ':', ';', '\u{2014}', '\u{2013}', '-', '_', '*', '!', '?',
            ]))
}

/// Find every proper-name chunk outside quotations.
pub fn find_names(tokens: &Tokens) -> Vec<NameChunk> {
    find_names_with(tokens, &Casing::new(tokens))
}

/// `find_names` with the text's casing statistics already counted.
pub fn find_names_with(tokens: &Tokens, casing: &Casing) -> Vec<NameChunk> {
    let mut out = Vec::new();
    let n = tokens.len();
    let mut i = 0;
    while i < n {
        let t = tokens.list[i];
        if t.kind != Kind::Word || !t.capitalized || t.quoted {
            i += 1;
            continue;
        }
        // Extend over capitalised words, initials' dots and connectors, within one sentence.
        let mut j = i + 1;
        while j < n {
            let u = tokens.list[j];
            if u.quoted || tokens.sentence(j) != tokens.sentence(i) || u.after_newline {
                break;
            }
            let capital_word = u.kind == Kind::Word && u.capitalized;
            let initial_dot = tokens.is_punct(j, '.')
                && (is_initial(tokens, j - 1)
                    || honorific(tokens.raw_lower(j - 1)).is_some()
                    || matches!(
                        tokens.raw_lower(j - 1),
                        "sen" | "rep" | "gov" | "lt" | "gen" | "jr" | "sr" | "st"
                    ))
                && tokens
                    .get(j + 1)
                    .is_some_and(|w| w.kind == Kind::Word && w.capitalized && !w.after_newline);
            // "of" joins a title or an organisation to its object ("Duchess of Monmouth",
            // "Bank of America"), never two names ("Emma Woodhouse of Hartfield").
            let connector = u.kind == Kind::Word
                && is_name_connector(tokens.raw_lower(j))
                && (tokens.raw_lower(j) != "of" || {
                    let before = tokens.lower(j - 1);
                    honorific(before).is_some() || is_title_word(before) || is_org_word(before)
                })
                && tokens.get(j + 1).is_some_and(|w| {
                    w.kind == Kind::Word
                        && w.capitalized
                        && tokens.sentence(j + 1) == tokens.sentence(i)
                });
            if !(capital_word || initial_dot || connector) {
                break;
            }
            j += 1;
        }
        split_chunk(tokens, casing, i, j, &mut out);
        // A chunk may have taken a party tag after the run: "(R-Texas)".
        i = out.last().map_or(j, |c| c.tokens.end.max(j));
    }
    vote_pronouns(tokens, &mut out);
    out
}

/// Cut a run of capitalised tokens at words that cannot be in a name, then build chunks.
fn split_chunk(
    tokens: &Tokens,
    casing: &Casing,
    start: usize,
    end: usize,
    out: &mut Vec<NameChunk>,
) {
    let mut s = start;
    let mut build = |s: usize, e: usize| {
        let s = skip_capitalised_openers(tokens, casing, s, e);
        if e > s {
            build_chunk(tokens, s, e, out);
        }
    };
    for k in start..=end {
        let word = k < end && tokens.list[k].kind == Kind::Word;
        let lower = if k < end { tokens.lower(k) } else { "" };
        // "Shortly after ...": a sentence-opening adverb is not a name.
        // "Filling in for Sanders, ...", "Preceded by ...": an opening participle neither.
        let opening_adverb = k == start
            && word
            && (lower.ends_with("ly")
                || ((lower.ends_with("ing") || lower.ends_with("ed"))
                    && !tokens
                        .get(k + 1)
                        .is_some_and(|n| n.capitalized && n.kind == Kind::Word)))
            && lower.len() > 4
            && starts_clause(tokens, k)
            && lexicon::given_name(lower).is_none()
            // "Kelly said", "Manning told": a surname that looks like an adverb or a participle,
            // written with a capital inside a sentence elsewhere or followed by its verb.
            && !casing.is_capitalised_inside(lower)
            && !(tokens.is_word(k + 1)
                && !tokens.list[k + 1].capitalized
                && Lexicon_verb(tokens.lower(k + 1)));
        // "said Will Doyle": inside a sentence, a capitalised "Will" opening a run of
        // capitalised words is a given name, not the auxiliary.
        let given_will = k == start
            && lower == "will"
            && !starts_clause(tokens, k)
            && k + 1 < end
            && tokens.list[k + 1].kind == Kind::Word;
        let cut = k == end
            || opening_adverb
            || (word
                && tokens.list[k].capitalized
                && is_not_name(lower)
                && !given_will
                && !surname_word(tokens, casing, s, k, end)
                // "Judicial Watch": an organisation's head word that is also a sentence opener.
                && !(k > s && is_org_word(lower))
                && !(k > s && lower == "the"));
        if cut {
            build(s, k);
            s = k + 1;
            continue;
        }
        // An honorific after a name starts another name: "told Anne Mrs. Lynde's news". A
        // one-letter one is a middle initial there: "Jeffrey M. Jones".
        let prev_word = (s..k).rev().find(|&m| tokens.list[m].kind == Kind::Word);
        if word
            && honorific(tokens.raw_lower(k)).is_some()
            && tokens.raw_lower(k).len() > 1
            && prev_word.is_some_and(|m| {
                honorific(tokens.raw_lower(m)).is_none() && !is_title_word(tokens.lower(m))
            })
        {
            build(s, k);
            s = k;
        }
        // A possessive ends a name: "Tony's Aunt Frances".
        if word && tokens.is_possessive(k) && k + 1 < end {
            build(s, k + 1);
            s = k + 1;
        }
    }
}

/// A surname that is also a function word ("George Will", "Al From") at token `k`, the last of
/// its run: a word the text uses so (see `Casing`), after a given name inside a sentence or
/// alone before a finite speech verb ("Will wrote", "From said"). A modal or preposition is
/// never followed by "wrote" or "said".
fn surname_word(tokens: &Tokens, casing: &Casing, s: usize, k: usize, end: usize) -> bool {
    if k + 1 != end || !casing.is_function_word_surname(tokens.lower(k)) {
        return false;
    }
    if k > s {
        return !starts_clause(tokens, k) && lexicon::given_name(tokens.lower(k - 1)).is_some();
    }
    tokens.is_word(k + 1)
        && !tokens.list[k + 1].capitalized
        && lexicon::Lexicon::standard()
            .verb(tokens.lower(k + 1))
            .is_some_and(|forms| {
                // A finite form: "After musing", "And pressing" open clauses of their own.
                let verb = tokens.lower(k + 1);
                !verb.ends_with("ing") && forms.iter().all(|f| f.lemma != verb)
            })
}

/// "Presently Helen", "Poor Elinor", "Memories of Evie": a word capitalised only because it
/// opens a sentence, and used elsewhere in lowercase, is not part of the name after it. Titles
/// and honorifics stay ("Mrs Beaver").
fn skip_capitalised_openers(tokens: &Tokens, casing: &Casing, start: usize, end: usize) -> usize {
    let mut s = start;
    while s < end
        && tokens.list[s].kind == Kind::Word
        && starts_clause(tokens, s)
        && honorific(tokens.raw_lower(s)).is_none()
        && !is_title_word(tokens.lower(s))
        && lexicon::given_name(tokens.lower(s)).is_none()
        && casing.is_common_word(tokens.lower(s))
    {
        s += 1;
        // What followed the opener starts a name only at a capitalised word.
        while s < end && (tokens.list[s].kind != Kind::Word || !tokens.list[s].capitalized) {
            s += 1;
        }
    }
    s
}

/// "the Jew", "the Dodger": a one-word name written after "the", with no title and no known
/// given name, is a capitalised common noun that the text uses as a name; the article belongs
/// to it (the name is displayed with it). `words` are the name's lowercase words.
pub fn has_article(tokens: &Tokens, c: &NameChunk, words: &[&str]) -> bool {
    let [word] = words else { return false };
    let Some(before) = c.tokens.start.checked_sub(1) else {
        return false;
    };
    c.tokens.start == c.name_tokens.start
        && !c.is_org
        && !c.is_place
        && !c.all_caps
        && lexicon::given_name(word).is_none()
        && tokens.is_word(before)
        && tokens.lower(before) == "the"
}

/// The line holding byte `at` has letters and none of them is lowercase.
fn in_capitals_line(text: &str, at: usize) -> bool {
    let from = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let to = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = &text[from..to];
    line.chars().any(char::is_alphabetic) && !line.chars().any(char::is_lowercase)
}

fn build_chunk(tokens: &Tokens, start: usize, end: usize, out: &mut Vec<NameChunk>) {
    // Trailing connectors and dots are not part of the name.
    let mut end = end;
    while end > start
        && (tokens.list[end - 1].kind != Kind::Word || is_name_connector(tokens.raw_lower(end - 1)))
    {
        end -= 1;
    }
    if end <= start {
        return;
    }
    // The title is everything up to the last title word or honorific that still leaves a
    // name after it: "Russian Foreign Minister Sergey Lavrov", "Harbour Minister Paula Grant",
    // "Texas Sen. Ted Cruz".
    let words: Vec<usize> = (start..end)
        .filter(|&m| tokens.list[m].kind == Kind::Word)
        .collect();
    let mut gender = Gender::Unknown;
    let mut title_words = 0;
    for (wi, &m) in words.iter().enumerate().take(words.len().saturating_sub(1)) {
        let l = tokens.lower(m);
        // "M." after a given name is a middle initial ("Jeffrey M. Jones"), not "Monsieur".
        let middle_initial = l.len() == 1 && wi > title_words;
        if let Some(g) = honorific(l).filter(|_| !middle_initial) {
            if g != Gender::Unknown {
                gender = g;
            }
            title_words = wi + 1;
        } else if is_title_word(l)
            // "Fisherman Piet Alders": a person's role opening the name is a title.
            || (wi == title_words && lexicon::role_noun(l).is_some_and(|(org, _)| !org))
        {
            title_words = wi + 1;
        }
    }
    // "State Department", "White House": the title word belongs to an organisation's name.
    let rest = &words[title_words..];
    if let [only] = rest
        && is_org_word(tokens.lower(*only))
    {
        title_words = 0;
        gender = Gender::Unknown;
    }
    // "Duchess of Monmouth": a title joined by "of" is the whole name, not a title before it.
    if rest.first().is_some_and(|&m| tokens.lower(m) == "of") {
        title_words = 0;
    }
    // The name's words are those after the title (past the dot of an abbreviated title:
    // "Sen.").
    let name_words = &words[title_words..];
    let Some(&name_start) = name_words.first() else {
        return;
    };
    let lowers = || name_words.iter().map(|&m| tokens.lower(m));
    let first_lower = tokens.lower(name_start);
    // A lone nationality adjective between a determiner and a common noun ("the Russian
    // president had ...") modifies a description; it is nobody's name. Before a name it is
    // part of a title ("the Republican strategist Ryan Williams") and stays.
    let lowercase_word = |m: usize| {
        tokens.get(m).is_some_and(|w| {
            w.kind == Kind::Word && !w.capitalized && tokens.sentence(m) == tokens.sentence(start)
        })
    };
    if title_words == 0
        && name_words.len() == 1
        && start > 0
        && lexicon::is_determiner(tokens.lower(start - 1))
        && is_demonym(first_lower)
        && lexicon::given_name(first_lower).is_none()
        && lowercase_word(end)
        && !Lexicon_verb(tokens.lower(end))
    {
        let mut after = end;
        while after < end + 3 && lowercase_word(after) {
            after += 1;
        }
        let name_follows = tokens
            .get(after)
            .is_some_and(|w| w.kind == Kind::Word && w.capitalized);
        if !name_follows {
            return;
        }
    }
    let all_caps = name_words.iter().all(|&m| is_all_caps(tokens.text(m)));
    let is_org = lowers().any(is_org_word)
        || (all_caps && name_words.len() == 1 && tokens.text(name_words[0]).len() <= 5);
    // A line all in capitals is a heading ("CHAPTER IX. THE MERRY OLD GENTLEMAN"): its words
    // name nobody, and a description must not find a person in them.
    if all_caps && !is_org && in_capitals_line(tokens.text, tokens.list[start].span().start) {
        return;
    }
    let is_place_name = !is_org && lowers().all(|w| is_place(w) || is_name_connector(w));
    let first_given = lexicon::given_name(first_lower);
    if gender == Gender::Unknown
        && let Some(g) = first_given
        && name_words.len() >= 2
    {
        gender = g;
    }
    let person_title = (start..name_start).any(|m| {
        let l = tokens.lower(m);
        honorific(l).is_some() || lexicon::role_noun(l).is_some_and(|(org, _)| !org)
    });
    let person_evidence = !is_org
        && !is_place_name
        && (person_title
            || (first_given.is_some() && name_words.len() >= 2)
            || gender != Gender::Unknown);
    // A determiner before an organisation belongs to its mention: "the State Department".
    let mut first = start;
    if is_org && start > 0 && tokens.lower(start - 1) == "the" && !tokens.list[start - 1].quoted {
        first = start - 1;
    }
    let mut last = end;
    let mut titles = Vec::new();
    if name_start > start {
        let title = Span::new(
            tokens.list[start].span().start,
            tokens.list[name_start - 1].span().end,
        );
        titles.push(title.text(tokens.text).to_string());
    }
    // ", R-Texas" or " (R-Texas)" after the name.
    if (tokens.is_punct(last, ',') || tokens.is_punct(last, '('))
        && tokens.is_word(last + 1)
        && is_party_tag(tokens.text(last + 1))
    {
        titles.push(tokens.text(last + 1).to_string());
        last += 2;
        if tokens.is_punct(last, '.') && tokens.is_punct(last + 1, ')') {
            last += 1; // (D-Calif.)
        }
        if tokens.is_punct(last, ')') {
            last += 1;
        }
    }
    let span = Span::new(
        tokens.list[first].span().start,
        tokens.list[last - 1].span().end,
    );
    let name = Span::new(
        tokens.list[name_start].span().start,
        tokens.list[end - 1].span().end,
    );
    // An apposition after the name adds a title: "Sergey Lavrov, Russia’s foreign minister,".
    if let Some(app) = apposition_after(tokens, last) {
        titles.push(app);
    }
    // A pushed-to vector reserves four; a long text has tens of thousands of titled chunks.
    titles.shrink_to_fit();
    out.push(NameChunk {
        tokens: first..last,
        name_tokens: name_start..end,
        span,
        name,
        titles,
        gender,
        is_org,
        is_place: is_place_name,
        person_evidence,
        all_caps,
        pronoun_after: Gender::Unknown,
    });
}

/// Fill in each chunk's `pronoun_after`: look a short way past the name, in narration, up to
/// the next name or paragraph.
fn vote_pronouns(tokens: &Tokens, chunks: &mut [NameChunk]) {
    const REACH: usize = 30;
    for ci in 0..chunks.len() {
        let from = chunks[ci].tokens.end;
        let until = chunks
            .get(ci + 1)
            .map_or(tokens.len(), |c| c.tokens.start)
            .min(from + REACH);
        chunks[ci].pronoun_after = (from..until)
            .take_while(|&i| !tokens.list[i].after_newline)
            .filter(|&i| tokens.list[i].kind == Kind::Word && !tokens.list[i].quoted)
            .find_map(|i| match tokens.raw_lower(i) {
                "he" | "him" | "his" | "himself" => Some(Gender::Male),
                "she" | "her" | "hers" | "herself" => Some(Gender::Female),
                _ => None,
            })
            .unwrap_or(Gender::Unknown);
    }
}

/// `, a spokesman for the ministry,` or `, Russia’s foreign minister,` after token `at - 1`.
fn apposition_after(tokens: &Tokens, at: usize) -> Option<String> {
    if !tokens.is_punct(at, ',') {
        return None;
    }
    tokens.get(at)?;
    let sentence = tokens.sentence(at);
    let first = at + 1;
    let f = tokens.get(first)?;
    if f.kind != Kind::Word || f.quoted {
        return None;
    }
    let lower = tokens.lower(first);
    let starts_right = lexicon::is_determiner(lower)
        || tokens.is_possessive(first)
        || is_title_word(lower)
        || is_demonym(lower)
        || lexicon::role_noun(lower).is_some();
    if !starts_right || matches!(lower, "that" | "this" | "these" | "those" | "no" | "every") {
        return None;
    }
    let mut k = first;
    let mut has_role = false;
    while let Some(t) = tokens.get(k) {
        if tokens.sentence(k) != sentence || t.quoted || k - first > 12 {
            return None;
        }
        if t.kind != Kind::Word {
            if tokens.is_punct(k, ',')
                || tokens.is_punct(k, '.')
                || tokens.is_punct(k, ';')
                || tokens.is_punct(k, ')')
                || tokens.is_punct(k, '\u{2014}')
            {
                break;
            }
            if t.kind == Kind::Mark {
                return None;
            }
            k += 1;
            continue;
        }
        let l = tokens.lower(k);
        if lexicon::role_noun(l).is_some() || is_title_word(l) {
            has_role = true;
        }
        // A verb means this is a clause, not an apposition.
        if matches!(
            l,
            "is" | "was" | "were" | "are" | "has" | "had" | "have" | "who" | "which" | "and"
        ) || Some(k) != Some(first) && super::lexicon::Lexicon::standard().verb(l).is_some()
        {
            return None;
        }
        k += 1;
    }
    // `Mr. Grimble, the beadle,`: a short definite phrase is a trade the text gives him, whether
    // or not the lexicon knows the noun.
    let trade = lower == "the"
        && (2..=3).contains(&(k - first))
        && tokens.get(k).is_some_and(|t| t.kind != Kind::Word)
        && tokens.list[first + 1..k]
            .iter()
            .all(|t| t.kind == Kind::Word && !t.capitalized);
    if !(has_role || trade) || k == first {
        return None;
    }
    let span = Span::new(
        tokens.list[first].span().start,
        tokens.list[k - 1].span().end,
    );
    Some(span.text(tokens.text).to_string())
}

/// A noun phrase that can be a speaker: what a cue's subject looks like.
#[derive(Clone, Debug, PartialEq)]
pub struct Phrase {
    pub tokens: Range<usize>,
    pub kind: MentionKind,
    /// The name chunk, for names.
    pub chunk: Option<usize>,
    pub gender: Gender,
    pub is_org: bool,
    pub plural: bool,
    /// The head word's lowercase form ("diplomat" in "the Russian top diplomat").
    pub head: String,
    /// For a relative pronoun ("Rubio, who said"), the phrase it stands for.
    pub antecedent: Option<Box<Phrase>>,
}

impl Phrase {
    /// A personal pronoun at token `at`: "he", or "his" of "his voice".
    fn pronoun(at: usize, gender: Gender, head: &str) -> Phrase {
        Phrase {
            tokens: at..at + 1,
            kind: MentionKind::Pronoun,
            chunk: None,
            gender,
            is_org: gender == Gender::Neuter,
            plural: gender == Gender::Plural,
            head: head.to_string(),
            antecedent: None,
        }
    }
}

/// Index from token to the name chunk whose mention ends or starts there (sparse: most
/// tokens start or end no name).
pub struct NameIndex {
    by_last: FxHashMap<u32, u32>,
    by_first: FxHashMap<u32, u32>,
}

impl NameIndex {
    pub fn new(chunks: &[NameChunk]) -> NameIndex {
        let map = |n| FxHashMap::with_capacity_and_hasher(n, Default::default());
        // The last token of a chunk is mostly the last of its name too: reserving two keys
        // a chunk would double the table, and touch all its pages.
        let (mut by_last, mut by_first) = (map(chunks.len() + chunks.len() / 4), map(chunks.len()));
        // A later chunk takes a token over from an earlier one.
        for (ci, c) in chunks.iter().enumerate() {
            by_last.insert((c.tokens.end - 1) as u32, ci as u32);
            by_last.insert((c.name_tokens.end - 1) as u32, ci as u32);
            by_first.insert(c.tokens.start as u32, ci as u32);
            // Titles before the name may hold a lowercase "the" outside the chunk.
        }
        NameIndex { by_last, by_first }
    }
    pub fn ending_at(&self, i: usize) -> Option<usize> {
        let i = u32::try_from(i).ok()?;
        self.by_last.get(&i).map(|&c| c as usize)
    }
    pub fn starting_at(&self, i: usize) -> Option<usize> {
        let i = u32::try_from(i).ok()?;
        self.by_first.get(&i).map(|&c| c as usize)
    }
}

/// Words that may stand between a subject and its verb: "Lavrov also said", "he has said".
pub fn is_verb_modifier(lower: &str) -> bool {
    matches!(
        lower,
        "also"
            | "not"
            | "didn't"
            | "did\u{2019}t"
            | "doesn't"
            | "doesn\u{2019}t"
            | "don't"
            | "don\u{2019}t"
            | "won't"
            | "won\u{2019}t"
            | "wouldn't"
            | "wouldn\u{2019}t"
            | "hasn't"
            | "hasn\u{2019}t"
            | "hadn't"
            | "hadn\u{2019}t"
            | "has"
            | "had"
            | "have"
            | "was"
            | "is"
            | "were"
            | "are"
            | "then"
            | "later"
            | "again"
            | "once"
            | "previously"
            | "recently"
            | "further"
            | "simply"
            | "reportedly"
            | "immediately"
            | "repeatedly"
            | "finally"
            | "just"
            | "would"
            | "will"
            | "did"
            | "does"
            | "do"
            | "could"
            | "might"
            | "may"
            | "must"
            | "should"
            | "can"
            | "often"
            | "frequently"
            | "always"
            | "never"
            | "even"
            | "already"
            | "still"
            | "only"
            | "first"
            | "quickly"
            | "quietly"
            | "softly"
            | "loudly"
            | "angrily"
            | "flatly"
            | "bluntly"
            | "calmly"
            | "gently"
            | "coldly"
            | "sharply"
            | "proudly"
            | "publicly"
            | "now"
            | "privately"
            | "separately"
            | "similarly"
            | "specifically"
            | "explicitly"
            | "openly"
            | "candidly"
            | "frankly"
            | "succinctly"
            | "apparently"
            | "allegedly"
            | "initially"
            | "subsequently"
            | "eventually"
            | "ultimately"
            | "earlier"
            | "too"
            | "being"
            | "been"
    ) || (lower.ends_with("ly") && lower.len() > 4 && lexicon::role_noun(lower).is_none())
}

/// The noun phrase ending at token `end` (inclusive), if it can be a speaker.
pub fn phrase_ending_at(
    tokens: &Tokens,
    names: &NameIndex,
    chunks: &[NameChunk],
    end: usize,
) -> Option<Phrase> {
    let t = tokens.get(end)?;
    // A name may end in punctuation: "Sen. Ted Cruz (R-Texas)".
    if t.quoted || (t.kind != Kind::Word && names.ending_at(end).is_none()) {
        return None;
    }
    if let Some(ci) = names.ending_at(end) {
        let c = &chunks[ci];
        return Some(Phrase {
            tokens: c.tokens.clone(),
            kind: MentionKind::Name,
            chunk: Some(ci),
            gender: c.gender,
            is_org: c.is_org || c.is_place,
            plural: false,
            head: tokens.lower(c.name_tokens.end - 1).to_string(),
            antecedent: None,
        });
    }
    let lower = tokens.lower(end);
    if matches!(lower, "who" | "which") && end > 0 {
        // "Sen. Marco Rubio of Florida, who mused": the pronoun stands for the phrase before.
        // (or a dash: "Ann Vos - who said ... - voted yes")
        let before = if ([',', '-', '\u{2014}', '\u{2013}'])
            .iter()
            .any(|&c| tokens.is_punct(end - 1, c))
        {
            end.checked_sub(2)?
        } else {
            end - 1
        };
        let antecedent = phrase_ending_at(tokens, names, chunks, before)?;
        if antecedent.kind == MentionKind::Pronoun {
            return None;
        }
        return Some(Phrase {
            tokens: end..end + 1,
            kind: MentionKind::Pronoun,
            chunk: None,
            gender: antecedent.gender,
            is_org: antecedent.is_org,
            plural: antecedent.plural,
            head: lower.to_string(),
            antecedent: Some(Box::new(antecedent)),
        });
    }
    if let Some(g) = lexicon::subject_pronoun(lower) {
        return Some(Phrase::pronoun(end, g, lower));
    }
    description_ending_at(tokens, names, chunks, end).or_else(|| quantifier_ending_at(tokens, end))
}

/// A quantifier standing for people, ending at token `last`, as the subject of a cue:
/// "another wrote", "others said", "the two write".
fn quantifier_ending_at(tokens: &Tokens, last: usize) -> Option<Phrase> {
    if !tokens.is_word(last) || tokens.list[last].quoted {
        return None;
    }
    let lower = tokens.lower(last);
    let start = match lower {
        "another" | "others" | "both" | "many" | "several" | "most" => last,
        "two" | "three" | "four" if last > 0 && tokens.lower(last - 1) == "the" => last - 1,
        // a share of those asked: "21 percent said"
        "percent"
            if last > 0
                && tokens
                    .text(last - 1)
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '.') =>
        {
            let approximate = last >= 2
                && matches!(
                    tokens.lower(last - 2),
                    "about" | "nearly" | "almost" | "roughly" | "some" | "only" | "just" | "over"
                );
            last - 1 - usize::from(approximate)
        }
        _ => return None,
    };
    Some(Phrase {
        tokens: start..last + 1,
        kind: MentionKind::Description,
        chunk: None,
        gender: if lower == "another" {
            Gender::Unknown
        } else {
            Gender::Plural
        },
        is_org: false,
        plural: lower != "another",
        head: lower.to_string(),
        antecedent: None,
    })
}

/// "the Russian top diplomat", "a spokeswoman for the ministry", "officials".
fn description_ending_at(
    tokens: &Tokens,
    names: &NameIndex,
    chunks: &[NameChunk],
    end: usize,
) -> Option<Phrase> {
    // A title inside a name ("that Mayor Helen Park") belongs to the name's mention.
    let chunk_before = chunks.partition_point(|c| c.tokens.start <= end);
    if chunk_before > 0 && chunks[chunk_before - 1].tokens.end > end + 1 {
        return None;
    }
    let lower = tokens.lower(end);
    let known = lexicon::is_role_noun(lower);
    let (is_org, gender, plural) = if let Some((org, g)) = lexicon::role_noun(lower) {
        (org, g, false)
    } else if lexicon::plural_role_noun(lower) {
        (false, Gender::Plural, true)
    } else if could_be_noun(tokens, end) {
        // A noun the lexicon does not know ("the designer"): a speaker only with a determiner,
        // checked below; a speech cue next to it is the evidence.
        (false, Gender::Unknown, false)
    } else {
        return None;
    };
    let sentence = tokens.sentence(end);
    // Walk left over modifiers to a determiner or possessive.
    let mut k = end;
    let mut start = None;
    while k > 0 && end - k < 7 {
        let p = k - 1;
        let pt = tokens.list[p];
        if tokens.sentence(p) != sentence || pt.quoted {
            break;
        }
        if pt.kind != Kind::Word {
            if tokens.is_punct(p, '-') {
                k = p;
                continue;
            }
            break;
        }
        let pl = tokens.lower(p);
        if lexicon::is_determiner(pl) {
            start = Some(p);
            break;
        }
        // Two roles of one person: "the Texas senator and presidential candidate said".
        if pl == "and"
            && p > 0
            && lexicon::role_noun(lower).is_some_and(|(org, _)| !org)
            && let Some(left) = description_ending_at(tokens, names, chunks, p - 1)
            && !left.plural
            && !left.is_org
            && lexicon::role_noun(&left.head).is_some()
            && lexicon::is_determiner(tokens.lower(left.tokens.start))
        {
            start = Some(left.tokens.start);
            break;
        }
        if tokens.is_possessive(p) {
            // "Russia’s foreign minister", "the ministry’s spokeswoman"
            start = Some(names.ending_at(p).map_or(p, |c| chunks[c].tokens.start));
            if p > 0 && tokens.lower(p - 1) == "the" {
                start = Some(p - 1);
            }
            break;
        }
        // A pronoun is a clause's subject, not a modifier: "the timeline he gave".
        if is_verb_modifier(pl)
            || Lexicon_verb(pl)
            || lexicon::subject_pronoun(pl).is_some()
            || matches!(
                pl,
                "and"
                    | "or"
                    | "but"
                    | "that"
                    | "to"
                    | "of"
                    | "for"
                    | "in"
                    | "on"
                    | "at"
                    | "with"
                    | "by"
            )
        {
            break;
        }
        k = p;
    }
    // "his anti-Muslim remarks said", "her voice said": a thing of someone's that speaks is
    // that someone speaking, so the possessive pronoun is the mention. A person noun ("his
    // wife") is a person of its own.
    if let Some(s) = start
        && !known
        && let Some(g) = lexicon::other_pronoun(tokens.lower(s))
    {
        return Some(Phrase::pronoun(s, g, tokens.lower(s)));
    }
    let start = match start {
        Some(s)
            if known
                || matches!(
                    tokens.lower(s),
                    "the"
                        | "a"
                        | "an"
                        | "one"
                        | "another"
                        | "his"
                        | "her"
                        | "their"
                        | "its"
                        | "our"
                ) =>
        {
            s
        }
        Some(_) => return None,
        None if !known => return None,
        // A bare plural ("officials said") or a capitalised title ("Spokesman") stands alone.
        // A bare plural takes only capitalised modifiers ("Senate Democrats"), never the
        // words of the clause before it ("if people").
        None if plural => {
            let mut s = end;
            while s > 0
                && s > k
                && tokens.list[s - 1].capitalized
                && tokens.is_word(s - 1)
                && tokens.sentence(s - 1) == sentence
            {
                s -= 1;
            }
            s
        }
        None if k == end && tokens.list[end].capitalized => k,
        None => return None,
    };
    // "for the ministry" after a person noun belongs to the phrase only when reading right;
    // here the phrase ends at the head, so check whether it is the object of such a
    // preposition: "a spokeswoman for the ministry" ends at "ministry", and so does "the sign
    // on the door", whose head is the sign.
    if start >= 2
        && matches!(
            tokens.lower(start - 1),
            "for" | "of" | "at" | "with" | "on" | "in" | "from" | "near" | "behind" | "outside"
        )
        && let Some(outer) = description_ending_at(tokens, names, chunks, start - 2)
        && !outer.is_org
    {
        return Some(Phrase {
            tokens: outer.tokens.start..end + 1,
            ..outer
        });
    }
    Some(Phrase {
        tokens: start..end + 1,
        kind: MentionKind::Description,
        chunk: None,
        gender,
        is_org,
        plural,
        head: lower.to_string(),
        antecedent: None,
    })
}

/// A lowercase content word that can head a noun phrase: not a function word, adverb or verb
/// form we know.
fn could_be_noun(tokens: &Tokens, i: usize) -> bool {
    let t = tokens.list[i];
    if t.kind != Kind::Word || t.capitalized {
        return false;
    }
    let lower = tokens.lower(i);
    lower.len() > 2
        && lower.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
        && !is_not_name(lower)
        && !is_verb_modifier(lower)
        && !Lexicon_verb(lower)
        && !lexicon::is_determiner(lower)
        && !lexicon::is_non_agent_noun(lower)
        && !lower.ends_with("ed")
}

#[allow(non_snake_case)]
fn Lexicon_verb(lower: &str) -> bool {
    super::lexicon::Lexicon::standard().verb(lower).is_some()
}

/// The noun phrase starting at token `start`, for inverted cues ("said the minister") and
/// "according to".
pub fn phrase_starting_at(
    tokens: &Tokens,
    names: &NameIndex,
    chunks: &[NameChunk],
    start: usize,
) -> Option<Phrase> {
    let t = tokens.get(start)?;
    if t.kind != Kind::Word || t.quoted {
        return None;
    }
    // "tweeted another.", "wrote the two,": a quantifier that ends the clause.
    let clause_ends = |k: usize| tokens.get(k).is_none_or(|n| n.kind != Kind::Word);
    for last in [start, start + 1] {
        if clause_ends(last + 1)
            && let Some(p) = quantifier_ending_at(tokens, last)
            && p.tokens.start == start
        {
            return Some(p);
        }
    }
    // Titles and roles before a name: "said former Rep. George Miller", "said pollster Frank
    // Luntz", "said Florida-based Republican strategist Al Cardenas".
    let mut first = start;
    while first < start + 6 && tokens.is_word(first) {
        let l = tokens.lower(first);
        // any lowercase noun run that ends in a name: "election lawyer Joe Birkenstock"
        let leads_to_name = (first + 1..(first + 4).min(tokens.len()))
            .take_while(|&m| tokens.is_word(m))
            .any(|m| names.starting_at(m).is_some());
        let lowercase_title = !tokens.list[first].capitalized
            && (is_title_word(l)
                // "said director of communications Ann Lee"
                || (l == "of" && first > start && leads_to_name)
                || (leads_to_name && could_be_noun(tokens, first))
                // "said undecided Republican voter Ann Lee": a participle describing the role,
                // not a verb taking the name as its object ("granted Mr. Lee a delay").
                || (leads_to_name
                    && first == start
                    && l.len() > 4
                    && l.ends_with("ed")
                    && tokens.is_word(first + 1)
                    && (!tokens.list[first + 1].capitalized
                        || names
                            .starting_at(first + 1)
                            .is_some_and(|ci| !chunks[ci].person_evidence)))
                || lexicon::role_noun(l).is_some_and(|(org, _)| !org)
                || matches!(
                    l,
                    "former"
                        | "retired"
                        | "late"
                        | "then"
                        | "outgoing"
                        | "incoming"
                        | "acting"
                        | "the"
                ));
        // A capitalised modifier chunk followed by a lowercase title: "Republican strategist".
        let modifier_chunk = names.starting_at(first).filter(|&ci| {
            let after = chunks[ci].tokens.end;
            tokens.is_word(after)
                && !tokens.list[after].capitalized
                && (is_title_word(tokens.lower(after))
                    || lexicon::role_noun(tokens.lower(after)).is_some())
                && !chunks[ci].person_evidence
        });
        if let Some(ci) = modifier_chunk {
            first = chunks[ci].tokens.end;
        } else if lowercase_title {
            first += 1;
        } else {
            break;
        }
    }
    if first > start && names.starting_at(first).is_none() {
        first = start;
    }
    if let Some(ci) = names.starting_at(first) {
        let c = &chunks[ci];
        return Some(Phrase {
            tokens: start..c.tokens.end,
            kind: MentionKind::Name,
            chunk: Some(ci),
            gender: c.gender,
            is_org: c.is_org || c.is_place,
            plural: false,
            head: tokens.lower(c.name_tokens.end - 1).to_string(),
            antecedent: None,
        });
    }
    let lower = tokens.lower(start);
    if let Some(g) = lexicon::subject_pronoun(lower) {
        return Some(Phrase::pronoun(start, g, lower));
    }
    // "the" + name chunk: "the Kremlin" is found by chunk; "the Russian foreign minister" by
    // reading right to the head noun.
    if lexicon::is_determiner(lower) || tokens.is_possessive(start) {
        let sentence = tokens.sentence(start);
        let mut k = start + 1;
        while k < tokens.len() && k - start < 7 {
            let u = tokens.list[k];
            if tokens.sentence(k) != sentence || u.quoted || u.kind == Kind::Mark {
                break;
            }
            // "the Ohio governor": a place or modifier before a person noun is part of a
            // description, not the name of the speaker.
            let modifies_noun = |ci: usize| {
                let after = chunks[ci].tokens.end;
                tokens.is_word(after)
                    && !tokens.list[after].capitalized
                    && tokens.sentence(after) == sentence
                    && (lexicon::role_noun(tokens.lower(after)).is_some_and(|(org, _)| !org)
                        || lexicon::plural_role_noun(tokens.lower(after)))
            };
            if let Some(ci) = names.starting_at(k)
                && k == start + 1
                && lower == "the"
                && !modifies_noun(ci)
            {
                let c = &chunks[ci];
                return Some(Phrase {
                    tokens: start..c.tokens.end,
                    kind: MentionKind::Name,
                    chunk: Some(ci),
                    gender: c.gender,
                    is_org: c.is_org || c.is_place,
                    plural: false,
                    head: tokens.lower(c.name_tokens.end - 1).to_string(),
                    antecedent: None,
                });
            }
            if u.kind == Kind::Word
                && let Some(d) = description_ending_at(tokens, names, chunks, k)
                && d.tokens.start <= start
            {
                // Prefer the longest: "a spokeswoman for the ministry".
                let longer = (k + 2 < tokens.len())
                    .then(|| {
                        if matches!(tokens.lower(k + 1), "for" | "of" | "at") {
                            (k + 2..(k + 8).min(tokens.len()))
                                .rev()
                                .find_map(|m| description_ending_at(tokens, names, chunks, m))
                                .filter(|o| o.tokens.start <= start && o.head == d.head)
                        } else {
                            None
                        }
                    })
                    .flatten();
                // Read noun compounds whole: "the harbour authority", not "the harbour". A
                // known person noun is never a modifier of an unknown word ("the governor
                // sought"), and a word followed by its object is a verb ("the deal envisions a").
                let takes_object = |m: usize| {
                    tokens.get(m + 1).is_some_and(|_| {
                        let next = tokens.lower(m + 1);
                        lexicon::is_determiner(next)
                            || matches!(next, "to" | "that" | "him" | "her" | "them" | "it")
                    })
                };
                let mut best = longer.unwrap_or(d);
                let mut m = best.tokens.end;
                while m < tokens.len() && m - start < 8 && tokens.sentence(m) == sentence {
                    // A capitalised modifier before a person noun: "a senior Pentagon official".
                    let after_modifier = names
                        .starting_at(m)
                        .filter(|&ci| modifies_noun(ci))
                        .map(|ci| chunks[ci].tokens.end);
                    let head = after_modifier.unwrap_or(m);
                    match description_ending_at(tokens, names, chunks, head) {
                        Some(e)
                            if e.tokens.start == best.tokens.start
                                && (lexicon::is_role_noun(&e.head)
                                    || (!lexicon::is_role_noun(&best.head)
                                        && !takes_object(head))) =>
                        {
                            best = e;
                            m = head + 1;
                        }
                        _ => break,
                    }
                }
                return Some(best);
            }
            k += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::text::{Format, Prose};

    fn chunks(text: &str) -> Vec<(String, String, Vec<String>)> {
        let prose = Prose::new(text, Format::Plain);
        let tokens = Tokens::new(&prose.text, &prose.sentences, &[]);
        find_names(&tokens)
            .into_iter()
            .map(|c| {
                (
                    c.span.text(text).to_string(),
                    c.name.text(text).to_string(),
                    c.titles,
                )
            })
            .collect()
    }

    #[test]
    fn names_with_titles_and_honorifics() {
        let c = chunks(
            "Russian Foreign Minister Sergey Lavrov met Mr. Trump and Sen. Ted Cruz, R-Texas, on Monday.",
        );
        assert_eq!(c[0].0, "Russian Foreign Minister Sergey Lavrov");
        assert_eq!(c[0].1, "Sergey Lavrov");
        assert_eq!(c[0].2, vec!["Russian Foreign Minister".to_string()]);
        assert_eq!(c[1].1, "Trump");
        assert_eq!(c[2].0, "Sen. Ted Cruz, R-Texas");
        assert_eq!(c[2].1, "Ted Cruz");
        assert!(c[2].2.contains(&"R-Texas".to_string()));
    }

    #[test]
    fn sentence_openers_are_not_names_and_orgs_keep_the() {
        let c = chunks("But the State Department said so. The Washington Post reported it.");
        assert_eq!(c[0].0, "the State Department");
        assert_eq!(c[1].0, "The Washington Post");
        assert_eq!(c[1].1, "Washington Post");
    }

    #[test]
    fn a_sentence_opener_used_in_lowercase_is_not_part_of_the_name() {
        // "Presently" and "Poor" occur in lowercase; "Rose" is capitalised inside a sentence,
        // so it stays a name even at the start of one.
        let c = chunks(
            "Presently Mildred rose. She was presently at the door. Poor Mildred! \
             The poor girl waited. Rose laughed at them, and Rose left.",
        );
        let names: Vec<&str> = c.iter().map(|c| c.1.as_str()).collect();
        assert_eq!(names, vec!["Mildred", "Mildred", "Rose", "Rose"]);
    }

    #[test]
    fn honorifics_possessives_and_of_split_juxtaposed_names() {
        let c = chunks(
            "He told Oswin Mrs. Tallow had gone. Oswin's Uncle Bram waved. \
             Ada Quill of Fenmoor sang, and the Duchess of Arden listened. Mr. Tallow nodded.",
        );
        let full: Vec<&str> = c.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(
            full,
            vec![
                "Oswin",
                "Mrs. Tallow",
                "Oswin's",
                "Uncle Bram",
                "Ada Quill",
                "Fenmoor",
                "Duchess of Arden",
                "Mr. Tallow"
            ]
        );
        assert_eq!(c[1].1, "Tallow");
        assert_eq!(c[1].2, vec!["Mrs.".to_string()]);
    }

    #[test]
    fn the_pronoun_after_a_name_votes_on_its_gender() {
        let text =
            "Wren opened the gate and she waved. \"Come,\" he said. Tobin sat; his hat fell.";
        let prose = Prose::new(text, Format::Plain);
        let quote = text.find("Come").unwrap();
        let tokens = Tokens::new(
            &prose.text,
            &prose.sentences,
            &[Span::new(quote, quote + 5)],
        );
        let votes: Vec<(String, Gender)> = find_names(&tokens)
            .into_iter()
            .map(|c| (c.name.text(text).to_string(), c.pronoun_after))
            .collect();
        assert_eq!(
            votes,
            vec![
                ("Wren".to_string(), Gender::Female),
                ("Tobin".to_string(), Gender::Male)
            ]
        );
    }

    #[test]
    fn apposition_gives_a_title() {
        let c = chunks("Maria Zakharova, a spokeswoman for the ministry, said no.");
        assert_eq!(c[0].1, "Maria Zakharova");
        assert!(
            c[0].2
                .contains(&"a spokeswoman for the ministry".to_string())
        );
    }

    fn subject(text: &str, verb: &str) -> Option<String> {
        let prose = Prose::new(text, Format::Plain);
        let tokens = Tokens::new(&prose.text, &prose.sentences, &[]);
        let chunks = find_names(&tokens);
        let index = NameIndex::new(&chunks);
        let v = (0..tokens.len()).find(|&i| tokens.text(i) == verb)?;
        let p = phrase_ending_at(&tokens, &index, &chunks, v - 1)?;
        Some(
            Span::new(
                tokens.list[p.tokens.start].span().start,
                tokens.list[p.tokens.end - 1].span().end,
            )
            .text(text)
            .to_string(),
        )
    }

    #[test]
    fn descriptions_pronouns_and_names_as_subjects() {
        assert_eq!(
            subject("Then the Russian top diplomat concluded.", "concluded").unwrap(),
            "the Russian top diplomat"
        );
        assert_eq!(
            subject("Later a spokeswoman for the ministry said so.", "said").unwrap(),
            "a spokeswoman for the ministry"
        );
        assert_eq!(subject("And he said so.", "said").unwrap(), "he");
        assert_eq!(subject("Officials said so.", "said").unwrap(), "Officials");
        assert_eq!(
            subject("The influential US daily wrote.", "wrote").unwrap(),
            "The influential US daily"
        );
        assert_eq!(subject("Yesterday Lavrov said.", "said").unwrap(), "Lavrov");
    }
}
