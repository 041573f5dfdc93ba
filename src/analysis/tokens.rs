//! Words and punctuation, with the sentence each belongs to and whether it lies inside a quote.

use super::marks::is_quote_mark;
use super::model::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Letters and digits, with inner apostrophes, hyphens and dots (don’t, R-Texas, U.S).
    Word,
    /// A quotation mark.
    Mark,
    /// Any other non-space character.
    Punct,
}

/// 12 bytes: a long text has millions of tokens (byte offsets fit 32 bits: `analyze` takes
/// texts under 4 GiB). Its sentence is [`Tokens::sentence`].
#[derive(Clone, Copy, Debug)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub kind: Kind,
    /// Inside the content of a direct quotation (the speaker's words, not the narration).
    pub quoted: bool,
    /// The first character is an uppercase letter.
    pub capitalized: bool,
    /// A line break lies between this token and the previous one (in hard-wrapped text, a
    /// paragraph break: see `breaks_only_at`).
    pub after_newline: bool,
}

impl Token {
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
}

/// The tokens of a text, with the ASCII-lowercased form of each for lexicon lookups.
pub struct Tokens<'t> {
    pub text: &'t str,
    pub list: Vec<Token>,
    lowered: Lowered,
    /// The tokens in another sentence than the token before them (the first token too), and
    /// that sentence for each: a sentence index for every token would take a third of the list.
    sentence_changes: RankBits,
    sentence_from_change: Vec<u32>,
}

/// The lowercased copies of just the tokens with an ASCII capital (a few in ten in news): a
/// lowercased copy of the whole text would hold another byte for every byte of it. Every
/// other token is its own lowercase form.
#[derive(Default)]
struct Lowered {
    /// The tokens with a copy.
    has_copy: RankBits,
    /// Where each copy starts in `copies`, in token order (its length is the token's).
    starts: Vec<u32>,
    copies: String,
}

/// A set of token indices, with the number of members below any index in constant time.
#[derive(Default)]
struct RankBits {
    words: Vec<u64>,
    /// For each word of `words`, the number of members in the words before it.
    before: Vec<u32>,
}

impl RankBits {
    /// Add `i`, which must exceed every member so far.
    fn push(&mut self, i: usize) {
        let w = i / 64;
        while self.words.len() <= w {
            let total = self.before.last().copied().unwrap_or(0)
                + self.words.last().map_or(0, |b| b.count_ones());
            self.words.push(0);
            self.before.push(total);
        }
        self.words[w] |= 1 << (i % 64);
    }

    /// The number of members up to and including `i`.
    fn count_through(&self, i: usize) -> usize {
        match self.words.get(i / 64) {
            Some(bits) => {
                let through = u64::MAX >> (63 - i % 64);
                self.before[i / 64] as usize + (bits & through).count_ones() as usize
            }
            None => {
                self.before.last().copied().unwrap_or(0) as usize
                    + self.words.last().map_or(0, |b| b.count_ones() as usize)
            }
        }
    }

    fn contains(&self, i: usize) -> bool {
        self.words
            .get(i / 64)
            .is_some_and(|bits| bits & 1 << (i % 64) != 0)
    }

    /// Among the members, the index of `i`, when it is one.
    fn rank_of(&self, i: usize) -> Option<usize> {
        let bits = *self.words.get(i / 64)?;
        let bit = 1u64 << (i % 64);
        (bits & bit != 0)
            .then(|| self.before[i / 64] as usize + (bits & (bit - 1)).count_ones() as usize)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Characters that join word pieces when letters follow: don’t, R-Texas, U.S, 3.5.
fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '-' | '.' | '\u{2010}' | '\u{2011}' | '&'
    )
}

impl<'t> Tokens<'t> {
    /// Tokenise `text`; `sentences` are in order and `quoted` are the quote contents (any order).
    pub fn new(text: &'t str, sentences: &[Span], quoted: &[Span]) -> Tokens<'t> {
        Tokens::new_with(text, sentences, quoted, false, None)
    }

    /// Like [`new`](Self::new); `two_apostrophes` makes '' a quotation mark token, and
    /// `marks` (sorted offsets of the marks the scanner paired) makes every other quote
    /// character an apostrophe or punctuation: "the Sanders' campaign" is one word.
    pub fn new_with(
        text: &'t str,
        sentences: &[Span],
        quoted: &[Span],
        two_apostrophes: bool,
        marks: Option<&[usize]>,
    ) -> Tokens<'t> {
        let is_mark_at = |at: usize| marks.is_none_or(|m| m.binary_search(&at).is_ok());
        let mut list = Vec::with_capacity(text.len() / 5);
        let mut lowered = Lowered::default();
        let mut sentence_changes = RankBits::default();
        let mut sentence_from_change: Vec<u32> = Vec::new();
        let mut quoted: Vec<Span> = quoted.to_vec();
        quoted.sort_by_key(|s| s.start);
        let mut qi = 0usize;
        // The end of the union of quote spans seen so far (quotes nest).
        let mut q_end = 0usize;
        let mut si = 0usize;
        let mut newline = true;
        let bytes = text.as_bytes();
        // The character at byte `at` (a char boundary): most are ASCII, one byte to read.
        let char_at = |at: usize| match bytes.get(at) {
            Some(&b) if b.is_ascii() => Some(b as char),
            Some(_) => text[at..].chars().next(),
            None => None,
        };
        let mut next = 0usize;
        while let Some(c) = char_at(next) {
            let i = next;
            next += c.len_utf8();
            if c.is_whitespace() {
                if c == '\n' {
                    newline = true;
                }
                continue;
            }
            let start = i;
            let mut end = next;
            let kind = if is_word_char(c) {
                loop {
                    // ASCII letters and digits (most of a word) need no decoding.
                    while bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                        end += 1;
                    }
                    let Some(d) = char_at(end) else { break };
                    let j = end;
                    if is_word_char(d) {
                        end = j + d.len_utf8();
                    } else if is_joiner(d) {
                        // join only when a word character follows the joiner, or when a
                        // trailing apostrophe is not a quotation mark ("students'")
                        let after = char_at(j + d.len_utf8());
                        let possessive = matches!(d, '\'' | '\u{2019}')
                            && marks.is_some()
                            && !is_mark_at(j)
                            && !after.is_some_and(|a| a == '\'' || is_word_char(a));
                        if after.is_some_and(is_word_char) || possessive {
                            end = j + d.len_utf8();
                            if possessive {
                                break;
                            }
                        } else {
                            break;
                        }
                    } else {
                        break;
                    }
                }
                next = end;
                Kind::Word
            } else if c == '\'' && char_at(next) == Some('\'') {
                // '' is one token: a double mark when the scanner reads it so, else punctuation
                end += 1;
                next += 1;
                if two_apostrophes {
                    Kind::Mark
                } else {
                    Kind::Punct
                }
            } else if is_quote_mark(c) {
                if is_mark_at(start) {
                    Kind::Mark
                } else {
                    Kind::Punct
                }
            } else {
                Kind::Punct
            };
            while si + 1 < sentences.len() && sentences[si].end <= start {
                si += 1;
            }
            while qi < quoted.len() && quoted[qi].start <= start {
                q_end = q_end.max(quoted[qi].end);
                qi += 1;
            }
            let written = &text[start..end];
            if written.bytes().any(|b| b.is_ascii_uppercase()) {
                lowered.has_copy.push(list.len());
                lowered.starts.push(lowered.copies.len() as u32);
                let at = lowered.copies.len();
                lowered.copies.push_str(written);
                lowered.copies[at..].make_ascii_lowercase();
            }
            if sentence_from_change.last() != Some(&(si as u32)) {
                sentence_changes.push(list.len());
                sentence_from_change.push(si as u32);
            }
            list.push(Token {
                start: start as u32,
                end: end as u32,
                kind,
                quoted: start < q_end,
                capitalized: c.is_uppercase(),
                after_newline: newline,
            });
            newline = false;
        }
        Tokens {
            text,
            list,
            lowered,
            sentence_changes,
            sentence_from_change,
        }
    }

    /// The tokens of a text made of paragraphs tokenised apart ([`ParagraphTokens`]), in text
    /// order: `(start, sentences_before, tokens)` for each, `sentences` in all. The caller
    /// vouches that only white space lies between the paragraphs and around the text's
    /// paragraphs (then no token crosses a paragraph's edge and this is what `new_with` makes
    /// of the whole text).
    pub fn from_paragraphs<'p>(
        text: &'t str,
        paragraphs: impl Iterator<Item = (usize, usize, &'p ParagraphTokens)>,
        sentences: usize,
    ) -> Tokens<'t> {
        let mut list = Vec::with_capacity(text.len() / 5);
        let mut lowered = Lowered::default();
        let mut sentence_changes = RankBits::default();
        let mut sentence_from_change: Vec<u32> = Vec::new();
        // `new_with` never moves past the last sentence.
        let last_sentence = sentences.saturating_sub(1);
        let mut previous_end = 0usize;
        for (start, sentences_before, p) in paragraphs {
            let base = list.len();
            let first_after_newline = base == 0 || text[previous_end..start].contains('\n');
            list.extend(p.list.iter().enumerate().map(|(k, t)| Token {
                start: t.start + start as u32,
                end: t.end + start as u32,
                after_newline: if k == 0 {
                    first_after_newline
                } else {
                    t.after_newline
                },
                ..*t
            }));
            previous_end = list.last().map_or(previous_end, |t| t.end as usize);
            for &(k, local) in &p.sentence_changes {
                let s = (sentences_before + local as usize).min(last_sentence) as u32;
                if sentence_from_change.last() != Some(&s) {
                    sentence_changes.push(base + k as usize);
                    sentence_from_change.push(s);
                }
            }
            let copies = lowered.copies.len() as u32;
            for (&k, &at) in p.lowered.iter().zip(&p.lowered_starts) {
                lowered.has_copy.push(base + k as usize);
                lowered.starts.push(copies + at);
            }
            lowered.copies.push_str(&p.copies);
        }
        Tokens {
            text,
            list,
            lowered,
            sentence_changes,
            sentence_from_change,
        }
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// In hard-wrapped text (Gutenberg novels, Markdown) a single line break is only layout:
    /// keep `after_newline` for the first token of each paragraph and clear it elsewhere.
    pub fn breaks_only_at(&mut self, paragraphs: &[Span]) {
        let mut p = 0;
        for t in &mut self.list {
            while p < paragraphs.len() && paragraphs[p].end <= t.start as usize {
                p += 1;
            }
            t.after_newline = paragraphs
                .get(p)
                .is_some_and(|s| s.start == t.start as usize);
        }
    }

    /// Token `i` is the first of its sentence, or the first after a line break.
    pub fn opens_sentence(&self, i: usize) -> bool {
        // A token is a sentence change exactly when its sentence is not the one before it
        // (changes are recorded only where the sentence differs).
        i == 0 || self.list[i].after_newline || self.sentence_changes.contains(i)
    }

    /// The index of the sentence token `i` belongs to (`i` must be a token).
    pub fn sentence(&self, i: usize) -> u32 {
        debug_assert!(i < self.list.len());
        self.sentence_from_change[self.sentence_changes.count_through(i) - 1]
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<&Token> {
        self.list.get(i)
    }

    /// The original text of token `i`.
    pub fn text(&self, i: usize) -> &'t str {
        self.list[i].span().text(self.text)
    }

    /// The ASCII-lowercased text of token `i`, without a possessive ’s and trailing dot.
    pub fn lower(&self, i: usize) -> &str {
        let s = self.raw_lower(i);
        // Most words end in none of s, ' and ’ (whose last byte is 0x99): nothing to strip.
        if !matches!(s.as_bytes().last(), Some(b's' | b'\'' | 0x99)) {
            return s;
        }
        s.strip_suffix("'s")
            .or_else(|| s.strip_suffix("\u{2019}s"))
            .or_else(|| s.strip_suffix('\'').filter(|w| w.ends_with('s')))
            .or_else(|| s.strip_suffix('\u{2019}').filter(|w| w.ends_with('s')))
            .unwrap_or(s)
    }

    /// The lowercased text exactly as written.
    pub fn raw_lower(&self, i: usize) -> &str {
        let t = self.list[i];
        match self.lowered.has_copy.rank_of(i) {
            Some(k) => {
                let at = self.lowered.starts[k] as usize;
                &self.lowered.copies[at..at + (t.end - t.start) as usize]
            }
            None => &self.text[t.start as usize..t.end as usize],
        }
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.list.get(i).is_some_and(|t| t.kind == Kind::Word)
    }

    pub fn is_punct(&self, i: usize, ch: char) -> bool {
        self.list.get(i).is_some_and(|t| {
            // An ASCII mark (most calls) is one byte to compare.
            t.kind != Kind::Word
                && if ch.is_ascii() {
                    self.text.as_bytes()[t.start as usize] == ch as u8
                } else {
                    self.text(i).starts_with(ch)
                }
        })
    }

    /// The word ends in a possessive: Russia’s, Lavrov's.
    pub fn is_possessive(&self, i: usize) -> bool {
        is_possessive_word(self.raw_lower(i))
    }

    /// The index of the first token starting at or after `offset`.
    pub fn at_or_after(&self, offset: usize) -> usize {
        self.list.partition_point(|t| (t.start as usize) < offset)
    }

    /// The text span from the first to the last of a non-empty range of tokens.
    pub fn span_of(&self, r: std::ops::Range<usize>) -> Span {
        Span::new(
            self.list[r.start].start as usize,
            self.list[r.end - 1].end as usize,
        )
    }

    /// The index of the first token ending after `offset` (the token holding it, if any).
    pub fn holding(&self, offset: usize) -> usize {
        self.list.partition_point(|t| t.end as usize <= offset)
    }
}

/// A word written as a possessive: Russia’s, Lavrov's, the Smiths'.
/// One paragraph's tokens, in offsets from its start, with its sentences numbered from 0:
/// what [`Tokens::from_paragraphs`] puts together.
#[derive(Clone, Debug)]
pub struct ParagraphTokens {
    list: Vec<Token>,
    /// The tokens where the sentence changes (the first too), with the number of the
    /// paragraph's sentences that end at or before the token (the paragraph's last sentence
    /// count for a token past them all).
    sentence_changes: Vec<(u32, u32)>,
    /// The tokens with a lowercased copy, where each starts in `copies`.
    lowered: Vec<u32>,
    lowered_starts: Vec<u32>,
    copies: String,
}

impl ParagraphTokens {
    /// Tokenise `text`, one paragraph; the arguments are those of [`Tokens::new_with`] for it,
    /// in offsets from its start.
    pub fn new(
        text: &str,
        sentences: &[Span],
        quoted: &[Span],
        two_apostrophes: bool,
        marks: &[usize],
    ) -> ParagraphTokens {
        // A sentence past the paragraph: a token after its last sentence counts them all, as
        // in the whole text, where the next paragraph's first sentence follows.
        let mut with_end: Vec<Span> = sentences.to_vec();
        with_end.push(Span::new(text.len() + 1, text.len() + 1));
        let t = Tokens::new_with(text, &with_end, quoted, two_apostrophes, Some(marks));
        let changes: Vec<(u32, u32)> = (0..t.len())
            .filter(|&i| i == 0 || t.sentence(i) != t.sentence(i - 1))
            .map(|i| (i as u32, t.sentence(i)))
            .collect();
        let lowered: Vec<u32> = (0..t.len())
            .filter(|&i| t.lowered.has_copy.rank_of(i).is_some())
            .map(|i| i as u32)
            .collect();
        ParagraphTokens {
            sentence_changes: changes,
            lowered_starts: t.lowered.starts,
            copies: t.lowered.copies,
            lowered,
            list: t.list,
        }
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The paragraph's sentence its last token is in, counted from its first; a token past
    /// every sentence counts them all. (0 with no tokens.)
    pub fn last_sentence(&self) -> u32 {
        self.sentence_changes.last().map_or(0, |&(_, s)| s)
    }
}

pub fn is_possessive_word(word: &str) -> bool {
    word.ends_with("'s")
        || word.ends_with("\u{2019}s")
        || word.ends_with("s'")
        || word.ends_with("s\u{2019}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A token opens a sentence when it is the first, follows a line break or is in another
    /// sentence than the token before it, over more tokens than one word of bits holds.
    #[test]
    fn sentence_openers_are_where_the_sentence_changes() {
        let mut text = String::new();
        let mut sentences = Vec::new();
        for k in 0..40 {
            let start = text.len();
            text.push_str(match k % 3 {
                0 => "Ana met Bo at the pier.",
                1 => "Rain.",
                _ => "“Not today,” she said,\nand left.",
            });
            sentences.push(Span::new(start, text.len()));
            text.push_str(if k % 5 == 4 { "\n\n" } else { " " });
        }
        let tok = Tokens::new(&text, &sentences, &[]);
        assert!(tok.len() > 3 * 64);
        let mut opened = 0;
        for i in 0..tok.len() {
            let expected =
                i == 0 || tok.list[i].after_newline || tok.sentence(i - 1) != tok.sentence(i);
            assert_eq!(
                tok.opens_sentence(i),
                expected,
                "token {i} {:?}",
                tok.text(i)
            );
            opened += usize::from(expected);
        }
        assert!(opened >= 40);
    }

    #[test]
    fn words_keep_inner_apostrophes_hyphens_and_dots() {
        let t = "Sen. Ted Cruz, R-Texas, said the U.S. won’t “go”.";
        let go_at = t.find("go").unwrap();
        let tok = Tokens::new(t, &[Span::new(0, t.len())], &[Span::new(go_at, go_at + 2)]);
        let words: Vec<&str> = (0..tok.len()).map(|i| tok.text(i)).collect();
        assert_eq!(
            words,
            vec![
                "Sen", ".", "Ted", "Cruz", ",", "R-Texas", ",", "said", "the", "U.S", ".", "won’t",
                "“", "go", "”", "."
            ]
        );
        let go = words.iter().position(|w| *w == "go").unwrap();
        assert!(tok.list[go].quoted);
        assert!(!tok.list[go - 1].quoted);
        assert!(tok.list[0].capitalized && !tok.list[7].capitalized);
    }

    #[test]
    fn words_mix_ascii_and_other_letters_and_end_at_the_text_end() {
        // Letters beyond ASCII inside, before and after ASCII runs; a joiner before a
        // non-ASCII letter; a possessive apostrophe; a word that ends the text.
        let t = "Émile Zoë’s naïve café-époque 3½ ''x'' Ørsted";
        let tok = Tokens::new_with(t, &[Span::new(0, t.len())], &[], false, Some(&[]));
        let words: Vec<&str> = (0..tok.len()).map(|i| tok.text(i)).collect();
        assert_eq!(
            words,
            vec![
                "Émile",
                "Zoë’s",
                "naïve",
                "café-époque",
                "3½",
                "''",
                "x",
                "''",
                "Ørsted"
            ]
        );
        assert_eq!(tok.list[5].kind, Kind::Punct);
        assert_eq!(tok.lower(1), "zoë");
    }

    #[test]
    fn lowercase_forms_are_the_lowercased_words_far_into_a_text() {
        // Capitals at both ends of the words, past the first 64 tokens.
        let t = "we met iPhone fans and McDONALD's staff in OSLO, ".repeat(20);
        let tok = Tokens::new(&t, &[Span::new(0, t.len())], &[]);
        assert!(tok.len() > 128);
        for i in 0..tok.len() {
            assert_eq!(tok.raw_lower(i), tok.text(i).to_ascii_lowercase());
        }
        assert_eq!(tok.lower(tok.len() - 5), "mcdonald");
    }

    #[test]
    fn each_token_knows_its_sentence_far_into_a_text() {
        let t = "Ab cd. ".repeat(100);
        let mut sentences: Vec<Span> = (0..100).map(|k| Span::new(7 * k, 7 * k + 6)).collect();
        // A sentence holding no token: the tokens after it skip its number.
        sentences.insert(50, Span::new(350, 350));
        let tok = Tokens::new(&t, &sentences, &[]);
        assert_eq!(tok.len(), 300);
        for i in 0..tok.len() {
            let expected = i / 3 + usize::from(i >= 150);
            assert_eq!(tok.sentence(i) as usize, expected, "token {i}");
        }
    }

    #[test]
    fn lowercase_lookup_strips_possessives() {
        let t = "Russia’s minister";
        let tok = Tokens::new(t, &[Span::new(0, t.len())], &[]);
        assert_eq!(tok.lower(0), "russia");
        assert!(tok.is_possessive(0));
    }
}
