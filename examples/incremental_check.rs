//! Checks that the incremental analysis (the paragraph cache the server keeps for each open
//! document) gives what a full analysis gives, on every text of a corpus: each text is
//! analysed incrementally after an edited copy of it, then edited a few times more, and every
//! result is compared, serialised, with a full analysis of the same text.
//!
//! ```sh
//! cargo run --release --example incremental_check < texts.jsonl   # {"id","text"} lines
//! ```
//!
//! Prints the number of texts and analyses compared; exits 1 at the first difference.

use quotelens::analysis::incremental::LocalCache;
use quotelens::analysis::{Format, Options, analyze, analyze_incremental};
use std::io::BufRead;

/// Insertions that move paragraphs, sentences, quotation marks, names and cues.
const INSERTS: &[&str] = &[
    "x",
    "\u{201C}",
    "\u{201D}",
    "\"",
    "'",
    "\n",
    "\n\n",
    " said ",
    "Mr. Holt ",
    "\u{2014}",
    ". ",
    " \u{2018}",
    "\u{2019} ",
    "''",
    " <b> ",
];

/// A small deterministic generator (xorshift), so a failure can be run again.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

fn edit(text: &str, rng: &mut Rng) -> String {
    let mut at = rng.below(text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let mut out = text[..at].to_string();
    if rng.below(3) == 0 {
        // Delete up to 20 bytes.
        let mut end = (at + 1 + rng.below(20)).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        out.push_str(&text[end..]);
    } else {
        out.push_str(INSERTS[rng.below(INSERTS.len())]);
        out.push_str(&text[at..]);
    }
    out
}

fn main() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut texts, mut compared) = (0, 0);
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("a line of input");
        let v: serde_json::Value = serde_json::from_str(&line).expect("a JSON line");
        let id = v["id"].as_str().unwrap_or("?").to_string();
        let text = v["text"].as_str().expect("a text").to_string();
        texts += 1;
        for format in [Format::Plain, Format::Markdown] {
            let options = Options::new(format);
            let mut cache = LocalCache::new();
            let mut current = edit(&text, &mut rng);
            analyze_incremental(&current, &options, &|| false, &mut cache);
            current = text.clone();
            for step in 0..4 {
                let incremental = analyze_incremental(&current, &options, &|| false, &mut cache)
                    .expect("not cancelled");
                let full = analyze(&current, &options);
                let (a, b) = (
                    serde_json::to_string(&incremental).expect("serialisable"),
                    serde_json::to_string(&full).expect("serialisable"),
                );
                if a != b {
                    eprintln!("{id} ({format:?}, step {step}): the incremental analysis differs");
                    std::process::exit(1);
                }
                compared += 1;
                current = edit(&current, &mut rng);
            }
        }
    }
    println!("{texts} texts, {compared} incremental analyses equal to full ones");
}
