//! The language server over stdio (issue 3): lifecycle, capabilities, documents, diagnostics,
//! hovers, symbols, positions in every encoding. Each test runs the real binary.

mod common;

use common::*;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::time::Duration;

const BRIDGE: &str = "file:///news/bridge.txt";

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn initialize_advertises_exactly_what_is_implemented() {
    let mut c = Client::spawn();
    let result = c.initialize(capabilities(Enc::Utf16), None, Value::Null);
    let caps = &result["capabilities"];
    assert_eq!(
        keys(caps),
        set(&[
            "positionEncoding",
            "textDocumentSync",
            "hoverProvider",
            "documentSymbolProvider",
            "workspaceSymbolProvider",
            "workspace",
            "experimental",
            // issue 4
            "inlayHintProvider",
            "semanticTokensProvider",
            "definitionProvider",
            "referencesProvider",
            "documentHighlightProvider",
            "renameProvider",
            "codeLensProvider",
            "codeActionProvider",
        ]),
        "{caps:#}"
    );
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(
        caps["experimental"]["quotelens"]["requests"],
        json!(["quotelens/analysis", "quotelens/debug/document"])
    );
    assert_eq!(result["serverInfo"]["name"], "quotelens");
    assert_eq!(caps["renameProvider"]["prepareProvider"], true);
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix"])
    );
    assert_eq!(caps["semanticTokensProvider"]["full"]["delta"], true);
    assert_eq!(caps["semanticTokensProvider"]["range"], true);

    // Every advertised request answers; one that is not advertised is "method not found".
    c.open(BRIDGE, "plaintext", &fixture("bridge.txt"));
    let doc = json!({"textDocument": {"uri": BRIDGE}});
    let at = json!({"textDocument": {"uri": BRIDGE}, "position": {"line": 0, "character": 0}});
    let with_context = |mut v: Value, key: &str, value: Value| {
        v[key] = value;
        v
    };
    let range = json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}});
    for (method, params) in [
        (
            "textDocument/inlayHint",
            with_context(doc.clone(), "range", range.clone()),
        ),
        ("textDocument/semanticTokens/full", doc.clone()),
        (
            "textDocument/semanticTokens/full/delta",
            with_context(doc.clone(), "previousResultId", json!("0")),
        ),
        (
            "textDocument/semanticTokens/range",
            with_context(doc.clone(), "range", range.clone()),
        ),
        ("textDocument/definition", at.clone()),
        (
            "textDocument/references",
            with_context(at.clone(), "context", json!({"includeDeclaration": true})),
        ),
        ("textDocument/documentHighlight", at.clone()),
        ("textDocument/codeLens", doc.clone()),
        (
            "textDocument/codeAction",
            with_context(
                with_context(doc.clone(), "range", range.clone()),
                "context",
                json!({"diagnostics": []}),
            ),
        ),
        ("textDocument/hover", at.clone()),
        ("textDocument/documentSymbol", doc.clone()),
        ("workspace/symbol", json!({"query": ""})),
        ("quotelens/analysis", doc.clone()),
        ("quotelens/debug/document", doc.clone()),
    ] {
        let r = c.request_raw(method, params);
        assert!(r.get("error").is_none(), "{method}: {r}");
    }
    // prepareRename and rename answer (here with a clear refusal: there is no name at 0:0).
    let r = c.request_raw("textDocument/prepareRename", at.clone());
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap()
            .contains("no speaker"),
        "{r}"
    );
    let r = c.request_raw("textDocument/completion", at);
    assert_eq!(r["error"]["code"], -32601, "{r}");
    assert!(c.shutdown().success());

    // A client without prepareRename or CodeAction literals is not offered them.
    let mut c = Client::spawn();
    let mut caps = capabilities(Enc::Utf16);
    caps["textDocument"]["rename"] = json!({});
    caps["textDocument"]["codeAction"] = json!({});
    let result = c.initialize(caps, None, Value::Null);
    assert_eq!(result["capabilities"]["renameProvider"], true);
    assert!(result["capabilities"].get("codeActionProvider").is_none());
}

#[test]
fn a_client_that_pulls_diagnostics_is_offered_pull_and_gets_no_pushes() {
    let mut caps = capabilities(Enc::Utf16);
    caps["textDocument"]["diagnostic"] = json!({"dynamicRegistration": false});
    caps["workspace"]["diagnostics"] = json!({"refreshSupport": true});
    let mut c = Client::spawn();
    let result = c.initialize(caps, None, Value::Null);
    let provider = &result["capabilities"]["diagnosticProvider"];
    assert_eq!(provider["interFileDependencies"], false);
    assert_eq!(provider["workspaceDiagnostics"], false);

    let text = fixture("unicode.txt");
    c.open(BRIDGE, "plaintext", &text);
    let params = json!({"textDocument": {"uri": BRIDGE}});
    let report = c.request("textDocument/diagnostic", params.clone());
    assert_eq!(report["kind"], "full");
    let items = report["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{report:#}");
    assert_eq!(items[0]["code"], "unclosed-quote");
    let id = report["resultId"].clone();
    let mut again = params.clone();
    again["previousResultId"] = id.clone();
    let report = c.request("textDocument/diagnostic", again.clone());
    assert_eq!(report["kind"], "unchanged", "{report}");
    assert_eq!(report["resultId"], id);

    // After an edit the previous result is out of date.
    let end = text.trim_end().len();
    c.edit(BRIDGE, end, end, "\"");
    let report = c.request("textDocument/diagnostic", again);
    assert_eq!(report["kind"], "full");
    assert!(report["items"].as_array().unwrap().is_empty(), "{report:#}");
    let pushed = c.collect_notifications(Duration::from_millis(400));
    assert!(
        pushed
            .iter()
            .all(|n| n["method"] != "textDocument/publishDiagnostics"),
        "{pushed:#?}"
    );
}

#[test]
fn a_client_that_pulls_but_cannot_be_asked_to_pull_again_gets_pushes_that_follow_settings() {
    // Neovim 0.11 pulls diagnostics but has no workspace/diagnostic/refresh: pulled, its
    // diagnostics would keep showing the old settings after a settings change.
    let mut caps = capabilities(Enc::Utf16);
    caps["textDocument"]["diagnostic"] = json!({"dynamicRegistration": false});
    let mut c = Client::spawn();
    let result = c.initialize(caps, None, Value::Null);
    assert!(
        result["capabilities"].get("diagnosticProvider").is_none(),
        "{result:#}"
    );
    c.open(BRIDGE, "plaintext", &fixture("unicode.txt"));
    assert_eq!(c.diagnostics_for(BRIDGE, 1)[0]["severity"], 1);
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"quotelens": {"rules": {"unclosed-quote": "info"}}}}),
    );
    c.notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == BRIDGE && p["diagnostics"][0]["severity"] == 3
    });
}

#[test]
fn diagnostics_arrive_for_open_and_change_tagged_with_their_version() {
    let mut c = Client::start(Enc::Utf16, None, Value::Null);
    let text = fixture("bridge.txt");
    c.open(BRIDGE, "plaintext", &text);
    assert!(c.diagnostics_for(BRIDGE, 1).is_empty());

    // Add a paragraph with a quotation that is never closed.
    let added = "\nOkoro left the room. \u{201C}This is not over, she told the clerk.\n";
    let end = text.len();
    let v = c.edit(BRIDGE, end, end, added);
    assert_eq!(v, 2);
    let diags = c.diagnostics_for(BRIDGE, 2);
    let unclosed: Vec<&Value> = diags
        .iter()
        .filter(|d| d["code"] == "unclosed-quote")
        .collect();
    assert_eq!(unclosed.len(), 1, "{diags:#?}");
    let d = unclosed[0];
    assert_eq!(d["source"], "quotelens");
    assert_eq!(d["severity"], 1);
    assert!(
        d["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("README.md#unclosed-quote"),
        "{d}"
    );
    let text = c.text(BRIDGE).to_string();
    let related = &d["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], BRIDGE);
    assert_eq!(
        range_text(&text, &related["location"]["range"], Enc::Utf16),
        "\u{201C}",
        "related information points at the opening mark"
    );
    // The diagnostic is inside the added paragraph.
    let (start, _) = span(&text, &d["range"], Enc::Utf16);
    assert!(start > end, "{d}");

    // Close the quote: the finding goes away in version 3.
    let close_at = nth(&text, "over,", 0) + "over,".len();
    c.edit(BRIDGE, close_at, close_at, "\u{201D}");
    let diags = c.diagnostics_for(BRIDGE, 3);
    assert!(
        diags.iter().all(|d| d["code"] != "unclosed-quote"),
        "{diags:#?}"
    );
}

#[test]
fn hover_on_a_quotation_names_its_speaker_and_on_a_mention_its_quotes() {
    let mut c = Client::start(Enc::Utf16, None, Value::Null);
    let text = fixture("bridge.txt");
    c.open(BRIDGE, "plaintext", &text);

    let h = c.hover(BRIDGE, nth(&text, "steel is tired", 0));
    let md = h["contents"]["value"].as_str().unwrap();
    assert_eq!(h["contents"]["kind"], "markdown");
    assert!(md.contains("**Daniel Reyes**"), "{md}");
    assert!(md.contains("trailing-cue"), "{md}");
    assert!(md.contains("1 other quote"), "{md}");
    let q_start = nth(&text, "\"The steel", 0);
    let q_end = nth(&text, "failing,\"", 0) + "failing,\"".len();
    assert_eq!(h["range"], range(&text, q_start, q_end, Enc::Utf16));

    // On the pronoun "He": the entity it resolves to, its forms and its quotes with lines.
    let h = c.hover(BRIDGE, nth(&text, "He was asked", 0));
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(md.contains("**Daniel Reyes**"), "{md}");
    assert!(md.contains("pronoun"), "{md}");
    assert!(md.contains("\u{201C}Reyes\u{201D}"), "{md}");
    assert!(md.contains("2 quotes"), "{md}");
    assert!(md.contains("line 7:") && md.contains("line 9:"), "{md}");

    // Plain narration, a blank line, and past the end: nothing.
    assert!(c.hover(BRIDGE, nth(&text, "public meeting", 0)).is_null());
    assert!(c.hover(BRIDGE, nth(&text, "\n\n", 0) + 1).is_null());
    let far = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": BRIDGE}, "position": {"line": 400, "character": 3}}),
    );
    assert!(far.is_null());
}

#[test]
fn document_symbols_list_speakers_with_their_quotes() {
    let mut c = Client::start(Enc::Utf16, None, Value::Null);
    let mut text = fixture("bridge.txt");
    text.push_str("\nThe meeting ended after ten o'clock.\n\n\"Nobody asked the ferrymen.\"\n");
    c.open(BRIDGE, "plaintext", &text);
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": BRIDGE}}),
    );
    let symbols = symbols.as_array().unwrap();
    let summary: Vec<(String, usize)> = symbols
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_string(),
                s["children"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ("Helen Okoro".to_string(), 2),
            ("Daniel Reyes".to_string(), 2),
            // The closing quote and the question "He was asked" reports without its asker.
            ("Unattributed".to_string(), 2),
            ("Grace Lindqvist".to_string(), 1),
        ]
    );
    let okoro = &symbols[0];
    assert_eq!(okoro["kind"], 5, "speakers are classes");
    assert!(
        okoro["detail"].as_str().unwrap().contains("Mayor"),
        "{okoro}"
    );
    assert!(
        okoro["detail"].as_str().unwrap().contains("2 quotes"),
        "{okoro}"
    );
    assert_eq!(
        range_text(&text, &okoro["selectionRange"], Enc::Utf16),
        "Mayor Helen Okoro"
    );
    let first = &okoro["children"][0];
    assert_eq!(first["kind"], 15, "quotes are strings");
    assert!(
        first["name"]
            .as_str()
            .unwrap()
            .starts_with("\u{201C}The bridge we have now"),
        "{first}"
    );
    assert_eq!(
        range_text(&text, &first["range"], Enc::Utf16),
        "\"The bridge we have now was built for horses,\""
    );
    // Children lie inside their parent.
    for s in symbols {
        let (a, b) = span(&text, &s["range"], Enc::Utf16);
        for ch in s["children"].as_array().unwrap() {
            let (x, y) = span(&text, &ch["range"], Enc::Utf16);
            assert!(a <= x && y <= b, "{s}");
        }
    }
}

#[test]
fn workspace_symbol_finds_a_speaker_by_partial_name_across_documents() {
    let mut c = Client::start(Enc::Utf16, None, Value::Null);
    c.open(BRIDGE, "plaintext", &fixture("bridge.txt"));
    let other = "file:///news/unicode.txt";
    c.open(other, "plaintext", &fixture("unicode.txt"));

    let found = c.request("workspace/symbol", json!({"query": "lindq"}));
    let names: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Grace Lindqvist"]);
    assert_eq!(found[0]["location"]["uri"], BRIDGE);

    // Helen Okoro speaks in both documents.
    let found = c.request("workspace/symbol", json!({"query": "okor"}));
    let speakers: BTreeSet<(String, String)> = found
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == 5)
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_string(),
                s["location"]["uri"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        speakers,
        BTreeSet::from([
            ("Helen Okoro".to_string(), BRIDGE.to_string()),
            ("Helen Okoro".to_string(), other.to_string()),
        ])
    );
    // Quotes match on their words.
    let found = c.request("workspace/symbol", json!({"query": "detour"}));
    assert_eq!(found.as_array().unwrap().len(), 1, "{found:#}");
    assert_eq!(found[0]["kind"], 15);
    assert_eq!(found[0]["containerName"], "Lindqvist");
    let none = c.request("workspace/symbol", json!({"query": "zzzz"}));
    assert!(none.as_array().unwrap().is_empty());
}

#[test]
fn two_hundred_incremental_edits_keep_the_server_text_identical() {
    let mut c = Client::start(Enc::Utf16, None, Value::Null);
    let original = fixture("bridge.txt");
    c.open(BRIDGE, "plaintext", &original);
    c.diagnostics_for(BRIDGE, 1);

    // Type a paragraph letter by letter after the third paragraph, then delete it with
    // backspace. Cyrillic and an emoji make UTF-16 columns differ from characters.
    let paragraph = "\n\"Мост 🌉 is older than all of us, and it carries more trucks every year than it was \
                     ever meant to,\" Okoro said.\n";
    let mut at = nth(&original, "\n\nDaniel Reyes", 0) + 1;
    let mut sent = 0;
    for ch in paragraph.chars() {
        let s = ch.to_string();
        c.edit(BRIDGE, at, at, &s);
        at += s.len();
        sent += 1;
    }
    let typed = c.text(BRIDGE).to_string();
    assert_ne!(typed, original);
    assert_eq!(c.server_text(BRIDGE), (typed, c.version(BRIDGE)));
    for ch in paragraph.chars().rev() {
        at -= ch.len_utf8();
        c.edit(BRIDGE, at, at + ch.len_utf8(), "");
        sent += 1;
    }
    assert!(sent >= 200, "{sent} edits");
    let last = c.version(BRIDGE);
    assert_eq!(c.text(BRIDGE), original);
    assert_eq!(c.server_text(BRIDGE), (original.clone(), last));

    // The last diagnostics published belong to the last version.
    c.diagnostics_for(BRIDGE, last);
    let later = c.collect_notifications(Duration::from_millis(600));
    let versions: Vec<&Value> = later
        .iter()
        .filter(|n| n["method"] == "textDocument/publishDiagnostics")
        .map(|n| &n["params"]["version"])
        .collect();
    assert!(
        versions.is_empty(),
        "published after the last version: {versions:?}"
    );
    let analysis = c.request(
        "quotelens/analysis",
        json!({"textDocument": {"uri": BRIDGE}}),
    );
    // Five quotes and the question "He was asked" reports.
    assert_eq!(analysis["quotes"].as_array().unwrap().len(), 6);
}

/// The hover and diagnostic ranges on a line with Cyrillic and emoji, in one encoding.
fn ranges_on_a_unicode_line(enc: Enc) {
    let mut c = Client::start(enc, None, Value::Null);
    let text = fixture("unicode.txt");
    let uri = "file:///news/unicode.txt";
    c.open(uri, "plaintext", &text);
    let diags = c.diagnostics_for(uri, 1);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let d = &diags[0];
    assert_eq!(d["code"], "unclosed-quote");
    // Where the closing mark is missing: the last character of the unclosed quote.
    let end = text.trim_end().len();
    let last = text[..end].chars().next_back().unwrap().len_utf8();
    assert_eq!(d["range"], range(&text, end - last, end, enc), "{enc:?}");
    let related = &d["relatedInformation"][0]["location"]["range"];
    let opening = nth(&text, "\"Мы", 0);
    assert_eq!(*related, range(&text, opening, opening + 1, enc));

    // Hover on the emoji inside the first quote: the range is the whole quote.
    let h = c.hover(uri, nth(&text, "🌉 старше", 0));
    let start = nth(&text, "\"Мост", 0);
    let close = nth(&text, "всех,\"", 0) + "всех,\"".len();
    assert_eq!(h["range"], range(&text, start, close, enc), "{enc:?}");
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("Helen Okoro")
    );
    // In UTF-16 the emoji counts 2, in UTF-8 4, in UTF-32 1: the columns differ.
    let col = h["range"]["end"]["character"].as_u64().unwrap() as usize;
    let line = &text[nth(&text, "Жители", 0)..close];
    let expected = match enc {
        Enc::Utf8 => line.len(),
        Enc::Utf16 => line.encode_utf16().count(),
        Enc::Utf32 => line.chars().count(),
    };
    assert_eq!(col, expected);
}

#[test]
fn ranges_are_right_in_utf16_on_a_line_with_emoji_and_cyrillic() {
    ranges_on_a_unicode_line(Enc::Utf16);
}

#[test]
fn ranges_are_right_in_utf8_on_a_line_with_emoji_and_cyrillic() {
    ranges_on_a_unicode_line(Enc::Utf8);
}

#[test]
fn ranges_are_right_in_utf32_on_a_line_with_emoji_and_cyrillic() {
    ranges_on_a_unicode_line(Enc::Utf32);
}

#[test]
fn position_encoding_is_negotiated_from_the_clients_list() {
    for (offered, chosen) in [
        (json!(["utf-8", "utf-16"]), "utf-8"),
        (json!(["utf-32", "utf-8"]), "utf-32"),
        (json!(["latin-1", "utf-16"]), "utf-16"),
        (Value::Null, "utf-16"),
    ] {
        let mut caps = capabilities(Enc::Utf16);
        caps["general"]["positionEncodings"] = offered.clone();
        let mut c = Client::spawn();
        let r = c.initialize(caps, None, Value::Null);
        assert_eq!(r["capabilities"]["positionEncoding"], chosen, "{offered}");
    }
}

#[test]
fn crlf_line_endings_and_curly_quotes_convert_both_ways() {
    let mut c = Client::start(Enc::Utf16, None, Value::Null);
    let text = "Mayor Helen Okoro spoke first.\r\n\r\n\u{201C}Мост 🌉 stays open,\u{201D} Okoro said.\r\n\r\n\u{201C}Not for long\r\n";
    let uri = "file:///news/crlf.txt";
    c.open(uri, "plaintext", text);
    let diags = c.diagnostics_for(uri, 1);
    let d = diags
        .iter()
        .find(|d| d["code"] == "unclosed-quote")
        .expect("unclosed quote");
    assert_eq!(range_text(text, &d["range"], Enc::Utf16), "g");
    let h = c.hover(uri, nth(text, "stays", 0));
    assert_eq!(
        range_text(text, &h["range"], Enc::Utf16),
        "\u{201C}Мост 🌉 stays open,\u{201D}"
    );
    // An edit across a CRLF line break.
    let at = nth(text, "first.", 0) + "first.".len();
    c.edit(uri, at, at + 2, " ");
    let (server, _) = c.server_text(uri);
    assert_eq!(server, c.text(uri));
}

#[test]
fn closing_a_document_clears_its_diagnostics_and_forgets_it() {
    let mut c = Client::start(Enc::Utf16, None, Value::Null);
    let uri = "file:///news/unicode.txt";
    c.open(uri, "plaintext", &fixture("unicode.txt"));
    assert_eq!(c.diagnostics_for(uri, 1).len(), 1);
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let cleared = c.notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri && p["diagnostics"].as_array().unwrap().is_empty()
    });
    assert!(cleared["version"].is_null());
    let r = c.request_raw(
        "quotelens/debug/document",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(r.get("error").is_some(), "{r}");
    // Reopened, it is analysed again.
    c.open(uri, "plaintext", &fixture("unicode.txt"));
    assert_eq!(c.diagnostics_for(uri, 1).len(), 1);
}

#[test]
fn exit_after_shutdown_ends_the_process_with_stdin_still_open() {
    let c = Client::start(Enc::Utf16, None, Value::Null);
    let status = c.shutdown();
    assert_eq!(status.code(), Some(0));

    // `--stdio` starts the same server; exit without shutdown is exit code 1.
    let mut c = Client::spawn_with(&["--stdio"]);
    c.initialize(capabilities(Enc::Utf16), None, Value::Null);
    c.notify("exit", Value::Null);
    assert_eq!(c.wait_exit().code(), Some(1));

    // Eglot sends shutdown with "params": null.
    let mut c = Client::spawn();
    c.initialize(capabilities(Enc::Utf16), None, Value::Null);
    let id = c.send_request("shutdown", Value::Null);
    let r = c.response(id);
    assert!(r.get("error").is_none(), "{r}");
}

#[test]
fn malformed_messages_do_not_stop_the_server() {
    let mut c = Client::start(Enc::Utf16, None, Value::Null);
    let text = fixture("bridge.txt");
    c.open(BRIDGE, "plaintext", &text);
    // Broken JSON, unknown documents, nonsense positions and params.
    c.send_raw(b"Content-Length: 9\r\n\r\n{\"jsonrpc");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nowhere.txt", "version": 2}, "contentChanges": [{"text": "x"}]}),
    );
    c.notify("textDocument/didChange", json!({"textDocument": 7}));
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": BRIDGE, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 9999, "character": 5}, "end": {"line": 0, "character": 999}}, "text": "!"}]}),
    );
    let r = c.request_raw(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere.txt"}, "position": {"line": 0, "character": 0}}),
    );
    assert!(r["result"].is_null(), "{r}");
    let r = c.request_raw("textDocument/hover", json!({"nonsense": true}));
    assert!(r.get("error").is_some(), "{r}");
    // The server is alive and its text is the clamped edit: everything from the end of the
    // first line to the end of the text replaced by "!".
    let (server, version) = c.server_text(BRIDGE);
    let first_line = &text[..text.find('\n').unwrap()];
    assert_eq!(server, format!("{first_line}!"));
    assert_eq!(version, 2);
    assert!(c.shutdown().success());
}

#[test]
fn typing_is_debounced_but_opening_and_requests_are_not() {
    // A long debounce: the first diagnostics must still come at once, and a request made while
    // re-analysis waits must answer from the text as it is now.
    // Diagnostics sooner than the debounce show that didOpen did not wait for it (a logical
    // bound, not a speed target: a loaded machine still answers a short article well within it).
    let debounce = Duration::from_secs(5); // the largest debounce the settings accept
    let mut c = Client::start(
        Enc::Utf16,
        None,
        json!({"debounceMs": debounce.as_millis() as u64}),
    );
    let text = fixture("bridge.txt");
    let started = std::time::Instant::now();
    c.open(BRIDGE, "plaintext", &text);
    c.diagnostics_for(BRIDGE, 1);
    assert!(
        started.elapsed() < debounce,
        "didOpen waited for the debounce"
    );

    let at = nth(&text, "\n\nDaniel Reyes", 0);
    let mut last = 1;
    for ch in "\n\n\"We will see,\" Lindqvist said.".chars() {
        let s = ch.to_string();
        let offset = at + c.text(BRIDGE)[at..].len() - text[at..].len();
        last = c.edit(BRIDGE, offset, offset, &s);
    }
    let early = c.try_notification(
        "textDocument/publishDiagnostics",
        Duration::from_millis(800),
        |p| p["uri"] == BRIDGE && p["version"] != 1,
    );
    assert!(
        early.is_none(),
        "published while the user was typing: {early:?}"
    );
    let h = c.hover(BRIDGE, nth(c.text(BRIDGE), "We will see", 0));
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("Grace Lindqvist"),
        "{h}"
    );
    // Once typing stops for the debounce, the last version is published.
    let p = c.notification("textDocument/publishDiagnostics", |p| p["uri"] == BRIDGE);
    assert_eq!(p["version"], last);
}
