//! Open documents: their text, kept in step with the client by applying every change in the
//! order it arrives, and the latest analysis of them.

use super::convert::View;
use super::workspace::Resolved;
use crate::analysis::incremental::LocalCache;
use crate::analysis::{Analysis, Format, analyze_incremental, analyze_unless};
use crate::position::{Encoding, LineIndex};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, TryLockError};
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

/// An open document.
pub struct Document {
    pub language_id: String,
    pub version: i32,
    pub text: String,
    pub lines: LineIndex,
    /// Bumped on every change of the text or of the settings; an analysis is current when it
    /// was made for the document's current generation.
    pub generation: u64,
    /// The generation of the last change of the text (a settings change does not move it):
    /// a request is about the text it was sent for, so only this makes its answer stale.
    pub text_generation: u64,
    /// The current generation, shared with the analyses running on the document so they stop
    /// as soon as they are stale.
    pub latest: Arc<AtomicU64>,
    /// The byte edits since the oldest generation that may still be shown, oldest first, to
    /// map offsets between the current text and the text of an older snapshot.
    edits: Vec<Edit>,
    /// The latest analysis finished (possibly of an older generation).
    pub snapshot: Option<Arc<Snapshot>>,
    /// The generation whose diagnostics were last published.
    pub published: Option<u64>,
    /// Held while analysing and publishing, so one document is analysed once per generation and
    /// its diagnostics go out in order.
    pub lock: Arc<tokio::sync::Mutex<()>>,
    /// False once didClose arrived; the document is dropped when its diagnostics are cleared.
    pub open: bool,
    /// What the last analysis found paragraph by paragraph, for the next one to reuse.
    pub cache: Arc<Mutex<LocalCache>>,
}

impl Document {
    pub fn new(language_id: String, version: i32, text: String, generation: u64) -> Document {
        Document {
            language_id,
            version,
            lines: LineIndex::new(&text),
            text,
            generation,
            text_generation: generation,
            latest: Arc::new(AtomicU64::new(generation)),
            edits: Vec::new(),
            snapshot: None,
            published: None,
            lock: Arc::new(tokio::sync::Mutex::new(())),
            open: true,
            cache: Arc::default(),
        }
    }

    /// Apply the changes of one didChange, in order. A range outside the text is clamped to it
    /// (as the specification asks for columns past the end of a line).
    pub fn apply(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        enc: Encoding,
        generation: u64,
    ) {
        for change in changes {
            match change.range {
                None => {
                    self.record_edit(generation, 0, self.text.len(), change.text.len());
                    self.text = change.text;
                    self.lines = LineIndex::new(&self.text);
                }
                Some(range) => {
                    let view = View {
                        text: &self.text,
                        lines: &self.lines,
                        enc,
                    };
                    if view.offset_strict(range.start).is_none()
                        || view.offset_strict(range.end).is_none()
                    {
                        tracing::warn!(
                            "a change's range {}:{}-{}:{} reaches outside the text; clamped to it",
                            range.start.line,
                            range.start.character,
                            range.end.line,
                            range.end.character
                        );
                    }
                    let span = view.span(range);
                    self.record_edit(generation, span.start, span.len(), change.text.len());
                    self.lines
                        .edit(&mut self.text, span.start..span.end, &change.text);
                }
            }
        }
        self.version = version;
        self.text_generation = generation;
        self.set_generation(generation);
    }

    /// A new generation (a change of the text or of the settings); analyses of older ones stop.
    pub fn set_generation(&mut self, generation: u64) {
        self.generation = generation;
        self.latest.store(generation, Ordering::SeqCst);
    }

    fn record_edit(&mut self, generation: u64, start: usize, removed: usize, inserted: usize) {
        // Typing on with no analysis finishing: give up mapping rather than grow without bound.
        if self.edits.len() >= MAX_EDITS {
            self.edits.clear();
            self.edits.push(Edit {
                generation,
                start: 0,
                removed: usize::MAX / 2,
                inserted: usize::MAX / 2,
            });
        }
        self.edits.push(Edit {
            generation,
            start,
            removed,
            inserted,
        });
    }

    /// Keep `snapshot` as the latest analysis; edits it already contains are forgotten.
    /// Returns the one it replaces, for the caller to free outside the documents' lock.
    #[must_use]
    pub fn keep(&mut self, snapshot: Arc<Snapshot>) -> Option<Arc<Snapshot>> {
        self.edits.retain(|e| e.generation > snapshot.generation);
        self.snapshot.replace(snapshot)
    }

    pub fn is_current(&self, snapshot: &Snapshot) -> bool {
        snapshot.generation == self.generation
    }

    pub fn view(&self, enc: Encoding) -> View<'_> {
        View {
            text: &self.text,
            lines: &self.lines,
            enc,
        }
    }

    /// Where byte `offset` of the current text was in the text `snapshot` analysed; `None`
    /// when an edit since then wrote it.
    pub fn offset_in(&self, snapshot: &Snapshot, offset: usize) -> Option<usize> {
        let mut offset = offset;
        for e in self.edits_since(snapshot).rev() {
            if offset < e.start || (e.inserted == 0 && offset == e.start) {
                continue;
            }
            if offset < e.start + e.inserted {
                return None;
            }
            offset = offset - e.inserted + e.removed;
        }
        Some(offset)
    }

    /// Where byte `offset` of the text `snapshot` analysed is in the current text; `None` when
    /// an edit since then removed it.
    pub fn offset_from(&self, snapshot: &Snapshot, offset: usize) -> Option<usize> {
        let mut offset = offset;
        for e in self.edits_since(snapshot) {
            if offset < e.start || (e.removed == 0 && offset == e.start) {
                continue;
            }
            if offset < e.start + e.removed {
                return None;
            }
            offset = offset - e.removed + e.inserted;
        }
        Some(offset)
    }

    fn edits_since(&self, snapshot: &Snapshot) -> impl DoubleEndedIterator<Item = &Edit> {
        self.edits
            .iter()
            .filter(move |e| e.generation > snapshot.generation)
    }

    /// What an analysis of the current text needs.
    pub fn job(&self, uri: &Uri, settings: Arc<Resolved>) -> Job {
        Job {
            uri: uri.clone(),
            version: self.version,
            generation: self.generation,
            text_generation: self.text_generation,
            latest: self.latest.clone(),
            language_id: self.language_id.clone(),
            text: self.text.clone(),
            lines: self.lines.clone(),
            settings,
            cache: Some(self.cache.clone()),
        }
    }
}

/// Edits kept for mapping offsets while no analysis finishes.
const MAX_EDITS: usize = 4096;

/// One replacement in a document's text, in bytes of the text it was applied to.
#[derive(Clone, Copy, Debug)]
struct Edit {
    generation: u64,
    start: usize,
    removed: usize,
    inserted: usize,
}

/// Why a document has no analysis.
#[derive(Debug)]
pub enum Outcome {
    Analysed(Analysis),
    /// Not one of the configured languages or file types.
    NotAnalysed,
    /// Larger than the size limit.
    TooLarge {
        size: usize,
        limit: usize,
    },
    /// The analysis panicked (a bug); the server carries on.
    Failed,
}

/// A document's text as it was analysed, with the analysis. Requests answer from a snapshot,
/// so text, line index and analysis always agree.
#[derive(Debug)]
pub struct Snapshot {
    pub uri: Uri,
    pub version: i32,
    pub generation: u64,
    /// The generation of the text analysed (see [`Document::text_generation`]).
    pub text_generation: u64,
    pub text: String,
    pub lines: LineIndex,
    pub format: Format,
    pub outcome: Outcome,
    pub settings: Arc<Resolved>,
}

static EMPTY: std::sync::LazyLock<Analysis> = std::sync::LazyLock::new(Analysis::default);

impl Snapshot {
    pub fn view(&self, enc: Encoding) -> View<'_> {
        View {
            text: &self.text,
            lines: &self.lines,
            enc,
        }
    }

    /// The analysis; empty when the document was not analysed.
    pub fn analysis(&self) -> &Analysis {
        match &self.outcome {
            Outcome::Analysed(a) => a,
            _ => &EMPTY,
        }
    }
}

/// An analysis to run off the async threads.
pub struct Job {
    pub uri: Uri,
    pub version: i32,
    pub generation: u64,
    pub text_generation: u64,
    /// The document's current generation: when it moves past `generation`, the job stops.
    pub latest: Arc<AtomicU64>,
    pub language_id: String,
    pub text: String,
    /// The line index of `text`, as the document keeps it up to date.
    pub lines: LineIndex,
    pub settings: Arc<Resolved>,
    /// The document's paragraph cache, when the analysis may use it.
    pub cache: Option<Arc<Mutex<LocalCache>>>,
}

/// A test hook: while `on`, analyses wait at their first cancellation check (counted in
/// `waiting`) until released or made stale, so a test can change a document under a running
/// analysis without racing it.
#[derive(Debug, Default)]
pub struct Hold {
    pub on: AtomicBool,
    pub waiting: AtomicUsize,
}

impl Hold {
    fn wait_unless(&self, stale: &dyn Fn() -> bool) {
        if !self.on.load(Ordering::SeqCst) {
            return;
        }
        self.waiting.fetch_add(1, Ordering::SeqCst);
        while self.on.load(Ordering::SeqCst) && !stale() {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        self.waiting.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Job {
    pub fn format(&self) -> Format {
        let by_language = Format::guess(&self.language_id);
        if by_language == Format::Markdown {
            by_language
        } else {
            Format::guess(self.uri.path().as_str())
        }
    }

    /// Analyse to the end, whatever happens to the document meanwhile.
    pub fn run(self) -> Snapshot {
        self.run_unless(&|| false)
            .expect("an analysis nobody cancels finishes")
    }

    /// Analyse unless the document moves to a newer generation first (`None` then). `hold`
    /// is the test hook [`Hold`].
    pub fn run_unless_stale(self, hold: Option<&Hold>) -> Option<Snapshot> {
        let latest = self.latest.clone();
        let generation = self.generation;
        let stale = move || latest.load(Ordering::SeqCst) != generation;
        let held = std::cell::Cell::new(false);
        self.run_unless(&|| {
            if let Some(h) = hold.filter(|_| !held.replace(true)) {
                h.wait_unless(&stale);
            }
            stale()
        })
    }

    fn run_unless(self, cancelled: &dyn Fn() -> bool) -> Option<Snapshot> {
        let format = self.format();
        let settings = &self.settings.settings;
        let outcome = if !settings.analyses(&self.language_id, self.uri.path().as_str()) {
            Outcome::NotAnalysed
        } else if self.text.len() > settings.max_file_size {
            Outcome::TooLarge {
                size: self.text.len(),
                limit: settings.max_file_size,
            }
        } else {
            let options = self.settings.options(format);
            let text = &self.text;
            // An analysis still running holds the cache (it is stale and stops soon): this one
            // does without. A cache left by a panic is dropped.
            let cache = self.cache.as_deref().and_then(|c| match c.try_lock() {
                Ok(c) => Some(c),
                Err(TryLockError::Poisoned(p)) => {
                    let mut cache = p.into_inner();
                    *cache = LocalCache::new();
                    c.clear_poison();
                    Some(cache)
                }
                Err(TryLockError::WouldBlock) => None,
            });
            match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match cache {
                Some(mut c) => analyze_incremental(text, options, cancelled, &mut c),
                None => analyze_unless(text, options, cancelled),
            })) {
                Ok(Some(a)) => Outcome::Analysed(a),
                Ok(None) => return None,
                Err(_) => {
                    tracing::error!(
                        "the analysis of {} (version {}) failed; please report this",
                        self.uri.as_str(),
                        self.version
                    );
                    Outcome::Failed
                }
            }
        };
        Some(Snapshot {
            lines: self.lines,
            uri: self.uri,
            version: self.version,
            generation: self.generation,
            text_generation: self.text_generation,
            text: self.text,
            format,
            outcome,
            settings: self.settings,
        })
    }
}

/// The snapshot of a plain-text document analysed with the default settings, for the
/// request handlers' tests.
#[cfg(test)]
pub(crate) fn test_snapshot(text: &str) -> Snapshot {
    use std::str::FromStr;
    Job {
        uri: Uri::from_str("file:///t.txt").unwrap(),
        version: 1,
        generation: 1,
        text_generation: 1,
        latest: Default::default(),
        language_id: "plaintext".into(),
        text: text.into(),
        lines: LineIndex::new(text),
        settings: Arc::new(Resolved::new(crate::config::Settings::default())),
        cache: None,
    }
    .run()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn change(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn incremental_changes_apply_in_utf16_and_utf8() {
        let mut d = Document::new("plaintext".into(), 1, "Лавров 😀 said\r\n“hi”".into(), 1);
        // after the emoji (2 UTF-16 units) and a space
        d.apply(2, vec![change(0, 10, 0, 14, "spoke")], Encoding::Utf16, 2);
        assert_eq!(d.text, "Лавров 😀 spoke\r\n“hi”");
        // UTF-8: the second line's curly quote is 3 bytes
        d.apply(3, vec![change(1, 3, 1, 5, "yo")], Encoding::Utf8, 3);
        assert_eq!(d.text, "Лавров 😀 spoke\r\n“yo”");
        // past the end clamps; reversed ranges are put in order
        d.apply(4, vec![change(1, 99, 1, 8, "!")], Encoding::Utf16, 4);
        assert_eq!(d.text, "Лавров 😀 spoke\r\n“yo”!");
        assert_eq!((d.version, d.generation), (4, 4));
    }
}
