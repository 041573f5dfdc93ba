//! Property tests (issue 8): position conversion round-trips on random Unicode; the analysis of
//! random prose keeps its invariants; random edit sequences leave the same text and the same
//! analysis as opening the final text fresh, in the document store and through the server.

mod common;

use common::{Client, Enc, capabilities};
use proptest::prelude::*;
use quotelens::analysis::{Format, Options, analyze};
use quotelens::config::Settings;
use quotelens::invariants::{check_analysis, check_positions};
use quotelens::lsp::documents::Document;
use quotelens::lsp::workspace::Resolved;
use quotelens::position::Encoding;
use serde_json::{Value, json};
use std::sync::Arc;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

/// Characters that make conversions interesting: line endings of every kind, one to four
/// UTF-8 bytes, surrogate pairs in UTF-16, combining marks, quotation marks.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => prop::sample::select(vec![
            'a', ' ', '\n', '\r', '"', '\'', '\u{201C}', '\u{201D}', '\u{00AB}', '\u{00BB}',
            'é', 'Л', 'ж', '😀', '🇺', '\u{0301}', '\u{FEFF}', '\u{2028}', '\t', '\u{0}', '.',
        ]),
        1 => any::<char>(),
    ]
}

fn tricky_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 0..max).prop_map(|cs| cs.into_iter().collect())
}

/// Prose-like text: names, speech verbs, quotation marks of every style, pronouns, Markdown
/// syntax and line breaks, in random order.
fn prose(max_words: usize) -> impl Strategy<Value = String> {
    let words = vec![
        "\"",
        "\u{201C}",
        "\u{201D}",
        "'",
        "\u{2018}",
        "\u{2019}",
        "\u{00AB}",
        "\u{00BB}",
        "said",
        "says",
        "told",
        "according to",
        "Mayor",
        "Helen",
        "Okoro",
        "Daniel",
        "Reyes",
        "Лавров",
        "he",
        "she",
        "they",
        "the engineer",
        "a spokeswoman",
        "noted that",
        ",",
        ".",
        ":",
        "?",
        "\n",
        "\n\n",
        "\r\n",
        "# ",
        "> ",
        "* ",
        "`",
        "```\n",
        "[link](http://x)",
        "<!-- quotelens: ignore -->",
        "quotelens: ignore-file",
        "We",
        "will",
        "see",
        "not",
        "this",
        "year",
        "😀",
        "—",
        "''",
    ];
    prop::collection::vec(prop::sample::select(words), 0..max_words).prop_map(|ws| {
        let mut s = String::new();
        for w in ws {
            if !s.is_empty() && !w.starts_with(['\n', ',', '.', ':', '?']) && !s.ends_with('\n') {
                s.push(' ');
            }
            s.push_str(w);
        }
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn positions_round_trip_in_every_encoding(text in tricky_text(80)) {
        if let Err(e) = check_positions(&text) {
            prop_assert!(false, "{e}\ntext: {text:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn analysis_invariants_hold_on_random_prose(
        text in prose(60),
        markdown in any::<bool>(),
        apostrophes in any::<bool>(),
    ) {
        let mut options = Options::new(if markdown { Format::Markdown } else { Format::Plain });
        options.two_apostrophe_quotes = apostrophes;
        let a = analyze(&text, &options);
        if let Err(e) = check_analysis(&text, &a) {
            prop_assert!(false, "{e}\ntext: {text:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Settings are user input too: any extra verbs and aliases (any script, any length) are
    /// accepted and the analysis runs with them.
    #[test]
    fn any_extra_verbs_and_aliases_are_accepted(
        verbs in prop::collection::vec(tricky_text(8), 0..6),
        aliases in prop::collection::vec((tricky_text(10), tricky_text(10)), 0..4),
        text in prose(30),
    ) {
        let mut s = Settings::default();
        let aliases: serde_json::Map<String, Value> =
            aliases.into_iter().map(|(a, b)| (a, Value::String(b))).collect();
        s.apply(&json!({"extraVerbs": verbs, "aliases": aliases}), "");
        let a = analyze(&text, &s.options(Format::Plain));
        if let Err(e) = check_analysis(&text, &a) {
            prop_assert!(false, "{e}\ntext: {text:?}");
        }
    }
}

/// One edit: where (fractions of the text), how much to replace, what to insert, and the
/// encoding the client counts in.
#[derive(Clone, Debug)]
struct EditSpec {
    at: f64,
    len: f64,
    insert: String,
    enc: Enc,
}

fn edit_spec() -> impl Strategy<Value = EditSpec> {
    (
        0.0..=1.0f64,
        prop_oneof![2 => Just(0.0), 1 => 0.0..0.3f64],
        prop_oneof![1 => Just(String::new()), 3 => prose(6), 1 => tricky_text(5)],
        prop::sample::select(vec![Enc::Utf8, Enc::Utf16, Enc::Utf32]),
    )
        .prop_map(|(at, len, insert, enc)| EditSpec {
            at,
            len,
            insert,
            enc,
        })
}

/// The byte range an edit replaces in `text`, on character boundaries and never between a
/// `\r` and its `\n` (no LSP position says that place).
fn byte_range(text: &str, e: &EditSpec) -> (usize, usize) {
    let place = |o: usize| {
        let o = text.floor_char_boundary(o);
        if o > 0 && text[..o].ends_with('\r') && text[o..].starts_with('\n') {
            o - 1
        } else {
            o
        }
    };
    let start = place((e.at * text.len() as f64) as usize);
    let end = place(start + (e.len * text.len() as f64) as usize);
    (start, end.max(start))
}

fn lsp_range(text: &str, start: usize, end: usize, enc: Enc) -> Range {
    let pos = |o: usize| {
        let p = common::position(text, o, enc);
        Position::new(
            p["line"].as_u64().unwrap() as u32,
            p["character"].as_u64().unwrap() as u32,
        )
    };
    Range::new(pos(start), pos(end))
}

fn encoding(enc: Enc) -> Encoding {
    match enc {
        Enc::Utf8 => Encoding::Utf8,
        Enc::Utf16 => Encoding::Utf16,
        Enc::Utf32 => Encoding::Utf32,
    }
}

/// The analysis of a document as `quotelens extract --format json` prints it.
fn analysis_of(doc: &Document, uri: &Uri) -> Value {
    let snap = doc
        .job(uri, Arc::new(Resolved::new(Settings::default())))
        .run();
    quotelens::report::analysis_json("doc", &snap.text, snap.analysis())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn edit_sequences_give_the_text_and_analysis_of_opening_it_fresh(
        start in prose(40),
        edits in prop::collection::vec(edit_spec(), 1..25),
        markdown in any::<bool>(),
    ) {
        let uri: Uri = if markdown { "file:///p/doc.md" } else { "file:///p/doc.txt" }
            .parse()
            .unwrap();
        let mut doc = Document::new("plaintext".into(), 1, start.clone(), 1);
        let mut model = start;
        for (i, e) in edits.iter().enumerate() {
            let (a, b) = byte_range(&model, e);
            let change = TextDocumentContentChangeEvent {
                range: Some(lsp_range(&model, a, b, e.enc)),
                range_length: None,
                text: e.insert.clone(),
            };
            model.replace_range(a..b, &e.insert);
            doc.apply(i as i32 + 2, vec![change], encoding(e.enc), i as u64 + 2);
            prop_assert_eq!(&doc.text, &model);
        }
        let fresh = Document::new("plaintext".into(), 1, model.clone(), 1);
        prop_assert_eq!(analysis_of(&doc, &uri), analysis_of(&fresh, &uri));
        // The document's line index agrees with one built from scratch.
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for o in (0..=model.len()).filter(|&o| model.is_char_boundary(o)) {
                prop_assert_eq!(
                    doc.lines.position(&model, o, enc),
                    fresh.lines.position(&model, o, enc)
                );
            }
        }
    }
}

proptest! {
    // Each case starts a server: few cases, each a whole editing session.
    #![proptest_config(ProptestConfig::with_cases(6))]

    #[test]
    fn through_the_server_edits_give_the_analysis_of_the_final_text_opened_fresh(
        start in prose(60),
        edits in prop::collection::vec(edit_spec(), 1..40),
        enc in prop::sample::select(vec![Enc::Utf8, Enc::Utf16, Enc::Utf32]),
    ) {
        let mut c = Client::spawn();
        c.initialize(capabilities(enc), None, Value::Null);
        let uri = "file:///p/edited.txt";
        c.open(uri, "plaintext", &start);
        for e in &edits {
            let (a, b) = byte_range(c.text(uri), e);
            c.edit(uri, a, b, &e.insert);
        }
        let final_text = c.text(uri).to_string();
        let (server_text, _) = c.server_text(uri);
        prop_assert_eq!(&server_text, &final_text);
        c.open("file:///p/fresh.txt", "plaintext", &final_text);
        let edited = c.request("quotelens/analysis", json!({"textDocument": {"uri": uri}}));
        let fresh = c.request(
            "quotelens/analysis",
            json!({"textDocument": {"uri": "file:///p/fresh.txt"}}),
        );
        let without_path = |mut v: Value| {
            v.as_object_mut().unwrap().remove("path");
            v
        };
        prop_assert_eq!(without_path(edited), without_path(fresh));
    }
}

/// Inputs the property tests and fuzz targets found, kept as plain tests.
#[test]
fn found_inputs_keep_the_invariants() {
    let cases: &[(&str, Format, bool)] = &[
        // A reported clause ran into a direct quotation crossing its sentence's end.
        ("\"\n\nMayor said said \" '. \"", Format::Plain, false),
        (
            "Okoro said the plan was \"bold. It is also late,\" and left.",
            Format::Plain,
            false,
        ),
        // Two mentions starting at one word.
        (
            "Mayor [link](http://x) said said ''",
            Format::Markdown,
            true,
        ),
        // A description ending at a title that begins a name ("that Mayor" in "that Mayor Helen").
        ("» ```\n, noted that Mayor Helen", Format::Plain, false),
        ("» ```\n, noted that Mayor Helen", Format::Markdown, false),
        ("a spokeswoman Mayor Helen \"", Format::Plain, false),
        // Reported sources "that Mayor" and "Mayor the engineer" crossed each other.
        (
            "\" \" \" \" \" \" \" \" \" \" \" \" \" \" \" \" \" \" \"\nnoted that Mayor the engineer said said",
            Format::Plain,
            false,
        ),
        (
            "He noted that Mayor the engineer said it.",
            Format::Plain,
            false,
        ),
        // Reported sources read across cues ("will said said We said said") crossed each other
        // (found by this property test in CI).
        (
            "according to will according to will said said We said said the engineer",
            Format::Plain,
            false,
        ),
        // Turn-taking gave a quote a speaker but no mention (found by the fuzzer in CI).
        (
            "\"Wend%ere are you going?\" asked Mira.\n\n\"Out,\" said Jonah.\n\n\"When )nnnnnnnnnnnnnnnnnnnnnnnnnnnnn%ere are you going?\" asked Mira.\n\n\"Out,\" said Jon\u{FFFD}h.\n\n\"When will yonnnnnnnnnill y\n\nShe sighed. ,eate.\"\n\nShe sighed. ,e\"\u{201D}+",
            Format::Plain,
            false,
        ),
    ];
    for &(text, format, apostrophes) in cases {
        let mut options = Options::new(format);
        options.two_apostrophe_quotes = apostrophes;
        let a = analyze(text, &options);
        check_analysis(text, &a).unwrap_or_else(|e| panic!("{e}\ntext: {text:?}"));
    }
    // An extra verb ending in a character of several bytes panicked while its forms were made.
    let mut s = Settings::default();
    s.apply(&json!({"extraVerbs": ["ж€", "ququé"]}), "");
    let text = "Ivan ж€ \"hi.\"";
    check_analysis(text, &analyze(text, &s.options(Format::Plain))).unwrap();
}
