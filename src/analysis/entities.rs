//! Speakers as entities: name mentions grouped ("Sergey Lavrov", "Lavrov", "Mr. Lavrov"),
//! descriptions and pronouns resolved to the most salient compatible entity.

use super::lexicon;
use super::model::{Entity, Gender, Mention, MentionKind, Span};
use super::text;
use super::tokens::is_possessive_word;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A mention before it belongs to an entity.
///
/// 104 bytes, and borrowing from the analysed text (or its lowercase copy): a long text has
/// hundreds of thousands of seeds, and they peak with everything else the analysis holds.
/// Hence 32-bit offsets, the name as written rather than its display form, and no `entity`
/// field: the [`Mention`] is made only for the seeds kept.
#[derive(Clone, Debug)]
pub struct MentionSeed<'t> {
    /// The whole mention, titles included (`Mention::span`): see [`span`](Self::span).
    pub at: Span32,
    /// The proper-name part, for names; otherwise the whole (`Mention::name`).
    pub name_at: Span32,
    pub kind: MentionKind,
    pub gender: Gender,
    pub is_org: bool,
    /// Titles and roles attached to the mention ("Russian Foreign Minister").
    pub titles: Box<[String]>,
    /// Lowercase words of the proper name (names) or of the phrase (descriptions), in a list
    /// all seeds share (a long text has hundreds of thousands of seeds).
    pub words: &'t [&'t str],
    /// The name as written (names), or the phrase: [`display`](Self::display) is its display
    /// form ("Sergey Lavrov").
    pub written: &'t str,
    /// The text writes "the" before the name ("the Wanderer"), which its display keeps.
    pub with_article: bool,
    pub person_evidence: bool,
    /// The subject of a speech cue.
    pub is_speaker: bool,
    /// A name that opens its sentence, so most likely its subject: the one a "he" or "she"
    /// in the next sentence means before anyone named later in it ("Carson hired Dees,
    /// ending Bennett's run. He said ...").
    pub opens_sentence: bool,
    /// (32 bits, as the other indices here: a long text has hundreds of thousands of seeds.)
    pub paragraph: u32,
    pub plural: bool,
    /// An indefinite description ("a spokeswoman") introduces someone new.
    pub indefinite: bool,
    /// The mention lies in a headline-like paragraph.
    pub in_headline: bool,
    /// A lone honorific written before a name ("Mrs", "Dr."), as written.
    pub honorific: Option<&'t str>,
    /// For names: the gender of the first pronoun after it in the narration (a vote).
    pub pronoun_after: Gender,
    /// Another seed this one stands for (a relative pronoun and its antecedent).
    pub same_as: Option<u32>,
    /// Kept only if it resolves to someone already mentioned ("the mayor" in narration).
    pub optional: bool,
}

/// A span in 32-bit offsets (`analyze` takes texts under 4 GiB): half a [`Span`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span32 {
    start: u32,
    end: u32,
}

impl From<Span> for Span32 {
    fn from(s: Span) -> Span32 {
        Span32 {
            start: s.start as u32,
            end: s.end as u32,
        }
    }
}

impl From<Span32> for Span {
    fn from(s: Span32) -> Span {
        Span::new(s.start as usize, s.end as usize)
    }
}

impl<'t> MentionSeed<'t> {
    /// The whole mention, titles included.
    pub fn span(&self) -> Span {
        self.at.into()
    }

    /// The name as displayed: single-spaced, with its article when the text writes one.
    pub fn display(&self) -> Cow<'t, str> {
        let written = text::single_spaced(self.written);
        if self.with_article {
            Cow::Owned(format!("the {written}"))
        } else {
            written
        }
    }

    fn into_mention(self, entity: Option<usize>) -> Mention {
        Mention {
            span: self.at.into(),
            name: self.name_at.into(),
            kind: self.kind,
            titles: self.titles.into_vec(),
            entity,
            gender: self.gender,
            is_org: self.is_org,
        }
    }
}

/// A group of spelling variants found while grouping: (entity, mention with the odd spelling).
#[derive(Clone, Debug)]
pub struct Variant {
    pub entity: usize,
    pub mention: usize,
    /// A mention with the entity's usual spelling.
    pub other: usize,
}

pub struct Resolution {
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
    pub variants: Vec<Variant>,
    /// Mentions (pronouns, descriptions) with more than one likely antecedent.
    pub ambiguous: Vec<(usize, usize)>,
    /// For every seed (in input order), its index in `mentions`, if it was kept.
    pub seed_index: Vec<Option<u32>>,
}

#[derive(Clone, Debug, Default)]
struct Draft<'t> {
    names: Vec<Vec<&'t str>>,
    gender: Gender,
    is_org: bool,
    /// Name mentions that read as an organisation or place, and as a person: the majority
    /// decides, so a heading in capitals ("REVERTS TO MR. FAGIN AND COMPANY") cannot turn a
    /// character into a firm.
    org_names: u32,
    person_names: u32,
    person: bool,
    speaker: bool,
    titles: Vec<String>,
    /// The lowercase words of `titles` and of `names`, added with them, for matching
    /// descriptions without rebuilding them for every description.
    title_words: Vec<Cow<'t, str>>,
    /// The [`office_groups`] of any of `title_words`, or-ed.
    title_groups: u32,
    /// The lowercase words of `titles` that name an office ([`is_office`]).
    offices: Vec<String>,
    last_pos: usize,
    last_paragraph: usize,
    /// The paragraph of its first mention.
    first_paragraph: usize,
    last_subject_pos: Option<usize>,
    /// Where a name of it last opened a sentence.
    last_opening_pos: Option<usize>,
    mentions: Vec<usize>,
    /// Every way the entity is named, for choosing its canonical name.
    forms: Vec<NameForm<'t>>,
    description: Option<String>,
    alias: Option<String>,
    /// 1 once called "Mrs", 2 once called "Miss" (see `marital_class`).
    marital: u8,
    /// The first-person narrator: only "I" refers to them.
    narrator: bool,
    /// Something other than a pronoun says this is a person (an honorific, a given name, a
    /// role, a speech cue with the name as subject). "he" or "she" resolved to a place
    /// ("Hetton ... she said") must not make the place a person.
    evidenced: bool,
}

/// One way of naming an entity ("Lavrov", "Sergey Lavrov", "Mrs Beaver") and how often.
#[derive(Clone, Debug, Default)]
struct NameForm<'t> {
    words: Vec<&'t str>,
    display: String,
    /// The most recent honorific written before this name, if any.
    honorific: Option<String>,
    count: usize,
    /// Mentions with an honorific ("Mrs Beaver") among `count`.
    with_honorific: usize,
    /// Mentions written as "the Jew" (see `mentions::with_article`) among `count`.
    with_article: usize,
    /// The first mention (seed) with this form, and where it is.
    first: usize,
    first_pos: usize,
    /// Mentions outside headlines among `count`.
    in_body: usize,
}

impl<'t> Draft<'t> {
    /// Known only by honorific and surname so far ("Mr. Knightley").
    fn honorific_only(&self) -> bool {
        !self.forms.is_empty()
            && self
                .forms
                .iter()
                .all(|f| f.words.len() == 1 && f.with_honorific == f.count)
    }

    fn add_title_word(&mut self, word: Cow<'t, str>) {
        self.title_groups |= office_groups(&word);
        self.title_words.push(word);
    }

    fn add_form(&mut self, seed: &MentionSeed<'t>, si: usize) {
        let display = seed.display();
        let i = match self.forms.iter().position(|f| *f.words == *seed.words) {
            Some(i) => i,
            None => {
                self.forms.push(NameForm {
                    words: seed.words.to_vec(),
                    display: display.trim_start_matches("the ").to_string(),
                    first: si,
                    first_pos: seed.span().start,
                    ..NameForm::default()
                });
                self.forms.len() - 1
            }
        };
        let f = &mut self.forms[i];
        f.count += 1;
        f.in_body += usize::from(!seed.in_headline);
        f.with_article += usize::from(display.starts_with("the "));
        if let Some(h) = &seed.honorific {
            f.with_honorific += 1;
            f.honorific = Some(h.to_string());
        }
    }

    /// The canonical name: the fullest name that holds the most used one, when the text uses
    /// it to introduce the person or more than in passing ("Sergey Lavrov" over "Lavrov", but
    /// not a one-off "Margaret Oniton" or "Lucy Honeychurch" over "Lucy"); otherwise the most
    /// used name, with its honorific when the text mostly writes one ("Mrs Beaver"). Returns
    /// the name and the form's first mention.
    fn canonical_name(&self) -> Option<(String, usize)> {
        // A heading in capitals ("CHEZ BEAVER") names nobody when other forms exist.
        // Nor does a headline's run of title-case words when the body names the person.
        let written = |f: &&NameForm| f.display.chars().any(char::is_lowercase);
        let in_body = |f: &&NameForm| f.in_body > 0;
        let forms: Vec<&NameForm> = if self.forms.iter().any(|f| written(&f) && in_body(&f)) {
            self.forms
                .iter()
                .filter(|f| written(f) && in_body(f))
                .collect()
        } else if self.forms.iter().any(|f| written(&f)) {
            self.forms.iter().filter(written).collect()
        } else {
            self.forms.iter().collect()
        };
        let top = forms
            .iter()
            .max_by_key(|f| (f.count, f.words.len(), std::cmp::Reverse(f.first_pos)))?;
        let first_pos = forms.iter().map(|f| f.first_pos).min()?;
        // "from London Lydia came": a place run into a name is no part of it.
        let place_first = |f: &NameForm| {
            lexicon::is_place(f.words[0]) && lexicon::given_name(f.words[0]).is_none()
        };
        let full = forms
            .iter()
            .filter(|f| {
                f.words.len() >= 2 && is_sub_sequence(&top.words, &f.words) && !place_first(f)
            })
            .max_by_key(|f| (f.words.len(), f.count, std::cmp::Reverse(f.first_pos)));
        // A bare surname written with a single given name: "Chen" is "Li Chen" however rarely
        // the full name appears ("Mr. Knightley" keeps the form the text uses).
        // A known given name is no surname, and a name used often, never after an honorific
        // ("Mr. Poirot") and written in full only once is suspect: a one-off "Harvest
        // Thanksgiving Tony" is a capitalised phrase run into "Tony", not his full name.
        let surname_of_one = |full: &NameForm| {
            top.words.len() == 1
                && lexicon::given_name(top.words[0]).is_none()
                && (full.count >= 2 || top.count < 10 || top.with_honorific > 0)
                && top.with_honorific * 2 <= top.count
                && full.words.last() == top.words.last()
                && forms
                    .iter()
                    .filter(|f| f.words.len() >= 2 && f.words.last() == top.words.last())
                    .all(|f| f.words == full.words)
        };
        if let Some(full) = full
            && (full.first_pos == first_pos
                || full.count >= 5
                || (full.count >= 2 && full.count * 10 >= top.count)
                || surname_of_one(full))
        {
            return Some((full.display.clone(), full.first));
        }
        if let Some(h) = &top.honorific
            && top.with_honorific * 2 > top.count
        {
            return Some((format!("{h} {}", top.display), top.first));
        }
        if top.with_article * 2 > top.count {
            return Some((format!("the {}", top.display), top.first));
        }
        Some((top.display.clone(), top.first))
    }
}

/// The formal given name an English pet name stands for ("bill" -> "william"); any other
/// word is returned as it is.
fn formal_given_name(w: &str) -> &str {
    match w {
        "bill" | "billy" | "will" | "willie" | "willy" => "william",
        "bob" | "bobby" | "rob" => "robert",
        "dick" | "dicky" => "richard",
        "tom" | "tommy" => "thomas",
        "jim" | "jimmy" | "jem" => "james",
        "jack" | "johnny" => "john",
        "ned" | "teddy" => "edward",
        "harry" | "hal" => "henry",
        "charley" | "charlie" => "charles",
        "fred" | "freddy" | "freddie" => "frederick",
        "sam" | "sammy" => "samuel",
        "joe" => "joseph",
        "ben" => "benjamin",
        "nick" => "nicholas",
        "kate" | "kitty" | "katie" => "katherine",
        "lizzy" | "lizzie" | "liz" | "betsy" | "bess" => "elizabeth",
        "peggy" | "meg" => "margaret",
        "polly" | "molly" => "mary",
        "fanny" => "frances",
        "sally" => "sarah",
        _ => w,
    }
}

/// Two given names of one person: the same, or a pet name and its formal name.
fn same_given_name(a: &str, b: &str) -> bool {
    a == b || formal_given_name(a) == formal_given_name(b)
}

/// "Jeffrey Jones" and "Jeffrey M. Jones": the same name once middle initials are left out of
/// the one that has them (two different initials, "George H.W." and "George W.", differ).
fn same_but_initials(a: &[&str], b: &[&str]) -> bool {
    fn initial(w: &str) -> bool {
        w.split('.').all(|part| part.chars().count() <= 1) && w.chars().any(char::is_alphabetic)
    }
    // (No allocation: resolution tries this against every entity sharing a word.)
    let full = |n: &[&str]| n.iter().filter(|w| !initial(w)).count();
    let (fa, fb) = (full(a), full(b));
    fa >= 2
        && fa == fb
        && (fa == a.len() || fb == b.len())
        && a.iter()
            .filter(|w| !initial(w))
            .eq(b.iter().filter(|w| !initial(w)))
}

fn is_sub_sequence(short: &[&str], long: &[&str]) -> bool {
    !short.is_empty() && short.len() <= long.len() && long.windows(short.len()).any(|w| w == short)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Two spellings of one name: same shape, one word a near miss (Sergey / Sergei).
fn spelling_variant(a: &[&str], b: &[&str]) -> bool {
    if a.len() != b.len() || a.len() < 2 || a == b {
        return false;
    }
    let mut differing = a.iter().zip(b).filter(|(x, y)| x != y);
    let Some((x, y)) = differing.next() else {
        return false;
    };
    differing.next().is_none()
        && x.len() >= 4
        && y.len() >= 4
        && x.chars().next() == y.chars().next()
        && edit_distance(x, y) <= if x.len() >= 6 { 2 } else { 1 }
}

fn gender_fits(entity: Gender, mention: Gender) -> bool {
    entity == Gender::Unknown || mention == Gender::Unknown || entity == mention
}

/// Words of a description that say what someone is, for matching against titles.
fn content_words<'w>(words: &[&'w str]) -> impl Iterator<Item = &'w str> {
    words.iter().copied().filter(|w| {
        !lexicon::is_determiner(w)
            && !matches!(
                *w,
                "for" | "of" | "at" | "with" | "top" | "senior" | "former"
            )
    })
}

/// Whether a description ("the surgeon") names one of the roles an entity is known by: a word
/// of its titles or of its name ("Dr. Ward", "Ward, a physician") that is the description's
/// last word or the same office.
pub fn description_fits_role(description: &str, entity: &super::model::Entity) -> bool {
    let Some(head) = description.split_whitespace().last().map(str::to_lowercase) else {
        return false;
    };
    entity
        .titles
        .iter()
        .chain(std::iter::once(&entity.name))
        .flat_map(|t| title_words(t))
        .any(|w| same_office(&w, &head))
}

/// Role words that mean the same office: "the top diplomat" is a foreign minister.
fn same_office(a: &str, b: &str) -> bool {
    a == b || office_groups(a) & office_groups(b) != 0
}

/// The groups of [`OFFICE_GROUPS`] a word belongs to, one bit a group (0 for most words).
fn office_groups(word: &str) -> u32 {
    static MAP: OnceLock<FxHashMap<&'static str, u32>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut m = FxHashMap::default();
        for (g, words) in OFFICE_GROUPS.iter().enumerate() {
            for &w in *words {
                *m.entry(w).or_default() |= 1 << g;
            }
        }
        m
    });
    map.get(word).copied().unwrap_or(0)
}

/// Words that name the same office, a group a line.
const OFFICE_GROUPS: &[&[&str]] = &[
    &[
        "diplomat",
        "minister",
        "secretary",
        "ambassador",
        "envoy",
        "foreign",
    ],
    &[
        "daily",
        "newspaper",
        "paper",
        "outlet",
        "publication",
        "post",
        "times",
        "news",
        "journal",
        "tabloid",
        "magazine",
        "network",
        "channel",
        "broadcaster",
    ],
    &[
        "president",
        "leader",
        "head",
        "chief",
        "premier",
        "chancellor",
    ],
    &[
        "senator",
        "lawmaker",
        "legislator",
        "congressman",
        "congresswoman",
        "representative",
        "rep",
        "sen",
    ],
    &[
        "candidate",
        "nominee",
        "contender",
        "hopeful",
        "frontrunner",
        "front-runner",
        "challenger",
    ],
    &[
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "representative",
        "official",
    ],
    &[
        "ministry",
        "department",
        "government",
        "administration",
        "office",
        "agency",
    ],
    &["campaign", "committee", "party"],
    // Fiction calls its medical man by any of these, and by "Dr." before his name.
    &["doctor", "dr", "surgeon", "physician"],
];

/// A known given name written alone ("Tony", "Diana") is a person of that name's gender, as a
/// full name is: novels call their people by given name far more often than news does.
fn given_names_alone(seeds: &mut [MentionSeed]) {
    for s in seeds.iter_mut() {
        if s.kind == MentionKind::Name
            && !s.is_org
            && s.gender == Gender::Unknown
            && let Some(word) = given_name_word(s.words)
            && let Some(g) = lexicon::given_name(word)
        {
            s.gender = g;
            s.person_evidence = true;
        }
    }
}

/// The given name of a name that is only a given name, perhaps after a word of age or size
/// written as part of it: "Tony", "Old Ben", "Little Nell".
fn given_name_word<'w>(words: &[&'w str]) -> Option<&'w str> {
    match *words {
        [word] => Some(word),
        ["old" | "young" | "little" | "big", word] => Some(word),
        _ => None,
    }
}

/// Names whose gender is not written (no honorific, no known given name) take the gender the
/// pronouns after them agree on across the text: "Elinor ... she", "Elinor ... her".
fn vote_genders(seeds: &mut [MentionSeed]) {
    let mut votes: FxHashMap<&[&str], (u32, u32)> = FxHashMap::default();
    for s in seeds.iter() {
        if s.kind == MentionKind::Name && !s.is_org {
            let v = votes.entry(s.words).or_default();
            match s.pronoun_after {
                Gender::Male => v.0 += 1,
                Gender::Female => v.1 += 1,
                _ => {}
            }
        }
    }
    let voted: Vec<Option<Gender>> = seeds
        .iter()
        .map(|s| {
            if s.kind != MentionKind::Name || s.is_org || s.gender != Gender::Unknown {
                return None;
            }
            let &(m, f) = votes.get(s.words)?;
            if m >= 3 && m >= 3 * f {
                Some(Gender::Male)
            } else if f >= 3 && f >= 3 * m {
                Some(Gender::Female)
            } else {
                None
            }
        })
        .collect();
    for (s, g) in seeds.iter_mut().zip(voted) {
        if let Some(g) = g {
            s.gender = g;
        }
    }
}

/// Words naming an office, which a description and a title must agree on: "the Russian
/// president" is not the Russian foreign minister.
fn is_office(w: &str) -> bool {
    matches!(
        w,
        "president"
            | "minister"
            | "secretary"
            | "senator"
            | "sen"
            | "governor"
            | "gov"
            | "mayor"
            | "ambassador"
            | "envoy"
            | "diplomat"
            | "chancellor"
            | "premier"
            | "judge"
            | "prosecutor"
            | "congressman"
            | "congresswoman"
            | "lawmaker"
            | "legislator"
            | "chairman"
            | "chairwoman"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "ceo"
            | "commissioner"
            | "treasurer"
            | "auditor"
            | "comptroller"
            | "sheriff"
            | "councillor"
            | "councilor"
            | "councilman"
            | "councilwoman"
            | "king"
            | "queen"
    )
}

/// Offices nobody is called by without holding them in the text ("the president").
fn is_elected_office(w: &str) -> bool {
    matches!(
        w,
        "president"
            | "minister"
            | "secretary"
            | "senator"
            | "governor"
            | "mayor"
            | "chancellor"
            | "premier"
            | "king"
            | "queen"
    )
}

/// Lookups that keep resolution linear in the number of mentions: entities by the words of
/// their names and titles, and the entities mentioned most recently.
#[derive(Default)]
struct Index<'t> {
    by_word: FxHashMap<String, Vec<usize>>,
    by_title_word: FxHashMap<String, Vec<usize>>,
    /// Most recently mentioned last; bounded.
    recent: Vec<usize>,
    /// Surname -> the distinct given names written with it anywhere in the text. One given
    /// name: "Mr. Lavrov" is "Sergey Lavrov"; several (a family): "Mrs. Miller" is nobody's
    /// full name in particular.
    given_names: FxHashMap<String, Vec<String>>,
    /// A definite description ("the girl") -> the named person it last meant, and in which
    /// paragraph: a novel keeps calling its people by the same phrase.
    by_description: FxHashMap<&'t [&'t str], (usize, usize)>,
    /// The text reads as fiction, whose conventions for names differ from news's.
    fiction: bool,
}

const RECENT: usize = 64;
/// How many paragraphs a description keeps meaning the named person it last meant.
const DESCRIPTION_REACH_PARAGRAPHS: usize = 100;

impl<'t> Index<'t> {
    fn new(seeds: &[MentionSeed<'t>]) -> Index<'t> {
        let mut index = Index::default();
        for s in seeds {
            if s.kind == MentionKind::Name
                && s.honorific.is_none()
                && let [first, .., last] = s.words
            {
                let given = index.given_names.entry(last.to_string()).or_default();
                if !given.iter().any(|g| same_given_name(g, first)) {
                    given.push(first.to_string());
                }
            }
        }
        index
    }
    /// How many people of this gender the text names with this surname: "Mr. Crawford" is
    /// the one male Crawford even when his sister is named too.
    fn family_size(&self, surname: &str, gender: Gender) -> usize {
        self.given_names.get(surname).map_or(0, |given| {
            given
                .iter()
                .filter(|g| gender_fits(lexicon::given_name(g).unwrap_or_default(), gender))
                .count()
        })
    }
    fn candidates<'w>(
        map: &FxHashMap<String, Vec<usize>>,
        words: impl Iterator<Item = &'w str>,
    ) -> Vec<usize> {
        let mut out: Vec<usize> = words
            .filter_map(|w| map.get(w))
            .flatten()
            .copied()
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
    fn add(map: &mut FxHashMap<String, Vec<usize>>, word: &str, e: usize) {
        // Most words are indexed already: look up before allocating a key.
        match map.get_mut(word) {
            Some(list) if !list.contains(&e) => list.push(e),
            Some(_) => {}
            None => {
                map.insert(word.to_string(), vec![e]);
            }
        }
    }
    fn touch(&mut self, e: usize) {
        // Most mentions are of the entity mentioned last.
        if self.recent.last() == Some(&e) {
            return;
        }
        match self.recent.iter().rposition(|&x| x == e) {
            Some(k) => {
                self.recent.remove(k);
                self.recent.push(e);
            }
            None => {
                self.recent.push(e);
                if self.recent.len() > RECENT {
                    self.recent.remove(0);
                }
            }
        }
    }
}

/// The entities one lookup has visited, so it visits each once without sorting its
/// candidates: a stamp an entity, the lookup's own when visited.
#[derive(Default)]
struct Visited {
    stamps: Vec<u32>,
    lookup: u32,
}

impl Visited {
    /// Start a lookup among `entities` entities.
    fn start(&mut self, entities: usize) {
        if self.lookup == u32::MAX {
            self.stamps.fill(0);
            self.lookup = 0;
        }
        self.lookup += 1;
        self.stamps.resize(entities, 0);
    }

    /// Whether this lookup visits `e` for the first time (and marks it visited).
    fn first_visit(&mut self, e: usize) -> bool {
        std::mem::replace(&mut self.stamps[e], self.lookup) != self.lookup
    }
}

fn title_words(title: &str) -> impl Iterator<Item = String> + '_ {
    title
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// The name of the first-person narrator until the text says who they are.
pub const NARRATOR: &str = "the narrator";

/// `fiction`: the text reads as dialogue, and descriptions follow fiction's conventions.
pub fn resolve(
    mut seeds: Vec<MentionSeed<'_>>,
    aliases: &HashMap<String, String>,
    fiction: bool,
) -> Resolution {
    given_names_alone(&mut seeds);
    vote_genders(&mut seeds);
    // Process in text order; of two seeds starting together, the longer first: "his wife" is
    // someone the owner's "his", resolved just after it, cannot turn out to be.
    // Names in headlines come last: title case runs words together ("Icon Ann Lee Endorses
    // Tom Ruiz"), so a headline name only joins the people the body names.
    // A role written before the name it belongs to ("her brother Tom") follows the name.
    let at = |i: usize| (seeds[i].at.start, std::cmp::Reverse(seeds[i].at.end));
    // Each key made once (a comparison would make two, each reading two seeds), with the seed
    // last, which makes the sort stable. The seeds come in runs in text order (names, then
    // pronouns, ...), which a stable sort merges: sort with one.
    let mut keyed: Vec<_> = (0..seeds.len())
        .map(|i| {
            let headline_name = seeds[i].in_headline && seeds[i].kind == MentionKind::Name;
            let own = (seeds[i].at.start, seeds[i].at.end);
            let key = match seeds[i].same_as.map(|a| a as usize) {
                Some(a) if at(a) > at(i) => (headline_name, at(a), true, own),
                _ => (headline_name, at(i), false, own),
            };
            (key, i as u32)
        })
        .collect();
    keyed.sort();
    let process: Vec<usize> = keyed.into_iter().map(|(_, i)| i as usize).collect();
    let mut drafts: Vec<Draft> = Vec::new();
    // (32-bit, as `seed_index`: a long text has hundreds of thousands of seeds.)
    let mut assigned: Vec<Option<u32>> = vec![None; seeds.len()];
    let mut variants_raw: Vec<(usize, usize, usize)> = Vec::new();
    let mut ambiguous_raw: Vec<(usize, usize)> = Vec::new();
    let mut index = Index::new(&seeds);
    index.fiction = fiction;
    let mut visited = Visited::default();
    // "I" in the narration: the first-person narrator, one person throughout.
    let mut narrator: Option<usize> = None;

    for &si in &process {
        let seed = &seeds[si];
        let pos = seed.span().start;
        let first_person = seed.kind == MentionKind::Pronoun && *seed.words == ["i"];
        let entity = match seed.same_as {
            Some(a) => assigned[a as usize].map(|e| e as usize),
            None if first_person => narrator,
            None => match seed.kind {
                MentionKind::Name => resolve_name(
                    seed,
                    si,
                    &drafts,
                    &index,
                    aliases,
                    &assigned,
                    &mut variants_raw,
                ),
                MentionKind::Description => {
                    resolve_description(seed, &drafts, &index, &mut visited, fiction)
                }
                MentionKind::Pronoun => {
                    let (e, ambiguous) = resolve_pronoun(seed, pos, &drafts, &index);
                    if let Some(other) = ambiguous {
                        ambiguous_raw.push((si, other));
                    }
                    e
                }
            },
        };
        let e = match entity {
            Some(e) => e,
            None if first_person => {
                drafts.push(Draft {
                    person: true,
                    narrator: true,
                    description: Some(NARRATOR.to_string()),
                    ..Draft::default()
                });
                narrator = Some(drafts.len() - 1);
                drafts.len() - 1
            }
            None if seed.optional => continue,
            None => {
                // Pronouns with nothing to point at stay unresolved; anything else is new.
                if seed.kind == MentionKind::Pronoun {
                    continue;
                }
                drafts.push(Draft {
                    gender: seed.gender,
                    is_org: seed.is_org,
                    description: (seed.kind == MentionKind::Description)
                        .then(|| seed.display().into_owned()),
                    ..Draft::default()
                });
                drafts.len() - 1
            }
        };
        assigned[si] = Some(e as u32);
        index.touch(e);
        if seed.kind == MentionKind::Description
            && !seed.indefinite
            && !seed.plural
            && !drafts[e].names.is_empty()
        {
            index
                .by_description
                .insert(seed.words, (e, seed.paragraph as usize));
        }
        for t in &seed.titles {
            for w in title_words(t) {
                Index::add(&mut index.by_title_word, &w, e);
            }
        }
        if seed.kind == MentionKind::Name {
            for w in seed.words {
                Index::add(&mut index.by_word, w, e);
            }
        }
        let d = &mut drafts[e];
        if d.mentions.is_empty() {
            d.first_paragraph = seed.paragraph as usize;
        }
        d.mentions.push(si);
        d.last_pos = d.last_pos.max(pos);
        d.last_paragraph = d.last_paragraph.max(seed.paragraph as usize);
        if seed.is_speaker {
            d.speaker = true;
            d.last_subject_pos = Some(pos);
        }
        if seed.opens_sentence {
            d.last_opening_pos = Some(pos);
        }
        if seed.person_evidence {
            d.person = true;
        }
        // Whoever "she said" means is a person, as much as whoever a name says something.
        if !seed.is_org
            && ((seed.kind != MentionKind::Pronoun && seed.person_evidence) || seed.is_speaker)
        {
            d.evidenced = true;
        }
        // A pronoun tells a person's gender once it is known to be a person; "she said" is
        // such evidence, so "the man" cannot later join her.
        if d.gender == Gender::Unknown
            && (d.evidenced || seed.kind != MentionKind::Pronoun || seed.is_speaker)
            && matches!(seed.gender, Gender::Male | Gender::Female)
        {
            d.gender = seed.gender;
        }
        if seed.kind == MentionKind::Name {
            if seed.is_org {
                d.org_names += 1;
            } else if seed.person_evidence || seed.is_speaker {
                d.person_names += 1;
            }
            d.is_org = d.org_names > d.person_names;
        }
        for t in &seed.titles {
            if !d.titles.iter().any(|x| x.eq_ignore_ascii_case(t)) {
                d.titles.push(t.clone());
                for w in t.split(|c: char| !c.is_alphanumeric() && c != '-') {
                    let w = w.to_lowercase();
                    if is_office(&w) {
                        d.offices.push(w.clone());
                    }
                    d.add_title_word(Cow::Owned(w));
                }
            }
        }
        // "Mademoiselle" alone does not name the one called "Mademoiselle Reisz".
        let bare_honorific = honorific_alone(seed).is_some()
            && !d.forms.is_empty()
            && !d.names.iter().any(|n| **n == *seed.words);
        if seed.kind == MentionKind::Name && !bare_honorific {
            if !d.names.iter().any(|n| **n == *seed.words) {
                d.names.push(seed.words.to_vec());
                for w in seed.words {
                    d.add_title_word(Cow::Borrowed(w));
                }
            }
            if d.marital == 0 {
                d.marital = marital_class(seed.honorific);
            }
            d.add_form(seed, si);
            if let Some(canon) = alias_of(aliases, seed.words) {
                d.alias = Some(canon.clone());
            }
        }
    }

    // The lookups go before the entities are built, and the drafts once they are: on a long
    // text each is some megabytes, and the mentions are collected next.
    drop(process);
    drop(index);
    // Keep entities that speak or are clearly people; number them in order of appearance.
    let keep: Vec<bool> = drafts
        .iter()
        .map(|d| d.speaker || (d.person && !d.is_org) || d.alias.is_some())
        .collect();
    let mut new_id = vec![None; drafts.len()];
    let mut entities = Vec::new();
    let canonical: Vec<Option<(String, usize)>> =
        drafts.iter().map(Draft::canonical_name).collect();
    for (e, d) in drafts.iter().enumerate() {
        if !keep[e] {
            continue;
        }
        new_id[e] = Some(entities.len());
        let name = d
            .alias
            .clone()
            .or_else(|| canonical[e].as_ref().map(|(n, _)| n.clone()))
            .or_else(|| d.description.clone())
            .unwrap_or_default();
        entities.push(Entity {
            id: entities.len(),
            name,
            titles: d.titles.clone(),
            is_org: d.is_org,
            gender: d.gender,
            mentions: Vec::new(),
            quotes: Vec::new(),
            introduction: None,
        });
    }
    drop(keep);
    drop(drafts);
    // Mentions of kept entities, in text order. They are collected in the seeds' own
    // allocation (an in-place collect), so seeds and mentions never take memory together: on
    // a long text that would be the peak of the analysis. `entity` holds the seed until sorted.
    let mut seed_index = vec![None; seeds.len()];
    let mut mentions: Vec<Mention> = seeds
        .into_iter()
        .enumerate()
        .filter_map(|(si, seed)| {
            assigned[si].and_then(|e| new_id[e as usize])?;
            Some(seed.into_mention(Some(si)))
        })
        .collect();
    // (start, end, seed) is the order of the seeds' stable sort by span. (Unstable: a stable
    // sort takes scratch memory of up to half the mentions, at the peak of the analysis.)
    mentions.sort_unstable_by_key(|m| (m.span.start, m.span.end, m.entity));
    mentions.shrink_to_fit();
    for (mi, m) in mentions.iter_mut().enumerate() {
        let si = m.entity.expect("the seed, set above");
        let e = assigned[si]
            .and_then(|e| new_id[e as usize])
            .expect("kept above");
        m.entity = Some(e);
        seed_index[si] = Some(mi as u32);
        entities[e].mentions.push(mi);
    }
    for (e, c) in canonical.iter().enumerate() {
        if let (Some(id), Some((_, si))) = (new_id[e], c) {
            entities[id].introduction = seed_index[*si].map(|m| m as usize);
        }
    }
    let variants = variants_raw
        .into_iter()
        .filter_map(|(e, m, o)| {
            Some(Variant {
                entity: new_id[e]?,
                mention: seed_index[m]? as usize,
                other: seed_index[o]? as usize,
            })
        })
        .collect();
    let ambiguous = ambiguous_raw
        .into_iter()
        .filter_map(|(m, other)| Some((seed_index[m]? as usize, new_id[other]?)))
        .collect();
    Resolution {
        mentions,
        entities,
        variants,
        ambiguous,
        seed_index,
    }
}

/// The configured canonical name for a name's words, if any (no key is built when there are
/// no aliases, the usual case).
fn alias_of<'a>(aliases: &'a HashMap<String, String>, words: &[&str]) -> Option<&'a String> {
    if aliases.is_empty() {
        return None;
    }
    aliases.get(&words.join(" "))
}

/// A name that is only an honorific ("Mademoiselle", "the Colonel"), as its lowercase word.
fn honorific_alone<'w>(seed: &MentionSeed<'w>) -> Option<&'w str> {
    match seed.words[..] {
        [w] if seed.honorific.is_none() && lexicon::honorific(w).is_some() => Some(w),
        _ => None,
    }
}

/// The same honorific however written: "Mlle." and "Mademoiselle", "Col" and "Colonel".
fn same_honorific(a: &str, b: &str) -> bool {
    honorific_full(a) == honorific_full(b)
}

/// An honorific in full and lower case: "Col." is "colonel".
fn honorific_full(w: &str) -> String {
    let lower = w.trim_end_matches('.').to_lowercase();
    let long = match lower.as_str() {
        "mlle" => "mademoiselle",
        "mme" => "madame",
        "dr" => "doctor",
        "capt" => "captain",
        "col" => "colonel",
        "maj" => "major",
        "gen" => "general",
        "lt" => "lieutenant",
        "sgt" => "sergeant",
        "adm" => "admiral",
        "prof" => "professor",
        "rev" => "reverend",
        _ => return lower,
    };
    long.to_string()
}

/// What an honorific says someone is, the same however written or in whichever language:
/// "Mr." and "Monsieur" are one, "Mrs" and "Madame" another, "Dr." and "Doctor" a third.
/// "Ms" says nothing of it (`None`).
fn honorific_rank(h: &str) -> Option<String> {
    let lower = h.trim_end_matches('.').to_lowercase();
    Some(match marital_class(Some(&lower)) {
        1 => "mrs".to_string(),
        2 => "miss".to_string(),
        _ => match lower.as_str() {
            "ms" => return None,
            "mr" | "mister" | "monsieur" | "m" | "herr" | "señor" | "senor" | "signor" => {
                "mr".to_string()
            }
            _ => return Some(honorific_full(&lower)),
        },
    })
}

/// Married and unmarried honorifics name different people: "Mrs Miller" is not "Miss Miller".
fn marital_class(honorific: Option<&str>) -> u8 {
    match honorific
        .map(|h| h.trim_end_matches('.').to_lowercase())
        .as_deref()
    {
        Some("mrs" | "madame" | "mme" | "señora" | "senora" | "signora" | "frau") => 1,
        Some("miss" | "mademoiselle" | "mlle" | "señorita" | "senorita" | "signorina") => 2,
        _ => 0,
    }
}

fn resolve_name(
    seed: &MentionSeed,
    si: usize,
    drafts: &[Draft],
    index: &Index,
    aliases: &HashMap<String, String>,
    assigned: &[Option<u32>],
    variants: &mut Vec<(usize, usize, usize)>,
) -> Option<usize> {
    let aliased: Option<Vec<String>> = alias_of(aliases, seed.words)
        .map(|canon| canon.split_whitespace().map(str::to_lowercase).collect());
    let aliased: Option<Vec<&str>> = aliased
        .as_ref()
        .map(|a| a.iter().map(String::as_str).collect());
    let words: &[&str] = aliased.as_deref().unwrap_or(seed.words);
    let marital = marital_class(seed.honorific);
    // Only entities sharing a word of the name can be it (a variant differs in one word).
    let candidates = Index::candidates(&index.by_word, words.iter().copied());
    // "Dr. Grant" is not "Mrs. Grant", nor "Admiral Crawford" "Mr. Crawford": two honorifics
    // with one surname name two people of one family.
    let seed_rank = seed.honorific.and_then(honorific_rank);
    let seed_rank = seed_rank.as_deref();
    // In fiction a bare surname is the family's man: "Bingley" is Mr. Bingley, not Miss
    // Bingley, and "Croft" the Admiral, not Mrs Croft. A woman known by it with an honorific
    // cedes it to anyone else of the surname who is no woman. News calls women by surname
    // alone as often as men ("Ms. Clinton ... Clinton said"): there it stays with whoever
    // was meant last.
    let woman = |d: &Draft| {
        d.marital != 0
            || d.forms.iter().any(|f| {
                f.honorific
                    .as_deref()
                    .is_some_and(|h| lexicon::honorific(&h.to_lowercase()) == Some(Gender::Female))
            })
    };
    let bare_surname = index.fiction
        && words.len() == 1
        && seed.honorific.is_none()
        && seed.gender != Gender::Female
        && lexicon::given_name(words[0]).is_none();
    let ceded = bare_surname
        && candidates.iter().any(|&e| {
            let d = &drafts[e];
            !woman(d)
                && d.gender != Gender::Female
                && !d.is_org
                && d.names.iter().any(|n| n.last() == words.last())
        });
    let compatible = |d: &Draft| {
        !d.names.is_empty()
            && gender_fits(d.gender, seed.gender)
            && (marital == 0 || d.marital == 0 || d.marital == marital)
            && seed_rank.is_none_or(|r| {
                !d.forms.iter().any(|f| {
                    f.honorific
                        .as_deref()
                        .and_then(honorific_rank)
                        .is_some_and(|other| other != r)
                })
            })
            && !(ceded && woman(d))
    };
    // The same name written the same way: the most recent entity called that.
    let exact = candidates
        .iter()
        .copied()
        .filter(|&e| compatible(&drafts[e]))
        .filter(|&e| {
            drafts[e].forms.iter().any(|f| {
                f.words == words
                    && (marital == 0 || marital_class(f.honorific.as_deref()) == marital)
            })
        })
        .max_by_key(|&e| drafts[e].last_pos);
    if exact.is_some() {
        return exact;
    }
    if let Some(h) = honorific_alone(seed) {
        // "Mademoiselle" alone after "Mademoiselle Reisz": the person last called that (unless
        // someone is called "Mademoiselle" alone already).
        let called = |d: &Draft| {
            d.forms
                .iter()
                .any(|f| f.honorific.as_deref().is_some_and(|x| same_honorific(x, h)))
                || d.titles.iter().any(|t| {
                    t.split(|c: char| !c.is_alphanumeric())
                        .any(|w| same_honorific(w, h))
                })
        };
        if let Some(e) = index.recent.iter().rev().copied().find(|&e| {
            let d = &drafts[e];
            !d.is_org && gender_fits(d.gender, seed.gender) && called(d)
        }) {
            return Some(e);
        }
    }
    let honorific_surname = words.len() == 1 && seed.honorific.is_some();
    // A wife may be any of the family's women or none ("Mrs. Bennet" and her daughters),
    // so only "Mr." and "Miss" count the family by gender.
    let family_gender = if marital == 1 {
        Gender::Unknown
    } else {
        seed.gender
    };
    let mut best: Option<(usize, usize)> = None; // (entity, last_pos)
    for &e in &candidates {
        let d = &drafts[e];
        if !compatible(d) {
            continue;
        }
        let fits = d.names.iter().any(|n| {
            n[..] == *words
                || (n.len() == words.len()
                    && same_given_name(n[0], words[0])
                    && n[1..] == words[1..])
                || (words.len() == 1 && (n.first() == words.first() || n.last() == words.last()))
                || (words.len() < n.len() && is_sub_sequence(words, n))
                || (n.len() < words.len() && is_sub_sequence(n, words))
                || same_but_initials(n, words)
        });
        // A different first name means a different person: Bill and Hillary Clinton (but
        // "Bill Sikes" is "William Sikes").
        let clash = words.len() >= 2
            && d.names.iter().any(|n| {
                n.len() >= 2
                    && !same_given_name(n[0], words[0])
                    && n.last() == words.last()
                    && !spelling_variant(n, words)
            });
        // "Mrs. Miller" joins "Daisy Miller" only when she is the one Miller with a given
        // name; a family (Daisy and Randolph Miller) leaves the honorific its own person.
        let family = honorific_surname
            && d.names.iter().any(|n| n.len() >= 2)
            && index.family_size(words[0], family_gender) != 1;
        // A given name after someone known only as "Mr. Knightley" brings in somebody else.
        let newcomer = words.len() >= 2 && d.honorific_only();
        if fits && !clash && !family && !newcomer && best.is_none_or(|(_, p)| d.last_pos > p) {
            best = Some((e, d.last_pos));
        }
    }
    if let Some((e, _)) = best {
        return Some(e);
    }
    // A near-miss spelling of an existing full name.
    for &e in &candidates {
        let d = &drafts[e];
        if d.names.iter().any(|n| spelling_variant(n, words)) {
            let other = d
                .mentions
                .iter()
                .copied()
                .find(|&m| assigned[m] == Some(e as u32))
                .unwrap_or(si);
            variants.push((e, si, other));
            return Some(e);
        }
    }
    None
}

/// How long a person may go without a title before a trade description ("the waiter") with
/// no matching title can no longer mean them.
const UNTITLED_TRADE_REACH_PARAGRAPHS: usize = 60;
/// In fiction a character introduced without their trade is seldom called by it later: past
/// the paragraphs that introduce them, "the waiter" is someone new. (News names the same
/// official by a bare trade for a whole story.)
const UNTITLED_TRADE_REACH_PARAGRAPHS_FICTION: usize = 3;

/// Nouns that describe anyone by age or sex, not by what they do.
pub fn is_age_or_sex_noun(w: &str) -> bool {
    matches!(
        w,
        "man"
            | "woman"
            | "girl"
            | "boy"
            | "lady"
            | "gentleman"
            | "fellow"
            | "lad"
            | "lass"
            | "person"
            | "child"
            | "youth"
            | "creature"
    )
}

fn resolve_description(
    seed: &MentionSeed,
    drafts: &[Draft],
    index: &Index,
    visited: &mut Visited,
    fiction: bool,
) -> Option<usize> {
    // "a spokeswoman" introduces someone; "her neighbour" is someone else than "her".
    let possessive = seed
        .words
        .first()
        .is_some_and(|w| matches!(*w, "his" | "her" | "their" | "its" | "my" | "our" | "your"));
    if seed.indefinite || seed.plural {
        return None;
    }
    if possessive {
        return relative(seed, drafts, index);
    }
    let owned = seed
        .display()
        .split_whitespace()
        .rev()
        .skip(1)
        .any(is_possessive_word);
    let words: Vec<&str> = content_words(seed.words).collect();
    let word_groups: Vec<u32> = words.iter().map(|w| office_groups(w)).collect();
    let age_or_sex = words.last().is_some_and(|w| is_age_or_sex_noun(w));
    // Someone mentioned lately, or anyone whose title shares a word with the description.
    let candidates = words
        .iter()
        .filter_map(|w| index.by_title_word.get(*w))
        .flatten()
        .chain(&index.recent)
        .copied();
    visited.start(drafts.len());
    // (score, last mention, entity): the best by score, then the one mentioned last, then
    // the first entity.
    let mut best: Option<(i64, usize, usize)> = None;
    for e in candidates {
        if !visited.first_visit(e) {
            continue;
        }
        let d = &drafts[e];
        if d.narrator {
            continue;
        }
        if d.mentions.is_empty() || d.is_org != seed.is_org || !gender_fits(d.gender, seed.gender) {
            continue;
        }
        let distance = (seed.paragraph as usize).saturating_sub(d.last_paragraph) as i64;
        // The score below is at most (3 per word + 1) * 10 - distance, and only a positive
        // score is chosen: someone last mentioned that far back cannot be meant. (Keeps
        // resolution linear on long texts, where a common title word names many entities.)
        if distance >= (3 * words.len() as i64 + 1) * 10 {
            continue;
        }
        let title_words = &d.title_words;
        // An office in the description must fit one of the entity's offices; someone without
        // a known office can be "the spokeswoman", not "the president".
        if let Some(head) = words.last().filter(|w| is_office(w)) {
            let fits = if d.offices.is_empty() {
                !is_elected_office(head)
            } else {
                d.offices.iter().any(|t| same_office(t, head))
            };
            if !fits {
                continue;
            }
        }
        let mut matched: i64 = 0;
        // In fiction an age or sex noun ("the young man", "the lady") matches no title: a
        // novel calls many people so over its chapters ("Hale, a young man of the parish"),
        // and "Lady" Bertram is no lady of the description. Only the speaker just before, or
        // whom the phrase meant last, is meant.
        let by_title = !(fiction && age_or_sex);
        for (w, &groups) in words.iter().zip(&word_groups).filter(|_| by_title) {
            // (No title word is `w` itself in the second test: only a shared group counts.)
            if title_words.iter().any(|t| t == w) {
                matched += 3;
            } else if groups & d.title_groups != 0 {
                matched += 2;
            }
        }
        // Without a matching title, only someone mentioned just before can be meant, and
        // not by a description that names whose it is ("the council's auditor"): that
        // introduces someone by a relation, as "her neighbour" does.
        // Nor, by a trade ("the waiter"), someone the text has known for chapters without
        // giving them that title: that is someone new. "the old man" fits anyone.
        let known_for = (seed.paragraph as usize).saturating_sub(d.first_paragraph);
        let reach = if fiction {
            UNTITLED_TRADE_REACH_PARAGRAPHS_FICTION
        } else {
            UNTITLED_TRADE_REACH_PARAGRAPHS
        };
        let untitled_trade = !age_or_sex && known_for > reach;
        if matched == 0 && (distance > 3 || owned || untitled_trade) {
            continue;
        }
        let score = (matched + i64::from(d.speaker)) * 10 - distance;
        // Ties go to the one mentioned last, not to whoever the text introduced first.
        let better = |&(s, p, b): &(i64, usize, usize)| {
            (score, d.last_pos, std::cmp::Reverse(e)) > (s, p, std::cmp::Reverse(b))
        };
        if best.as_ref().is_none_or(better) {
            best = Some((score, d.last_pos, e));
        }
    }
    best.filter(|(s, _, _)| *s > 0)
        .map(|(_, _, e)| e)
        .or_else(|| {
            // Nobody fits by title or nearness: the named person this phrase meant last.
            let &(e, paragraph) = index.by_description.get(seed.words)?;
            let d = &drafts[e];
            let near =
                (seed.paragraph as usize).saturating_sub(paragraph) <= DESCRIPTION_REACH_PARAGRAPHS;
            (near && !owned && !d.narrator && gender_fits(d.gender, seed.gender)).then_some(e)
        })
}

/// "her mother", "his wife": the one person of the family the text names that way. Whose
/// relative it is comes from the possessive, resolved as a pronoun; the family is the
/// people sharing that person's surname: a mother or wife is the one "Mrs." of it, a father
/// or husband the one "Mr.", a brother or sister the one other man or woman of it. "her aunt"
/// is the one person called "Aunt". Anyone else's relative is someone new.
fn relative(seed: &MentionSeed, drafts: &[Draft], index: &Index) -> Option<usize> {
    let [owner, .., relation] = seed.words[..] else {
        return None;
    };
    let owner_gender = match owner {
        "his" => Gender::Male,
        "her" => Gender::Female,
        _ => return None,
    };
    // The relative's gender, and whether they are called by honorific and surname (a married
    // one for a mother or wife).
    let (gender, honorific) = match relation {
        "mother" | "wife" | "mamma" | "mama" => (Gender::Female, Some(true)),
        "father" | "husband" | "papa" => (Gender::Male, Some(false)),
        "sister" | "daughter" => (Gender::Female, None),
        "brother" | "son" => (Gender::Male, None),
        "aunt" | "uncle" => {
            let mut called = index.recent.iter().copied().filter(|&e| {
                !drafts[e].is_org
                    && drafts[e].forms.iter().any(|f| {
                        f.honorific
                            .as_deref()
                            .is_some_and(|h| same_honorific(h, relation))
                    })
            });
            return match (called.next(), called.next()) {
                (Some(e), None) => Some(e),
                _ => None,
            };
        }
        _ => return None,
    };
    // Whose relative: the most salient people "his" / "her" can mean, the first whose family
    // has exactly one such relative.
    ranked(
        owner_gender,
        seed.paragraph as usize,
        seed.span().start,
        drafts,
        index,
    )
    .iter()
    .take(3)
    .find_map(|s| kin(drafts, index, s.entity, gender, honorific))
}

/// The one relative of `owner` of gender `gender` in the family of `owner`'s surname: called
/// by honorific and surname alone ("Mrs. Bennet"; a married one if `honorific` is
/// `Some(true)`), or for `None` any other of the family who is not a wife.
fn kin(
    drafts: &[Draft],
    index: &Index,
    owner: usize,
    gender: Gender,
    honorific: Option<bool>,
) -> Option<usize> {
    let surname = drafts[owner]
        .names
        .iter()
        .filter(|n| n.len() >= 2)
        .max_by_key(|n| n.len())
        .and_then(|n| n.last())
        .or_else(|| {
            let f = drafts[owner].forms.iter().find(|f| f.honorific.is_some())?;
            f.words.last()
        })?;
    let family = Index::candidates(&index.by_word, std::iter::once(*surname));
    let mut kin = family.into_iter().filter(|&e| {
        let d = &drafts[e];
        e != owner
            && !d.is_org
            && !d.narrator
            && d.gender == gender
            && match honorific {
                // "Mrs. Bennet", "Mr. Bennet": the surname with the honorific alone.
                Some(married) => d.forms.iter().any(|f| {
                    f.words == [*surname]
                        && f.honorific.as_deref().is_some_and(|h| {
                            lexicon::honorific(&h.to_lowercase()) == Some(gender)
                                && (!married || marital_class(Some(h)) == 1)
                        })
                }),
                // A sister is no "Mrs.": the family's wives married into it.
                None => d.marital != 1 && d.names.iter().any(|n| n.last() == Some(surname)),
            }
    });
    match (kin.next(), kin.next()) {
        (Some(e), None) => Some(e),
        _ => None,
    }
}

/// The most salient compatible entity for a pronoun, and a rival when the choice is unclear.
fn resolve_pronoun(
    seed: &MentionSeed,
    pos: usize,
    drafts: &[Draft],
    index: &Index,
) -> (Option<usize>, Option<usize>) {
    salient(seed.gender, seed.paragraph as usize, pos, drafts, index)
}

/// The most salient entity a pronoun of gender `g` at `pos` (in `paragraph`) means, and a
/// rival when the choice is unclear.
fn salient(
    g: Gender,
    paragraph: usize,
    pos: usize,
    drafts: &[Draft],
    index: &Index,
) -> (Option<usize>, Option<usize>) {
    // The first two of `ranked`, without sorting the rest.
    let key = |s: &Scored| (std::cmp::Reverse(s.score), s.entity);
    let (mut first, mut second): (Option<Scored>, Option<Scored>) = (None, None);
    for s in scores(g, paragraph, pos, drafts, index) {
        if first.as_ref().is_none_or(|f| key(&s) < key(f)) {
            second = first.replace(s);
        } else if second.as_ref().is_none_or(|x| key(&s) < key(x)) {
            second = Some(s);
        }
    }
    let best = first.as_ref().map(|s| s.entity);
    let rival = match (first, second) {
        // (Judged without the recent-subject bonus: it picks the likelier person, yet "George
        // met Paul. 'It is over,' he said." stays worth naming.)
        (Some(a), Some(b))
            if a.exact_gender && b.exact_gender && a.without_bonus() - b.without_bonus() < 150 =>
        {
            Some(b.entity)
        }
        _ => None,
    };
    (best, rival)
}

/// An entity a pronoun can mean, and how likely.
struct Scored {
    score: i64,
    entity: usize,
    /// Of exactly the pronoun's gender (not merely compatible with it).
    exact_gender: bool,
    /// The part of `score` that is the recent-subject bonus.
    recent_subject: i64,
}

impl Scored {
    /// The score without the recent-subject bonus, by which ambiguity is judged.
    fn without_bonus(&self) -> i64 {
        self.score - self.recent_subject
    }
}

const OPENING_REACH: usize = 1500;
const OPENING_BONUS: i64 = 150;
const RECENT_SUBJECT_REACH: usize = 300;
const RECENT_SUBJECT_BONUS: i64 = 500;
/// How many paragraphs after their last mention someone can still be "he" or "she". A
/// conversation runs for many one-line paragraphs without naming its people, and "she said"
/// there still means the woman taking part, not whoever the last few lines happened to mention
/// (the distance penalty still prefers the nearer person).
const PRONOUN_REACH_PARAGRAPHS: usize = 30;

/// The entities a pronoun of gender `g` can mean, most salient first.
fn ranked(g: Gender, paragraph: usize, pos: usize, drafts: &[Draft], index: &Index) -> Vec<Scored> {
    let mut scored: Vec<Scored> = scores(g, paragraph, pos, drafts, index).collect();
    scored.sort_by_key(|s| (std::cmp::Reverse(s.score), s.entity));
    scored
}

/// The entities a pronoun of gender `g` can mean, in the order they were last mentioned.
fn scores<'a>(
    g: Gender,
    paragraph: usize,
    pos: usize,
    drafts: &'a [Draft],
    index: &'a Index,
) -> impl Iterator<Item = Scored> + 'a {
    index.recent.iter().filter_map(move |&e| {
        let d = &drafts[e];
        if d.narrator {
            return None;
        }
        if d.mentions.is_empty()
            || d.last_pos >= pos
            || paragraph > d.last_paragraph + PRONOUN_REACH_PARAGRAPHS
        {
            return None;
        }
        let ok = match g {
            Gender::Male | Gender::Female => !d.is_org && gender_fits(d.gender, g),
            Gender::Neuter => d.is_org,
            Gender::Plural => d.is_org || d.gender == Gender::Plural,
            Gender::Unknown => !d.is_org, // "I" outside quotes: a person
        };
        if !ok {
            return None;
        }
        let exact = d.gender == g;
        let distance = (pos - d.last_pos) as i64;
        let mut score = -distance;
        if exact {
            score += 150;
        }
        // The current paragraph's people come first.
        if d.last_paragraph == paragraph {
            score += 300;
        }
        if d.last_subject_pos.is_some_and(|sp| pos - sp < 1500) {
            score += 300;
        }
        if d.last_opening_pos
            .is_some_and(|sp| pos - sp < OPENING_REACH)
        {
            score += OPENING_BONUS;
        }
        // The person the narration just made its subject, in this paragraph, is whom "he said"
        // right after means, even against someone who spoke a little earlier.
        let recent_subject = if d.last_paragraph == paragraph
            && d.last_opening_pos
                .is_some_and(|sp| pos - sp < RECENT_SUBJECT_REACH)
        {
            RECENT_SUBJECT_BONUS
        } else {
            0
        };
        score += recent_subject;
        // "he" and "she" mean someone with a name before someone only described: in "Julia,
        // like her sister, ..." / "said she", "her sister" is a person of her own whom the
        // text has not named, hardly the one the narration follows.
        if d.names.is_empty() && matches!(g, Gender::Male | Gender::Female) {
            score -= 1000;
        }
        if d.person {
            score += 50;
        }
        // "he" and "she" mean people: a name nothing marks as a person (a house, a town)
        // is chosen only when no person fits.
        if matches!(g, Gender::Male | Gender::Female) && !d.evidenced {
            score -= 1000;
        }
        Some(Scored {
            score,
            entity: e,
            exact_gender: exact,
            recent_subject,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lookup_visits_each_entity_once_and_the_next_lookup_again() {
        let mut visited = Visited::default();
        visited.start(3);
        assert!(visited.first_visit(2) && !visited.first_visit(2));
        visited.start(4);
        assert!(visited.first_visit(2) && visited.first_visit(3) && !visited.first_visit(3));
        // The stamps wrap without a lookup seeing an old one as its own.
        visited.lookup = u32::MAX - 1;
        visited.start(4);
        assert!(visited.first_visit(1));
        visited.start(4);
        assert!(visited.first_visit(1) && visited.first_visit(0));
    }

    #[test]
    fn offices_match_within_a_group_and_a_word_in_two_groups_matches_both() {
        assert!(same_office("diplomat", "minister"));
        assert!(same_office("mayor", "mayor"));
        assert!(!same_office("mayor", "minister"));
        assert!(!same_office("gardener", "minister"));
        // "representative" is both a lawmaker and a spokesperson.
        assert!(same_office("representative", "senator"));
        assert!(same_office("spokeswoman", "representative"));
        assert!(!same_office("senator", "spokeswoman"));
        assert!(same_office("doctor", "surgeon"));
    }

    fn name(words: &str, gender: Gender, start: usize) -> MentionSeed<'static> {
        // Seeds borrow their text and words; a test's few copies may live forever.
        let leak = |s: String| &*Box::leak(s.into_boxed_str());
        let at = Span32::from(Span::new(start, start + words.len()));
        MentionSeed {
            at,
            name_at: at,
            kind: MentionKind::Name,
            gender,
            is_org: false,
            titles: Box::new([]),
            words: Box::leak(
                words
                    .split_whitespace()
                    .map(|w| leak(w.to_lowercase()))
                    .collect::<Box<[&str]>>(),
            ),
            written: leak(words.to_string()),
            with_article: false,
            person_evidence: true,
            is_speaker: true,
            opens_sentence: false,
            paragraph: (start / 100) as u32,
            plural: false,
            indefinite: false,
            in_headline: false,
            honorific: None,
            pronoun_after: Gender::Unknown,
            same_as: None,
            optional: false,
        }
    }

    #[test]
    fn a_seed_stays_small() {
        // A long text has hundreds of thousands of seeds, alive at the analysis's peak.
        assert!(std::mem::size_of::<MentionSeed>() <= 104);
    }

    #[test]
    fn surnames_join_full_names_and_first_names_separate_people() {
        let seeds = vec![
            name("Lavrov", Gender::Unknown, 0),
            name("Sergey Lavrov", Gender::Male, 100),
            name("Bill Clinton", Gender::Male, 200),
            name("Hillary Clinton", Gender::Female, 300),
            name("Clinton", Gender::Unknown, 400),
        ];
        let r = resolve(seeds, &HashMap::new(), false);
        assert_eq!(r.entities.len(), 3);
        assert_eq!(r.entities[0].name, "Sergey Lavrov");
        assert_eq!(r.entities[0].mentions.len(), 2);
        // the lone "Clinton" goes to the most recently mentioned Clinton
        assert_eq!(r.mentions[4].entity, Some(2));
    }

    #[test]
    fn a_character_named_once_as_a_firm_stays_a_person() {
        // A heading ("... MR. QUILLER AND COMPANY") reads once as a firm; the narration
        // names him twice as a person, so he is one and "he" can mean him.
        let mut heading = name("Quiller", Gender::Unknown, 0);
        heading.is_org = true;
        heading.person_evidence = false;
        heading.is_speaker = false;
        let seeds = vec![
            heading,
            name("Quiller", Gender::Male, 100),
            name("Quiller", Gender::Male, 200),
        ];
        let r = resolve(seeds, &HashMap::new(), false);
        assert_eq!(r.entities.len(), 1);
        assert!(!r.entities[0].is_org);
        // Named only as a firm, it is one.
        let mut firm = name("Quiller", Gender::Unknown, 0);
        firm.is_org = true;
        firm.person_evidence = false;
        let r = resolve(vec![firm], &HashMap::new(), false);
        assert!(r.entities[0].is_org);
    }

    #[test]
    fn spelling_variants_are_grouped_and_reported() {
        let seeds = vec![
            name("Sergey Lavrov", Gender::Male, 0),
            name("Sergei Lavrov", Gender::Male, 100),
        ];
        let r = resolve(seeds, &HashMap::new(), false);
        assert_eq!(r.entities.len(), 1);
        assert_eq!(r.variants.len(), 1);
    }

    #[test]
    fn aliases_from_configuration_name_the_entity() {
        let mut aliases = HashMap::new();
        aliases.insert("the kremlin".to_string(), "Vladimir Putin".to_string());
        let seeds = vec![
            name("Vladimir Putin", Gender::Male, 0),
            name("The Kremlin", Gender::Unknown, 100),
        ];
        let r = resolve(seeds, &aliases, false);
        assert_eq!(r.entities.len(), 1);
    }

    fn speakers(text: &str) -> Vec<(String, usize)> {
        let a = crate::analysis::analyze(text, &crate::analysis::Options::default());
        a.entities
            .iter()
            .filter(|e| !e.quotes.is_empty())
            .map(|e| (e.name.clone(), e.quotes.len()))
            .collect()
    }

    #[test]
    fn the_canonical_name_is_the_fullest_name_the_text_really_uses() {
        // "Ilse Marrow" introduces her; a one-off "Ilse Varga" beside "Ilse" does not rename
        // anyone.
        let t = "Ilse Marrow came in. \"Tea?\" said Ilse.\n\n\"No,\" said Ilse.\n";
        assert_eq!(speakers(t), vec![("Ilse Marrow".to_string(), 2)]);
        let t = "Ilse came in. \"Tea?\" said Ilse. Later Ilse Varga left.\n\n\"No,\" said Ilse.\n";
        assert_eq!(speakers(t), vec![("Ilse".to_string(), 2)]);
        // A bare surname used most, its one full name later: the full name.
        let t = "\"Later,\" Okafor said.\n\n\"Now,\" Okafor said.\n\nTunde Okafor left.\n";
        assert_eq!(speakers(t), vec![("Tunde Okafor".to_string(), 2)]);
    }

    #[test]
    fn a_capitalised_noun_used_as_a_name_keeps_its_article() {
        let t = "\"Shut the gate,\" said the Gaffer.\n\n\"Why?\" asked the Gaffer.\n";
        assert_eq!(speakers(t), vec![("the Gaffer".to_string(), 2)]);
    }

    #[test]
    fn a_heading_in_capitals_names_nobody() {
        let t = "CHAPTER IV. THE OLD SAILOR RETURNS\n\nThe old sailor sat down. \"Rum,\" said \
                 the old sailor.\n";
        let names: Vec<String> = speakers(t).into_iter().map(|s| s.0).collect();
        assert!(names.iter().all(|n| !n.contains("SAILOR")), "{names:?}");
    }

    #[test]
    fn a_given_name_run_into_a_capitalised_phrase_is_not_a_full_name() {
        let t =
            "\"Ready,\" said Peter.\n\nAt the Harvest Fair Peter sang.\n\n\"Again,\" said Peter.\n";
        assert_eq!(speakers(t), vec![("Peter".to_string(), 2)]);
    }

    #[test]
    fn a_title_joined_by_of_is_the_whole_name() {
        let t = "\"Come in,\" said the Duchess of Wrexley.\n";
        assert_eq!(speakers(t), vec![("Duchess of Wrexley".to_string(), 1)]);
    }

    #[test]
    fn mr_with_a_surname_is_the_one_man_of_a_family_with_a_sister() {
        // Edward and Mary Marchbank: "Mr. Marchbank" can only be Edward.
        let t = "Edward Marchbank and Mary Marchbank came in. \"Well,\" said Mary.\n\n\
                 \"Sit,\" said Mr. Marchbank.\n";
        let names: Vec<String> = speakers(t).into_iter().map(|s| s.0).collect();
        assert_eq!(
            names,
            vec!["Edward Marchbank".to_string(), "Mary Marchbank".to_string()]
        );
    }

    #[test]
    fn a_surname_known_only_with_its_honorific_keeps_it() {
        let t = "\"Sit,\" said Mrs Pellow.\n\n\"Why?\" asked Mrs Pellow.\n";
        assert_eq!(speakers(t), vec![("Mrs Pellow".to_string(), 2)]);
    }

    #[test]
    fn an_honorific_surname_in_a_family_is_its_own_person() {
        // Two Corrans with given names: "Mrs. Corran" is neither of them.
        let t = "Nell Corran and Hugh Corran arrived. \"Hello,\" said Nell. \
                 \"Dear me,\" said Mrs. Corran.\n";
        let names: Vec<String> = speakers(t).into_iter().map(|s| s.0).collect();
        assert_eq!(
            names,
            vec!["Nell Corran".to_string(), "Mrs. Corran".to_string()]
        );
        // One Lavrov: "Mr. Lavrov" is Sergey Lavrov.
        let t = "Sergey Lavrov spoke. \"Yes,\" Mr. Lavrov said.\n";
        assert_eq!(speakers(t), vec![("Sergey Lavrov".to_string(), 1)]);
    }

    #[test]
    fn two_honorifics_with_one_surname_are_two_people() {
        // The doctor's wife speaks first; the doctor and the admiral are neither her nor each
        // other.
        let t = "Mrs. Pellow poured the tea. \"It is cold,\" said Mrs. Pellow.\n\n\
                 Dr. Pellow came in. \"I walked,\" said Dr. Pellow.\n\n\
                 Admiral Pellow followed him. \"So did I,\" said Admiral Pellow.\n";
        let names: Vec<String> = speakers(t).into_iter().map(|s| s.0).collect();
        assert_eq!(
            names,
            vec![
                "Mrs. Pellow".to_string(),
                "Dr. Pellow".to_string(),
                "Admiral Pellow".to_string()
            ]
        );
    }

    #[test]
    fn a_bare_surname_is_the_man_of_the_family_not_mrs() {
        // In a novel: his mother is "Mrs Tarrant"; "Tarrant" alone is John Tarrant.
        let t = "\"Is he late?\" asked Mrs Tarrant.\n\n\
                 John Tarrant came down at noon.\n\n\
                 \"I overslept,\" said Tarrant.\n";
        let options = crate::analysis::Options {
            style: crate::analysis::model::Style::Fiction,
            ..crate::analysis::Options::default()
        };
        let a = crate::analysis::analyze(t, &options);
        let last = a.quotes.last().and_then(|q| q.speaker);
        assert_eq!(
            last.map(|e| a.entities[e].name.as_str()),
            Some("John Tarrant")
        );
        // In news copy a woman is called by her surname alone as often as a man: "Clinton"
        // is whoever was meant last, here Ms. Clinton.
        let t = "Hillary Clinton spoke in Ohio. Her husband, Bill Clinton, sat behind her.\n\n\
                 \"We will win this state,\" Ms. Clinton said.\n\n\
                 Clinton later told reporters that \"the race is close.\"\n";
        let got = said(t);
        assert_eq!(got.last().unwrap().0, "Hillary Clinton", "{got:?}");
    }

    /// (speaker name, quote text) of each quote with a speaker.
    fn said(text: &str) -> Vec<(String, String)> {
        let a = crate::analysis::analyze(text, &crate::analysis::Options::default());
        a.quotes
            .iter()
            .filter_map(|q| {
                let e = q.speaker?;
                Some((a.entities[e].name.clone(), q.content.text(text).to_string()))
            })
            .collect()
    }

    #[test]
    fn he_means_a_person_not_a_place_named_closer_to_it() {
        // Wexcombe is nearer and in the same paragraph, but nothing says it is a person.
        let t = "Colonel Arden said nothing for a long while.

                 The car turned past the church and came down into Wexcombe.                  \"It has not changed,\" he said.\n";
        let got = said(t);
        assert_eq!(got.last().map(|s| s.0.as_str()), Some("Colonel Arden"));
    }

    #[test]
    fn he_said_after_a_man_made_the_subject_means_him_not_the_man_who_spoke_before() {
        // Tom spoke last, but the narration has since made Harry its subject.
        let t = "\"We leave at dawn,\" said Tom Baker, and he turned to the window. \
                 Harry Wells stepped down from the cart into the rain. \
                 \"I know it all,\" he said.\n";
        let got = said(t);
        assert_eq!(got.last().map(|s| s.0.as_str()), Some("Harry Wells"));
    }

    #[test]
    fn a_name_after_a_preposition_of_place_is_never_she() {
        // Orla is named long before; Kettering, just before "she said", only as a place.
        let filler = "The road was long and the rain did not stop for an hour. ".repeat(24);
        let t = format!(
            "Orla Quinn packed the last of the crates.\n\n{filler}The van came down at last \
             into Kettering.\n\n\"Never again,\" she said.\n"
        );
        let got = said(&t);
        assert_eq!(got.last().map(|s| s.0.as_str()), Some("Orla Quinn"));
    }

    #[test]
    fn a_given_name_after_an_article_or_a_possessive_is_no_person() {
        let filler = "The road was long and the rain did not stop for an hour. ".repeat(24);
        let t = format!(
            "Tobias Venn rode on alone.\n\n{filler}The gate had his Christian name painted \
             on it.\n\n\"Home,\" he said.\n"
        );
        let got = said(&t);
        assert_eq!(got.last().map(|s| s.0.as_str()), Some("Tobias Venn"));
    }

    #[test]
    fn she_said_makes_a_woman_so_the_man_who_answers_is_someone_else() {
        // Nothing but "she said" tells that Orla Quinn is a woman.
        let t = "Orla Quinn was mending nets when the boat came in.\n\n\
                 \"You're late,\" she said.\n\n\"The tide was against us,\" said the man.\n";
        let got = said(t);
        assert_eq!(got[0].0, "Orla Quinn");
        assert_eq!(got.last().map(|s| s.0.as_str()), Some("the man"));
    }

    #[test]
    fn whoever_she_said_means_is_a_person_for_the_next_she() {
        // Old Wat is a person because he told something; Orla Quinn only because "she said".
        let t = "Orla Quinn looked up. \"You're late,\" she said.\n\n\
                 \"The tide turned,\" said the man.\n\n\
                 She did not answer. Old Wat had told her the tide would turn before she woke.\n\n\
                 \"Who sent you?\" she asked.\n";
        let got = said(t);
        assert_eq!(got.last().map(|s| s.0.as_str()), Some("Orla Quinn"));
    }

    #[test]
    fn a_description_tied_between_two_speakers_means_the_one_mentioned_last() {
        let t = "\"Well?\" said Tobias Venn. \"Well,\" said Harold Crane.\n\n\
                 \"It will rain before dark,\" said the old man.\n";
        let got = said(t);
        assert_eq!(got.last().map(|s| s.0.as_str()), Some("Harold Crane"));
    }

    #[test]
    fn a_pet_name_and_its_formal_name_are_one_person() {
        // "Bill" is "William"; "Tom" is not "William".
        let t = "\"Shut the door,\" said William Tapley.\n\n\
                 \"It is shut,\" said Bill Tapley.\n\n\"Open it,\" said Tom Tapley.\n";
        let counts: Vec<usize> = speakers(t).into_iter().map(|s| s.1).collect();
        assert_eq!(counts, vec![2, 1]);
    }

    #[test]
    fn an_honorific_alone_is_the_person_last_called_by_it() {
        // "Mademoiselle" and "Mlle." alone are Mademoiselle Vautrin; Colonel Ashby is "the
        // Colonel".
        let t = "Mademoiselle Vautrin came up the stairs with her violin. Colonel Ashby rose.\n\n\
                 \"You are late,\" said the Colonel.\n\n\
                 \"I am never late,\" said Mademoiselle. \"Your clocks are fast.\"\n\n\
                 \"Then play,\" said the Colonel.\n\n\"Not today,\" said Mlle.\n";
        assert_eq!(
            speakers(t),
            vec![
                ("Mademoiselle Vautrin".to_string(), 3),
                ("Colonel Ashby".to_string(), 2)
            ]
        );
    }

    #[test]
    fn an_honorific_used_alone_from_the_start_stays_its_own_name() {
        // "the Major" is who speaks; the one-off "Major Pell" later is not renamed into him.
        let t = "\"Sit down,\" said the Major.\n\n\"Thank you,\" said Ruth Gale.\n\n\
                 \"Tea?\" said the Major.\n\nMajor Pell was in the garden.\n\n\
                 \"No tea,\" said the Major.\n";
        assert_eq!(
            speakers(t),
            vec![("the Major".to_string(), 3), ("Ruth Gale".to_string(), 1)]
        );
    }

    #[test]
    fn her_mother_is_the_one_mrs_of_her_family_and_her_aunt_the_one_called_aunt() {
        let t = "Mary Fairley and Tom Fairley came down late. Mrs. Fairley and Aunt Hester were at \
                 the table.\n\n\
                 \"You slept well,\" said her mother.\n\n\"Too well,\" said Mary.\n\n\
                 \"Nobody sleeps too well,\" said her aunt.\n";
        assert_eq!(
            said(t),
            vec![
                ("Mrs. Fairley".to_string(), "You slept well,".to_string()),
                ("Mary Fairley".to_string(), "Too well,".to_string()),
                (
                    "Aunt Hester".to_string(),
                    "Nobody sleeps too well,".to_string()
                ),
            ]
        );
    }

    #[test]
    fn his_wife_is_mrs_of_his_surname_and_his_sister_the_other_woman_of_it() {
        let t = "Tom Gorse sat by the fire. Mrs. Gorse sewed. Mary Gorse read.\n\n\
                 \"It will snow,\" said his wife.\n\n\"It never snows here,\" said his sister.\n";
        let got: Vec<String> = said(t).into_iter().map(|s| s.0).collect();
        assert_eq!(got, ["Mrs. Gorse", "Mary Gorse"]);
    }

    #[test]
    fn a_place_run_into_a_name_does_not_make_a_full_name() {
        let t = "Nobody had heard from London Lydia came to say.\n\n\"Where is he?\" said Lydia.\n\n\
                 \"Gone,\" said Lydia.\n";
        assert_eq!(speakers(t), vec![("Lydia".to_string(), 2)]);
    }

    #[test]
    fn honorifics_joined_by_a_hyphen_are_no_part_of_the_name() {
        let t = "Detective-Inspector Marsh came in. \"Sit down,\" said Marsh.\n\n\
                 \"I will stand,\" said Lieutenant-Colonel Rudd.\n\n\"As you like,\" said \
                 Rudd.\n";
        assert_eq!(
            speakers(t),
            vec![("Marsh".to_string(), 1), ("Rudd".to_string(), 2)]
        );
    }
}
