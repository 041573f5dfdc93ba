//! Word lists: reporting verbs, titles, honorifics, role nouns, pronouns, given names.
//!
//! All lookups take a lowercase word. Verb forms are generated from base forms with English
//! spelling rules, so each verb is listed once.

use super::model::Gender;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

/// Reporting verbs whose every form is a verb: (base, irregular past, irregular participle).
const SPEECH_VERBS: &[(&str, &str, &str)] = &[
    ("say", "said", "said"),
    ("tell", "told", "told"),
    ("write", "wrote", "written"),
    ("speak", "spoke", "spoken"),
    ("begin", "began", "begun"),
    ("swear", "swore", "sworn"),
    ("think", "thought", "thought"),
    ("read", "read", "read"),
    ("cry", "cried", "cried"),
    ("reply", "replied", "replied"),
    ("deny", "denied", "denied"),
    ("testify", "testified", "testified"),
    ("clarify", "clarified", "clarified"),
    ("add", "", ""),
    ("explain", "", ""),
    ("insist", "", ""),
    ("warn", "", ""),
    ("tweet", "", ""),
    ("ask", "", ""),
    ("respond", "", ""),
    ("claim", "", ""),
    ("argue", "", ""),
    ("declare", "", ""),
    ("announce", "", ""),
    ("remark", "", ""),
    ("observe", "", ""),
    ("acknowledge", "", ""),
    ("admit", "", ""),
    ("concede", "", ""),
    ("confirm", "", ""),
    ("suggest", "", ""),
    ("predict", "", ""),
    ("promise", "", ""),
    ("vow", "", ""),
    ("pledge", "", ""),
    ("assert", "", ""),
    ("maintain", "", ""),
    ("contend", "", ""),
    ("emphasize", "", ""),
    ("emphasise", "", ""),
    ("stress", "", ""),
    ("underline", "", ""),
    ("underscore", "", ""),
    ("recall", "", ""),
    ("recount", "", ""),
    ("murmur", "", ""),
    ("mutter", "", ""),
    ("whisper", "", ""),
    ("shout", "", ""),
    ("exclaim", "", ""),
    ("yell", "", ""),
    ("scream", "", ""),
    ("sigh", "", ""),
    ("sob", "", ""),
    ("groan", "", ""),
    ("retort", "", ""),
    ("interrupt", "", ""),
    ("protest", "", ""),
    ("demand", "", ""),
    ("urge", "", ""),
    ("plead", "", ""),
    ("beg", "", ""),
    ("complain", "", ""),
    ("grumble", "", ""),
    ("joke", "", ""),
    ("quip", "", ""),
    ("riff", "", ""),
    ("remember", "", ""),
    ("snap", "", ""),
    ("growl", "", ""),
    ("hiss", "", ""),
    ("stammer", "", ""),
    ("stutter", "", ""),
    ("repeat", "", ""),
    ("reiterate", "", ""),
    ("agree", "", ""),
    ("object", "", ""),
    ("blog", "", ""),
    ("inform", "", ""),
    ("assure", "", ""),
    ("reassure", "", ""),
    ("advise", "", ""),
    ("caution", "", ""),
    ("boast", "", ""),
    ("brag", "", ""),
    ("concur", "", ""),
    ("rebut", "", ""),
    ("muse", "", ""),
    ("wonder", "", ""),
    ("speculate", "", ""),
    ("allege", "", ""),
    ("lament", "", ""),
    ("proclaim", "", ""),
    ("rejoin", "", ""),
    ("venture", "", ""),
    ("volunteer", "", ""),
    ("whine", "", ""),
    ("wail", "", ""),
    ("roar", "", ""),
    ("bellow", "", ""),
    ("gasp", "", ""),
    ("pant", "", ""),
    ("drawl", "", ""),
    ("chuckle", "", ""),
    ("giggle", "", ""),
    ("sneer", "", ""),
    ("snarl", "", ""),
    ("snort", "", ""),
    ("scoff", "", ""),
    ("tease", "", ""),
    ("persist", "", ""),
    ("inquire", "", ""),
    ("enquire", "", ""),
    ("interject", "", ""),
    ("interpose", "", ""),
    ("pronounce", "", ""),
    ("entreat", "", ""),
    ("implore", "", ""),
    ("confess", "", ""),
    ("disclose", "", ""),
    ("reveal", "", ""),
    ("summarize", "", ""),
    ("summarise", "", ""),
    ("elaborate", "", ""),
    ("specify", "", ""),
    ("hint", "", ""),
    ("scold", "", ""),
    ("chide", "", ""),
    ("exclaim", "", ""),
    ("reason", "", ""),
    ("resume", "", ""),
    ("continue", "", ""),
    ("conclude", "", ""),
    ("breathe", "", ""),
    ("falter", "", ""),
    ("blurt", "", ""),
    ("coo", "", ""),
    ("purr", "", ""),
    ("fume", "", ""),
    ("rage", "", ""),
    ("seethe", "", ""),
    ("thunder", "", ""),
    ("gush", "", ""),
    ("marvel", "", ""),
    ("jest", "", ""),
    ("moan", "", ""),
    ("counter", "", ""),
    ("reminisce", "", ""),
    ("lie", "lied", "lied"),
    ("acknowledge", "", ""),
    ("quote", "", ""),
    ("predict", "", ""),
    ("opine", "", ""),
    ("posit", "", ""),
    ("surmise", "", ""),
    ("recollect", "", ""),
    ("divulge", "", ""),
    ("mention", "", ""),
    ("propose", "", ""),
    ("suppose", "", ""),
    ("smile", "", ""),
    ("laugh", "", ""),
    // Verbs that attribute a characterisation: Trump blasted the report as "fake".
    ("describe", "", ""),
    ("praise", "", ""),
    ("mock", "", ""),
    ("criticize", "", ""),
    ("criticise", "", ""),
    ("decry", "decried", "decried"),
    ("accuse", "", ""),
    ("deride", "", ""),
    ("dismiss", "", ""),
    ("tout", "", ""),
    ("defend", "", ""),
    ("bemoan", "", ""),
    ("exhort", "", ""),
    ("ponder", "", ""),
    ("pen", "", ""),
    ("chant", "", ""),
    ("heckle", "", ""),
    // Fiction's inverted cues: `"...," pursued the doctor.`
    ("pursue", "", ""),
    ("ejaculate", "", ""),
    ("remonstrate", "", ""),
    ("expostulate", "", ""),
    ("acquiesce", "", ""),
    ("mumble", "", ""),
    ("confide", "", ""),
    ("sing", "sang", "sung"),
];

/// Reporting verbs that are also common nouns ("a note", "the state", "a call"): every form but
/// the base form counts, since "note" or "report" alone is usually the noun. (A noun form
/// such as "notes" only becomes a cue when a subject stands before it.)
const NOUN_LIKE_VERBS: &[&str] = &[
    "note",
    "state",
    "report",
    "answer",
    "comment",
    "post",
    "call",
    "charge",
    "counter",
    "question",
    "query",
    "blast",
    "slam",
    "label",
    "brand",
    "dub",
    "hail",
    "term",
    "return",
    "order",
    "command",
    "cite",
    "indicate",
    "signal",
    "write",
    "text",
    "email",
    "e-mail",
    "message",
    "estimate",
    "forecast",
    "request",
    "press",
    "prompt",
    "direct",
    "instruct",
    "encourage",
    "exult",
    "nod",
    "shrug",
    "frown",
    "grin",
    "wink",
    "smirk",
    "vent",
    "reflect",
    "echo",
    "assent",
    "shriek",
    "correct",
    "explain",
];

/// A reporting verb that is also a common noun, in its base form ("note", "charge").
pub fn is_noun_like_verb(lower: &str) -> bool {
    NOUN_LIKE_VERBS.contains(&lower)
}

/// Verbs that are cues only with their particle: "pointed out", "went on".
const PHRASAL_VERBS: &[(&str, &str, &str, &str)] = &[
    ("point", "pointed", "pointed", "out"),
    ("go", "went", "gone", "on"),
    ("cut", "cut", "cut", "in"),
    ("put", "put", "put", "in"),
    ("chime", "", "", "in"),
    ("break", "broke", "broken", "in"),
    ("burst", "burst", "burst", "out"),
    ("call", "", "", "out"),
    ("cry", "cried", "cried", "out"),
    ("speak", "spoke", "spoken", "up"),
    ("shoot", "shot", "shot", "back"),
    ("fire", "", "", "back"),
    ("hit", "hit", "hit", "back"),
    ("sum", "", "", "up"),
    ("spell", "", "", "out"),
    ("write", "wrote", "written", "back"),
    ("call", "", "", "back"),
    ("refer", "", "", "to"),
    ("put", "put", "put", "it"),
];

fn regular_forms(base: &str, past: &str, participle: &str) -> Vec<String> {
    let mut forms = vec![base.to_string()];
    let b = base.as_bytes();
    let last = *b.last().unwrap_or(&b'x');
    let before_last = if b.len() >= 2 { b[b.len() - 2] } else { b'x' };
    let vowel = |c: u8| b"aeiou".contains(&c);
    // third person
    let third = if base.ends_with('y') && !vowel(before_last) {
        format!("{}ies", &base[..base.len() - 1])
    } else if base.ends_with('s')
        || base.ends_with("sh")
        || base.ends_with("ch")
        || base.ends_with('x')
        || base.ends_with('z')
        || base.ends_with('o')
    {
        format!("{base}es")
    } else {
        format!("{base}s")
    };
    forms.push(third);
    // doubling the final consonant: beg -> begged, snap -> snapped, rebut -> rebutted
    // Doubling the final consonant: beg, snap, quip ("qu" is a consonant), and verbs stressed
    // on a short last syllable (concur, omit).
    let qu = b.len() >= 4 && b[..b.len() - 2].ends_with(b"qu");
    let short_cvc = (b.len() <= 5
        && !vowel(last)
        && vowel(before_last)
        && !b"wxy".contains(&last)
        && (b.len() < 3 || !vowel(b[b.len() - 3]) || qu))
        || matches!(
            base,
            "concur"
                | "refer"
                | "prefer"
                | "confer"
                | "omit"
                | "commit"
                | "regret"
                | "compel"
                | "rebel"
                | "control"
        );
    let stem_ed = if base.ends_with('e') {
        format!("{base}d")
    } else if base.ends_with('y') && !vowel(before_last) {
        format!("{}ied", &base[..base.len() - 1])
    } else if short_cvc && !matches!(base, "vow" | "open" | "offer" | "answer") {
        format!("{base}{}ed", last as char)
    } else {
        format!("{base}ed")
    };
    let ing = if let Some(stem) = base.strip_suffix("ie") {
        format!("{stem}ying")
    } else if base.ends_with('e') && !base.ends_with("ee") {
        format!("{}ing", &base[..base.len() - 1])
    } else if short_cvc && !matches!(base, "vow" | "open" | "offer" | "answer") {
        format!("{base}{}ing", last as char)
    } else {
        format!("{base}ing")
    };
    forms.push(ing);
    if past.is_empty() {
        forms.push(stem_ed);
    } else {
        forms.push(past.to_string());
        if participle != past {
            forms.push(participle.to_string());
        }
    }
    forms
}

/// A particle from configuration, kept for the life of the process once per distinct word,
/// so reloading settings does not grow memory.
fn intern(word: &str) -> &'static str {
    static SEEN: OnceLock<std::sync::Mutex<FxHashSet<&'static str>>> = OnceLock::new();
    let mut seen = SEEN
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(&w) = seen.get(word) {
        return w;
    }
    let w: &'static str = Box::leak(word.to_string().into_boxed_str());
    seen.insert(w);
    w
}

/// A speech verb form: its base form and whether it is a past or participle form.
#[derive(Clone, Debug)]
pub struct VerbForm {
    pub lemma: String,
    /// The particle that must follow ("out" for "pointed out").
    pub particle: Option<&'static str>,
}

/// The words that introduce speech.
#[derive(Debug, Default)]
pub struct Lexicon {
    verbs: FxHashMap<String, Vec<VerbForm>>,
    /// A bit for each (length, first, second, last byte) some verb form has: most words of a
    /// text (asked about one by one, several times each) are answered here without hashing.
    may_be_verb: Vec<u64>,
}

const VERB_FILTER_BITS: usize = 1 << 16;

/// The bit of [`Lexicon::may_be_verb`] that `word` (non-empty) sets or tests.
fn verb_filter_bit(word: &[u8]) -> usize {
    let (first, last) = (word[0] as usize, word[word.len() - 1] as usize);
    let second = word.get(1).copied().unwrap_or(0) as usize;
    let key = ((word.len() & 31) << 24) | (first << 16) | (second << 8) | last;
    (key.wrapping_mul(0x9E37_79B9) >> 7) & (VERB_FILTER_BITS - 1)
}

impl Lexicon {
    /// The built-in lexicon.
    pub fn standard() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| Lexicon::with_extra_verbs(&[]))
    }

    /// The built-in lexicon plus extra reporting verbs (base forms, or any form to add as is).
    pub fn with_extra_verbs(extra: &[String]) -> Lexicon {
        let mut lex = Lexicon::default();
        for &(base, past, part) in SPEECH_VERBS {
            for f in regular_forms(base, past, part) {
                lex.add(f, base, None);
            }
        }
        for &base in NOUN_LIKE_VERBS {
            for f in regular_forms(base, "", "").into_iter().skip(1) {
                lex.add(f, base, None);
            }
        }
        for &(base, past, part, particle) in PHRASAL_VERBS {
            for f in regular_forms(base, past, part) {
                lex.add(f, base, Some(particle));
            }
        }
        for v in extra {
            let v = v.trim().to_lowercase();
            if v.is_empty() {
                continue;
            }
            if v.contains(' ') {
                // "weighed in": a phrasal verb given with its particle
                let mut parts = v.splitn(2, ' ');
                let verb = parts.next().unwrap_or_default().to_string();
                let particle = intern(parts.next().unwrap_or_default());
                for f in regular_forms(&verb, "", "") {
                    lex.add(f, &verb, Some(particle));
                }
                lex.add(verb.clone(), &verb, Some(particle));
            } else {
                for f in regular_forms(&v, "", "") {
                    lex.add(f, &v, None);
                }
                lex.add(v.clone(), &v, None);
            }
        }
        lex
    }

    fn add(&mut self, form: String, lemma: &str, particle: Option<&'static str>) {
        if self.may_be_verb.is_empty() {
            self.may_be_verb = vec![0; VERB_FILTER_BITS / 64];
        }
        if !form.is_empty() {
            let bit = verb_filter_bit(form.as_bytes());
            self.may_be_verb[bit / 64] |= 1 << (bit % 64);
        }
        let entry = self.verbs.entry(form).or_default();
        if !entry
            .iter()
            .any(|f| f.lemma == lemma && f.particle == particle)
        {
            entry.push(VerbForm {
                lemma: lemma.to_string(),
                particle,
            });
        }
    }

    /// The forms of a speech verb this word can be (several for "cried": "cry", "cry out").
    pub fn verb(&self, lower: &str) -> Option<&[VerbForm]> {
        if lower.is_empty() {
            return None;
        }
        let bit = verb_filter_bit(lower.as_bytes());
        if self
            .may_be_verb
            .get(bit / 64)
            .is_none_or(|w| w & (1 << (bit % 64)) == 0)
        {
            return None;
        }
        self.verbs.get(lower).map(Vec::as_slice)
    }
}

macro_rules! set {
    ($name:ident, $list:expr) => {
        pub fn $name(word: &str) -> bool {
            static SET: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
            SET.get_or_init(|| $list.iter().copied().collect())
                .contains(word)
        }
    };
}

/// Honorifics before a name, with the gender they imply.
pub fn honorific(lower: &str) -> Option<Gender> {
    Some(match lower.trim_end_matches('.') {
        "mr" | "mister" | "sir" | "lord" | "messrs" | "monsieur" | "herr" | "señor" | "senor"
        | "signor" | "master" | "king" | "prince" | "duke" | "count" | "baron" | "earl"
        | "emperor" | "sultan" | "father" | "brother" | "uncle" | "grandpa" | "grandfather"
        | "monsignor" | "rabbi" | "sheikh" | "m" => Gender::Male,
        "mrs" | "ms" | "miss" | "madam" | "madame" | "mme" | "mlle" | "mademoiselle" | "lady"
        | "dame" | "frau" | "fräulein" | "señora" | "senora" | "signora" | "queen" | "princess"
        | "duchess" | "countess" | "baroness" | "empress" | "sister" | "mother" | "aunt"
        | "auntie" | "grandma" | "grandmother" | "mistress" => Gender::Female,
        "dr" | "prof" | "professor" | "rev" | "reverend" | "hon" | "cousin" | "doctor"
        | "captain" | "capt" | "colonel" | "col" | "major" | "maj" | "general" | "gen"
        | "lieutenant" | "lt" | "sergeant" | "sgt" | "admiral" | "adm" | "commander"
        | "inspector" | "detective" | "judge" | "justice" | "officer" | "agent" | "coach"
        | "nurse" => Gender::Unknown,
        // "Detective-Inspector", "Lieutenant-Colonel": honorifics joined by a hyphen.
        compound if compound.contains('-') => {
            let mut gender = None;
            for part in compound.split('-') {
                gender = Some(honorific(part)?);
            }
            return gender;
        }
        _ => return None,
    })
}

// Words that can stand in a title before a name: "Russian Foreign Minister Sergey Lavrov".
set!(
    is_title_word,
    [
        "president",
        "vice",
        "prime",
        "minister",
        "foreign",
        "secretary",
        "senator",
        "sen",
        "sens",
        "rep",
        "reps",
        "representative",
        "congressman",
        "congresswoman",
        "gov",
        "governor",
        "lt",
        "mayor",
        "chairman",
        "chairwoman",
        "chair",
        "ceo",
        "cfo",
        "coo",
        "director",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "ambassador",
        "judge",
        "justice",
        "chief",
        "deputy",
        "assistant",
        "attorney",
        "former",
        "ex",
        "then",
        "house",
        "speaker",
        "leader",
        "majority",
        "minority",
        "candidate",
        "presidential",
        "republican",
        "democratic",
        "democrat",
        "gop",
        "independent",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "rev",
        "reverend",
        "father",
        "lord",
        "lady",
        "sir",
        "dame",
        "dr",
        "mr",
        "mrs",
        "ms",
        "miss",
        "prof",
        "professor",
        "officer",
        "sergeant",
        "sgt",
        "captain",
        "capt",
        "colonel",
        "col",
        "lieutenant",
        "admiral",
        "adm",
        "commissioner",
        "councilman",
        "councilwoman",
        "councilor",
        "councillor",
        "chancellor",
        "premier",
        "sheriff",
        "detective",
        "inspector",
        "coach",
        "host",
        "anchor",
        "author",
        "columnist",
        "analyst",
        "economist",
        "strategist",
        "adviser",
        "advisor",
        "aide",
        "pollster",
        "consultant",
        "activist",
        "editor",
        "reporter",
        "correspondent",
        "founder",
        "co-founder",
        "executive",
        "manager",
        "press",
        "defense",
        "defence",
        "health",
        "finance",
        "interior",
        "education",
        "energy",
        "homeland",
        "security",
        "national",
        "campaign",
        "rabbi",
        "imam",
        "bishop",
        "cardinal",
        "archbishop",
        "emperor",
        "sultan",
        "sheikh",
        "crown",
        "duke",
        "duchess",
        "general",
        "gen",
        "marshal",
        "corporal",
        "commander",
        "superintendent",
        "supt",
        "treasurer",
        "comptroller",
        "auditor",
        "solicitor",
        "prosecutor",
        "district",
        "state",
        "federal",
        "u.s.",
        "us",
        "u.s",
        "acting",
        "interim",
        "incoming",
        "outgoing",
        "senior",
        "junior",
        "principal",
        "head",
        "general",
        "army",
        "navy",
        "air",
        "force",
        "labor",
        "labour",
        "trade",
        "commerce",
        "agriculture",
        "transportation",
        "treasury",
        "war",
        "first",
        "white",
        "military",
        "economic",
        "political",
        "communications",
        "policy",
        "research",
        "legal",
        "counsel",
        "special",
        "envoy",
        "representative",
        "delegate",
        "diplomat",
        "top",
        "senate",
        "assembly",
        "assemblyman",
        "assemblywoman",
        "legislator",
        "lawmaker",
        "state's",
        "governor's",
        "mayor's",
        "nominee",
        "hopeful",
        "contender",
        "challenger",
        "incumbent",
        "billionaire",
        "businessman",
        "businesswoman",
        "mogul",
        "tycoon",
        "actor",
        "actress",
        "singer",
        "rapper",
        "comedian",
        "writer",
        "novelist",
        "poet",
        "historian",
        "scholar",
        "scientist",
        "physicist",
        "doctor",
        "surgeon",
        "lawyer",
        "attorney",
        "judge",
        "magistrate",
        "officer",
        "commentator",
        "pundit",
        "talk",
        "radio",
        "tv",
        "television",
        "show",
        "news",
        "fox",
        "cnn",
        "msnbc",
        "abc",
        "nbc",
        "cbs",
        "nurse",
        "coach",
        "quarterback",
        "pitcher",
        "player",
        "star",
        "legend",
        "veteran",
        "councilmember",
        "alderman",
        "supervisor",
        "pastor",
        "evangelist",
        "preacher",
        "minister's",
        "ministry",
        "agency",
        "union",
        "party",
    ]
);

/// Nouns that head a description of a speaker, with whether they name an organisation and
/// the gender they imply.
pub fn role_noun(lower: &str) -> Option<(bool, Gender)> {
    // An age used as a noun: "said the 46-year-old".
    if lower.ends_with("-year-old") {
        return Some(PERSON);
    }
    // A table, not a `match`: a match on hundreds of strings compares them one by one, and
    // this is asked of nearly every word of a text.
    static TABLE: OnceLock<FxHashMap<&'static str, (bool, Gender)>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            let mut table = FxHashMap::default();
            for &(words, role) in ROLE_NOUNS {
                for &w in words {
                    // The first list naming a word decides, as the first arm of a match would.
                    table.entry(w).or_insert(role);
                }
            }
            table
        })
        .get(lower)
        .copied()
}

const PERSON: (bool, Gender) = (false, Gender::Unknown);
const PERSON_MALE: (bool, Gender) = (false, Gender::Male);
const PERSON_FEMALE: (bool, Gender) = (false, Gender::Female);
const ORG: (bool, Gender) = (true, Gender::Neuter);

/// Nouns for a role a speaker has, whether they name an organisation, and the gender they tell.
const ROLE_NOUNS: &[(&[&str], (bool, Gender))] = &[
    (
        &[
            "man",
            "gentleman",
            "boy",
            "lad",
            "fellow",
            "husband",
            "father",
            "son",
            "brother",
            "uncle",
            "nephew",
            "king",
            "prince",
            "lord",
            "spokesman",
            "chairman",
            "congressman",
            "businessman",
            "councilman",
            "sir",
            "grandfather",
            "monk",
            "priest",
            "widower",
            "bridegroom",
            "groom",
            "landlord",
            "waiter",
            "butler",
            "footman",
            "master",
            "duke",
            "emperor",
            "policeman",
            "fisherman",
            "clergyman",
            "old-timer",
            "bachelor",
            "schoolboy",
            "assemblyman",
        ],
        PERSON_MALE,
    ),
    (
        &[
            "woman",
            "lady",
            "girl",
            "lass",
            "wife",
            "mother",
            "daughter",
            "sister",
            "aunt",
            "niece",
            "queen",
            "princess",
            "spokeswoman",
            "chairwoman",
            "congresswoman",
            "businesswoman",
            "councilwoman",
            "madam",
            "grandmother",
            "nun",
            "widow",
            "bride",
            "landlady",
            "waitress",
            "maid",
            "housemaid",
            "nurse",
            "governess",
            "mistress",
            "duchess",
            "actress",
            "heiress",
            "hostess",
            "schoolgirl",
            "assemblywoman",
        ],
        PERSON_FEMALE,
    ),
    (
        &[
            "person",
            "spokesperson",
            "official",
            "minister",
            "diplomat",
            "secretary",
            "president",
            "senator",
            "governor",
            "mayor",
            "candidate",
            "nominee",
            "leader",
            "director",
            "chief",
            "ambassador",
            "envoy",
            "adviser",
            "advisor",
            "aide",
            "analyst",
            "expert",
            "economist",
            "strategist",
            "lawmaker",
            "legislator",
            "politician",
            "representative",
            "lawyer",
            "attorney",
            "judge",
            "prosecutor",
            "officer",
            "source",
            "witness",
            "resident",
            "voter",
            "supporter",
            "critic",
            "activist",
            "organizer",
            "founder",
            "executive",
            "ceo",
            "manager",
            "chair",
            "commissioner",
            "professor",
            "researcher",
            "scientist",
            "doctor",
            "physician",
            "author",
            "writer",
            "reporter",
            "journalist",
            "columnist",
            "editor",
            "host",
            "anchor",
            "commentator",
            "pollster",
            "consultant",
            "billionaire",
            "mogul",
            "frontrunner",
            "front-runner",
            "incumbent",
            "challenger",
            "contender",
            "hopeful",
            "veteran",
            "student",
            "teacher",
            "child",
            "friend",
            "stranger",
            "visitor",
            "guest",
            "servant",
            "clerk",
            "driver",
            "captain",
            "colonel",
            "general",
            "sergeant",
            "lieutenant",
            "inspector",
            "detective",
            "constable",
            "magistrate",
            "coroner",
            "surgeon",
            "vicar",
            "rector",
            "curate",
            "bishop",
            "cardinal",
            "pope",
            "rabbi",
            "imam",
            "pastor",
            "preacher",
            "speaker",
            "chancellor",
            "premier",
            "sheriff",
            "deputy",
            "treasurer",
            "owner",
            "boss",
            "employee",
            "worker",
            "farmer",
            "soldier",
            "doorman",
            "porter",
            "guard",
            "stranger's",
            "youth",
            "youngster",
            "teenager",
            "elder",
            "neighbor",
            "neighbour",
            "colleague",
            "partner",
            "companion",
            "cousin",
            "guardian",
            "counterpart",
            "campaigner",
            "protester",
            "demonstrator",
            "official's",
            "insider",
            "observer",
            "participant",
            "member",
            "delegate",
            "co-founder",
            "republican",
            "democrat",
            "conservative",
            "liberal",
            "progressive",
            "staffer",
            "spokesperson's",
            "negotiator",
            "mediator",
            "tycoon",
            "singer",
            "actor",
            "comedian",
            "player",
            "coach",
            "star",
            "poet",
            "novelist",
            "historian",
            "scholar",
            "lecturer",
            "dean",
            "principal",
            "superintendent",
            "pilot",
            "administrator",
            "regulator",
            "auditor",
            "investigator",
            "agent",
            "governor-elect",
            "president-elect",
            "one",
            "victim",
            "survivor",
            "father-in-law",
        ],
        PERSON,
    ),
    (
        &[
            "newspaper",
            "daily",
            "paper",
            "magazine",
            "outlet",
            "agency",
            "ministry",
            "department",
            "government",
            "administration",
            "campaign",
            "committee",
            "company",
            "firm",
            "group",
            "organization",
            "organisation",
            "party",
            "court",
            "council",
            "commission",
            "office",
            "board",
            "network",
            "channel",
            "station",
            "website",
            "site",
            "publication",
            "tabloid",
            "broadsheet",
            "weekly",
            "union",
            "association",
            "institute",
            "foundation",
            "bank",
            "corporation",
            "team",
            "embassy",
            "kremlin",
            "statement",
            "report",
            "study",
            "survey",
            "poll",
            "lawsuit",
            "complaint",
            "memo",
            "letter",
            "document",
            "release",
            "bureau",
            "service",
            "authority",
            "authorities",
            "police",
            "military",
            "army",
            "regime",
            "cabinet",
            "parliament",
            "congress",
            "senate",
            "legislature",
            "coalition",
            "alliance",
            "federation",
            "caucus",
            "think-tank",
            "tank",
            "university",
            "school",
            "college",
            "hospital",
            "charity",
            "pac",
            "super-pac",
            "blog",
            "show",
            "program",
            "programme",
            "broadcaster",
            "email",
            "e-mail",
            "tweet",
            "ad",
            "advertisement",
            "video",
            "editorial",
            "article",
            "column",
            "op-ed",
            "book",
            "transcript",
            "filing",
            "indictment",
            "message",
            "announcement",
            "resolution",
            "platform",
            "petition",
            "website's",
            "account",
            "page",
            "chart",
            "analysis",
            "crowd",
            "audience",
            "spokesman's",
            "office's",
        ],
        ORG,
    ),
];

/// A noun the lexicon knows as a speaker's role, singular or plural ("minister", "officials").
pub fn is_role_noun(lower: &str) -> bool {
    role_noun(lower).is_some() || plural_role_noun(lower)
}

/// Nouns that make a description plural ("officials said"): organisation-like groups.
pub fn plural_role_noun(lower: &str) -> bool {
    let singular = lower
        .strip_suffix("ies")
        .map(|s| format!("{s}y"))
        .or_else(|| lower.strip_suffix("men").map(|s| format!("{s}man")))
        .or_else(|| lower.strip_suffix('s').map(str::to_string));
    match singular {
        Some(s) if s != lower => role_noun(&s).is_some() || s == "person" || s == "people",
        _ => matches!(
            lower,
            "people" | "police" | "authorities" | "staff" | "crowd"
        ),
    }
}

/// A personal pronoun that can be the subject of a speech verb.
pub fn subject_pronoun(lower: &str) -> Option<Gender> {
    Some(match lower {
        "he" => Gender::Male,
        "she" => Gender::Female,
        "they" | "we" => Gender::Plural,
        "it" => Gender::Neuter,
        "i" => Gender::Unknown,
        _ => return None,
    })
}

/// Three consecutive words (lowercased; "" past the end) that say their subject kept
/// silent: "was silent", "said nothing", "made no answer", "did not reply", "held her tongue".
pub fn says_silent(w: [&str; 3]) -> bool {
    let reply = |x: &str| matches!(x, "answer" | "reply" | "response" | "rejoinder" | "respond");
    match w {
        [
            "was" | "were" | "is" | "remained" | "remains" | "kept" | "keeps" | "fell" | "falls"
            | "sat" | "stood",
            "silent" | "mute",
            _,
        ] => true,
        [
            "said" | "says" | "answered" | "replied" | "spoke",
            "nothing" | "not",
            _,
        ] => w[1] == "nothing" || w[2] == "a",
        ["made" | "makes" | "gave" | "gives" | "returned", "no", x] => reply(x),
        ["did" | "does" | "could", "not", x] => reply(x) || x == "speak",
        ["didn't" | "didn\u{2019}t", x, _] => reply(x) || x == "speak",
        ["never", "answered" | "replied" | "responded" | "spoke", _] => true,
        ["held" | "holds", "his" | "her" | "their", "tongue"] => true,
        _ => false,
    }
}

/// Possessive and object pronouns, for coreference of "his", "her", "him".
pub fn other_pronoun(lower: &str) -> Option<Gender> {
    Some(match lower {
        "him" | "his" | "himself" => Gender::Male,
        "her" | "hers" | "herself" => Gender::Female,
        "them" | "their" | "theirs" | "themselves" | "us" | "our" => Gender::Plural,
        "its" | "itself" => Gender::Neuter,
        _ => return None,
    })
}

// Nouns of time, of events and of states of mind: "the timeline", "the prospect" can be the
// subject of a sentence beside a quote, but never say anything.
set!(
    is_non_agent_noun,
    [
        "time",
        "timeline",
        "timing",
        "past",
        "future",
        "moment",
        "moments",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "hour",
        "hours",
        "decade",
        "era",
        "weekend",
        "night",
        "morning",
        "evening",
        "afternoon",
        "prospect",
        "prospects",
        "willingness",
        "possibility",
        "likelihood",
        "chance",
        "chances",
        "discussion",
        "discussions",
        "tragedy",
        "situation",
        "exception",
        "contention",
        "standing",
    ]
);

// Words that start a description.
set!(
    is_determiner,
    [
        "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our",
        "my", "your", "another", "one", "each", "every", "some", "no",
    ]
);

// Capitalised words that are not names: function words, sentence openers, months, days.
set!(
    is_not_name,
    [
        "the",
        "a",
        "an",
        "and",
        "but",
        "or",
        "nor",
        "so",
        "yet",
        "for",
        "if",
        "when",
        "while",
        "after",
        "before",
        "since",
        "as",
        "at",
        "by",
        "in",
        "on",
        "of",
        "to",
        "from",
        "with",
        "without",
        "about",
        "into",
        "over",
        "under",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "there",
        "here",
        "then",
        "now",
        "still",
        "also",
        "even",
        "just",
        "only",
        "yes",
        "no",
        "not",
        "oh",
        "ah",
        "well",
        "why",
        "what",
        "who",
        "whom",
        "whose",
        "which",
        "where",
        "how",
        "all",
        "some",
        "many",
        "most",
        "more",
        "much",
        "few",
        "both",
        "each",
        "every",
        "any",
        "none",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "first",
        "last",
        "next",
        "other",
        "another",
        "such",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "tomorrow",
        "yesterday",
        "according",
        "although",
        "though",
        "because",
        "unless",
        "until",
        "despite",
        "during",
        "between",
        "among",
        "against",
        "through",
        "throughout",
        "within",
        "upon",
        "however",
        "meanwhile",
        "moreover",
        "indeed",
        "instead",
        "perhaps",
        "maybe",
        "please",
        "thank",
        "thanks",
        "let",
        "do",
        "does",
        "did",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "have",
        "has",
        "had",
        "will",
        "would",
        "can",
        "could",
        "shall",
        "should",
        "must",
        "might",
        "said",
        "says",
        "asked",
        "told",
        "photo",
        "image",
        "video",
        "watch",
        "read",
        "click",
        "follow",
        "share",
        "updated",
        "posted",
        "advertisement",
        "related",
        "dear",
        "good",
        "very",
        "too",
        "never",
        "always",
        "again",
        "once",
        "like",
        "unlike",
        "whether",
        "where's",
        "what's",
        "it's",
        "that's",
        "there's",
        "here's",
        "i'm",
        "i've",
        "i'll",
        "i'd",
        "don't",
        "didn't",
        "can't",
        "won't",
        "isn't",
        "wasn't",
        "we're",
        "they're",
        "you're",
        "he's",
        "she's",
        "let's",
        "god",
        "christ",
        "heaven",
        "lord's",
        "sure",
        "ok",
        "okay",
        "hello",
        "goodbye",
        "no-one",
        "nobody",
        "everyone",
        "someone",
        "anyone",
        "nothing",
        "something",
        "everything",
        "anything",
        "else",
        "ever",
        "quite",
        "rather",
        "almost",
        "already",
        "soon",
        "later",
        "earlier",
        "above",
        "below",
        "outside",
        "inside",
        "around",
        "across",
        "along",
        "behind",
        "beyond",
        "near",
        "off",
        "out",
        "up",
        "down",
        "away",
        "back",
        "forward",
        "together",
        "alone",
        "whatever",
        "whenever",
        "wherever",
        "whoever",
        "however",
        "otherwise",
        "therefore",
        "thus",
        "hence",
        "so-called",
        "although",
        "whereas",
        "whilst",
        "amid",
        "amidst",
        "towards",
        "toward",
        "onto",
        "beside",
        "besides",
        "except",
        "via",
        "per",
        "plus",
        "minus",
        "overall",
        "finally",
        "first",
        "second",
        "third",
        "again",
        "anyway",
        "besides",
        "chapter",
        "part",
        "book",
        "volume",
        "section",
        "page",
        "note",
        "end",
        "fig",
        "table",
        "appendix",
        "contents",
        "preface",
        "introduction",
        "epilogue",
        "prologue",
    ]
);

// Words that mark a capitalised phrase as an organisation.
set!(
    is_org_word,
    [
        "watch",
        "department",
        "ministry",
        "agency",
        "office",
        "committee",
        "party",
        "campaign",
        "council",
        "association",
        "foundation",
        "institute",
        "institution",
        "university",
        "college",
        "school",
        "bank",
        "corp",
        "corporation",
        "inc",
        "company",
        "co",
        "ltd",
        "llc",
        "group",
        "service",
        "services",
        "court",
        "commission",
        "union",
        "federation",
        "organization",
        "organisation",
        "coalition",
        "network",
        "club",
        "church",
        "kremlin",
        "pentagon",
        "congress",
        "senate",
        "house",
        "parliament",
        "government",
        "administration",
        "post",
        "times",
        "news",
        "journal",
        "herald",
        "tribune",
        "gazette",
        "telegraph",
        "guardian",
        "observer",
        "express",
        "mail",
        "mirror",
        "press",
        "daily",
        "weekly",
        "magazine",
        "review",
        "reuters",
        "bloomberg",
        "politico",
        "tass",
        "ria",
        "interfax",
        "xinhua",
        "cnn",
        "bbc",
        "msnbc",
        "fox",
        "abc",
        "nbc",
        "cbs",
        "npr",
        "pbs",
        "ap",
        "afp",
        "breitbart",
        "buzzfeed",
        "axios",
        "vox",
        "hill",
        "atlantic",
        "economist",
        "bureau",
        "center",
        "centre",
        "council",
        "board",
        "authority",
        "police",
        "army",
        "navy",
        "force",
        "forces",
        "guard",
        "embassy",
        "consulate",
        "mission",
        "pac",
        "super",
        "fund",
        "trust",
        "alliance",
        "league",
        "society",
        "academy",
        "hospital",
        "clinic",
        "museum",
        "library",
        "studio",
        "studios",
        "records",
        "network",
        "channel",
        "cabinet",
        "secretariat",
        "directorate",
        "inc.",
        "corp.",
        "co.",
        "ltd.",
        "nato",
        "un",
        "eu",
        "osce",
        "opec",
        "fbi",
        "cia",
        "nsa",
        "irs",
        "epa",
        "fda",
        "cdc",
        "sec",
        "gop",
        "rnc",
        "dnc",
        "aclu",
        "nra",
        "who",
        "imf",
        "wto",
        "foundation",
        "caucus",
        "staff",
        "team",
        "white",
    ]
);

// Places: countries, capitals, US states and regions that are often capitalised subjects
// ("Russia said", "Moscow insists") but are not people.
set!(
    is_place,
    [
        "russia",
        "ukraine",
        "america",
        "united",
        "states",
        "kingdom",
        "britain",
        "england",
        "scotland",
        "wales",
        "ireland",
        "france",
        "germany",
        "italy",
        "spain",
        "portugal",
        "china",
        "japan",
        "korea",
        "india",
        "pakistan",
        "afghanistan",
        "iran",
        "iraq",
        "syria",
        "israel",
        "palestine",
        "gaza",
        "egypt",
        "turkey",
        "greece",
        "poland",
        "hungary",
        "sweden",
        "norway",
        "finland",
        "denmark",
        "netherlands",
        "belgium",
        "switzerland",
        "austria",
        "canada",
        "mexico",
        "brazil",
        "argentina",
        "chile",
        "cuba",
        "venezuela",
        "colombia",
        "peru",
        "australia",
        "africa",
        "nigeria",
        "kenya",
        "libya",
        "yemen",
        "saudi",
        "arabia",
        "qatar",
        "jordan",
        "lebanon",
        "belarus",
        "georgia",
        "europe",
        "asia",
        "moscow",
        "kiev",
        "kyiv",
        "london",
        "paris",
        "berlin",
        "rome",
        "madrid",
        "beijing",
        "tokyo",
        "washington",
        "york",
        "los",
        "angeles",
        "chicago",
        "boston",
        "texas",
        "california",
        "florida",
        "ohio",
        "iowa",
        "nevada",
        "virginia",
        "carolina",
        "michigan",
        "wisconsin",
        "pennsylvania",
        "arizona",
        "colorado",
        "utah",
        "oregon",
        "alabama",
        "alaska",
        "arkansas",
        "connecticut",
        "delaware",
        "hawaii",
        "idaho",
        "illinois",
        "indiana",
        "kansas",
        "kentucky",
        "louisiana",
        "maine",
        "maryland",
        "massachusetts",
        "minnesota",
        "mississippi",
        "missouri",
        "montana",
        "nebraska",
        "hampshire",
        "jersey",
        "mexico",
        "dakota",
        "oklahoma",
        "rhode",
        "island",
        "tennessee",
        "vermont",
        "wyoming",
        "west",
        "east",
        "north",
        "south",
        "new",
        "san",
        "fort",
        "city",
        "county",
        "street",
        "avenue",
        "road",
        "square",
        "park",
        "river",
        "lake",
        "mountain",
        "valley",
        "hill",
        "hills",
        "bay",
        "beach",
        "islands",
        "ocean",
        "sea",
        "crimea",
        "donbas",
        "donbass",
        "baltic",
        "caucasus",
        "balkans",
        "middle",
        "vietnam",
        "taiwan",
        "philippines",
        "indonesia",
        "malaysia",
        "singapore",
        "thailand",
        "bangladesh",
        "ethiopia",
        "sudan",
        "somalia",
        "algeria",
        "morocco",
        "tunisia",
        "istanbul",
        "astana",
        "geneva",
        "brussels",
        "vienna",
        "warsaw",
        "minsk",
        "tehran",
        "baghdad",
        "damascus",
        "jerusalem",
        "cairo",
        "dubai",
        "delhi",
        "mumbai",
        "seoul",
        "pyongyang",
        "havana",
        "caracas",
        "ottawa",
        "toronto",
        "sydney",
        "des",
        "moines",
        "manchester",
        "oxford",
        "cambridge",
        "bath",
        "highbury",
        "india's",
    ]
);

/// Given names with their usual gender: the sign that a capitalised phrase names a person.
pub fn given_name(lower: &str) -> Option<Gender> {
    static MAP: OnceLock<FxHashMap<&'static str, Gender>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut m = FxHashMap::default();
        for n in MALE_NAMES.split_whitespace() {
            m.insert(n, Gender::Male);
        }
        for n in FEMALE_NAMES.split_whitespace() {
            m.insert(n, Gender::Female);
        }
        m
    });
    map.get(lower).copied()
}

const MALE_NAMES: &str = "stanley wesley james john robert michael william david richard joseph thomas charles christopher daniel \
matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy \
ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin \
scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry \
tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy \
christian keith roger gerald harold sean austin carl arthur lawrence dylan bryan billy joe \
bruce gabriel logan albert willie alan juan wayne elijah randy roy vincent ralph eugene \
russell bobby mason philip louis harry bill bernie ted marco jeb ben rand mike mitt newt \
rick barack hillary sergey sergei vladimir dmitry dmitri emmanuel boris angela nicolas \
francois jacques recep xi viktor volodymyr petro alexei alexey ivan igor nikolai mikhail \
yuri oleg andrei andrey maxim pavel leonid fyodor hans karl friedrich wolfgang pierre luc \
giuseppe giovanni luigi carlos luis miguel pedro antonio manuel fernando rafael diego jorge \
pablo sanjay rahul ahmed mohammed muhammad ali omar hassan hussein abdullah ibrahim yusuf \
mustafa binyamin moshe yitzhak shimon ehud naftali tony fred freddie toby edmund frederick \
tom oliver charley sherlock alfred gilbert cecil freddy leonard dick ian neil craig derek \
graham stuart colin nigel trevor clive barry gordon malcolm duncan hugh angus rupert giles \
simon nick dave steve tim jim bob dan matt rob greg jon ron don ken jeff josh andy max leo \
hugo felix oscar otto emil anton lukas jan piotr tomasz marek jiri zoran dragan milos reuben \
ezra isaac levi caleb owen liam luke connor hunter evan cole lucas chase bradley seth cody \
travis derrick marcus darius andre tyrone jamal malik dwayne lamar cornel al herman rudy \
mitch chuck cory beto pete";

const FEMALE_NAMES: &str = "kelly shelly shelley holly lilly nelly mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty \
margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah \
stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela \
nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth maria \
heather diane virginia julie joyce victoria olivia christina lauren joan evelyn judith megan \
cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice alice \
madison doris abigail julia judy grace denise amber marilyn beverly danielle theresa sophia \
marie diana brittany natalie isabella charlotte rose alexis kayla hillary liz nikki carly \
michele marsha huma chelsea ivanka melania marine ursula federica anastasia natalia olga \
tatiana svetlana irina elena ekaterina yulia valentina galina ludmila lyudmila nadia \
nadezhda sofia ingrid greta astrid brigitte monique sophie claire camille chantal isabelle \
giulia francesca carmen lucia pilar dolores rosa ana beatriz fatima aisha leila yasmin priya \
sonia indira golda tzipi ayelet marjorie anne josie ruby jane fanny eleanor louisa harriet \
augusta lucy edna adele dolly caroline marion mabel mildred myrtle nell nellie polly sally \
sue susie winifred agnes beatrice bertha clara cora daisy edith ella ethel florence gertrude \
hazel hilda ida iris ivy lilian lillian lily maud mavis minnie muriel nora olive pearl \
phyllis sybil violet vera winnie zoe chloe mia ava madeline maya leah audrey stella aurora \
savannah brooklyn bella skylar paisley everly nova genesis kennedy sadie naomi ariana \
allison gabriella madelyn eva serenity autumn adeline hailey gianna kinsley delilah ellie \
emilia jasmine kylie kaylee aubrey piper melanie carla kathy debbie wendy tina tammy peggy \
sheila joanne jill gail kim erin kristen katie molly becky jenny jo bonnie kay lois penny \
gwen ginger elaine norma kamala tulsi kellyanne lindsey";

/// Nouns and names of time: "on Friday", "last week", "in 2008".
pub fn is_time_noun(lower: &str) -> bool {
    matches!(
        lower,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "today"
            | "yesterday"
            | "tonight"
            | "tomorrow"
            | "week"
            | "weekend"
            | "month"
            | "year"
            | "day"
            | "night"
            | "morning"
            | "afternoon"
            | "evening"
            | "time"
            | "january"
            | "february"
            | "march"
            | "april"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    ) || (lower.len() == 4 && lower.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verb_filter_lets_every_form_through_and_stops_most_other_words() {
        let lex = Lexicon::with_extra_verbs(&["opine".to_string(), "weigh in".to_string()]);
        for (form, forms) in &lex.verbs {
            let found = lex.verb(form).map(|f| f.len());
            assert_eq!(found, Some(forms.len()), "{form}");
        }
        assert!(lex.verb("opined").is_some());
        let others = [
            "the", "of", "and", "to", "in", "that", "harbour", "council", "x",
        ];
        let passed = others
            .iter()
            .filter(|w| {
                let bit = verb_filter_bit(w.as_bytes());
                lex.may_be_verb[bit / 64] & (1 << (bit % 64)) != 0
            })
            .count();
        assert!(passed <= 2, "{passed} of {others:?} pass the filter");
        assert!(Lexicon::default().verb("said").is_none());
        assert!(lex.verb("").is_none());
    }

    #[test]
    fn verb_forms_are_generated() {
        let lex = Lexicon::standard();
        for w in [
            "said",
            "says",
            "saying",
            "told",
            "added",
            "noted",
            "stressed",
            "concluded",
            "explained",
            "insisted",
            "warned",
            "wrote",
            "tweeted",
            "asked",
            "replied",
            "replies",
            "begged",
            "snapped",
            "rebutted",
            "argues",
            "urged",
            "cried",
            "quipped",
            "concurred",
            "reads",
        ] {
            assert!(lex.verb(w).is_some(), "{w}");
        }
        assert!(lex.verb("note").is_none()); // a noun more often than a verb
        for w in [
            "notes",
            "noting",
            "states",
            "calling",
            "described",
            "refers",
            "dubbed",
        ] {
            assert!(lex.verb(w).is_some(), "{w}");
        }
        let pointed = lex.verb("pointed").unwrap();
        assert_eq!(pointed[0].particle, Some("out"));
    }

    #[test]
    fn extra_verbs_extend_the_lexicon() {
        let lex =
            Lexicon::with_extra_verbs(&["opine".into(), "weigh in".into(), "harrumph".into()]);
        assert!(lex.verb("harrumphed").is_some());
        assert_eq!(lex.verb("weighed").unwrap()[0].particle, Some("in"));
        // the same particle is stored once however often settings are reloaded
        let again = Lexicon::with_extra_verbs(&["weigh in".into()]);
        let a = lex.verb("weighed").unwrap()[0].particle.unwrap();
        let b = again.verb("weighed").unwrap()[0].particle.unwrap();
        assert!(std::ptr::eq(a, b));
    }

    #[test]
    fn names_titles_and_roles() {
        assert_eq!(honorific("mrs."), Some(Gender::Female));
        assert!(is_title_word("minister"));
        assert_eq!(role_noun("spokeswoman"), Some((false, Gender::Female)));
        assert_eq!(role_noun("daily"), Some((true, Gender::Neuter)));
        assert!(plural_role_noun("officials"));
        assert!(plural_role_noun("spokesmen"));
        assert_eq!(given_name("sergey"), Some(Gender::Male));
    }
}
