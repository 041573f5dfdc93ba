//! A small LSP client for tests: runs the real `quotelens lsp` binary and speaks JSON-RPC to
//! it over stdio with Content-Length framing. Positions and edits are converted here with code
//! independent of the server's, so the tests check the server rather than repeat it.

#![allow(dead_code)] // each test file uses part of it

use serde_json::{Value, json};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const TIMEOUT: Duration = Duration::from_secs(20);

pub fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/common/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A fresh directory for one test's workspace.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("quotelens-lsp-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Column units a client counts in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Enc {
    Utf8,
    Utf16,
    Utf32,
}

impl Enc {
    pub fn name(self) -> &'static str {
        match self {
            Enc::Utf8 => "utf-8",
            Enc::Utf16 => "utf-16",
            Enc::Utf32 => "utf-32",
        }
    }
    fn units(self, s: &str) -> usize {
        match self {
            Enc::Utf8 => s.len(),
            Enc::Utf16 => s.encode_utf16().count(),
            Enc::Utf32 => s.chars().count(),
        }
    }
}

/// Byte offsets where lines start (after `\n`, `\r\n` or a lone `\r`).
fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let b = text.as_bytes();
    for i in 0..b.len() {
        if b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            starts.push(i + 1);
        }
    }
    starts
}

/// The LSP position of a byte offset.
pub fn position(text: &str, offset: usize, enc: Enc) -> Value {
    let starts = line_starts(text);
    let line = starts.iter().rposition(|&s| s <= offset).unwrap();
    json!({"line": line, "character": enc.units(&text[starts[line]..offset])})
}

pub fn range(text: &str, start: usize, end: usize, enc: Enc) -> Value {
    json!({"start": position(text, start, enc), "end": position(text, end, enc)})
}

/// The byte offset of an LSP position (which must be inside the text).
pub fn offset(text: &str, pos: &Value, enc: Enc) -> usize {
    let starts = line_starts(text);
    let line = pos["line"].as_u64().unwrap() as usize;
    let col = pos["character"].as_u64().unwrap() as usize;
    let start = starts[line];
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units == col {
            return start + i;
        }
        if c == '\n' || c == '\r' {
            break;
        }
        let mut buf = [0u8; 4];
        units += enc.units(c.encode_utf8(&mut buf));
    }
    assert_eq!(units, col, "position {pos} is not on a character boundary");
    text[start..]
        .find(['\r', '\n'])
        .map_or(text.len(), |i| start + i)
}

/// The byte span of an LSP range.
pub fn span(text: &str, range: &Value, enc: Enc) -> (usize, usize) {
    (
        offset(text, &range["start"], enc),
        offset(text, &range["end"], enc),
    )
}

/// The text a range covers.
pub fn range_text<'t>(text: &'t str, range: &Value, enc: Enc) -> &'t str {
    let (a, b) = span(text, range, enc);
    &text[a..b]
}

/// Byte offset of the `n`th (0-based) occurrence of `needle`.
pub fn nth(text: &str, needle: &str, n: usize) -> usize {
    text.match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("{needle:?} occurs fewer than {} times", n + 1))
        .0
}

/// Apply LSP TextEdits (non-overlapping, as the specification requires) to a text.
pub fn apply_edits(text: &str, edits: &[Value], enc: Enc) -> String {
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            let (a, b) = span(text, &e["range"], enc);
            (a, b, e["newText"].as_str().unwrap())
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse((s.0, s.1)));
    for w in spans.windows(2) {
        assert!(w[1].1 <= w[0].0, "overlapping edits: {edits:?}");
    }
    let mut out = text.to_string();
    for (a, b, t) in spans {
        out.replace_range(a..b, t);
    }
    out
}

/// The edits a WorkspaceEdit makes to one document (from `changes` or `documentChanges`).
pub fn workspace_edits(edit: &Value, uri: &str) -> Vec<Value> {
    if let Some(list) = edit["changes"][uri].as_array() {
        return list.clone();
    }
    edit["documentChanges"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["textDocument"]["uri"] == uri)
        .flat_map(|d| d["edits"].as_array().cloned().unwrap_or_default())
        .collect()
}

/// Client capabilities of a plain push-diagnostics client in an encoding.
pub fn capabilities(enc: Enc) -> Value {
    json!({
        "general": {"positionEncodings": [enc.name()]},
        "textDocument": {
            "synchronization": {"dynamicRegistration": false},
            "hover": {"contentFormat": ["markdown", "plaintext"]},
            "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
            "rename": {"prepareSupport": true},
            "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}},
            "inlayHint": {},
            "semanticTokens": {"requests": {"full": {"delta": true}, "range": true},
                               "tokenTypes": [], "tokenModifiers": [], "formats": ["relative"]},
            "publishDiagnostics": {"relatedInformation": true, "versionSupport": true,
                                   "codeDescriptionSupport": true, "dataSupport": true},
        },
        "workspace": {"workspaceFolders": true, "configuration": false,
                      "inlayHint": {"refreshSupport": true},
                      "semanticTokens": {"refreshSupport": true},
                      "codeLens": {"refreshSupport": true}},
        "window": {"workDoneProgress": false},
    })
}

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Notifications received but not yet taken by a test.
    pub notifications: VecDeque<Value>,
    /// Responses received but not yet taken by a test.
    pub responses: VecDeque<Value>,
    /// Requests the server sent us (answered automatically).
    pub server_requests: Vec<Value>,
    /// What to answer to workspace/configuration.
    pub configuration: Value,
    next_id: i64,
    stderr: Arc<Mutex<String>>,
    pub enc: Enc,
    /// The text of each open document as this client has it, by URI.
    pub texts: std::collections::HashMap<String, (String, i64)>,
}

impl Client {
    /// Start `quotelens lsp` (or another argument list, e.g. `--stdio`).
    pub fn spawn_with(args: &[&str]) -> Client {
        Client::spawn_with_env(args, &[])
    }

    /// Start the server with extra environment variables.
    pub fn spawn_with_env(args: &[&str], env: &[(&str, &str)]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_quotelens"))
            .args(args)
            .env("QUOTELENS_LOG", "debug")
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start quotelens");
        let stdout = child.stdout.take().unwrap();
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        length = v.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let msg: Value = serde_json::from_slice(&body).expect("a JSON body");
                if tx.send(msg).is_err() {
                    return;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = stderr.clone();
        let mut err = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let stdin = child.stdin.take();
        Client {
            child,
            stdin,
            incoming,
            notifications: VecDeque::new(),
            responses: VecDeque::new(),
            server_requests: Vec::new(),
            configuration: Value::Null,
            next_id: 1,
            stderr,
            enc: Enc::Utf16,
            texts: Default::default(),
        }
    }

    pub fn spawn() -> Client {
        Client::spawn_with(&["lsp"])
    }

    /// Start and initialize a client in `enc` with the given workspace folder and options.
    pub fn start(enc: Enc, root: Option<&Path>, init_options: Value) -> Client {
        let mut c = Client::spawn();
        c.initialize(capabilities(enc), root, init_options);
        c
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// A memory figure of the server process in KiB from /proc (`VmRSS` now, `VmHWM` the
    /// peak); `None` where /proc is missing.
    pub fn memory_kib(&self, field: &str) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    }

    /// Close the server's standard input (the client going away).
    pub fn close_stdin(&mut self) {
        self.stdin = None;
    }

    /// The exit status if the server exits within `wait`.
    pub fn try_wait_exit(&mut self, wait: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + wait;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Send raw bytes (for malformed-input tests).
    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    pub fn send(&mut self, msg: &Value) {
        let body = serde_json::to_vec(msg).unwrap();
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend_from_slice(&body);
        self.send_raw(&frame);
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request without waiting; returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    fn recv(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.incoming.recv_timeout(left) {
            Ok(msg) => {
                if msg.get("method").is_some() && msg.get("id").is_some() {
                    self.answer_server_request(&msg);
                    self.server_requests.push(msg.clone());
                }
                Some(msg)
            }
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => None,
        }
    }

    fn answer_server_request(&mut self, msg: &Value) {
        let result = match msg["method"].as_str().unwrap_or("") {
            "workspace/configuration" => {
                let n = msg["params"]["items"].as_array().map_or(1, Vec::len);
                Value::Array(vec![self.configuration.clone(); n])
            }
            _ => Value::Null,
        };
        let reply = json!({"jsonrpc": "2.0", "id": msg["id"], "result": result});
        self.send(&reply);
    }

    /// Wait for the response to request `id`; notifications meanwhile are kept.
    pub fn response(&mut self, id: i64) -> Value {
        self.response_where(&format!("request {id}"), |r| r["id"] == id)
    }

    /// Wait for the first response (a message without a method) matching `pred`; other
    /// responses and notifications meanwhile are kept.
    pub fn response_where(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.responses.iter().position(&pred) {
            return self.responses.remove(i).unwrap();
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let Some(msg) = self.recv(deadline) else {
                panic!("no response to {what}; server stderr:\n{}", self.stderr());
            };
            if msg.get("method").is_none() {
                if pred(&msg) {
                    return msg;
                }
                self.responses.push_back(msg);
            } else if msg.get("id").is_none() {
                self.notifications.push_back(msg);
            }
        }
    }

    /// The first request from the server with `method` (already answered, or arriving within
    /// the timeout); other messages meanwhile are kept.
    pub fn server_request(&mut self, method: &str) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(r) = self.server_requests.iter().find(|r| r["method"] == method) {
                return r.clone();
            }
            let Some(msg) = self.recv(deadline) else {
                panic!(
                    "no {method} request from the server; server stderr:\n{}",
                    self.stderr()
                );
            };
            if msg.get("method").is_none() {
                self.responses.push_back(msg);
            } else if msg.get("id").is_none() {
                self.notifications.push_back(msg);
            }
        }
    }

    /// Send a request and return its result; panics on an error response.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        let r = self.response(id);
        if let Some(e) = r.get("error") {
            panic!("{method} failed: {e}");
        }
        r["result"].clone()
    }

    /// Send a request and return the whole response (result or error).
    pub fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.response(id)
    }

    /// The first notification (kept or arriving within `wait`) with `method` matching `pred`,
    /// taken off the queue; other notifications stay queued.
    pub fn try_notification(
        &mut self,
        method: &str,
        wait: Duration,
        pred: impl Fn(&Value) -> bool,
    ) -> Option<Value> {
        if let Some(i) = self
            .notifications
            .iter()
            .position(|n| n["method"] == method && pred(&n["params"]))
        {
            return self.notifications.remove(i).map(|n| n["params"].clone());
        }
        let deadline = Instant::now() + wait;
        while let Some(msg) = self.recv(deadline) {
            if msg.get("id").is_some() {
                continue;
            }
            if msg["method"] == method && pred(&msg["params"]) {
                return Some(msg["params"].clone());
            }
            self.notifications.push_back(msg);
        }
        None
    }

    pub fn notification(&mut self, method: &str, pred: impl Fn(&Value) -> bool) -> Value {
        self.try_notification(method, TIMEOUT, pred)
            .unwrap_or_else(|| {
                panic!(
                    "no {method} notification; server stderr:\n{}",
                    self.stderr()
                )
            })
    }

    /// Every notification arriving within `wait` (after the kept ones).
    pub fn collect_notifications(&mut self, wait: Duration) -> Vec<Value> {
        let mut out: Vec<Value> = self.notifications.drain(..).collect();
        let deadline = Instant::now() + wait;
        while let Some(msg) = self.recv(deadline) {
            if msg.get("id").is_none() {
                out.push(msg);
            }
        }
        out
    }

    pub fn initialize_with(&mut self, params: Value) -> Value {
        let result = self.request("initialize", params);
        self.notify("initialized", json!({}));
        result
    }

    pub fn initialize(&mut self, caps: Value, root: Option<&Path>, init_options: Value) -> Value {
        if let Some(e) = caps["general"]["positionEncodings"][0].as_str() {
            self.enc = match e {
                "utf-8" => Enc::Utf8,
                "utf-32" => Enc::Utf32,
                _ => Enc::Utf16,
            };
        }
        let folders = root.map(|r| json!([{"uri": file_uri(r), "name": "root"}]));
        self.initialize_with(json!({
            "processId": std::process::id(),
            "rootUri": root.map(file_uri),
            "workspaceFolders": folders,
            "capabilities": caps,
            "initializationOptions": init_options,
            "clientInfo": {"name": "quotelens-test-client"},
        }))
    }

    pub fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.texts.insert(uri.into(), (text.into(), 1));
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    pub fn text(&self, uri: &str) -> &str {
        &self.texts[uri].0
    }

    pub fn version(&self, uri: &str) -> i64 {
        self.texts[uri].1
    }

    /// Replace bytes `start..end` of the client's copy by `new_text`, sending the change as an
    /// incremental edit. Returns the new version.
    pub fn edit(&mut self, uri: &str, start: usize, end: usize, new_text: &str) -> i64 {
        let enc = self.enc;
        let (text, version) = self.texts.get_mut(uri).expect("open document");
        let r = range(text, start, end, enc);
        text.replace_range(start..end, new_text);
        *version += 1;
        let v = *version;
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": v},
                   "contentChanges": [{"range": r, "text": new_text}]}),
        );
        v
    }

    /// Apply LSP edits to the client's copy and send them as one didChange (the way an editor
    /// applies a WorkspaceEdit). Returns the new version.
    pub fn apply(&mut self, uri: &str, edits: &[Value]) -> i64 {
        let enc = self.enc;
        let (text, version) = self.texts.get_mut(uri).expect("open document");
        // Send the edits last-first, so each range is still valid when it is applied.
        let mut sorted: Vec<Value> = edits.to_vec();
        sorted.sort_by_key(|e| {
            let (a, b) = span(text, &e["range"], enc);
            std::cmp::Reverse((a, b))
        });
        *text = apply_edits(text, edits, enc);
        *version += 1;
        let v = *version;
        let changes: Vec<Value> = sorted
            .iter()
            .map(|e| json!({"range": e["range"], "text": e["newText"]}))
            .collect();
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": v}, "contentChanges": changes}),
        );
        v
    }

    /// The diagnostics published for `uri` at `version`.
    pub fn diagnostics_for(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let p = self.notification("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p["version"] == version
        });
        p["diagnostics"].as_array().unwrap().clone()
    }

    pub fn position(&self, uri: &str, offset: usize) -> Value {
        position(self.text(uri), offset, self.enc)
    }

    pub fn hover(&mut self, uri: &str, offset: usize) -> Value {
        let pos = self.position(uri, offset);
        self.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": pos}),
        )
    }

    /// The server's copy of a document.
    pub fn server_text(&mut self, uri: &str) -> (String, i64) {
        let r = self.request(
            "quotelens/debug/document",
            json!({"textDocument": {"uri": uri}}),
        );
        (
            r["text"].as_str().unwrap().to_string(),
            r["version"].as_i64().unwrap(),
        )
    }

    /// shutdown, then exit, keeping stdin open; the exit status (the server must go by itself).
    pub fn shutdown(mut self) -> ExitStatus {
        let r = self.request("shutdown", Value::Null);
        assert!(r.is_null(), "shutdown result: {r}");
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server did not exit; stderr:\n{}", self.stderr());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            eprintln!("--- server stderr ---\n{}", self.stderr());
        }
    }
}
