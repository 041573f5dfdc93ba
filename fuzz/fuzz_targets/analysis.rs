//! The analysis of arbitrary text and Markdown, and every LSP view made of it.
//!
//! Input: one byte of flags (Markdown, two-apostrophe quotes, position encoding), then the text
//! (bytes that are not UTF-8 become U+FFFD, as an editor decodes them). Checked: the analysis
//! invariants (`quotelens::invariants`), position round-trips in all three encodings, and that
//! every range the server would send (diagnostics, hovers, symbols, semantic tokens, inlay
//! hints, code lenses, navigation, rename and fix edits) names a real place in the text.

#![no_main]

use libfuzzer_sys::fuzz_target;
use quotelens::analysis::Span;
use quotelens::config::Settings;
use quotelens::invariants::{check_analysis, check_positions};
use quotelens::lsp::documents::Document;
use quotelens::lsp::workspace::Resolved;
use quotelens::lsp::{actions, diagnostics, hover, inlay, navigate, symbols, tokens};
use quotelens_fuzz::{check_range, encoding};
use std::sync::{Arc, LazyLock};
use tower_lsp_server::ls_types::{DocumentSymbol, HoverContents, Position, Uri};

static SETTINGS: LazyLock<[Arc<Resolved>; 2]> = LazyLock::new(|| {
    let plain = Settings::default();
    let mut apostrophes = Settings::default();
    apostrophes.apply(&serde_json::json!({"twoApostropheQuotes": true}), "");
    [
        Arc::new(Resolved::new(plain)),
        Arc::new(Resolved::new(apostrophes)),
    ]
});

fn symbols_ok(
    text: &str,
    lines: &quotelens::position::LineIndex,
    s: &[DocumentSymbol],
    enc: quotelens::position::Encoding,
) {
    for d in s {
        check_range(text, lines, d.range, enc, "symbol range");
        check_range(text, lines, d.selection_range, enc, "symbol selection");
        symbols_ok(text, lines, d.children.as_deref().unwrap_or(&[]), enc);
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest).into_owned();
    let uri: Uri = if flags & 1 == 1 {
        "file:///f/doc.md"
    } else {
        "file:///f/doc.txt"
    }
    .parse()
    .unwrap();
    let settings = SETTINGS[usize::from(flags & 2 != 0)].clone();
    let enc = encoding(flags >> 2);
    let snap = Document::new("plaintext".into(), 1, text.clone(), 1)
        .job(&uri, settings)
        .run();
    let a = snap.analysis();
    if let Err(e) = check_analysis(&text, a) {
        panic!("{e}\ntext: {text:?}");
    }
    if let Err(e) = check_positions(&text) {
        panic!("{e}\ntext: {text:?}");
    }
    let lines = &snap.lines;
    let _ = quotelens::report::analysis_json("doc", &text, a);

    // As a client holds them: with the data as JSON, which the fixes are read back from.
    for d in diagnostics::diagnostics(&snap, enc)
        .into_iter()
        .map(diagnostics::Published::into_lsp)
    {
        check_range(&text, lines, d.range, enc, "diagnostic");
        for r in d.related_information.iter().flatten() {
            check_range(&text, lines, r.location.range, enc, "related information");
        }
        for fix in actions::fixes_for(&snap, &d, enc) {
            for e in &fix.edits {
                check_range(&text, lines, e.range, enc, "fix edit");
            }
        }
    }
    symbols_ok(&text, lines, &symbols::document_symbols(&snap, enc), enc);
    for s in symbols::workspace_symbols(&snap, "", enc) {
        check_range(&text, lines, s.location.range, enc, "workspace symbol");
    }
    for h in inlay::inlay_hints(&snap, Span::new(0, text.len()), enc) {
        let r = tower_lsp_server::ls_types::Range::new(h.position, h.position);
        check_range(&text, lines, r, enc, "inlay hint");
    }
    for l in navigate::code_lenses(&snap, enc) {
        check_range(&text, lines, l.range, enc, "code lens");
    }
    // Semantic tokens: relative positions, one line each, inside the text.
    let (mut line, mut col) = (0u32, 0u32);
    for t in tokens::semantic_tokens(&snap, Span::new(0, text.len()), enc) {
        line += t.delta_line;
        col = if t.delta_line == 0 {
            col + t.delta_start
        } else {
            t.delta_start
        };
        let r = tower_lsp_server::ls_types::Range::new(
            Position::new(line, col),
            Position::new(line, col + t.length),
        );
        check_range(&text, lines, r, enc, "semantic token");
    }
    // Where the cursor can be: every quote and mention start, and a few other places.
    let mut places: Vec<usize> = a.quotes.iter().map(|q| q.span.start).collect();
    places.extend(a.mentions.iter().map(|m| m.span.start));
    places.extend(
        (0..text.len())
            .step_by(97)
            .map(|o| text.floor_char_boundary(o)),
    );
    places.push(text.len());
    for &offset in places.iter().take(200) {
        if let Some(h) = hover::hover(&snap, offset, enc) {
            if let Some(r) = h.range {
                check_range(&text, lines, r, enc, "hover range");
            }
            assert!(matches!(h.contents, HoverContents::Markup(_)));
        }
        if let Some(l) = navigate::definition(&snap, offset, enc) {
            check_range(&text, lines, l.range, enc, "definition");
        }
        for l in navigate::references(&snap, offset, true, enc)
            .into_iter()
            .flatten()
        {
            check_range(&text, lines, l.range, enc, "reference");
        }
        for h in navigate::highlights(&snap, offset, enc)
            .into_iter()
            .flatten()
        {
            check_range(&text, lines, h.range, enc, "highlight");
        }
        if let Ok((e, m)) = navigate::rename_target(&snap, offset) {
            for new_name in ["Ann Lee", "X", "Мария Иванова-Петрова"] {
                let edits = navigate::rename_edits(&snap, e, m, new_name).unwrap();
                let mut renamed = text.clone();
                let mut last = usize::MAX;
                for (span, new) in edits.iter().rev() {
                    assert!(span.end <= last, "rename edits overlap: {edits:?}");
                    last = span.start;
                    renamed.replace_range(span.start..span.end, new);
                }
            }
        }
    }
});
