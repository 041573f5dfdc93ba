//! The text model: which bytes are prose, where paragraphs and sentences are, what is silenced.
//!
//! Markdown is reduced to its prose by blanking everything else (code, HTML, front matter, link
//! targets, syntax characters) to spaces. The blanked text has the same length as the original,
//! so every offset the analysis computes points into the user's text unchanged.

use super::model::Span;
use pulldown_cmark::{Event, Options as MdOptions, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Plain,
    Markdown,
}

impl Format {
    /// The format for a file name or LSP language id (`markdown`, `foo.md`, ...).
    pub fn guess(name_or_language: &str) -> Format {
        let lower = name_or_language.to_ascii_lowercase();
        let ext = lower.rsplit('.').next().unwrap_or("");
        match ext {
            "md" | "markdown" | "mdown" | "mkd" | "mdx" | "qmd" | "rmd" => Format::Markdown,
            _ => Format::Plain,
        }
    }
}

/// A paragraph silenced by an ignore comment, with the finding codes it silences (empty: all).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Silence {
    pub span: Span,
    pub codes: Vec<String>,
}

/// The prose of a text, with its structure.
#[derive(Clone, Debug)]
pub struct Prose<'t> {
    /// The text with non-prose bytes blanked to spaces (line breaks kept): same length and
    /// offsets. Plain text is the original itself (a copy would double a long text's memory).
    pub text: Cow<'t, str>,
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<Span>,
    /// For each sentence, the index of its paragraph.
    pub sentence_paragraph: Vec<usize>,
    /// Plain text whose lines are hard-wrapped: a single line break does not end a paragraph.
    pub hard_wrapped: bool,
    pub ignore_file: bool,
    pub silenced: Vec<Silence>,
    /// For each paragraph: a headline or dateline (short, without a sentence-ending stop).
    pub headlines: Vec<bool>,
    /// For each paragraph: the story's own heading, whose quotes display words the story
    /// quotes. Markdown says so with heading blocks; plain text puts its headline on the
    /// first line, alone, short, without a sentence's stop (or title-cased), before the story.
    pub headings: Vec<bool>,
    /// Plain text's first line reads as a headline but for the stop that ends it, which
    /// headlines copied from the web keep: short, alone, not opening with a quotation mark,
    /// over a longer paragraph. The analysis makes it the heading when the story quotes the
    /// words it quotes (see `findings::echoed_in_story`).
    pub stopped_headline: bool,
}

impl<'t> Prose<'t> {
    pub fn new(original: &'t str, format: Format) -> Prose<'t> {
        Prose::with_paragraphs_read_by(original, format, &mut read_paragraph)
    }

    /// Like [`new`](Self::new), with each paragraph read by `read`, which must do what
    /// [`read_paragraph`] does (a cache of it: see `incremental`).
    pub fn with_paragraphs_read_by(
        original: &'t str,
        format: Format,
        read: &mut dyn FnMut(&str, Span, &mut Vec<Span>) -> bool,
    ) -> Prose<'t> {
        let (text, block_starts, heading_spans) = match format {
            Format::Plain => match mask_markup_tags(original) {
                Some(masked) => (Cow::Owned(masked), Vec::new(), Vec::new()),
                None => (Cow::Borrowed(original), Vec::new(), Vec::new()),
            },
            Format::Markdown => {
                let (masked, starts, headings) = mask_markdown(original);
                (Cow::Owned(masked), starts, headings)
            }
        };
        let hard_wrapped = format == Format::Markdown || looks_hard_wrapped(&text);
        let paragraphs = split_paragraphs(&text, hard_wrapped, &block_starts);
        let mut sentences = Vec::new();
        let mut sentence_paragraph = Vec::new();
        let mut headlines = Vec::with_capacity(paragraphs.len());
        for (i, p) in paragraphs.iter().enumerate() {
            headlines.push(read(&text, *p, &mut sentences));
            sentence_paragraph.resize(sentences.len(), i);
        }
        let (ignore_file, silenced) = find_ignore_comments(original, &paragraphs);
        let mut stopped_headline = false;
        let headings = match format {
            // Headings come in text order: the last one starting at or before the paragraph.
            Format::Markdown => paragraphs
                .iter()
                .map(|p| {
                    let k = heading_spans.partition_point(|h| h.start <= p.start);
                    k > 0 && p.start < heading_spans[k - 1].end
                })
                .collect(),
            Format::Plain => {
                let mut headings = vec![false; paragraphs.len()];
                // A first paragraph ending in a sentence's stop is the story's first sentence,
                // unless every word is capitalised; a quote may end a headline ("... ‘a gift’").
                if let [first, second, ..] = paragraphs.as_slice() {
                    let line = first.text(&text).trim();
                    let unquoted = line.trim_end_matches(['"', '\'', '\u{201D}', '\u{2019}']);
                    let words = line.split_whitespace().count();
                    let short_line = !line.contains('\n') && words <= 20;
                    let stopped = unquoted.ends_with(['.', '!', '?', ':', ',']);
                    headings[0] = short_line && (!stopped || is_title_case(line));
                    stopped_headline = short_line
                        && !headings[0]
                        && !line.starts_with(['"', '\'', '\u{201C}', '\u{2018}'])
                        && second.text(&text).split_whitespace().count() > words;
                }
                headings
            }
        };
        Prose {
            headlines,
            headings,
            stopped_headline,
            text,
            paragraphs,
            sentences,
            sentence_paragraph,
            hard_wrapped,
            ignore_file,
            silenced,
        }
    }

    /// The index of the paragraph holding `offset` (or the last one before it).
    pub fn paragraph_of(&self, offset: usize) -> usize {
        self.paragraphs
            .partition_point(|p| p.end <= offset)
            .min(self.paragraphs.len().saturating_sub(1))
    }

    /// The index of the sentence holding `offset` (or the next one after it).
    pub fn sentence_of(&self, offset: usize) -> usize {
        self.sentences
            .partition_point(|s| s.end <= offset)
            .min(self.sentences.len().saturating_sub(1))
    }

    /// Whether a finding with `code` at `span` is silenced by an ignore comment.
    pub fn is_silenced(&self, span: Span, code: &str) -> bool {
        // The silenced paragraphs are in text order (see `find_ignore_comments`).
        let from = self.silenced.partition_point(|s| s.span.end <= span.start);
        self.ignore_file
            || self.silenced[from..]
                .iter()
                .take_while(|s| s.span.start < span.end)
                .any(|s| {
                    s.span.overlaps(span)
                        && (s.codes.is_empty() || s.codes.iter().any(|c| c == code))
                })
    }
}

/// Markup tags pasted into plain text (`<tweet author="@x" date="May 4">`, `<a href="...">`,
/// `</p>`) are not prose: their attribute values are not quotations. Returns the text with
/// every tag blanked to spaces (line breaks kept), or None when it has no tag, so plain text
/// stays borrowed. Text between tags is kept; a `<` that does not open a well-formed tag
/// ("x < y", "<3") is left alone.
fn mask_markup_tags(original: &str) -> Option<String> {
    let bytes = original.as_bytes();
    let mut tags: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(off) = original[i..].find('<') {
        let start = i + off;
        i = start + 1;
        if let Some(end) = tag_end(bytes, start) {
            tags.push((start, end));
            i = end;
        }
    }
    if tags.is_empty() {
        return None;
    }
    let mut out = bytes.to_vec();
    for (s, e) in tags {
        for b in &mut out[s..e] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
    // Tags are ASCII-delimited and blanked whole, so multibyte characters inside them became
    // whole runs of spaces; fall back to the original rather than panic.
    String::from_utf8(out).ok()
}

/// The end (exclusive) of a tag opening at `start`: `<name attr="value" ...>` or `</name>`,
/// with quoted attribute values that may hold `>` or line breaks, at most 2,000 bytes long.
fn tag_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut k = start + 1;
    if bytes.get(k) == Some(&b'/') {
        k += 1;
    }
    if !bytes.get(k)?.is_ascii_alphabetic() {
        return None;
    }
    while bytes
        .get(k)
        .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':'))
    {
        k += 1;
    }
    // The name ends at white space, "/" or ">": "<b>", "<br/>", "<tweet id=...>".
    if !bytes
        .get(k)
        .is_some_and(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
    {
        return None;
    }
    let limit = (start + 2000).min(bytes.len());
    let mut quote: Option<u8> = None;
    while k < limit {
        let b = bytes[k];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            // A value opens only after "=": an apostrophe in "<don't>" is not one.
            None if matches!(b, b'"' | b'\'') && k > 0 && bytes[k - 1] == b'=' => quote = Some(b),
            None if b == b'>' => return Some(k + 1),
            None if b == b'<' => return None,
            None => {}
        }
        k += 1;
    }
    None
}

/// Blank every byte that is not prose. Returns the blanked text, the offsets where Markdown
/// blocks (paragraphs, headings, list items, table cells) start, which also end paragraphs,
/// and the headings' spans.
fn mask_markdown(original: &str) -> (String, Vec<usize>, Vec<Span>) {
    let mut keep = vec![false; original.len()];
    let mut block_starts = Vec::new();
    let mut headings = Vec::new();
    let options = MdOptions::ENABLE_TABLES
        | MdOptions::ENABLE_FOOTNOTES
        | MdOptions::ENABLE_STRIKETHROUGH
        | MdOptions::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | MdOptions::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut in_code = 0usize;
    let mut in_metadata = 0usize;
    for (event, range) in Parser::new_ext(original, options).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                match tag {
                    Tag::CodeBlock(_) => in_code += 1,
                    Tag::MetadataBlock(_) => in_metadata += 1,
                    Tag::Heading { .. } => headings.push(Span::new(range.start, range.end)),
                    _ => {}
                }
                if matches!(
                    tag,
                    Tag::Paragraph
                        | Tag::Heading { .. }
                        | Tag::Item
                        | Tag::TableCell
                        | Tag::BlockQuote(_)
                        | Tag::FootnoteDefinition(_)
                ) {
                    block_starts.push(range.start);
                }
            }
            Event::End(tag) => match tag {
                TagEnd::CodeBlock => in_code = in_code.saturating_sub(1),
                TagEnd::MetadataBlock(_) => in_metadata = in_metadata.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) if in_code == 0 && in_metadata == 0 => {
                // An escape (`\"`) or entity (`&quot;`) has a source longer than its text: keep
                // the source only where it is the text itself.
                let source = &original[range.clone()];
                if source == t.as_ref() {
                    keep[range].fill(true);
                } else if source.ends_with(t.as_ref()) && t.len() < source.len() {
                    keep[range.end - t.len()..range.end].fill(true);
                }
            }
            _ => {}
        }
    }
    let bytes: Vec<u8> = original
        .bytes()
        .zip(keep)
        .map(|(b, k)| {
            if k || b == b'\n' || b == b'\r' {
                b
            } else {
                b' '
            }
        })
        .collect();
    // Kept ranges are whole Text events, which start and end on char boundaries; everything
    // else became ASCII, so this cannot fail. Fall back to the original rather than panic.
    let text = String::from_utf8(bytes).unwrap_or_else(|_| original.to_string());
    (text, block_starts, headings)
}

/// Plain text wrapped at a fixed width (novels from Project Gutenberg, e-mail): most lines that
/// continue on the next line are of similar, moderate length.
fn looks_hard_wrapped(text: &str) -> bool {
    let mut continued = 0usize;
    let mut wrapped_like = 0usize;
    let mut long = 0usize;
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let len = line.trim_end().chars().count();
        let next_blank = lines.peek().is_none_or(|l| l.trim().is_empty());
        if len == 0 || next_blank {
            continue;
        }
        continued += 1;
        if (40..=100).contains(&len) {
            wrapped_like += 1;
        } else if len > 100 {
            long += 1;
        }
    }
    continued >= 3 && wrapped_like * 10 >= continued * 6 && long * 10 <= continued
}

fn is_blank_line(line: &str) -> bool {
    line.bytes().all(|b| b == b' ' || b == b'\t' || b == b'\r')
}

/// Paragraphs: runs of lines separated by blank lines (or by every line break in text that is
/// not hard-wrapped), also cut where a Markdown block starts. Trimmed of surrounding space.
fn split_paragraphs(text: &str, hard_wrapped: bool, block_starts: &[usize]) -> Vec<Span> {
    let mut paragraphs = Vec::new();
    let mut start: Option<usize> = None;
    let mut offset = 0usize;
    let mut blocks = block_starts.iter().copied().peekable();
    let push = |s: usize, e: usize, out: &mut Vec<Span>| {
        if let Some(span) = trim_span(text, Span::new(s, e)) {
            out.push(span);
        }
    };
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        if is_blank_line(line.trim_end_matches('\n')) {
            if let Some(s) = start.take() {
                push(s, line_start, &mut paragraphs);
            }
            continue;
        }
        // Markdown blocks starting inside this line end the paragraph before them.
        while let Some(&b) = blocks.peek() {
            if b >= offset {
                break;
            }
            blocks.next();
            if let Some(s) = start
                && b > s
            {
                push(s, b, &mut paragraphs);
                start = Some(b);
            }
        }
        if start.is_none() {
            start = Some(line_start);
        }
        if !hard_wrapped && let Some(s) = start.take() {
            push(s, offset, &mut paragraphs);
        }
    }
    if let Some(s) = start {
        push(s, text.len(), &mut paragraphs);
    }
    paragraphs
}

fn trim_span(text: &str, span: Span) -> Option<Span> {
    let slice = &text[span.start..span.end];
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    (!trimmed.is_empty()).then(|| Span::new(span.start + lead, span.start + lead + trimmed.len()))
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "rev", "gen", "lt", "col", "capt", "cmdr",
    "sgt", "maj", "adm", "gov", "sen", "rep", "reps", "sens", "pres", "supt", "hon", "fr",
    "messrs", "mme", "mlle", "no", "nos", "vs", "v", "etc", "inc", "corp", "co", "ltd", "dept",
    "univ", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "ft", "mt", "ave", "blvd", "approx", "e.g", "i.e", "a.m", "p.m", "u.s", "u.n", "u.k", "d.c",
    "n.y",
];

const CLOSERS: &[char] = &[
    '"', '\'', '\u{201D}', '\u{2019}', '\u{00BB}', '\u{203A}', ')', ']', '\u{300D}', '\u{300F}',
    '\u{201C}', '\u{2018}', '\u{00AB}',
];

/// `s` on one line with single spaces: a name or phrase broken across lines in hard-wrapped
/// text ("Marilla\nCuthbert") is shown and compared as it reads.
/// (Borrowed text stays borrowed when it is on one line already, as nearly all of it is.)
pub fn single_spaced<'a>(s: impl Into<Cow<'a, str>>) -> Cow<'a, str> {
    let s = s.into();
    // (One pass: no run of spaces, no other white space.)
    let mut after_space = false;
    let single = s.chars().all(|c| {
        let ok = c != ' ' && !c.is_whitespace() || (c == ' ' && !after_space);
        after_space = c == ' ';
        ok
    });
    if single {
        return s;
    }
    Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// What one paragraph's text alone decides: appends its sentences to `sentences` (see
/// [`split_sentences`]) and returns whether it reads as a headline or dateline (short, without
/// a sentence-ending stop).
pub fn read_paragraph(text: &str, paragraph: Span, sentences: &mut Vec<Span>) -> bool {
    sentences.extend(split_sentences(text, paragraph));
    let t = paragraph.text(text).trim_end();
    t.split_whitespace().nth(25).is_none()
        && (!t.ends_with(['.', '!', '?', '"', '\u{201D}', ':', '\u{2019}']) || is_title_case(t))
}

/// Sentences of one paragraph: cut after `.`, `!`, `?` or `…` (and any closing marks) when the
/// next word starts like a sentence and the stop does not end an abbreviation or initial.
pub fn split_sentences(text: &str, paragraph: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let para = &text[paragraph.start..paragraph.end];
    let mut start = 0usize;
    let mut chars = para.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?' | '\u{2026}') {
            continue;
        }
        // Take the whole run of stops and closing marks.
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if matches!(d, '.' | '!' | '?' | '\u{2026}') || CLOSERS.contains(&d) {
                end = j + d.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let rest = &para[end..];
        let after_space = rest.trim_start();
        if after_space.len() == rest.len() && !rest.is_empty() {
            continue; // no space after the stop: "3.5", "U.S.", "e.g."
        }
        if c == '.'
            && is_abbreviation(&para[..i])
            && !(ends_sentences_too(&para[..i]) && starts_sentences(after_space))
        {
            continue;
        }
        let next = after_space.chars().next();
        let starts_sentence = match next {
            None => true,
            Some(n) => {
                n.is_uppercase()
                    || n.is_numeric()
                    || matches!(
                        n,
                        '"' | '\u{201C}'
                            | '\u{2018}'
                            | '\''
                            | '\u{00AB}'
                            | '\u{201E}'
                            | '('
                            | '['
                            | '\u{2014}'
                            | '\u{2013}'
                            | '-'
                            | '_'
                            | '*'
                    )
            }
        };
        if !starts_sentence {
            continue;
        }
        if let Some(s) = trim_span(
            text,
            Span::new(paragraph.start + start, paragraph.start + end),
        ) {
            out.push(s);
        }
        start = end;
    }
    if let Some(s) = trim_span(text, Span::new(paragraph.start + start, paragraph.end)) {
        out.push(s);
    }
    out
}

/// The run of letters, digits and dots that ends `before` ("U.S" in "in the U.S").
fn trailing_word(before: &str) -> &str {
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.')
        .last()
        .map_or(before.len(), |(i, _)| i);
    &before[start..]
}

fn is_abbreviation(before: &str) -> bool {
    let word = trailing_word(before);
    if word.is_empty() {
        return false;
    }
    // A single capital letter is an initial ("George W. Bush"); "A." ends sentences rarely.
    let mut cs = word.chars();
    if let (Some(first), None) = (cs.next(), cs.next())
        && first.is_uppercase()
    {
        return true;
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// Abbreviations that end a sentence as often as they sit inside one ("in the U.S. He said").
fn ends_sentences_too(before: &str) -> bool {
    let word = trailing_word(before);
    matches!(
        word.to_lowercase().as_str(),
        "u.s"
            | "u.n"
            | "u.k"
            | "d.c"
            | "n.y"
            | "a.m"
            | "p.m"
            | "etc"
            | "inc"
            | "corp"
            | "ltd"
            | "co"
    )
}

/// Whether text begins with a capitalised word that starts sentences and never follows an
/// abbreviation inside a name ("The", "He", "But"; not "Army" after "U.S.").
fn starts_sentences(after: &str) -> bool {
    let word: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
    word.chars().next().is_some_and(char::is_uppercase)
        && matches!(
            word.as_str(),
            "The"
                | "He"
                | "She"
                | "It"
                | "They"
                | "We"
                | "I"
                | "But"
                | "And"
                | "This"
                | "That"
                | "These"
                | "Those"
                | "There"
                | "His"
                | "Her"
                | "Their"
                | "Its"
                | "In"
                | "On"
                | "At"
                | "After"
                | "When"
                | "If"
                | "A"
                | "An"
        )
}

const IGNORE_FILE: &str = "quotelens: ignore-file";
const IGNORE: &str = "quotelens: ignore";

/// `quotelens: ignore-file` anywhere silences the file. `<!-- quotelens: ignore [codes] -->`
/// silences the paragraph holding it, or the next one when it stands alone. The silenced
/// paragraphs come in text order.
fn find_ignore_comments(original: &str, paragraphs: &[Span]) -> (bool, Vec<Silence>) {
    let mut silenced = Vec::new();
    // One search finds both: every ignore-file comment starts with an ignore comment.
    for (at, _) in original.match_indices(IGNORE) {
        if original[at..].starts_with(IGNORE_FILE) {
            return (true, Vec::new());
        }
        let after = &original[at + IGNORE.len()..];
        let line_end = after.find('\n').unwrap_or(after.len());
        let rest = &after[..line_end];
        let rest = rest.split("-->").next().unwrap_or(rest);
        let codes: Vec<String> = rest
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        // The paragraph holding the comment, unless the comment is all it holds (Markdown
        // blanks the comment, so it sits between paragraphs): then the next paragraph.
        // (Paragraphs are in text order and apart: a binary search finds either.)
        let holding = paragraphs
            .get(paragraphs.partition_point(|p| p.end <= at))
            .filter(|p| p.contains(at));
        let only_comment = holding.is_some_and(|p| {
            let t = p.text(original).trim();
            t.starts_with("<!--") && t.ends_with("-->")
        });
        let target = holding
            .filter(|_| !only_comment)
            .or_else(|| paragraphs.get(paragraphs.partition_point(|p| p.start <= at)));
        if let Some(p) = target {
            silenced.push(Silence { span: *p, codes });
        }
    }
    (false, silenced)
}

/// A headline written in title case, stop or not: "Mayor Backs New Harbour Plan." Nearly
/// every word of four letters or more is capitalised, and there are at least three.
fn is_title_case(line: &str) -> bool {
    let words = line
        .split(|c: char| !c.is_alphabetic() && c != '\'' && c != '\u{2019}')
        .filter(|w| w.chars().count() >= 4);
    let (mut capital, mut all) = (0, 0);
    for w in words {
        all += 1;
        capital += usize::from(w.chars().next().is_some_and(char::is_uppercase));
    }
    all >= 3 && capital * 10 >= all * 9
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'t>(text: &'t str, spans: &[Span]) -> Vec<&'t str> {
        spans.iter().map(|s| s.text(text)).collect()
    }

    #[test]
    fn single_spacing_keeps_one_line_text_and_joins_any_other_white_space() {
        for (s, spaced) in [
            ("Marilla Cuthbert", "Marilla Cuthbert"),
            (" Ann ", " Ann "),
            ("Marilla\nCuthbert", "Marilla Cuthbert"),
            ("Marilla  Cuthbert", "Marilla Cuthbert"),
            ("Marilla \tCuthbert", "Marilla Cuthbert"),
            ("Marilla\u{a0}Cuthbert", "Marilla Cuthbert"),
        ] {
            let out = single_spaced(s);
            assert_eq!(out, spaced, "{s:?}");
            assert_eq!(matches!(out, Cow::Borrowed(_)), s == spaced, "{s:?}");
        }
    }

    #[test]
    fn markdown_masks_code_html_front_matter_and_link_targets() {
        let md = "---\ntitle: \"Not a quote\"\n---\n\n# Talks\n\nShe said \"yes\" in [the report](http://x.org/\"a\").\n\n```\nlet s = \"code\";\n```\n\nInline `\"code\"` and <b title=\"x\">bold</b>.\n";
        let prose = Prose::new(md, Format::Markdown);
        assert_eq!(prose.text.len(), md.len());
        assert!(!prose.text.contains("Not a quote"));
        assert!(!prose.text.contains("code\""));
        assert!(!prose.text.contains("http"));
        assert!(!prose.text.contains("title=")); // HTML
        assert!(prose.text.contains("She said \"yes\" in  the report"));
        let paras = texts(&prose.text, &prose.paragraphs);
        assert_eq!(paras[0], "Talks");
        assert!(paras[1].starts_with("She said"));
    }

    #[test]
    fn markup_tags_in_plain_text_are_not_prose() {
        let text = "The mayor posted this.\n\n<post author=\"@harbourmayor\" date=\"May 4,\n2026\">Ferries run “every hour” from today.</post>\n\nA < B, and <3 stays.";
        let prose = Prose::new(text, Format::Plain);
        assert_eq!(prose.text.len(), text.len());
        assert!(!prose.text.contains("author"));
        assert!(!prose.text.contains("@harbourmayor"));
        assert!(prose.text.contains("Ferries run “every hour” from today."));
        assert!(prose.text.contains("A < B, and <3 stays."));
        // The line break inside the attribute value is kept, so lines still count right.
        assert_eq!(prose.text.matches('\n').count(), text.matches('\n').count());
        // Text without a tag is not copied.
        assert!(matches!(
            Prose::new("x < y", Format::Plain).text,
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn offsets_survive_masking_of_multibyte_text() {
        let md = "`«код»` «Привет», сказал он. 😀 “Hi”";
        let prose = Prose::new(md, Format::Markdown);
        let at = md.find('«').unwrap();
        assert!(prose.text[..at].bytes().all(|b| b == b' '));
        let kept = md.rfind("«Привет»").unwrap();
        assert_eq!(&prose.text[kept..], &md[kept..]);
    }

    #[test]
    fn paragraphs_by_blank_lines_in_wrapped_text_and_by_lines_otherwise() {
        let wrapped = "It was a bright cold day in April, and the clocks were striking\nthirteen. Winston Smith, his chin nuzzled into his breast, slipped\nquickly through the glass doors of Victory Mansions, though not\nquickly enough.\n\n\"Hello,\" he said.\r\n";
        let prose = Prose::new(wrapped, Format::Plain);
        assert!(prose.hard_wrapped);
        assert_eq!(prose.paragraphs.len(), 2);
        let news = "Headline here\nThe minister said so on Monday, in a long statement that ran to many words.\n\"It is fine,\" he said.\n";
        let prose = Prose::new(news, Format::Plain);
        assert!(!prose.hard_wrapped);
        assert_eq!(prose.paragraphs.len(), 3);
    }

    #[test]
    fn crlf_paragraphs() {
        let t = "One line.\r\n\r\nTwo line.\r\n";
        let prose = Prose::new(t, Format::Plain);
        assert_eq!(texts(t, &prose.paragraphs), vec!["One line.", "Two line."]);
    }

    #[test]
    fn sentences_respect_abbreviations_initials_and_quotes() {
        let t = "Mr. Smith met Sen. Ted Cruz in the U.S. capital. George W. Bush agreed. \"Is it over?\" she asked. \"Yes.\" He left.";
        let p = Span::new(0, t.len());
        let s = split_sentences(t, p);
        assert_eq!(
            texts(t, &s),
            vec![
                "Mr. Smith met Sen. Ted Cruz in the U.S. capital.",
                "George W. Bush agreed.",
                "\"Is it over?\" she asked.",
                "\"Yes.\"",
                "He left."
            ]
        );
    }

    #[test]
    fn an_abbreviation_ends_a_sentence_before_a_word_that_starts_one() {
        let t = "The ferry left the U.S. Navy pier at 6 p.m. He said it was late. Orders came from the U.S. The crew waited.";
        let s = split_sentences(t, Span::new(0, t.len()));
        assert_eq!(
            texts(t, &s),
            vec![
                "The ferry left the U.S. Navy pier at 6 p.m.",
                "He said it was late.",
                "Orders came from the U.S.",
                "The crew waited."
            ]
        );
    }

    #[test]
    fn ignore_comments_silence_a_paragraph_or_the_file() {
        let t = "First.\n\n<!-- quotelens: ignore unattributed-quote -->\n\"Second.\"\n\nThird.";
        let prose = Prose::new(t, Format::Markdown);
        let second = prose
            .paragraphs
            .iter()
            .find(|p| p.text(t).contains("Second"))
            .unwrap();
        assert!(prose.is_silenced(*second, "unattributed-quote"));
        assert!(!prose.is_silenced(*second, "unclosed-quote"));
        let third = prose.paragraphs.last().unwrap();
        assert!(!prose.is_silenced(*third, "unattributed-quote"));
        let all = Prose::new("x\n<!-- quotelens: ignore-file -->\n", Format::Markdown);
        assert!(all.is_silenced(Span::new(0, 1), "anything"));
    }

    #[test]
    fn several_ignore_comments_each_silence_their_own_paragraph() {
        let t = "One. <!-- quotelens: ignore a -->\n\nTwo.\n\n<!-- quotelens: ignore b -->\n\n\
                 Three.\n\nFour. <!-- quotelens: ignore -->\n\nFive.";
        let prose = Prose::new(t, Format::Plain);
        let at = |word: &str| {
            let start = t.find(word).unwrap();
            Span::new(start, start + word.len())
        };
        assert!(prose.is_silenced(at("One"), "a") && !prose.is_silenced(at("One"), "b"));
        assert!(!prose.is_silenced(at("Two"), "a") && !prose.is_silenced(at("Two"), "b"));
        assert!(prose.is_silenced(at("Three"), "b") && !prose.is_silenced(at("Three"), "a"));
        assert!(prose.is_silenced(at("Four"), "anything"));
        assert!(!prose.is_silenced(at("Five"), "anything"));
        // A span over several paragraphs is silenced where any of them is.
        assert!(prose.is_silenced(Span::new(at("Two").start, at("Three").end), "b"));
    }
}
