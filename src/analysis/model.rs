//! The analysis result: byte-ranged quotes, speaker mentions, speaker entities and findings.
//!
//! Every offset here is a byte offset into the analysed text (end exclusive). Converting to
//! characters, lines or UTF-16 columns is the job of [`crate::position`].

use serde::Serialize;

/// A half-open byte range `[start, end)` into the analysed text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
    /// True when `offset` is inside or at the end of the span (cursor positions).
    pub fn touches(&self, offset: usize) -> bool {
        self.start <= offset && offset <= self.end
    }
    pub fn covers(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

pub type QuoteId = usize;
pub type MentionId = usize;
pub type EntityId = usize;

/// The indices of the quotes whose span starts at `start`, in a list ordered by start (as
/// [`Analysis::quotes`] is).
pub fn quotes_starting_at(quotes: &[Quote], start: usize) -> std::ops::Range<usize> {
    let first = quotes.partition_point(|q| q.span.start < start);
    let end = first + quotes[first..].partition_point(|q| q.span.start == start);
    first..end
}

/// How a text tells its quotations: news copy introduces every speaker by full name and a
/// quote-only paragraph continues its source; fiction lets people talk in turns, named by a
/// first name, a pronoun or a description.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Style {
    /// Decide from the text: conversation (speakers taking turns, quotes saying "you" and
    /// asking questions) reads as fiction, anything else as news.
    #[default]
    Auto,
    News,
    Fiction,
}

impl Style {
    pub const ALL: [Style; 3] = [Style::Auto, Style::News, Style::Fiction];

    pub fn as_str(self) -> &'static str {
        match self {
            Style::Auto => "auto",
            Style::News => "news",
            Style::Fiction => "fiction",
        }
    }

    pub fn parse(s: &str) -> Option<Style> {
        Style::ALL
            .into_iter()
            .find(|st| st.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// What a quoted stretch of text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Somebody's words.
    Speech,
    /// The name of a work, show, slogan or campaign ("The View").
    Title,
    /// A scare quote or a word talked about ("so-called "reform"").
    Term,
    /// Reported speech without quotation marks ("Lavrov noted that ...").
    Indirect,
    /// Reported speech holding a partial direct quote.
    Mixed,
    /// Somebody's words as a headline displays them: attributed like speech, and checked
    /// against the story, which should quote them too.
    Headline,
}

impl QuoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Speech => "speech",
            QuoteKind::Title => "title",
            QuoteKind::Term => "term",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Mixed => "mixed",
            QuoteKind::Headline => "headline",
        }
    }
    /// Direct quotations are delimited by marks; reported speech is not.
    pub fn is_direct(self) -> bool {
        matches!(
            self,
            QuoteKind::Speech | QuoteKind::Title | QuoteKind::Term | QuoteKind::Headline
        )
    }
    /// Somebody's words in quotation marks, in the story or in its headline.
    pub fn is_speech(self) -> bool {
        matches!(self, QuoteKind::Speech | QuoteKind::Headline)
    }
}

/// One quotation mark in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Mark {
    pub span: Span,
    pub ch: char,
}

/// The sieve rule that attributed a quote. Ordered from most to least precise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// `"...," Lavrov said.` / `"...," said Lavrov.`
    TrailingCue,
    /// `Lavrov said: "..."` / `Lavrov said that "..."`
    LeadingCue,
    /// `According to Lavrov, "..."`
    AccordingTo,
    /// A colon after a sentence's subject: `Lavrov had a blunt message: "..."`.
    LeadingColon,
    /// `Lavrov: "..."` (interview and transcript style)
    SpeakerLabel,
    /// The second part of `"...," Lavrov said, "..."`.
    InterruptedQuote,
    /// A cue elsewhere in the quote's sentence (`Lavrov called the talks "useful."`).
    SentenceCue,
    /// A cue in the sentence just before or after the quote.
    AdjacentCue,
    /// A partial quote inside a sentence without a speech verb takes the sentence's subject:
    /// `Moore thanked him for "taking these steps."`
    SentenceSubject,
    /// A quote-only paragraph continuing the previous paragraph's speaker.
    ParagraphContinuation,
    /// Fiction: a quote without its own cue shares its paragraph's speaker (one paragraph, one
    /// speaker): `"Well," said Ann. She sat down. "Go on."`.
    SameParagraph,
    /// Fiction: a character's action in the quote's paragraph names the speaker
    /// (`Ann put down her cup. "No."`).
    ActionBeat,
    /// Fiction: someone addressed by name in the previous turn answers (`"Come here, Ann."` /
    /// `"Coming!"`).
    Addressee,
    /// Fiction: speakers alternating in a conversation without cues.
    TurnTaking,
    /// A reported-speech cue with its complement clause (`Lavrov noted that ...`).
    ReportedClause,
    /// Reported speech followed by its cue (`..., Lavrov said.` without marks).
    ReportedTrailing,
    /// The quote is nested inside another quote; its speaker is quoted by the outer one.
    Nested,
    /// No rule applied.
    None,
}

impl Rule {
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::TrailingCue => "trailing-cue",
            Rule::LeadingCue => "leading-cue",
            Rule::AccordingTo => "according-to",
            Rule::LeadingColon => "leading-colon",
            Rule::SpeakerLabel => "speaker-label",
            Rule::InterruptedQuote => "interrupted-quote",
            Rule::SentenceCue => "sentence-cue",
            Rule::AdjacentCue => "adjacent-cue",
            Rule::SentenceSubject => "sentence-subject",
            Rule::ParagraphContinuation => "paragraph-continuation",
            Rule::SameParagraph => "same-paragraph",
            Rule::ActionBeat => "action-beat",
            Rule::Addressee => "addressee",
            Rule::TurnTaking => "turn-taking",
            Rule::ReportedClause => "reported-clause",
            Rule::ReportedTrailing => "reported-trailing",
            Rule::Nested => "nested",
            Rule::None => "none",
        }
    }
}

/// A quotation: one stretch of text between an opening and a closing mark (or, for reported
/// speech, the reported clause). A quotation interrupted by an attribution or spread over
/// several paragraphs is several `Quote`s sharing one `utterance`.
#[derive(Clone, Debug, Serialize)]
pub struct Quote {
    /// From the opening mark to the closing mark, both included.
    pub span: Span,
    /// The quoted words, without the marks.
    pub content: Span,
    pub open: Option<Mark>,
    /// `None` when the quote is unclosed or continues in the next paragraph.
    pub close: Option<Mark>,
    pub kind: QuoteKind,
    /// 0 for a top-level quote, 1 for a quote inside a quote, ...
    pub depth: u8,
    pub parent: Option<QuoteId>,
    /// Quotes that are parts of one utterance share this id (the id of the first part).
    pub utterance: QuoteId,
    pub paragraph: usize,
    pub speaker: Option<EntityId>,
    pub mention: Option<MentionId>,
    /// The source phrase as written ("Lavrov", "he", "analysts"), also when it names no
    /// speaker entity (a pronoun without antecedent, a vague source).
    pub source: Option<Span>,
    /// The speech cue ("said", "according to", ":").
    pub cue: Option<Span>,
    pub rule: Rule,
    pub confidence: f32,
}

impl Quote {
    /// Somebody's words in quotation marks of the story: a speech quote, or a mixed relation
    /// read from marks whose reading is uncertain ('').
    pub fn is_marked_speech(&self) -> bool {
        self.kind == QuoteKind::Speech || (self.kind == QuoteKind::Mixed && self.open.is_some())
    }
    /// Forget who said it: a quote found not to be anyone's words (a headline, a heading).
    pub fn unattribute(&mut self) {
        self.speaker = None;
        self.mention = None;
        self.source = None;
        self.cue = None;
        self.rule = Rule::None;
        self.confidence = 0.0;
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A proper name, possibly with titles: "Russian Foreign Minister Sergey Lavrov".
    Name,
    /// he, she, they, I, we, it.
    Pronoun,
    /// "the Russian top diplomat", "a spokeswoman for the ministry".
    Description,
}

/// A reference to a person or organisation that can speak.
#[derive(Clone, Debug, Serialize)]
pub struct Mention {
    /// The whole mention, titles included.
    pub span: Span,
    /// For a `Name`, the proper-name part only ("Sergey Lavrov"); otherwise equal to `span`.
    pub name: Span,
    pub kind: MentionKind,
    /// Titles and roles attached to this mention ("Russian Foreign Minister").
    pub titles: Vec<String>,
    pub entity: Option<EntityId>,
    pub gender: Gender,
    pub is_org: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    #[default]
    Unknown,
    Male,
    Female,
    /// "they", "we": groups and organisations.
    Plural,
    /// "it": organisations.
    Neuter,
}

/// A person or organisation: all the mentions of it grouped together.
#[derive(Clone, Debug, Serialize)]
pub struct Entity {
    pub id: EntityId,
    /// The fullest proper name in the text ("Sergey Lavrov"), or the first description when the
    /// speaker is never named.
    pub name: String,
    pub titles: Vec<String>,
    pub is_org: bool,
    pub gender: Gender,
    /// In text order.
    pub mentions: Vec<MentionId>,
    /// Quotes attributed to this entity, in text order.
    pub quotes: Vec<QuoteId>,
    /// The mention that introduces the speaker best (its first full name), for go-to-definition.
    pub introduction: Option<MentionId>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }
}

/// The stable codes of findings. Their names are part of the public interface (configuration,
/// ignore comments, README anchors): never rename one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingCode {
    UnclosedQuote,
    UnmatchedClosingQuote,
    MismatchedQuoteMarks,
    UnattributedQuote,
    AmbiguousSpeaker,
    SpeakerNotIntroduced,
    InconsistentSpeakerName,
    MixedQuoteStyle,
    VagueSource,
    HeadlineQuoteNotInStory,
}

impl FindingCode {
    pub const ALL: [FindingCode; 10] = [
        FindingCode::UnclosedQuote,
        FindingCode::UnmatchedClosingQuote,
        FindingCode::MismatchedQuoteMarks,
        FindingCode::UnattributedQuote,
        FindingCode::AmbiguousSpeaker,
        FindingCode::SpeakerNotIntroduced,
        FindingCode::InconsistentSpeakerName,
        FindingCode::MixedQuoteStyle,
        FindingCode::VagueSource,
        FindingCode::HeadlineQuoteNotInStory,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FindingCode::UnclosedQuote => "unclosed-quote",
            FindingCode::UnmatchedClosingQuote => "unmatched-closing-quote",
            FindingCode::MismatchedQuoteMarks => "mismatched-quote-marks",
            FindingCode::UnattributedQuote => "unattributed-quote",
            FindingCode::AmbiguousSpeaker => "ambiguous-speaker",
            FindingCode::SpeakerNotIntroduced => "speaker-not-introduced",
            FindingCode::InconsistentSpeakerName => "inconsistent-speaker-name",
            FindingCode::MixedQuoteStyle => "mixed-quote-style",
            FindingCode::VagueSource => "vague-source",
            FindingCode::HeadlineQuoteNotInStory => "headline-quote-not-in-story",
        }
    }

    pub fn parse(s: &str) -> Option<FindingCode> {
        FindingCode::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The severity a finding has unless configuration says otherwise; `None` means off.
    pub fn default_severity(self) -> Option<Severity> {
        Some(match self {
            FindingCode::UnclosedQuote => Severity::Error,
            FindingCode::UnmatchedClosingQuote => Severity::Error,
            FindingCode::MismatchedQuoteMarks => Severity::Warning,
            FindingCode::UnattributedQuote => Severity::Warning,
            FindingCode::AmbiguousSpeaker => Severity::Info,
            FindingCode::SpeakerNotIntroduced => Severity::Warning,
            FindingCode::InconsistentSpeakerName => Severity::Warning,
            FindingCode::MixedQuoteStyle => Severity::Info,
            FindingCode::VagueSource => return None,
            FindingCode::HeadlineQuoteNotInStory => Severity::Warning,
        })
    }
}

/// A replacement of `span` by `new_text`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub new_text: String,
}

/// A fix the editor can offer for a finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
}

/// Another place that explains a finding (where an unclosed quote opened, the other spelling).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    pub code: FindingCode,
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    pub related: Vec<Related>,
    pub fixes: Vec<Fix>,
    /// The quote the finding is about, if any.
    pub quote: Option<QuoteId>,
    /// The entity the finding is about, if any.
    pub entity: Option<EntityId>,
}

/// A speech cue: a reporting verb ("said", "pointed out"), "according to", or a label colon.
#[derive(Clone, Debug, Serialize)]
pub struct Cue {
    pub span: Span,
    /// The verb's base form ("say" for "said"); "according to"; ":" for a label.
    pub lemma: String,
}

/// Everything quotelens knows about one text.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Analysis {
    /// The style the text was read in: `News` or `Fiction` (never `Auto`).
    pub style: Style,
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<Span>,
    /// In text order (by start). Nested quotes follow their parent.
    pub quotes: Vec<Quote>,
    /// In text order.
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
    pub cues: Vec<Cue>,
    /// In text order.
    pub findings: Vec<Finding>,
    /// True when the whole file is silenced by a `quotelens: ignore-file` comment.
    pub ignored: bool,
}

impl Analysis {
    /// The innermost quote whose span holds `offset`.
    pub fn quote_at(&self, offset: usize) -> Option<QuoteId> {
        self.quotes
            .iter()
            .enumerate()
            .filter(|(_, q)| q.span.contains(offset))
            .max_by_key(|(_, q)| q.depth)
            .map(|(i, _)| i)
    }

    /// The mention whose span holds `offset`.
    pub fn mention_at(&self, offset: usize) -> Option<MentionId> {
        let i = self.mentions.partition_point(|m| m.span.end <= offset);
        self.mentions
            .get(i)
            .filter(|m| m.span.contains(offset))
            .map(|_| i)
    }

    /// The entity a quote is attributed to.
    pub fn speaker_of(&self, quote: QuoteId) -> Option<&Entity> {
        self.quotes[quote].speaker.map(|e| &self.entities[e])
    }

    /// Parts of the utterance `quote` belongs to, in text order.
    pub fn utterance_parts(&self, quote: QuoteId) -> impl Iterator<Item = QuoteId> + '_ {
        let u = self.quotes[quote].utterance;
        self.quotes
            .iter()
            .enumerate()
            .filter(move |(_, q)| q.utterance == u)
            .map(|(i, _)| i)
    }
}
