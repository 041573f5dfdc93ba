//! Behaviour of the whole analysis on short texts written for these tests: every quotation
//! convention, every attribution pattern, mentions and entities, and every finding.

use super::*;

fn run(text: &str) -> Analysis {
    analyze(text, &Options::default())
}

fn run_as(text: &str, style: Style) -> Analysis {
    analyze(
        text,
        &Options {
            style,
            ..Options::default()
        },
    )
}

fn run_md(text: &str) -> Analysis {
    analyze(text, &Options::new(Format::Markdown))
}

/// (quote text, speaker name, rule) for each top-level quote.
fn attributions(text: &str, a: &Analysis) -> Vec<(String, Option<String>, &'static str)> {
    a.quotes
        .iter()
        .filter(|q| q.depth == 0 && q.kind.is_direct())
        .map(|q| {
            (
                q.span.text(text).to_string(),
                q.speaker.map(|e| a.entities[e].name.clone()),
                q.rule.as_str(),
            )
        })
        .collect()
}

fn speaker_of(text: &str, a: &Analysis, quote_start: &str) -> Option<String> {
    let at = text.find(quote_start).expect("quote in text");
    let q = a.quote_at(at).expect("a quote there");
    a.speaker_of(q).map(|e| e.name.clone())
}

fn codes(a: &Analysis) -> Vec<&'static str> {
    a.findings.iter().map(|f| f.code.as_str()).collect()
}

fn apply(text: &str, fix: &Fix) -> String {
    let mut out = text.to_string();
    let mut edits = fix.edits.clone();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    for e in edits {
        out.replace_range(e.span.start..e.span.end, &e.new_text);
    }
    out
}

// ---- quotation mark conventions -------------------------------------------------------

#[test]
fn every_mark_convention_is_a_quote() {
    let cases = [
        "\"We will build it,\" the mayor said.",
        "\u{201C}We will build it,\u{201D} the mayor said.",
        "\u{2018}We will build it,\u{2019} the mayor said.",
        "'We will build it,' the mayor said.",
        "\u{00AB}We will build it\u{00BB}, the mayor said.",
        "\u{00AB} We will build it \u{00BB}, the mayor said.",
        "\u{00BB}We will build it\u{00AB}, the mayor said.",
        "\u{201E}We will build it\u{201C}, the mayor said.",
        "\u{201A}We will build it\u{2018}, the mayor said.",
        "\u{300C}We will build it\u{300D}, the mayor said.",
    ];
    for text in cases {
        let a = run(text);
        let top: Vec<_> = a.quotes.iter().filter(|q| q.depth == 0).collect();
        assert_eq!(top.len(), 1, "{text}");
        assert!(
            top[0].content.text(text).contains("We will build it"),
            "{text}"
        );
        assert_eq!(top[0].kind, QuoteKind::Speech, "{text}");
        assert!(top[0].close.is_some(), "{text}");
    }
}

#[test]
fn apostrophes_are_not_quotes() {
    let text = "The students\u{2019} union said it won\u{2019}t back rock \u{2019}n\u{2019} roll from the \u{2019}90s, and the girls' team agreed.";
    let a = run(text);
    assert!(
        attributions(text, &a).is_empty(),
        "{:?}",
        attributions(text, &a)
    );
    assert!(
        a.findings
            .iter()
            .all(|f| f.code != FindingCode::UnmatchedClosingQuote)
    );
}

#[test]
fn nested_quotes_keep_the_outer_speaker() {
    let text =
        "\u{201C}She told me \u{2018}never again,\u{2019} and left,\u{201D} Ruth Okafor said.";
    let a = run(text);
    assert_eq!(a.quotes.len(), 2);
    let inner = a.quotes.iter().find(|q| q.depth == 1).unwrap();
    assert_eq!(inner.span.text(text), "\u{2018}never again,\u{2019}");
    assert_eq!(inner.rule, Rule::Nested);
    assert_eq!(
        speaker_of(text, &a, "\u{201C}She told"),
        Some("Ruth Okafor".into())
    );
}

#[test]
fn multi_paragraph_quote_is_one_utterance() {
    let text = "Mayor Elena Marsh spoke for an hour. She said:\n\n\u{201C}The plans are ready.\n\n\u{201C}The money is there.\n\n\u{201C}Only the courage is missing.\u{201D}\n\nThe council did not vote.";
    let a = run(text);
    let top: Vec<_> = a.quotes.iter().filter(|q| q.depth == 0).collect();
    assert_eq!(top.len(), 3);
    assert!(top.iter().all(|q| q.utterance == top[0].utterance));
    assert!(
        top.iter()
            .all(|q| q.speaker == top[0].speaker && q.speaker.is_some())
    );
    assert!(!codes(&a).contains(&"unclosed-quote"));
}

#[test]
fn interrupted_quote_is_one_utterance_in_parts() {
    let text = "\u{201C}It\u{2019}ll be our\u{201D}\u{2014}she leaned to his ear\u{2014}\u{201C}shared secret.\u{201D}";
    let a = run(text);
    assert_eq!(a.quotes.len(), 2);
    assert_eq!(a.quotes[0].utterance, a.quotes[1].utterance);
    let text = "\"I think,\" Tomas Brenner said, \"that we should wait.\"";
    let a = run(text);
    assert_eq!(a.quotes[0].utterance, a.quotes[1].utterance);
    assert_eq!(a.quotes[0].rule, Rule::TrailingCue);
    assert_eq!(a.quotes[1].rule, Rule::InterruptedQuote);
    assert_eq!(a.quotes[1].speaker, a.quotes[0].speaker);
}

#[test]
fn punctuation_inside_or_outside_the_closing_mark() {
    for text in [
        "\"We explained our approach,\" Ruth Okafor said.",
        "\"We explained our approach\", Ruth Okafor said.",
    ] {
        let a = run(text);
        assert_eq!(
            speaker_of(text, &a, "\"We"),
            Some("Ruth Okafor".into()),
            "{text}"
        );
    }
}

#[test]
fn unclosed_quote_ends_with_its_paragraph_and_is_reported() {
    let text = "\"We will never agree, Brenner said.\n\nThe meeting ended at ten. \"Fine,\" said Ruth Okafor.";
    let a = run(text);
    let first = &a.quotes[0];
    assert!(first.close.is_none());
    assert!(first.span.end <= text.find("\n\n").unwrap());
    let f = a
        .findings
        .iter()
        .find(|f| f.code == FindingCode::UnclosedQuote)
        .unwrap();
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.related[0].span, first.open.unwrap().span);
    // the next paragraph's quote is unaffected
    assert_eq!(speaker_of(text, &a, "\"Fine"), Some("Ruth Okafor".into()));
    // the fix closes it
    let fixed = apply(text, &f.fixes[0]);
    assert!(!codes(&run(&fixed)).contains(&"unclosed-quote"), "{fixed}");
}

#[test]
fn two_apostrophes_are_direct_quote_marks_only_when_asked() {
    let text = "''We will wait,'' Tomas Brenner said. ''The vote can keep.''";
    // Without the option the marked words are reported speech holding quoted words (mixed),
    // still bounded by the marks and still Tomas Brenner's.
    let a = run(text);
    assert!(
        a.quotes.iter().all(|q| q.kind == QuoteKind::Mixed),
        "{:?}",
        a.quotes
    );
    assert_eq!(a.quotes[0].span.text(text), "''We will wait,''");
    assert_eq!(
        a.speaker_of(0).map(|e| e.name.as_str()),
        Some("Tomas Brenner")
    );
    // An inch mark is no quotation mark.
    let inches = "The pipe is 12'' wide, the plumber said.";
    assert!(run(inches).quotes.iter().all(|q| q.open.is_none()));
    let opts = Options {
        two_apostrophe_quotes: true,
        ..Options::default()
    };
    let a = analyze(text, &opts);
    assert_eq!(a.quotes[0].kind, QuoteKind::Speech);
    assert_eq!(
        a.speaker_of(0).map(|e| e.name.as_str()),
        Some("Tomas Brenner")
    );
}

// ---- attribution patterns -------------------------------------------------------------

#[test]
fn trailing_cue_both_orders() {
    let text = "\"The money is there,\" Mayor Elena Marsh said.\n\n\"The plans are there,\" said Councillor Tomas Brenner.";
    let a = run(text);
    let got = attributions(text, &a);
    assert_eq!(got[0].1.as_deref(), Some("Elena Marsh"));
    assert_eq!(got[0].2, "trailing-cue");
    assert_eq!(got[1].1.as_deref(), Some("Tomas Brenner"));
    assert_eq!(got[1].2, "trailing-cue");
}

#[test]
fn surnames_that_look_like_adverbs_or_participles_still_speak() {
    // "Kelly", "Emily" end like adverbs, "Manning", "Zaheed" like participles, "Will" is an
    // auxiliary: each opens the clause after a closing quote, where any word is capitalised.
    let text = "\"The ferry is late again,\" Manning said.\n\n\"It was late on Monday too,\" Emily added.\n\n\"Nobody told us,\" Zaheed said.\n\n\"We will write to the council,\" said Will Doyle, a pensioner.";
    let a = run(text);
    let got = attributions(text, &a);
    let speakers: Vec<Option<&str>> = got.iter().map(|g| g.1.as_deref()).collect();
    assert_eq!(
        speakers,
        [
            Some("Manning"),
            Some("Emily"),
            Some("Zaheed"),
            Some("Will Doyle")
        ]
    );
    assert!(got.iter().all(|g| g.2 == "trailing-cue"), "{got:?}");
}

#[test]
fn surnames_that_are_function_words_speak_once_introduced() {
    // "Will" is an auxiliary and "From" a preposition, but after a given name inside a sentence
    // they are surnames, and alone before "wrote" or "said" they are those people again. Not
    // "I" or a day: "Ruiz on Monday said" keeps Ruiz.
    let text = "Columnist George Will attacked the plan this week.\n\n\"The plan is a folly,\" Will wrote.\n\nThe party was adrift, said Al From, who founded the council. \"We had no ideas,\" From said.\n\n\"I agree,\" I said. Ana Ruiz spoke next. \"Enough,\" she said, and Monday called it \"a farce.\"";
    let a = run(text);
    let got = attributions(text, &a);
    let speakers: Vec<Option<&str>> = got.iter().map(|g| g.1.as_deref()).collect();
    assert_eq!(
        speakers[..2],
        [Some("George Will"), Some("Al From")],
        "{got:?}"
    );
    assert_eq!(got[0].2, "trailing-cue");
    assert_ne!(speakers[2], Some("I"));
    assert!(!a.entities.iter().any(|e| e.name == "Monday"), "{got:?}");
    // The reported clause's source is the whole name, not "George" before an auxiliary.
    let r = run("George Will wrote that the plan was a folly.");
    let indirect = r
        .quotes
        .iter()
        .find(|q| q.kind == QuoteKind::Indirect)
        .unwrap();
    let e = indirect.speaker.unwrap();
    assert_eq!(r.entities[e].name, "George Will");
}

#[test]
fn an_opening_mark_typed_for_an_apostrophe_opens_no_quote() {
    let text = "On CBS\u{2018} morning show, she said, \u{201C}We will win.\u{201D} Obama\u{2018}s aide agreed.";
    let a = run(text);
    assert_eq!(a.quotes.len(), 1, "{:?}", a.quotes);
    assert!(!codes(&a).contains(&"unclosed-quote"));
}

#[test]
fn an_inverted_subject_owned_by_a_place_is_the_person() {
    let text = "\"The harbour needs dredging,\" said Norway\u{2019}s Ola Berg, an engineer.";
    let a = run(text);
    let got = attributions(text, &a);
    assert_eq!(got[0].1.as_deref(), Some("Ola Berg"));
    assert_eq!(got[0].2, "trailing-cue");
}

#[test]
fn a_subject_from_a_place_is_the_person_not_the_place() {
    let text = "\"The bill is dead,\" Senator Ann Vos of Texas said.\n\nThe Bank of England said rates would rise.";
    let a = run(text);
    assert_eq!(attributions(text, &a)[0].1.as_deref(), Some("Ann Vos"));
    // An organisation's own "of" is part of its name.
    assert!(a.entities.iter().any(|e| e.name == "Bank of England"));
    assert!(!a.entities.iter().any(|e| e.name == "Texas"));
}

#[test]
fn leading_cue_with_colon_and_that() {
    let text = "Ruth Okafor said on Tuesday: \"Every figure has been checked.\"\n\nTomas Brenner said that \"nobody is against ferries.\"\n\nElena Marsh added, \"We will decide.\"";
    let a = run(text);
    let got = attributions(text, &a);
    assert_eq!(got[0].1.as_deref(), Some("Ruth Okafor"));
    assert_eq!(got[0].2, "leading-cue");
    assert_eq!(got[1].1.as_deref(), Some("Tomas Brenner"));
    assert_eq!(got[2].1.as_deref(), Some("Elena Marsh"));
}

#[test]
fn a_subject_with_a_party_tag_speaks_before_a_colon() {
    // The tag's abbreviation stop ("R-Ore.,") does not end the subject; a place's ("Salem,
    // Ore.,") is no subject at all.
    let text = "Senator Ann Vos, R-Ore., had a blunt message for the board: \"Fix the ferry.\"\n\nIn Salem, Ore., the mood was grim: \"We wait.\"";
    let a = run(text);
    let got = attributions(text, &a);
    assert_eq!(got[0].1.as_deref(), Some("Ann Vos"), "{got:?}");
    assert_eq!(got[0].2, "leading-colon");
    assert_ne!(got[1].1.as_deref(), Some("Ore"), "{got:?}");
}

#[test]
fn a_place_name_with_a_who_clause_is_a_person() {
    // "Jordan" names a country, but "Jordan, who ..." is somebody; "of Flint, Mich.," stays a
    // place on the way to the name.
    let text = "\"The streets are clean,\" Jordan, who owns a cafe, said.\n\n\"We are fine,\" Cory James, 22, of Flint, Mich., said.";
    let a = run(text);
    let got = attributions(text, &a);
    assert_eq!(got[0].1.as_deref(), Some("Jordan"), "{got:?}");
    assert_eq!(got[0].2, "trailing-cue");
    assert_eq!(got[1].1.as_deref(), Some("Cory James"), "{got:?}");
}

#[test]
fn the_paragraph_before_does_not_make_a_quote_a_title() {
    // "podcast" ends the line before, unstopped: it is not the quote's context.
    let text = "Listen to our podcast\n\n\u{201C}Big news\u{201D} arrived at the harbour.";
    let a = run(text);
    assert_ne!(a.quotes[0].kind, QuoteKind::Title);
    let a = run("Listen to our podcast \u{201C}Big news\u{201D} tonight.");
    assert_eq!(a.quotes[0].kind, QuoteKind::Title);
}

#[test]
fn a_thing_placed_somewhere_speaks_not_the_place() {
    let text = "The sign on the door read: \"No dogs after dark.\"";
    let a = run(text);
    let q = a.quote_at(text.find('"').unwrap()).expect("a quote");
    let m = a.quotes[q].mention.expect("a mention");
    assert_eq!(a.mentions[m].span.text(text), "The sign on the door");
}

#[test]
fn according_to_and_speaker_label() {
    let text = "According to Ruth Okafor, \"the terminal will open in May.\"\n\nTomas Brenner: \"We asked for the noise study twice.\"";
    let a = run(text);
    let got = attributions(text, &a);
    assert_eq!(got[0].1.as_deref(), Some("Ruth Okafor"));
    assert_eq!(got[0].2, "according-to");
    assert_eq!(got[1].1.as_deref(), Some("Tomas Brenner"));
    assert_eq!(got[1].2, "speaker-label");
}

#[test]
fn quote_only_paragraph_continues_the_previous_speaker() {
    let text = "\"We studied it for six years,\" Mayor Elena Marsh said.\n\n\"Every delay adds to the bill.\"";
    let a = run(text);
    let got = attributions(text, &a);
    assert_eq!(got[1].1.as_deref(), Some("Elena Marsh"));
    assert_eq!(got[1].2, "paragraph-continuation");
}

#[test]
fn the_style_decides_cue_less_turns_and_whether_first_names_are_enough() {
    // Too short a scene to tell by itself: read as news unless the writer says fiction.
    let text = "\"The ferry is late again,\" said Nell.\n\n\"It always is in March,\" said Tom.\n\n\
                \"Then we walk.\"\n\n\"In this rain?\"\n";
    let news = run(text);
    assert_eq!(news.style, Style::News);
    let got = attributions(text, &news);
    assert_eq!(got[2].1.as_deref(), Some("Tom"));
    assert_eq!(got[2].2, "paragraph-continuation");
    assert_eq!(
        codes(&news)
            .iter()
            .filter(|c| **c == "speaker-not-introduced")
            .count(),
        2
    );
    let fiction = run_as(text, Style::Fiction);
    assert_eq!(fiction.style, Style::Fiction);
    let got: Vec<(Option<String>, &str)> = attributions(text, &fiction)
        .into_iter()
        .map(|(_, s, r)| (s, r))
        .collect();
    assert_eq!(
        got[2..],
        [
            (Some("Nell".to_string()), "turn-taking"),
            (Some("Tom".to_string()), "turn-taking")
        ]
    );
    assert!(!codes(&fiction).contains(&"speaker-not-introduced"));
    // Forcing news on a text that reads as fiction by itself.
    let scene = "\"Is it far?\" asked Nell.\n\n\"Not far,\" said Tom.\n\n\"Are you sure?\" asked Nell.\n\n\
                 \"Quite sure,\" said Tom.\n\n\"Will you carry the bag?\" asked Nell.\n\n\"If you ask me,\" said Tom.\n";
    assert_eq!(run(scene).style, Style::Fiction);
    assert!(!codes(&run(scene)).contains(&"speaker-not-introduced"));
    let as_news = run_as(scene, Style::News);
    assert_eq!(as_news.style, Style::News);
    assert!(codes(&as_news).contains(&"speaker-not-introduced"));
}

#[test]
fn weaker_rules_sentence_cue_adjacent_cue_and_sentence_subject() {
    let text = "Tomas Brenner called the plan \"a blank cheque\" on Monday.\n\nRuth Okafor said the study was ready. \"You can read it next week.\"\n\nElena Marsh thanked the crews for their \"patient, careful work.\"";
    let a = run(text);
    let got = attributions(text, &a);
    assert_eq!(got[0].1.as_deref(), Some("Tomas Brenner"));
    assert_eq!(got[0].2, "sentence-cue");
    assert_eq!(got[1].1.as_deref(), Some("Ruth Okafor"));
    assert_eq!(got[1].2, "adjacent-cue");
    assert_eq!(got[2].1.as_deref(), Some("Elena Marsh"));
    assert_eq!(got[2].2, "sentence-subject");
}

#[test]
fn an_embedded_quote_takes_its_own_sentence_subject_before_a_neighbouring_speaker() {
    // The quote before and the cue before name Voss; the scare quote sits inside a sentence
    // whose subject is Ruiz.
    let text = "\"The bridge is safe,\" Anton Voss said on Friday. Mara Ruiz sees the repairs as \"a patch on a patch\" all the same.\n\nAnton Voss told the council the cost was fixed. Mara Ruiz regards that promise as \"fiction.\"";
    let a = run(text);
    let got = attributions(text, &a);
    assert_eq!(got[1].1.as_deref(), Some("Mara Ruiz"), "{got:?}");
    assert_eq!(got[1].2, "sentence-subject");
    assert_eq!(got[2].1.as_deref(), Some("Mara Ruiz"), "{got:?}");
}

#[test]
fn a_participle_cue_after_an_addressee_or_a_medium_takes_the_clause_subject() {
    let text = "Mayor Ines Duarte sent a letter to Governor Paul Hale asking for \"a real timetable.\"\n\nThe council posted a notice on Facebook reading \"The pool stays shut.\"\n\nThe union spoke at the hearing, with Karl Brandt saying the deal was \"a start.\"";
    let a = run(text);
    let got = attributions(text, &a);
    assert_eq!(got[0].1.as_deref(), Some("Ines Duarte"), "{got:?}");
    let notice = a.quote_at(text.find("\"The pool").unwrap()).unwrap();
    let source = a.quotes[notice]
        .mention
        .map(|m| a.mentions[m].span.text(text));
    assert_eq!(source, Some("The council"));
    assert_eq!(got[2].1.as_deref(), Some("Karl Brandt"), "{got:?}");
}

#[test]
fn a_cue_inside_a_reported_clause_is_the_reporters_account() {
    // The words in marks are Lena Park's account of what the governor said; a relative clause
    // ends the reported clause.
    let text = "Governor Omar Haddad spoke last. Senator Lena Park said Haddad told her the bridge would be \"finished by June.\"\n\nLater Omar Haddad told reporters the cost was \"under control.\"\n\nThe clerk said this which made Lena Park ask, \"Who checked?\"";
    let a = run(text);
    let got = attributions(text, &a);
    assert_eq!(got[0].1.as_deref(), Some("Lena Park"), "{got:?}");
    assert_eq!(got[1].1.as_deref(), Some("Omar Haddad"), "{got:?}");
    assert_eq!(got[2].1.as_deref(), Some("Lena Park"), "{got:?}");
}

#[test]
fn a_participle_after_a_said_clause_shares_its_speaker() {
    let text = "The ferry will run again in May, Ana Ruiz said, adding, \"We are ready.\"\n\nThe harbour board met Omar Haddad, who said the pier was sound, on Friday, saying, \"We checked it twice.\"";
    let a = run(text);
    let got = attributions(text, &a);
    assert_eq!(got[0].1.as_deref(), Some("Ana Ruiz"), "{got:?}");
    let board = a.quotes[a.quote_at(text.find("\"We checked").unwrap()).unwrap()].mention;
    assert_eq!(
        board.map(|m| a.mentions[m].span.text(text)),
        Some("The harbour board")
    );
}

#[test]
fn an_organisation_named_watch_speaks() {
    // "Watch" opens sentences ("Watch: ...") but heads names of watchdog groups.
    let text = "\"The records were withheld,\" Harbour Rights Watch added.\n\nWatch the vote closely, the chair told members.";
    let a = run(text);
    let got = attributions(text, &a);
    assert_eq!(got[0].1.as_deref(), Some("Harbour Rights Watch"), "{got:?}");
    assert!(!a.entities.iter().any(|e| e.name.starts_with("Watch")));
}

#[test]
fn a_digest_labels_its_sources_after_a_dash_or_with_from() {
    let text = "TURNOUT FELL IN EVERY WARD - Ana Ruiz and Tom Varga: \u{201C}Fewer people voted.\u{201D} [Ledger.]\n\n\
                Pollsters agree - Carl Brandt: \u{201C}The samples were thin.\u{201D} [Ledger.]\n\n\
                What it means - More from Ruiz and Varga: \u{201C}The rural vote held.\u{201D} [Ledger.]\n\n\
                Not all panels are equal. From the survey report: \u{201C}Samples vary.\u{201D}";
    let a = run(text);
    let got = attributions(text, &a);
    let rules: Vec<&str> = got.iter().map(|g| g.2).collect();
    assert_eq!(rules, ["speaker-label"; 4], "{got:?}");
    assert_eq!(got[0].1.as_deref(), Some("Tom Varga"));
    assert_eq!(got[1].1.as_deref(), Some("Carl Brandt"));
    assert_eq!(got[2].1.as_deref(), Some("Tom Varga"));
    let survey = a.quotes[a.quote_at(text.find("\u{201C}Samples").unwrap()).unwrap()].mention;
    assert_eq!(
        survey.map(|m| a.mentions[m].span.text(text)),
        Some("the survey report")
    );
}

#[test]
fn a_middle_initial_is_part_of_the_name_not_an_honorific() {
    let text = "\"The map has shifted,\" said Jeffrey M. Jones.\n\n\"It will shift again,\" Jeffrey Jones added.\n\nM. Dupont disagreed. \"Non,\" said M. Dupont.";
    let a = run(text);
    let got = attributions(text, &a);
    assert_eq!(got[0].1.as_deref(), Some("Jeffrey M. Jones"), "{got:?}");
    assert_eq!(got[1].1.as_deref(), Some("Jeffrey M. Jones"), "{got:?}");
    let dupont = a
        .entities
        .iter()
        .find(|e| e.name == "M. Dupont")
        .expect("M. Dupont");
    assert_eq!(dupont.titles, ["M."]);
}

#[test]
fn a_thing_called_something_is_not_its_speaker() {
    let text = "Mayor Ines Duarte screened a short film called \"Low Tide\" for the council.";
    let a = run(text);
    let got = attributions(text, &a);
    assert_eq!(got[0].1.as_deref(), Some("Ines Duarte"), "{got:?}");
}

#[test]
fn an_expletive_it_is_no_speaker() {
    let text = "Mayor Ines Duarte toured Iowa on Monday. It's the \"heartland\" of her campaign.\n\n\
                The board toured Ohio on Friday. It is the \"engine room\" of the region.";
    let a = run(text);
    for quote in ["\"heartland", "\"engine"] {
        let q = &a.quotes[a.quote_at(text.find(quote).unwrap()).unwrap()];
        let source = q.mention.map(|m| a.mentions[m].span.text(text));
        assert!(
            source.is_none_or(|s| !s.starts_with("It")),
            "{quote}: {source:?}"
        );
    }
}

#[test]
fn colon_after_a_subject_and_bylines() {
    let text = "Mayor Elena Marsh had a blunt message for the council: \"Decide.\"\n\n\u{201C}A town that never builds becomes a museum.\u{201D} \u{2014} Elena Marsh";
    let a = run(text);
    let got = attributions(text, &a);
    assert_eq!(got[0].1.as_deref(), Some("Elena Marsh"));
    assert_eq!(got[0].2, "leading-colon");
    assert_eq!(got[1].1.as_deref(), Some("Elena Marsh"));
}

#[test]
fn pronoun_and_description_cues_resolve_to_the_person() {
    let text = "Russian Foreign Minister Sergey Lavrov met reporters in the capital on Monday.\n\n\"We explained our approach,\" he said.\n\n\"We expect a reply,\" the Russian top diplomat added.";
    let a = run(text);
    let got = attributions(text, &a);
    assert_eq!(got[0].1.as_deref(), Some("Sergey Lavrov"));
    assert_eq!(got[1].1.as_deref(), Some("Sergey Lavrov"));
    let lavrov = a
        .entities
        .iter()
        .find(|e| e.name == "Sergey Lavrov")
        .unwrap();
    assert!(
        lavrov
            .titles
            .iter()
            .any(|t| t == "Russian Foreign Minister")
    );
    let forms: Vec<&str> = lavrov
        .mentions
        .iter()
        .map(|&m| a.mentions[m].span.text(text))
        .collect();
    assert!(forms.contains(&"he"), "{forms:?}");
    assert!(forms.contains(&"the Russian top diplomat"), "{forms:?}");
}

#[test]
fn a_thing_of_someones_that_speaks_is_that_person_speaking() {
    // News: "his remarks said"; fiction: "her voice said". The possessive is the mention.
    let text = "Mayor Ines Varga opened the hearing. \"The budget is a promise kept,\" her opening speech said. Her speech called it \"a new start.\"\n\nCouncillor Tomas Brenner stood up. \"It is a promise broken,\" his quiet voice answered.";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "\"The budget"),
        Some("Ines Varga".into())
    );
    assert_eq!(speaker_of(text, &a, "\"a new"), Some("Ines Varga".into()));
    assert_eq!(
        speaker_of(text, &a, "\"It is"),
        Some("Tomas Brenner".into())
    );
    // A person of someone's is somebody else: "his aide said".
    let text = "Senator Paul Okafor left early. \"We will vote no,\" his aide said.";
    let a = run(text);
    assert_ne!(
        speaker_of(text, &a, "\"We will"),
        Some("Paul Okafor".into())
    );
}

#[test]
fn a_title_with_of_before_the_name_is_part_of_the_speaker() {
    let text = "\"Thanks for coming,\" said master of ceremonies Ana Kessel, a teacher.";
    let a = run(text);
    assert_eq!(speaker_of(text, &a, "\"Thanks"), Some("Ana Kessel".into()));
    // A transcript's label takes its titles too.
    let text = "Rep. Ann Vos (R-Ohio):\"Who told you that?\"\n\nFormer secretary of state Rita Okafor:\"The department did.\"\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "\"The department"),
        Some("Rita Okafor".into())
    );
    assert_eq!(a.quotes[1].rule, Rule::SpeakerLabel);
}

#[test]
fn a_quantifier_of_people_is_a_speaker() {
    // "Most said" is the people asked, not whoever spoke before.
    let text = "\"The ferry is late again,\" Mayor Ines Varga said.\n\nPollsters asked 600 commuters about the harbour. Most said they were \"very worried\" about the crossing.";
    let a = run(text);
    let q = a
        .quotes
        .iter()
        .find(|q| q.span.text(text).starts_with("\"very"))
        .unwrap();
    let m = q.mention.expect("a mention");
    assert_eq!(a.mentions[m].span.text(text), "Most");
}

#[test]
fn a_paragraph_ending_in_said_and_a_comma_announces_the_next_paragraphs_quote() {
    let text = "Ann Hale came down late to breakfast. Her father was already at the table.\n\n\
        \"You slept well,\" said Mr. Hale.\n\n\"I did,\" said Ann.\n\n\
        \"Your aunt has written,\" said Mr. Hale.\n\n\"What does she say?\" asked Ann.\n\n\
        Ann looked at the letter in his hand. Mr. Hale folded it and put it away; and after a \
        while she said to him,\n\n\"Then I must go to London.\"\n";
    let a = run(text);
    assert_eq!(speaker_of(text, &a, "\"Then I"), Some("Ann Hale".into()));
    let q = a.quotes.last().unwrap();
    assert_eq!(q.rule, Rule::LeadingCue);
}

#[test]
fn relative_pronoun_subjects() {
    let text = "The plan was backed by Councillor Tomas Brenner, who said it was \"long overdue.\"";
    let a = run(text);
    assert_eq!(speaker_of(text, &a, "\"long"), Some("Tomas Brenner".into()));
    // Between dashes as between commas.
    let text = "Councillor Tomas Brenner - who once said he would \"sink the whole plan\" - voted yes on Monday.";
    let a = run(text);
    assert_eq!(speaker_of(text, &a, "\"sink"), Some("Tomas Brenner".into()));
}

#[test]
fn custom_speech_verbs_from_options() {
    let text = "\"Not again,\" Tomas Brenner harrumphed.";
    assert_eq!(run(text).quotes[0].speaker, None);
    let opts = Options::default().with_extra_verbs(&["harrumph".to_string()]);
    let a = analyze(text, &opts);
    assert_eq!(
        a.speaker_of(0).map(|e| e.name.as_str()),
        Some("Tomas Brenner")
    );
}

// ---- mentions and entities ------------------------------------------------------------

#[test]
fn organisations_speak() {
    let text = "\"No comment,\" the Kremlin said.\n\n\"We stand by the story,\" The Harbour Gazette said.\n\n\"The visa rules are unchanged,\" the State Department said.";
    let a = run(text);
    let got = attributions(text, &a);
    assert_eq!(got[0].1.as_deref(), Some("Kremlin"));
    assert_eq!(got[1].1.as_deref(), Some("Harbour Gazette"));
    assert_eq!(got[2].1.as_deref(), Some("State Department"));
    assert!(a.entities.iter().all(|e| e.is_org));
}

#[test]
fn titles_honorifics_and_party_tags() {
    let text =
        "\"We will vote no,\" said Sen. Anna Cole, R-Ohio.\n\n\"I agree,\" Mr. Brenner said.";
    let a = run(text);
    let cole = a.entities.iter().find(|e| e.name == "Anna Cole").unwrap();
    assert!(
        cole.titles.iter().any(|t| t == "R-Ohio"),
        "{:?}",
        cole.titles
    );
    let m = &a.mentions[cole.mentions[0]];
    assert_eq!(m.span.text(text), "Sen. Anna Cole, R-Ohio");
    // Known only with his honorific, he keeps it in his name.
    let brenner = a.entities.iter().find(|e| e.name == "Mr. Brenner").unwrap();
    assert_eq!(brenner.gender, Gender::Male);
}

#[test]
fn plural_possessives_are_words_not_quotes() {
    let text = "Tad Devine, the Sanders' senior media adviser, said the attacks were \"mischief.\"";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "\"mischief"),
        Some("Tad Devine".into())
    );
    let text = "\"We are ready,\" said Ouisa Davis' lawyer, Mark Cole.";
    let a = run(text);
    assert!(
        a.entities.iter().all(|e| !e.name.ends_with('\'')),
        "{:?}",
        a.entities
    );
}

#[test]
fn indefinite_description_with_a_name_in_apposition() {
    let text = "\"Every figure was checked twice,\" said a spokeswoman for the authority.";
    let a = run(text);
    let e = a.speaker_of(0).unwrap();
    assert_eq!(e.name, "a spokeswoman for the authority");
}

#[test]
fn speakers_in_text_without_quotes_are_listed() {
    let text = "Harbour Minister Paula Grant met French President Jean Dumas. \"We agreed on dates,\" Grant said.";
    let a = run(text);
    let names: Vec<&str> = a.entities.iter().map(|e| e.name.as_str()).collect();
    assert!(
        names.contains(&"Paula Grant") && names.contains(&"Jean Dumas"),
        "{names:?}"
    );
    let dumas = a.entities.iter().find(|e| e.name == "Jean Dumas").unwrap();
    assert!(dumas.quotes.is_empty());
}

#[test]
fn aliases_join_spellings() {
    let text = "\"Yes,\" Sergei Lavrov said. \"No,\" said Sergey Lavrov.";
    let opts = Options::default().with_alias("Sergei Lavrov", "Sergey Lavrov");
    let a = analyze(text, &opts);
    assert_eq!(a.entities.len(), 1);
    assert_eq!(a.entities[0].name, "Sergey Lavrov");
}

#[test]
fn a_given_name_ending_like_an_adverb_opens_a_full_name() {
    let text = "Kelly Navarro runs a cafe on the quay.\n\n\"More boats means more customers,\" Navarro said.";
    let a = run(text);
    assert_eq!(
        attributions(text, &a)[0].1.as_deref(),
        Some("Kelly Navarro")
    );
}

#[test]
fn a_role_opening_a_name_is_its_title() {
    let text = "\"We are still waiting,\" said Fisherman Piet Alders.\n\n\"So are we,\" Teacher Ann Vos said.";
    let a = run(text);
    let got = attributions(text, &a);
    assert_eq!(got[0].1.as_deref(), Some("Piet Alders"));
    assert_eq!(got[1].1.as_deref(), Some("Ann Vos"));
    let piet = a.entities.iter().find(|e| e.name == "Piet Alders").unwrap();
    assert!(
        piet.titles.iter().any(|t| t == "Fisherman"),
        "{:?}",
        piet.titles
    );
}

#[test]
fn a_description_saying_whose_it_is_introduces_someone_new() {
    // "The council's own auditor" is not the critics just mentioned, nor the mayor.
    let text = "Critics say the cost has doubled. The council's own auditor warned in March that the budget was \"unrealistic.\"";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "\"unrealistic").as_deref(),
        Some("The council's own auditor")
    );
}

// ---- quote kinds ----------------------------------------------------------------------

#[test]
fn titles_and_terms_are_not_speech() {
    let text = "She appeared on \"The Harbour Hour\" and read from her book, \"Tides of Change.\" Critics called it \"brave.\"\n\nThe so-called \"reform\" failed.";
    let a = run(text);
    let kind = |s: &str| a.quotes[a.quote_at(text.find(s).unwrap()).unwrap()].kind;
    assert_eq!(kind("\"The Harbour Hour\""), QuoteKind::Title);
    assert_eq!(kind("\"Tides"), QuoteKind::Title);
    assert_eq!(kind("\"reform\""), QuoteKind::Term);
    assert_eq!(kind("\"brave"), QuoteKind::Speech); // a cue: critics called it
}

#[test]
fn a_quoted_sentence_opening_its_paragraph_is_speech_however_short() {
    let text = "\"Have you met the new vicar?\" asked Hester.\n\n\"Yes, I've Met Him.\"\n\n\"Really?\"\n\n\"Yes.\"\n\n\"Exactly.\" He was tired of her questions.\n\nNobody trusted the \"garden\" behind the house.";
    let a = run(text);
    let kind = |s: &str| a.quotes[a.quote_at(text.find(s).unwrap()).unwrap()].kind;
    assert_eq!(kind("\"Yes, I've"), QuoteKind::Speech);
    assert_eq!(kind("\"Yes.\""), QuoteKind::Speech);
    assert_eq!(kind("\"Exactly"), QuoteKind::Speech);
    // Inside narration a one-word quote is still a term.
    assert_eq!(kind("\"garden"), QuoteKind::Term);
}

#[test]
fn quotes_in_a_headline_are_headline_quotes_checked_against_the_story() {
    let text = "Brandt says ferry plan is \u{2018}A Gift \u{2026} To Everyone\u{2019}\n\nMayor Ivo Brandt on Monday praised the new ferry timetable. \"It is a gift to everyone on the island,\" Brandt said.";
    let a = run(text);
    let headline = &a.quotes[a.quote_at(text.find('\u{2018}').unwrap()).unwrap()];
    assert_eq!(headline.kind, QuoteKind::Headline);
    assert_eq!(
        headline.speaker.map(|e| a.entities[e].name.as_str()),
        Some("Ivo Brandt")
    );
    let body = &a.quotes[a.quote_at(text.find("\"It is").unwrap()).unwrap()];
    assert_eq!(body.kind, QuoteKind::Speech);
    // Case, punctuation and the ellipsis do not matter: the story quotes these words.
    assert!(!codes(&a).contains(&"headline-quote-not-in-story"));
    assert!(!codes(&a).contains(&"unattributed-quote"));

    // Words the story never quotes; and a headline word is nobody ("Voters", "Slam").
    let text = "Voters Slam \u{2018}Fare Hike\u{2019} at Harbor Meeting\n\nResidents packed the hall on Monday. \"The new prices are too steep,\" said Ana Ruiz, a nurse.";
    let a = run(text);
    let headline = &a.quotes[a.quote_at(text.find('\u{2018}').unwrap()).unwrap()];
    assert_eq!(headline.kind, QuoteKind::Headline);
    assert_eq!(headline.speaker, None);
    let f = a
        .findings
        .iter()
        .find(|f| f.code == FindingCode::HeadlineQuoteNotInStory)
        .expect("the story never says 'fare hike'");
    assert_eq!(f.span, headline.span);
    assert_eq!(f.severity, Severity::Warning);
    assert!(!codes(&a).contains(&"unattributed-quote"));
}

#[test]
fn only_a_heading_holds_headline_quotes() {
    // A Markdown heading of any level, anywhere.
    let text = "# Harbor news\n\nThe council met.\n\n## Brandt: \u{2018}We Will Build\u{2019}\n\n\"We will build the pier,\" Mayor Ivo Brandt said.\n";
    let a = run_md(text);
    let q = &a.quotes[a.quote_at(text.find('\u{2018}').unwrap()).unwrap()];
    assert_eq!(q.kind, QuoteKind::Headline);
    assert!(q.speaker.is_some());
    // A short first line that is the whole text is no headline; nor is the first line of a story told in dialogue.
    let a = run("\"We will build the pier,\" Mayor Ivo Brandt said.");
    assert_eq!(a.quotes[0].kind, QuoteKind::Speech);
    // A story may open with a quote: a first line ending in its sentence's stop is no headline.
    let a = run("\"We will build the pier,\" Mayor Ivo Brandt said.\n\nThe council agreed.");
    assert_eq!(a.quotes[0].kind, QuoteKind::Speech);
    let quoted = |a: &Analysis, text: &str, mark: &str| {
        a.quotes[a.quote_at(text.find(mark).unwrap()).unwrap()].kind
    };
    let text = "Brandt said the pier was \u{2018}overdue\u{2019} at last.\n\nThe council agreed.";
    assert_eq!(quoted(&run(text), text, "\u{2018}"), QuoteKind::Speech);
    // A headline that kept its stop, over a longer lead.
    let text = "Brandt calls the new pier \u{2018}long overdue\u{2019} as works begin.\n\nMayor Ivo Brandt on Monday opened the works on the pier. \"It was long overdue,\" Brandt said.";
    let a = run(text);
    assert_eq!(quoted(&a, text, "\u{2018}"), QuoteKind::Headline);
    assert_eq!(quoted(&a, text, "\"It"), QuoteKind::Speech);
    // A first sentence over a longer paragraph quotes words of its own: it is the story's.
    let text = "Brandt calls the new pier \u{2018}a gift to the island\u{2019} as works begin.\n\nMayor Ivo Brandt on Monday opened the works on the pier. \"It was long overdue,\" Brandt said.";
    assert_eq!(quoted(&run(text), text, "\u{2018}"), QuoteKind::Speech);
    let story = "\"Where are you going?\" asked Nell.\n\n\"Out,\" said Tom.\n\n\"Out where?\" she said.\n\n\"To the pier,\" he said.";
    let a = run(story);
    assert_eq!(a.style, Style::Fiction);
    assert!(a.quotes.iter().all(|q| q.kind == QuoteKind::Speech));
}

#[test]
fn a_participle_takes_the_subject_after_opening_adverbials_and_after_a_quote() {
    let text = "On Thursday, after weeks of silence, Senator Maria Ostrander endorsed the bond, saying, \"It pays for itself.\"\n\nIn March, at a packed meeting, the harbor master spoke for an hour, saying: \"The channel must be dredged.\"";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "\"It pays").as_deref(),
        Some("Maria Ostrander")
    );
    assert_eq!(
        speaker_of(text, &a, "\"The channel").as_deref(),
        Some("the harbor master")
    );
}

#[test]
fn a_quantifier_standing_for_people_speaks() {
    let text = "Harbor news\n\n\"We expected cuts,\" tweeted another. \"Nobody told us.\"\n\n\"The figures are sound,\" the two write in the memo.";
    let a = run(text);
    let source = |s: &str| {
        let q = &a.quotes[a.quote_at(text.find(s).unwrap()).unwrap()];
        q.mention.map(|m| a.mentions[m].span.text(text))
    };
    assert_eq!(source("\"We expected"), Some("another"));
    assert_eq!(source("\"Nobody told"), Some("another"));
    assert_eq!(source("\"The figures"), Some("the two"));
}

#[test]
fn an_adverb_of_time_between_subject_and_cue() {
    let text = "\"The pier is safe,\" Mayor Ivo Brandt now says.";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "\"The pier").as_deref(),
        Some("Ivo Brandt")
    );
}

#[test]
fn a_time_or_an_event_never_speaks() {
    // Neither "The timeline" nor "The timeline he gave" is anyone; the pronoun is a clause's
    // subject, not part of a description.
    let text = "Harbor news\n\nThe timeline included \"urgent repairs\" to the pier.\n\nThe timeline he gave included \"a review of the fees.\"\n\nThe discussion turned to \"the worst season in memory.\"";
    let a = run(text);
    assert!(a.entities.is_empty(), "{:?}", a.entities);
    assert!(a.quotes.iter().all(|q| q.speaker.is_none()));
}

#[test]
fn attribute_values_of_pasted_markup_are_not_quotations() {
    let text = "The mayor wrote on Monday.\n\n<post author=\"@harbourmayor\" date=\"May 4, 2026\">The ferry runs \"every hour\" now.</post>";
    let a = run(text);
    let quoted: Vec<&str> = a
        .quotes
        .iter()
        .filter(|q| q.kind.is_direct())
        .map(|q| q.span.text(text))
        .collect();
    assert_eq!(quoted, ["\"every hour\""]);
}

#[test]
fn a_title_word_in_the_sentence_before_does_not_make_a_title() {
    // "magazine" names a work only in the quote's own sentence; the second quote is the
    // magazine's next sentence.
    let text =
        "\"The port needs money,\" wrote the Harbour Gazette magazine. \"The ferry does too.\"";
    let a = run(text);
    let q = &a.quotes[a.quote_at(text.find("\"The ferry").unwrap()).unwrap()];
    assert_eq!(q.kind, QuoteKind::Speech);
    assert!(q.speaker.is_some());
}

#[test]
fn angry_speech_verbs_are_cues() {
    let text = "\"They never read the report,\" Councillor Ada Voss fumed on Tuesday.\n\n\"We did,\" Mayor Ivo Brandt countered.";
    let a = run(text);
    let got = attributions(text, &a);
    assert_eq!(got[0].1.as_deref(), Some("Ada Voss"));
    assert_eq!(got[1].1.as_deref(), Some("Ivo Brandt"));
    assert!(got.iter().all(|g| g.2 == "trailing-cue"), "{got:?}");
}

// ---- findings -------------------------------------------------------------------------

#[test]
fn unmatched_closing_quote_with_fix() {
    let text = "The vote was delayed again.\u{201D} Nobody knew why.";
    let a = run(text);
    let f = a
        .findings
        .iter()
        .find(|f| f.code == FindingCode::UnmatchedClosingQuote)
        .unwrap();
    assert_eq!(f.span.text(text), "\u{201D}");
    let fixed = apply(text, &f.fixes[0]);
    assert!(run(&fixed).findings.is_empty(), "{fixed}");
}

#[test]
fn mismatched_marks_with_fix() {
    let text = "\u{201C}We are ready,\" Tomas Brenner said.";
    let a = run(text);
    let f = a
        .findings
        .iter()
        .find(|f| f.code == FindingCode::MismatchedQuoteMarks)
        .unwrap();
    let fixed = apply(text, &f.fixes[0]);
    assert_eq!(fixed, "\u{201C}We are ready,\u{201D} Tomas Brenner said.");
    assert!(!codes(&run(&fixed)).contains(&"mismatched-quote-marks"));
}

#[test]
fn unattributed_quote() {
    let text = "The harbour was quiet on Sunday.\n\n\"Nobody will ever use this terminal.\"";
    let a = run(text);
    let f = a
        .findings
        .iter()
        .find(|f| f.code == FindingCode::UnattributedQuote)
        .unwrap();
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.span, a.quotes[0].span);
}

#[test]
fn speaker_not_introduced_with_fix() {
    let text =
        "\"We need the ferry,\" Marsh said.\n\nMayor Elena Marsh has led the town since 2019.";
    let a = run(text);
    let f = a
        .findings
        .iter()
        .find(|f| f.code == FindingCode::SpeakerNotIntroduced)
        .unwrap();
    assert_eq!(f.span.text(text), "Marsh");
    assert!(f.message.contains("by a surname alone"), "{}", f.message);
    let fixed = apply(text, &f.fixes[0]);
    assert!(
        fixed.starts_with("\"We need the ferry,\" Mayor Elena Marsh said."),
        "{fixed}"
    );
    assert!(!codes(&run(&fixed)).contains(&"speaker-not-introduced"));
}

#[test]
fn inconsistent_speaker_name_with_fix() {
    let text =
        "\"Yes,\" said Sergey Lavrov.\n\n\"No,\" said Sergei Lavrov.\n\nSergey Lavrov then left.";
    let a = run(text);
    assert_eq!(
        a.entities
            .iter()
            .filter(|e| e.name.contains("Lavrov"))
            .count(),
        1
    );
    let f = a
        .findings
        .iter()
        .find(|f| f.code == FindingCode::InconsistentSpeakerName)
        .unwrap();
    assert_eq!(f.span.text(text), "Sergei Lavrov");
    assert!(f.related[0].span.text(text) == "Sergey Lavrov");
    let fixed = apply(text, &f.fixes[0]);
    assert!(!codes(&run(&fixed)).contains(&"inconsistent-speaker-name"));
}

#[test]
fn ambiguous_speaker() {
    let text = "George Brenner met Paul Okafor after the vote. \"It is over,\" he said.";
    let a = run(text);
    assert!(codes(&a).contains(&"ambiguous-speaker"), "{:?}", codes(&a));
}

#[test]
fn mixed_quote_style_with_both_fixes() {
    let text = "\u{201C}We are ready,\u{201D} Tomas Brenner said. \"So are we,\" said Ruth Okafor.";
    let a = run(text);
    let f = a
        .findings
        .iter()
        .find(|f| f.code == FindingCode::MixedQuoteStyle)
        .unwrap();
    assert_eq!(f.fixes.len(), 2);
    for fix in &f.fixes {
        let fixed = apply(text, fix);
        assert!(
            !codes(&run(&fixed)).contains(&"mixed-quote-style"),
            "{fixed}"
        );
    }
    let curly = apply(text, &f.fixes[0]);
    assert!(curly.contains("\u{201C}So are we,\u{201D}"), "{curly}");
}

#[test]
fn severities_can_be_changed_or_turned_off() {
    let text = "The harbour was quiet.\n\n\"Nobody will use it.\"";
    let mut opts = Options::default();
    opts.severities.insert(FindingCode::UnattributedQuote, None);
    assert!(analyze(text, &opts).findings.is_empty());
    opts.severities
        .insert(FindingCode::UnattributedQuote, Some(Severity::Error));
    assert_eq!(analyze(text, &opts).findings[0].severity, Severity::Error);
}

#[test]
fn ignore_comments_silence_findings() {
    let text = "<!-- quotelens: ignore -->\n\"Nobody will use it.\n\nThe end.";
    let a = run_md(text);
    assert!(a.findings.is_empty(), "{:?}", codes(&a));
    let text = "\"Nobody will use it.\n\nquotelens: ignore-file";
    let a = run(text);
    assert!(a.ignored && a.findings.is_empty());
}

// ---- Markdown -------------------------------------------------------------------------

#[test]
fn markdown_code_and_html_hold_no_quotes() {
    let text = "# Notes\n\n```\nprint(\"not a quote\")\n```\n\nInline `\"code\"` and <span title=\"x\">html</span>.\n\n\"Real quote,\" Ruth Okafor said.\n";
    let a = run_md(text);
    let top: Vec<_> = a.quotes.iter().map(|q| q.span.text(text)).collect();
    assert_eq!(top, vec!["\"Real quote,\""]);
    assert_eq!(
        a.speaker_of(0).map(|e| e.name.as_str()),
        Some("Ruth Okafor")
    );
}

#[test]
fn crlf_text_gives_the_same_analysis() {
    let lf = "\"We are ready,\" Tomas Brenner said.\n\n\"So are we,\" said Ruth Okafor.\n";
    let crlf = lf.replace('\n', "\r\n");
    let a = attributions(lf, &run(lf));
    let b = attributions(&crlf, &run(&crlf));
    assert_eq!(a, b);
}

// ---- the example article ----------------------------------------------------------------

#[test]
fn example_article() {
    let text = include_str!("../../examples/harbour-vote.txt");
    let a = run(text);
    let speaker = |s: &str| speaker_of(text, &a, s);
    assert_eq!(speaker("\"We have studied"), Some("Elena Marsh".into()));
    assert_eq!(speaker("\"The money is there"), Some("Elena Marsh".into()));
    assert_eq!(speaker("\"Nobody is against"), Some("Tomas Brenner".into()));
    assert_eq!(speaker("\"We are against"), Some("Tomas Brenner".into()));
    assert_eq!(speaker("\"Every figure"), Some("Ruth Okafor".into()));
    assert_eq!(speaker("\"We will publish"), Some("Ruth Okafor".into()));
    assert_eq!(speaker("\"Next week"), Some("Tomas Brenner".into()));
    assert_eq!(speaker("\"I would love"), Some("Priya Nair".into()));
    assert_eq!(speaker("\"A town"), Some("Elena Marsh".into()));
    let marsh = a.entities.iter().find(|e| e.name == "Elena Marsh").unwrap();
    assert!(marsh.titles.iter().any(|t| t == "Mayor"));
}

#[test]
fn an_office_in_a_description_must_fit_the_speakers_office() {
    // "the Dutch prime minister" is not the finance minister named just before, and the
    // nationality adjective inside a description is nobody's name.
    let text = "Finance Minister Anna Visser said that the Dutch president had explained the plan. \
                \"We agreed,\" the Dutch finance minister said.";
    let a = run(text);
    let visser = a
        .entities
        .iter()
        .find(|e| e.name == "Anna Visser")
        .expect("Anna Visser is a speaker");
    let forms: Vec<&str> = visser
        .mentions
        .iter()
        .map(|&m| a.mentions[m].span.text(text))
        .collect();
    assert!(
        !forms.contains(&"the Dutch president"),
        "an office that clashes joined: {forms:?}"
    );
    assert!(forms.contains(&"the Dutch finance minister"), "{forms:?}");
    assert!(
        a.entities.iter().all(|e| e.name != "Dutch"),
        "a nationality adjective became a speaker"
    );
    assert_eq!(
        speaker_of(text, &a, "\"We agreed"),
        Some("Anna Visser".to_string())
    );
}

#[test]
fn descriptions_read_like_news_copy_names_their_speaker() {
    // An age used as a noun, two roles joined by "and", a place before a role, and a known
    // role noun that is never the modifier of the verb after it.
    let text = "Tom Hale spoke at the dinner.\n\n\
                \"The town has never looked better,\" said the 52-year-old.\n\n\
                Sen. Maria Lopez answered first.\n\n\
                \"We warned about this,\" the Texas senator and presidential candidate said.\n\n\
                The Ohio governor sought to calm the room, saying the heckler would \"not get hurt\" there.\n\n\
                The governor sought to calm the hall, saying the guest would \"be safe\" there.";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "\"The town"),
        Some("Tom Hale".to_string())
    );
    assert_eq!(
        speaker_of(text, &a, "\"We warned"),
        Some("Maria Lopez".to_string())
    );
    let hurt = &a.quotes[a.quote_at(text.find("\"not get hurt").unwrap()).unwrap()];
    let m = hurt.mention.map(|m| a.mentions[m].span.text(text));
    assert_eq!(m, Some("The Ohio governor"));
    let safe = &a.quotes[a.quote_at(text.find("\"be safe").unwrap()).unwrap()];
    let m = safe.mention.map(|m| a.mentions[m].span.text(text));
    assert_eq!(
        m,
        Some("The governor"),
        "a verb read as part of the description"
    );
}

#[test]
fn quoted_as_saying_and_a_quote_after_an_aside_keep_their_speaker() {
    let text = "\"Our method works because we listen,\" Hale is quoted as saying.\n\n\
                \"Those are small towns,\" Greta Voss said. They also lie far from any city. \
                \"That is a hard place to campaign.\"";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "\"Our method"),
        Some("Hale".to_string())
    );
    assert_eq!(
        speaker_of(text, &a, "\"That is"),
        Some("Greta Voss".to_string())
    );
}

#[test]
fn a_title_case_headline_does_not_name_or_join_the_speakers() {
    // Title case runs two people into one capitalised run; the body names them apart.
    let text = "Harbour Icon Ada Brandt Endorses Tom Ruiz For Mayor.\n\n\
                Ada Brandt, who ran the harbour board for a decade, backed Tom Ruiz on Monday.\n\n\
                \"He knows the docks,\" Brandt said.\n\n\
                \"I am grateful,\" Ruiz said.";
    let a = run(text);
    let names: Vec<&str> = a.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        speaker_of(text, &a, "\"He knows"),
        Some("Ada Brandt".to_string()),
        "{names:?}"
    );
    assert_eq!(
        speaker_of(text, &a, "\"I am"),
        Some("Tom Ruiz".to_string()),
        "{names:?}"
    );
    assert!(
        names.iter().all(|n| !n.contains("Endorses")),
        "a headline run became a name: {names:?}"
    );
}

#[test]
fn a_name_broken_across_lines_is_named_on_one_line() {
    // Hard-wrapped Markdown breaks "Odile Ferrand" and "Tomas Brandt" over two lines.
    let text = "The vote was close. \"We will build the new quay,\" said Odile\n\
                Ferrand, who chairs the board. \"The money is there.\"\n\n\
                \"It will silt up within a year,\" said Tomas\n\
                Brandt, who fishes from the harbour. \"Ask anyone here.\"\n";
    let a = run_md(text);
    assert_eq!(
        speaker_of(text, &a, "\"We will build"),
        Some("Odile Ferrand".to_string())
    );
    assert_eq!(
        speaker_of(text, &a, "\"It will silt"),
        Some("Tomas Brandt".to_string())
    );
}

#[test]
fn a_role_run_into_a_name_is_that_person() {
    // "Her brother Ned" is Ned, and "the harbour master Jon Pike" is Jon Pike, not the man
    // last described or named before them.
    let text = "Her brother Ned was at the table, reading the paper.\n\n\
                \"You are up early,\" he said.\n\n\
                The harbour master Jon Pike shook his head. \"It will flood by Friday,\" he said.\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "\"You are up"),
        Some("Ned".to_string())
    );
    assert_eq!(
        speaker_of(text, &a, "\"It will flood"),
        Some("Jon Pike".to_string())
    );
    let ned = a.entities.iter().find(|e| e.name == "Ned").expect("Ned");
    assert!(
        ned.mentions
            .iter()
            .any(|&m| a.mentions[m].span.text(text) == "Her brother"),
        "{:?}",
        a.entities
    );
}

#[test]
fn a_speaker_known_by_a_first_name_alone_is_told_so() {
    let text = "\"The tide is late,\" Tom said.";
    let f = run(text)
        .findings
        .into_iter()
        .find(|f| f.code == FindingCode::SpeakerNotIntroduced)
        .expect("a finding");
    assert!(f.message.contains("by a first name alone"), "{}", f.message);
}

#[test]
fn a_cue_with_an_object_of_its_own_does_not_attribute_the_quote_before_it() {
    // After a finished partial quote, "wrote a letter" starts a sentence about something else;
    // the person told ("told the Ledger") and a time ("the day before") are not objects.
    let text = "The council called the delays \"unacceptable.\" Mayor Greg Hollis wrote a letter \
                to the governor, asking for state help.\n\n\
                \"We will not wait,\" Hollis told the Ledger.\n\n\
                \"It is a start,\" Anna Reyes said the day before.\n\n\
                \"Not yet,\" Omar Lind wrote a few hours later.\n";
    let a = run(text);
    assert_ne!(
        speaker_of(text, &a, "\"unacceptable"),
        Some("Greg Hollis".to_string())
    );
    assert_eq!(
        speaker_of(text, &a, "\"We will"),
        Some("Greg Hollis".to_string())
    );
    assert_eq!(
        speaker_of(text, &a, "\"It is a"),
        Some("Anna Reyes".to_string())
    );
    let late = attributions(text, &a).pop().expect("the last quote");
    assert_eq!(
        (late.1.as_deref(), late.2),
        (Some("Omar Lind"), "trailing-cue")
    );
}

#[test]
fn a_description_reads_through_a_capitalised_modifier_to_its_noun() {
    let text = "\"It was a mistake,\" said a senior Pentagon official.\n\n\
                \"We need answers,\" said a prominent Republican National Committee member who \
                backs the nominee.\n";
    let a = run(text);
    let mentions: Vec<&str> = a
        .quotes
        .iter()
        .filter_map(|q| q.mention.map(|m| a.mentions[m].span.text(text)))
        .collect();
    assert_eq!(
        mentions,
        vec![
            "a senior Pentagon official",
            "a prominent Republican National Committee member"
        ]
    );
}

#[test]
fn a_short_opening_adverb_of_time_or_place_is_not_the_subject() {
    let text = "Hours later, Mayor Ruth Kane returned the favour, telling reporters, \"We owe \
                them.\"\n\nHere in Dunmore, Councillor Abel Stroud went further, saying, \"Pay \
                them now.\"\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "\"We owe"),
        Some("Ruth Kane".to_string())
    );
    assert_eq!(
        speaker_of(text, &a, "\"Pay them"),
        Some("Abel Stroud".to_string())
    );
}

#[test]
fn the_object_of_speaking_to_is_not_the_subject_of_the_cue() {
    let text = "A security official speaking to the Ledger said, \"The agents are still \
                looking.\"\n";
    let a = run(text);
    let q = &a.quotes[0];
    let mention = q.mention.map(|m| a.mentions[m].span.text(text));
    assert_eq!(mention, Some("A security official"));
}

#[test]
fn a_share_of_people_asked_is_a_cue_subject() {
    let text = "Most riders liked the ferry.\n\n\"Not likely,\" 21 percent said.\n";
    let a = run(text);
    let mention = a.quotes[0].mention.map(|m| a.mentions[m].span.text(text));
    assert_eq!(mention, Some("21 percent"));
}

#[test]
fn an_office_the_last_named_person_does_not_hold_is_someone_else() {
    let text = "Senator Ida Marsh praised the budget on Monday.\n\n\
                \"It balances,\" the treasurer said.\n";
    let a = run(text);
    assert_ne!(
        speaker_of(text, &a, "\"It balances"),
        Some("Ida Marsh".to_string())
    );
}

#[test]
fn a_name_after_a_digest_heading_labels_the_quote() {
    let text = "TURNOUT FELL IN THE NORTH - Ana Ruiz: \u{201c}Fewer people voted than in any year \
                since 1990.\u{201d}\n\nPOLLS MISSED THE SWING \u{2014} Tom Becker: \u{201c}The \
                samples were too small.\u{201d}\n";
    let a = run(text);
    assert_eq!(
        attributions(text, &a)
            .into_iter()
            .map(|(_, s, r)| (s, r))
            .collect::<Vec<_>>(),
        vec![
            (Some("Ana Ruiz".to_string()), "speaker-label"),
            (Some("Tom Becker".to_string()), "speaker-label")
        ]
    );
}

#[test]
fn a_cue_word_after_an_indefinite_phrase_is_a_noun() {
    // "retort" is the noun of "a snappy retort", not the verb of a speaker "a snappy".
    let text = "Mayor Ann Holt delivered a snappy retort: \"No one is leaving.\"\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "\"No one"),
        Some("Ann Holt".to_string())
    );
}

#[test]
fn a_fronted_participle_and_its_preposition_are_not_the_subject() {
    let text = "Reached by the Herald, Tom Becker denied the report, explaining that he had \
                been \"on a fishing trip.\"\n\nPressed on the delay, Ana Ruiz blamed the \
                weather, saying it was \"out of our hands.\"\n";
    let a = run(text);
    assert_eq!(speaker_of(text, &a, "\"on a"), Some("Tom Becker".into()));
    assert_eq!(speaker_of(text, &a, "\"out of"), Some("Ana Ruiz".into()));
}

#[test]
fn he_in_the_next_sentence_means_the_name_that_opened_the_last_one() {
    let text = "Ruth Adler ran the county clinic for a decade.\n\nGordon Hale hired a new \
                director, retired judge Ann Moss, late last month, leading to the exit of \
                former deputy director Paul Ortega and two other aides. He thanked them but said, \"We need a different plan now.\"\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "\"We need"),
        Some("Gordon Hale".into())
    );
}

#[test]
fn a_quoted_title_case_paragraph_is_a_heading_in_news_and_a_turn_in_a_novel() {
    let news = "The county will close two mines next year, officials said on Monday.\n\n\
                \"We cannot keep them open,\" said Mayor Dana Pruitt.\n\n\
                'Coal Is Not the Villain.'\n\n\
                Miners gathered outside the hall on Tuesday.\n";
    let a = run_as(news, Style::News);
    let q = &a.quotes[a.quote_at(news.find("'Coal").unwrap()).unwrap()];
    assert_eq!((q.kind, q.speaker), (QuoteKind::Title, None));
    let novel = "\"Who is at the door?\" asked Mary.\n\n\"Tony Last.\"\n\n\"Let him in,\" \
                 said Mary.\n";
    let a = run_as(novel, Style::Fiction);
    let q = &a.quotes[a.quote_at(novel.find("\"Tony").unwrap()).unwrap()];
    assert_eq!(q.kind, QuoteKind::Speech);
}

#[test]
fn fiction_verbs_of_saying_in_inverted_cues_name_their_speaker() {
    let text = "\
Susan Vale found John Pym in the orchard.

\"The pears are late this year,\" pursued Susan.

\"Then we shall wait,\" assented John.

\"Not for long,\" mumbled Susan.

\"Very well,\" echoed John.
";
    let a = run_as(text, Style::Fiction);
    let got = attributions(text, &a);
    let rules: Vec<&str> = got.iter().map(|g| g.2).collect();
    assert_eq!(rules, ["trailing-cue"; 4]);
    assert_eq!(speaker_of(text, &a, "\"Then we"), Some("John Pym".into()));
    assert_eq!(speaker_of(text, &a, "\"Very well"), Some("John Pym".into()));
}

#[test]
fn abbreviation_stops_do_not_end_a_trailing_attribution() {
    // The quote ends its own sentence, so only the trailing cue can name the speaker, and it
    // reads past "Rep." and the party label's stops.
    let text = "The hall was full.\n\n\"Perpetual motion!\" Rep. Anna Morrow, D-Ore., said of \
                the crowd.\n";
    let a = run(text);
    assert_eq!(
        attributions(text, &a),
        vec![(
            "\"Perpetual motion!\"".to_string(),
            Some("Anna Morrow".to_string()),
            "trailing-cue"
        )]
    );
}

#[test]
fn relative_and_possessive_pronouns_are_mentions_of_the_person() {
    // Hovering "who" or "his" names the person; a scare quote's speaker written as "who"
    // or "his" is found among the entity's mentions.
    let text = "Tom Becker, who has called the plan \"reckless,\" spoke on Monday. His \
                objection was that the budget \"adds up to nothing.\"\n";
    let a = run(text);
    let tom = a
        .entities
        .iter()
        .find(|e| e.name == "Tom Becker")
        .expect("Tom Becker is an entity");
    let said: Vec<&str> = tom
        .mentions
        .iter()
        .map(|&m| a.mentions[m].span.text(text))
        .collect();
    assert!(said.contains(&"who"), "{said:?}");
    assert!(said.contains(&"His"), "{said:?}");
}

#[test]
fn remembered_and_riffed_report_the_quote_beside_them() {
    let text = "\"Both sides wanted a deal,\" remembered Ruth Kessler.\n\n\
                \"Let me help you out,\" Tom Ames riffed.\n";
    let a = run(text);
    assert_eq!(
        attributions(text, &a)
            .into_iter()
            .map(|(_, who, rule)| (who, rule))
            .collect::<Vec<_>>(),
        vec![
            (Some("Ruth Kessler".to_string()), "trailing-cue"),
            (Some("Tom Ames".to_string()), "trailing-cue")
        ]
    );
}

#[test]
fn a_participle_before_a_role_and_name_belongs_to_the_speaker_phrase() {
    // "undecided" describes the voter; "granted" takes Mr. Pike as its object.
    let text = "\"I don't know where he stands on taxes,\" said undecided Democratic voter \
                Paul Greer of Salem.\n\nThe board granted Mr. Pike a delay, saying his \
                \"funds were short.\"\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "\"I don't"),
        Some("Paul Greer".to_string())
    );
    assert_ne!(speaker_of(text, &a, "\"funds"), Some("Pike".to_string()));
}

#[test]
fn a_sentence_with_lowercase_verbs_is_not_a_title_though_its_long_words_are_capitalised() {
    // Title case leaves only articles, conjunctions and short prepositions low: "is" and
    // "it" mark a sentence. "Gang of Eight" stays a name.
    let text = "\"Politics is hard,\" he said. \"That's the way it is, Nicole.\"\n\n\
                The \"Gang of Eight\" bill failed.\n";
    let a = run(text);
    let kind = |s: &str| a.quotes[a.quote_at(text.find(s).unwrap()).unwrap()].kind;
    assert_eq!(kind("\"That's"), QuoteKind::Speech);
    assert_eq!(kind("\"Gang"), QuoteKind::Title);
}

#[test]
fn a_description_far_from_any_name_is_the_person_it_last_meant() {
    // "The girl" meant Nell just after she spoke; five paragraphs on, nobody else fits it.
    let text = "\
\"Good morning,\" said Nell Carter. The girl set her basket of eggs on the wall.

Tom Ash was mending the gate. He did not look up.

The rain had kept off all morning, and the fields were bright.

Later the wind rose in the elms behind the church.

Nobody spoke of the fair.

\"We shall have a storm tonight,\" said the girl.
";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "\"We shall").as_deref(),
        Some("Nell Carter")
    );
}

#[test]
fn a_trade_description_is_not_someone_known_for_chapters_without_that_title() {
    // Harold has been in the story since the start and was never a waiter: the waiter who
    // speaks right after Harold sits down is someone new.
    let mut text = String::from("\"I like a quiet house,\" said Harold Pemberton.\n\n");
    for _ in 0..70 {
        text.push_str("The rain fell on the hills all that week.\n\n");
    }
    text.push_str("Harold sat down at a corner table of the restaurant.\n\n");
    text.push_str("\"What will you be having tonight?\" said the waiter.\n");
    let a = run(&text);
    assert_eq!(
        speaker_of(&text, &a, "\"What will").as_deref(),
        Some("the waiter")
    );
}

#[test]
fn news_calls_someone_quoted_paragraphs_ago_by_a_bare_trade() {
    // A report, not a conversation: "the spokeswoman" is the woman quoted before, however
    // long the story has known her without that title.
    let text = "\
Dana Whitcombe said the ferry would run again by spring.

“The repairs are on schedule,” Whitcombe said.

The council voted last year to fund new engines.

Work began in March and crews have worked weekends.

Costs rose when a second hull needed welding.

Whitcombe said the yard had hired six more welders.

“We expect the first sailing in April,” the spokeswoman said.
";
    let a = run(text);
    assert_eq!(a.style, Style::News);
    assert_eq!(
        speaker_of(text, &a, "“We expect").as_deref(),
        Some("Dana Whitcombe")
    );
}

#[test]
fn a_place_opening_the_sentence_before_an_apposition_is_the_speaker() {
    // No person's name stands further left: the country itself said it. A parenthetical
    // ", Lena Ortiz said," is no apposition, so there the place is not taken.
    let text = "\
The vote on the strait was held on Monday.

Even Norway, the island's only ally and its main trading partner, said it was \"firmly opposed\" to the plan.

Lena Ortiz spoke next. Norway, Ortiz said, called the plan \"a grave mistake.\"
";
    let a = run(text);
    assert_eq!(speaker_of(text, &a, "\"firmly").as_deref(), Some("Norway"));
    assert_eq!(
        speaker_of(text, &a, "\"a grave").as_deref(),
        Some("Lena Ortiz")
    );
}
