//! Arbitrary incremental edits applied to an open document.
//!
//! Each change (a range in some encoding, possibly reversed, past the end or inside a
//! character, or the whole text) is applied by the server's document store and by a reference
//! written apart from it (`quotelens_fuzz::reference_span`). Checked after every change: the
//! same text, a line index that agrees with one built fresh; at the end, the same analysis as
//! the final text opened fresh, with its invariants.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use quotelens::config::Settings;
use quotelens::invariants::check_analysis;
use quotelens::lsp::documents::Document;
use quotelens::lsp::workspace::Resolved;
use quotelens::position::{Encoding, LineIndex};
use quotelens_fuzz::{encoding, reference_span};
use std::sync::{Arc, LazyLock};
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

#[derive(Arbitrary, Debug)]
enum Coord {
    Small(u8),
    Any(u32),
}

impl Coord {
    fn get(&self) -> u32 {
        match self {
            Coord::Small(n) => u32::from(*n % 40),
            Coord::Any(n) => *n,
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Change {
    Whole(String),
    Range {
        start: (Coord, Coord),
        end: (Coord, Coord),
        text: String,
    },
}

#[derive(Arbitrary, Debug)]
struct Session {
    markdown: bool,
    encoding: u8,
    start: String,
    changes: Vec<Vec<Change>>,
}

static SETTINGS: LazyLock<Arc<Resolved>> =
    LazyLock::new(|| Arc::new(Resolved::new(Settings::default())));

fn same_lines(doc: &Document, enc: Encoding) {
    let fresh = LineIndex::new(&doc.text);
    assert_eq!(doc.lines.line_count(), fresh.line_count());
    for o in (0..=doc.text.len()).filter(|&o| doc.text.is_char_boundary(o)) {
        assert_eq!(
            doc.lines.position(&doc.text, o, enc),
            fresh.position(&doc.text, o, enc),
            "line index out of step at {o}"
        );
    }
}

fuzz_target!(|s: Session| {
    let enc = encoding(s.encoding);
    let uri: Uri = if s.markdown {
        "file:///e/doc.md"
    } else {
        "file:///e/doc.txt"
    }
    .parse()
    .unwrap();
    let mut doc = Document::new("plaintext".into(), 1, s.start.clone(), 1);
    let mut model = s.start;
    for (n, batch) in s.changes.iter().take(64).enumerate() {
        let mut events = Vec::new();
        for c in batch.iter().take(8) {
            match c {
                Change::Whole(t) => {
                    model = t.clone();
                    events.push(TextDocumentContentChangeEvent {
                        range: None,
                        range_length: None,
                        text: t.clone(),
                    });
                }
                Change::Range { start, end, text } => {
                    let range = Range::new(
                        Position::new(start.0.get(), start.1.get()),
                        Position::new(end.0.get(), end.1.get()),
                    );
                    let (a, b) = reference_span(&model, range, enc);
                    model.replace_range(a..b, text);
                    events.push(TextDocumentContentChangeEvent {
                        range: Some(range),
                        range_length: None,
                        text: text.clone(),
                    });
                }
            }
        }
        let version = n as i32 + 2;
        doc.apply(version, events, enc, n as u64 + 2);
        assert_eq!(doc.text, model, "after change {n}");
        assert_eq!(doc.version, version);
        same_lines(&doc, enc);
    }
    let edited = doc.job(&uri, SETTINGS.clone()).run();
    let fresh = Document::new("plaintext".into(), 1, model.clone(), 1)
        .job(&uri, SETTINGS.clone())
        .run();
    if let Err(e) = check_analysis(&model, edited.analysis()) {
        panic!("{e}\ntext: {model:?}");
    }
    assert_eq!(
        quotelens::report::analysis_json("doc", &edited.text, edited.analysis()),
        quotelens::report::analysis_json("doc", &fresh.text, fresh.analysis()),
    );
});
