//! Live annotation over stdio (issue 4): inlay hints, semantic tokens, definition, references,
//! highlights, rename, code lens, code actions and the `quotelens/analysis` request, on
//! fixture articles with clear attributions.

mod common;

use common::*;
use serde_json::{Value, json};
use std::collections::BTreeSet;

const BRIDGE: &str = "file:///news/bridge.txt";

fn doc(uri: &str) -> Value {
    json!({"textDocument": {"uri": uri}})
}

fn at(c: &Client, uri: &str, offset: usize) -> Value {
    json!({"textDocument": {"uri": uri}, "position": c.position(uri, offset)})
}

fn whole(text: &str, enc: Enc) -> Value {
    range(text, 0, text.len(), enc)
}

/// (offset of the hint, label) for every hint in the document.
fn hints(c: &mut Client, uri: &str) -> Vec<(usize, String)> {
    let text = c.text(uri).to_string();
    let mut params = doc(uri);
    params["range"] = whole(&text, c.enc);
    let hints = c.request("textDocument/inlayHint", params);
    hints
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                offset(&text, &h["position"], c.enc),
                h["label"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The end offsets of each quotation in the bridge article.
fn bridge_quote_ends(text: &str) -> Vec<usize> {
    [
        "horses,\"",
        "out of time.\"",
        "not failing,\"",
        "this year,\"",
        "a morning,\"",
    ]
    .iter()
    .map(|q| nth(text, q, 0) + q.len())
    .collect()
}

#[test]
fn inlay_hints_name_the_speaker_of_each_of_five_quotes_by_three_speakers() {
    for enc in [Enc::Utf16, Enc::Utf8] {
        let mut c = Client::start(enc, None, Value::Null);
        let text = fixture("bridge.txt");
        c.open(BRIDGE, "plaintext", &text);
        let ends = bridge_quote_ends(&text);
        let he = nth(&text, "he said", 0) + "he".len();
        // "He was asked whether ...": a question reported without its asker.
        let asked = nth(&text, "should close", 0) + "should close".len();
        let expected = vec![
            (ends[0], "\u{2014} Okoro".to_string()),
            (ends[1], "\u{2014} Okoro".to_string()),
            (ends[2], "\u{2014} Reyes".to_string()),
            (asked, "\u{2014} ?".to_string()),
            (ends[3], "\u{2014} Reyes".to_string()),
            (he, "\u{2192} Daniel Reyes".to_string()),
            (ends[4], "\u{2014} Lindqvist".to_string()),
        ];
        assert_eq!(hints(&mut c, BRIDGE), expected, "{enc:?}");

        // The tooltip gives the full name, titles and rule.
        let mut params = doc(BRIDGE);
        params["range"] = range(&text, 0, ends[0], enc);
        let first = c.request("textDocument/inlayHint", params);
        assert_eq!(
            first.as_array().unwrap().len(),
            1,
            "only hints in the range"
        );
        let tip = first[0]["tooltip"]["value"].as_str().unwrap();
        assert!(
            tip.contains("Helen Okoro") && tip.contains("Mayor"),
            "{tip}"
        );
        assert!(tip.contains("trailing-cue"), "{tip}");
    }
}

#[test]
fn unattributed_speech_gets_a_question_mark_and_each_kind_of_hint_can_be_turned_off() {
    let mut c = Client::start(Enc::Utf16, None, Value::Null);
    let mut text = fixture("bridge.txt");
    text.push_str("\nThe meeting ended after ten o'clock.\n\n\"Nobody asked the ferrymen.\"\n");
    c.open(BRIDGE, "plaintext", &text);
    let all = hints(&mut c, BRIDGE);
    assert_eq!(all.len(), 8, "{all:?}");
    assert_eq!(all[7], (text.trim_end().len(), "\u{2014} ?".to_string()));

    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"inlayHints": {"resolutions": false}}}),
    );
    // The server asks the client to refresh its hints once the new settings apply.
    c.notification("textDocument/publishDiagnostics", |p| p["uri"] == BRIDGE);
    c.server_request("workspace/inlayHint/refresh");
    let labels: Vec<String> = hints(&mut c, BRIDGE).into_iter().map(|h| h.1).collect();
    assert_eq!(labels.len(), 7);
    assert!(
        labels.iter().all(|l| l.starts_with('\u{2014}')),
        "{labels:?}"
    );

    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"inlayHints": {"speakers": false, "resolutions": true}}}),
    );
    c.notification("textDocument/publishDiagnostics", |p| p["uri"] == BRIDGE);
    let labels: Vec<String> = hints(&mut c, BRIDGE).into_iter().map(|h| h.1).collect();
    assert_eq!(labels, vec!["\u{2192} Daniel Reyes"]);
}

/// Decode relative semantic tokens into (line, column, text, type, modifiers).
fn decode(
    text: &str,
    data: &[Value],
    legend: &Value,
    enc: Enc,
) -> Vec<(u64, u64, String, String, Vec<String>)> {
    let types: Vec<&str> = legend["tokenTypes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    let modifiers: Vec<&str> = legend["tokenModifiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    let n: Vec<u64> = data.iter().map(|v| v.as_u64().unwrap()).collect();
    assert_eq!(n.len() % 5, 0);
    let (mut line, mut col) = (0, 0);
    let mut out = Vec::new();
    for t in n.chunks(5) {
        if t[0] > 0 {
            line += t[0];
            col = t[1];
        } else {
            col += t[1];
        }
        let start = json!({"line": line, "character": col});
        let end = json!({"line": line, "character": col + t[2]});
        let piece = range_text(text, &json!({"start": start, "end": end}), enc).to_string();
        let mods = (0..modifiers.len())
            .filter(|b| t[4] & (1 << b) != 0)
            .map(|b| modifiers[b].to_string())
            .collect();
        out.push((line, col, piece, types[t[3] as usize].to_string(), mods));
    }
    out
}

#[test]
fn semantic_tokens_decode_to_the_expected_token_list() {
    for enc in [Enc::Utf16, Enc::Utf8] {
        let mut c = Client::spawn();
        let init = c.initialize(capabilities(enc), None, Value::Null);
        let legend = init["capabilities"]["semanticTokensProvider"]["legend"].clone();
        let text = "Mayor Helen Okoro spoke first.\n\n\"Мост 🌉 will stand,\" Okoro said.\n";
        let uri = "file:///news/tokens.txt";
        c.open(uri, "plaintext", text);
        let full = c.request("textDocument/semanticTokens/full", doc(uri));
        let got = decode(text, full["data"].as_array().unwrap(), &legend, enc);
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let quote_col = 0;
        let okoro_col = match enc {
            Enc::Utf8 => "\"Мост 🌉 will stand,\" ".len(),
            _ => "\"Мост 🌉 will stand,\" ".encode_utf16().count(),
        } as u64;
        assert_eq!(
            got,
            vec![
                (
                    0,
                    6,
                    "Helen Okoro".into(),
                    "class".into(),
                    s(&["declaration", "speaker0"])
                ),
                (
                    2,
                    quote_col,
                    "\"Мост 🌉 will stand,\"".into(),
                    "string".into(),
                    s(&["speaker0"])
                ),
                (
                    2,
                    okoro_col,
                    "Okoro".into(),
                    "class".into(),
                    s(&["speaker0"])
                ),
                (
                    2,
                    okoro_col + 6,
                    "said".into(),
                    "keyword".into(),
                    s(&["speaker0"])
                ),
            ],
            "{enc:?}"
        );
    }
}

#[test]
fn semantic_tokens_colour_each_speaker_consistently_and_answer_ranges_and_deltas() {
    let mut c = Client::spawn();
    let init = c.initialize(capabilities(Enc::Utf16), None, Value::Null);
    let legend = init["capabilities"]["semanticTokensProvider"]["legend"].clone();
    let text = fixture("bridge.txt");
    c.open(BRIDGE, "plaintext", &text);
    let full = c.request("textDocument/semanticTokens/full", doc(BRIDGE));
    let tokens = decode(&text, full["data"].as_array().unwrap(), &legend, Enc::Utf16);
    let speaker_of = |needle: &str| -> BTreeSet<String> {
        tokens
            .iter()
            .filter(|t| t.2.contains(needle) && (needle != "He" || t.2 == "He"))
            .flat_map(|t| t.4.iter().filter(|m| m.starts_with("speaker")).cloned())
            .collect()
    };
    // The name, the pronouns, the cue and the quotes of Reyes share one colour, not Okoro's.
    let reyes = speaker_of("Reyes");
    assert_eq!(reyes.len(), 1, "{tokens:?}");
    assert_eq!(speaker_of("steel is tired"), reyes);
    assert_eq!(speaker_of("Not this year"), reyes);
    assert_eq!(speaker_of("He"), reyes);
    let okoro = speaker_of("Okoro");
    assert_eq!(okoro.len(), 1);
    assert_ne!(okoro, reyes);
    assert_eq!(speaker_of("horses"), okoro);

    // A range request returns the tokens of those lines only.
    let mut params = doc(BRIDGE);
    let line5 = nth(&text, "\"The bridge", 0);
    let line5_end = line5 + text[line5..].find('\n').unwrap();
    params["range"] = range(&text, line5, line5_end, Enc::Utf16);
    let ranged = c.request("textDocument/semanticTokens/range", params);
    let ranged = decode(
        &text,
        ranged["data"].as_array().unwrap(),
        &legend,
        Enc::Utf16,
    );
    let expected: Vec<_> = tokens.iter().filter(|t| t.0 == 4).cloned().collect();
    assert!(!expected.is_empty());
    assert_eq!(ranged, expected);

    // After an edit, the delta applied to the old data gives the new full data.
    let old: Vec<Value> = full["data"].as_array().unwrap().clone();
    let at_reyes = nth(&text, "Reyes said", 0);
    let v = c.edit(BRIDGE, at_reyes, at_reyes + "Reyes".len(), "Daniel Reyes");
    c.diagnostics_for(BRIDGE, v);
    let mut params = doc(BRIDGE);
    params["previousResultId"] = full["resultId"].clone();
    let delta = c.request("textDocument/semanticTokens/full/delta", params);
    let mut patched = old.clone();
    let edits = delta["edits"].as_array().expect("a delta");
    for e in edits.iter().rev() {
        let start = e["start"].as_u64().unwrap() as usize;
        let count = e["deleteCount"].as_u64().unwrap() as usize;
        let data = e["data"].as_array().cloned().unwrap_or_default();
        patched.splice(start..start + count, data);
    }
    let now = c.request("textDocument/semanticTokens/full", doc(BRIDGE));
    assert_eq!(&patched, now["data"].as_array().unwrap());
    assert_ne!(patched, old);
}

/// Texts of the locations returned, in order.
fn texts(text: &str, locations: &Value, enc: Enc) -> Vec<String> {
    locations
        .as_array()
        .unwrap()
        .iter()
        .map(|l| range_text(text, &l["range"], enc).to_string())
        .collect()
}

#[test]
fn definition_references_and_highlights_follow_a_pronoun_to_its_speaker() {
    let mut c = Client::start(Enc::Utf16, None, Value::Null);
    let text = fixture("bridge.txt");
    c.open(BRIDGE, "plaintext", &text);
    let he = nth(&text, "he said", 0);

    let def = c.request("textDocument/definition", at(&c, BRIDGE, he));
    assert_eq!(def["uri"], BRIDGE);
    assert_eq!(range_text(&text, &def["range"], Enc::Utf16), "Daniel Reyes");
    // From a quote, and from a surname, to the same introduction.
    let from_quote = c.request(
        "textDocument/definition",
        at(&c, BRIDGE, nth(&text, "this year", 0)),
    );
    assert_eq!(from_quote, def);
    let def = c.request(
        "textDocument/definition",
        at(&c, BRIDGE, nth(&text, "Okoro said", 0)),
    );
    assert_eq!(
        range_text(&text, &def["range"], Enc::Utf16),
        "Mayor Helen Okoro"
    );
    assert!(
        c.request(
            "textDocument/definition",
            at(&c, BRIDGE, nth(&text, "public meeting", 0))
        )
        .is_null()
    );

    let mut params = at(&c, BRIDGE, he);
    params["context"] = json!({"includeDeclaration": true});
    let refs = c.request("textDocument/references", params.clone());
    assert_eq!(
        texts(&text, &refs, Enc::Utf16),
        vec![
            "Daniel Reyes",
            "\"The steel is tired but it is not failing,\"",
            "Reyes",
            "He",
            "\"Not this year,\"",
            "he",
        ]
    );
    params["context"]["includeDeclaration"] = json!(false);
    let refs = c.request("textDocument/references", params);
    assert_eq!(texts(&text, &refs, Enc::Utf16).len(), 5);
    assert!(!texts(&text, &refs, Enc::Utf16).contains(&"Daniel Reyes".to_string()));

    let highlights = c.request("textDocument/documentHighlight", at(&c, BRIDGE, he));
    let kinds: Vec<(String, u64)> = highlights
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                range_text(&text, &h["range"], Enc::Utf16).to_string(),
                h["kind"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(kinds.len(), 6);
    assert_eq!(
        kinds[0],
        ("Daniel Reyes".to_string(), 3),
        "the introduction is the write"
    );
    assert_eq!(kinds[1].1, 1, "quotes are text");
    assert_eq!(kinds[2], ("Reyes".to_string(), 2));
}

#[test]
fn rename_changes_every_name_mention_and_nothing_else() {
    let mut c = Client::start(Enc::Utf16, None, Value::Null);
    let text = fixture("bridge.txt");
    c.open(BRIDGE, "plaintext", &text);

    // From the surname: the surname changes everywhere, the first name stays.
    let reyes = nth(&text, "Reyes said", 0);
    let prep = c.request("textDocument/prepareRename", at(&c, BRIDGE, reyes + 2));
    assert_eq!(prep["placeholder"], "Reyes");
    assert_eq!(range_text(&text, &prep["range"], Enc::Utf16), "Reyes");
    let mut params = at(&c, BRIDGE, reyes + 2);
    params["newName"] = json!("Rivera");
    let edit = c.request("textDocument/rename", params);
    let renamed = apply_edits(&text, &workspace_edits(&edit, BRIDGE), Enc::Utf16);
    let expected = text
        .replace("Daniel Reyes, the county", "Daniel Rivera, the county")
        .replace("Reyes said", "Rivera said");
    assert_eq!(renamed, expected);

    // From the full name: the full name and the surname.
    let full = nth(&text, "Daniel Reyes", 0);
    let mut params = at(&c, BRIDGE, full);
    params["newName"] = json!("Dan Rivera");
    let edit = c.request("textDocument/rename", params);
    let renamed = apply_edits(&text, &workspace_edits(&edit, BRIDGE), Enc::Utf16);
    let expected = text
        .replace("Daniel Reyes, the county", "Dan Rivera, the county")
        .replace("Reyes said", "Rivera said");
    assert_eq!(renamed, expected);

    // Applied, the new name is one speaker with the same quotes.
    let v = c.apply(BRIDGE, &workspace_edits(&edit, BRIDGE));
    c.diagnostics_for(BRIDGE, v);
    let a = c.request("quotelens/analysis", doc(BRIDGE));
    let rivera = a["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Dan Rivera")
        .expect("Dan Rivera");
    assert_eq!(rivera["quotes"], 2);
}

#[test]
fn rename_refuses_clearly_on_what_is_not_a_speakers_name() {
    let mut c = Client::start(Enc::Utf16, None, Value::Null);
    let text = fixture("bridge.txt");
    c.open(BRIDGE, "plaintext", &text);
    for (needle, says) in [
        ("He was asked", "pronoun"),
        ("steel is tired", "quotation"),
        ("public meeting", "no speaker"),
        ("Mayor Helen", "title"),
    ] {
        let r = c.request_raw(
            "textDocument/prepareRename",
            at(&c, BRIDGE, nth(&text, needle, 0)),
        );
        let message = r["error"]["message"]
            .as_str()
            .unwrap_or_else(|| panic!("{needle}: {r}"));
        assert!(message.contains(says), "{needle}: {message}");
        let mut params = at(&c, BRIDGE, nth(&text, needle, 0));
        params["newName"] = json!("Someone");
        let r = c.request_raw("textDocument/rename", params);
        assert!(r.get("error").is_some(), "{needle}: {r}");
    }
    let mut params = at(&c, BRIDGE, nth(&text, "Okoro said", 0));
    params["newName"] = json!("  ");
    let r = c.request_raw("textDocument/rename", params);
    assert!(
        r["error"]["message"].as_str().unwrap().contains("new name"),
        "{r}"
    );
}

#[test]
fn code_lenses_count_each_speakers_quotes_and_words() {
    let mut c = Client::start(Enc::Utf16, None, Value::Null);
    let text = fixture("bridge.txt");
    c.open(BRIDGE, "plaintext", &text);
    let lenses = c.request("textDocument/codeLens", doc(BRIDGE));
    let summary: Vec<(String, String)> = lenses
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                range_text(&text, &l["range"], Enc::Utf16).to_string(),
                l["command"]["title"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                "Mayor Helen Okoro".to_string(),
                "2 quotes \u{00B7} 15 words".to_string()
            ),
            (
                "Daniel Reyes".to_string(),
                "2 quotes \u{00B7} 12 words".to_string()
            ),
            (
                "Grace Lindqvist".to_string(),
                "1 quote \u{00B7} 6 words".to_string()
            ),
        ]
    );
    let command = &lenses[1]["command"];
    assert_eq!(command["command"], "quotelens.showReferences");
    let args = command["arguments"].as_array().unwrap();
    assert_eq!(args[0], BRIDGE);
    assert_eq!(args[1], lenses[1]["range"]["start"]);
    assert_eq!(
        texts(&text, &args[2], Enc::Utf16).len(),
        6,
        "mentions and quotes"
    );
}

/// Open `text` under a fresh URI, ask for the code actions of the diagnostic with `code`, apply
/// the one titled `title`, and return the new text and the codes left after re-analysis.
fn apply_action(
    n: usize,
    text: &str,
    code: &str,
    title: &str,
    strip_data: bool,
) -> (String, Vec<String>) {
    let mut c = Client::start(Enc::Utf16, None, Value::Null);
    let uri = format!("file:///news/fixes-{n}.txt");
    c.open(&uri, "plaintext", text);
    let diags = c.diagnostics_for(&uri, 1);
    let mut d = diags
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {diags:#?}"))
        .clone();
    assert!(
        d["data"]["fixes"].as_array().is_some_and(|f| !f.is_empty()),
        "{d}"
    );
    if strip_data {
        d.as_object_mut().unwrap().remove("data");
    }
    let mut params = doc(&uri);
    params["range"] = d["range"].clone();
    params["context"] = json!({"diagnostics": [d]});
    let actions = c.request("textDocument/codeAction", params);
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    let action = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == title)
        .unwrap_or_else(|| panic!("no action {title:?} among {titles:?}"));
    assert_eq!(action["kind"], "quickfix");
    assert_eq!(action["diagnostics"][0]["code"], code);
    let edits = workspace_edits(&action["edit"], &uri);
    let v = c.apply(&uri, &edits);
    let left = c.diagnostics_for(&uri, v);
    let new_text = c.text(&uri).to_string();
    assert_eq!(c.server_text(&uri).0, new_text);
    (
        new_text,
        left.iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect(),
    )
}

#[test]
fn each_code_action_gives_the_expected_text_and_its_diagnostic_goes_away() {
    let text = fixture("fixes.txt");
    let cases: Vec<(&str, &str, String)> = vec![
        (
            "unclosed-quote",
            "Close the quotation with \"",
            text.replace("one of them said.", "one of them said.\""),
        ),
        (
            "mixed-quote-style",
            "Use curly quotation marks throughout",
            text.replace(
                "\"We cannot run the ferries at a loss,\"",
                "\u{201C}We cannot run the ferries at a loss,\u{201D}",
            )
            .replace(
                "\"Nobody will pay that,\"",
                "\u{201C}Nobody will pay that,\u{201D}",
            )
            .replace("\"This is robbery", "\u{201C}This is robbery"),
        ),
        (
            "mixed-quote-style",
            "Use straight quotation marks throughout",
            text.replace(
                "\u{201C}The new fees start in May,\u{201D}",
                "\"The new fees start in May,\"",
            ),
        ),
        (
            "speaker-not-introduced",
            "Introduce the speaker as \u{201C}Finance Minister Li Chen\u{201D}",
            text.replacen("Chen told", "Finance Minister Li Chen told", 1),
        ),
        (
            "inconsistent-speaker-name",
            "Change to \u{201C}Mark Dubois\u{201D}",
            text.replace("Marc Dubois", "Mark Dubois"),
        ),
        (
            "unclosed-quote",
            "Ignore unclosed-quote in this paragraph",
            text.replace(
                "Residents were",
                "<!-- quotelens: ignore unclosed-quote -->\nResidents were",
            ),
        ),
        (
            "inconsistent-speaker-name",
            "Ignore quotelens findings in this file",
            format!("<!-- quotelens: ignore-file -->\n{text}"),
        ),
    ];
    for (n, (code, title, expected)) in cases.into_iter().enumerate() {
        // Odd cases drop `data`, as a client that does not keep it would: same actions.
        let (got, left) = apply_action(n, &text, code, title, n % 2 == 1);
        assert_eq!(got, expected, "{title}");
        assert!(
            !left.iter().any(|c| c == code),
            "{title}: {code} is still there: {left:?}"
        );
    }
}

#[test]
fn the_analysis_request_returns_what_extract_prints() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/common/fixtures/bridge.txt");
    let uri = file_uri(&path);
    let mut c = Client::start(Enc::Utf16, None, Value::Null);
    c.open(&uri, "plaintext", &fixture("bridge.txt"));
    let served = c.request("quotelens/analysis", doc(&uri));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_quotelens"))
        .args(["extract", "--format", "json", "--parts"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
    // The request lists every quoted stretch, as `extract --parts` does.
    assert_eq!(served, printed[0]);
    // Five quotes and the question "He was asked" reports.
    assert_eq!(served["quotes"].as_array().unwrap().len(), 6);
}
