//! Batch scaling (`cargo bench --bench batch`): the real `quotelens extract --input jsonl
//! --format jsonl` over an archive of articles on standard input, with `--jobs 1` and
//! `--jobs 2`, timed end to end (reading, analysing, writing), a few runs each. Articles are
//! the polnear-train corpus from `../shared`, or generated news when it is absent (the report
//! says which). On a machine shared with other work the best run of each is the fairest figure.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 3;

fn main() {
    let (label, docs) = match common::corpus("polnear-train.jsonl") {
        Some(docs) => ("polnear-train articles".to_string(), docs),
        None => {
            let news = common::news_of_size(4_000_000);
            // One article per headline.
            let starts: Vec<usize> = news
                .text
                .match_indices(common::GENERATED_HEADLINE)
                .map(|(i, _)| i)
                .chain([news.text.len()])
                .collect();
            let docs = starts
                .windows(2)
                .enumerate()
                .map(|(i, w)| (format!("generated-{i}"), news.text[w[0]..w[1]].to_string()))
                .collect();
            (news.label, docs)
        }
    };
    let bytes: usize = docs.iter().map(|(_, t)| t.len()).sum();
    let input: String = docs
        .iter()
        .map(|(id, text)| serde_json::json!({"id": id, "text": text}).to_string() + "\n")
        .collect();
    println!(
        "extract --input jsonl: {} documents, {:.2} MB of text ({label}), best and median of {RUNS} runs",
        docs.len(),
        bytes as f64 / 1e6
    );
    let mut best = Vec::new();
    for jobs in [1, 2] {
        let mut times: Vec<Duration> = (0..RUNS).map(|_| run(&input, jobs, docs.len())).collect();
        times.sort();
        let mbs = |d: Duration| bytes as f64 / 1e6 / d.as_secs_f64();
        println!(
            "--jobs {jobs}: best {:7.3} s ({:6.2} MB/s)   median {:7.3} s ({:6.2} MB/s)",
            times[0].as_secs_f64(),
            mbs(times[0]),
            times[RUNS / 2].as_secs_f64(),
            mbs(times[RUNS / 2]),
        );
        best.push(times[0]);
    }
    println!(
        "speed-up from 1 to 2 jobs (best runs): {:.2}x",
        best[0].as_secs_f64() / best[1].as_secs_f64()
    );
}

/// One run of the binary; checks that every document came back.
fn run(input: &str, jobs: usize, docs: usize) -> Duration {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_quotelens"))
        .args(["extract", "--input", "jsonl", "--format", "jsonl", "--jobs"])
        .arg(jobs.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start quotelens");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("quotelens output");
    let elapsed = started.elapsed();
    writer.join().unwrap().expect("write the input");
    assert!(out.status.success(), "quotelens failed");
    let lines = out
        .stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .count();
    assert_eq!(lines, docs, "one output line per input line");
    elapsed
}
