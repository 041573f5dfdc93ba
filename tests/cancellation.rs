//! Stale analyses are cancelled, not finished (issue 7): in the analysis library through
//! `analyze_unless`, and in the server, where an analysis is abandoned when a newer version
//! of its document arrives.

mod common;

use common::{Client, Enc, capabilities, fixture};
use quotelens::analysis::{Options, analyze, analyze_unless};
use serde_json::{Value, json};
use std::cell::Cell;
use std::time::{Duration, Instant};

fn as_json<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).expect("serialisable")
}

#[test]
fn an_analysis_nobody_cancels_equals_analyze() {
    let text = fixture("minister.txt");
    let options = Options::default();
    let asked = Cell::new(0);
    let a = analyze_unless(&text, &options, &|| {
        asked.set(asked.get() + 1);
        false
    })
    .expect("not cancelled");
    assert!(asked.get() >= 5, "asked only {} times", asked.get());
    assert_eq!(as_json(&a), as_json(&analyze(&text, &options)));
}

#[test]
fn cancelling_at_any_check_stops_the_analysis() {
    let text = fixture("minister.txt");
    let options = Options::default();
    let checks = Cell::new(0);
    analyze_unless(&text, &options, &|| {
        checks.set(checks.get() + 1);
        false
    });
    for k in 1..=checks.get() {
        let asked = Cell::new(0);
        let result = analyze_unless(&text, &options, &|| {
            asked.set(asked.get() + 1);
            asked.get() >= k
        });
        assert!(result.is_none(), "cancelled at check {k} yet finished");
        assert_eq!(asked.get(), k, "went on asking after check {k} said stop");
    }
}

const HOOKS: &[(&str, &str)] = &[("QUOTELENS_TEST_HOOKS", "1")];
const URI: &str = "file:///tmp/quotelens-cancellation.txt";

fn debug_document(c: &mut Client) -> Value {
    c.request(
        "quotelens/debug/document",
        json!({"textDocument": {"uri": URI}}),
    )
}

/// Ask the server until `pred` holds of its debug view of the document.
fn until(c: &mut Client, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let d = debug_document(c);
        if pred(&d) {
            return d;
        }
        assert!(Instant::now() < deadline, "never {what}: {d}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn start_held(text: &str) -> Client {
    let mut c = Client::spawn_with_env(&["lsp"], HOOKS);
    c.initialize(capabilities(Enc::Utf16), None, json!({"debounceMs": 0}));
    c.request("quotelens/debug/holdAnalyses", json!({"hold": true}));
    c.open(URI, "plaintext", text);
    until(&mut c, "held the first analysis", |d| {
        d["heldAnalyses"] == 1
    });
    c
}

#[test]
fn a_change_abandons_the_analysis_it_makes_stale() {
    let text = fixture("minister.txt");
    let mut c = start_held(&text);
    // The analysis of version 1 is running (held at its first check) when version 2 arrives.
    let v2 = c.edit(URI, 0, 0, "Update: ");
    until(&mut c, "abandoned version 1", |d| {
        d["cancelledAnalyses"] == 1
    });
    c.request("quotelens/debug/holdAnalyses", json!({"hold": false}));
    let d = c.notification("textDocument/publishDiagnostics", |p| p["version"] == v2);
    assert_eq!(d["uri"], URI);
    let state = until(&mut c, "analysed version 2", |d| d["analysedVersion"] == v2);
    assert_eq!(state["cancelledAnalyses"], 1, "{state}");
    // Nothing was published for the abandoned version.
    let rest = c.collect_notifications(Duration::from_millis(300));
    assert!(
        rest.iter()
            .all(|n| n["method"] != "textDocument/publishDiagnostics"
                || n["params"]["version"] == v2),
        "{rest:?}"
    );
}

#[test]
fn a_burst_of_changes_leaves_one_analysis_to_finish() {
    let text = fixture("minister.txt");
    let mut c = start_held(&text);
    let mut last = 1;
    for i in 0..5 {
        last = c.edit(URI, i, i, "x");
    }
    // Version 1's analysis gives up; the analyses scheduled for versions 2 to 5 find a newer
    // version before or while they run.
    until(&mut c, "abandoned version 1", |d| {
        d["cancelledAnalyses"].as_u64() >= Some(1)
    });
    c.request("quotelens/debug/holdAnalyses", json!({"hold": false}));
    c.notification("textDocument/publishDiagnostics", |p| p["version"] == last);
    let rest = c.collect_notifications(Duration::from_millis(300));
    assert!(
        rest.iter()
            .all(|n| n["method"] != "textDocument/publishDiagnostics"),
        "diagnostics for a stale version: {rest:?}"
    );
    // Every change's refresh found the one analysis of the last version; only the first
    // built its diagnostics (the others would spend the async workers' time for nothing).
    let state = debug_document(&mut c);
    assert_eq!(state["diagnosticsBuilt"], 1, "{state}");
}

#[test]
fn hover_answers_from_the_last_analysis_while_a_newer_one_runs() {
    let text = fixture("minister.txt");
    let mut c = Client::spawn_with_env(&["lsp"], HOOKS);
    c.initialize(capabilities(Enc::Utf16), None, json!({"debounceMs": 0}));
    c.open(URI, "plaintext", &text);
    c.notification("textDocument/publishDiagnostics", |p| p["version"] == 1);
    let quote = text
        .find('\u{201C}')
        .or_else(|| text.find('"'))
        .expect("a quotation");
    let hover_at = |c: &mut Client, offset: usize| {
        let pos = common::position(c.text(URI), offset, Enc::Utf16);
        c.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": pos}),
        )
    };
    let before = hover_at(&mut c, quote + 3);
    assert!(before["contents"]["value"].is_string(), "{before}");
    // Hold the next analysis and insert text before the quotation.
    c.request("quotelens/debug/holdAnalyses", json!({"hold": true}));
    let inserted = "A new first line.\n\n";
    c.edit(URI, 0, 0, inserted);
    until(&mut c, "held the analysis of version 2", |d| {
        d["heldAnalyses"] == 1
    });
    // The hover comes at once, from version 1's analysis, with its range moved with the text.
    let during = hover_at(&mut c, quote + 3 + inserted.len());
    assert_eq!(during["contents"], before["contents"]);
    let shifted = |r: &Value| r["start"]["line"].as_u64().unwrap() + 2;
    assert_eq!(
        during["range"]["start"]["line"].as_u64(),
        Some(shifted(&before["range"])),
        "{before} {during}"
    );
    assert_eq!(
        during["range"]["start"]["character"],
        before["range"]["start"]["character"]
    );
    let state = debug_document(&mut c);
    assert_eq!(state["analysedVersion"], Value::Null, "still held: {state}");
    c.request("quotelens/debug/holdAnalyses", json!({"hold": false}));
    c.notification("textDocument/publishDiagnostics", |p| p["version"] == 2);
}

#[test]
fn a_request_across_a_settings_change_is_answered_not_content_modified() {
    // The text a request was sent for is still the text: a settings change (which Neovim sends
    // right after opening a file) re-analyses it, and the request gets the new analysis.
    let text = fixture("minister.txt");
    let mut c = Client::spawn_with_env(&["lsp"], HOOKS);
    let mut caps = capabilities(Enc::Utf16);
    caps["textDocument"]["diagnostic"] = json!({"dynamicRegistration": false});
    caps["workspace"]["diagnostics"] = json!({"refreshSupport": true});
    c.initialize(caps, None, json!({"debounceMs": 0}));
    c.request("quotelens/debug/holdAnalyses", json!({"hold": true}));
    c.open(URI, "plaintext", &text);
    until(&mut c, "held the first analysis", |d| {
        d["heldAnalyses"] == 1
    });
    let pull = c.send_request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": URI}}),
    );
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"quotelens": {"rules": {"inconsistent-speaker-name": "info"}}}}),
    );
    until(&mut c, "abandoned the analysis of the old settings", |d| {
        d["cancelledAnalyses"].as_u64() >= Some(1)
    });
    c.request("quotelens/debug/holdAnalyses", json!({"hold": false}));
    let answer = c.response(pull);
    assert!(answer.get("error").is_none(), "{answer}");
    let report = &answer["result"];
    assert_eq!(report["kind"], "full", "{answer}");
    let items = report["items"].as_array().unwrap();
    assert!(!items.is_empty(), "{answer}");
    // Answered with the new settings.
    assert!(
        items
            .iter()
            .any(|d| d["code"] == "inconsistent-speaker-name" && d["severity"] == 3),
        "{answer}"
    );
}
