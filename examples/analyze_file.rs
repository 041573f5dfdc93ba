//! Analyse files repeatedly and print the throughput: `cargo run --release --example
//! analyze_file -- [--repeat N] [--markdown] FILE...`. A `.jsonl` file is read as lines of
//! `{"text": ...}`, each analysed on its own. For profiling (perf, callgrind).

use quotelens::analysis::{Format, Options, analyze};
use std::time::Instant;

fn main() {
    let mut repeat = 1usize;
    let mut format = Format::Plain;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--repeat" => repeat = args.next().and_then(|n| n.parse().ok()).unwrap_or(1),
            "--markdown" => format = Format::Markdown,
            _ => files.push(a),
        }
    }
    let options = Options::new(format);
    for f in files {
        let text = std::fs::read_to_string(&f).expect("readable UTF-8 file");
        let texts: Vec<String> = if f.ends_with(".jsonl") {
            text.lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .filter_map(|v| v["text"].as_str().map(str::to_string))
                .collect()
        } else {
            vec![text]
        };
        let bytes: usize = texts.iter().map(String::len).sum();
        let start = Instant::now();
        let cpu_start = cpu_time();
        let mut quotes = 0;
        for _ in 0..repeat {
            quotes = texts
                .iter()
                .map(|t| analyze(t, &options).quotes.len())
                .sum();
        }
        let secs = start.elapsed().as_secs_f64() / repeat as f64;
        let cpu = cpu_time()
            .zip(cpu_start)
            .map(|(b, a)| (b - a) / repeat as f64);
        println!(
            "{f}: {} bytes, {quotes} quotes, {:.1} ms, {:.2} MB/s{}",
            bytes,
            secs * 1e3,
            bytes as f64 / secs / 1e6,
            cpu.map_or(String::new(), |c| format!(
                " (on the CPU: {:.1} ms, {:.2} MB/s)",
                c * 1e3,
                bytes as f64 / c / 1e6
            ))
        );
    }
}

/// Seconds this thread has spent on a CPU (Linux), which a busy machine does not inflate.
fn cpu_time() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}
