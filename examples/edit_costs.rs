//! Where the server's CPU time per edit goes, stage by stage, in-process (no transport):
//! applying a one-character didChange to the document, the analysis job (text copy, analysis,
//! line index), building the diagnostics to publish and converting them to JSON as the
//! transport does (params to a `serde_json::Value`, the message to a string).
//!
//! ```sh
//! cargo run --release --example edit_costs                  # 100 KB of news, 200 edits
//! cargo run --release --example edit_costs -- --bytes 5000000 --novel --edits 20
//! cargo run --release --example edit_costs -- --full   # without the document's paragraph cache
//! ```
//!
//! The analysis is broken down by stage too (the `analysis_stage` spans of `analyze`).
//!
//! Times are this thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`), so other load on the machine
//! does not inflate them. Texts come from `../shared` when it is there (see benches/common).

#[path = "../benches/common/mod.rs"]
mod common;

use quotelens::config::Settings;
use quotelens::lsp::diagnostics::{PublishParams, diagnostics};
use quotelens::lsp::documents::Document;
use quotelens::lsp::workspace::Resolved;
use quotelens::position::Encoding;
use std::cell::Cell;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes the timespec it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Sums of CPU time per stage, in the order first seen.
#[derive(Default)]
struct Stages(Vec<(&'static str, Duration)>);

impl Stages {
    fn time<T>(&mut self, name: &'static str, f: impl FnOnce() -> T) -> T {
        let start = thread_cpu();
        let v = f();
        self.add(name, thread_cpu() - start);
        v
    }

    fn add(&mut self, name: &'static str, spent: Duration) {
        match self.0.iter_mut().find(|(n, _)| *n == name) {
            Some((_, d)) => *d += spent,
            None => self.0.push((name, spent)),
        }
    }

    fn print(&self, edits: usize, indent: &str) {
        for (name, d) in &self.0 {
            println!(
                "{indent}{name:<40} {:>8.3} ms per edit",
                d.as_secs_f64() * 1e3 / edits as f64
            );
        }
    }
}

fn main() {
    // As the server does (src/main.rs).
    quotelens::memory::keep_large_blocks_mapped();
    let mut bytes = 100_000;
    let mut edits = 200;
    let mut novel = false;
    let mut full = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--bytes" => bytes = args.next().and_then(|v| v.parse().ok()).expect("a number"),
            "--edits" => edits = args.next().and_then(|v| v.parse().ok()).expect("a number"),
            "--novel" => novel = true,
            "--full" => full = true,
            "--bench" => {}
            other => panic!("unknown argument {other}"),
        }
    }
    let text = if novel {
        common::novel_of_size(bytes)
    } else {
        common::news_of_size(bytes)
    };
    println!(
        "{} bytes of {}, {edits} edits, {} analysis",
        text.text.len(),
        text.label,
        if full { "full" } else { "incremental" }
    );
    // The analysis runs on this thread: its stages' CPU time, added up by name.
    thread_local!(static STAGE_START: Cell<Duration> = const { Cell::new(Duration::ZERO) });
    let analysis_stages = Arc::new(Mutex::new(Stages::default()));
    let add_to = analysis_stages.clone();
    common::stages::StageHooks {
        start: || STAGE_START.set(thread_cpu()),
        end: move |stage| {
            let spent = thread_cpu() - STAGE_START.get();
            add_to.lock().expect("not poisoned").add(stage, spent);
        },
    }
    .install();
    let settings = Arc::new(Resolved::new(Settings::default()));
    let uri: Uri = "file:///bench/article.txt".parse().expect("a URI");
    let mut doc = Document::new("plaintext".into(), 1, text.text.clone(), 1);
    let enc = Encoding::Utf16;
    let middle = doc.lines.line_count() as u32 / 2;
    // The analysis on didOpen, untimed: it fills the document's paragraph cache.
    drop(doc.keep(Arc::new(doc.job(&uri, settings.clone()).run())));
    analysis_stages.lock().expect("not poisoned").0.clear();
    if full {
        // Without the cache's memory too.
        *doc.cache.lock().expect("not poisoned") =
            quotelens::analysis::incremental::LocalCache::new();
    }
    let mut stages = Stages::default();
    let mut findings = 0;
    for i in 0..edits {
        let generation = i as u64 + 2;
        let change = TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(middle, i as u32 % 40),
                Position::new(middle, i as u32 % 40),
            )),
            range_length: None,
            text: "x".into(),
        };
        stages.time("didChange: apply to the document", || {
            doc.apply(generation as i32, vec![change], enc, generation)
        });
        let mut job = stages.time("job: copy the text", || doc.job(&uri, settings.clone()));
        if full {
            job.cache = None;
        }
        let snap = stages.time("job: analyse + snapshot line index", || job.run());
        let diags = stages.time("diagnostics: build", || diagnostics(&snap, enc));
        findings = diags.len();
        // As the server publishes them through tower-lsp-server: the params to a JSON value (which
        // takes the diagnostics), that to a string, then the value freed.
        let params = stages.time("publish: params to a JSON value", || {
            serde_json::to_value(PublishParams {
                uri: uri.clone(),
                diagnostics: diags,
                version: Some(snap.version),
            })
            .expect("serialisable")
        });
        stages.time("publish: message to a string", || {
            serde_json::to_string(&params).map_or(0, |s| s.len())
        });
        stages.time("publish: free the JSON value", || drop(params));
        let old = stages.time("keep the snapshot", || doc.keep(Arc::new(snap)));
        stages.time("free the old snapshot", || drop(old));
    }
    let total: Duration = stages.0.iter().map(|(_, d)| *d).sum();
    stages.print(edits, "");
    println!("of which the analysis stages:");
    analysis_stages
        .lock()
        .expect("not poisoned")
        .print(edits, "  ");
    println!(
        "{:<40} {:>8.3} ms per edit ({findings} diagnostics)",
        "total",
        total.as_secs_f64() * 1e3 / edits as f64
    );
    // The document (with its paragraph cache, unless --full) and its last snapshot are live.
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        for line in status
            .lines()
            .filter(|l| l.starts_with("VmRSS") || l.starts_with("VmHWM"))
        {
            println!("{line}");
        }
    }
}
