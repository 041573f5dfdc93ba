//! Peak memory of the analysis (`cargo bench --bench memory`): the peak resident set size of a
//! process that holds a 10 MB text and analyses it, against the target of 10x the text plus
//! 20 MB. Each text is analysed in a fresh child process (this benchmark run again), so one
//! measurement does not inherit another's peak. Texts: pdnc-dev novels and polnear-train
//! articles from `../shared`, or generated fiction and news when it is absent.
//!
//! Beside each it prints the peak RSS within each stage of the analysis (Linux: the peak is
//! reset as each stage starts), to show which stage sets the peak.

mod common;

use quotelens::analysis::{Options, analyze};
use std::process::Command;

const SIZE: usize = 10 * 1024 * 1024;
const CHILD: &str = "QUOTELENS_MEMORY_BENCH_FILE";

fn main() {
    if let Some(path) = std::env::var_os(CHILD) {
        child(&path);
        return;
    }
    // `cargo bench` passes filter arguments and `--bench`; there is nothing to filter here.
    println!(
        "peak RSS of analysing a {} MB text in a fresh process",
        SIZE >> 20
    );
    for text in [common::novel_of_size(SIZE), common::news_of_size(SIZE)] {
        let path =
            std::env::temp_dir().join(format!("quotelens-memory-{}.txt", std::process::id()));
        std::fs::write(&path, &text.text).expect("write the text");
        let out = Command::new(std::env::current_exe().expect("this benchmark's path"))
            .env(CHILD, &path)
            .output()
            .expect("run the measuring child");
        let _ = std::fs::remove_file(&path);
        let report = String::from_utf8_lossy(&out.stdout);
        let field = |name: &str| -> Option<u64> {
            report
                .split_whitespace()
                .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('=')?.parse().ok())
        };
        let stage_peaks: Vec<(&str, u64)> = report
            .lines()
            .filter_map(|l| {
                let (stage, kb) = l.strip_prefix("stage_peak_kb ")?.rsplit_once('=')?;
                Some((stage, kb.parse().ok()?))
            })
            .collect();
        let (Some(before), Some(peak)) = (field("before_kb"), field("peak_kb")) else {
            eprintln!(
                "{}: the child failed: {}",
                text.label,
                String::from_utf8_lossy(&out.stderr)
            );
            std::process::exit(1);
        };
        let mb = |kb: u64| kb as f64 / 1024.0;
        let text_mb = text.text.len() as f64 / 1048576.0;
        let target = 10.0 * text_mb + 20.0;
        println!(
            "{:<40} text {:6.2} MB  peak RSS {:7.1} MB ({:5.1}x the text; {:.1} MB before analysing)  target {:.0} MB: {}",
            text.label,
            text_mb,
            mb(peak),
            mb(peak) / text_mb,
            mb(before),
            target,
            if mb(peak) <= target { "met" } else { "missed" }
        );
        for (stage, kb) in stage_peaks {
            println!("    peak RSS in {stage:<36} {:7.1} MB", mb(kb));
        }
    }
}

/// Read the text, note the RSS, analyse, print the peak RSS (VmHWM) of this process.
fn child(path: &std::ffi::OsStr) {
    // As the quotelens binary does (see its `cli::main`).
    quotelens::memory::keep_large_blocks_mapped();
    let text = std::fs::read_to_string(path).expect("read the text");
    let before = status_kb("VmRSS").unwrap_or(0);
    // The peak of each stage: reset the process's peak as it starts, read it as it ends.
    let stage_peaks = std::sync::Arc::new(std::sync::Mutex::new(Vec::<(&str, u64)>::new()));
    let overall = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let (peaks, overall_seen) = (stage_peaks.clone(), overall.clone());
    let reset_peak = move || {
        // The peak so far is kept before the reset loses it.
        let so_far = status_kb("VmHWM").unwrap_or(0);
        overall_seen.fetch_max(so_far, std::sync::atomic::Ordering::SeqCst);
        let _ = std::fs::write("/proc/self/clear_refs", "5");
    };
    common::stages::StageHooks {
        start: reset_peak,
        end: move |stage| {
            let kb = status_kb("VmHWM").unwrap_or(0);
            let mut peaks = peaks.lock().expect("not poisoned");
            match peaks.iter_mut().find(|(s, _)| *s == stage) {
                Some((_, p)) => *p = (*p).max(kb),
                None => peaks.push((stage, kb)),
            }
        },
    }
    .install();
    let analysis = analyze(&text, &Options::default());
    let peak = status_kb("VmHWM")
        .unwrap_or(0)
        .max(overall.load(std::sync::atomic::Ordering::SeqCst));
    for (stage, kb) in stage_peaks.lock().expect("not poisoned").iter() {
        println!("stage_peak_kb {stage}={kb}");
    }
    println!(
        "before_kb={before} peak_kb={peak} quotes={} mentions={}",
        analysis.quotes.len(),
        analysis.mentions.len()
    );
}

/// A `kB` field of /proc/self/status (Linux).
fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
}
