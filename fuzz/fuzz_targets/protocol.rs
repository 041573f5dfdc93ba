//! The whole server, in process, on arbitrary sessions of JSON-RPC frames.
//!
//! A session is a list of operations: lifecycle messages, document changes (in any encoding,
//! ranges anywhere), every request the server answers with positions anywhere and params of
//! any shape, cancellations, settings, bodies that are not JSON or not JSON-RPC, and raw bytes
//! that break the framing. They are framed, fed to `quotelens::lsp::serve` as its input in one
//! piece, and the output is read back. Checked:
//! - the output is well-formed frames of JSON-RPC messages, and no answer is an internal error
//!   (a caught panic);
//! - every request sent before `exit` is answered exactly once (when raw bytes may have broken
//!   the framing: at most once), and every frame that is not a message gets one error;
//! - when the session ends open, the server's copy of every document is the text a reference
//!   editor (written apart from the server) holds, and its analysis is the analysis of that
//!   text opened fresh.

#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use quotelens::lsp::{ServeOptions, serve};
use quotelens_fuzz::{encoding, reference_span};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::time::Duration;
use tokio::io::AsyncReadExt;
use tower_lsp_server::jsonrpc::{Request, Response};
use tower_lsp_server::ls_types::{Position, Range};

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Coord {
    Small(u8),
    Any(u32),
}

impl Coord {
    fn get(self) -> u32 {
        match self {
            Coord::Small(n) => u32::from(n % 30),
            Coord::Any(n) => n,
        }
    }
}

/// Small JSON values, for settings and params of the wrong shape.
#[derive(Debug)]
struct Json(Value);

impl<'a> Arbitrary<'a> for Json {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        fn value(u: &mut Unstructured, depth: u32) -> arbitrary::Result<Value> {
            let keys = [
                "languages",
                "rules",
                "extraVerbs",
                "aliases",
                "maxFileSize",
                "inlayHints",
                "reportedSpeech",
                "debounceMs",
                "quotelens",
                "textDocument",
                "uri",
                "position",
                "line",
                "character",
                "range",
                "query",
                "newName",
                "context",
                "speakers",
                "unclosed-quote",
                "twoApostropheQuotes",
                "style",
                "x",
            ];
            Ok(match u.int_in_range(0..=7)? {
                0 => Value::Null,
                1 => Value::Bool(u.arbitrary()?),
                2 => json!(u.arbitrary::<i64>()?),
                3 => json!(u.int_in_range(0..=200)?),
                4 => Value::String(u.arbitrary()?),
                5 => Value::String(
                    u.choose(&[
                        "off",
                        "error",
                        "plaintext",
                        "markdown",
                        "hint",
                        "fiction",
                        "file:///d/0.txt",
                    ])?
                    .to_string(),
                ),
                6 if depth < 3 => {
                    let n = u.int_in_range(0..=3)?;
                    Value::Array(
                        (0..n)
                            .map(|_| value(u, depth + 1))
                            .collect::<Result<_, _>>()?,
                    )
                }
                _ if depth < 3 => {
                    let mut o = serde_json::Map::new();
                    for _ in 0..u.int_in_range(0..=4)? {
                        o.insert(u.choose(&keys)?.to_string(), value(u, depth + 1)?);
                    }
                    Value::Object(o)
                }
                _ => Value::Null,
            })
        }
        Ok(Json(value(u, 0)?))
    }
}

#[derive(Arbitrary, Debug)]
enum Edit {
    Whole(String),
    Range {
        start: (Coord, Coord),
        end: (Coord, Coord),
        text: String,
    },
}

#[derive(Arbitrary, Debug)]
enum Op {
    Initialize {
        encoding: u8,
        pull: bool,
    },
    Initialized,
    Open {
        doc: u8,
        markdown: bool,
        text: String,
    },
    Change {
        doc: u8,
        version: i32,
        edits: Vec<Edit>,
    },
    Close {
        doc: u8,
    },
    Request {
        method: u8,
        doc: u8,
        line: Coord,
        character: Coord,
        word: String,
    },
    WrongParams {
        method: u8,
        params: Json,
    },
    Cancel {
        back: u8,
    },
    Settings(Json),
    Notification {
        method: u8,
        params: Json,
    },
    NotJson(String),
    NotRpc(Json),
    RawFrame(Vec<u8>),
    RawBytes(Vec<u8>),
    Shutdown,
    Exit,
}

const REQUESTS: &[&str] = &[
    "textDocument/hover",
    "textDocument/documentSymbol",
    "textDocument/semanticTokens/full",
    "textDocument/semanticTokens/full/delta",
    "textDocument/semanticTokens/range",
    "textDocument/inlayHint",
    "textDocument/codeLens",
    "textDocument/codeAction",
    "textDocument/definition",
    "textDocument/references",
    "textDocument/documentHighlight",
    "textDocument/prepareRename",
    "textDocument/rename",
    "textDocument/diagnostic",
    "workspace/symbol",
    "quotelens/analysis",
    "quotelens/debug/document",
    "quotelens/noSuchRequest",
];

const NOTIFICATIONS: &[&str] = &[
    "workspace/didChangeWatchedFiles",
    "workspace/didChangeWorkspaceFolders",
    "workspace/didChangeConfiguration",
    "textDocument/didOpen",
    "textDocument/didChange",
    "textDocument/didClose",
    "textDocument/didSave",
    "$/setTrace",
    "$/cancelRequest",
    "made/up",
];

fn uri(doc: u8) -> String {
    match doc % 4 {
        0 => "file:///d/0.txt".into(),
        1 => "file:///d/1.md".into(),
        2 => "untitled:Untitled-2".into(),
        _ => "file:///d/never-opened.txt".into(),
    }
}

/// What the session sends, and what it expects back.
#[derive(Default)]
struct Session {
    input: Vec<u8>,
    next_id: u32,
    /// Request ids sent while the server still reads.
    expected: Vec<String>,
    /// Frames that are not messages, each answered with one error.
    invalid_frames: usize,
    /// Raw bytes may have broken the framing: answers can be missing.
    framing_broken: bool,
    initialized: bool,
    shut_down: bool,
    exited: bool,
    enc: Option<quotelens::position::Encoding>,
    /// The reference editor's documents: text, version and language.
    docs: HashMap<String, (String, i32, &'static str)>,
}

impl Session {
    fn frame(&mut self, body: &[u8]) {
        self.input
            .extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        self.input.extend_from_slice(body);
    }

    fn notify(&mut self, method: &str, params: Value) {
        let m = json!({"jsonrpc": "2.0", "method": method, "params": params});
        self.frame(m.to_string().as_bytes());
    }

    fn request(&mut self, method: &str, params: Value) -> String {
        let id = format!("g{}", self.next_id);
        self.next_id += 1;
        let m = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.frame(m.to_string().as_bytes());
        if !self.exited {
            self.expected.push(id.clone());
        }
        id
    }

    fn run(&mut self, op: Op) {
        let enc = self.enc.unwrap_or(quotelens::position::Encoding::Utf16);
        match op {
            Op::Initialize { encoding: e, pull } => {
                let e = encoding(e);
                let name = match e {
                    quotelens::position::Encoding::Utf8 => "utf-8",
                    quotelens::position::Encoding::Utf16 => "utf-16",
                    quotelens::position::Encoding::Utf32 => "utf-32",
                };
                let mut caps = json!({"general": {"positionEncodings": [name]},
                    "textDocument": {"codeAction": {"codeActionLiteralSupport":
                        {"codeActionKind": {"valueSet": ["quickfix"]}}}}});
                if pull {
                    caps["textDocument"]["diagnostic"] = json!({});
                }
                self.request(
                    "initialize",
                    json!({"capabilities": caps, "processId": null}),
                );
                if !self.initialized {
                    self.initialized = true;
                    self.enc = Some(e);
                }
            }
            Op::Initialized => self.notify("initialized", json!({})),
            Op::Open {
                doc,
                markdown,
                text,
            } => {
                let uri = uri(doc);
                let lang = if markdown { "markdown" } else { "plaintext" };
                self.notify(
                    "textDocument/didOpen",
                    json!({"textDocument": {"uri": uri, "languageId": lang, "version": 1, "text": text}}),
                );
                if self.initialized {
                    self.docs.insert(uri, (text, 1, lang));
                }
            }
            Op::Change {
                doc,
                version,
                edits,
            } => {
                let uri = uri(doc);
                let mut changes = Vec::new();
                let mut model = self.docs.get(&uri).map(|d| (d.0.clone(), d.2));
                for e in edits.into_iter().take(8) {
                    match e {
                        Edit::Whole(t) => {
                            if let Some(m) = model.as_mut() {
                                m.0 = t.clone();
                            }
                            changes.push(json!({"text": t}));
                        }
                        Edit::Range { start, end, text } => {
                            let range = Range::new(
                                Position::new(start.0.get(), start.1.get()),
                                Position::new(end.0.get(), end.1.get()),
                            );
                            if let Some(m) = model.as_mut() {
                                let (a, b) = reference_span(&m.0, range, enc);
                                m.0.replace_range(a..b, &text);
                            }
                            changes.push(json!({"range": range, "text": text}));
                        }
                    }
                }
                self.notify(
                    "textDocument/didChange",
                    json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
                );
                if let (Some((text, lang)), true) = (model, self.initialized) {
                    self.docs.insert(uri, (text, version, lang));
                }
            }
            Op::Close { doc } => {
                let uri = uri(doc);
                self.notify(
                    "textDocument/didClose",
                    json!({"textDocument": {"uri": uri}}),
                );
                if self.initialized {
                    self.docs.remove(&uri);
                }
            }
            Op::Request {
                method,
                doc,
                line,
                character,
                word,
            } => {
                let method = REQUESTS[method as usize % REQUESTS.len()];
                let pos = json!({"line": line.get(), "character": character.get()});
                let range = json!({"start": {"line": 0, "character": 0}, "end": pos});
                let td = json!({"uri": uri(doc)});
                let params = match method {
                    "workspace/symbol" => json!({"query": word}),
                    "textDocument/rename" => {
                        json!({"textDocument": td, "position": pos, "newName": word})
                    }
                    "textDocument/references" => json!({"textDocument": td, "position": pos,
                        "context": {"includeDeclaration": word.is_empty()}}),
                    "textDocument/semanticTokens/range" | "textDocument/inlayHint" => {
                        json!({"textDocument": td, "range": range})
                    }
                    "textDocument/semanticTokens/full/delta" => {
                        json!({"textDocument": td, "previousResultId": word})
                    }
                    "textDocument/codeAction" => json!({"textDocument": td, "range": range,
                        "context": {"diagnostics": [{"range": range, "message": word,
                            "source": "quotelens", "code": "unclosed-quote"}]}}),
                    "textDocument/diagnostic" => {
                        json!({"textDocument": td, "previousResultId": word})
                    }
                    "textDocument/hover"
                    | "textDocument/definition"
                    | "textDocument/documentHighlight"
                    | "textDocument/prepareRename" => json!({"textDocument": td, "position": pos}),
                    _ => json!({"textDocument": td}),
                };
                self.request(method, params);
            }
            Op::WrongParams { method, params } => {
                let method = REQUESTS[method as usize % REQUESTS.len()];
                self.request(method, params.0);
            }
            Op::Cancel { back } => {
                let id = self.next_id.saturating_sub(1 + u32::from(back % 4));
                self.notify("$/cancelRequest", json!({"id": format!("g{id}")}));
            }
            Op::Settings(s) => {
                self.notify("workspace/didChangeConfiguration", json!({"settings": s.0}))
            }
            Op::Notification { method, params } => {
                let method = NOTIFICATIONS[method as usize % NOTIFICATIONS.len()];
                // Only shapes the reference editor cannot mistake for a document change.
                let text_sync = method.starts_with("textDocument/did");
                if text_sync && !params.0.get("textDocument").is_none() {
                    return;
                }
                if method == "workspace/didChangeWorkspaceFolders"
                    || method == "workspace/didChangeWatchedFiles"
                {
                    // Folders on disk would bring in whatever quotelens.toml lies there.
                    if params.0.to_string().contains("file:") {
                        return;
                    }
                }
                self.notify(method, params.0);
            }
            Op::NotJson(s) => {
                let mut body = vec![1u8];
                body.extend_from_slice(s.as_bytes());
                self.frame(&body);
                self.count_invalid();
            }
            Op::NotRpc(v) => {
                self.frame(json!([v.0]).to_string().as_bytes());
                self.count_invalid();
            }
            Op::RawFrame(body) => {
                let Ok(s) = std::str::from_utf8(&body) else {
                    return;
                };
                // Bodies the server would repair or cut, or that are messages after all, or
                // that answer to the session's own ids, are left out.
                if s.contains("\\u")
                    || s.contains("Content-Length")
                    || s.contains("\"g")
                    || serde_json::from_str::<Request>(s).is_ok_and(|r| !r.method().is_empty())
                    || serde_json::from_str::<Response>(s).is_ok()
                {
                    return;
                }
                self.frame(&body);
                self.count_invalid();
            }
            Op::RawBytes(bytes) => {
                self.input.extend_from_slice(&bytes);
                self.framing_broken = true;
            }
            Op::Shutdown => {
                self.request("shutdown", Value::Null);
                self.shut_down = true;
            }
            Op::Exit => {
                self.notify("exit", Value::Null);
                self.exited = true;
            }
        }
    }

    fn count_invalid(&mut self) {
        if !self.exited {
            self.invalid_frames += 1;
        }
    }
}

/// Split the server's output into JSON messages.
fn messages(mut out: &[u8]) -> Vec<Value> {
    let mut list = Vec::new();
    while !out.is_empty() {
        let end = out
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete header");
        let header = std::str::from_utf8(&out[..end]).expect("an ASCII header");
        let length: usize = header
            .strip_prefix("Content-Length: ")
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("a Content-Length header, not {header:?}"));
        let body = &out[end + 4..end + 4 + length];
        list.push(serde_json::from_slice(body).expect("a JSON body"));
        out = &out[end + 4 + length..];
    }
    list
}

fuzz_target!(|ops: Vec<Op>| {
    let mut s = Session::default();
    for op in ops.into_iter().take(48) {
        if s.exited {
            break;
        }
        s.run(op);
    }
    // A session that ends open checks the server's documents against the reference editor.
    let check_docs = s.initialized && !s.shut_down && !s.exited && !s.framing_broken;
    let mut probes = Vec::new();
    if check_docs {
        let mut docs: Vec<(String, (String, i32, &str))> =
            s.docs.iter().map(|(u, d)| (u.clone(), d.clone())).collect();
        docs.sort();
        for (uri, (text, version, lang)) in docs {
            let document = s.request(
                "quotelens/debug/document",
                json!({"textDocument": {"uri": uri}}),
            );
            // The same name in another place: the same format and settings.
            let fresh = match uri.rsplit_once('/') {
                Some((_, name)) => format!("file:///fresh/{name}"),
                None => format!("untitled:fresh-{}", uri.len()),
            };
            s.notify(
                "textDocument/didOpen",
                json!({"textDocument": {"uri": fresh, "languageId": lang, "version": 1, "text": text}}),
            );
            let edited = s.request("quotelens/analysis", json!({"textDocument": {"uri": uri}}));
            let opened = s.request(
                "quotelens/analysis",
                json!({"textDocument": {"uri": fresh}}),
            );
            probes.push((uri, text, version, document, edited, opened));
        }
    }
    let input = std::mem::take(&mut s.input);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let output = runtime.block_on(async move {
        let (writer, mut reader) = tokio::io::duplex(1 << 16);
        let collect = tokio::spawn(async move {
            let mut out = Vec::new();
            let _ = reader.read_to_end(&mut out).await;
            out
        });
        let served = serve(std::io::Cursor::new(input), writer, ServeOptions::default());
        if tokio::time::timeout(Duration::from_secs(60), served)
            .await
            .is_err()
        {
            panic!("the server did not finish the session");
        }
        collect.await.unwrap()
    });
    runtime.shutdown_background();

    let mut answers: HashMap<String, Value> = HashMap::new();
    let mut other_errors = 0;
    for m in messages(&output) {
        assert_eq!(m["jsonrpc"], "2.0", "{m}");
        if m.get("method").is_some() {
            // A notification or request of the server's; an analysis that failed is a panic
            // the server caught.
            for d in m["params"]["diagnostics"].as_array().into_iter().flatten() {
                let message = d["message"].as_str().unwrap_or_default();
                assert!(
                    !message.starts_with("quotelens failed to analyse"),
                    "an analysis failed: {m}"
                );
            }
            continue;
        }
        let has_result = m.get("result").is_some();
        let error = m.get("error");
        assert!(
            has_result != error.is_some(),
            "a response needs a result or an error: {m}"
        );
        if let Some(e) = error {
            assert_ne!(e["code"], -32603, "an internal error (a caught panic): {m}");
        }
        match m["id"].as_str().filter(|id| id.starts_with('g')) {
            Some(id) => {
                assert!(
                    answers.insert(id.to_string(), m.clone()).is_none(),
                    "two answers to {id}"
                );
            }
            None => {
                assert!(error.is_some(), "a result for a request never sent: {m}");
                other_errors += 1;
            }
        }
    }
    if !s.framing_broken {
        for id in &s.expected {
            assert!(answers.contains_key(id), "no answer to {id}");
        }
        assert_eq!(
            other_errors, s.invalid_frames,
            "errors for frames that are not messages"
        );
    }
    for (uri, text, version, document, edited, opened) in probes {
        let d = &answers[&document]["result"];
        assert_eq!(d["text"], text, "the server's copy of {uri}");
        assert_eq!(d["version"], version, "the server's version of {uri}");
        let strip = |r: &Value| {
            let mut r = r.clone();
            if let Some(o) = r["result"].as_object_mut() {
                o.remove("path");
            }
            r.as_object_mut().unwrap().remove("id");
            r
        };
        assert_ne!(
            answers[&edited]["error"]["message"], "the analysis of this document failed",
            "{}",
            answers[&edited]
        );
        assert_eq!(
            strip(&answers[&edited]),
            strip(&answers[&opened]),
            "analysis of {uri}"
        );
    }
});
