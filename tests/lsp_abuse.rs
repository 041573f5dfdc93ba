//! Protocol abuse over real stdio (issue 8): each kind of bad input gets the JSON-RPC error the
//! specification names, or is ignored with a log line, and afterwards the same server still
//! answers a hover correctly. Memory is measured from /proc.

mod common;

use common::*;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::time::{Duration, Instant};

const BRIDGE: &str = "file:///news/bridge.txt";
const HOOKS: &[(&str, &str)] = &[("QUOTELENS_TEST_HOOKS", "1")];

fn framed(body: &[u8]) -> Vec<u8> {
    let mut f = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    f.extend_from_slice(body);
    f
}

/// A started server with the bridge article open.
fn started(env: &[(&str, &str)]) -> Client {
    let mut c = Client::spawn_with_env(&["lsp"], env);
    c.initialize(capabilities(Enc::Utf16), None, Value::Null);
    c.open(BRIDGE, "plaintext", &fixture("bridge.txt"));
    c
}

/// The server still answers a hover on a quotation with its speaker, from the client's text.
fn assert_hover_still_works(c: &mut Client) {
    let text = c.text(BRIDGE).to_string();
    let h = c.hover(BRIDGE, nth(&text, "steel is tired", 0));
    let md = h["contents"]["value"].as_str().unwrap_or_default();
    assert!(md.contains("**Daniel Reyes**"), "hover after abuse: {h}");
    let (server, _) = c.server_text(BRIDGE);
    assert_eq!(server, text, "the server's text differs from the client's");
}

/// Wait until the server's log has `needle`.
fn wait_for_log(c: &Client, needle: &str) {
    let deadline = Instant::now() + TIMEOUT;
    while !c.stderr().contains(needle) {
        assert!(
            Instant::now() < deadline,
            "no log line with {needle:?}; stderr:\n{}",
            c.stderr()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn error_code(r: &Value) -> Option<i64> {
    r["error"]["code"].as_i64()
}

#[test]
fn invalid_json_and_non_rpc_messages_get_parse_and_invalid_request_errors() {
    let mut c = started(&[]);
    c.send_raw(&framed(b"{\"jsonrpc\": \"2.0\", \"id\": 3, \"method\": "));
    let r = c.response_where("the broken JSON", |r| r["id"].is_null());
    assert_eq!(error_code(&r), Some(-32700), "{r}");

    // A batch (LSP has none), a message without a method, a method that is not a string, a
    // JSON-RPC 1.0 request: invalid requests, answered to their id when they have one.
    c.send_raw(&framed(b"[1, 2]"));
    let r = c.response_where("the batch", |r| r["id"].is_null());
    assert_eq!(error_code(&r), Some(-32600), "{r}");
    c.send_raw(&framed(br#"{"jsonrpc": "2.0", "id": 41}"#));
    let r = c.response(41);
    assert_eq!(error_code(&r), Some(-32600), "{r}");
    c.send_raw(&framed(br#"{"jsonrpc": "2.0", "id": 42, "method": 7}"#));
    let r = c.response(42);
    assert_eq!(error_code(&r), Some(-32600), "{r}");
    c.send_raw(&framed(
        br#"{"jsonrpc": "1.0", "id": 43, "method": "shutdown"}"#,
    ));
    let r = c.response(43);
    assert_eq!(error_code(&r), Some(-32600), "{r}");
    // Header junk: not a frame at all, skipped with a log line.
    c.send_raw(b"Hello server\r\nX-Nonsense: yes\r\n\r\n");
    wait_for_log(&c, "a header without Content-Length");
    assert_hover_still_works(&mut c);
}

#[test]
fn a_wrong_content_length_costs_only_its_own_frame() {
    let mut c = started(&[]);
    let text = c.text(BRIDGE).to_string();
    let pos = c.position(BRIDGE, nth(&text, "steel is tired", 0));
    let hover = |id: i64| {
        serde_json::to_vec(
            &json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
            "params": {"textDocument": {"uri": BRIDGE}, "position": pos}}),
        )
        .unwrap()
    };
    // Too short: the rest of the body lies in front of the next frame's header.
    let body = hover(100);
    let mut bytes = format!("Content-Length: {}\r\n\r\n", body.len() - 10).into_bytes();
    bytes.extend_from_slice(&body);
    bytes.extend_from_slice(&framed(&hover(101)));
    c.send_raw(&bytes);
    let r = c.response(101);
    assert!(
        r["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("Daniel Reyes")
    );
    let r = c.response_where("the short frame", |r| r["id"].is_null());
    assert_eq!(error_code(&r), Some(-32700), "{r}");

    // Too long: the body runs into the next frame, which is still read; the first request
    // is answered with an error to its own id.
    let body = hover(102);
    let mut bytes = format!("Content-Length: {}\r\n\r\n", body.len() + 25).into_bytes();
    bytes.extend_from_slice(&body);
    bytes.extend_from_slice(&framed(&hover(103)));
    c.send_raw(&bytes);
    let r = c.response(102);
    assert_eq!(error_code(&r), Some(-32600), "{r}");
    let r = c.response(103);
    assert!(
        r["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("Daniel Reyes")
    );

    // Too long and nothing follows: after a pause the frame is answered anyway.
    let body = hover(104);
    let mut bytes = format!("Content-Length: {}\r\n\r\n", body.len() + 500).into_bytes();
    bytes.extend_from_slice(&body);
    c.send_raw(&bytes);
    let r = c.response(104);
    assert_eq!(error_code(&r), Some(-32600), "{r}");
    assert_hover_still_works(&mut c);
}

#[test]
fn unknown_methods_get_method_not_found_and_unknown_notifications_a_log_line() {
    let mut c = started(&[]);
    let r = c.request_raw("quotelens/noSuchThing", json!({}));
    assert_eq!(error_code(&r), Some(-32601), "{r}");
    let r = c.request_raw(
        "textDocument/formatting",
        json!({"textDocument": {"uri": BRIDGE}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    assert_eq!(error_code(&r), Some(-32601), "{r}");
    // The test hooks are not there unless asked for.
    let r = c.request_raw("quotelens/debug/panic", Value::Null);
    assert_eq!(error_code(&r), Some(-32601), "{r}");
    c.notify("made/up", json!({"x": 1}));
    wait_for_log(&c, "ignored the notification made/up");
    // `$/` notifications may be ignored silently, as the specification says.
    c.notify("$/madeUp", json!({}));
    assert_hover_still_works(&mut c);
}

#[test]
fn requests_before_initialize_get_server_not_initialized() {
    let mut c = Client::spawn();
    let text = fixture("bridge.txt");
    let r = c.request_raw(
        "textDocument/hover",
        json!({"textDocument": {"uri": BRIDGE}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(error_code(&r), Some(-32002), "{r}");
    let r = c.request_raw("shutdown", Value::Null);
    assert_eq!(error_code(&r), Some(-32002), "{r}");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": BRIDGE, "languageId": "plaintext", "version": 1, "text": text}}),
    );
    wait_for_log(
        &c,
        "ignored textDocument/didOpen: the server is not initialized yet",
    );
    // An initialize with wrong types is refused, and a good one after it still works.
    let r = c.request_raw("initialize", json!({"capabilities": 5}));
    assert_eq!(error_code(&r), Some(-32602), "{r}");
    c.initialize(capabilities(Enc::Utf16), None, Value::Null);
    let r = c.request_raw("initialize", json!({"capabilities": {}}));
    assert_eq!(error_code(&r), Some(-32600), "a second initialize: {r}");
    // The document sent too early was not opened.
    let r = c.request_raw(
        "quotelens/debug/document",
        json!({"textDocument": {"uri": BRIDGE}}),
    );
    assert!(r.get("error").is_some(), "{r}");
    c.open(BRIDGE, "plaintext", &text);
    assert_hover_still_works(&mut c);
}

#[test]
fn wrong_param_types_get_invalid_params_or_a_log_line() {
    let mut c = started(&[]);
    let r = c.request_raw(
        "textDocument/hover",
        json!({"textDocument": {"uri": BRIDGE}, "position": "here"}),
    );
    assert_eq!(error_code(&r), Some(-32602), "{r}");
    let r = c.request_raw("textDocument/documentSymbol", json!([1, 2, 3]));
    assert_eq!(error_code(&r), Some(-32602), "{r}");
    let r = c.request_raw("textDocument/hover", Value::Null);
    assert_eq!(error_code(&r), Some(-32602), "{r}");
    let r = c.request_raw(
        "textDocument/hover",
        json!({"textDocument": {"uri": "not a uri"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(error_code(&r), Some(-32602), "{r}");
    c.notify("textDocument/didChange", json!({"textDocument": 7}));
    wait_for_log(&c, "bad didChange params");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": BRIDGE, "text": 5}}),
    );
    wait_for_log(&c, "bad didOpen params");
    c.notify("workspace/didChangeWatchedFiles", json!({"changes": "all"}));
    wait_for_log(
        &c,
        "ignored the notification workspace/didChangeWatchedFiles: bad params",
    );
    c.notify("workspace/didChangeConfiguration", json!("loud"));
    wait_for_log(
        &c,
        "ignored the notification workspace/didChangeConfiguration: bad params",
    );
    assert_hover_still_works(&mut c);
}

#[test]
fn changes_to_unknown_documents_past_the_end_or_with_older_versions_are_logged() {
    let mut c = started(&[]);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nowhere.txt", "version": 2},
               "contentChanges": [{"text": "x"}]}),
    );
    wait_for_log(
        &c,
        "didChange for a document that is not open: file:///nowhere.txt",
    );

    // A range past the end is clamped to the end (as the specification says of columns).
    let end = c.text(BRIDGE).len();
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": BRIDGE, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 500, "character": 0},
                                             "end": {"line": 900, "character": 4}},
                                   "text": "\nThe end."}]}),
    );
    wait_for_log(&c, "reaches outside the text; clamped to it");
    let (text, v) = c.texts.get_mut(BRIDGE).unwrap();
    text.insert_str(end, "\nThe end.");
    *v = 2;

    // Versions going backwards: logged, and the change is applied as sent, so the text stays
    // the client's.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": BRIDGE, "version": 1},
               "contentChanges": [{"range": {"start": {"line": 0, "character": 0},
                                             "end": {"line": 0, "character": 0}},
                                   "text": "UPDATED: "}]}),
    );
    wait_for_log(&c, "goes from version 2 back to 1; applied as sent");
    let (text, v) = c.texts.get_mut(BRIDGE).unwrap();
    text.insert_str(0, "UPDATED: ");
    *v = 1;
    assert_hover_still_works(&mut c);
    let d = c.diagnostics_for(BRIDGE, 1);
    assert!(d.is_empty() || d[0]["range"].is_object());
}

#[test]
fn a_lone_surrogate_becomes_a_replacement_character_and_positions_still_agree() {
    let mut c = started(&[]);
    let text = c.text(BRIDGE).to_string();
    let at = nth(&text, "Thursday", 0);
    let pos = c.position(BRIDGE, at);
    // JavaScript clients can send half a surrogate pair, escaped as JSON allows.
    let body = format!(
        r#"{{"jsonrpc":"2.0","method":"textDocument/didChange","params":{{"textDocument":{{"uri":"{BRIDGE}","version":2}},"contentChanges":[{{"range":{{"start":{pos},"end":{pos}}},"text":"X\ud83dY "}}]}}}}"#
    );
    c.send_raw(&framed(body.as_bytes()));
    let (t, v) = c.texts.get_mut(BRIDGE).unwrap();
    t.insert_str(at, "X\u{FFFD}Y ");
    *v = 2;
    // U+FFFD is one UTF-16 unit, like the surrogate: a later edit after it lands right.
    let after = at + "X\u{FFFD}".len();
    c.edit(BRIDGE, after, after, "!");
    wait_for_log(&c, "lone UTF-16 surrogates");
    assert_hover_still_works(&mut c);
}

#[test]
fn a_binary_file_is_analysed_without_harm() {
    let mut c = started(&[]);
    // What an editor sends for a binary file: control characters, NULs and U+FFFD for the
    // bytes it could not decode, with quotation marks here and there.
    let mut binary = String::new();
    for i in 0u32..20_000 {
        let b = (i.wrapping_mul(2_654_435_761) >> 24) as u8;
        binary.push(match b {
            0..=127 => b as char,
            128..=140 => '"',
            141..=150 => '\u{201C}',
            _ => '\u{FFFD}',
        });
    }
    for (uri, lang) in [
        ("file:///bin/blob.dat", "plaintext"),
        ("file:///bin/blob.md", "markdown"),
    ] {
        c.open(uri, lang, &binary);
        c.diagnostics_for(uri, 1);
        for method in [
            "textDocument/documentSymbol",
            "textDocument/semanticTokens/full",
            "textDocument/codeLens",
            "quotelens/analysis",
        ] {
            let r = c.request_raw(method, json!({"textDocument": {"uri": uri}}));
            assert!(r.get("error").is_none(), "{method}: {r}");
        }
        for offset in (0..binary.len()).step_by(997) {
            let offset = binary.floor_char_boundary(offset);
            let pos = position(&binary, offset, Enc::Utf16);
            let r = c.request_raw(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": pos}),
            );
            assert!(r.get("error").is_none(), "hover at {offset}: {r}");
        }
    }
    // Raw bytes that are not UTF-8 inside a message become U+FFFD instead of losing it.
    let mut body = br#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///bin/raw.txt","languageId":"plaintext","version":1,"text":"a"#
        .to_vec();
    body.extend_from_slice(b"\xff\xfe\x80b\"}}}");
    c.send_raw(&framed(&body));
    let r = c.request(
        "quotelens/debug/document",
        json!({"textDocument": {"uri": "file:///bin/raw.txt"}}),
    );
    assert_eq!(r["text"], "a\u{FFFD}\u{FFFD}\u{FFFD}b");
    assert_hover_still_works(&mut c);
}

#[test]
fn a_fifty_megabyte_document_is_not_analysed_and_memory_stays_bounded() {
    let mut c = started(&[]);
    let paragraph = "\"The river is high,\" Okoro said. The council met again on Monday.\n\n";
    let big = paragraph.repeat(50_000_000 / paragraph.len() + 1);
    assert!(big.len() >= 50_000_000);
    let before = c.memory_kib("VmRSS");
    let started = Instant::now();
    c.open("file:///news/huge.txt", "plaintext", &big);
    let d = c.diagnostics_for("file:///news/huge.txt", 1);
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(
        d[0]["message"].as_str().unwrap().contains("maxFileSize"),
        "{d:?}"
    );
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///news/huge.txt"}, "position": {"line": 0, "character": 3}}),
    );
    assert!(r.is_null(), "{r}");
    let peak = c.memory_kib("VmHWM");
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": "file:///news/huge.txt"}}),
    );
    c.notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == "file:///news/huge.txt" && p["diagnostics"] == json!([])
    });
    assert_hover_still_works(&mut c);
    let after = c.memory_kib("VmRSS");
    eprintln!(
        "50 MB document: {:?} to answer; RSS before {before:?} KiB, peak {peak:?} KiB, after close {after:?} KiB",
        started.elapsed()
    );
    if let (Some(peak), Some(after)) = (peak, after) {
        // The text is held a few times over while it is decoded and stored, never more.
        assert!(
            peak < 700 * 1024,
            "peak RSS {peak} KiB for a 50 MB document"
        );
        assert!(after < 400 * 1024, "RSS {after} KiB after closing it");
    }
}

#[test]
fn ten_thousand_requests_in_a_burst_are_all_answered_in_bounded_memory() {
    let mut c = started(&[]);
    let text = c.text(BRIDGE).to_string();
    let expected = c.hover(BRIDGE, nth(&text, "steel is tired", 0));
    let pos = c.position(BRIDGE, nth(&text, "steel is tired", 0));
    let before = c.memory_kib("VmRSS");
    const N: i64 = 10_000;
    let mut bytes = Vec::new();
    for id in 1_000..1_000 + N {
        let body = serde_json::to_vec(&json!({"jsonrpc": "2.0", "id": id,
            "method": "textDocument/hover",
            "params": {"textDocument": {"uri": BRIDGE}, "position": pos}}))
        .unwrap();
        bytes.extend_from_slice(&framed(&body));
    }
    c.send_raw(&bytes);
    let mut answers: HashMap<i64, Value> = HashMap::new();
    while answers.len() < N as usize {
        let r = c.response_where("the burst", |r| {
            r["id"]
                .as_i64()
                .is_some_and(|id| (1_000..1_000 + N).contains(&id))
        });
        let id = r["id"].as_i64().unwrap();
        assert!(answers.insert(id, r).is_none(), "two answers to {id}");
    }
    for r in answers.values() {
        assert_eq!(r["result"], expected, "{r}");
    }
    let after = c.memory_kib("VmRSS");
    eprintln!("10,000 hovers: RSS before {before:?} KiB, after {after:?} KiB");
    if let (Some(before), Some(after)) = (before, after) {
        assert!(
            after < before + 64 * 1024,
            "RSS grew from {before} to {after} KiB"
        );
    }
    assert_hover_still_works(&mut c);
}

#[test]
fn cancelled_requests_get_request_cancelled() {
    let mut c = started(HOOKS);
    let slow = c.send_request("quotelens/debug/sleep", json!({"ms": 30_000}));
    let started = Instant::now();
    c.notify("$/cancelRequest", json!({"id": slow}));
    let r = c.response(slow);
    assert_eq!(error_code(&r), Some(-32800), "{r}");
    assert!(started.elapsed() < Duration::from_secs(10));
    // Cancelling what is already answered, or was never asked, changes nothing.
    c.notify("$/cancelRequest", json!({"id": slow}));
    c.notify("$/cancelRequest", json!({"id": "never-sent"}));

    // Real requests cancelled while in flight: each gets exactly one answer, its result or
    // RequestCancelled.
    let text = c.text(BRIDGE).to_string();
    let pos = c.position(BRIDGE, nth(&text, "steel is tired", 0));
    let ids: Vec<i64> = (0..50)
        .map(|_| {
            let id = c.send_request(
                "textDocument/hover",
                json!({"textDocument": {"uri": BRIDGE}, "position": pos}),
            );
            c.notify("$/cancelRequest", json!({"id": id}));
            id
        })
        .collect();
    for id in ids {
        let r = c.response(id);
        assert!(
            error_code(&r) == Some(-32800) || r["result"]["contents"].is_object(),
            "{r}"
        );
    }
    assert_hover_still_works(&mut c);
}

#[test]
fn a_request_whose_document_changed_before_it_ran_gets_content_modified() {
    let mut c = started(HOOKS);
    let text = c.text(BRIDGE).to_string();
    // Four slow requests fill the server's four handler slots, so the hover waits behind
    // them while an edit (applied the moment it is read) changes its document.
    let sleeps: Vec<i64> = (0..4)
        .map(|_| c.send_request("quotelens/debug/sleep", json!({"ms": 1500})))
        .collect();
    let pos = c.position(BRIDGE, nth(&text, "steel is tired", 0));
    let hover = c.send_request(
        "textDocument/hover",
        json!({"textDocument": {"uri": BRIDGE}, "position": pos}),
    );
    c.edit(BRIDGE, 0, 0, "Updated at noon.\n\n");
    let r = c.response(hover);
    assert_eq!(error_code(&r), Some(-32801), "{r}");
    for id in sleeps {
        assert!(c.response(id)["result"].is_null());
    }
    assert_hover_still_works(&mut c);
}

#[test]
fn a_panicking_handler_is_answered_as_an_internal_error_and_logged_once() {
    let mut c = started(HOOKS);
    let r = c.request_raw("quotelens/debug/panic", Value::Null);
    assert_eq!(error_code(&r), Some(-32603), "{r}");
    assert_hover_still_works(&mut c);
    wait_for_log(&c, "quotelens/debug/panic was called");
    assert_eq!(
        c.stderr()
            .matches("quotelens/debug/panic was called")
            .count(),
        1,
        "{}",
        c.stderr()
    );
    let r = c.request_raw("quotelens/debug/panic", Value::Null);
    assert_eq!(error_code(&r), Some(-32603), "{r}");
    assert_hover_still_works(&mut c);
    assert!(c.shutdown().success());
}

#[test]
fn the_server_exits_when_its_input_closes_with_code_1_unless_shut_down() {
    let mut c = started(&[]);
    c.close_stdin();
    let status = c.try_wait_exit(Duration::from_secs(10));
    assert_eq!(status.and_then(|s| s.code()), Some(1), "{}", c.stderr());

    let mut c = started(&[]);
    assert!(c.request("shutdown", Value::Null).is_null());
    c.close_stdin();
    let status = c.try_wait_exit(Duration::from_secs(10));
    assert_eq!(status.and_then(|s| s.code()), Some(0), "{}", c.stderr());
}

#[cfg(unix)]
#[test]
fn the_server_exits_when_the_clients_process_is_gone() {
    let mut parent = std::process::Command::new("sleep")
        .arg("60")
        .spawn()
        .unwrap();
    let mut c = Client::spawn();
    c.initialize_with(json!({"processId": parent.id(), "capabilities": capabilities(Enc::Utf16)}));
    c.open(BRIDGE, "plaintext", &fixture("bridge.txt"));
    assert_hover_still_works(&mut c);
    assert!(c.try_wait_exit(Duration::from_millis(1500)).is_none());
    parent.kill().unwrap();
    parent.wait().unwrap();
    let status = c.try_wait_exit(Duration::from_secs(10));
    assert_eq!(status.and_then(|s| s.code()), Some(1), "{}", c.stderr());
    assert!(c.stderr().contains("is gone; exiting"));

    // A process id that does not exist from the start (a client in a container) is not
    // watched.
    let mut gone = std::process::Command::new("true").spawn().unwrap();
    let pid = gone.id();
    gone.wait().unwrap();
    let mut c = Client::spawn();
    c.initialize_with(json!({"processId": pid, "capabilities": capabilities(Enc::Utf16)}));
    c.open(BRIDGE, "plaintext", &fixture("bridge.txt"));
    std::thread::sleep(Duration::from_millis(1500));
    assert_hover_still_works(&mut c);
}

/// Start a server on a workspace whose quotelens.toml is `write`n by the caller; returns the
/// client with the settings warning it showed.
fn with_project_file(name: &str, write: impl FnOnce(&std::path::Path)) -> (Client, String) {
    let dir = temp_dir(name);
    write(&dir.join("quotelens.toml"));
    let mut c = Client::start(Enc::Utf16, Some(&dir), Value::Null);
    let m = c.notification("window/showMessage", |p| p["type"] == 2);
    let uri = file_uri(&dir.join("bridge.txt"));
    c.open(&uri, "plaintext", &fixture("bridge.txt"));
    let text = fixture("bridge.txt");
    let h = c.hover(&uri, nth(&text, "steel is tired", 0));
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("Daniel Reyes"),
        "{h}"
    );
    (c, m["message"].as_str().unwrap().to_string())
}

#[test]
fn a_hostile_project_file_gives_a_warning_and_defaults() {
    let (_, w) = with_project_file("toml-huge", |p| {
        std::fs::write(p, "# filler line\n".repeat(100_000)).unwrap()
    });
    assert!(w.contains("larger than"), "{w}");
    let (_, w) = with_project_file("toml-invalid", |p| {
        std::fs::write(p, "languages = [\"plaintext\"\n[[[rules\n").unwrap()
    });
    assert!(w.contains("invalid TOML, using defaults"), "{w}");
    let (_, w) = with_project_file("toml-deep", |p| {
        std::fs::write(
            p,
            format!("a = {}{}", "[".repeat(100_000), "]".repeat(100_000)),
        )
        .unwrap()
    });
    assert!(w.contains("invalid TOML"), "{w}");
    let (mut c, w) = with_project_file("toml-types", |p| {
        std::fs::write(p, "languages = 3\nmax-file-size = \"big\"\n").unwrap()
    });
    assert!(
        w.contains("languages") || w.contains("max-file-size"),
        "{w}"
    );
    let second = c.notification("window/showMessage", |p| p["type"] == 2);
    assert!(
        second["message"].as_str().unwrap().contains("expected"),
        "{second}"
    );
    let (_, w) = with_project_file("toml-unknown", |p| {
        std::fs::write(p, "colour = \"blue\"\n").unwrap()
    });
    assert!(w.contains("colour: unknown setting"), "{w}");
    #[cfg(unix)]
    {
        let (_, w) = with_project_file("toml-device", |p| {
            std::os::unix::fs::symlink("/dev/zero", p).unwrap()
        });
        assert!(w.contains("not a regular file"), "{w}");
    }
}

/// Speakers (symbol kind 5) the whole workspace knows for `query`, by file name.
fn workspace_speakers(c: &mut Client, query: &str) -> Vec<(String, String)> {
    let found = c.request("workspace/symbol", json!({ "query": query }));
    let mut out: Vec<(String, String)> = found
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == 5)
        .map(|s| {
            let uri = s["location"]["uri"].as_str().unwrap();
            let file = uri.rsplit('/').next().unwrap().to_string();
            (s["name"].as_str().unwrap().to_string(), file)
        })
        .collect();
    out.sort();
    out
}

/// The workspace index (issue 7) meets a hostile workspace: links out of it (to a file, to a
/// parent directory, to a device), a FIFO that would block whoever reads it, files just over
/// and exactly at the size limit; then the client reports each of them, and paths outside the
/// workspace, as changed. Nothing outside or over the limit is read, the FIFO is never opened,
/// and the index stays correct for the files it may read.
#[cfg(unix)]
#[test]
fn the_workspace_index_never_leaves_the_workspace_nor_reads_past_the_size_limit() {
    use std::os::unix::fs::{OpenOptionsExt, symlink};
    const LIMIT: usize = 1000;
    let base = temp_dir("index-hostile");
    let ws = base.join("ws");
    let outside = base.join("outside");
    std::fs::create_dir_all(&ws).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(
        ws.join("story.md"),
        "\"The pier opens in May,\" said Tomasz Wierzbicki, the engineer.\n",
    )
    .unwrap();
    std::fs::write(
        outside.join("secret.md"),
        "\"Not for the workspace,\" said Philippa Marchetti, the lawyer.\n",
    )
    .unwrap();
    symlink(outside.join("secret.md"), ws.join("escape.md")).unwrap();
    symlink(&base, ws.join("up")).unwrap();
    symlink("/dev/zero", ws.join("zero.md")).unwrap();
    symlink(ws.join("story.md"), ws.join("alias.md")).unwrap();
    let fifo = ws.join("pipe.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    // At the limit (read) and one byte over it (never read).
    let sized = |speaker: &str, len: usize| {
        let mut t = format!("\"Sized to the byte,\" said {speaker}, the archivist.\n");
        while t.len() < len {
            t.push('.');
        }
        t
    };
    std::fs::write(ws.join("exact.md"), sized("Ingrid Solberg", LIMIT)).unwrap();
    std::fs::write(ws.join("over.md"), sized("Ingmar Solheim", LIMIT + 1)).unwrap();

    let mut caps = capabilities(Enc::Utf16);
    caps["window"]["workDoneProgress"] = json!(true);
    let mut c = Client::spawn();
    c.initialize(caps, Some(&ws), json!({ "maxFileSize": LIMIT }));
    let end = c.notification("$/progress", |p| p["value"]["kind"] == "end");
    assert!(
        end["value"]["message"]
            .as_str()
            .unwrap()
            .starts_with("2 files indexed"),
        "{end}"
    );
    let indexed = |c: &mut Client| {
        [
            "wierzbicki",
            "marchetti",
            "solberg",
            "solheim",
            "carrington",
        ]
        .iter()
        .flat_map(|q| workspace_speakers(c, q))
        .collect::<Vec<_>>()
    };
    let expected = vec![
        pair("Tomasz Wierzbicki", "story.md"),
        pair("Ingrid Solberg", "exact.md"),
    ];
    assert_eq!(indexed(&mut c), expected);

    // The client reports every hostile path as created or changed, including paths outside
    // the workspace and one that climbs out of it with `..`.
    let reported = [
        ws.join("escape.md"),
        ws.join("up/outside/secret.md"),
        ws.join("../outside/secret.md"),
        outside.join("secret.md"),
        ws.join("zero.md"),
        ws.join("alias.md"),
        fifo.clone(),
        ws.join("over.md"),
    ];
    for (i, path) in reported.iter().enumerate() {
        c.notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": common::file_uri(path), "type": 1 + i % 2}]}),
        );
    }
    // A file that grows past the limit leaves the index; a change that is indexed shows the
    // reports before it were handled.
    std::fs::write(ws.join("exact.md"), sized("Ingrid Solberg", LIMIT + 1)).unwrap();
    std::fs::write(
        ws.join("story.md"),
        "\"The pier opens in June,\" said Yusuf Carrington, the skipper.\n",
    )
    .unwrap();
    for name in ["exact.md", "story.md"] {
        c.notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": common::file_uri(&ws.join(name)), "type": 2}]}),
        );
    }
    let deadline = Instant::now() + TIMEOUT;
    let expected = vec![pair("Yusuf Carrington", "story.md")];
    while indexed(&mut c) != expected {
        assert!(
            Instant::now() < deadline,
            "index: {:?}\n{}",
            indexed(&mut c),
            c.stderr()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // Reports are handled on blocking threads in any order: none added anything since.
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(indexed(&mut c), expected);
    // Nobody ever opened the FIFO for reading: a writer that will not wait finds no reader.
    let writer = std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(&fifo);
    assert_eq!(
        writer.err().and_then(|e| e.raw_os_error()),
        Some(libc::ENXIO),
        "the FIFO has a reader"
    );
    assert!(c.shutdown().success());
}

fn pair(name: &str, file: &str) -> (String, String) {
    (name.to_string(), file.to_string())
}
