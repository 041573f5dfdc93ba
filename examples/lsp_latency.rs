//! Latency of the real language server over stdio, as an editor sees it.
//!
//! ```sh
//! cargo build --release && cargo run --release --example lsp_latency
//! cargo run --release --example lsp_latency -- --smoke        # small and quick (CI)
//! ```
//!
//! Starts `target/<profile>/quotelens lsp` (or `--server PATH`, or `$QUOTELENS_BIN`), opens a
//! 100 KB news text and a 5 MB novel, and for each, once with the server's default debounce
//! and once with `debounceMs: 0` in `initializationOptions`:
//!
//! - types 500 single characters into the middle of the text, one `didChange` at a time, and
//!   times each from sending the change to receiving `publishDiagnostics` for its version;
//! - sends 50 changes back to back and times the last one to its diagnostics (stale analyses
//!   must be dropped, not queued behind each other);
//! - times hover (on quotations), documentSymbol, inlayHint (a screenful of lines) and
//!   semanticTokens/full on the settled document;
//! - reports the server's peak resident memory.
//!
//! With `LATENCY_DETAIL=1` set, every hover that cost the server over 1 ms of CPU is listed
//! with the CPU time of each server thread during it (work elsewhere in the server shows up
//! in a hover's CPU time: the tail this found was refreshes rebuilding diagnostics).
//!
//! Texts come from `../shared` (polnear-train articles, pdnc-dev novels) when it is there, and
//! are generated otherwise; the report says which.

#[path = "../benches/common/mod.rs"]
mod common;

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(120);

struct Config {
    server: PathBuf,
    article_bytes: usize,
    novel_bytes: usize,
    edits: usize,
    burst: usize,
    hovers: usize,
    requests: usize,
    debounces: Vec<Option<u64>>,
    /// Which texts to run: "article", "novel" or both.
    only: Option<String>,
}

fn main() {
    let mut cfg = Config {
        server: default_server(),
        article_bytes: 100_000,
        novel_bytes: 5_000_000,
        edits: 500,
        burst: 50,
        hovers: 200,
        requests: 30,
        debounces: vec![None, Some(0)],
        only: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut num = |what: &str| -> usize {
            args.next()
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("{what} takes a number"))
        };
        match a.as_str() {
            "--smoke" => {
                cfg.article_bytes = 10_000;
                cfg.novel_bytes = 50_000;
                cfg.edits = 20;
                cfg.burst = 10;
                cfg.hovers = 10;
                cfg.requests = 3;
            }
            "--article-bytes" => cfg.article_bytes = num("--article-bytes"),
            "--novel-bytes" => cfg.novel_bytes = num("--novel-bytes"),
            "--edits" => cfg.edits = num("--edits"),
            "--requests" => cfg.requests = num("--requests"),
            "--debounce" => cfg.debounces = vec![Some(num("--debounce") as u64)],
            "--only" => cfg.only = args.next(),
            "--server" => cfg.server = PathBuf::from(args.next().expect("--server takes a path")),
            "--bench" => {} // passed by `cargo bench`-style runners
            other => {
                eprintln!(
                    "unknown argument {other}; see the comment at the top of examples/lsp_latency.rs"
                );
                std::process::exit(2);
            }
        }
    }
    if !cfg.server.exists() {
        eprintln!(
            "{} does not exist: run `cargo build --release` first or pass --server",
            cfg.server.display()
        );
        std::process::exit(2);
    }
    let article = common::news_of_size(cfg.article_bytes);
    let novel = common::novel_of_size(cfg.novel_bytes);
    println!("server: {}", cfg.server.display());
    let mut failed = false;
    for (name, text) in [("article", &article), ("novel", &novel)] {
        if cfg.only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        for &debounce in &cfg.debounces {
            let label = format!(
                "{name}: {} KB of {}, debounce {}",
                text.text.len() / 1000,
                text.label,
                debounce.map_or("default (150 ms)".to_string(), |d| format!("{d} ms"))
            );
            println!("\n== {label}");
            if let Err(e) = run(&cfg, &text.text, debounce) {
                println!("FAILED: {e}");
                failed = true;
            }
        }
    }
    if failed {
        std::process::exit(1);
    }
}

/// `quotelens` beside this example's directory (target/<profile>/quotelens).
fn default_server() -> PathBuf {
    if let Some(p) = std::env::var_os("QUOTELENS_BIN") {
        return PathBuf::from(p);
    }
    let exe = std::env::current_exe().unwrap_or_default();
    exe.parent()
        .and_then(|examples| examples.parent())
        .map(|dir| dir.join("quotelens"))
        .unwrap_or_else(|| PathBuf::from("target/release/quotelens"))
}

/// How long a request took: the round trip, and the server's threads' CPU time and time
/// waiting for a CPU during it (`None` without Linux `schedstat`).
struct Timing {
    wall: Duration,
    cpu: Option<Duration>,
    waited: Option<Duration>,
}

/// A message from the server and when it was read.
struct Incoming {
    at: Instant,
    msg: Value,
}

struct Session {
    child: Child,
    stdin: Arc<Mutex<ChildStdin>>,
    incoming: Receiver<Incoming>,
    next_id: i64,
}

fn send(stdin: &Mutex<ChildStdin>, msg: &Value) -> std::io::Result<()> {
    let body = serde_json::to_vec(msg)?;
    let mut w = stdin.lock().unwrap();
    write!(w, "Content-Length: {}\r\n\r\n", body.len())?;
    w.write_all(&body)?;
    w.flush()
}

impl Session {
    fn start(server: &PathBuf) -> Session {
        let mut child = Command::new(server)
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", server.display()));
        let stdin = Arc::new(Mutex::new(child.stdin.take().unwrap()));
        let stdout = child.stdout.take().unwrap();
        let (tx, incoming) = channel();
        let replies = stdin.clone();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = 0usize;
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
                        length = v.parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                // The time the whole message had arrived, before this client parses it.
                let at = Instant::now();
                let Ok(msg) = serde_json::from_slice::<Value>(&body) else {
                    continue;
                };
                // Requests from the server (configuration, registrations, progress tokens).
                if msg.get("method").is_some() && msg.get("id").is_some() {
                    let result = if msg["method"] == "workspace/configuration" {
                        json!([null])
                    } else {
                        Value::Null
                    };
                    let _ = send(
                        &replies,
                        &json!({"jsonrpc": "2.0", "id": msg["id"], "result": result}),
                    );
                    continue;
                }
                if tx.send(Incoming { at, msg }).is_err() {
                    return;
                }
            }
        });
        Session {
            child,
            stdin,
            incoming,
            next_id: 1,
        }
    }

    fn notify(&self, method: &str, params: Value) {
        send(
            &self.stdin,
            &json!({"jsonrpc": "2.0", "method": method, "params": params}),
        )
        .expect("write to the server");
    }

    /// Send a request and wait for its response; returns the result and the round trip.
    fn request(&mut self, method: &str, params: Value) -> Result<(Value, Duration), String> {
        self.timed_request(method, params).map(|(v, t)| (v, t.wall))
    }

    /// [`request`](Self::request) with the server's CPU time during the round trip.
    fn timed_request(&mut self, method: &str, params: Value) -> Result<(Value, Timing), String> {
        let id = self.next_id;
        self.next_id += 1;
        let before = self.sched();
        let sent = Instant::now();
        send(
            &self.stdin,
            &json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}),
        )
        .map_err(|e| e.to_string())?;
        loop {
            let m = self.next_message(sent)?;
            if m.msg.get("method").is_none() && m.msg["id"] == id {
                if let Some(e) = m.msg.get("error") {
                    return Err(format!("{method}: {e}"));
                }
                let wall = m.at - sent;
                let after = self.sched();
                let (cpu, waited) = match (before, after) {
                    (Some(b), Some(a)) => {
                        (Some(a.0.saturating_sub(b.0)), Some(a.1.saturating_sub(b.1)))
                    }
                    _ => (None, None),
                };
                return Ok((m.msg["result"].clone(), Timing { wall, cpu, waited }));
            }
        }
    }

    /// Nanosecond counters of the server's threads, summed (Linux `schedstat`): time run on a
    /// CPU, and time spent ready to run but waiting for one (what a loaded machine adds).
    fn sched(&self) -> Option<(Duration, Duration)> {
        let (mut ran, mut waited) = (0u64, 0u64);
        for task in std::fs::read_dir(format!("/proc/{}/task", self.child.id())).ok()? {
            let Ok(stat) = std::fs::read_to_string(task.ok()?.path().join("schedstat")) else {
                continue; // a thread that ended meanwhile
            };
            let mut fields = stat
                .split_whitespace()
                .map(|f| f.parse::<u64>().unwrap_or(0));
            ran += fields.next()?;
            waited += fields.next()?;
        }
        Some((Duration::from_nanos(ran), Duration::from_nanos(waited)))
    }

    /// Each server thread's name and nanoseconds on a CPU (`LATENCY_DETAIL`: which thread
    /// spent a slow hover's CPU time).
    fn threads(&self) -> std::collections::BTreeMap<u64, (String, u64)> {
        let mut out = std::collections::BTreeMap::new();
        for task in std::fs::read_dir(format!("/proc/{}/task", self.child.id()))
            .into_iter()
            .flatten()
            .flatten()
        {
            let tid: u64 = task.file_name().to_string_lossy().parse().unwrap_or(0);
            let name = std::fs::read_to_string(task.path().join("comm"))
                .unwrap_or_default()
                .trim()
                .to_string();
            let ran = std::fs::read_to_string(task.path().join("schedstat"))
                .ok()
                .and_then(|s| s.split_whitespace().next().and_then(|f| f.parse().ok()))
                .unwrap_or(0);
            out.insert(tid, (name, ran));
        }
        out
    }

    fn next_message(&self, since: Instant) -> Result<Incoming, String> {
        let left = WAIT.saturating_sub(since.elapsed());
        self.incoming
            .recv_timeout(left)
            .map_err(|_| format!("no answer from the server within {WAIT:?}"))
    }

    /// Wait for diagnostics of `uri` at `version` (or later); returns when they arrived.
    fn diagnostics_for(&self, uri: &str, version: i64, since: Instant) -> Result<Instant, String> {
        loop {
            let m = self.next_message(since)?;
            if m.msg["method"] == "textDocument/publishDiagnostics"
                && m.msg["params"]["uri"] == uri
                && m.msg["params"]["version"]
                    .as_i64()
                    .is_some_and(|v| v >= version)
            {
                return Ok(m.at);
            }
        }
    }

    /// CPU time the server has used so far (user + system), from /proc (Linux).
    fn cpu_time(&self) -> Option<Duration> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).ok()?;
        // Fields after the command name (which is in parentheses): utime and stime are the
        // 12th and 13th, in clock ticks (100 per second on Linux).
        let rest = &stat[stat.rfind(')')? + 2..];
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let ticks: u64 =
            fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
        Some(Duration::from_millis(ticks * 10))
    }

    fn peak_rss_kb(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
    }

    fn stop(mut self) {
        let _ = self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// UTF-16 line and column of a byte offset.
fn position(text: &str, offset: usize) -> Value {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..line_start].matches('\n').count();
    let col: usize = text[line_start..offset].encode_utf16().count();
    json!({"line": line, "character": col})
}

/// Byte offsets where lines start.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

fn position_with(starts: &[usize], text: &str, offset: usize) -> Value {
    let line = starts.partition_point(|&s| s <= offset) - 1;
    let col: usize = text[starts[line]..offset].encode_utf16().count();
    json!({"line": line, "character": col})
}

/// Where to type: the start of a paragraph near the middle of the text.
fn typing_point(text: &str) -> usize {
    let mid = text.floor_char_boundary(text.len() / 2);
    text[mid..]
        .find("\n\n")
        .map(|i| mid + i + 2)
        .or_else(|| text[..mid].rfind("\n\n").map(|i| i + 2))
        .unwrap_or(0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{what:<34} n={:<4} p50 {:>9.2} ms   p99 {:>9.2} ms   max {:>9.2} ms",
        times.len(),
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99)),
        ms(times.last().copied().unwrap_or_default()),
    );
}

/// The round trips, and beside them the server's CPU time per request (which a busy machine
/// does not inflate) and the time its threads waited for a CPU (which is all the machine).
fn report_timed(what: &str, timings: Vec<Timing>) {
    let mut cpu: Vec<Duration> = timings.iter().filter_map(|t| t.cpu).collect();
    let mut waited: Vec<Duration> = timings.iter().filter_map(|t| t.waited).collect();
    report(what, timings.into_iter().map(|t| t.wall).collect());
    if cpu.is_empty() {
        return;
    }
    cpu.sort();
    waited.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{:<34}        server CPU p50 {:>6.2} ms   p99 {:>6.2} ms; waited for a CPU p99 {:.2} ms",
        "",
        ms(percentile(&cpu, 0.5)),
        ms(percentile(&cpu, 0.99)),
        ms(percentile(&waited, 0.99)),
    );
}

fn run(cfg: &Config, text: &str, debounce: Option<u64>) -> Result<(), String> {
    let mut s = Session::start(&cfg.server);
    let dir = std::env::temp_dir().join(format!("quotelens-latency-{}", std::process::id()));
    let uri = format!("file://{}/story.txt", dir.display());
    let mut options = json!({});
    if let Some(d) = debounce {
        options["debounceMs"] = json!(d);
    }
    let caps = json!({
        "general": {"positionEncodings": ["utf-16"]},
        "textDocument": {
            "synchronization": {"dynamicRegistration": false},
            "hover": {"contentFormat": ["markdown", "plaintext"]},
            "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
            "inlayHint": {},
            "semanticTokens": {"requests": {"full": {"delta": true}, "range": true},
                               "tokenTypes": [], "tokenModifiers": [], "formats": ["relative"]},
            "publishDiagnostics": {"relatedInformation": true, "versionSupport": true,
                                   "codeDescriptionSupport": true, "dataSupport": true},
        },
        "workspace": {"workspaceFolders": true, "configuration": false},
        "window": {"workDoneProgress": false},
    });
    s.request(
        "initialize",
        json!({"processId": std::process::id(), "rootUri": null, "capabilities": caps,
               "initializationOptions": options}),
    )?;
    s.notify("initialized", json!({}));

    let mut text = text.to_string();
    let opened = Instant::now();
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
    );
    let first = s.diagnostics_for(&uri, 1, opened)?;
    report("didOpen -> diagnostics", vec![first - opened]);
    if let Some(kb) = s.peak_rss_kb() {
        println!(
            "{:<34} {:.1} MB (the text, its first analysis, and their peaks)",
            "server peak RSS after didOpen",
            kb as f64 / 1024.0
        );
    }

    // Type a sentence, one character per didChange, waiting for each version's diagnostics.
    let typed = "The talks will resume on Thursday, a spokeswoman for the council said. ";
    let mut at = typing_point(&text);
    let mut version = 1;
    let mut pos = position(&text, at);
    let mut times = Vec::with_capacity(cfg.edits);
    let cpu_before = s.cpu_time();
    for ch in typed.chars().cycle().take(cfg.edits) {
        version += 1;
        let change = json!({"range": {"start": pos, "end": pos}, "text": ch.to_string()});
        let sent = Instant::now();
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        );
        let got = s.diagnostics_for(&uri, version, sent)?;
        times.push(got - sent);
        text.insert(at, ch);
        at += ch.len_utf8();
        pos["character"] = json!(pos["character"].as_u64().unwrap_or(0) + ch.len_utf16() as u64);
    }
    let cpu_after = s.cpu_time();
    report("didChange -> its diagnostics", times);
    if let (Some(a), Some(b)) = (cpu_before, cpu_after) {
        // Independent of how busy the machine is: what the server itself spent per edit.
        println!(
            "{:<34} {:.2} ms per didChange (server user + system time)",
            "server CPU",
            (b - a).as_secs_f64() * 1e3 / cfg.edits.max(1) as f64
        );
    }

    // A burst typed faster than any analysis: only the last version needs analysing.
    let sent = Instant::now();
    for ch in typed.chars().cycle().take(cfg.burst) {
        version += 1;
        let change = json!({"range": {"start": pos, "end": pos}, "text": ch.to_string()});
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        );
        text.insert(at, ch);
        at += ch.len_utf8();
        pos["character"] = json!(pos["character"].as_u64().unwrap_or(0) + ch.len_utf16() as u64);
    }
    let last_sent = Instant::now();
    let got = s.diagnostics_for(&uri, version, sent)?;
    println!(
        "{:<34} {} changes in {:.1} ms, then {:.2} ms to the last version's diagnostics",
        "burst of changes",
        cfg.burst,
        (last_sent - sent).as_secs_f64() * 1e3,
        (got - last_sent).as_secs_f64() * 1e3
    );

    if let Some(kb) = s.peak_rss_kb() {
        println!(
            "{:<34} {:.1} MB",
            "server peak RSS after the edits",
            kb as f64 / 1024.0
        );
    }

    // Requests on the settled document.
    let starts = line_starts(&text);
    let doc = json!({"uri": uri});
    let quote_marks: Vec<usize> = text
        .char_indices()
        .filter(|&(_, c)| c == '"' || c == '\u{201C}')
        .map(|(i, c)| i + c.len_utf8())
        .filter(|&i| i < text.len())
        .collect();
    let step = (quote_marks.len() / cfg.hovers.max(1)).max(1);
    let mut hovers = Vec::new();
    let mut named = 0;
    let detail = std::env::var_os("LATENCY_DETAIL").is_some();
    for &offset in quote_marks.iter().step_by(step).take(cfg.hovers) {
        let before = if detail {
            s.threads()
        } else {
            Default::default()
        };
        let (r, t) = s.timed_request(
            "textDocument/hover",
            json!({"textDocument": doc, "position": position_with(&starts, &text, offset)}),
        )?;
        if detail && t.cpu.is_some_and(|c| c > Duration::from_millis(1)) {
            let after = s.threads();
            let busy: Vec<String> = after
                .iter()
                .filter_map(|(tid, (name, ran))| {
                    let b = before.get(tid).map_or(0, |x| x.1);
                    let d = ran.saturating_sub(b);
                    (d > 0).then(|| format!("{tid}:{name}:{:.3}ms", d as f64 / 1e6))
                })
                .collect();
            println!(
                "  a hover at byte {offset}: wall {:?}, server CPU {:?}, by thread {busy:?}",
                t.wall, t.cpu
            );
        }
        named += usize::from(!r.is_null());
        hovers.push(t);
    }
    report_timed(&format!("hover ({named} with content)"), hovers);
    let mut symbols = Vec::new();
    for _ in 0..cfg.requests {
        let (_, t) =
            s.timed_request("textDocument/documentSymbol", json!({"textDocument": doc}))?;
        symbols.push(t);
    }
    report_timed("documentSymbol", symbols);
    let mut hints = Vec::new();
    let lines = starts.len();
    for i in 0..cfg.requests {
        let first = (i * 7919) % lines.max(1);
        let last = (first + 60).min(lines - 1);
        let range = json!({"start": {"line": first, "character": 0},
                           "end": {"line": last, "character": 0}});
        let (_, t) = s.timed_request(
            "textDocument/inlayHint",
            json!({"textDocument": doc, "range": range}),
        )?;
        hints.push(t);
    }
    report_timed("inlayHint (60 lines)", hints);
    let mut tokens = Vec::new();
    for _ in 0..cfg.requests {
        let (_, t) = s.timed_request(
            "textDocument/semanticTokens/full",
            json!({"textDocument": doc}),
        )?;
        tokens.push(t);
    }
    report_timed("semanticTokens/full", tokens);
    if let Some(kb) = s.peak_rss_kb() {
        println!(
            "{:<34} {:.1} MB ({:.1}x the text)",
            "server peak RSS",
            kb as f64 / 1024.0,
            kb as f64 * 1024.0 / text.len() as f64
        );
    }
    s.stop();
    Ok(())
}
