//! Reported (indirect) speech: attribution relations without quotation marks.
//!
//! A relation has a source (the speaker phrase), a cue (a reporting verb or "according to") and
//! a content (the reported clause). The patterns, each read on the token stream of one sentence:
//!
//! | pattern | content |
//! |---|---|
//! | `Lavrov noted that ...`, `Lavrov said ...`, `he told reporters that ...` | the complement clause after the cue, to the clause end |
//! | `..., Lavrov said.`, `..., said Lavrov.`, `..., as Lavrov said.` | the sentence before the attribution |
//! | `The plan, Lavrov said, is dead.` | the whole sentence around the attribution |
//! | `According to Lavrov, ...`, `..., according to Lavrov.` | the rest of the sentence |
//! | `In a poll released Monday, ...`, `... in the latest survey.` | the clause the poll is cited for |
//! | `..., saying that ...` / `adding that ...` | the clause after the participle; the source is the sentence's subject |
//! | `... by saying that ...`, `After saying ..., Marsh left.` | the clause after the gerund; the source is the clause's subject |
//! | `Marsh is confident that ...`, `she was critical of the levy` | the clause or the object after the adjective; the source is the subject |
//! | `Voters see the plan as a risk`, `she cast the vote as a protest` | the object and its "as" phrase |
//! | `The levy was criticised (by Marsh)`, `he was asked whether ...`, `she was asked about the levy` | the passive's subject, or the clause or "about" object after the cue; the source is the agent after "by" |
//!
//! A content that holds part of a direct quotation is `Mixed`; a content made only of a direct
//! quotation is left to the direct-quote sieve. A relation whose cue lies inside another's
//! content is not reported separately (the outer relation carries it).

use super::attribution::Sieve;
use super::cues::{CueToken, subject_left, subject_right};
use super::lexicon::{self, Lexicon};
use super::mentions::{Phrase, is_verb_modifier, phrase_ending_at, phrase_starting_at};
use super::model::{
    EntityId, Finding, FindingCode, Gender, MentionId, MentionKind, Quote, QuoteId, QuoteKind,
    Related, Rule, Severity, Span, quotes_starting_at,
};
use super::tokens::{Kind, Tokens};
use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;
use std::sync::OnceLock;

/// One reported-speech relation found in the text.
#[derive(Clone, Debug)]
pub struct Reported {
    /// The reported clause (no surrounding punctuation).
    pub content: Span,
    /// The reporting verb or phrase.
    pub cue: Span,
    pub lemma: String,
    /// The speaker phrase; `None` for a vague or passive source ("it was said that ...").
    pub source: Option<Phrase>,
    /// `Indirect`, or `Mixed` when the content holds part of a direct quotation.
    pub kind: QuoteKind,
    pub rule: Rule,
    pub confidence: f32,
    /// No identifiable source: a passive ("it is believed that") or a vague one ("sources say").
    pub vague: bool,
    /// The cue is a speech verb of the lexicon or "according to" (not a verb of thought, a
    /// speech act or a noun): its source is a speaker as the direct-quote sieve knows them.
    pub speech: bool,
    /// The cue is a verb of thought ("believes", "hoped", "knew") or a hedge ("seems to"),
    /// common in narration.
    pub thought: bool,
}

/// The tense a verb form shows, as far as its spelling tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tense {
    Past,
    /// "-ing".
    Participle,
    /// "-s".
    Present,
    Base,
}

fn tense_of(lower: &str) -> Tense {
    if lower.ends_with("ing") && lower.len() > 4 {
        Tense::Participle
    } else if lower.ends_with("ed")
        || matches!(
            lower,
            "said"
                | "told"
                | "wrote"
                | "thought"
                | "knew"
                | "felt"
                | "found"
                | "made"
                | "did"
                | "was"
                | "were"
                | "had"
                | "went"
                | "took"
                | "gave"
                | "saw"
                | "sent"
                | "spoke"
                | "sought"
                | "held"
                | "won"
                | "lost"
                | "came"
                | "got"
                | "kept"
                | "left"
                | "paid"
                | "brought"
                | "began"
                | "ran"
        )
    {
        Tense::Past
    } else if lower.ends_with('s') && !lower.ends_with("ss") {
        Tense::Present
    } else {
        Tense::Base
    }
}

/// How a reporting verb takes what it reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// A complement clause: `said (that) ...`, `believes ...`, `asked whether ...`.
    Clause,
    /// A person first, then the clause: `told reporters (that) ...`, `urged them to ...`.
    Tell,
    /// The object is the content: `criticised the plan`, `called for a ban`.
    Act,
}

/// Reporting verbs for speech and thought that the speech-cue lexicon leaves out because they
/// do not introduce direct quotations: every form written out (several are irregular).
const STANCE_VERBS: &[(&str, &[&str])] = &[
    ("believe", &["believe", "believes", "believed", "believing"]),
    ("think", &["think", "thinks", "thinking"]),
    ("hope", &["hope", "hoped", "hopes", "hoping"]),
    ("fear", &["fear", "fears", "feared", "fearing"]),
    ("expect", &["expect", "expects", "expected", "expecting"]),
    ("know", &["know", "knows", "knew"]),
    ("feel", &["feel", "feels", "felt"]),
    ("doubt", &["doubts", "doubted"]),
    ("worry", &["worry", "worries", "worried"]),
    ("show", &["show", "shows", "showed", "shown", "showing"]),
    ("find", &["find", "finds", "found"]),
    ("indicate", &["indicate", "indicates", "indicating"]),
    ("estimate", &["estimates", "estimating"]),
    ("calculate", &["calculates", "calculated"]),
    ("reckon", &["reckon", "reckons", "reckoned"]),
    (
        "recognize",
        &[
            "recognize",
            "recognizes",
            "recognized",
            "recognise",
            "recognised",
        ],
    ),
    (
        "realize",
        &["realize", "realizes", "realized", "realise", "realised"],
    ),
    ("understand", &["understands", "understood"]),
    ("guess", &["guessed"]),
    ("figure", &["figures", "figured"]),
    ("assume", &["assumes", "assumed"]),
    ("imply", &["implies", "implied"]),
    ("remind", &["remind", "reminds", "reminded", "reminding"]),
    ("notify", &["notified"]),
    ("convince", &["convinced"]),
    ("threaten", &["threatens", "threatened", "threatening"]),
    ("refuse", &["refuses", "refused", "refusing"]),
    ("decline", &["declined", "declines", "declining"]),
    ("plan", &["plans", "planned"]),
    ("want", &["want", "wants", "wanted"]),
    ("intend", &["intends", "intended"]),
    ("seek", &["seeks", "sought", "seeking"]),
    ("determine", &["determined"]),
    ("decide", &["decided", "decides"]),
    ("conclude", &["concluded", "concludes", "concluding"]),
    ("contend", &["contends", "contended"]),
    ("learn", &["learned", "learns", "learnt"]),
    ("foresee", &["foresee", "foresees", "foresaw"]),
    ("envision", &["envision", "envisions", "envisioned"]),
];

/// Verbs of a speech act whose object is what was said or backed: "criticised the plan",
/// "called for a ban", "endorsed Clinton", "referred to the report". (lemma, forms, particles
/// that belong to the cue when they follow it, whether one must follow.)
const ACT_VERBS: &[(&str, &[&str], &[&str], bool)] = &[
    (
        "endorse",
        &["endorse", "endorses", "endorsed", "endorsing"],
        &[],
        false,
    ),
    (
        "support",
        &["support", "supports", "supported", "supporting"],
        &[],
        false,
    ),
    (
        "oppose",
        &["oppose", "opposes", "opposed", "opposing"],
        &[],
        false,
    ),
    ("back", &["backed", "backing"], &[], false),
    (
        "favor",
        &[
            "favor", "favors", "favored", "favour", "favours", "favoured",
        ],
        &[],
        false,
    ),
    ("prefer", &["prefer", "prefers", "preferred"], &[], false),
    ("offer", &["offered", "offers"], &[], false),
    (
        "criticize",
        &[
            "criticize",
            "criticizes",
            "criticized",
            "criticizing",
            "criticise",
            "criticises",
            "criticised",
            "criticising",
        ],
        &[],
        false,
    ),
    (
        "praise",
        &["praise", "praises", "praised", "praising"],
        &[],
        false,
    ),
    (
        "accuse",
        &["accuse", "accuses", "accused", "accusing"],
        &[],
        false,
    ),
    (
        "blame",
        &["blame", "blames", "blamed", "blaming"],
        &[],
        false,
    ),
    (
        "defend",
        &["defend", "defends", "defended", "defending"],
        &[],
        false,
    ),
    (
        "reject",
        &["reject", "rejects", "rejected", "rejecting"],
        &[],
        false,
    ),
    (
        "dismiss",
        &["dismiss", "dismisses", "dismissed", "dismissing"],
        &[],
        false,
    ),
    ("attack", &["attacked", "attacking"], &[], false),
    ("slam", &["slams", "slammed", "slamming"], &[], false),
    ("blast", &["blasts", "blasted", "blasting"], &[], false),
    ("mock", &["mocks", "mocked", "mocking"], &[], false),
    (
        "denounce",
        &["denounce", "denounces", "denounced", "denouncing"],
        &[],
        false,
    ),
    (
        "condemn",
        &["condemn", "condemns", "condemned", "condemning"],
        &[],
        false,
    ),
    (
        "vote",
        &["votes", "voted", "voting"],
        &["for", "against"],
        true,
    ),
    (
        "call",
        &["call", "calls", "called", "calling"],
        &["for", "on"],
        true,
    ),
    ("cite", &["cite", "cites", "cited", "citing"], &[], false),
    (
        "describe",
        &["describe", "describes", "described", "describing"],
        &[],
        false,
    ),
    (
        "refer",
        &["refer", "refers", "referred", "referring"],
        &["to"],
        true,
    ),
    (
        "express",
        &["expresses", "expressed", "expressing"],
        &[],
        false,
    ),
    ("echo", &["echoes", "echoed", "echoing"], &[], false),
    ("tout", &["tout", "touts", "touted", "touting"], &[], false),
    ("question", &["questioned", "questioning"], &[], false),
    (
        "discuss",
        &["discuss", "discusses", "discussed", "discussing"],
        &[],
        false,
    ),
    (
        "talk",
        &["talk", "talks", "talked", "talking"],
        &["about", "of"],
        true,
    ),
    // What someone spoke or commented on, joked or complained about, railed against, laid out.
    (
        "speak",
        &["speak", "speaks", "spoke", "spoken", "speaking"],
        &["about", "against", "of"],
        true,
    ),
    (
        "comment",
        &["comment", "comments", "commented", "commenting"],
        &["on", "about"],
        true,
    ),
    (
        "respond",
        &["respond", "responds", "responded", "responding"],
        &["to"],
        true,
    ),
    ("joke", &["joked", "joking"], &["about"], true),
    (
        "complain",
        &["complain", "complains", "complained", "complaining"],
        &["about"],
        true,
    ),
    ("boast", &["boasted", "boasting"], &["about", "of"], true),
    ("rail", &["rails", "railed", "railing"], &["against"], true),
    (
        "focus",
        &["focus", "focuses", "focused", "focusing"],
        &["on"],
        true,
    ),
    ("lay", &["lays", "laid", "laying"], &["out"], true),
    ("point", &["points", "pointed", "pointing"], &["to"], true),
    ("challenge", &["challenged", "challenging"], &[], false),
    ("thank", &["thanks", "thanked", "thanking"], &[], false),
    (
        "recommend",
        &["recommend", "recommends", "recommended", "recommending"],
        &[],
        false,
    ),
    (
        "highlight",
        &["highlight", "highlights", "highlighted", "highlighting"],
        &[],
        false,
    ),
    ("welcome", &["welcomed", "welcoming"], &[], false),
    (
        "applaud",
        &["applaud", "applauds", "applauded", "applauding"],
        &[],
        false,
    ),
    (
        "compare",
        &["compare", "compares", "compared", "comparing"],
        &[],
        false,
    ),
    // Forms that are seldom nouns: "referenced the report", not "references".
    ("assail", &["assails", "assailed", "assailing"], &[], false),
    ("reference", &["referenced", "referencing"], &[], false),
    ("champion", &["championed", "championing"], &[], false),
    ("retweet", &["retweeted", "retweeting"], &[], false),
    ("voice", &["voiced", "voicing"], &[], false),
    ("deem", &["deems", "deemed"], &[], false),
    ("list", &["listed"], &[], false),
    ("order", &["ordered"], &[], false),
    (
        "lambast",
        &["lambasts", "lambasted", "lambasting"],
        &[],
        false,
    ),
    ("nominate", &["nominated", "nominates"], &[], false),
    ("rebuke", &["rebuked", "rebukes", "rebuking"], &[], false),
    (
        "congratulate",
        &["congratulated", "congratulates", "congratulating"],
        &[],
        false,
    ),
    ("insult", &["insulted"], &[], false),
    (
        "downplay",
        &["downplayed", "downplays", "downplaying"],
        &[],
        false,
    ),
    ("invoke", &["invoked", "invokes", "invoking"], &[], false),
    (
        "embrace",
        &["embraced", "embraces", "embracing"],
        &[],
        false,
    ),
    (
        "reaffirm",
        &["reaffirmed", "reaffirms", "reaffirming"],
        &[],
        false,
    ),
    ("articulate", &["articulated", "articulates"], &[], false),
    (
        "outline",
        &["outlined", "outlines", "outlining"],
        &[],
        false,
    ),
    ("side", &["sided", "sides", "siding"], &["with"], true),
    ("balk", &["balked", "balks", "balking"], &["at"], true),
    ("advocate", &["advocated", "advocating"], &["for"], false),
    ("liken", &["likened", "likens", "likening"], &[], false),
    ("brush", &["brushed", "brushes"], &["off", "aside"], true),
    ("push", &["pushed", "pushes", "pushing"], &["for"], true),
    ("lash", &["lashed", "lashes", "lashing"], &["out at"], true),
    (
        "distance",
        &["distanced", "distances", "distancing"],
        &[
            "himself from",
            "herself from",
            "themselves from",
            "itself from",
        ],
        true,
    ),
    (
        "apologize",
        &["apologized", "apologizes", "apologizing"],
        &["for"],
        true,
    ),
    ("spar", &["sparred", "spars", "sparring"], &["with"], true),
];

/// Verbs of construal that report a view only with an object and "as": "voters see Trump as a
/// risk", "she cast the vote as a protest" (not "saw the film", "cast a ballot").
const CONSTRUAL_VERBS: &[(&str, &[&str])] = &[
    ("see", &["see", "sees", "saw", "seeing"]),
    ("view", &["view", "views", "viewed", "viewing"]),
    ("regard", &["regard", "regards", "regarded", "regarding"]),
    ("cast", &["cast", "casts", "casting"]),
    (
        "portray",
        &["portray", "portrays", "portrayed", "portraying"],
    ),
    ("paint", &["paint", "paints", "painted", "painting"]),
    ("depict", &["depict", "depicts", "depicted", "depicting"]),
    ("brand", &["brand", "brands", "branded", "branding"]),
    ("perceive", &["perceive", "perceives", "perceived"]),
    (
        "characterize",
        &[
            "characterize",
            "characterizes",
            "characterized",
            "characterizing",
        ],
    ),
];

/// Documents somebody issues that then "say" something: "a statement saying", "a letter
/// stating".
fn is_document_noun(lower: &str) -> bool {
    let singular = lower.strip_suffix('s').unwrap_or(lower);
    matches!(
        singular,
        "statement"
            | "letter"
            | "tweet"
            | "release"
            | "email"
            | "e-mail"
            | "memo"
            | "post"
            | "message"
            | "note"
            | "video"
            | "ad"
            | "advertisement"
            | "op-ed"
            | "filing"
    )
}

fn is_document_determiner(lower: &str) -> bool {
    matches!(
        lower,
        "a" | "an" | "the" | "his" | "her" | "their" | "its" | "two" | "several"
    )
}

/// Nouns that comment on a whole clause in apposition ("..., a claim the mayor denies").
fn is_comment_noun(lower: &str) -> bool {
    matches!(
        lower,
        "claim"
            | "charge"
            | "move"
            | "statement"
            | "reference"
            | "point"
            | "sign"
            | "step"
            | "decision"
            | "remark"
            | "comment"
            | "figure"
            | "number"
            | "margin"
            | "increase"
            | "decrease"
            | "drop"
            | "rise"
            | "jump"
            | "gain"
            | "lead"
            | "view"
            | "position"
            | "stance"
            | "suggestion"
            | "proposal"
            | "plan"
            | "promise"
            | "pledge"
            | "offer"
            | "contention"
            | "assertion"
            | "accusation"
            | "allegation"
            | "notion"
            | "idea"
            | "message"
            | "theme"
            | "line"
            | "pattern"
            | "practice"
            | "policy"
            | "process"
            | "fact"
            | "development"
            | "shift"
            | "change"
            | "reversal"
            | "departure"
    )
}

fn reports_nothing(lemma: &str) -> bool {
    matches!(
        lemma,
        "speak"
            | "speak up"
            | "smile"
            | "laugh"
            | "nod"
            | "shrug"
            | "frown"
            | "grin"
            | "wink"
            | "smirk"
            | "chuckle"
            | "giggle"
            | "sob"
            | "groan"
            | "gasp"
            | "pant"
            | "breathe"
            | "sigh"
            | "falter"
            | "begin"
            | "continue"
            | "resume"
            | "persist"
            | "interrupt"
            | "coo"
            | "purr"
            | "stammer"
            | "stutter"
            | "drawl"
            | "roar"
            | "bellow"
            | "wail"
            | "whine"
            | "hiss"
            | "growl"
            | "snarl"
            | "snort"
            | "sneer"
            | "snap"
            | "cry"
            | "scream"
            | "yell"
            | "shout"
            | "exclaim"
            | "go on"
            | "cut in"
            | "chime in"
            | "break in"
            | "burst out"
            | "cry out"
            | "call out"
            | "call back"
            | "write back"
            | "put in"
            | "lie"
            | "tease"
            | "scold"
            | "chide"
            | "quote"
            | "blurt"
    )
}

/// Verbs whose to-infinitive is what they report: a promise, a refusal, a demand, a wish.
fn reports_infinitive(lemma: &str) -> bool {
    class_of(lemma) == Class::Tell
        || matches!(
            lemma,
            "promise"
                | "vow"
                | "pledge"
                | "threaten"
                | "refuse"
                | "decline"
                | "offer"
                | "plan"
                | "want"
                | "hope"
                | "seek"
                | "intend"
                | "expect"
                | "demand"
                | "plead"
                | "swear"
                | "call"
                | "call on"
                | "propose"
                | "claim"
                | "deny"
                | "agree"
        )
}

fn class_of(lemma: &str) -> Class {
    if lemma == "call on" {
        return Class::Tell;
    }
    let base = lemma.split(' ').next().unwrap_or(lemma);
    static ACT_LEMMAS: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    let act = ACT_LEMMAS.get_or_init(|| ACT_VERBS.iter().map(|&(l, _, _, _)| l).collect());
    if act.contains(base) || CONSTRUAL_VERBS.iter().any(|&(l, _)| l == base) {
        return Class::Act;
    }
    match lemma {
        "tell" | "inform" | "assure" | "reassure" | "remind" | "warn" | "advise" | "notify"
        | "convince" | "urge" | "ask" | "beg" | "implore" | "entreat" | "caution" | "order"
        | "instruct" | "direct" | "encourage" | "press" | "prompt" | "request" => Class::Tell,
        _ => Class::Clause,
    }
}

/// Every form of a table of verbs, keyed to its lemma.
type FormIndex = FxHashMap<&'static str, &'static str>;

fn form_index(table: &[(&'static str, &[&'static str])]) -> FormIndex {
    let mut m = FxHashMap::default();
    for &(lemma, forms) in table {
        for &f in forms {
            m.insert(f, lemma);
        }
    }
    m
}

fn stance_verbs() -> &'static FormIndex {
    static MAP: OnceLock<FormIndex> = OnceLock::new();
    MAP.get_or_init(|| form_index(STANCE_VERBS))
}

/// Every form of the verbs of construal (a lookup: they are tried at every word).
fn construal_verbs() -> &'static FormIndex {
    static MAP: OnceLock<FormIndex> = OnceLock::new();
    MAP.get_or_init(|| form_index(CONSTRUAL_VERBS))
}

/// A speech-act verb form's lemma, the particles that belong to it, whether one must follow.
type ActVerb = (&'static str, &'static [&'static str], bool);

/// Every form of the speech-act verbs.
fn act_verbs() -> &'static FxHashMap<&'static str, ActVerb> {
    static MAP: OnceLock<FxHashMap<&'static str, ActVerb>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = FxHashMap::default();
        for &(lemma, forms, particles, required) in ACT_VERBS {
            for &f in forms {
                m.insert(f, (lemma, particles, required));
            }
        }
        m
    })
}

/// A lemma of the stance verbs above (not a speech verb).
fn is_stance(lemma: &str) -> bool {
    STANCE_VERBS.iter().any(|&(l, _)| l == lemma)
}

/// A hedge on a claim the writer makes: "seems to", "appeared to", "is expected to".
fn is_hedge(lower: &str) -> bool {
    matches!(
        lower,
        "seem" | "seems" | "seemed" | "appear" | "appears" | "appeared" | "expected"
    )
}

/// Verbs and adjectives whose infinitive is their subject's own claim: "continues to insist
/// that ...", "refused to say whether ...", "was quick to point out that ...".
fn takes_infinitive_claim(lower: &str) -> bool {
    matches!(
        lower,
        "continue"
            | "continues"
            | "continued"
            | "continuing"
            | "try"
            | "tries"
            | "tried"
            | "trying"
            | "want"
            | "wants"
            | "wanted"
            | "refuse"
            | "refuses"
            | "refused"
            | "refusing"
            | "decline"
            | "declines"
            | "declined"
            | "declining"
            | "decide"
            | "decides"
            | "decided"
            | "begin"
            | "begins"
            | "began"
            | "start"
            | "starts"
            | "started"
            | "quick"
            | "likely"
            | "unlikely"
            | "able"
            | "unable"
            | "ready"
            | "willing"
            | "unwilling"
            | "reluctant"
            | "careful"
            | "hesitant"
    )
}

/// Words that open a reported question: `asked whether ...`, `explained why ...`.
fn is_wh(lower: &str) -> bool {
    matches!(
        lower,
        "whether" | "if" | "why" | "how" | "what" | "when" | "where" | "who" | "which" | "whom"
    )
}

fn is_preposition(lower: &str) -> bool {
    matches!(
        lower,
        "in" | "on"
            | "at"
            | "during"
            | "after"
            | "before"
            | "from"
            | "with"
            | "via"
            | "through"
            | "throughout"
            | "by"
            | "over"
            | "outside"
            | "inside"
            | "near"
            | "following"
            | "ahead"
            | "since"
            | "under"
            | "about"
            | "of"
            | "to"
            | "into"
            | "while"
            | "when"
            | "amid"
            | "across"
            | "around"
            | "last"
            | "this"
            | "earlier"
            | "later"
    )
}

fn is_time_word(lower: &str) -> bool {
    matches!(
        lower,
        "today"
            | "yesterday"
            | "tonight"
            | "tomorrow"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "now"
            | "then"
            | "again"
            | "recently"
            | "once"
            | "also"
            | "repeatedly"
            | "previously"
            | "privately"
            | "publicly"
            | "separately"
            | "further"
            | "too"
            | "however"
            | "instead"
            | "even"
            | "still"
            | "simply"
            | "flatly"
            | "bluntly"
            | "frankly"
            | "openly"
            | "later"
            | "earlier"
            | "afterward"
            | "afterwards"
            | "here"
            | "there"
    )
}

/// A verb that follows existential "there" ("there was", "there could be", "there seems").
fn is_existential_verb(lower: &str) -> bool {
    matches!(
        lower,
        "is" | "was"
            | "are"
            | "were"
            | "will"
            | "would"
            | "could"
            | "can"
            | "may"
            | "might"
            | "should"
            | "must"
            | "has"
            | "have"
            | "had"
            | "seems"
            | "seemed"
            | "appears"
            | "appeared"
            | "remains"
            | "remain"
    ) || lower.ends_with("n't")
        || lower.ends_with("n\u{2019}t")
}

/// A number word: "half", "40", "two-thirds", "a" (a third).
fn is_quantity(lower: &str) -> bool {
    lower.bytes().next().is_some_and(|b| b.is_ascii_digit())
        || matches!(
            lower,
            "half"
                | "a"
                | "one"
                | "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "a third"
                | "two-thirds"
                | "three-quarters"
                | "twice"
                | "dozens"
                | "hundreds"
                | "thousands"
                | "millions"
        )
}

/// Reporting verbs whose -s form is a common plural noun: "his remarks", "the states".
fn is_noun_too(lemma: &str) -> bool {
    let base = lemma.split(' ').next().unwrap_or(lemma);
    matches!(
        base,
        "note"
            | "state"
            | "report"
            | "answer"
            | "comment"
            | "post"
            | "call"
            | "charge"
            | "counter"
            | "question"
            | "query"
            | "return"
            | "order"
            | "command"
            | "signal"
            | "text"
            | "email"
            | "e-mail"
            | "message"
            | "estimate"
            | "forecast"
            | "request"
            | "press"
            | "prompt"
            | "nod"
            | "shrug"
            | "frown"
            | "grin"
            | "wink"
            | "smirk"
            | "praise"
            | "vent"
            | "remark"
            | "claim"
            | "promise"
            | "pledge"
            | "vow"
            | "demand"
            | "tweet"
            | "reason"
            | "thank"
            | "hope"
            | "fear"
            | "doubt"
            | "plan"
            | "support"
            | "back"
            | "attack"
            | "echo"
            | "challenge"
            | "blast"
            | "slam"
            | "mock"
            | "blame"
            | "mention"
            | "talk"
            | "point"
            | "offer"
            | "welcome"
            | "reply"
            | "respond"
            | "protest"
            | "object"
            | "whisper"
            | "shout"
            | "cry"
            | "sigh"
            | "laugh"
            | "smile"
            | "joke"
            | "quip"
            | "retort"
            | "plea"
            | "admit"
            | "warning"
            | "threat"
            | "figure"
            | "show"
            | "find"
            | "write"
            | "speech"
            | "statement"
            | "repeat"
            | "quote"
            | "cite"
            | "record"
            | "lament"
            | "interview"
            | "debate"
            | "argument"
            | "vote"
    )
}

/// Nouns that name what somebody said or thinks, with a that- or to-clause: "his claim that",
/// "Trump's promise to".
fn is_speech_noun(lower: &str) -> bool {
    let singular = lower.strip_suffix('s').unwrap_or(lower);
    matches!(
        singular,
        "claim"
            | "assertion"
            | "statement"
            | "promise"
            | "pledge"
            | "proposal"
            | "warning"
            | "argument"
            | "suggestion"
            | "insistence"
            | "allegation"
            | "accusation"
            | "demand"
            | "vow"
            | "threat"
            | "prediction"
            | "belief"
            | "view"
            | "hope"
            | "fear"
            | "announcement"
            | "disclosure"
            | "admission"
            | "denial"
            | "contention"
            | "conclusion"
            | "complaint"
            | "concern"
            | "assurance"
            | "acknowledgment"
            | "acknowledgement"
            | "decision"
            | "plan"
            | "desire"
            | "refusal"
            | "intention"
            | "willingness"
            | "message"
            | "position"
            | "reminder"
            | "boast"
            | "charge"
            | "explanation"
            | "remark"
            | "comment"
            | "insinuation"
            | "implication"
            | "recommendation"
            | "request"
            | "offer"
            | "expectation"
    )
}

/// Nouns naming what someone said or holds about something, with the prepositions that take
/// it: "her criticism of the plan", "his attacks on Clinton".
const PREPOSITION_NOUNS: &[(&str, &[&str])] = &[
    ("attack", &["on", "against"]),
    ("attacks", &["on", "against"]),
    ("criticism", &["of"]),
    ("criticisms", &["of"]),
    ("critique", &["of"]),
    ("questions", &["about"]),
    ("concerns", &["about"]),
    ("concern", &["about"]),
    ("support", &["for", "of"]),
    ("opposition", &["to"]),
    ("endorsement", &["of"]),
    ("comments", &["on", "about"]),
    ("praise", &["for", "of"]),
    ("rejection", &["of"]),
    ("embrace", &["of"]),
    ("views", &["on", "of"]),
    ("view", &["on", "of"]),
    ("position", &["on"]),
    ("positions", &["on"]),
    ("stance", &["on"]),
    ("doubts", &["about"]),
    ("warnings", &["about", "of"]),
    ("warning", &["about", "of"]),
    ("mention", &["of"]),
    ("references", &["to"]),
    ("reference", &["to"]),
    ("response", &["to"]),
    ("call", &["for"]),
    ("calls", &["for"]),
];

/// Whether speech noun `noun` reports its object after preposition `prep`.
/// Nouns of `PREPOSITION_NOUNS` that report their object even with no owner before them
/// ("calls for a ban", "questions about the budget"); "support for" or "response to" alone
/// are as often not about anything said.
const NOUNS_WITHOUT_OWNER: &[&str] = &[
    "call",
    "calls",
    "questions",
    "concern",
    "concerns",
    "criticism",
    "endorsement",
    "comments",
    "praise",
    "doubts",
    "mention",
    "reference",
    "references",
];

fn noun_takes(noun: &str, prep: &str) -> bool {
    PREPOSITION_NOUNS
        .iter()
        .any(|&(n, preps)| n == noun && preps.contains(&prep))
}

/// Things that report findings, and shares of people: "a poll shows", "47 percent say".
fn is_evidence_noun(lower: &str) -> bool {
    let singular = lower.strip_suffix('s').unwrap_or(lower);
    matches!(
        singular,
        "poll"
            | "survey"
            | "study"
            | "report"
            | "data"
            | "analysis"
            | "research"
            | "figure"
            | "statistic"
            | "number"
            | "result"
            | "record"
            | "document"
            | "filing"
            | "estimate"
            | "projection"
            | "model"
            | "review"
            | "audit"
            | "investigation"
            | "probe"
            | "inquiry"
            | "lawsuit"
            | "complaint"
            | "memo"
            | "letter"
            | "statement"
            | "release"
            | "ad"
            | "video"
            | "website"
            | "site"
            | "post"
            | "tweet"
            | "book"
            | "article"
            | "story"
            | "editorial"
            | "op-ed"
            | "column"
            | "percent"
            | "majority"
            | "third"
            | "half"
            | "quarter"
            | "most"
            | "many"
            | "10"
            | "voter"
            | "people"
            | "american"
            | "respondent"
            | "democrat"
            | "republican"
            | "resident"
            | "critic"
            | "supporter"
            | "opponent"
            | "expert"
            | "analyst"
            | "economist"
            | "scientist"
            | "researcher"
            | "official"
            | "leader"
            | "member"
            | "group"
            | "campaign"
    ) || singular.bytes().all(|b| b.is_ascii_digit())
}

/// Heads of phrases that never identify who speaks: "sources say", "people familiar with".
fn is_vague_head(lower: &str) -> bool {
    matches!(
        lower,
        "source"
            | "sources"
            | "insider"
            | "insiders"
            | "people"
            | "reports"
            | "rumors"
            | "rumours"
            | "someone"
            | "somebody"
            | "everyone"
            | "everybody"
    )
}

/// Heads that identify nobody when they stand alone: "some say", "critics say", "officials
/// said" (but "federal officials", "the critics").
fn is_vague_alone(lower: &str) -> bool {
    matches!(
        lower,
        "some" | "many" | "others" | "observers" | "critics" | "experts" | "analysts" | "officials"
    )
}

/// Words that cannot end a noun phrase standing as a subject.
fn ends_noun_phrase_badly(lower: &str) -> bool {
    breaks_noun_phrase(lower)
        || is_preposition(lower)
        || lexicon::is_determiner(lower)
        || matches!(
            lower,
            "him" | "them" | "me" | "us" | "her" | "you" | "there" | "here"
        )
        || (lower.ends_with("ly") && lower.len() > 4)
}

/// Words a subject noun phrase does not reach across, read leftwards.
fn breaks_noun_phrase(lower: &str) -> bool {
    matches!(
        lower,
        "and"
            | "or"
            | "but"
            | "nor"
            | "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "when"
            | "while"
            | "if"
            | "because"
            | "as"
            | "although"
            | "though"
            | "since"
            | "where"
            | "after"
            | "before"
            | "than"
            | "so"
            | "then"
            | "unless"
            | "until"
            | "whether"
            | "is"
            | "was"
            | "are"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "do"
            | "does"
            | "did"
            | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "shall"
            | "not"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "it"
            | "you"
            | "to"
            | "also"
            | "said"
            | "says"
            | "say"
    )
}

/// A phrase that is not a name: a relative pronoun, a noun phrase read by this module.
fn plain_phrase(
    tokens: Range<usize>,
    kind: MentionKind,
    gender: Gender,
    is_org: bool,
    head: &str,
) -> Phrase {
    Phrase {
        tokens,
        kind,
        chunk: None,
        gender,
        is_org,
        plural: false,
        head: head.to_string(),
        antecedent: None,
    }
}

/// "sources", "people familiar with the talks", "Sources" opening a sentence (which reads as
/// a one-word name).
fn is_vague_phrase(p: &Phrase) -> bool {
    (is_vague_head(&p.head) && (p.chunk.is_none() || p.tokens.len() == 1))
        || (is_vague_alone(&p.head) && p.tokens.len() == 1)
}

/// A cue as the reported-speech finder sees it.
struct Cue {
    tokens: Range<usize>,
    lemma: String,
    according_to: bool,
    /// From the speech-verb lexicon (or "according to").
    speech: bool,
}

/// One candidate relation before overlaps are resolved.
struct Candidate {
    content: Range<usize>,
    cue: Range<usize>,
    speech: bool,
    lemma: String,
    source: Option<Phrase>,
    rule: Rule,
    vague: bool,
}

impl Candidate {
    /// A relation reported by verb cue `cue`.
    fn of_cue(
        cue: &Cue,
        content: Range<usize>,
        source: Option<Phrase>,
        rule: Rule,
        vague: bool,
    ) -> Candidate {
        Candidate {
            content,
            cue: cue.tokens.clone(),
            speech: cue.speech,
            lemma: cue.lemma.clone(),
            source,
            rule,
            vague,
        }
    }
}

/// The finder: the sieve's view of the text plus the sentence ranges in tokens.
pub(super) struct Finder<'a> {
    sieve: &'a Sieve<'a>,
    tokens: &'a Tokens<'a>,
    lexicon: &'a Lexicon,
    /// Top-level direct quotes by start, with the furthest end reached so far, so asking
    /// whether a content holds a direct quote is a binary search.
    direct: Vec<(usize, usize)>,
    /// The indices in `sieve.quotes` of the quotes in `direct`, and whether their starts
    /// ascend (so a search for one overlapping a span can stop past the span).
    direct_ids: Vec<usize>,
    direct_ascending: bool,
}

/// Find every reported-speech relation, in text order.
pub fn find(sieve: &Sieve, lexicon: &Lexicon) -> Vec<Reported> {
    let mut out = Vec::new();
    Finder::new(sieve, lexicon).find_in(&sieve.prose.sentences, &mut out);
    out
}

impl<'a> Finder<'a> {
    pub(super) fn new(sieve: &'a Sieve<'a>, lexicon: &'a Lexicon) -> Finder<'a> {
        let mut reach = 0;
        let direct = sieve
            .quotes
            .iter()
            .filter(|q| q.depth == 0)
            .map(|q| {
                reach = reach.max(q.span.end);
                (q.span.start, reach)
            })
            .collect();
        let direct_ids: Vec<usize> = (0..sieve.quotes.len())
            .filter(|&i| sieve.quotes[i].depth == 0)
            .collect();
        let direct_ascending = direct_ids
            .windows(2)
            .all(|w| sieve.quotes[w[0]].span.start <= sieve.quotes[w[1]].span.start);
        Finder {
            sieve,
            tokens: sieve.tokens,
            lexicon,
            direct,
            direct_ids,
            direct_ascending,
        }
    }

    /// The relations of `sentences` (some of the text's, in order), appended in text order.
    /// Each sentence is read on its own: what it yields depends on its tokens, the name chunks
    /// and the top-level direct quotes over it (see `incremental`).
    pub(super) fn find_in(&self, sentences: &[Span], out: &mut Vec<Reported>) {
        for s in sentences {
            let a = self.tokens.at_or_after(s.start);
            let b = self.tokens.at_or_after(s.end);
            if b > a {
                self.sentence(a..b, out);
            }
        }
    }
}

impl<'a> Finder<'a> {
    /// The first top-level quote that overlaps `content` without covering it or lying inside
    /// it. Quotes ending before `content` starts are skipped by binary search on the furthest
    /// end reached, and the search stops at the first quote starting past `content`.
    fn first_direct_crossing(&self, content: Span) -> Option<&'a super::marks::ScannedQuote> {
        let quotes = &self.sieve.quotes;
        let from = self
            .direct
            .partition_point(|&(_, reach)| reach <= content.start);
        self.direct_ids[from..]
            .iter()
            .map(|&i| &quotes[i])
            .take_while(|q| !self.direct_ascending || q.span.start < content.end)
            .find(|q| {
                q.span.overlaps(content) && !content.covers(q.span) && !q.span.covers(content)
            })
    }

    fn tok(&self, i: usize) -> &super::tokens::Token {
        &self.tokens.list[i]
    }

    fn word(&self, i: usize) -> bool {
        self.tokens.is_word(i)
    }

    fn lower(&self, i: usize) -> &str {
        self.tokens.lower(i)
    }

    /// The reporting cue starting at token `i`, if any.
    fn cue_at(&self, i: usize, sentence: &Range<usize>) -> Option<Cue> {
        let cue = self.any_cue_at(i, sentence)?;
        // Verbs whose object is usually a thing report only what a comma, a colon or a
        // quotation mark opens: "the sign read: ...", "as she put it, ..." but not "reading
        // the paper", "put it down".
        if matches!(cue.lemma.as_str(), "read" | "put it") {
            let e = cue.tokens.end;
            let opens = e < sentence.end
                && (self.tokens.is_punct(e, ',')
                    || self.tokens.is_punct(e, ':')
                    || self.tok(e).quoted);
            if !opens {
                return None;
            }
        }
        Some(cue)
    }

    fn any_cue_at(&self, i: usize, sentence: &Range<usize>) -> Option<Cue> {
        let t = self.tok(i);
        if t.kind != Kind::Word || t.quoted {
            return None;
        }
        let lower = self.tokens.raw_lower(i);
        // Forms that are nearly always nouns here, and a participle after a number ("271
        // pledged delegates").
        if matches!(
            lower,
            "states"
                | "emails"
                | "tweet"
                | "reason"
                | "reasons"
                | "prompted"
                | "reflects"
                | "reflecting"
                | "backing"
        ) || (i > sentence.start
            && self
                .tokens
                .raw_lower(i - 1)
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_digit()))
        {
            return None;
        }
        if lower == "according" && i + 1 < sentence.end && self.tokens.raw_lower(i + 1) == "to" {
            return Some(Cue {
                tokens: i..i + 2,
                lemma: "according to".into(),
                according_to: true,
                speech: true,
            });
        }
        // The next word, read only for a verb (most words are none).
        let next = || {
            (i + 1 < sentence.end && self.word(i + 1) && !self.tok(i + 1).quoted)
                .then(|| self.tokens.raw_lower(i + 1))
        };
        // "made (it) clear that ...", "made the case that ...": a statement named by its effect.
        if matches!(lower, "make" | "makes" | "made" | "making") {
            let word = |k: usize| {
                (k < sentence.end && self.word(k) && !self.tok(k).quoted)
                    .then(|| self.tokens.raw_lower(k))
            };
            let (len, lemma) = match (word(i + 1), word(i + 2)) {
                (Some("clear"), _) => (2, "make clear"),
                (Some("it"), Some("clear")) => (3, "make clear"),
                (Some("the"), Some("case")) => (3, "make the case"),
                _ => (0, ""),
            };
            if len > 0 {
                return Some(Cue {
                    tokens: i..i + len,
                    lemma: lemma.into(),
                    according_to: false,
                    speech: false,
                });
            }
        }
        if let Some(&lemma) = construal_verbs().get(lower)
            && self.construes_as(i, sentence)
        {
            return Some(Cue {
                tokens: i..i + 1,
                lemma: lemma.to_string(),
                according_to: false,
                speech: false,
            });
        }
        if let Some(&(lemma, particles, required)) = act_verbs().get(lower) {
            let speech = self.lexicon.verb(lower).is_some();
            // A particle may be several words: "lashed out at", "distanced himself from".
            let word_at = |k: usize| {
                (k < sentence.end && self.word(k) && !self.tok(k).quoted)
                    .then(|| self.tokens.raw_lower(k))
            };
            let matches_at = |p: &str| {
                p.split(' ')
                    .enumerate()
                    .all(|(n, w)| word_at(i + 1 + n) == Some(w))
            };
            if let Some(p) = particles.iter().find(|&&p| matches_at(p)) {
                return Some(Cue {
                    tokens: i..i + 1 + p.split(' ').count(),
                    lemma: format!("{lemma} {p}"),
                    according_to: false,
                    speech,
                });
            }
            if !required {
                return Some(Cue {
                    tokens: i..i + 1,
                    lemma: lemma.to_string(),
                    according_to: false,
                    speech,
                });
            }
        }
        if let Some(forms) = self.lexicon.verb(lower) {
            let next = next();
            if let Some(f) = forms
                .iter()
                .find(|f| f.particle.is_some() && f.particle == next)
            {
                let lemma = format!("{} {}", f.lemma, f.particle.unwrap_or_default());
                return (!reports_nothing(&lemma)).then_some(Cue {
                    tokens: i..i + 2,
                    lemma,
                    according_to: false,
                    speech: true,
                });
            }
            if let Some(f) = forms.iter().find(|f| f.particle.is_none())
                && !reports_nothing(&f.lemma)
            {
                return Some(Cue {
                    tokens: i..i + 1,
                    lemma: f.lemma.clone(),
                    according_to: false,
                    speech: true,
                });
            }
        }
        // The base form of a verb that is also a noun ("note", "charge") is the verb when a
        // subject or an auxiliary stands before it and "that" follows: "Critics charge that
        // ...", "he did note that ...", not "a note that" or "the police report that".
        if lexicon::is_noun_like_verb(lower)
            && next() == Some("that")
            && i > sentence.start
            && self.word(i - 1)
            && !self.tok(i - 1).quoted
            && self.subject_or_auxiliary(i - 1)
        {
            return Some(Cue {
                tokens: i..i + 1,
                lemma: lower.to_string(),
                according_to: false,
                speech: true,
            });
        }
        stance_verbs().get(lower).map(|&lemma| Cue {
            tokens: i..i + 1,
            lemma: lemma.to_string(),
            according_to: false,
            speech: false,
        })
    }

    /// Whether token `k` may stand right before a finite or infinitive verb: a plural
    /// pronoun, an auxiliary or modal, "to", or a plural noun ("critics", "Democrats").
    fn subject_or_auxiliary(&self, k: usize) -> bool {
        let l = self.tokens.raw_lower(k);
        matches!(
            l,
            "we" | "they" | "i" | "you" | "to" | "also" | "not" | "n't" | "who"
        ) || (is_verb_modifier(l) && !l.ends_with("ly") && !matches!(l, "first" | "only"))
            || (l.ends_with('s')
                && !l.ends_with("ss")
                && !l.ends_with("'s")
                && !l.ends_with("’s")
                && l.len() > 3
                && self.lexicon.verb(l).is_none()
                && !is_preposition(l)
                && !lexicon::is_determiner(l)
                && !matches!(
                    l,
                    "his" | "its" | "this" | "was" | "is" | "has" | "does" | "us"
                ))
    }

    /// An object and then "as" follow construal verb `i` within its clause (a few words, no
    /// punctuation): "see Trump as a risk", not "saw the film" or "such as".
    fn construes_as(&self, i: usize, s: &Range<usize>) -> bool {
        let end = s.end.min(i + 14);
        for k in i + 2..end {
            if self.tok(k).kind != Kind::Word {
                return false;
            }
            if self.tokens.raw_lower(k) == "as" {
                let prev = self.tokens.raw_lower(k - 1);
                let next = (k + 1 < s.end).then(|| self.tokens.raw_lower(k + 1));
                return !matches!(prev, "such" | "just" | "soon" | "well" | "much" | "long")
                    && !matches!(
                        next,
                        Some("well" | "if" | "though" | "soon" | "long" | "much")
                    );
            }
        }
        false
    }

    fn sentence(&self, s: Range<usize>, out: &mut Vec<Reported>) {
        let mut cands: Vec<Candidate> = self.headline(&s).into_iter().collect();
        let mut i = s.start;
        while i < s.end {
            if let Some(c) = self.nominal(i, &s) {
                cands.push(c);
                i += 1;
                continue;
            }
            if let Some(c) = self.poll_finding(i, &s) {
                cands.push(c);
                i += 1;
                continue;
            }
            if let Some(c) = self.stance_adjective(i, &s) {
                cands.push(c);
                i += 1;
                continue;
            }
            if let Some(c) = self.hedge(i, &s) {
                i = c.cue.end;
                cands.push(c);
                continue;
            }
            if let Some(cue) = self.cue_at(i, &s) {
                let next = cue.tokens.end;
                if let Some(c) = self.relation(&cue, &s, &cands)
                    && self.reports_prose(&c, &c.content)
                {
                    cands.push(c);
                }
                i = next;
            } else {
                i += 1;
            }
        }
        if cands.is_empty() {
            return;
        }
        // Outer relations first: a cue inside another relation's content belongs to it.
        let mut order: Vec<usize> = (0..cands.len()).collect();
        order.sort_by_key(|&k| std::cmp::Reverse(cands[k].content.len()));
        let mut taken: Vec<usize> = Vec::new();
        for k in order {
            let clashes = |cands: &[Candidate], taken: &[usize]| {
                let c = &cands[k];
                taken.iter().copied().find(|&o| {
                    let t = &cands[o];
                    (t.content.start <= c.cue.start && c.cue.start < t.content.end)
                        || (c.content.start < t.content.end && t.content.start < c.content.end)
                })
            };
            let Some(o) = clashes(&cands, &taken) else {
                taken.push(k);
                continue;
            };
            // A relation opening a clause of its own after a comma inside another's content
            // ("..., which she said was ...", "..., the mayor then said ...") ends that content.
            if let Some(cut) = self.clause_cut(&cands[o], &cands[k]) {
                let keep = cands[o].content.end;
                cands[o].content.end = cut;
                if clashes(&cands, &taken).is_none() && self.has_prose(&cands[o].content) {
                    taken.push(k);
                } else {
                    cands[o].content.end = keep;
                }
            }
        }
        taken.sort_by_key(|&k| cands[k].content.start);
        for k in taken {
            if let Some(r) = self.finish(&cands[k]) {
                out.push(r);
            }
        }
    }

    /// A stance told by an adjective after a copula: "Marsh is confident that ...", "the crews
    /// were eager to ...", "she has been critical of the levy". The source is the subject
    /// right before the copula; the content the clause ("that", "to") or the object ("of").
    fn stance_adjective(&self, i: usize, s: &Range<usize>) -> Option<Candidate> {
        if i == s.start || !self.word(i) || self.tok(i).quoted || i + 2 >= s.end {
            return None;
        }
        let adjective = self.tokens.raw_lower(i);
        let opener = match adjective {
            "aware" | "confident" | "adamant" | "hopeful" | "optimistic" | "concerned"
            | "convinced" => "that",
            "eager" => "to",
            "critical" | "skeptical" | "sceptical" | "wary" | "supportive" => "of",
            _ => return None,
        };
        if self.tokens.raw_lower(i + 1) != opener || !self.word(i + 1) || !self.word(i + 2) {
            return None;
        }
        // Back over an adverb ("acutely aware") to the copula and its auxiliaries.
        let mut k = i - 1;
        if k > s.start && self.tokens.raw_lower(k).ends_with("ly") {
            k -= 1;
        }
        let copula = |k: usize| {
            self.word(k)
                && matches!(
                    self.lower(k),
                    "is" | "are" | "was" | "were" | "been" | "be" | "’re" | "'re" | "am"
                )
        };
        if !copula(k) {
            return None;
        }
        while k > s.start
            && self.word(k - 1)
            && matches!(
                self.lower(k - 1),
                "has" | "have" | "had" | "been" | "also" | "still" | "not" | "will" | "would"
            )
        {
            k -= 1;
        }
        let source = self.sentence_subject(s, k).filter(|p| p.tokens.end == k)?;
        let start = if opener == "of" { i + 2 } else { i + 1 };
        let end = if opener == "of" {
            self.object_clause_end(start, s)
        } else {
            self.clause_end(start, s)
        };
        Some(Candidate {
            content: start..end,
            cue: i..i + 1,
            speech: false,
            lemma: adjective.to_string(),
            source: Some(source),
            rule: Rule::ReportedClause,
            vague: false,
        })
    }

    /// A claim the writer hedges: "the pier seems to be rotting", "Marsh is expected to
    /// run", "it appears (that) the vote failed". No one is named as saying it; the content is
    /// the whole clause, its subject and the hedge included, or what "it appears" introduces.
    fn hedge(&self, i: usize, s: &Range<usize>) -> Option<Candidate> {
        if !self.word(i) || self.tok(i).quoted || i == s.start {
            return None;
        }
        let lower = self.lower(i);
        if !is_hedge(lower) {
            return None;
        }
        let seems = lower != "expected";
        let next = (i + 1 < s.end && self.word(i + 1)).then(|| self.lower(i + 1));
        let candidate = |content: Range<usize>| {
            self.has_prose(&content).then(|| Candidate {
                content,
                cue: i..i + 1,
                speech: false,
                lemma: lower.to_string(),
                source: None,
                rule: Rule::ReportedClause,
                vague: false,
            })
        };
        // "It appears (that) ...": the clause after it.
        if seems && self.lower(i - 1) == "it" && next != Some("to") && next != Some("like") {
            let mut start = i + 1;
            if start < s.end && self.tokens.is_punct(start, ',') {
                return None;
            }
            if next == Some("that") {
                start += 1;
            }
            if start >= s.end || !self.word(start) {
                return None;
            }
            return candidate(start..self.clause_end(start, s));
        }
        // "seems to ..." or, for "seem" and "appear", a complement of their own ("the
        // race appears closer", "the team seemed paralysed"); not a place, a time or a
        // manner of appearing ("appeared on Fox", "appeared Monday", "appeared together").
        let infinitive = next == Some("to");
        let complement = seems
            && next.is_some_and(|w| {
                !is_preposition(w)
                    && !is_time_word(w)
                    && !matches!(
                        w,
                        "that" | "like" | "as" | "and" | "or" | "but" | "so" | "together"
                    )
            })
            && !self.tok(i + 1).capitalized
            && !self.tok(i + 1).quoted;
        if !infinitive && !complement {
            return None;
        }
        // The subject before the hedge, past adverbs and (for "expected") a form of "be".
        let mut k = i;
        let mut be = false;
        while k > s.start && self.word(k - 1) && !self.tok(k - 1).quoted {
            let l = self.lower(k - 1);
            if matches!(l, "is" | "are" | "was" | "were" | "be" | "been" | "being") {
                be = true;
            } else if !(is_verb_modifier(l) || (l.ends_with("ly") && l.len() > 4)) {
                break;
            }
            k -= 1;
        }
        if !seems && !be {
            return None;
        }
        // "seems to show that ...", "appeared to suggest ...": the verb after it reports.
        if seems
            && infinitive
            && i + 2 < s.end
            && (self.lexicon.verb(self.lower(i + 2)).is_some()
                || matches!(
                    self.lower(i + 2),
                    "show" | "suggest" | "indicate" | "confirm"
                ))
        {
            return None;
        }
        let e = k.checked_sub(1).filter(|&e| e >= s.start && self.word(e))?;
        let head = self.lower(e);
        if ends_noun_phrase_badly(head) && !matches!(head, "who" | "which" | "that") {
            return None;
        }
        // The subject runs back to the clause's start: "last-minute planning for the
        // convention seemed ...", "the ties between the two towns appear ...".
        let mut start = e;
        while start > s.start && e - start < 12 {
            let p = start - 1;
            let t = self.tok(p);
            if t.quoted || t.kind == Kind::Mark {
                break;
            }
            if t.kind == Kind::Punct {
                if self.tokens.is_punct(p, '-') {
                    start = p;
                    continue;
                }
                break;
            }
            let l = self.lower(start);
            if matches!(l, "who" | "which" | "that") {
                break;
            }
            let l = self.lower(p);
            if (breaks_noun_phrase(l) && l != "and") || self.lexicon.verb(l).is_some() {
                break;
            }
            start = p;
        }
        // "..., and the harbour seemed to ...": the conjunction joins the clause, it is not
        // part of it.
        if start < e && matches!(self.lower(start), "and" | "but" | "or") {
            start += 1;
        }
        if is_preposition(self.lower(start)) {
            return None;
        }
        let after = if infinitive { i + 2 } else { i + 1 };
        let mut end = self.clause_end(after, s);
        // A relative clause set off by commas ends at its closing comma.
        if start == e && start > s.start && self.tokens.is_punct(start - 1, ',') {
            end = (after..end)
                .find(|&k| self.tokens.is_punct(k, ',') && !self.tok(k).quoted)
                .unwrap_or(end);
        }
        candidate(start..end)
    }

    /// A line naming its source before a colon, as headlines do: "Marlow: Ferry Fares Will
    /// Rise", "Poll: Most Voters Back the Bridge". The source is a name or an evidence noun
    /// and nothing else; the content is the rest of the line.
    fn headline(&self, s: &Range<usize>) -> Option<Candidate> {
        let first = s.start;
        if !(first == 0 || self.tok(first).after_newline) || !self.tok(first).capitalized {
            return None;
        }
        // Not a label ("UPDATE:", "Q:", "The Latest:").
        let label = |k: usize| {
            let w = self.tokens.text(k);
            w.chars().count() < 2 || !w.chars().any(|c| c.is_lowercase())
        };
        if label(first) || self.tokens.raw_lower(first) == "the" {
            return None;
        }
        let source = match self.phrase_at(first) {
            Some(p) if p.kind == MentionKind::Name => p,
            _ if is_evidence_noun(self.tokens.raw_lower(first)) => plain_phrase(
                first..first + 1,
                MentionKind::Description,
                Gender::Neuter,
                true,
                self.lower(first),
            ),
            _ => return None,
        };
        let colon = source.tokens.end;
        if source.tokens.start != first
            || colon >= s.end
            || !self.tokens.is_punct(colon, ':')
            || self.tok(colon).quoted
        {
            return None;
        }
        let end = (colon + 1..s.end)
            .find(|&k| self.tok(k).after_newline)
            .unwrap_or(s.end);
        let words = (colon + 1..end).filter(|&k| self.word(k)).count();
        (words >= 3).then(|| Candidate {
            content: colon + 1..end,
            cue: colon..colon + 1,
            speech: true,
            lemma: ":".into(),
            source: Some(source),
            rule: Rule::ReportedClause,
            vague: false,
        })
    }

    /// Where `outer`'s content should end so that `inner`, whose cue lies in it, is a relation
    /// of its own: at a comma right before `inner` begins (its source, cue or content).
    fn clause_cut(&self, outer: &Candidate, inner: &Candidate) -> Option<usize> {
        let begins = inner
            .source
            .as_ref()
            .map_or(inner.cue.start, |p| p.tokens.start.min(inner.cue.start))
            .min(inner.content.start);
        // A participle continuing the outer clause's subject ("insisted that ..., claiming
        // that ...") begins at its cue; its comma may close a quotation ("party,” claiming").
        let cue = inner.cue.start;
        if inner.rule == Rule::ReportedClause
            && self.tokens.raw_lower(cue).ends_with("ing")
            && cue > outer.content.start + 1
            && cue <= outer.content.end
            && inner.content.start >= cue
        {
            if self.tokens.is_punct(cue - 1, ',') && !self.tok(cue - 1).quoted {
                return Some(cue - 1);
            }
            if self.tok(cue - 1).kind == Kind::Mark && self.tokens.is_punct(cue - 2, ',') {
                return Some(cue);
            }
        }
        if begins <= outer.content.start || begins > outer.content.end {
            return None;
        }
        // The comma may stand one linking word before ("..., which he said ...").
        let comma = |m: usize| {
            m > outer.content.start && self.tokens.is_punct(m, ',') && !self.tok(m).quoted
        };
        if comma(begins - 1) {
            return Some(begins - 1);
        }
        (begins >= 2
            && comma(begins - 2)
            && matches!(
                self.tokens.raw_lower(begins - 1),
                "which" | "who" | "and" | "but" | "while" | "as"
            ))
        .then(|| begins - 2)
    }

    /// A finding credited to a poll by "in", as "according to" credits it: "In a poll released
    /// Monday, 50 percent chose Clinton", "Trump leads in the latest surveys." The poll phrase
    /// (up to a comma or the sentence end) is the source, "in" the cue, and the clause it
    /// qualifies the content: what follows a sentence-opening phrase, else what came before.
    fn poll_finding(&self, i: usize, s: &Range<usize>) -> Option<Candidate> {
        if !self.word(i) || self.tok(i).quoted || self.tokens.raw_lower(i) != "in" {
            return None;
        }
        let mut end = i + 1;
        let mut head = None;
        while end < s.end && self.word(end) && !self.tok(end).quoted {
            if end - i > 14 || self.cue_at(end, s).is_some() {
                return None;
            }
            let l = self.tokens.raw_lower(end);
            if head.is_none() && matches!(l, "poll" | "polls" | "survey" | "surveys") {
                head = Some(end);
            }
            end += 1;
        }
        let head = head?;
        // "poll numbers", "survey results": the poll only modifies the noun after it.
        if head + 1 < end
            && !matches!(
                self.tokens.raw_lower(head + 1),
                "released"
                    | "conducted"
                    | "taken"
                    | "published"
                    | "by"
                    | "from"
                    | "of"
                    | "in"
                    | "on"
                    | "last"
                    | "this"
                    | "earlier"
            )
        {
            return None;
        }
        // A phrase naming no poll in particular ("rose in the polls") or not a noun phrase
        // before its head ("in the hours before the polls", "head to the polls").
        let generic = head == i + 2
            && self.tokens.raw_lower(i + 1) == "the"
            && self.tokens.raw_lower(head) == "polls";
        if generic
            || (i + 1..head).any(|k| {
                is_preposition(self.tokens.raw_lower(k)) && self.tokens.raw_lower(k) != "of"
            })
        {
            return None;
        }
        let at_end = end >= s.end || self.is_stop(end);
        if !(at_end || self.tokens.is_punct(end, ',')) {
            return None;
        }
        let opens = (s.start..i).all(|k| !self.word(k));
        let content = if opens {
            if at_end {
                return None;
            }
            end + 1..self.clause_end(end + 1, s)
        } else {
            // "better than in other polls" compares with the polls; it cites none.
            if self.in_fronted_clause(i, s) || self.tokens.raw_lower(i - 1) == "than" {
                return None;
            }
            // A fronted adverbial ("In March, ...", "As a result, ...") sets the scene.
            let first = (s.start..i).find(|&k| self.word(k))?;
            let fronted = is_preposition(self.tokens.raw_lower(first))
                || matches!(self.tokens.raw_lower(first), "as" | "so" | "yet" | "still");
            let comma = (first..i).find(|&k| self.tokens.is_punct(k, ',') && !self.tok(k).quoted);
            match comma {
                Some(c) if fronted && c + 1 < i => c + 1..i,
                _ => s.start..i,
            }
        };
        let source = plain_phrase(
            i + 1..end,
            MentionKind::Description,
            Gender::Unknown,
            true,
            self.tokens.raw_lower(head),
        );
        self.has_prose(&content).then(|| Candidate {
            content,
            cue: i..i + 1,
            speech: false,
            lemma: "in".to_string(),
            source: Some(source),
            rule: Rule::AccordingTo,
            vague: false,
        })
    }

    /// A speech noun after its possessor: "Trump's claim that ...", "his promise to ...".
    fn nominal(&self, i: usize, s: &Range<usize>) -> Option<Candidate> {
        if i == s.start || !self.word(i) || self.tok(i).quoted {
            return None;
        }
        let noun = self.tokens.raw_lower(i);
        if !is_speech_noun(noun) && !PREPOSITION_NOUNS.iter().any(|&(n, _)| n == noun) {
            return None;
        }
        let mut p = i - 1;
        if self.tok(p).quoted || !self.word(p) {
            return None;
        }
        // One modifier may stand between the owner and the noun: "his controversial remarks
        // about", "Marsh's harsh criticism of".
        if p > s.start && self.plain_modifier(p) && self.is_owner(p - 1) {
            p -= 1;
        }
        let source = match self.tokens.raw_lower(p) {
            "his" | "her" | "their" | "its" | "our" | "my"
                if let Some(subject) = self.subject_of_verb_before(p, s) =>
            {
                Some(subject)
            }
            "his" | "her" | "their" | "its" | "our" | "my" => {
                let g = lexicon::other_pronoun(self.lower(p)).unwrap_or(Gender::Unknown);
                let head = self.lower(p);
                Some(plain_phrase(
                    p..p + 1,
                    MentionKind::Pronoun,
                    g,
                    g == Gender::Neuter,
                    head,
                ))
            }
            _ if self.tokens.is_possessive(p) => Some({
                let (names, chunks) = (self.sieve.names, self.sieve.chunks);
                let ci = names.ending_at(p)?;
                let c = &chunks[ci];
                let mut ph = plain_phrase(
                    c.tokens.clone(),
                    MentionKind::Name,
                    c.gender,
                    c.is_org,
                    self.tokens.lower(c.name_tokens.end - 1),
                );
                ph.chunk = Some(ci);
                ph
            }),
            // Without an owner only the nouns that name a claim or a call even then ("calls
            // for a ban", "questions about the budget"); the noun is then the object of what
            // the sentence's subject did ("Marsh raised questions about ..."), or nobody's.
            _ if NOUNS_WITHOUT_OWNER.contains(&noun) => {
                self.sentence_subject(s, i).filter(|q| q.tokens.end < p)
            }
            _ => return None,
        };
        let k = i + 1;
        let next = (k < s.end && self.word(k)).then(|| self.tokens.raw_lower(k));
        // "his attacks on Clinton", "Trump's criticism of the deal": the object is the content.
        if let Some(prep) = next
            && k + 1 < s.end
            && self.word(k + 1)
            && !self.tok(k + 1).quoted
            && noun_takes(noun, prep)
        {
            let end = self.object_clause_end(k + 1, s);
            let end = (k + 1..end)
                .find(|&m| self.tokens.is_punct(m, ',') && !self.tok(m).quoted)
                .unwrap_or(end);
            return Some(Candidate {
                content: k + 1..end,
                cue: i..k + 1,
                speech: false,
                lemma: format!("{noun} {prep}"),
                vague: false,
                source,
                rule: Rule::ReportedClause,
            });
        }
        let opens = match next {
            Some("that") => true,
            Some("to") => k + 1 < s.end && self.word(k + 1),
            _ => false,
        };
        if !opens {
            return None;
        }
        let source = source?;
        // An appositive clause usually ends at the first comma ("Despite Trump's claim that
        // ..., the firms ...").
        let end = (k..s.end)
            .find(|&m| self.tokens.is_punct(m, ',') && !self.tok(m).quoted)
            .unwrap_or(s.end)
            .min(self.clause_end(k, s));
        Some(Candidate {
            content: k..end,
            cue: i..i + 1,
            speech: false,
            lemma: noun.to_string(),
            source: Some(source),
            rule: Rule::ReportedClause,
            vague: false,
        })
    }

    /// A possessive pronoun or a possessive name ("his", "Marsh's") at token `k`.
    fn is_owner(&self, k: usize) -> bool {
        self.word(k)
            && !self.tok(k).quoted
            && (matches!(
                self.tokens.raw_lower(k),
                "his" | "her" | "their" | "its" | "our" | "my"
            ) || self.tokens.is_possessive(k))
    }

    /// A lowercase word that may modify a noun: not a determiner, a preposition, a verb of
    /// the lexicon or a possessive itself.
    fn plain_modifier(&self, k: usize) -> bool {
        let l = self.tokens.raw_lower(k);
        self.word(k)
            && !self.tok(k).quoted
            && !self.tok(k).capitalized
            && !self.is_owner(k)
            && !is_preposition(l)
            && !lexicon::is_determiner(l)
            && self.lexicon.verb(l).is_none()
            && !matches!(l, "and" | "or" | "but" | "not")
    }

    /// The subject of the verb right before token `p` ("Marsh defended her call for ...",
    /// "they affirmed their support for ..."): the one whose claim a possessive there names.
    /// Not after a preposition, a conjunction or a copula ("in her criticism of", "is his
    /// claim"), where the possessive is the owner.
    fn subject_of_verb_before(&self, p: usize, s: &Range<usize>) -> Option<Phrase> {
        let v = p.checked_sub(1).filter(|&v| v > s.start)?;
        let verb = self.tokens.raw_lower(v);
        if !self.word(v)
            || self.tok(v).quoted
            || self.tok(v).capitalized
            || is_preposition(verb)
            || lexicon::is_determiner(verb)
            || matches!(
                verb,
                "and"
                    | "or"
                    | "but"
                    | "for"
                    | "as"
                    | "than"
                    | "like"
                    | "is"
                    | "was"
                    | "are"
                    | "were"
                    | "be"
                    | "been"
                    | "being"
                    | "’s"
                    | "'s"
                    | "particularly"
                    | "especially"
                    | "including"
                    | "not"
                    | "also"
            )
        {
            return None;
        }
        self.sentence_subject(s, v).filter(|q| q.tokens.end <= v)
    }

    /// The relation a cue heads, if it has a source (or a vague one) and a content.
    fn relation(&self, cue: &Cue, s: &Range<usize>, earlier: &[Candidate]) -> Option<Candidate> {
        if cue.according_to {
            return self.according_to(cue, s);
        }
        let ct = CueToken {
            weak: false,
            tokens: cue.tokens.clone(),
            lemma: cue.lemma.clone(),
            according_to: false,
        };
        let first = cue.tokens.start;
        let before = first.checked_sub(1).filter(|&b| b >= s.start);
        if let Some(c) = self.fronted_question(cue, s) {
            return Some(c);
        }
        // After a comma, a dash or a quotation closed by a comma ("party,” claiming that").
        let participle = self.tokens.raw_lower(first).ends_with("ing")
            && before.is_some_and(|b| self.ends_with_comma(b, s));
        if let Some(c) = self.gerund_after_preposition(cue, s, earlier) {
            return Some(c);
        }
        let left = (!participle)
            .then(|| self.source_left(cue, s, earlier))
            .flatten();
        if let Some(p) = left {
            return self
                .with_left_subject(cue, p, s)
                .filter(|c| !self.perceives(c));
        }
        // Inverted after a comma: "..., said Lavrov."
        if let Some(b) = before
            && !participle
            && self.ends_with_comma(b, s)
            && class_of(&cue.lemma) == Class::Clause
            && let Some(p) = self
                .subject_right(&ct)
                .or_else(|| self.counted_group_at(cue.tokens.end, s))
        {
            let content = s.start..if self.tokens.is_punct(b, ',') {
                b
            } else {
                b + 1
            };
            let tail = self.time_phrase(p.tokens.end, s).unwrap_or(p.tokens.end);
            let ends = tail >= s.end || self.is_stop(tail) || self.tokens.is_punct(tail, ',');
            if p.tokens.end <= s.end && ends && self.has_prose(&content) {
                return Some(Candidate::of_cue(
                    cue,
                    content,
                    Some(p),
                    Rule::ReportedTrailing,
                    false,
                ));
            }
        }
        // A participle continuing the sentence's subject: "..., saying that ...".
        if participle && let Some(start) = self.complement(cue, s) {
            let source = earlier
                .iter()
                .rev()
                .find_map(|c| c.source.clone())
                .or_else(|| before.and_then(|b| self.attribution_before(b, s)))
                .or_else(|| self.sentence_subject(s, first));
            let source = source?;
            let content = start..self.clause_end(start, s);
            return self.has_prose(&content).then(|| {
                Candidate::of_cue(cue, content, Some(source), Rule::ReportedClause, false)
            });
        }
        // A speech verb after an apposition whose subject was not read ("Rep. Ann Marlow
        // (Ohio), a delegate backing the plan, said ...") still reports its clause.
        if !participle
            && cue.speech
            && class_of(&cue.lemma) == Class::Clause
            && before.is_some_and(|b| self.tokens.is_punct(b, ','))
            && !self.tokens.raw_lower(first).ends_with("ing")
            && let Some(start) = self.complement(cue, s)
        {
            // The sentence's subject, when an apposition follows it, is the speaker.
            let source = self.sentence_subject(s, first).filter(|p| {
                p.kind != MentionKind::Pronoun
                    && p.tokens.end < first
                    && (self.tokens.is_punct(p.tokens.end, ',')
                        || self.tokens.is_punct(p.tokens.end, '('))
            });
            let content = start..self.clause_end(start, s);
            return self
                .has_prose(&content)
                .then(|| Candidate::of_cue(cue, content, source, Rule::ReportedClause, false));
        }
        None
    }

    /// The speaker of a speech verb ending right before `comma` (past a short tail such as
    /// "in Salem"): `"...," he said, referring to ...`, `"...," added Murphy, noting that ...`.
    fn attribution_before(&self, comma: usize, s: &Range<usize>) -> Option<Phrase> {
        let from = comma.saturating_sub(8).max(s.start);
        let verb = (from..comma)
            .rev()
            .take_while(|&k| self.word(k) && !self.tok(k).quoted)
            .find(|&k| {
                self.lexicon.verb(self.lower(k)).is_some()
                    && matches!(tense_of(self.lower(k)), Tense::Past | Tense::Present)
            })?;
        let ct = CueToken {
            weak: false,
            tokens: verb..verb + 1,
            lemma: String::new(),
            according_to: false,
        };
        subject_left(self.tokens, self.sieve.names, self.sieve.chunks, &ct)
            .filter(|p| p.tokens.start >= s.start)
            .or_else(|| self.subject_right(&ct).filter(|p| p.tokens.end == comma))
    }

    /// A gerund cue after a preposition: "Marsh angered voters by saying that ...", "After
    /// saying the pier was safe, Marsh left." Its source is whoever the clause is about: the
    /// subject after the fronted phrase's comma, else the sentence's subject.
    fn gerund_after_preposition(
        &self,
        cue: &Cue,
        s: &Range<usize>,
        earlier: &[Candidate],
    ) -> Option<Candidate> {
        let first = cue.tokens.start;
        let prep = first
            .checked_sub(1)
            .filter(|&b| b >= s.start && self.word(b))?;
        // Not "for" or "from": "faulted Marsh for saying ..." makes the object the speaker.
        if !self.tokens.raw_lower(first).ends_with("ing")
            || !matches!(
                self.tokens.raw_lower(prep),
                "by" | "after" | "before" | "while" | "without" | "upon" | "since" | "when" | "in"
            )
        {
            return None;
        }
        let start = self.complement(cue, s)?;
        let fronted = !(s.start..prep).any(|k| self.word(k));
        let (end, source) = if fronted {
            let comma =
                (start..s.end).find(|&k| self.tokens.is_punct(k, ',') && !self.tok(k).quoted)?;
            (comma, self.phrase_at(comma + 1)?)
        } else {
            let source = earlier
                .iter()
                .rev()
                .find_map(|c| c.source.clone())
                .or_else(|| self.sentence_subject(s, prep))?;
            (self.clause_end(start, s), source)
        };
        let content = start..end;
        self.has_prose(&content)
            .then(|| Candidate::of_cue(cue, content, Some(source), Rule::ReportedClause, false))
    }

    /// A question put to someone, opening the sentence or after "when", "after" or "being":
    /// "Asked whether the pier would close, Brandt said ...", "Asked by a reporter about the
    /// budget, ...", "..., she said when asked on the radio if it would". The content is the
    /// question up to its comma (or, inside the sentence, its clause end); the source is
    /// whoever asked, when "by" names them.
    fn fronted_question(&self, cue: &Cue, s: &Range<usize>) -> Option<Candidate> {
        let first = cue.tokens.start;
        if cue.lemma != "ask" || self.tokens.raw_lower(first) != "asked" {
            return None;
        }
        let opens = (s.start..first).all(|k| !self.word(k));
        let put = first > s.start
            && self.word(first - 1)
            && matches!(
                self.tokens.raw_lower(first - 1),
                "when" | "after" | "if" | "once" | "being" | "before" | "until"
            );
        if !opens && !put {
            return None;
        }
        let mut k = cue.tokens.end;
        let mut source = None;
        if k < s.end && self.word(k) && self.tokens.raw_lower(k) == "by" {
            let p = self.phrase_at(k + 1)?;
            k = p.tokens.end;
            source = Some(p);
        }
        while k < s.end && self.word(k) && self.tokens.raw_lower(k).ends_with("ly") {
            k += 1;
        }
        if k >= s.end || !self.word(k) {
            return None;
        }
        let asks = |w: &str| is_wh(w) || matches!(w, "if" | "whether");
        // Where or when it was asked comes first: "asked on the radio who leads the council".
        let w = self.tokens.raw_lower(k);
        if is_preposition(w) && !matches!(w, "about" | "to") {
            k = (k + 1..(k + 7).min(s.end))
                .take_while(|&m| self.word(m) && !self.tok(m).quoted)
                .find(|&m| asks(self.tokens.raw_lower(m)))?;
        }
        let w = self.tokens.raw_lower(k);
        if !(asks(w) || matches!(w, "about" | "to")) {
            return None;
        }
        let start = if w == "about" { k + 1 } else { k };
        let comma = (start..s.end).find(|&m| self.tokens.is_punct(m, ',') && !self.tok(m).quoted);
        let end = match comma {
            Some(end) => end,
            None if put => self.clause_end(start, s),
            None => return None,
        };
        let content = start..end;
        self.has_prose(&content)
            .then(|| Candidate::of_cue(cue, content, source, Rule::ReportedClause, false))
    }

    /// Whether "feel" or "find" names a perception or a discovery rather than a stance: a
    /// person feels the cold or finds the door open ("Ann felt the floor give way", "he found
    /// that the lock was broken"). A personal pronoun feels and finds for itself; others
    /// ("Voters feel that ...", "A survey found ...") report, but feel only a that-clause.
    /// (Plural and first-person-plural subjects are left reporting: polls of what voters feel.)
    fn perceives(&self, c: &Candidate) -> bool {
        if !matches!(c.lemma.as_str(), "feel" | "find") {
            return false;
        }
        let Some(p) = &c.source else { return false };
        if is_evidence_noun(&p.head) {
            return false;
        }
        let personal =
            p.kind == MentionKind::Pronoun && matches!(p.head.as_str(), "he" | "she" | "i");
        let bare = self.tokens.raw_lower(c.content.start) != "that";
        // A named person finds things ("Ann found the key"); a finding is a that-clause.
        let person = p.kind == MentionKind::Name && !p.is_org;
        personal || (bare && (c.lemma == "feel" || person))
    }

    /// The source of a cue read leftwards: a speaker phrase ("Lavrov also said", "Lavrov,
    /// Russia's foreign minister, said"), a relative pronoun ("who said"), the subject of a
    /// coordinated verb ("met Truss and said"), or any noun phrase ("a new poll shows").
    fn source_left(&self, cue: &Cue, s: &Range<usize>, earlier: &[Candidate]) -> Option<Phrase> {
        let mut k = cue.tokens.start;
        let mut skipped = 0;
        while k > s.start && skipped < 4 && self.word(k - 1) {
            let l = self.lower(k - 1);
            // A hedge or a verb of intent before the verb: "the memo seems to show that ...",
            // "he continues to insist that ...", "Marsh was quick to point out that ...".
            if l == "to"
                && k - 1 > s.start
                && self.word(k - 2)
                && ((is_hedge(self.lower(k - 2)) && self.lower(k - 2) != "expected")
                    || takes_infinitive_claim(self.lower(k - 2)))
            {
                k -= 2;
                // "are more likely to say": the degree word belongs to the adjective.
                if k - 1 > s.start
                    && self.word(k - 1)
                    && matches!(
                        self.lower(k - 1),
                        "more" | "less" | "most" | "very" | "so" | "too"
                    )
                {
                    k -= 1;
                }
                skipped += 1;
                continue;
            }
            // A name that is also a modifier ("George Will wrote") is the source, not skipped.
            if (is_verb_modifier(l)
                || matches!(
                    l,
                    "himself"
                        | "herself"
                        | "themselves"
                        | "itself"
                        | "myself"
                        | "not"
                        | "n't"
                        // "Sanders supporters have long called for", "both condemned"
                        | "long"
                        | "now"
                        | "both"
                        // "campaign workers here said"
                        | "here"
                ))
                && self.sieve.names.ending_at(k - 1).is_none()
                // "Both said": with nothing before it, "both" is the subject.
                && (!matches!(l, "both" | "here") || self.follows_word(k - 1, s))
            {
                k -= 1;
                skipped += 1;
            } else if let Some(m) = self.time_phrase_ending_at(k, s) {
                // "Mayor Brandt on Monday praised ...": the time belongs to the verb.
                k = m;
                skipped += 1;
            } else {
                break;
            }
        }
        let ct = CueToken {
            weak: false,
            tokens: k..cue.tokens.end,
            lemma: cue.lemma.clone(),
            according_to: false,
        };
        if let Some(p) = subject_left(self.tokens, self.sieve.names, self.sieve.chunks, &ct)
            .filter(|p| p.tokens.start >= s.start)
        {
            return Some(p);
        }
        let e = k.checked_sub(1).filter(|&e| e >= s.start)?;
        if self.ends_with_comma(e, s) {
            // A dash that opens the text has nothing before it ("— said").
            let comma = if self.tokens.is_punct(e, ',') {
                e
            } else {
                e.checked_sub(1)?
            };
            return self.apposition_source(comma, s);
        }
        // "42% say": a share of those asked.
        if self.tokens.is_punct(e, '%')
            && e > s.start
            && self.word(e - 1)
            && is_quantity(self.lower(e - 1))
        {
            return Some(plain_phrase(
                e - 1..e + 1,
                MentionKind::Description,
                Gender::Neuter,
                true,
                "%",
            ));
        }
        if self.tok(e).quoted || !self.word(e) {
            return None;
        }
        if let Some(p) = self.contracted_pronoun(e) {
            return Some(p);
        }
        match self.lower(e) {
            "who" => Some(plain_phrase(
                e..e + 1,
                MentionKind::Pronoun,
                Gender::Unknown,
                false,
                "who",
            )),
            "which" => Some(plain_phrase(
                e..e + 1,
                MentionKind::Pronoun,
                Gender::Neuter,
                true,
                "which",
            )),
            // A quantifier standing for a group: "Some said", "Both think", "Each argued".
            "some" | "both" | "each" | "one" if !self.follows_word(e, s) => Some(plain_phrase(
                e..e + 1,
                MentionKind::Description,
                Gender::Unknown,
                false,
                self.lower(e),
            )),
            "and" | "but" | "then" => earlier
                .iter()
                .rev()
                .find_map(|c| c.source.clone())
                .or_else(|| self.sentence_subject(s, e)),
            _ => self
                .noun_phrase_ending_at(e, s)
                .filter(|p| self.verb_after_noun_phrase(cue, p)),
        }
    }

    /// A passive cue reports what was done to its subject ("The closure was first reported by
    /// the Gazette", "the levy has been widely criticised") or the clause after it ("he was
    /// asked whether ..."); the agent after "by" is the source, and without one there is none.
    fn passive_relation(
        &self,
        cue: &Cue,
        subject: &Phrase,
        start: usize,
        s: &Range<usize>,
    ) -> Option<Candidate> {
        let mut k = cue.tokens.end;
        while k < s.end && self.word(k) && self.lower(k).ends_with("ly") && self.lower(k).len() > 4
        {
            k += 1;
        }
        let agent = (k + 1 < s.end && self.word(k) && self.lower(k) == "by")
            .then(|| self.phrase_at(k + 1))
            .flatten()
            .filter(|a| a.tokens.end <= s.end);
        let next = (k < s.end && self.word(k) && !self.tok(k).quoted).then(|| self.lower(k));
        let opens = next.is_some_and(|w| {
            matches!(w, "that" | "if" | "whether")
                || (is_wh(w) && w != "when")
                || (w == "to" && reports_infinitive(&cue.lemma))
        });
        // "she was asked about the levy": what she was asked about is the question reported.
        let asked_about = cue.lemma == "ask"
            && next == Some("about")
            && k + 1 < s.end
            && self.word(k + 1)
            && !self.tok(k + 1).quoted;
        let content = if opens {
            k..self.clause_end(k, s)
        } else if asked_about {
            // The object is a noun phrase: a comma ends it ("who was asked about the fares, left").
            let end = self.object_clause_end(k + 1, s);
            let end = (k + 1..end)
                .find(|&m| self.tokens.is_punct(m, ',') && !self.tok(m).quoted)
                .unwrap_or(end);
            k + 1..end
        } else if start < subject.tokens.end && self.reports_its_object(&cue.lemma) {
            // What the subject was judged for or named as is part of the claim: "the plan was
            // criticised (by Marsh) as a risk", "Okafor was announced the winner".
            let after = agent.as_ref().map_or(k, |a| a.tokens.end);
            let judged = after < s.end
                && self.word(after)
                && !self.tok(after).quoted
                && self.time_phrase(after, s).is_none()
                && (matches!(self.lower(after), "as" | "for" | "of" | "over" | "on")
                    || (agent.is_none() && matches!(self.lower(after), "the" | "a" | "an")));
            if judged {
                // The judgement ends at a comma or at an agent after it ("..., even by
                // conservatives").
                let end = self.object_clause_end(after, s);
                let end = (after + 1..end)
                    .find(|&m| {
                        !self.tok(m).quoted
                            && (self.tokens.is_punct(m, ',') || self.lower(m) == "by")
                    })
                    .unwrap_or(end);
                start..end
            } else if subject.kind != MentionKind::Pronoun {
                start..subject.tokens.end
            } else {
                return None;
            }
        } else {
            return None;
        };
        let vague = agent.is_none();
        self.has_prose(&content)
            .then(|| Candidate::of_cue(cue, content, agent, Rule::ReportedClause, vague))
    }

    /// Whether a cue's object is what was said or judged, so that its passive subject is:
    /// "the plan was criticised", "the closure was reported" (not "he was asked", "she was
    /// told", "a group called the Friends of the Pier").
    fn reports_its_object(&self, lemma: &str) -> bool {
        (class_of(lemma) == Class::Act && !matches!(lemma, "focus on" | "call" | "call on"))
            || matches!(
                lemma,
                "report" | "announce" | "confirm" | "mention" | "declare" | "disclose" | "reveal"
            )
    }

    /// Whether token `k` follows a word of its sentence (and so is not a clause's first word:
    /// "won some support", "they both").
    fn follows_word(&self, k: usize, s: &Range<usize>) -> bool {
        k > s.start
            && self.word(k - 1)
            && !matches!(
                self.lower(k - 1),
                "and"
                    | "but"
                    | "while"
                    | "though"
                    | "although"
                    | "because"
                    | "since"
                    | "as"
                    | "if"
                    | "when"
                    | "where"
            )
    }

    /// A counted group of people after an inverted cue, which the speaker phrases do not
    /// read: "..., said several observers", "..., said two former workers". The phrase runs
    /// over plain words to a preposition, a relative pronoun or punctuation.
    fn counted_group_at(&self, k: usize, s: &Range<usize>) -> Option<Phrase> {
        if k >= s.end || !self.word(k) || self.tok(k).quoted {
            return None;
        }
        let first = self.lower(k);
        if !(matches!(
            first,
            "several" | "many" | "few" | "most" | "both" | "other"
        ) || (is_quantity(first) && !matches!(first, "a" | "half" | "twice")))
        {
            return None;
        }
        let mut end = k + 1;
        while end < s.end && end - k < 6 && self.word(end) && !self.tok(end).quoted {
            let l = self.lower(end);
            if is_preposition(l) || breaks_noun_phrase(l) || self.lexicon.verb(l).is_some() {
                break;
            }
            end += 1;
        }
        let head = self.lower(end - 1);
        (end > k + 1 && !head.ends_with("ly")).then(|| {
            let mut p = plain_phrase(
                k..end,
                MentionKind::Description,
                Gender::Unknown,
                false,
                head,
            );
            p.plural = true;
            p
        })
    }

    /// A pronoun with its auxiliary: "he’s hoping", "they’re saying", "she’d said".
    fn contracted_pronoun(&self, e: usize) -> Option<Phrase> {
        let raw = self.tokens.raw_lower(e);
        let (pronoun, rest) = raw.split_once(['\'', '\u{2019}'])?;
        if !matches!(rest, "s" | "re" | "ve" | "d" | "ll" | "m") {
            return None;
        }
        let g = lexicon::subject_pronoun(pronoun)?;
        Some(plain_phrase(
            e..e + 1,
            MentionKind::Pronoun,
            g,
            g == Gender::Neuter,
            pronoun,
        ))
    }

    /// The subject before appositions: "Marley Anderson, 21, a junior from Las Vegas, said".
    /// `comma` is the comma before the cue; the subject is the phrase that fills the first of
    /// the comma-separated pieces before it, all of which must be short.
    fn apposition_source(&self, comma: usize, s: &Range<usize>) -> Option<Phrase> {
        let mut pieces = 0;
        let mut end = comma;
        let mut best = None;
        while pieces < 4 {
            let mut m = end;
            while m > s.start && !self.tokens.is_punct(m - 1, ',') {
                m -= 1;
                if end - m > 12 {
                    return best;
                }
            }
            if let Some(p) = self.phrase_at(m)
                && (p.tokens.end == end || self.place_modifier(p.tokens.end, end))
                && p.kind != MentionKind::Pronoun
            {
                best = Some(p);
            }
            if m <= s.start {
                break;
            }
            end = m - 1;
            pieces += 1;
        }
        best
    }

    /// Whether tokens `from..to` are a short prepositional modifier of the phrase before them,
    /// of words only: "(Senator Ann Marlow) of Ohio", "(a worker) at the plant".
    fn place_modifier(&self, from: usize, to: usize) -> bool {
        from < to
            && to - from <= 6
            && matches!(
                self.tokens.raw_lower(from),
                "of" | "from" | "at" | "in" | "for"
            )
            && (from..to).all(|k| self.word(k) && !self.tok(k).quoted)
    }

    /// Whether a cue after a plain noun phrase reads as its verb. A present-tense form often
    /// is a noun itself ("his remarks", "the United States", "legitimate questions"): it needs
    /// a subject that reports, such as a poll or a share of voters.
    fn verb_after_noun_phrase(&self, cue: &Cue, p: &Phrase) -> bool {
        let first = cue.tokens.start;
        let capital = |k: usize| self.word(k) && self.tok(k).capitalized;
        // "the United States began", "Islamic State targets": part of a name, unless the whole
        // line is in title case ("Trump Says We Should ...").
        if capital(first) && first > 0 && capital(first - 1) && !capital(first + 1) {
            return false;
        }
        let form = self.tokens.raw_lower(first);
        let present = form.ends_with('s') && !form.ends_with("ss");
        !present || !is_noun_too(&cue.lemma) || is_evidence_noun(&p.head)
    }

    /// Any noun phrase ending at token `e`: "a news report published Wednesday", "47 percent",
    /// "people who attended the rally". Read leftwards to a clause boundary.
    fn noun_phrase_ending_at(&self, e: usize, s: &Range<usize>) -> Option<Phrase> {
        let head = self.lower(e);
        let partitive = matches!(head, "them" | "us") && e > s.start && self.lower(e - 1) == "of";
        if (ends_noun_phrase_badly(head) && !partitive) || self.lexicon.verb(head).is_some() {
            return None;
        }
        let mut start = e;
        while start > s.start && e - start < 10 {
            let p = start - 1;
            let t = self.tok(p);
            if t.quoted || t.kind == Kind::Mark {
                break;
            }
            if t.kind == Kind::Punct {
                if self.tokens.is_punct(p, '-') || self.tokens.is_punct(p, '/') {
                    start = p;
                    continue;
                }
                break;
            }
            let l = self.lower(p);
            // After a verb, "that" opens its clause ("noted that ..."), not a relative one.
            if matches!(l, "who" | "that")
                && p > s.start
                && self.word(p - 1)
                && self.lexicon.verb(self.lower(p - 1)).is_none()
            {
                // A relative clause belongs to the phrase: "people who attended the rally".
                start = p;
                continue;
            }
            if breaks_noun_phrase(l) || self.lexicon.verb(l).is_some() {
                break;
            }
            start = p;
        }
        while start < e && self.tokens.list[start].kind == Kind::Punct {
            start += 1;
        }
        // "About 9 percent said": an approximate share, not a place.
        let approximate = start < e
            && matches!(
                self.lower(start),
                "about" | "around" | "nearly" | "over" | "almost"
            )
            && is_quantity(self.lower(start + 1));
        if (is_preposition(self.lower(start)) && !approximate) || is_wh(self.lower(start)) {
            return None;
        }
        // Not a person noun (those are speaker descriptions): a poll, a report, "47 percent".
        Some(plain_phrase(
            start..e + 1,
            MentionKind::Description,
            Gender::Neuter,
            true,
            head,
        ))
    }

    fn with_left_subject(&self, cue: &Cue, p: Phrase, s: &Range<usize>) -> Option<Candidate> {
        let mut p = self.issuer_of_document(cue, &p, s).unwrap_or(p);
        let start = self.modified_start(&p, s);
        if p.kind == MentionKind::Description && p.chunk.is_none() {
            p.tokens.start = start;
        }
        let before_subject = start.checked_sub(1).filter(|&b| b >= s.start);
        // A passive cue: "it was reported that" names no source; "he was asked whether" names
        // the one asked, not the asker.
        // Only the words right before the cue count: a "was" inside an apposition ("Marlow,
        // who was elected in 2014, said") is not the cue's auxiliary.
        let passive = !self.tokens.raw_lower(cue.tokens.start).ends_with("ing")
            && (p.tokens.end..cue.tokens.start)
                .rev()
                // "was quick to point out": the copula is the adjective's, not the cue's.
                .take_while(|&k| self.word(k) && !self.tok(k).quoted && self.lower(k) != "to")
                .any(|k| {
                    matches!(
                        self.lower(k),
                        "is" | "was" | "been" | "are" | "were" | "be" | "being"
                    )
                });
        let vague_passive =
            passive && p.kind == MentionKind::Pronoun && self.lower(p.tokens.start) == "it";
        if passive && !vague_passive {
            return self.passive_relation(cue, &p, start, s);
        }
        let vague = vague_passive || is_vague_phrase(&p);
        let source = (!vague_passive).then_some(p.clone());
        // The comma may sit inside a closing quotation mark: `would take "as long as it
        // takes," she said`.
        let after_comma = before_subject.filter(|&b| self.ends_with_comma(b, s));
        let after_as = before_subject.filter(|&b| self.lower(b) == "as");
        // After a comma ending what was said ("...," he told cheering supporters in Dover),
        // the words after "told" are whom it was told, unless "that" or a question opens a
        // clause of its own.
        let complement = self.complement(cue, s).filter(|&c| {
            after_comma.is_none_or(|b| self.has_prose(&(s.start..b)))
                || class_of(&cue.lemma) != Class::Tell
                || self.tokens.raw_lower(c) == "that"
                || is_wh(self.tokens.raw_lower(c))
        });
        let tail_end = self.adverbial_end(cue.tokens.end, s);
        let make = |content: Range<usize>, rule| {
            self.has_prose(&content)
                .then(|| Candidate::of_cue(cue, content, source.clone(), rule, vague))
        };
        // "..., as Lavrov said." / "As Lavrov said, ..."
        if let Some(a) = after_as {
            if a > s.start
                && self.tokens.is_punct(a - 1, ',')
                && (tail_end >= s.end || self.is_stop(tail_end))
            {
                return make(s.start..a - 1, Rule::ReportedTrailing);
            }
            if a == s.start && tail_end < s.end && self.tokens.is_punct(tail_end, ',') {
                let start = tail_end + 1;
                return make(start..self.clause_end(start, s), Rule::ReportedClause);
            }
            return None;
        }
        if let Some(b) = after_comma
            && complement.is_none()
            && b > s.start
        {
            let trailing = tail_end >= s.end
                || self.is_stop(tail_end)
                || (self.tokens.is_punct(tail_end, ',')
                    && self.attribution_follows(tail_end + 1, s));
            if trailing {
                // "..., Lavrov said." / "..., Lavrov said, adding that ..."
                let end = if self.tok(b).kind == Kind::Mark {
                    b + 1
                } else {
                    b
                };
                return make(s.start..end, Rule::ReportedTrailing);
            }
            if self.tokens.is_punct(tail_end, ',') {
                // A direct quote before the attribution is the direct sieve's, and a manner or
                // time adverbial after it ("..., he said, without looking up.") is narration,
                // not more of the claim.
                if !self.has_prose(&(s.start..b)) && self.narrates_attribution(tail_end + 1, s) {
                    return None;
                }
                // "On the budget, Brandt said, “We are broke.”": a quoted sentence after the
                // attribution is what was said (the direct sieve's); the words before it only
                // set the scene.
                if self.opens_quoted_sentence(tail_end + 1, s) {
                    return None;
                }
                // "The plan, Lavrov said, is dead." holds the content on both sides, and so does
                // "In any case, Lavrov said, ...": the attribution is inserted in the claim.
                let end = self.clause_end(tail_end + 1, s);
                return make(s.start..end, Rule::ReportedTrailing);
            }
        }
        let start = complement?;
        let end = if class_of(&cue.lemma) == Class::Act {
            self.object_clause_end(start, s)
        } else {
            self.clause_end(start, s)
        };
        // "the wall, which he said Mexico would pay for": the relative pronoun stands for part
        // of the claim, so the content starts there (and holds its attribution).
        let start = self.relative_opening(&p, start, s).unwrap_or(start);
        make(start..end, Rule::ReportedClause)
    }

    /// The relative pronoun ("which", "what", "that") just before source `p` when the
    /// reported clause at `start` is bare, its gap filled by that pronoun.
    fn relative_opening(&self, p: &Phrase, start: usize, s: &Range<usize>) -> Option<usize> {
        let r = p.tokens.start.checked_sub(1).filter(|&r| r >= s.start)?;
        let bare = !(self.tokens.raw_lower(start) == "that" || is_wh(self.tokens.raw_lower(start)));
        (bare
            && self.word(r)
            && !self.tok(r).quoted
            && matches!(self.tokens.raw_lower(r), "which" | "what" | "that"))
        .then_some(r)
    }

    /// Where the object of a speech-act verb ends: before a time adverbial ("last
    /// week", "on Tuesday", "during a call"), or "and" starting a second verb ("endorsed Trump
    /// and has appeared at his side").
    fn object_clause_end(&self, start: usize, s: &Range<usize>) -> usize {
        let end = self.clause_end(start, s);
        let mut k = start + 1;
        while k < end {
            let t = self.tok(k);
            if t.quoted || t.kind == Kind::Mark {
                k += 1;
                continue;
            }
            let l = self.tokens.raw_lower(k);
            if matches!(
                l,
                "during" | "after" | "before" | "while" | "since" | "when" | "amid"
            ) || self
                .time_phrase(k, s)
                .is_some_and(|e| e >= end || !self.word(e))
            {
                return k;
            }
            if l == "and"
                && k + 1 < end
                && self.word(k + 1)
                && (breaks_noun_phrase(self.tokens.raw_lower(k + 1))
                    || self.lexicon.verb(self.tokens.raw_lower(k + 1)).is_some()
                    || act_verbs().contains_key(self.tokens.raw_lower(k + 1)))
            {
                return k;
            }
            k += 1;
        }
        end
    }

    /// The subject after an inverted cue ("said Lavrov", "said Mr. Smith"); a name chunk may
    /// start after its honorific.
    fn subject_right(&self, ct: &CueToken) -> Option<Phrase> {
        subject_right(self.tokens, self.sieve.names, self.sieve.chunks, ct)
            .or_else(|| self.phrase_at(ct.tokens.end))
    }

    /// The speaker phrase starting at token `k`; a name chunk may start after its honorific
    /// ("Mr. Smith").
    fn phrase_at(&self, k: usize) -> Option<Phrase> {
        let (names, chunks) = (self.sieve.names, self.sieve.chunks);
        if let Some(p) = phrase_starting_at(self.tokens, names, chunks, k) {
            return Some(p);
        }
        if k + 2 >= self.tokens.len()
            || lexicon::honorific(self.tokens.raw_lower(k)).is_none()
            || !self.tokens.is_punct(k + 1, '.')
        {
            return None;
        }
        let ci = names.starting_at(k + 1).or(names.starting_at(k + 2))?;
        let c = &chunks[ci];
        let mut p = plain_phrase(
            k..c.tokens.end,
            MentionKind::Name,
            c.gender,
            c.is_org,
            self.tokens.lower(c.name_tokens.end - 1),
        );
        p.chunk = Some(ci);
        Some(p)
    }

    /// Whether token `b` closes a stretch with a comma or dash: `,`, `—`, or a closing mark
    /// after a comma (`would take "as long as it takes," she said`).
    fn ends_with_comma(&self, b: usize, s: &Range<usize>) -> bool {
        self.tokens.is_punct(b, ',')
            || self.tokens.is_punct(b, '\u{2014}')
            || ((self.tok(b).kind == Kind::Mark || self.tokens.text(b) == "''")
                && b > s.start
                && self.tokens.is_punct(b - 1, ','))
    }

    /// The one who issued the document a participle cue hangs on: in "Ryan issued a statement
    /// saying ...", the statement says it but Ryan is the source.
    fn issuer_of_document(&self, cue: &Cue, p: &Phrase, s: &Range<usize>) -> Option<Phrase> {
        if !self.tokens.raw_lower(cue.tokens.start).ends_with("ing") || !is_document_noun(&p.head) {
            return None;
        }
        // Back over the document's determiner and modifiers to the verb that issued it.
        let mut k = p.tokens.start;
        while !is_document_determiner(self.lower(k))
            && k > s.start
            && k + 3 > p.tokens.start
            && self.word(k - 1)
        {
            k -= 1;
        }
        if !is_document_determiner(self.lower(k)) || k < s.start + 2 || !self.word(k - 1) {
            return None;
        }
        let verb = k - 1;
        phrase_ending_at(self.tokens, self.sieve.names, self.sieve.chunks, verb - 1)
            .filter(|issuer| issuer.tokens.end == verb)
    }

    /// Where a subject starts with the modifiers a phrase left out: "federal officials",
    /// "Mr. Abboud".
    fn modified_start(&self, p: &Phrase, s: &Range<usize>) -> usize {
        let mut m = self.phrase_start(p);
        // A phrase its determiner opens is whole: "Mayor the engineer" is two phrases.
        if lexicon::is_determiner(self.lower(m)) {
            return m;
        }
        let limit = m.saturating_sub(4);
        while m > s.start.max(limit) && self.word(m - 1) && !self.tok(m - 1).quoted {
            let l = self.lower(m - 1);
            if breaks_noun_phrase(l) || is_preposition(l) || self.lexicon.verb(l).is_some() {
                break;
            }
            m -= 1;
        }
        m
    }

    /// Where a phrase starts, with an honorific the name chunk left out ("Mr. Abboud").
    fn phrase_start(&self, p: &Phrase) -> usize {
        let a = p.tokens.start;
        if a >= 2
            && self.tokens.is_punct(a, '.')
            && lexicon::honorific(self.tokens.raw_lower(a - 1)).is_some()
        {
            return a - 1;
        }
        if a >= 2
            && self.tokens.is_punct(a - 1, '.')
            && lexicon::honorific(self.tokens.raw_lower(a - 2)).is_some()
        {
            return a - 2;
        }
        a
    }

    /// "According to X, ...", "..., according to X." and "The plan, according to X, is ...".
    fn according_to(&self, cue: &Cue, s: &Range<usize>) -> Option<Candidate> {
        let ct = CueToken {
            weak: false,
            tokens: cue.tokens.clone(),
            lemma: cue.lemma.clone(),
            according_to: true,
        };
        let after = cue.tokens.end;
        // The source runs to the next comma: "according to a poll by the Institute of Politics,".
        let comma = (after..s.end.min(after + 25))
            .find(|&k| self.tokens.is_punct(k, ',') || self.tokens.is_punct(k, '\u{2014}'));
        // A description filling the stretch to the comma is the whole source ("the Russian top
        // diplomat"), even where a name starts it.
        let whole = comma
            .filter(|&c| c > after)
            .and_then(|c| phrase_ending_at(self.tokens, self.sieve.names, self.sieve.chunks, c - 1))
            .filter(|p| p.tokens.start == after);
        let p = whole
            .or_else(|| self.subject_right(&ct))
            .or_else(|| self.np_right(after, s))?;
        let first = cue.tokens.start;
        let vague = is_vague_phrase(&p);
        let make = |content: Range<usize>| {
            self.has_prose(&content)
                .then(|| Candidate::of_cue(cue, content, Some(p.clone()), Rule::AccordingTo, vague))
        };
        let before_comma = first > s.start
            && (self.tokens.is_punct(first - 1, ',')
                || self.tokens.is_punct(first - 1, '\u{2014}'));
        if first > s.start && !before_comma && comma.is_none() {
            // "Marsh leads by 40 votes according to a count." / "That's according to a count.":
            // the source ends the sentence, so the content is what came before the cue.
            let end = if matches!(self.lower(first - 1), "'s" | "\u{2019}s" | "is" | "was") {
                first - 1
            } else {
                first
            };
            return make(s.start..end);
        }
        if first == s.start || !before_comma {
            // Leading: the content follows the source and its comma.
            let start = comma.map_or(p.tokens.end, |c| c + 1);
            return make(start..self.clause_end(start, s));
        }
        // "..., according to X." or "The plan, according to X, is dead.": a short stretch
        // before the cue is the subject of a sentence that goes on after the source.
        let words_before = (s.start..first).filter(|&k| self.word(k)).count();
        match comma {
            Some(c) if words_before < 5 => make(s.start..self.clause_end(c + 1, s)),
            _ => make(s.start..first - 1),
        }
    }

    /// The noun phrase after "according to" when it is not a speaker phrase ("the poll").
    fn np_right(&self, start: usize, s: &Range<usize>) -> Option<Phrase> {
        phrase_starting_at(self.tokens, self.sieve.names, self.sieve.chunks, start).or_else(|| {
            // Any short noun phrase up to a comma: "according to data released Tuesday".
            let mut k = start;
            // A determiner opens the next phrase ("... told the engineer"): stop before it.
            while k < s.end
                && k - start < 8
                && self.word(k)
                && !self.tok(k).quoted
                && (k == start || !lexicon::is_determiner(self.lower(k)))
            {
                k += 1;
            }
            (k > start).then(|| {
                plain_phrase(
                    start..k,
                    MentionKind::Description,
                    Gender::Unknown,
                    true,
                    self.lower(k - 1),
                )
            })
        })
    }

    /// The sentence's subject, for participles: the phrase opening the sentence or its main
    /// clause after a leading adverbial.
    fn sentence_subject(&self, s: &Range<usize>, before: usize) -> Option<Phrase> {
        let mut k = s.start;
        while k < before && !self.word(k) {
            k += 1;
        }
        if let Some(p) = self.phrase_at(k).filter(|p| !self.fronted_time(p)) {
            return Some(p);
        }
        // After a fronted adverbial and its comma: "On Tuesday, Lavrov ...", "Hours later,
        // Lavrov ...". A phrase followed by another comma is still part of it ("In Salem, New
        // Hampshire, Lavrov ...").
        let mut first = None;
        for comma in (k..before).filter(|&m| self.tokens.is_punct(m, ',')) {
            let Some(p) = self.phrase_at(comma + 1) else {
                continue;
            };
            let continues = p.tokens.end < before && self.word(p.tokens.end);
            if continues {
                return Some(p);
            }
            first.get_or_insert(p);
        }
        first
    }

    /// The clause after a short aside set off by commas straight after the cue: "said,
    /// however, that ...", "says, win or lose, he is staying". `comma` is the first comma;
    /// the aside is a few plain words, and what follows the second comma must open a clause
    /// ("that" or a subject), so that "said, citing low growth, unemployment ..." is not one.
    fn after_parenthetical(&self, comma: usize, s: &Range<usize>) -> Option<usize> {
        let tokens = self.tokens;
        let mut m = comma + 1;
        while m < s.end && m - comma <= 6 && self.word(m) && !self.tok(m).quoted {
            if matches!(tokens.raw_lower(m), "that" | "and" | "but") {
                return None;
            }
            m += 1;
        }
        if m == comma + 1 || m + 1 >= s.end || !tokens.is_punct(m, ',') || !self.word(m + 1) {
            return None;
        }
        let k = m + 1;
        let lower = tokens.raw_lower(k);
        let subject = matches!(lower, "he" | "she" | "they" | "we" | "i" | "it" | "there")
            || self
                .phrase_at(k)
                .is_some_and(|p| p.tokens.end < s.end && self.word(p.tokens.end));
        (lower == "that" || subject).then_some(k)
    }

    /// Whether phrase `p` opens a time adverbial rather than the subject: "Hours later",
    /// "A few minutes later", "Two days ago".
    fn fronted_time(&self, p: &Phrase) -> bool {
        let e = p.tokens.end;
        e < self.tokens.len()
            && self.word(e)
            && matches!(self.tokens.raw_lower(e), "later" | "earlier" | "ago")
    }

    /// Where the reported clause after a cue starts, skipping objects and adverbials:
    /// `said (on Tuesday) that ...`, `told reporters ...`, `asked whether ...`, `urged them to`.
    fn complement(&self, cue: &Cue, s: &Range<usize>) -> Option<usize> {
        let tokens = self.tokens;
        let class = class_of(&cue.lemma);
        let mut k = cue.tokens.end;
        if class == Class::Act {
            // The object is the content; a preposition or a conjunction after the cue shows it
            // was a noun ("support for the plan", "support and money") or the object is
            // elsewhere.
            let t = self.tok(k.min(s.end.saturating_sub(1)));
            let object = k < s.end
                && (t.kind == Kind::Mark
                    || (t.kind == Kind::Word
                        && !is_preposition(tokens.raw_lower(k))
                        && !matches!(
                            tokens.raw_lower(k),
                            "for"
                                | "among"
                                | "against"
                                | "behind"
                                | "within"
                                | "and"
                                | "or"
                                | "but"
                        )));
            return object.then_some(k);
        }
        if class == Class::Tell {
            // "told a crowded hall in downtown Baltimore that ...": the object can be long.
            let mut m = k;
            while m < s.end && m - k < 16 && self.word(m) && !self.tok(m).quoted {
                if tokens.raw_lower(m) == "that" {
                    return Some(m);
                }
                m += 1;
            }
        }
        let mut object_done = class != Class::Tell;
        // Where the person told or urged starts: "urged the council to fund it" reports
        // what the council should do, so the infinitive's content keeps its subject.
        let mut object_start = None;
        let mut budget = 12;
        while k < s.end && budget > 0 {
            budget -= 1;
            let t = self.tok(k);
            if t.kind == Kind::Mark {
                return Some(k);
            }
            if t.kind == Kind::Punct {
                if tokens.is_punct(k, ':') {
                    return (k + 1 < s.end).then_some(k + 1);
                }
                if tokens.is_punct(k, ',') && k + 1 < s.end && tokens.raw_lower(k + 1) == "that" {
                    return Some(k + 1);
                }
                if tokens.is_punct(k, ',') {
                    return self.after_parenthetical(k, s);
                }
                return None;
            }
            let lower = tokens.raw_lower(k);
            if lower == "that" || is_wh(lower) && lower != "when" {
                return Some(k);
            }
            if lower == "to" {
                // an infinitive: "urged them to", "promised to", "agreed to pay"
                return (k + 1 < s.end && self.word(k + 1) && reports_infinitive(&cue.lemma))
                    .then_some(object_start.unwrap_or(k));
            }
            if !object_done {
                object_done = true;
                if let Some(end) = self.object_end(k, s) {
                    object_start = Some(k);
                    k = end;
                    continue;
                }
            }
            // "said there was no plan": "there" is the clause's subject, not a place.
            if lower == "there"
                && k + 1 < s.end
                && self.word(k + 1)
                && is_existential_verb(tokens.raw_lower(k + 1))
            {
                return Some(k);
            }
            if is_time_word(lower) || (lower.ends_with("ly") && lower.len() > 4) {
                k += 1;
                continue;
            }
            if let Some(end) = self.time_phrase(k, s) {
                k = end;
                continue;
            }
            // "said about half of ...", "said over 40 percent ...": a quantity, not a place.
            if matches!(lower, "about" | "over" | "under" | "nearly" | "around")
                && k + 1 < s.end
                && self.word(k + 1)
                && is_quantity(tokens.raw_lower(k + 1))
            {
                return Some(k);
            }
            // "say this is a mistake": not "this week", so the clause's subject.
            if lower == "this" {
                return self.starts_clause(k, s).then_some(k);
            }
            if is_preposition(lower) {
                // An adverbial phrase: skip to "that", a comma or the end, or to a subject
                // pronoun that opens the clause ("said in a statement they would ...").
                let mut m = k + 1;
                while m < s.end && m - k < 10 {
                    if tokens.raw_lower(m) == "that" && self.word(m) {
                        return Some(m);
                    }
                    if matches!(tokens.raw_lower(m), "he" | "she" | "they" | "we")
                        && m + 1 < s.end
                        && self.word(m + 1)
                    {
                        return Some(m);
                    }
                    if !self.word(m) {
                        break;
                    }
                    m += 1;
                }
                if m < s.end && (tokens.is_punct(m, ',') || tokens.is_punct(m, ':')) {
                    k = m;
                    continue;
                }
                return None;
            }
            // A bare clause: "Sanders says Clinton ran ...".
            return self.starts_clause(k, s).then_some(k);
        }
        None
    }

    /// A time adverbial starting at `k` ("on Friday", "this week", "earlier this year", "in
    /// 2008"): the token after it.
    fn time_phrase(&self, k: usize, s: &Range<usize>) -> Option<usize> {
        let mut m = k;
        while m < s.end && m - k < 4 && self.word(m) {
            let l = self.tokens.raw_lower(m);
            if lexicon::is_time_noun(l) {
                return Some(m + 1);
            }
            if !matches!(
                l,
                "on" | "in"
                    | "at"
                    | "this"
                    | "last"
                    | "next"
                    | "earlier"
                    | "later"
                    | "late"
                    | "early"
                    | "the"
                    | "a"
                    | "that"
                    | "same"
                    | "previous"
                    | "past"
            ) {
                return None;
            }
            m += 1;
        }
        None
    }

    /// Whether an opening quotation mark at `k` starts a quoted sentence: its first word is
    /// capitalised ("“We are broke.”", not the partial "“broke,” she said").
    fn opens_quoted_sentence(&self, k: usize, s: &Range<usize>) -> bool {
        k + 1 < s.end
            && self.tok(k).kind == Kind::Mark
            && !self.tok(k).quoted
            && self.word(k + 1)
            && self.tok(k + 1).quoted
            && self.tok(k + 1).capitalized
    }

    /// The start of a time adverbial that ends just before `k` and follows a word of the
    /// sentence: "(Brandt) on Monday", "(the council) last week", "(Brandt) yesterday". A bare
    /// noun counts only when it is a day ("the Class of 2016" keeps its year).
    fn time_phrase_ending_at(&self, k: usize, s: &Range<usize>) -> Option<usize> {
        (k.saturating_sub(4)..k)
            .filter(|&m| m > s.start && self.word(m - 1) && !self.tok(m - 1).quoted)
            .find(|&m| {
                self.time_phrase(m, s) == Some(k)
                    && (m + 1 < k || is_time_word(self.tokens.raw_lower(m)))
            })
    }

    /// Could token `k` open a bare complement clause? "so", "yes" and "no" stand for one when
    /// nothing follows them ("half said so").
    fn starts_clause(&self, k: usize, s: &Range<usize>) -> bool {
        let lower = self.tokens.raw_lower(k);
        if matches!(lower, "so" | "yes" | "no") {
            return k + 1 >= s.end || !self.word(k + 1);
        }
        !matches!(
            lower,
            "nothing"
                | "something"
                | "anything"
                | "goodbye"
                | "hello"
                | "thanks"
                | "sorry"
                | "and"
                | "or"
                | "but"
                | "as"
                | "than"
                | "for"
        )
    }

    /// The end of an object phrase after a verb like "told": a pronoun, a name, a short noun
    /// phrase ("reporters", "the committee").
    fn object_end(&self, k: usize, s: &Range<usize>) -> Option<usize> {
        let lower = self.tokens.raw_lower(k);
        if matches!(
            lower,
            "him" | "her" | "them" | "us" | "me" | "you" | "it" | "reporters" | "journalists"
        ) {
            return Some(k + 1);
        }
        if let Some(ci) = self.sieve.names.starting_at(k) {
            // A station or programme runs on through its number and capitalised words
            // ("Radio 5", "Channel 4 News"), and a place after it belongs to it ("Radio 5 in
            // Leeds"): none of that is the reported clause.
            let name_run = |mut m: usize| {
                while m < s.end
                    && self.word(m)
                    && !self.tok(m).quoted
                    && (self.tok(m).capitalized
                        || self
                            .tokens
                            .raw_lower(m)
                            .starts_with(|c: char| c.is_ascii_digit()))
                {
                    m += 1;
                }
                m
            };
            let mut m = name_run(self.sieve.chunks[ci].tokens.end);
            if m + 1 < s.end
                && matches!(self.tokens.raw_lower(m), "in" | "at" | "from")
                && self.word(m + 1)
                && self.tok(m + 1).capitalized
                && !self.tok(m + 1).quoted
            {
                m = name_run(m + 1);
            }
            return Some(m);
        }
        if lexicon::is_determiner(lower) || self.tokens.is_possessive(k) {
            let mut m = k + 1;
            while m < s.end && m - k < 6 && self.word(m) {
                let l = self.tokens.raw_lower(m);
                if l == "that" || l == "to" || is_wh(l) {
                    return Some(m);
                }
                m += 1;
            }
            return (m < s.end && !self.word(m)).then_some(m);
        }
        if lexicon::is_role_noun(lower) {
            return Some(k + 1);
        }
        None
    }

    /// The first token after adverbials following a cue ("said on Tuesday", "told reporters").
    fn adverbial_end(&self, from: usize, s: &Range<usize>) -> usize {
        let mut k = from;
        while k < s.end && self.word(k) && !self.tok(k).quoted {
            let l = self.tokens.raw_lower(k);
            if l == "that" || is_wh(l) {
                break;
            }
            k += 1;
        }
        k
    }

    /// A token that ends a sentence's prose: a full stop, question or exclamation mark.
    fn is_stop(&self, k: usize) -> bool {
        let t = self.tokens;
        t.is_punct(k, '.') || t.is_punct(k, '!') || t.is_punct(k, '?') || t.is_punct(k, '\u{2026}')
    }

    /// Where a clause starting at `start` ends (exclusive): before a semicolon, before a
    /// trailing attribution (", he said"), before a participle cue (", adding that"), or at
    /// the end of the sentence.
    fn clause_end(&self, start: usize, s: &Range<usize>) -> usize {
        let tokens = self.tokens;
        let fronted = self.in_fronted_clause(start, s);
        let narration = self.cue_tense_before(start, s);
        let mut k = start;
        while k < s.end {
            if tokens.is_punct(k, ';') && !self.tok(k).quoted {
                return k;
            }
            if tokens.is_punct(k, ',') && !self.tok(k).quoted && k > start {
                // "Although she said X, the board ...": the fronted clause ends at its comma.
                if fronted {
                    return k;
                }
                if self.narration_follows_comma(k + 1, s) {
                    return k;
                }
            }
            // A comma ending a partial quote ("... a 'fringe candidate,' she said") is the
            // clause's comma too; the content keeps the closing mark so the quote stays whole.
            if let Some(after) = self.clause_comma(k, s)
                && (self.attribution_follows(after, s)
                    || (after > k + 1 && self.narration_follows_comma(after, s)))
            {
                return if after > k + 1 { after } else { k };
            }
            if tokens.is_punct(k, ':')
                && !self.tok(k).quoted
                && k + 1 < s.end
                && self.tok(k + 1).kind == Kind::Mark
            {
                return k;
            }
            if k > start && self.second_predicate(k, s, narration) {
                return if tokens.is_punct(k - 1, ',') {
                    k - 1
                } else {
                    k
                };
            }
            k += 1;
        }
        s.end
    }

    /// The token after a comma at `k` that can end a clause: a comma of the narration, or one
    /// just inside a closing quotation mark (then the token after the mark).
    fn clause_comma(&self, k: usize, s: &Range<usize>) -> Option<usize> {
        if !self.tokens.is_punct(k, ',') {
            return None;
        }
        if !self.tok(k).quoted {
            return Some(k + 1);
        }
        (k + 1 < s.end && self.tok(k + 1).kind == Kind::Mark && !self.tok(k + 1).quoted)
            .then_some(k + 2)
    }

    /// Whether the clause starting at `start` sits in a sentence-opening subordinate clause
    /// ("While he said ..., the party ...") whose comma is still to come.
    fn in_fronted_clause(&self, start: usize, s: &Range<usize>) -> bool {
        let first = (s.start..start).find(|&k| self.word(k));
        let Some(first) = first else { return false };
        let opener = matches!(
            self.tokens.raw_lower(first),
            "while"
                | "although"
                | "though"
                | "whereas"
                | "if"
                | "because"
                | "since"
                | "after"
                | "before"
                | "when"
                | "as"
                | "once"
                | "unless"
        );
        opener && !(first..start).any(|k| self.tokens.is_punct(k, ','))
    }

    /// Whether the words after a comma at `k - 1` are the narrator's own rather than more of
    /// the reported clause: a comparison ("..., compared with ..."), a concession ("..., even
    /// though ...") or a comment in apposition to the whole clause ("..., a claim the mayor
    /// denies"). (Relatives and "but" clauses are as often the speaker's as the narrator's.)
    fn narration_follows_comma(&self, k: usize, s: &Range<usize>) -> bool {
        if k >= s.end || !self.word(k) || self.tok(k).quoted {
            return false;
        }
        let w = self.tokens.raw_lower(k);
        let next = if k + 1 < s.end && self.word(k + 1) {
            self.tokens.raw_lower(k + 1)
        } else {
            ""
        };
        (w == "compared" && matches!(next, "with" | "to"))
            || (w == "even" && matches!(next, "though" | "as" | "if"))
            || (matches!(w, "a" | "an") && is_comment_noun(next))
    }

    /// Whether a conjunction at `k` starts what the narration says next rather than more of
    /// the reported clause: "... and said that ...", "... but did not say when", "..., but he
    /// ...", "..., though she ...".
    /// A bare verb after "and" when the narration's cue is past or a participle belongs to
    /// the reported clause: "Marsh said he would sell the pier and buy a ferry" (not "... and
    /// added that ...").
    fn second_predicate(&self, k: usize, s: &Range<usize>, narration: Option<Tense>) -> bool {
        if !self.word(k) || self.tok(k).quoted || k + 1 >= s.end || !self.word(k + 1) {
            return false;
        }
        let conj = self.tokens.raw_lower(k);
        let next = self.tokens.raw_lower(k + 1);
        let comma = self.tokens.is_punct(k - 1, ',');
        if conj == "and"
            && !comma
            && matches!(
                narration,
                Some(Tense::Past | Tense::Participle | Tense::Present)
            )
            && tense_of(next) == Tense::Base
        {
            return false;
        }
        let verb = self.lexicon.verb(next).is_some()
            || act_verbs().contains_key(next)
            || matches!(
                next,
                "did" | "didn't" | "didn’t" | "has" | "also" | "then" | "later"
            );
        let pronoun = lexicon::subject_pronoun(next).is_some();
        match conj {
            "and" => verb || (comma && pronoun),
            "but" => verb || pronoun || (next.ends_with("ed") && next.len() > 4),
            "though" | "although" => comma && pronoun,
            _ => false,
        }
    }

    /// The tense of the cue that introduces a clause starting at `start`: the nearest cue
    /// before it, past its object ("told the county council that ...").
    fn cue_tense_before(&self, start: usize, s: &Range<usize>) -> Option<Tense> {
        (s.start..start)
            .rev()
            .take(16)
            .find_map(|m| self.cue_at(m, s))
            .map(|c| tense_of(self.tokens.raw_lower(c.tokens.start)))
    }

    /// Whether the words at `k`, after an attribution and its comma, describe how or when it
    /// was made: a participle or a preposition ("without looking up", "smiling", "as the crowd
    /// cheered", "before leaving").
    fn narrates_attribution(&self, k: usize, s: &Range<usize>) -> bool {
        if k >= s.end || !self.word(k) || self.tok(k).quoted {
            return false;
        }
        let w = self.tokens.raw_lower(k);
        (w.ends_with("ing") && w.len() > 4)
            || matches!(w, "without" | "as" | "then")
            || is_preposition(w)
    }

    /// Whether an attribution starts at `k`: "he said", "said Lavrov", "according to",
    /// "adding", "Lavrov told reporters".
    fn attribution_follows(&self, k: usize, s: &Range<usize>) -> bool {
        if k >= s.end {
            return false;
        }
        if let Some(c) = self.cue_at(k, s) {
            return c.according_to || self.tokens.raw_lower(k).ends_with("ing") || {
                let ct = CueToken {
                    weak: false,
                    tokens: c.tokens.clone(),
                    lemma: c.lemma.clone(),
                    according_to: false,
                };
                self.subject_right(&ct).is_some()
            };
        }
        // A subject then a cue within a few words.
        for m in k + 1..(k + 8).min(s.end) {
            if !self.word(m) || self.tok(m).quoted {
                if self.tokens.is_punct(m, ',') {
                    continue;
                }
                return false;
            }
            if let Some(c) = self.cue_at(m, s) {
                let ct = CueToken {
                    weak: false,
                    tokens: c.tokens.clone(),
                    lemma: c.lemma.clone(),
                    according_to: false,
                };
                return subject_left(self.tokens, self.sieve.names, self.sieve.chunks, &ct)
                    .is_some_and(|p| p.tokens.start == k);
            }
        }
        false
    }

    /// Whether a content range holds words outside direct quotations (beyond a bare "that").
    fn has_prose(&self, r: &Range<usize>) -> bool {
        r.clone().any(|k| {
            let t = self.tok(k);
            t.kind == Kind::Word && !t.quoted && self.tokens.raw_lower(k) != "that"
        })
    }

    /// Whether `r`, part of a candidate's content, holds narration of its own: words outside
    /// direct quotations other than the candidate's cue and source and a bare "that". (`"...,"
    /// she said, "..."` reports nothing the direct quotes do not.)
    fn reports_prose(&self, c: &Candidate, r: &Range<usize>) -> bool {
        // The attribution: source, cue and the adverbials after them ("she said on Monday").
        let (mut from, mut to) = (c.cue.start, c.cue.end);
        // A fronted gerund's source comes after the content ("After saying X, Marsh left"):
        // the attribution does not span it.
        if let Some(p) = c
            .source
            .as_ref()
            .filter(|p| c.cue.end > c.content.start || p.tokens.start < c.content.end)
        {
            from = from.min(p.tokens.start);
            to = to.max(p.tokens.end);
        }
        // Content opened by a relative pronoun ("which he said the county should pay for")
        // goes on after the attribution: no adverbials to skip there.
        let relative = c.content.start + 1 == from
            && matches!(
                self.tokens.raw_lower(c.content.start),
                "which" | "what" | "that"
            );
        while c.content.start < from
            && !relative
            && to < self.tokens.len()
            && self.word(to)
            && !self.tok(to).quoted
        {
            to += 1;
        }
        // ... and the words before the source between quotes ("the engineer Ruth Okafor").
        let source_first = c
            .source
            .as_ref()
            .is_some_and(|p| p.tokens.start < c.cue.start);
        while source_first
            && c.content.start < from
            && self.word(from - 1)
            && !self.tok(from - 1).quoted
        {
            from -= 1;
        }
        r.clone().any(|k| {
            let t = self.tok(k);
            t.kind == Kind::Word
                && !t.quoted
                && !(from..to).contains(&k)
                && self.tokens.raw_lower(k) != "that"
        })
    }

    /// Build the relation: trim punctuation, decide indirect or mixed.
    fn finish(&self, c: &Candidate) -> Option<Reported> {
        let tokens = self.tokens;
        let mut a = c.content.start;
        let mut b = c.content.end;
        let trim = |k: usize| {
            let t = &tokens.list[k];
            t.kind == Kind::Punct
                && matches!(
                    tokens.text(k).chars().next(),
                    Some(',' | '.' | ';' | ':' | '!' | '?' | '\u{2014}' | '\u{2013}' | '-' | '\'')
                )
        };
        while a < b && trim(a) {
            a += 1;
        }
        while b > a && trim(b - 1) {
            b -= 1;
        }
        // A closing mark at the end belongs to a quote opened inside the content.
        if b > a {
            let opens = (a..b)
                .filter(|&k| tokens.list[k].kind == Kind::Mark)
                .count();
            if opens % 2 == 1 && tokens.list[b - 1].kind == Kind::Mark && b - 1 > a {
                // an unbalanced trailing mark closes a quote opened before the content
                if !(a..b - 1).any(|k| tokens.list[k].kind == Kind::Mark) {
                    b -= 1;
                }
            }
        }
        // A direct quotation crossing an end of the content (a sentence ends inside it) is
        // all in the content or out of it: the content stops before it or starts after it.
        while b > a {
            let content = Span::new(tokens.list[a].span().start, tokens.list[b - 1].span().end);
            let crossing = self.first_direct_crossing(content);
            let Some(q) = crossing else { break };
            if q.span.start > content.start {
                while b > a && tokens.list[b - 1].span().end > q.span.start {
                    b -= 1;
                }
            } else {
                while a < b && tokens.list[a].span().start < q.span.end {
                    a += 1;
                }
            }
            while a < b && trim(a) {
                a += 1;
            }
            while b > a && trim(b - 1) {
                b -= 1;
            }
        }
        if b <= a || !self.reports_prose(c, &(a..b)) {
            return None;
        }
        let content = Span::new(tokens.list[a].span().start, tokens.list[b - 1].span().end);
        // Quotes are in opening order: those opening before the content ends overlap it when
        // one of them reaches past its start.
        let opening_before = self.direct.partition_point(|&(s, _)| s < content.end);
        let quoted = opening_before > 0 && self.direct[opening_before - 1].1 > content.start;
        let kind = if quoted {
            QuoteKind::Mixed
        } else {
            QuoteKind::Indirect
        };
        let cue = Span::new(
            tokens.list[c.cue.start].span().start,
            tokens.list[c.cue.end - 1].span().end,
        );
        Some(Reported {
            content,
            cue,
            lemma: c.lemma.clone(),
            source: c.source.clone(),
            kind,
            rule: c.rule,
            confidence: confidence(c),
            vague: c.vague,
            speech: c.speech,
            thought: is_stance(&c.lemma) || is_hedge(&c.lemma),
        })
    }
}

fn confidence(c: &Candidate) -> f32 {
    let rule: f32 = match c.rule {
        Rule::AccordingTo => 0.85,
        Rule::ReportedClause => 0.8,
        _ => 0.75,
    };
    let source: f32 = match c.source.as_ref().map(|p| p.kind) {
        Some(MentionKind::Name) => 1.0,
        Some(_) => 0.9,
        None => 0.6,
    };
    let verb: f32 = if is_stance(&c.lemma) { 0.85 } else { 1.0 };
    let vague: f32 = if c.vague { 0.8 } else { 1.0 };
    rule * source * verb * vague
}

impl Reported {
    /// The relation as a quote of the analysis (span and content are the reported clause);
    /// `tokens` are the ones the relation was found in.
    pub fn quote(
        &self,
        tokens: &Tokens,
        mention: Option<MentionId>,
        speaker: Option<EntityId>,
        paragraph: usize,
    ) -> Quote {
        Quote {
            span: self.content,
            content: self.content,
            open: None,
            close: None,
            kind: self.kind,
            depth: 0,
            parent: None,
            utterance: 0,
            paragraph,
            speaker,
            mention,
            source: self
                .source
                .as_ref()
                .map(|p| tokens.span_of(p.tokens.clone())),
            cue: Some(self.cue),
            rule: if speaker.is_some() || self.vague {
                self.rule
            } else {
                Rule::None
            },
            confidence: if speaker.is_some() {
                self.confidence
            } else {
                0.0
            },
        }
    }
}

/// Insert reported quotes among the direct ones in text order, renumbering the quote ids that
/// direct quotes hold (parent, utterance). A reported clause comes before a direct quote that
/// starts at the same place, since it holds it.
pub fn merge(quotes: &mut Vec<Quote>, reported: Vec<Quote>) {
    if reported.is_empty() {
        return;
    }
    // The quotes are put in order where they lie, by a permutation of their indices: a long
    // text has tens of thousands of quotes of some 200 bytes, and a sorted copy of them all
    // would hold them twice.
    let n_direct = quotes.len();
    quotes.extend(reported);
    let is_direct = |k: usize| k < n_direct;
    // Direct quotes are already in text order (a nested quote starts after its parent); the
    // index breaks ties among the reported ones.
    let mut order: Vec<usize> = (0..quotes.len()).collect();
    order.sort_unstable_by_key(|&k| (quotes[k].span.start, is_direct(k), k));
    let mut new_id = vec![0usize; n_direct];
    for (pos, &k) in order.iter().enumerate() {
        if is_direct(k) {
            new_id[k] = pos;
        }
    }
    // Each cycle of the permutation in turn: position `pos` takes the quote at `order[pos]`.
    let mut placed = vec![false; quotes.len()];
    for first in 0..quotes.len() {
        let mut pos = first;
        while !placed[pos] {
            placed[pos] = true;
            let from = order[pos];
            if from == first {
                break;
            }
            quotes.swap(pos, from);
            pos = from;
        }
    }
    for (pos, q) in quotes.iter_mut().enumerate() {
        if is_direct(order[pos]) {
            q.parent = q.parent.map(|p| new_id[p]);
            q.utterance = new_id[q.utterance];
        } else {
            q.utterance = pos;
        }
    }
}

/// The attribution relations among `quotes` (in text order), each as the ids of its parts. A
/// direct quotation broken in its paragraph by its own attribution (`"...," she said, "..."`,
/// `"...," she said. "..."`) or by nothing but space is one relation: consecutive top-level
/// speech quotes with one speaker whose gap holds the cue of one of them and is no longer than
/// the two quoted stretches. A speech quote inside another quotation is no relation of its
/// own: its words are part of what the outer speaker says. Every other quote is a relation of
/// its own.
pub fn relations(text: &str, quotes: &[Quote]) -> Vec<Vec<QuoteId>> {
    let mut out: Vec<Vec<QuoteId>> = Vec::new();
    // The relation holding the latest top-level quote, while it can still take a part.
    let mut open: Option<usize> = None;
    // The end of reported speech cued inside the open quote's attribution: a quote within it
    // is part of that clause ("...," she said, adding that it would take "hours").
    let mut aside_end = 0;
    for (i, q) in quotes.iter().enumerate() {
        if q.depth > 0 {
            if q.kind != QuoteKind::Speech {
                out.push(vec![i]);
            }
            continue;
        }

        let last = open.map(|r| &quotes[*out[r].last().unwrap_or(&i)]);
        let joins = last.is_some_and(|p| q.span.start >= aside_end && continues_quote(text, p, q));
        match (joins, open) {
            (true, Some(r)) => out[r].push(i),
            // Reported speech inside the attribution that breaks a quote ("...," she said,
            // recalling the race. "...") is a relation of its own that leaves the quote open.
            (false, Some(_)) if last.is_some_and(|p| extends_attribution(text, p, q)) => {
                aside_end = q.span.end;
                out.push(vec![i]);
            }
            _ => {
                out.push(vec![i]);
                open = q.is_marked_speech().then_some(out.len() - 1);
            }
        }
    }
    out
}

/// Where the relation whose first part is `q` starts. A direct quote opened right after its
/// cue by a complementizer, an article or an infinitive marker (`said that "...`, `called
/// the "...`, `vowed to "...`) reports a clause that starts at that word.
pub fn relation_start(text: &str, q: &Quote) -> usize {
    let start = q.span.start;
    let Some(cue) = q.cue else { return start };
    if !q.is_marked_speech() || cue.end > start || start - cue.end > 8 {
        return start;
    }
    let between = &text[cue.end..start];
    let word = between.trim();
    let opens = matches!(
        word.to_ascii_lowercase().as_str(),
        "that" | "the" | "a" | "an" | "to"
    );
    if opens && between.starts_with(char::is_whitespace) && between.ends_with(char::is_whitespace) {
        cue.end + (between.len() - between.trim_start().len())
    } else {
        start
    }
}

/// Whether reported speech `q` is cued right after the attribution of quote `p`, past at most
/// a comma ("...," she said, recalling the race).
fn extends_attribution(text: &str, p: &Quote, q: &Quote) -> bool {
    let (Some(pc), Some(qc)) = (p.cue, q.cue) else {
        return false;
    };
    !q.is_marked_speech()
        && p.span.end <= pc.start
        && pc.end <= qc.start
        && matches!(Span::new(pc.end, qc.start).text(text).trim(), "" | ",")
}

/// Whether speech quote `q` continues the relation whose last part is `p`.
fn continues_quote(text: &str, p: &Quote, q: &Quote) -> bool {
    if !p.is_marked_speech() || !q.is_marked_speech() || p.span.end > q.span.start {
        return false;
    }
    if p.paragraph != q.paragraph || (q.speaker.is_some() && q.speaker != p.speaker) {
        return false;
    }
    let gap = Span::new(p.span.end, q.span.start);
    let between = gap.text(text);
    if between.contains('\n') {
        return false;
    }
    // An interruption longer than the words it separates is narration in its own right
    // ("...," she said of the election, in which ..., "..."): the quotes stay two relations.
    let chars = |s: Span| s.text(text).chars().count();
    if chars(gap) > chars(p.span) + chars(q.span) {
        return false;
    }
    // A quote with a cue of its own after it ("...," she said.) starts a relation of its own.
    if q.cue
        .is_some_and(|c| c.start >= q.span.end && Some(c) != p.cue)
    {
        return false;
    }
    between.trim().is_empty()
        || q.utterance == p.utterance
        || [p.cue, q.cue].iter().flatten().any(|c| gap.covers(*c))
}

/// An info finding for each reported claim without an identifiable source.
pub fn vague_source_findings(quotes: &[Quote], reported: &[Reported], out: &mut Vec<Finding>) {
    for r in reported.iter().filter(|r| r.vague) {
        let quote = quotes_starting_at(quotes, r.content.start)
            .find(|&i| !quotes[i].kind.is_direct() && quotes[i].span == r.content);
        let message = match &r.source {
            None => "This claim is reported without saying who made it.".to_string(),
            Some(_) => "This claim is attributed to an unnamed, vague source.".to_string(),
        };
        out.push(Finding {
            code: FindingCode::VagueSource,
            severity: Severity::Info,
            span: r.cue,
            message,
            related: vec![Related {
                span: r.content,
                message: "the reported claim".to_string(),
            }],
            fixes: Vec::new(),
            quote,
            entity: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{Analysis, FindingCode, Options, QuoteKind, Rule, Severity, analyze};

    /// (content, speaker, rule, kind) of every reported quote.
    fn reported(text: &str) -> Vec<(String, Option<String>, Rule, QuoteKind)> {
        let a = analyze(text, &Options::default());
        reported_of(text, &a)
    }

    fn reported_of(text: &str, a: &Analysis) -> Vec<(String, Option<String>, Rule, QuoteKind)> {
        a.quotes
            .iter()
            .enumerate()
            .filter(|(_, q)| !q.kind.is_direct())
            .map(|(i, q)| {
                (
                    q.span.text(text).to_string(),
                    a.speaker_of(i).map(|e| e.name.clone()),
                    q.rule,
                    q.kind,
                )
            })
            .collect()
    }

    fn one(text: &str) -> (String, Option<String>, Rule, QuoteKind) {
        let r = reported(text);
        assert_eq!(
            r.len(),
            1,
            "expected one reported quote in {text:?}, got {r:?}"
        );
        r.into_iter().next().unwrap()
    }

    /// The text of each relation's parts.
    fn relation_texts(text: &str) -> Vec<Vec<String>> {
        let a = analyze(text, &Options::default());
        super::relations(text, &a.quotes)
            .into_iter()
            .map(|r| {
                r.iter()
                    .map(|&i| a.quotes[i].span.text(text).to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_two_apostrophe_quote_broken_by_its_cue_is_one_relation() {
        let t = "''The ferry is late,'' Ruth Okafor said, ''and nobody tells us why.''";
        assert_eq!(
            relation_texts(t),
            vec![vec![
                "''The ferry is late,''".to_string(),
                "''and nobody tells us why.''".to_string()
            ]]
        );
    }

    #[test]
    fn a_quote_with_its_own_cue_after_it_starts_a_new_relation() {
        // The second quote is not the rest of the first: it has its own "she said".
        let t = "\"The ferry is late\" about half the time, said Ruth Okafor, a commuter. \"And nobody tells us why,\" she said.";
        let relations = relation_texts(t);
        assert!(
            relations.contains(&vec!["\"And nobody tells us why,\"".to_string()]),
            "{relations:?}"
        );
        assert!(relations.iter().all(|r| r.len() == 1), "{relations:?}");
    }

    #[test]
    fn a_hedged_claim_is_its_whole_clause_without_a_source() {
        for (t, content) in [
            (
                "The old harbour pier seems to be rotting.",
                "The old harbour pier seems to be rotting",
            ),
            (
                "Councillor Ann Marsh is widely expected to run again in May.",
                "Councillor Ann Marsh is widely expected to run again in May",
            ),
            (
                "Ferry fares went up. It appears the vote failed.",
                "the vote failed",
            ),
            (
                "Tomas Brenner, who seemed to be confused, left the meeting early.",
                "who seemed to be confused",
            ),
            // A complement of its own instead of an infinitive.
            (
                "The harbour board appeared paralysed by the flooding.",
                "The harbour board appeared paralysed by the flooding",
            ),
            (
                "After the storm, the old pier seems safer than before.",
                "the old pier seems safer than before",
            ),
        ] {
            let (got, speaker, _, kind) = one(t);
            assert_eq!(
                (got.as_str(), speaker, kind),
                (content, None, QuoteKind::Indirect),
                "{t}"
            );
        }
        // A verb of saying after the hedge reports for itself; "seems like" is no hedge of a clause.
        assert_eq!(
            one("The memo seems to show that the pier is safe.").0,
            "that the pier is safe"
        );
        assert!(reported("It seemed like a long night at the harbour.").is_empty());
        // Appearing somewhere or at some time is no hedge.
        assert!(reported("Councillor Ann Marsh appeared on Radio Leeds.").is_empty());
        assert!(
            reported("Councillor Ann Marsh appeared Monday with the harbour board.").is_empty()
        );
        // Expecting something is not hedging it.
        assert!(
            reported("Marsh expected to win.")
                .iter()
                .all(|r| r.0 != "Marsh expected to win")
        );
    }

    #[test]
    fn in_fiction_thoughts_and_hedges_are_narration_but_reported_speech_is_not() {
        let t = "Mara knew the boat would not come, and the harbour seemed to be sinking. \
                 She told the boy that the ferry was late.\n\n\"Go to sleep, Pim,\" Mara said.";
        let fiction = Options {
            style: crate::analysis::Style::Fiction,
            ..Options::default()
        };
        let got: Vec<String> = reported_of(t, &analyze(t, &fiction))
            .into_iter()
            .map(|r| r.0)
            .collect();
        assert_eq!(got, vec!["that the ferry was late"]);
        // News reports beliefs and hedged claims.
        let news = Options {
            style: crate::analysis::Style::News,
            ..Options::default()
        };
        let got: Vec<String> = reported_of(t, &analyze(t, &news))
            .into_iter()
            .map(|r| r.0)
            .collect();
        assert_eq!(
            got,
            vec![
                "the boat would not come",
                "the harbour seemed to be sinking",
                "that the ferry was late"
            ]
        );
    }

    #[test]
    fn an_approximate_share_is_a_source() {
        let (content, speaker, _, _) = one("About 9 percent said they had no preference.");
        assert_eq!(content, "they had no preference");
        assert_eq!(speaker.as_deref(), Some("About 9 percent"));
    }

    #[test]
    fn a_station_told_and_its_place_are_not_the_claim() {
        let (content, speaker, _, _) =
            one("Councillor Ann Marsh told Radio 5 in Leeds the pier would close.");
        assert_eq!(content, "the pier would close");
        assert_eq!(speaker.as_deref(), Some("Ann Marsh"));
        assert_eq!(
            one("Ann Marsh told Channel 4 News the plan was dead.").0,
            "the plan was dead"
        );
        // Telling a station something with no clause reports nothing.
        assert!(reported("Tomas Brenner told Radio 5 in Leeds on Monday.").is_empty());
    }

    #[test]
    fn a_quote_broken_by_its_attribution_is_one_relation() {
        let t =
            "\"The bridge is safe,\" the engineer Ruth Okafor said, \"and it will open in May.\"";
        assert_eq!(
            relation_texts(t),
            vec![vec![
                "\"The bridge is safe,\"".to_string(),
                "\"and it will open in May.\"".to_string()
            ]]
        );
        // A new sentence after the attribution continues the same relation.
        let t = "\"We are ready,\" Ruth Okafor said. \"The cables were tested twice.\"";
        assert_eq!(relation_texts(t)[0].len(), 2, "{:?}", relation_texts(t));
    }

    #[test]
    fn an_interruption_longer_than_the_quoted_words_keeps_two_relations() {
        let t = "\"Too slow,\" Ruth Okafor said of the ferry timetable that the council adopted \
                 in March after two years of hearings, \"and too dear.\"";
        let r = relation_texts(t);
        assert!(r.iter().all(|parts| parts.len() == 1), "{r:?}");
        // The same quote broken by a short attribution is one relation.
        let t = "\"Too slow,\" Ruth Okafor said, \"and too dear.\"";
        assert_eq!(
            relation_texts(t),
            vec![vec![
                "\"Too slow,\"".to_string(),
                "\"and too dear.\"".to_string()
            ]]
        );
    }

    #[test]
    fn reported_speech_in_the_attribution_leaves_the_broken_quote_one_relation() {
        let t = "\"The pier is too old,\" Okafor said, recalling the storm. \
                 \"We need a new one.\"";
        let r = relation_texts(t);
        assert!(
            r.contains(&vec![
                "\"The pier is too old,\"".to_string(),
                "\"We need a new one.\"".to_string()
            ]),
            "{r:?}"
        );
        assert!(
            r.iter()
                .any(|parts| parts == &vec!["the storm".to_string()]),
            "{r:?}"
        );
        // A quote inside that reported clause belongs to it, not to the broken quote.
        let t = "\"The pier is safe for walkers and for the boats that tie up there,\" Okafor \
                 said, adding that repairs would take \"a month\".";
        let r = relation_texts(t);
        assert!(r.iter().all(|parts| parts.len() == 1), "{r:?}");
    }

    #[test]
    fn a_headline_names_its_source_before_a_colon() {
        let t = "Ruth Okafor: Harbour Bridge Will Open in May\n\nThe council met on Monday.";
        let (content, speaker, ..) = one(t);
        assert_eq!(content, "Harbour Bridge Will Open in May");
        assert_eq!(speaker.as_deref(), Some("Ruth Okafor"));
        assert_eq!(
            one("Poll: Most Voters Back the Harbour Bridge\n\nThe vote is in May.").0,
            "Most Voters Back the Harbour Bridge"
        );
        // Labels and section names are no sources.
        assert!(reported("UPDATE: The bridge opened on Monday morning.").is_empty());
        assert!(reported("Q: Will the bridge open in May?").is_empty());
        assert!(reported("The Latest: Bridge opens to traffic on Monday").is_empty());
    }

    #[test]
    fn a_quote_inside_a_quote_is_part_of_the_outer_relation() {
        let t = "\"The inspector told us 'keep the gates shut' all week,\" Ruth Okafor said.";
        let r = relation_texts(t);
        assert_eq!(r.len(), 1, "{r:?}");
        assert!(r[0][0].starts_with("\"The inspector"), "{r:?}");
    }

    #[test]
    fn quotes_in_other_paragraphs_or_after_narration_are_relations_of_their_own() {
        let t = "\"The bridge is safe,\" Ruth Okafor said.\n\n\"It opens in May,\" she added.";
        assert_eq!(relation_texts(t).len(), 2, "{:?}", relation_texts(t));
        let t = "\"The bridge is safe,\" Ruth Okafor said. Then the mayor Tom Reyes arrived \
                 with the contractors. \"It opens in May,\" Tom Reyes said.";
        assert_eq!(relation_texts(t).len(), 2, "{:?}", relation_texts(t));
    }

    #[test]
    fn that_clause_after_the_cue() {
        let (content, speaker, rule, kind) =
            one("Mayor Elena Marsh noted that the ferry plans had been checked twice.");
        assert_eq!(content, "that the ferry plans had been checked twice");
        assert_eq!(speaker.as_deref(), Some("Elena Marsh"));
        assert_eq!((rule, kind), (Rule::ReportedClause, QuoteKind::Indirect));
    }

    #[test]
    fn bare_clause_after_the_cue_and_its_adverbials() {
        assert_eq!(
            one("Marsh said on Tuesday the council would meet again next month.").0,
            "the council would meet again next month"
        );
        assert_eq!(
            one("The budget office said about half of the money was gone.").0,
            "about half of the money was gone"
        );
        // "there" before a verb is the clause's subject, not a place after the cue.
        assert_eq!(
            one("Marsh said there was no money left for the pier.").0,
            "there was no money left for the pier"
        );
        assert_eq!(
            one("Marsh said there the council had no say.").0,
            "the council had no say"
        );
    }

    #[test]
    fn a_relative_pronoun_before_the_source_opens_the_content() {
        let r = reported("Brandt wants a new sea wall, which he said the county should pay for.");
        let contents: Vec<_> = r.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(
            contents,
            ["a new sea wall", "which he said the county should pay for"]
        );
        let (content, speaker, ..) =
            one("The ferry plan is what Ann Marlow believes will save the harbour.");
        assert_eq!(content, "what Ann Marlow believes will save the harbour");
        assert_eq!(speaker.as_deref(), Some("Ann Marlow"));
    }

    #[test]
    fn a_person_told_then_the_clause() {
        let (content, speaker, ..) =
            one("Tomas Brenner told a crowded hall in the old town that the study was flawed.");
        assert_eq!(content, "that the study was flawed");
        assert_eq!(speaker.as_deref(), Some("Tomas Brenner"));
        // What the person is urged to do has that person as its subject.
        assert_eq!(
            one("Tomas Brenner urged the council to delay the vote.").0,
            "the council to delay the vote"
        );
        assert_eq!(
            one("Ada Marsh called on the ferry board to cut its fares.").0,
            "the ferry board to cut its fares"
        ); // What one agreed to do is reported like a promise.
        assert_eq!(
            one("The ferry company agreed to pay a fine of two million pounds.").0,
            "to pay a fine of two million pounds"
        );
    }

    #[test]
    fn trailing_attribution_reports_the_sentence_before_it() {
        let (content, speaker, rule, _) =
            one("The terminal would cost far more than planned, Tomas Brenner said.");
        assert_eq!(content, "The terminal would cost far more than planned");
        assert_eq!(speaker.as_deref(), Some("Tomas Brenner"));
        assert_eq!(rule, Rule::ReportedTrailing);
        assert_eq!(
            one("The vote was put off again, said Councillor Tomas Brenner.").0,
            "The vote was put off again"
        );
        assert_eq!(
            one("The plans had changed twice, as Tomas Brenner himself said at the meeting.").0,
            "The plans had changed twice"
        );
    }

    #[test]
    fn attribution_inside_the_sentence() {
        // The subject before the attribution is part of what was said ...
        assert_eq!(
            one("The terminal, Tomas Brenner said, would never pay for itself.").0,
            "The terminal, Tomas Brenner said, would never pay for itself"
        );
        // ... and so is an adverbial opener: the attribution is inserted in the claim.
        assert_eq!(
            one("In any case, Tomas Brenner said, the vote would go ahead.").0,
            "In any case, Tomas Brenner said, the vote would go ahead"
        );
    }

    #[test]
    fn a_quoted_sentence_after_an_inserted_attribution_is_only_a_direct_quote() {
        let text = "On the ferry budget, Tomas Brenner said, \u{201c}We cannot pay for it.\u{201d}";
        assert!(reported(text).is_empty(), "{:?}", reported(text));
        assert_eq!(
            relation_texts(text),
            [["\u{201c}We cannot pay for it.\u{201d}"]]
        );
        // A partial quote continuing the sentence stays part of the claim.
        let (content, ..) =
            one("The terminal, Tomas Brenner said, \u{201c}would never pay\u{201d} for itself.");
        assert_eq!(
            content,
            "The terminal, Tomas Brenner said, \u{201c}would never pay\u{201d} for itself"
        );
    }

    #[test]
    fn a_sentence_opening_with_asked_reports_the_question() {
        let r = reported("Asked whether the pier would close, Tomas Brenner shrugged.");
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].0, "whether the pier would close");
        assert_eq!(r[0].1, None);
        let (content, speaker, ..) =
            one("Asked by Ann Marlow about the harbour budget, Tomas Brenner shrugged.");
        assert_eq!(content, "the harbour budget");
        assert_eq!(speaker.as_deref(), Some("Ann Marlow"));
        // Not a question: "Asked to leave" reports nothing.
        assert!(reported("Asked twice, Tomas Brenner shrugged.").is_empty());
    }

    #[test]
    fn whom_a_direct_quote_was_told_is_no_reported_clause() {
        let t = "\"We are shocked,\" Ruth Okafor told French radio station Kanal Nord.";
        assert!(reported(t).is_empty(), "{:?}", reported(t));
        let t = "\"We will wait,\" Ruth Okafor told a town hall meeting with young sailors.";
        assert!(reported(t).is_empty(), "{:?}", reported(t));
    }

    #[test]
    fn a_question_put_inside_the_sentence_or_after_where_it_was_asked() {
        let (content, speaker, ..) =
            one("The harbour master laughed when asked whether the pier would close.");
        assert_eq!(content, "whether the pier would close");
        assert_eq!(speaker, None);
        let (content, ..) = one("Asked on the radio who runs the port, Tomas Brenner shrugged.");
        assert_eq!(content, "who runs the port");
    }

    #[test]
    fn adverbs_between_the_subject_and_the_cue_are_skipped() {
        let (content, speaker, ..) = one("Ferry users have long called for a new pier.");
        assert_eq!(content, "a new pier");
        assert_eq!(speaker.as_deref(), Some("Ferry users"));
        let (_, speaker, ..) = one("The harbour pilots both said the pier was unsafe.");
        assert_eq!(speaker.as_deref(), Some("The harbour pilots"));
    }

    #[test]
    fn a_time_adverbial_between_the_subject_and_the_cue_is_no_part_of_the_source() {
        let text = "Mayor Ann Brandt on Monday praised the new ferry timetable. The harbour board \
                    last week said the pier would close. Brandt yesterday told reporters the \
                    budget was sound.";
        let a = analyze(text, &Options::default());
        let sources: Vec<_> = a
            .quotes
            .iter()
            .filter(|q| !q.kind.is_direct())
            .map(|q| q.source.map(|s| s.text(text)))
            .collect();
        assert_eq!(
            sources,
            [
                Some("Mayor Ann Brandt"),
                Some("The harbour board"),
                Some("Brandt")
            ]
        );
        let names: Vec<_> = a.entities.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Ann Brandt", "The harbour board"]);
    }

    #[test]
    fn a_dash_opening_the_text_before_a_cue_is_no_source() {
        assert!(reported("\u{2014} said").is_empty());
    }

    #[test]
    fn according_to_ending_the_sentence_without_a_comma_reports_what_came_before() {
        let (content, speaker, rule, _) =
            one("Marsh leads Reyes by 40 votes according to a count by the harbour office.");
        assert_eq!(content, "Marsh leads Reyes by 40 votes");
        assert_eq!(rule, Rule::AccordingTo);
        assert!(
            speaker.as_deref().is_none_or(|s| s.contains("count")),
            "{speaker:?}"
        );
    }

    #[test]
    fn according_to_before_after_and_inside() {
        let (content, speaker, rule, _) =
            one("According to Ruth Okafor, the terminal would handle 400,000 passengers a year.");
        assert_eq!(
            content,
            "the terminal would handle 400,000 passengers a year"
        );
        assert_eq!(speaker.as_deref(), Some("Ruth Okafor"));
        assert_eq!(rule, Rule::AccordingTo);
        assert_eq!(
            one("The terminal would handle 400,000 passengers a year, according to Ruth Okafor.").0,
            "The terminal would handle 400,000 passengers a year"
        );
        assert_eq!(
            one("The terminal, according to Ruth Okafor, would open in 2027.").0,
            "The terminal, according to Ruth Okafor, would open in 2027"
        );
    }

    #[test]
    fn present_hope_and_progressive_seek_and_show_are_cues() {
        assert_eq!(
            one("Harbour pilots hope that the dredging will finish by May.").0,
            "that the dredging will finish by May"
        );
        assert_eq!(
            one("The ferry council is seeking to close the north pier.").0,
            "to close the north pier"
        );
        assert_eq!(
            one("Early counts are showing that the levy passed easily.").0,
            "that the levy passed easily"
        );
    }

    #[test]
    fn what_someone_offers_is_reported_by_its_object() {
        let (content, speaker, _, _) =
            one("Marsh offered a detailed defence of the levy on Tuesday.");
        assert_eq!(content, "a detailed defence of the levy");
        assert_eq!(speaker.as_deref(), Some("Marsh"));
    }

    #[test]
    fn a_poll_cited_by_in_is_the_source_of_its_finding() {
        let (content, _, rule, _) =
            one("In a harbour survey released Friday, 60 percent of ferry riders backed the levy.");
        assert_eq!(content, "60 percent of ferry riders backed the levy");
        assert_eq!(rule, Rule::AccordingTo);
        assert_eq!(
            one("In April, the levy led by 12 points in the latest council poll.").0,
            "the levy led by 12 points"
        );
        // Generic and comparative mentions of polls cite nothing.
        assert!(reported("The levy rose in the polls all spring.").is_empty());
        assert!(reported("The levy did better than in earlier surveys.").is_empty());
    }

    #[test]
    fn a_partial_quote_makes_it_mixed_and_the_quote_stays_direct() {
        let text = "Marsh said the council would decide with \"a clear majority\" by spring.";
        let a = analyze(text, &Options::default());
        let r = reported_of(text, &a);
        assert_eq!(r.len(), 1);
        assert_eq!(
            r[0].0,
            "the council would decide with \"a clear majority\" by spring"
        );
        assert_eq!(r[0].3, QuoteKind::Mixed);
        assert!(
            a.quotes
                .iter()
                .any(|q| q.kind.is_direct() && q.content.text(text) == "a clear majority")
        );
    }

    #[test]
    fn a_whole_direct_quote_is_left_to_the_direct_sieve() {
        assert!(reported("Marsh said that \"we will decide in the spring.\"").is_empty());
        assert!(reported("\"We will decide in the spring,\" Marsh said.").is_empty());
    }

    #[test]
    fn a_construal_verb_reports_its_object_only_before_as() {
        let (content, source, ..) =
            one("Many growers see the new levy as a threat to their orchards.");
        assert_eq!(content, "the new levy as a threat to their orchards");
        assert_eq!(source.as_deref(), Some("Many growers"));
        assert!(reported("She saw the play with her cousin on Sunday.").is_empty());
        assert!(reported("The valley has towns such as Brill and Ashby.").is_empty());
    }

    #[test]
    fn clause_ends_before_a_semicolon_a_trailing_cue_or_a_participle() {
        assert_eq!(
            one("Marsh said the vote was delayed; the council met again in May.").0,
            "the vote was delayed"
        );
        let r = reported(
            "Brenner said the study was flawed, adding that the traffic figures were old.",
        );
        let contents: Vec<&str> = r.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            contents,
            vec!["the study was flawed", "that the traffic figures were old"]
        );
        assert!(r.iter().all(|x| x.1.as_deref() == Some("Brenner")));
        // A comma inside the closing mark of a partial quote ends the clause as well.
        let r = reported(
            "Brenner said the study was \"badly flawed,\" adding that the traffic figures were old.",
        );
        assert_eq!(r[0].0, "the study was \"badly flawed,\"", "{r:?}");
        assert_eq!(r[0].3, QuoteKind::Mixed);
    }

    #[test]
    fn clause_ends_before_a_comparison_a_concession_or_a_comment_on_it() {
        assert_eq!(
            one("Marsh said the ferry carried 900 people in May, compared with 600 in April.").0,
            "the ferry carried 900 people in May"
        );
        assert_eq!(
            one("Marsh said the pier was safe, even though the divers had not finished.").0,
            "the pier was safe"
        );
        assert_eq!(
            one("Marsh said the pier was safe, a claim the harbour union disputes.").0,
            "the pier was safe"
        );
        // An apposition to a noun inside the clause stays in it.
        assert_eq!(
            one("Marsh said the money went to Tom Reyes, a contractor from Leeds.").0,
            "the money went to Tom Reyes, a contractor from Leeds"
        );
    }

    #[test]
    fn a_clause_reported_inside_a_fronted_subordinate_clause_ends_at_its_comma() {
        let r =
            reported("Although Marsh said the pier was safe, the council closed it for a week.");
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].0, "the pier was safe");
        assert_eq!(r[0].1.as_deref(), Some("Marsh"));
    }

    #[test]
    fn the_issuer_of_a_statement_saying_something_is_its_source() {
        let a = analyze(
            "Mayor Elena Marsh issued a statement saying the pier would reopen in May.",
            &Options::default(),
        );
        let r = reported_of(
            "Mayor Elena Marsh issued a statement saying the pier would reopen in May.",
            &a,
        );
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].0, "the pier would reopen in May");
        assert_eq!(r[0].1.as_deref(), Some("Elena Marsh"));
        let q = a.quotes.iter().find(|q| !q.kind.is_direct()).unwrap();
        let mention = &a.mentions[q.mention.unwrap()];
        assert!(
            !mention
                .span
                .text("Mayor Elena Marsh issued a statement saying")
                .contains("statement"),
            "the source is the issuer, not the statement"
        );
    }

    #[test]
    fn the_subject_of_a_passive_cue_is_not_its_source() {
        // The one asked is not the speaker; nobody is.
        let (content, speaker, ..) = one("He was asked whether the bridge should close.");
        assert_eq!(content, "whether the bridge should close");
        assert_eq!(speaker, None);
        // What one was asked about is the question, up to a comma or a time adverbial.
        let (content, speaker, ..) =
            one("Lena Vik was asked about the silted channel during a radio interview.");
        assert_eq!(content, "the silted channel");
        assert_eq!(speaker, None);
        assert_eq!(
            one("Tomas Brenner, who was asked about the ferry fares, left early.").0,
            "the ferry fares"
        );
        let (content, speaker, ..) = one("It is widely believed that the bridge will close.");
        assert_eq!(content, "that the bridge will close");
        assert_eq!(speaker, None);
    }

    /// Each reported relation's content and source phrase.
    fn with_source(text: &str) -> Vec<(String, Option<String>)> {
        let a = analyze(text, &Options::default());
        a.quotes
            .iter()
            .filter(|q| !q.kind.is_direct())
            .map(|q| {
                let source = q.source.map(|s| s.text(text).to_string());
                (q.span.text(text).to_string(), source)
            })
            .collect()
    }

    fn pair(content: &str, source: Option<&str>) -> (String, Option<String>) {
        (content.to_string(), source.map(str::to_string))
    }

    #[test]
    fn a_possessive_after_a_verb_defers_to_the_verb_subject() {
        assert_eq!(
            with_source("Tomas Brenner renewed his call for a new pier."),
            vec![pair("a new pier", Some("Tomas Brenner"))]
        );
        // After a preposition the possessive owns the claim.
        assert_eq!(
            with_source("Tomas Brenner was firm in his criticism of the pier."),
            vec![pair("the pier", Some("his"))]
        );
    }

    #[test]
    fn a_bare_verb_after_and_continues_the_reported_clause() {
        let (content, speaker, ..) =
            one("Ann Marsh said she would call the mayor and tell him to resign.");
        assert_eq!(content, "she would call the mayor and tell him to resign");
        assert_eq!(speaker.as_deref(), Some("Ann Marsh"));
        // A verb in the cue's tense is the narration's next predicate.
        let r = reported("Ann Marsh said the pier was unsafe and added that it would close.");
        assert_eq!(r[0].0, "the pier was unsafe");
    }

    #[test]
    fn more_verbs_of_stance_and_of_acts_report() {
        assert_eq!(
            with_source("Ann Marsh learned that the pier would close."),
            vec![pair("that the pier would close", Some("Ann Marsh"))]
        );
        assert_eq!(
            with_source("The mayor likened the harbour levy to a toll."),
            vec![pair("the harbour levy to a toll", Some("The mayor"))]
        );
        assert_eq!(
            with_source("Tomas Brenner sided with the ferry crews."),
            vec![pair("the ferry crews", Some("Tomas Brenner"))]
        );
        assert_eq!(
            with_source("The harbour union pushed for a new pier."),
            vec![pair("a new pier", Some("The harbour union"))]
        );
    }

    #[test]
    fn a_short_aside_after_the_cue_keeps_the_clause() {
        assert_eq!(
            with_source("The harbour master said, however, that the pier would stay shut."),
            vec![pair(
                "that the pier would stay shut",
                Some("The harbour master")
            )]
        );
        assert_eq!(
            with_source("Tomas Brenner says, rain or shine, he will sail on Monday."),
            vec![pair("he will sail on Monday", Some("Tomas Brenner"))]
        );
    }

    #[test]
    fn an_act_verb_takes_a_particle_of_several_words() {
        assert_eq!(
            with_source("The harbour union lashed out at the new levy."),
            vec![pair("the new levy", Some("The harbour union"))]
        );
        assert_eq!(
            with_source("Tomas Brenner distanced himself from the ferry plan."),
            vec![pair("the ferry plan", Some("Tomas Brenner"))]
        );
        assert_eq!(
            with_source("The port authority calculates that the pier will cost more."),
            vec![pair(
                "that the pier will cost more",
                Some("The port authority")
            )]
        );
    }

    #[test]
    fn an_adjective_of_stance_after_a_copula_reports() {
        assert_eq!(
            with_source("The ferry crews are confident that the pier will reopen."),
            vec![pair("that the pier will reopen", Some("The ferry crews"))]
        );
        assert_eq!(
            with_source("Tomas Brenner has been sharply critical of the harbour levy."),
            vec![pair("the harbour levy", Some("Tomas Brenner"))]
        );
        // Not without the copula: "a confident that" is no stance.
        assert!(with_source("A critical report of the levy came out.").is_empty());
    }

    #[test]
    fn a_passive_cue_reports_its_subject_or_the_question_after_it() {
        assert_eq!(
            with_source("The harbour levy was criticised by the mayor on Monday."),
            vec![pair("The harbour levy", Some("the mayor"))]
        );
        assert_eq!(
            with_source("The closure of the pier has been widely reported."),
            vec![pair("The closure of the pier", None)]
        );
        assert_eq!(
            with_source("The ferry crews were also asked to vote on the new timetable."),
            vec![pair("to vote on the new timetable", None)]
        );
        // The one asked or told is not what was said.
        assert!(with_source("The ferry captain was asked on Monday.").is_empty());
    }

    #[test]
    fn a_passive_cue_reports_what_its_subject_was_judged_for_or_named_as() {
        assert_eq!(
            with_source("The ferry plan was criticised as a waste of money, even by its backers."),
            vec![pair(
                "The ferry plan was criticised as a waste of money",
                None
            )]
        );
        assert_eq!(
            with_source("Ruth Okafor was announced the winner of the harbour vote."),
            vec![pair(
                "Ruth Okafor was announced the winner of the harbour vote",
                None
            )]
        );
        assert_eq!(
            with_source("She was criticised by the mayor for closing the pier."),
            vec![pair(
                "She was criticised by the mayor for closing the pier",
                Some("the mayor")
            )]
        );
    }

    #[test]
    fn the_base_form_of_a_speech_act_verb_reports_its_object() {
        assert_eq!(
            with_source("The harbour pilots would blame the council for the delay."),
            vec![pair(
                "the council for the delay",
                Some("The harbour pilots")
            )]
        );
        assert_eq!(
            with_source("The harbour pilots defend the new ferry timetable."),
            vec![pair("the new ferry timetable", Some("The harbour pilots"))]
        );
        // After a determiner it is the noun.
        assert!(with_source("The blame for the delay fell on the council.").is_empty());
    }

    #[test]
    fn a_quantifier_standing_alone_is_the_group_that_spoke() {
        assert_eq!(
            with_source("Some said the pier would close."),
            vec![pair("the pier would close", Some("Some"))]
        );
        assert_eq!(
            with_source("Both argued that the levy was unfair."),
            vec![pair("that the levy was unfair", Some("Both"))]
        );
        // "here" between the subject and the cue is skipped.
        assert_eq!(
            with_source("Campaign workers here said they had knocked on every door."),
            vec![pair(
                "they had knocked on every door",
                Some("Campaign workers")
            )]
        );
    }

    #[test]
    fn a_clause_opens_on_this_on_a_pronoun_after_an_adverbial_or_after_a_share() {
        assert_eq!(
            with_source("Critics say this is a mistake."),
            vec![pair("this is a mistake", Some("Critics"))]
        );
        assert_eq!(
            with_source("The board said in a statement on Friday they would sell the pier."),
            vec![pair("they would sell the pier", Some("The board"))]
        );
        assert_eq!(
            with_source("On the levy, 42% say they are opposed."),
            vec![pair("they are opposed", Some("42%"))]
        );
    }

    #[test]
    fn a_counted_group_after_an_inverted_cue_is_its_source() {
        assert_eq!(
            with_source("The pier is safe, said several fishermen."),
            vec![pair("The pier is safe", Some("several fishermen"))]
        );
        assert_eq!(
            with_source("The mill is hanging on, said two former workers."),
            vec![pair("The mill is hanging on", Some("two former workers"))]
        );
    }

    #[test]
    fn more_speech_acts_report_their_object() {
        for (text, content) in [
            ("Marsh assailed the harbour levy.", "the harbour levy"),
            ("Marsh referenced an old report.", "an old report"),
            ("Marsh voiced support for the levy.", "support for the levy"),
            (
                "The mayor ordered a review of the contract.",
                "a review of the contract",
            ),
            ("The council deemed the levy unfair.", "the levy unfair"),
            ("Marsh will discuss the levy.", "the levy"),
            ("The board lambasted the harbour plan.", "the harbour plan"),
            ("The party nominated Marsh for mayor.", "Marsh for mayor"),
        ] {
            assert_eq!(
                with_source(text).first().map(|r| r.0.as_str()),
                Some(content),
                "{text}"
            );
        }
    }

    #[test]
    fn a_participle_takes_the_sentence_subject() {
        let (content, speaker, ..) =
            one("Tomas Brenner left the meeting early, saying the plan would ruin the harbour.");
        assert_eq!(content, "the plan would ruin the harbour");
        assert_eq!(speaker.as_deref(), Some("Tomas Brenner"));
    }

    #[test]
    fn a_gerund_after_a_preposition_takes_the_clause_subject() {
        let (content, speaker, ..) =
            one("Tomas Brenner angered the council by saying the pier was unsafe.");
        assert_eq!(content, "the pier was unsafe");
        assert_eq!(speaker.as_deref(), Some("Tomas Brenner"));
        // Fronted, the subject comes after the phrase's comma.
        let (content, speaker, ..) =
            one("After saying the pier was unsafe, Tomas Brenner left the room.");
        assert_eq!(content, "the pier was unsafe");
        assert_eq!(speaker.as_deref(), Some("Tomas Brenner"));
    }

    #[test]
    fn a_cue_in_the_infinitive_takes_the_subject_of_the_verb_before_it() {
        let (content, speaker, ..) =
            one("Tomas Brenner continues to insist that the pier is safe.");
        assert_eq!(content, "that the pier is safe");
        assert_eq!(speaker.as_deref(), Some("Tomas Brenner"));
        // After an adjective and its copula, which do not make the cue passive.
        let (content, speaker, ..) =
            one("Ann Marlow was quick to point out that the ferry was late.");
        assert_eq!(content, "that the ferry was late");
        assert_eq!(speaker.as_deref(), Some("Ann Marlow"));
        let (content, speaker, ..) = one("Fishermen are more likely to say the levy is unfair.");
        assert_eq!(content, "the levy is unfair");
        assert_eq!(speaker.as_deref(), Some("Fishermen"));
    }

    #[test]
    fn the_base_form_of_a_noun_like_verb_reports_after_a_subject() {
        let (content, speaker, ..) = one("Harbour pilots note that the channel is silting up.");
        assert_eq!(content, "that the channel is silting up");
        assert_eq!(speaker.as_deref(), Some("Harbour pilots"));
        let (content, speaker, ..) = one("Tomas Brenner did note that the pier was old.");
        assert_eq!(content, "that the pier was old");
        assert_eq!(speaker.as_deref(), Some("Tomas Brenner"));
        // After a determiner it is the noun.
        assert!(reported("She left a note that the gate was open.").is_empty());
    }

    #[test]
    fn a_participle_after_a_quote_and_its_attribution_takes_that_speaker() {
        let (content, speaker, ..) =
            one("\"The levy is a scandal,\" Ann Marlow added, noting that the fund was empty.");
        assert_eq!(content, "that the fund was empty");
        assert_eq!(speaker.as_deref(), Some("Ann Marlow"));
        // Inverted; and past a short tail after the verb.
        let (content, speaker, ..) =
            one("\"The pier is safe,\" added Tomas Brenner, referring to the repairs.");
        assert_eq!(content, "the repairs");
        assert_eq!(speaker.as_deref(), Some("Tomas Brenner"));
        let (content, speaker, ..) =
            one("\"The pier is safe,\" Tomas Brenner said in Salem, referring to the repairs.");
        assert_eq!(content, "the repairs");
        assert_eq!(speaker.as_deref(), Some("Tomas Brenner"));
    }

    #[test]
    fn a_speech_noun_after_its_owner_and_one_modifier_reports() {
        let (content, speaker, ..) =
            one("The council heard Tomas Brenner's sharp criticism of the ferry fares.");
        assert_eq!(content, "the ferry fares");
        assert_eq!(speaker.as_deref(), Some("Tomas Brenner"));
        let (content, speaker, ..) = one(
            "Despite Tomas Brenner's bold promise that the pier would open, the gates \
                 stayed shut.",
        );
        assert_eq!(content, "that the pier would open");
        assert_eq!(speaker.as_deref(), Some("Tomas Brenner"));
    }

    #[test]
    fn a_participle_after_a_quotation_closed_by_a_comma_continues_the_subject() {
        let r = reported(
            "Ann Marlow insisted that she had \"saved the harbour,\" claiming that the fund \
             was full.",
        );
        let contents: Vec<&str> = r.iter().map(|(c, ..)| c.as_str()).collect();
        assert_eq!(
            contents,
            [
                "that she had \"saved the harbour,\"",
                "that the fund was full"
            ]
        );
        assert!(
            r.iter()
                .all(|(_, s, ..)| s.as_deref() == Some("Ann Marlow"))
        );
    }

    #[test]
    fn a_was_inside_an_apposition_does_not_make_the_cue_passive() {
        let (content, speaker, ..) = one(
            "Ann Marlow, who was first elected to the harbour committee in 2014, said the pier \
             would close.",
        );
        assert_eq!(content, "the pier would close");
        assert_eq!(speaker.as_deref(), Some("Ann Marlow"));
        // The auxiliary right before the cue still does.
        let (content, speaker, ..) = one("It was widely reported that the pier would close.");
        assert_eq!(content, "that the pier would close");
        assert_eq!(speaker, None);
    }

    #[test]
    fn a_speech_verb_after_an_apposition_the_subject_reader_misses_still_reports() {
        let text = "Rep. Ann Marlow (Ohio), a delegate backing the harbour plan, said the pier \
                    would close.";
        let (content, speaker, ..) = one(text);
        assert_eq!(content, "the pier would close");
        assert_eq!(speaker.as_deref(), Some("Ann Marlow"));
    }

    #[test]
    fn a_participle_skips_a_fronted_adverbial_to_reach_the_subject() {
        let (_, speaker, ..) = one(
            "Tomas Brenner spoke first. Hours later, Ann Marlow left the hall, saying the \
             ferry plan was dead.",
        );
        assert_eq!(speaker.as_deref(), Some("Ann Marlow"));
        let (_, speaker, ..) = one(
            "Tomas Brenner spoke first. At the town hall in Dunmore, Ohio, Ann Marlow went after \
             him, saying the ferry plan was dead.",
        );
        assert_eq!(speaker.as_deref(), Some("Ann Marlow"));
    }

    #[test]
    fn a_cue_inside_reported_content_belongs_to_it() {
        let (content, speaker, ..) = one("Marsh said Brenner believes the study is flawed.");
        assert_eq!(content, "Brenner believes the study is flawed");
        assert_eq!(speaker.as_deref(), Some("Marsh"));
    }

    #[test]
    fn thoughts_and_findings_are_reported_too() {
        assert_eq!(
            one("The mayor believes the terminal will pay for itself.").0,
            "the terminal will pay for itself"
        );
        assert_eq!(
            one("A survey of residents found that most of them wanted the ferry.").0,
            "that most of them wanted the ferry"
        );
        assert_eq!(
            one("Many dock workers fear the pier will collapse.").0,
            "the pier will collapse"
        );
    }

    #[test]
    fn a_call_or_a_question_needs_no_owner() {
        let (content, speaker, ..) =
            one("Tomas Brenner has raised questions about the harbour budget.");
        assert_eq!(
            (content.as_str(), speaker.as_deref()),
            ("the harbour budget", Some("Tomas Brenner"))
        );
        let (content, speaker, ..) = one("There were renewed calls for a new ferry.");
        assert_eq!((content.as_str(), speaker), ("a new ferry", None));
        // Support without an owner is as often a count as a stance.
        assert!(reported("There was renewed support for the ferry.").is_empty());
    }

    #[test]
    fn making_a_claim_clear_or_making_the_case_reports_it() {
        for (text, content) in [
            (
                "Tomas Brenner made it clear that the ferry would not run.",
                "that the ferry would not run",
            ),
            (
                "Tomas Brenner has made clear he will seek a recount.",
                "he will seek a recount",
            ),
            (
                "The dock workers made the case that the pier is unsafe.",
                "that the pier is unsafe",
            ),
        ] {
            assert_eq!(one(text).0, content, "{text}");
        }
        assert!(reported("The dock workers made the pier safe again.").is_empty());
    }

    #[test]
    fn speech_acts_report_their_object() {
        let (content, speaker, ..) =
            one("Councillor Tomas Brenner criticised the terminal plan last week.");
        assert_eq!(content, "the terminal plan");
        assert_eq!(speaker.as_deref(), Some("Tomas Brenner"));
        assert_eq!(
            one("Ruth Okafor called for a new traffic study.").0,
            "a new traffic study"
        );
        // Backing and preference in the plain present, as polls report them.
        assert_eq!(
            one("Most of the ferry workers support a longer season.").0,
            "a longer season"
        );
        assert_eq!(
            one("About a third of the voters prefer the coastal route.").0,
            "the coastal route"
        );
        // A preposition after the word shows a noun: "support for", "support among".
        assert!(reported("The plan has broad support among the ferry workers.").is_empty());
    }

    #[test]
    fn speech_acts_with_their_particle_report_the_object() {
        let (content, speaker, ..) =
            one("Harbour master Lena Vik spoke about the silted channel on Monday.");
        assert_eq!(content, "the silted channel");
        assert_eq!(speaker.as_deref(), Some("Lena Vik"));
        assert_eq!(
            one("Tomas Brenner railed against the parking levy.").0,
            "the parking levy"
        );
        // Without its particle the verb reports nothing of its own.
        assert!(reported("Lena Vik spoke for an hour.").is_empty());
        // The participle after "has", and "of" as the particle.
        assert_eq!(
            one("Lena Vik has spoken about the silted channel.").0,
            "the silted channel"
        );
        assert_eq!(
            one("Tomas Brenner talked of a second ferry pier.").0,
            "a second ferry pier"
        );
    }

    #[test]
    fn reading_a_thing_or_putting_it_down_reports_nothing() {
        assert!(
            reported("Her brother sat at the table, reading the paper. He put it down.").is_empty()
        );
        let (content, speaker, _, _) = one("As the mayor put it, the harbour is closed.");
        assert_eq!(content, "the harbour is closed");
        assert_eq!(speaker.as_deref(), Some("the mayor"));
        assert_eq!(
            one("The notice read: the harbour is closed until May.").0,
            "the harbour is closed until May"
        );
    }

    #[test]
    fn feeling_and_finding_things_is_not_reported_speech() {
        assert!(reported("She felt that the house was watching her.").is_empty());
        assert!(reported("He found that the key no longer fit the lock.").is_empty());
        assert!(reported("Martha felt the cold creep up her arms.").is_empty());
        // A named person finds things; only a that-clause is a finding.
        assert!(reported("Mara Quill found him a towel in the hall.").is_empty());
        assert_eq!(
            one("Mara Quill found that the accounts did not add up.").0,
            "that the accounts did not add up"
        );
        assert_eq!(
            one("Most farmers feel that the new tax is unfair.").0,
            "that the new tax is unfair"
        );
        assert_eq!(
            one("An audit found the ferry fund had been overspent.").0,
            "the ferry fund had been overspent"
        );
    }

    #[test]
    fn a_quote_with_narration_after_its_attribution_is_not_also_reported() {
        let t = "\"We close at nine,\" the barman said, without looking up.";
        assert!(reported(t).is_empty(), "{:?}", reported(t));
        let t = "\"We close at nine,\" the barman said, smiling at the clock.";
        assert!(reported(t).is_empty(), "{:?}", reported(t));
        // An attribution inside a sentence that goes on in prose still reports both sides.
        assert_eq!(
            one("The ferry, the barman said, would not run in the storm.").0,
            "The ferry, the barman said, would not run in the storm"
        );
    }

    #[test]
    fn a_quote_opened_by_that_or_an_article_after_its_cue_starts_the_relation_there() {
        let starts = |t: &str| -> Vec<String> {
            let a = analyze(t, &Options::default());
            super::relations(t, &a.quotes)
                .into_iter()
                .map(|r| {
                    let q = &a.quotes[r[0]];
                    t[super::relation_start(t, q)..q.span.end].to_string()
                })
                .collect()
        };
        assert_eq!(
            starts("The mayor said that \u{201c}the ferry will run all winter.\u{201d}"),
            vec!["that \u{201c}the ferry will run all winter.\u{201d}"]
        );
        assert_eq!(
            starts("Okafor vowed to \u{201c}fix every pier by May.\u{201d}"),
            vec!["to \u{201c}fix every pier by May.\u{201d}"]
        );
        // Narration between the cue and the quote is not part of it.
        assert_eq!(
            starts("The mayor said on Monday: \u{201c}The ferry will run.\u{201d}"),
            vec!["\u{201c}The ferry will run.\u{201d}"]
        );
    }

    #[test]
    fn a_stance_named_by_a_noun_and_its_preposition() {
        let (content, speaker, ..) =
            one("The vote followed Brenner's criticism of the ferry budget, which grew.");
        assert_eq!(content, "the ferry budget");
        assert_eq!(speaker.as_deref(), Some("Brenner"));
        // The preposition must be the noun's own: "criticism from" names no content.
        assert!(reported("The vote followed Brenner's criticism from the floor.").is_empty());
    }

    #[test]
    fn a_relation_opening_a_clause_after_a_comma_ends_the_outer_content() {
        let text = "Ruth Okafor urged the council to fund the pier, which she said was rotting.";
        let r = reported(text);
        let contents: Vec<&str> = r.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            contents,
            vec!["the council to fund the pier", "which she said was rotting"],
            "{r:?}"
        );
        assert!(
            r.iter().all(|x| x.1.as_deref() == Some("Ruth Okafor")),
            "{r:?}"
        );
        // Without the comma the second cue stays inside the first relation's content.
        let text = "Ruth Okafor said the engineers believe the pier is rotting.";
        assert_eq!(one(text).0, "the engineers believe the pier is rotting");
    }

    #[test]
    fn a_claim_named_by_a_noun_after_its_owner() {
        let (content, speaker, ..) =
            one("Despite Brenner's claim that the study was flawed, the vote went ahead.");
        assert_eq!(content, "that the study was flawed");
        assert_eq!(speaker.as_deref(), Some("Brenner"));
    }

    #[test]
    fn a_contracted_pronoun_is_a_source() {
        let text = "Mayor Elena Marsh spoke last. She’s urging the council to vote by June.";
        let (content, speaker, ..) = one(text);
        assert_eq!(content, "the council to vote by June");
        assert_eq!(speaker.as_deref(), Some("Elena Marsh"));
    }

    #[test]
    fn plural_nouns_that_look_like_cues_are_not() {
        assert!(reported("Voters in 16 states hold contests on Tuesday.").is_empty());
        assert!(reported("His remarks about the harbour were brief.").is_empty());
    }

    #[test]
    fn appositions_and_relative_clauses_between_subject_and_cue() {
        let (content, speaker, ..) = one(
            "Priya Nair, 34, a nurse from the harbour district, said she would take the ferry.",
        );
        assert_eq!(content, "she would take the ferry");
        assert_eq!(speaker.as_deref(), Some("Priya Nair"));
        // The subject may carry a short place modifier before its apposition.
        let (content, speaker, ..) = one(
            "Senator Paul Dunne of Harwich, the ranking member of the committee, said the \
             ferry vote would come on Monday.",
        );
        assert_eq!(content, "the ferry vote would come on Monday");
        assert_eq!(speaker.as_deref(), Some("Paul Dunne"));
    }

    #[test]
    fn a_pronoun_source_resolves_to_the_speaker() {
        let text = "Councillor Tomas Brenner rose first. He also said that he hoped to see the traffic study.";
        let (content, speaker, ..) = one(text);
        assert_eq!(content, "that he hoped to see the traffic study");
        assert_eq!(speaker.as_deref(), Some("Tomas Brenner"));
    }

    #[test]
    fn vague_sources_get_a_finding_when_it_is_turned_on() {
        let text =
            "It was reported that the vote would be delayed. Sources say the mayor will resign.";
        let quiet = analyze(text, &Options::default());
        assert_eq!(reported_of(text, &quiet).len(), 2);
        // No identifiable source: no speaker.
        assert!(reported_of(text, &quiet).iter().all(|r| r.1.is_none()));
        assert!(
            quiet
                .findings
                .iter()
                .all(|f| f.code != FindingCode::VagueSource)
        );
        let mut options = Options::default();
        options
            .severities
            .insert(FindingCode::VagueSource, Some(Severity::Info));
        let loud = analyze(text, &options);
        let vague: Vec<&str> = loud
            .findings
            .iter()
            .filter(|f| f.code == FindingCode::VagueSource)
            .map(|f| f.span.text(text))
            .collect();
        assert_eq!(vague, vec!["reported", "say"]);
        let f = loud
            .findings
            .iter()
            .find(|f| f.code == FindingCode::VagueSource)
            .unwrap();
        assert_eq!(
            f.quote.map(|q| loud.quotes[q].span.text(text)),
            Some("that the vote would be delayed")
        );
    }

    #[test]
    fn reported_quotes_join_the_direct_ones_in_text_order() {
        let text = "Marsh said the vote was delayed. \"We will decide,\" she said, \"in May.\"\n\n\
                    Brenner said the study was flawed.";
        let a = analyze(text, &Options::default());
        let starts: Vec<usize> = a.quotes.iter().map(|q| q.span.start).collect();
        let mut sorted = starts.clone();
        sorted.sort();
        assert_eq!(starts, sorted);
        // The interrupted direct quote still forms one utterance, renumbered.
        let direct: Vec<usize> = (0..a.quotes.len())
            .filter(|&i| a.quotes[i].kind.is_direct())
            .collect();
        assert_eq!(direct.len(), 2);
        assert_eq!(a.quotes[direct[1]].utterance, direct[0]);
        assert_eq!(a.quotes[direct[0]].utterance, direct[0]);
        // Entities point at the right quotes.
        for e in &a.entities {
            for &q in &e.quotes {
                assert_eq!(a.quotes[q].speaker, Some(e.id));
            }
        }
        let marsh = a.entities.iter().find(|e| e.name == "Marsh").unwrap();
        assert_eq!(marsh.quotes.len(), 3);
    }
}
