//! Quotation marks: find them, tell quotes from apostrophes, pair openers with closers.
//!
//! Conventions: straight "..." and '...', curly “...” and ‘...’, guillemets «...» (also French
//! « ... » with inner spaces) and »...«, German „...“ and ‚...‘, CJK 「...」 and 『...』.
//! Pairing runs per paragraph with a stack, so quotes nest; an opener left on the stack at the
//! end of a paragraph either continues into the next paragraph (which must open with the same
//! mark) or is unclosed and ends at its paragraph, never swallowing the rest of the text.

use super::model::{Mark, Span};

/// A mark as the pairing pass sees it after looking at its neighbours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// Could open or close: decided by what is open.
    Either,
    /// A single mark that could be a closing quote or an apostrophe (students’, goin’).
    CloseOrApostrophe,
}

/// A quote found by pairing marks: one paragraph's worth of it.
#[derive(Clone, Debug, PartialEq)]
pub struct ScannedQuote {
    pub open: Mark,
    pub close: Option<Mark>,
    /// From the opening mark to the closing mark (or the end of the paragraph).
    pub span: Span,
    pub content: Span,
    pub depth: u8,
    pub parent: Option<usize>,
    pub paragraph: usize,
    /// The part in the previous paragraph that this part continues.
    pub continues: Option<usize>,
    /// The quote goes on in the next paragraph.
    pub continued: bool,
    /// Closed by a mark of another convention (“ ... ").
    pub mismatched: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Scan {
    /// Ordered by opening position.
    pub quotes: Vec<ScannedQuote>,
    /// Closing marks with nothing open to close.
    pub unmatched: Vec<Mark>,
}

impl Scan {
    pub fn is_unclosed(&self, i: usize) -> bool {
        let q = &self.quotes[i];
        q.close.is_none() && !q.continued
    }
}

/// Whether `ch` is any quotation mark this module knows.
pub fn is_quote_mark(ch: char) -> bool {
    matches!(
        ch,
        '"' | '\''
            | '\u{201C}'
            | '\u{201D}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201E}'
            | '\u{201A}'
            | '\u{00AB}'
            | '\u{00BB}'
            | '\u{2039}'
            | '\u{203A}'
            | '\u{300C}'
            | '\u{300D}'
            | '\u{300E}'
            | '\u{300F}'
    )
}

fn is_single(ch: char) -> bool {
    matches!(
        ch,
        '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2039}' | '\u{203A}'
    )
}

/// The closing marks that properly close `open`, best first.
fn closers(open: char) -> &'static [char] {
    match open {
        '"' => &['"'],
        '\'' => &['\''],
        '\u{201C}' => &['\u{201D}'],
        '\u{2018}' => &['\u{2019}'],
        '\u{201E}' => &['\u{201C}', '\u{201D}'],
        '\u{201A}' => &['\u{2018}', '\u{2019}'],
        '\u{00AB}' => &['\u{00BB}'],
        '\u{00BB}' => &['\u{00AB}'],
        '\u{2039}' => &['\u{203A}'],
        '\u{203A}' => &['\u{2039}'],
        '\u{300C}' => &['\u{300D}'],
        '\u{300E}' => &['\u{300F}'],
        '\u{201D}' => &['\u{201D}'], // Swedish ”...”
        _ => &[],
    }
}

/// Closers of the same weight but another convention: “ closed by ", ' closed by ’.
fn mismatched_closers(open: char) -> &'static [char] {
    match open {
        '"' => &['\u{201D}', '\u{201C}'],
        '\u{201C}' => &['"', '\u{201C}'],
        '\'' => &['\u{2019}'],
        '\u{2018}' => &['\''],
        _ => &[],
    }
}

fn can_close(open: char, close: char) -> Option<bool> {
    if closers(open).contains(&close) {
        Some(false)
    } else if mismatched_closers(open).contains(&close) {
        Some(true)
    } else {
        None
    }
}

/// Opening punctuation after which a mark opens: `("`, `—“`.
fn is_opening_context(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '(' | '[' | '{' | '\u{2014}' | '\u{2013}' | '-' | '/' | '*' | '_' | '>'
        )
        || is_quote_mark(c)
}

/// Punctuation after which a mark closes: `."`, `?”`.
fn is_closing_context(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '.' | ','
                | ';'
                | ':'
                | '!'
                | '?'
                | ')'
                | ']'
                | '}'
                | '\u{2014}'
                | '\u{2013}'
                | '-'
                | '\u{2026}'
                | '*'
                | '_'
                | '/'
        )
        || is_quote_mark(c)
}

/// Words that begin with an elided letter: ’em, ’tis, rock ’n’ roll.
const ELISIONS: &[&str] = &[
    "em", "tis", "twas", "twere", "twill", "cause", "cos", "n", "til", "till", "bout", "nuff",
    "round", "neath", "gainst", "ere", "un", "ow", "ave", "e", "er", "im", "is", "ee", "ome",
    "alf", "appen", "eard", "ad", "ello", "tain", "spect", "ard",
];

fn starts_with_elision(rest: &str) -> bool {
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    if word.is_empty() {
        return false;
    }
    let after = rest[rest
        .char_indices()
        .nth(word.chars().count())
        .map_or(rest.len(), |(i, _)| i)..]
        .chars()
        .next();
    // ’n’ in rock ’n’ roll: the elided word is followed by another apostrophe.
    if word == "n" {
        return matches!(after, Some('\'' | '\u{2019}'));
    }
    ELISIONS.contains(&word.as_str()) && !matches!(after, Some(',' | '.' | '!' | '?'))
}

/// Decide the role of a mark from its neighbours.
fn role(ch: char, prev: Option<char>, next: Option<char>, rest: &str) -> Option<Role> {
    let left = prev.is_none_or(is_opening_context);
    let right = next.is_none_or(is_closing_context);
    let prev_word = prev.is_some_and(|c| c.is_alphanumeric());
    let next_word = next.is_some_and(|c| c.is_alphanumeric());
    match ch {
        '\u{2019}' | '\'' => {
            if prev_word && next_word {
                return None; // don’t, O’Brien, rock’n’roll
            }
            if left && (next.is_some_and(|c| c.is_ascii_digit()) || starts_with_elision(rest)) {
                return None; // ’90s, ’em, ’tis
            }
            if left && !right {
                // A typographic apostrophe never opens; a straight one may.
                return (ch == '\'').then_some(Role::Open);
            }
            if prev_word && right {
                return Some(Role::CloseOrApostrophe); // students’ or the end of a quote
            }
            if right {
                return Some(Role::Close);
            }
            if ch == '\'' && left && right {
                return Some(Role::Either);
            }
            None
        }
        '"' => Some(match (left, right) {
            (true, false) => Role::Open,
            (false, true) => Role::Close,
            _ => Role::Either,
        }),
        '\u{2018}' => {
            if left && (next.is_some_and(|c| c.is_ascii_digit()) || starts_with_elision(rest)) {
                return None; // ‘90s typed with the wrong mark
            }
            // An apostrophe typed with the opening mark: Obama‘s, CBS‘ show. Inside a word it
            // is no mark; after one it closes only a quote that is open (German ‚...‘).
            if prev_word && next_word {
                return None;
            }
            if prev_word && right {
                return Some(Role::CloseOrApostrophe);
            }
            // Closes German ‚...‘; otherwise opens.
            Some(if right && !left {
                Role::Either
            } else {
                Role::Open
            })
        }
        '\u{201C}' => Some(if right && !left {
            Role::Either
        } else {
            Role::Open
        }),
        '\u{201D}' => Some(if left && !right {
            Role::Either
        } else {
            Role::Close
        }),
        '\u{201E}' | '\u{201A}' | '\u{300C}' | '\u{300E}' => Some(Role::Open),
        '\u{300D}' | '\u{300F}' => Some(Role::Close),
        // Guillemets point either way: «...» and »...«. Spaced French « ... » is neither
        // left- nor right-flanking, so it falls back to the mark's usual direction.
        '\u{00AB}' | '\u{2039}' => Some(match (left, right) {
            (false, true) => Role::Either,
            _ => Role::Open,
        }),
        '\u{00BB}' | '\u{203A}' => Some(match (left, right) {
            (true, false) => Role::Either,
            _ => Role::Close,
        }),
        _ => None,
    }
}

/// Whether the text writes double quotation marks as two apostrophes (''Yes,'' he said), as
/// some newspaper archives do: a '' opens a word after a space and another closes one before
/// a space. An inch mark (a 12'' pipe) follows a digit and opens nothing.
pub fn writes_two_apostrophe_marks(text: &str) -> bool {
    let (mut opens, mut closes) = (false, false);
    // (What `match_indices` finds, with a vectorised search: this reads every byte of the text.)
    for i in memchr::memmem::find_iter(text.as_bytes(), b"''") {
        let prev = text[..i].chars().next_back();
        let next = text[i + 2..].chars().next();
        let space_before = prev.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '['));
        let space_after = next.is_none_or(|c| c.is_whitespace() || matches!(c, ')' | ']'));
        opens |= space_before && next.is_some_and(char::is_alphabetic);
        closes |= space_after
            && prev.is_some_and(|c| c.is_alphabetic() || matches!(c, '.' | ',' | '?' | '!'));
        if opens && closes {
            return true;
        }
    }
    false
}

struct Candidate {
    mark: Mark,
    role: Role,
}

/// The quotation marks of one paragraph with their roles.
fn candidates(text: &str, para: Span, two_apostrophes: bool) -> Vec<Candidate> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = para.start;
    while i < para.end {
        let b = bytes[i];
        // Every mark is '"', '\'' or starts with one of these lead bytes.
        if !(b == b'"' || b == b'\'' || b == 0xE2 || b == 0xC2 || b == 0xE3) {
            i += 1;
            continue;
        }
        let Some(mut ch) = text[i..].chars().next() else {
            break;
        };
        let mut len = ch.len_utf8();
        // Two apostrophes are one double mark in some archives' copy (''Yes,'' he said), and
        // inches or a typo elsewhere (a 12'' pipe): a mark only when asked for.
        if ch == '\'' && bytes.get(i + 1) == Some(&b'\'') && i + 1 < para.end {
            if !two_apostrophes {
                i += 2;
                continue;
            }
            ch = '"';
            len = 2;
        }
        if is_quote_mark(ch) {
            let prev = text[para.start..i].chars().next_back();
            let rest = &text[i + len..para.end];
            let next = rest.chars().next();
            if let Some(role) = role(ch, prev, next, rest) {
                out.push(Candidate {
                    mark: Mark {
                        span: Span::new(i, i + len),
                        ch,
                    },
                    role,
                });
            }
        }
        i += len;
    }
    out
}

struct Open {
    quote: usize,
    ch: char,
}

/// Pair the marks of every paragraph.
pub fn scan(text: &str, paragraphs: &[Span]) -> Scan {
    scan_with(text, paragraphs, false)
}

/// Pair the marks of every paragraph; `two_apostrophes` reads '' as a double quotation mark.
pub fn scan_with(text: &str, paragraphs: &[Span], two_apostrophes: bool) -> Scan {
    let mut scan = Scan::default();
    // Quotes left open at the end of the previous paragraph, outermost first.
    let mut carried: Vec<Open> = Vec::new();
    for (pi, &para) in paragraphs.iter().enumerate() {
        let cands = candidates(text, para, two_apostrophes);
        let mut stack: Vec<Open> = Vec::new();
        let mut first = 0;
        // A paragraph that opens with the mark left open before continues that quote.
        if let Some(outer) = carried.first()
            && let Some(c) = cands.first()
            && c.mark.ch == outer.ch
            && c.mark.span.start == para.start
            && c.role != Role::Close
        {
            let prev = outer.quote;
            scan.quotes[prev].continued = true;
            let depth = scan.quotes[prev].depth;
            let id = push_quote(&mut scan, c.mark, depth, None, pi);
            scan.quotes[id].continues = Some(prev);
            stack.push(Open {
                quote: id,
                ch: c.mark.ch,
            });
            first = 1;
        }
        carried.clear();
        for (ci, c) in cands.iter().enumerate().skip(first) {
            let closable = stack
                .iter()
                .rposition(|o| can_close(o.ch, c.mark.ch).is_some());
            match c.role {
                Role::Close | Role::Either | Role::CloseOrApostrophe => {
                    if let Some(k) = closable {
                        // A possessive (students’) is an apostrophe when a surer closer for
                        // the same quote follows before any new opener.
                        if c.role == Role::CloseOrApostrophe
                            && surer_closer_follows(&cands[ci + 1..], stack[k].ch)
                        {
                            continue;
                        }
                        close_at(&mut scan, &mut stack, k, c.mark, text);
                        continue;
                    }
                    if c.role == Role::Either {
                        let depth = stack.len() as u8;
                        let parent = stack.last().map(|o| o.quote);
                        let id = push_quote(&mut scan, c.mark, depth, parent, pi);
                        stack.push(Open {
                            quote: id,
                            ch: c.mark.ch,
                        });
                    } else if c.role == Role::Close && !is_single(c.mark.ch) {
                        scan.unmatched.push(c.mark);
                    }
                }
                Role::Open => {
                    // A straight double mark opening while one is open: the earlier one was
                    // never closed (they do not nest).
                    if c.mark.ch == '"'
                        && let Some(k) = stack.iter().rposition(|o| o.ch == '"')
                    {
                        end_unclosed(&mut scan, &mut stack, k, c.mark.span.start, text);
                    }
                    let depth = stack.len() as u8;
                    let parent = stack.last().map(|o| o.quote);
                    let id = push_quote(&mut scan, c.mark, depth, parent, pi);
                    stack.push(Open {
                        quote: id,
                        ch: c.mark.ch,
                    });
                }
            }
        }
        // What is still open ends with the paragraph; the outermost may continue.
        for open in &stack {
            finish(&mut scan.quotes[open.quote], para.end, text);
        }
        if let Some(outer) = stack.first() {
            carried.push(Open {
                quote: outer.quote,
                ch: outer.ch,
            });
        }
    }
    scan.quotes.sort_by_key(|q| q.span.start);
    // Sorting moved quotes: rebuild parent and continuation links from positions.
    relink(&mut scan);
    scan
}

/// Whether, among the marks after a possessive-or-closer, a surer closer for `open` comes
/// before anything opens a new quote.
fn surer_closer_follows(rest: &[Candidate], open: char) -> bool {
    for c in rest {
        if can_close(open, c.mark.ch).is_none() {
            continue;
        }
        match c.role {
            Role::Close | Role::Either => return true,
            Role::Open => return false,
            Role::CloseOrApostrophe => {}
        }
    }
    false
}

fn push_quote(
    scan: &mut Scan,
    open: Mark,
    depth: u8,
    parent: Option<usize>,
    paragraph: usize,
) -> usize {
    scan.quotes.push(ScannedQuote {
        open,
        close: None,
        span: Span::new(open.span.start, open.span.end),
        content: Span::new(open.span.end, open.span.end),
        depth,
        parent,
        paragraph,
        continues: None,
        continued: false,
        mismatched: false,
    });
    scan.quotes.len() - 1
}

/// Close stack entry `k` with `mark`; entries above it were never closed and end here.
fn close_at(scan: &mut Scan, stack: &mut Vec<Open>, k: usize, mark: Mark, text: &str) {
    end_unclosed(scan, stack, k + 1, mark.span.start, text);
    let open = stack.pop().expect("k is on the stack");
    let q = &mut scan.quotes[open.quote];
    q.mismatched = can_close(open.ch, mark.ch) == Some(true);
    q.close = Some(mark);
    q.span.end = mark.span.end;
    q.content.end = mark.span.start;
}

/// Entries `k..` of the stack were never closed: they end before `at`.
fn end_unclosed(scan: &mut Scan, stack: &mut Vec<Open>, k: usize, at: usize, text: &str) {
    for open in stack.drain(k..) {
        finish(&mut scan.quotes[open.quote], at, text);
    }
}

/// End an unclosed quote at `end`, trimmed of trailing white space.
fn finish(q: &mut ScannedQuote, end: usize, text: &str) {
    let trimmed = text[q.open.span.end..end.max(q.open.span.end)].trim_end();
    let end = q.open.span.end + trimmed.len();
    q.span.end = end;
    q.content.end = end;
}

fn relink(scan: &mut Scan) {
    // Quotes were pushed in opening order within each paragraph and paragraphs are in order,
    // so sorting by start is stable with respect to pushes; map old indices to new.
    let n = scan.quotes.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| scan.quotes[i].span.start);
    if order.iter().enumerate().all(|(a, &b)| a == b) {
        return;
    }
    let mut new_index = vec![0; n];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    for q in &mut scan.quotes {
        q.parent = q.parent.map(|p| new_index[p]);
        q.continues = q.continues.map(|p| new_index[p]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::text::{Format, Prose};

    fn quotes(text: &str) -> Vec<String> {
        let prose = Prose::new(text, Format::Plain);
        let s = scan(&prose.text, &prose.paragraphs);
        s.quotes
            .iter()
            .map(|q| q.span.text(text).to_string())
            .collect()
    }

    fn scan_of(text: &str) -> Scan {
        let prose = Prose::new(text, Format::Plain);
        scan(&prose.text, &prose.paragraphs)
    }

    #[test]
    fn straight_and_curly_double() {
        assert_eq!(
            quotes(r#""Yes," she said. "No.""#),
            vec![r#""Yes,""#, r#""No.""#]
        );
        assert_eq!(quotes("“Yes,” she said. “No.”"), vec!["“Yes,”", "“No.”"]);
    }

    #[test]
    fn single_quotes_and_apostrophes() {
        let t = "‘I don’t know,’ she said. ‘The ’90s were fun, rock ’n’ roll and all.’";
        assert_eq!(
            quotes(t),
            vec![
                "‘I don’t know,’",
                "‘The ’90s were fun, rock ’n’ roll and all.’"
            ]
        );
        let t = "'It's the students' books,' he said.";
        assert_eq!(quotes(t), vec!["'It's the students' books,'"]);
        let t = "The students’ union met. ‘We’re done,’ said Ann.";
        assert_eq!(quotes(t), vec!["‘We’re done,’"]);
        let s = scan_of("The students’ union met.");
        assert!(s.quotes.is_empty() && s.unmatched.is_empty());
        // The opening mark typed for an apostrophe opens nothing.
        let s = scan_of("On CBS‘ show, Obama‘s aide said, “Not now.”");
        assert_eq!(s.quotes.len(), 1);
        assert_eq!(
            quotes("On CBS‘ show, he said, “Not now.”"),
            vec!["“Not now.”"]
        );
    }

    #[test]
    fn guillemets_german_and_cjk() {
        assert_eq!(quotes("Il a dit « Bonjour » hier."), vec!["« Bonjour »"]);
        assert_eq!(quotes("Er sagte »Hallo« und ging."), vec!["»Hallo«"]);
        assert_eq!(quotes("Sie sagte „Ja“ und ‚nein‘."), vec!["„Ja“", "‚nein‘"]);
        assert_eq!(quotes("«Да», — сказал он."), vec!["«Да»"]);
        assert_eq!(quotes("彼は「はい」と言った。"), vec!["「はい」"]);
        assert_eq!(quotes("『本』"), vec!["『本』"]);
    }

    #[test]
    fn nested_quotes() {
        let t = "“He told me ‘never again,’ and left,” she said.";
        let s = scan_of(t);
        assert_eq!(s.quotes.len(), 2);
        assert_eq!(s.quotes[0].depth, 0);
        assert_eq!(s.quotes[1].depth, 1);
        assert_eq!(s.quotes[1].parent, Some(0));
        assert_eq!(s.quotes[1].span.text(t), "‘never again,’");
        let t = "«Он сказал „нет“», — ответила она.";
        let s = scan_of(t);
        assert_eq!(s.quotes[1].span.text(t), "„нет“");
        assert_eq!(s.quotes[0].span.text(t), "«Он сказал „нет“»");
    }

    #[test]
    fn multi_paragraph_quote_continues() {
        let t =
            "“First paragraph of the speech.\n\n“Second paragraph.\n\n“Last one.”\n\nNarration.";
        let s = scan_of(t);
        assert_eq!(s.quotes.len(), 3);
        assert!(s.quotes[0].continued && s.quotes[1].continued && !s.quotes[2].continued);
        assert_eq!(s.quotes[1].continues, Some(0));
        assert_eq!(s.quotes[2].continues, Some(1));
        assert!((0..3).all(|i| !s.is_unclosed(i)));
    }

    #[test]
    fn unclosed_quote_ends_at_its_paragraph() {
        let t = "\"This never closes, he said.\n\nThe next paragraph is narration. \"This one is fine.\"";
        let s = scan_of(t);
        assert_eq!(s.quotes.len(), 2);
        assert!(s.is_unclosed(0));
        assert_eq!(s.quotes[0].span.text(t), "\"This never closes, he said.");
        assert!(!s.is_unclosed(1));
    }

    #[test]
    fn unmatched_closing_and_mismatched_marks() {
        let s = scan_of("He said no.” Then “yes\" she said.");
        assert_eq!(s.unmatched.len(), 1);
        assert_eq!(s.quotes.len(), 1);
        assert!(s.quotes[0].mismatched);
    }

    #[test]
    fn punctuation_inside_or_outside() {
        assert_eq!(
            quotes("It was \"fine\". Really \"fine.\""),
            vec!["\"fine\"", "\"fine.\""]
        );
    }

    #[test]
    fn straight_double_reopening_ends_the_unclosed_one() {
        let t = "\"Hello, he said. \"Bye.\"";
        let s = scan_of(t);
        assert_eq!(s.quotes.len(), 2);
        assert!(s.is_unclosed(0));
        assert_eq!(s.quotes[1].span.text(t), "\"Bye.\"");
    }

    #[test]
    fn two_apostrophes_are_a_double_mark() {
        let t = "''We may see growth,'' the economist wrote. ''Maybe.''";
        let prose = Prose::new(t, Format::Plain);
        let s = scan_with(&prose.text, &prose.paragraphs, true);
        let found: Vec<&str> = s.quotes.iter().map(|q| q.span.text(t)).collect();
        assert_eq!(found, vec!["''We may see growth,''", "''Maybe.''"]);
        // Off by default: neither a double mark nor two single ones.
        assert!(quotes(t).is_empty());
        assert!(quotes("a 12'' pipe and a 'real' quote").len() == 1);
    }

    #[test]
    fn em_dash_interruptions() {
        let t = "“It’ll be our”—she leaned to his ear—“shared secret.”";
        assert_eq!(quotes(t), vec!["“It’ll be our”", "“shared secret.”"]);
    }
}
