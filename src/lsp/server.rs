//! The server's state and its LSP handlers.
//!
//! Text changes are applied by [`Server::sync_document`] when the message is read, in order,
//! before any handler runs (see `DocumentSync` in `mod.rs`); the handlers only schedule analysis.
//! Analyses run on blocking threads, at most one per core at a time; a result for a generation
//! that is no longer current is kept for requests but never published.

use super::convert::{encoding_kind, negotiate};
use super::documents::{Document, Hold, Outcome, Snapshot};
use super::workspace::{Resolved, Workspace};
use super::{actions, diagnostics, hover, index, inlay, log, navigate, symbols, tokens};
use crate::analysis::Span;
use crate::position::Encoding;
use crate::report::analysis_json;
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::Duration;
use tokio::sync::Semaphore;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

/// What the client can do, read once from `initialize`.
#[derive(Clone, Debug, Default)]
pub struct Session {
    pub enc: Encoding,
    /// The client pulls diagnostics (textDocument/diagnostic) and can be asked to pull again
    /// (workspace/diagnostic/refresh), so the server does not push.
    pub pull_diagnostics: bool,
    pub configuration: bool,
    pub watch_files: bool,
    /// The client can ask whether a rename is possible first (textDocument/prepareRename).
    pub prepare_rename: bool,
    /// The client takes CodeAction literals (not only commands).
    pub code_action_literals: bool,
    /// The client applies versioned `documentChanges` in a WorkspaceEdit.
    pub document_changes: bool,
    pub inlay_hint_refresh: bool,
    pub semantic_tokens_refresh: bool,
    pub code_lens_refresh: bool,
    /// The client shows server-initiated work-done progress (the workspace index).
    pub work_done_progress: bool,
}

pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Most workspace/symbol results returned at once.
const MAX_WORKSPACE_SYMBOLS: usize = 2000;

/// Name of the request returning the `quotelens extract --format json` object of a document.
pub const ANALYSIS_REQUEST: &str = "quotelens/analysis";
/// Name of the request returning the server's copy of a document (for tests and debugging).
pub const DOCUMENT_REQUEST: &str = "quotelens/debug/document";

/// The document a request is about, with the generation of its text when the request was read.
pub struct RequestDoc {
    pub uri: Uri,
    pub text_generation: Option<u64>,
    /// Set when the request was answered from another text of the document (a settings change
    /// alone does not make a request stale: its positions still mean the same).
    pub stale: Arc<AtomicBool>,
}

impl RequestDoc {
    pub fn new(server: &Server, uri: Uri) -> RequestDoc {
        RequestDoc {
            text_generation: server.text_generation_of(&uri),
            uri,
            stale: Arc::new(AtomicBool::new(false)),
        }
    }
}

tokio::task_local! {
    /// Set while a request about a document is being answered.
    pub static REQUEST_DOC: RequestDoc;
}

/// Name of the test hook that panics inside a request handler; registered only when
/// [`TEST_HOOKS_ENV`] is set.
pub const PANIC_REQUEST: &str = "quotelens/debug/panic";
/// Name of the test hook that answers after `{"ms": n}` milliseconds (at most 60 s); registered
/// only when [`TEST_HOOKS_ENV`] is set.
pub const SLEEP_REQUEST: &str = "quotelens/debug/sleep";
/// Test hook: `{"hold": true}` makes analyses wait at their first check until `false`.
pub const HOLD_REQUEST: &str = "quotelens/debug/holdAnalyses";
/// The environment variable that registers the test hooks (`1`).
pub const TEST_HOOKS_ENV: &str = "QUOTELENS_TEST_HOOKS";

#[derive(Deserialize)]
pub struct SleepParams {
    pub ms: u64,
}

#[derive(Deserialize)]
pub struct HoldParams {
    pub hold: bool,
}

pub struct Server {
    pub client: Client,
    /// Notified when the client's process (initialize's processId) is gone.
    pub client_gone: tokio::sync::Notify,
    docs: Mutex<HashMap<Uri, Document>>,
    session: RwLock<Session>,
    workspace: Mutex<Workspace>,
    /// Warnings found while initializing, shown once the client is ready for them.
    pending_warnings: Mutex<Vec<String>>,
    generation: AtomicU64,
    /// Analyses running at once: one per core.
    slots: Semaphore,
    /// Analyses abandoned because their document changed while they ran.
    cancelled: AtomicU64,
    /// Diagnostics built to publish (the debug view shows it: a burst builds them once).
    diagnostics_built: AtomicU64,
    /// The test hook [`HOLD_REQUEST`]; `None` unless test hooks are on.
    hold: Option<Arc<Hold>>,
    initialized: AtomicBool,
    shut_down: AtomicBool,
    /// The semantic tokens last sent per document, with their result id, for deltas.
    sent_tokens: Mutex<HashMap<Uri, (String, Vec<SemanticToken>)>>,
    /// The prose files of the workspace folders, analysed in the background.
    pub index: index::Index,
}

#[derive(Clone)]
pub struct Backend(pub Arc<Server>);

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentParams {
    pub text_document: TextDocumentIdentifier,
}

/// What one attempt to analyse a document gave.
enum Analysed {
    Current(Arc<Snapshot>),
    /// Closed, not open, or the analysis task failed.
    Nothing,
    /// The document changed while it was analysed.
    Cancelled,
}

fn request_failed(message: impl Into<String>) -> Error {
    Error {
        code: ErrorCode::ServerError(-32803),
        message: message.into().into(),
        data: None,
    }
}

/// The `quotelens` section when a settings object holds several servers' sections.
fn own_section(v: Value) -> Value {
    match v {
        Value::Object(mut o) if o.contains_key("quotelens") => {
            o.remove("quotelens").unwrap_or(Value::Null)
        }
        v => v,
    }
}

fn file_path(uri: &Uri) -> Option<PathBuf> {
    uri.to_file_path().map(|p| p.into_owned())
}

/// Drop `value` on a blocking thread: freeing the analysis of a long text takes milliseconds,
/// which must not hold the documents' lock (hovers, didChange) or an async worker. After a
/// text of at least [`TRIM_FROM`] bytes the freed memory goes back to the system: each analysis
/// thread's allocator arena would otherwise keep the peak of every analysis it ran. (Below
/// that, trimming on every keystroke costs more than the little memory it returns.)
fn free_off_the_async_threads<T: Send + 'static>(value: Option<T>, text_bytes: usize) {
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = text_bytes;
    if let Some(v) = value {
        tokio::task::spawn_blocking(move || {
            drop(v);
            #[cfg(all(target_os = "linux", target_env = "gnu"))]
            if text_bytes >= TRIM_FROM {
                // SAFETY: malloc_trim only returns free memory to the system.
                unsafe {
                    libc::malloc_trim(0);
                }
            }
        });
    }
}

/// See [`free_off_the_async_threads`].
const TRIM_FROM: usize = 1 << 20;

/// Whether a process exists (a process we may not signal exists too).
#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return true;
    };
    if pid <= 0 {
        return true;
    }
    // SAFETY: signal 0 only checks that the process exists; nothing is sent.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

#[cfg(not(unix))]
fn process_alive(_pid: u32) -> bool {
    true
}

impl Server {
    pub fn new(client: Client, test_hooks: bool) -> Server {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Server {
            client,
            client_gone: tokio::sync::Notify::new(),
            docs: Mutex::new(HashMap::new()),
            session: RwLock::new(Session::default()),
            workspace: Mutex::new(Workspace::default()),
            pending_warnings: Mutex::new(Vec::new()),
            generation: AtomicU64::new(1),
            slots: Semaphore::new(cores),
            cancelled: AtomicU64::new(0),
            diagnostics_built: AtomicU64::new(0),
            hold: test_hooks.then(|| Arc::new(Hold::default())),
            initialized: AtomicBool::new(false),
            shut_down: AtomicBool::new(false),
            sent_tokens: Mutex::new(HashMap::new()),
            index: index::Index::default(),
        }
    }

    pub fn session(&self) -> Session {
        self.session
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn is_initialized(&self) -> bool {
        self.initialized.load(Ordering::SeqCst)
    }

    pub fn was_shut_down(&self) -> bool {
        self.shut_down.load(Ordering::SeqCst)
    }

    fn next_generation(&self) -> u64 {
        self.generation.fetch_add(1, Ordering::SeqCst)
    }

    fn settings_for(&self, uri: &Uri) -> Arc<Resolved> {
        lock(&self.workspace).for_path(file_path(uri).as_deref())
    }

    /// Apply a text synchronisation notification to the documents. Called for every message in
    /// the order the client sent them, before any handler runs, so edits can never be applied
    /// out of order.
    pub fn sync_document(&self, method: &str, params: Option<&Value>) {
        if !self.initialized.load(Ordering::SeqCst) {
            return;
        }
        let Some(params) = params else { return };
        let enc = self.session().enc;
        match method {
            "textDocument/didOpen" => match DidOpenTextDocumentParams::deserialize(params) {
                Ok(p) => {
                    let d = p.text_document;
                    let mut doc =
                        Document::new(d.language_id, d.version, d.text, self.next_generation());
                    let mut docs = lock(&self.docs);
                    // Keep the lock of a document closed and reopened, so its diagnostics stay in order.
                    if let Some(old) = docs.get(&d.uri) {
                        if old.open {
                            tracing::warn!(
                                "didOpen for {}, which is already open; its text is replaced",
                                d.uri.as_str()
                            );
                        }
                        doc.lock = old.lock.clone();
                    }
                    tracing::debug!("opened {} (version {})", d.uri.as_str(), d.version);
                    docs.insert(d.uri, doc);
                }
                Err(e) => tracing::warn!("bad didOpen params: {e}"),
            },
            "textDocument/didChange" => match DidChangeTextDocumentParams::deserialize(params) {
                Ok(p) => {
                    let generation = self.next_generation();
                    let mut docs = lock(&self.docs);
                    match docs.get_mut(&p.text_document.uri).filter(|d| d.open) {
                        Some(doc) => {
                            if p.text_document.version <= doc.version {
                                tracing::warn!(
                                    "didChange for {} goes from version {} back to {}; applied as sent",
                                    p.text_document.uri.as_str(),
                                    doc.version,
                                    p.text_document.version
                                );
                            }
                            doc.apply(p.text_document.version, p.content_changes, enc, generation)
                        }
                        None => tracing::warn!(
                            "didChange for a document that is not open: {}",
                            p.text_document.uri.as_str()
                        ),
                    }
                }
                Err(e) => tracing::warn!("bad didChange params: {e}"),
            },
            "textDocument/didClose" => match DidCloseTextDocumentParams::deserialize(params) {
                Ok(p) => {
                    let generation = self.next_generation();
                    if let Some(doc) = lock(&self.docs).get_mut(&p.text_document.uri) {
                        doc.open = false;
                        doc.set_generation(generation);
                    }
                }
                Err(e) => tracing::warn!("bad didClose params: {e}"),
            },
            _ => {}
        }
    }

    /// Watch the client's process (initialize's processId) and notify `client_gone` when it
    /// no longer exists, as the specification asks. A process that does not exist at the
    /// start (a client in another process namespace) is not watched.
    fn watch_client_process(self: &Arc<Self>, pid: u32) {
        if !process_alive(pid) {
            tracing::info!("the client's process {pid} is not visible here; not watching it");
            return;
        }
        let this = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(1));
            loop {
                tick.tick().await;
                if !process_alive(pid) {
                    tracing::warn!("the client's process {pid} is gone; exiting");
                    this.client_gone.notify_one();
                    return;
                }
            }
        });
    }

    /// Apply a notification that changes settings (configuration, a watched `quotelens.toml`,
    /// workspace folders). Called when the message is read, like [`sync_document`]
    /// (Self::sync_document), so a request read after it sees the new settings.
    pub fn sync_settings(self: &Arc<Self>, method: &str, params: Option<&Value>) {
        if !self.initialized.load(Ordering::SeqCst) {
            return;
        }
        let params = params.unwrap_or(&Value::Null);
        match method {
            "workspace/didChangeConfiguration" => {
                let Ok(p) = DidChangeConfigurationParams::deserialize(params) else {
                    return;
                };
                let settings = own_section(p.settings);
                let empty =
                    settings.is_null() || settings.as_object().is_some_and(|o| o.is_empty());
                if empty && self.session().configuration {
                    // The client only says something changed: ask for the section, off the
                    // reading of messages.
                    let this = self.clone();
                    tokio::spawn(async move { this.pull_configuration().await });
                    return;
                }
                lock(&self.workspace).set_editor_settings(settings);
                self.reload_settings();
            }
            "workspace/didChangeWatchedFiles" => {
                let Ok(p) = DidChangeWatchedFilesParams::deserialize(params) else {
                    return;
                };
                for c in &p.changes {
                    if let Some(path) = file_path(&c.uri) {
                        self.reindex(path, c.typ == FileChangeType::DELETED);
                    }
                }
                let relevant = {
                    let ws = lock(&self.workspace);
                    p.changes
                        .iter()
                        .filter_map(|c| file_path(&c.uri))
                        .any(|p| ws.is_project_file(&p))
                };
                if relevant {
                    self.reload_settings();
                }
            }
            "workspace/didChangeWorkspaceFolders" => {
                let Ok(p) = DidChangeWorkspaceFoldersParams::deserialize(params) else {
                    return;
                };
                {
                    let mut ws = lock(&self.workspace);
                    for f in p.event.removed.iter().filter_map(|f| file_path(&f.uri)) {
                        ws.remove_folder(&f);
                    }
                    for f in p.event.added.iter().filter_map(|f| file_path(&f.uri)) {
                        ws.add_folder(f);
                    }
                }
                self.reload_settings();
            }
            _ => {}
        }
    }

    /// `field` of an open document.
    fn open_doc<T>(&self, uri: &Uri, field: impl FnOnce(&Document) -> T) -> Option<T> {
        lock(&self.docs).get(uri).filter(|d| d.open).map(field)
    }

    fn generation_of(&self, uri: &Uri) -> Option<u64> {
        self.open_doc(uri, |d| d.generation)
    }

    fn text_generation_of(&self, uri: &Uri) -> Option<u64> {
        self.open_doc(uri, |d| d.text_generation)
    }

    fn doc_lock(&self, uri: &Uri) -> Option<Arc<tokio::sync::Mutex<()>>> {
        lock(&self.docs).get(uri).map(|d| d.lock.clone())
    }

    /// The analysis of an open document's current text, computing it if needed. Inside a
    /// request about this document, notes when the text analysed is not the one the request
    /// was sent for (see [`RequestDoc`]).
    pub async fn snapshot(&self, uri: &Uri) -> Option<Arc<Snapshot>> {
        let snap = self.current_snapshot(uri).await;
        let _ = REQUEST_DOC.try_with(|r| {
            if &r.uri == uri && snap.as_ref().map(|s| s.text_generation) != r.text_generation {
                r.stale.store(true, Ordering::SeqCst);
            }
        });
        snap
    }

    async fn current_snapshot(&self, uri: &Uri) -> Option<Arc<Snapshot>> {
        let doc_lock = {
            let docs = lock(&self.docs);
            let d = docs.get(uri).filter(|d| d.open)?;
            if let Some(s) = d.snapshot.as_ref().filter(|s| d.is_current(s)) {
                return Some(s.clone());
            }
            d.lock.clone()
        };
        let _guard = doc_lock.lock().await;
        loop {
            match self.snapshot_locked(uri).await {
                Analysed::Current(s) => return Some(s),
                Analysed::Nothing => return None,
                // The text changed under the analysis: the request wants the newest.
                Analysed::Cancelled => continue,
            }
        }
    }

    /// [`snapshot`](Self::snapshot) with the document's lock held, once: an analysis that
    /// goes stale while it runs is abandoned.
    async fn snapshot_locked(&self, uri: &Uri) -> Analysed {
        let settings = self.settings_for(uri);
        let job = {
            let docs = lock(&self.docs);
            let Some(d) = docs.get(uri).filter(|d| d.open) else {
                return Analysed::Nothing;
            };
            if let Some(s) = d.snapshot.as_ref().filter(|s| d.is_current(s)) {
                return Analysed::Current(s.clone());
            }
            d.job(uri, settings)
        };
        let Ok(permit) = self.slots.acquire().await else {
            return Analysed::Nothing;
        };
        let started = std::time::Instant::now();
        let (version, generation) = (job.version, job.generation);
        let hold = self.hold.clone();
        let snap = match tokio::task::spawn_blocking(move || job.run_unless_stale(hold.as_deref()))
            .await
        {
            Ok(Some(s)) => Arc::new(s),
            Ok(None) => {
                self.cancelled.fetch_add(1, Ordering::SeqCst);
                tracing::debug!(
                    "abandoned the analysis of {} version {version} (generation {generation}) after {:?}: the text changed",
                    uri.as_str(),
                    started.elapsed()
                );
                return Analysed::Cancelled;
            }
            Err(e) => {
                tracing::error!("analysis task failed: {e}");
                return Analysed::Nothing;
            }
        };
        drop(permit);
        tracing::debug!(
            "analysed {} version {} ({} bytes) in {:?}",
            uri.as_str(),
            snap.version,
            snap.text.len(),
            started.elapsed()
        );
        let replaced = match lock(&self.docs).get_mut(uri) {
            Some(d)
                if d.snapshot
                    .as_ref()
                    .is_none_or(|s| s.generation < snap.generation) =>
            {
                d.keep(snap.clone())
            }
            _ => None,
        };
        free_off_the_async_threads(replaced, snap.text.len());
        Analysed::Current(snap)
    }

    /// A hover answered at once from the latest finished analysis, even one of an older text:
    /// the position is mapped through the edits made since, and so is the hover's range.
    /// `None` when there is no analysis yet or the position is in text typed since; `Some(None)`
    /// when nothing is there to show.
    fn hover_from_latest(&self, uri: &Uri, pos: Position, enc: Encoding) -> Option<Option<Hover>> {
        let docs = lock(&self.docs);
        let d = docs.get(uri).filter(|d| d.open)?;
        let snap = d.snapshot.clone()?;
        // The position is in the text the request was sent for: when that is gone, the
        // request is answered ContentModified.
        let sent_for_another = REQUEST_DOC
            .try_with(|r| {
                let other = &r.uri == uri && r.text_generation != Some(d.text_generation);
                if other {
                    r.stale.store(true, Ordering::SeqCst);
                }
                other
            })
            .unwrap_or(false);
        if sent_for_another {
            return Some(None);
        }
        let current = d.view(enc);
        let Some(offset) = current.offset_strict(pos) else {
            return Some(None);
        };
        // Text typed since the analysis waits for the analysis of it.
        let offset = d.offset_in(&snap, offset)?;
        let Some(mut h) = hover::hover(&snap, offset, enc) else {
            return Some(None);
        };
        if !d.is_current(&snap) {
            h.range = h.range.and_then(|r| {
                let old = snap.view(enc).span(r);
                let start = d.offset_from(&snap, old.start)?;
                let end = d.offset_from(&snap, old.end)?;
                Some(current.range(Span::new(start, end.max(start))))
            });
        }
        Some(Some(h))
    }

    /// Analyse after `delay` unless the document changed meanwhile, then publish.
    fn schedule(self: &Arc<Self>, uri: Uri, delay: Duration) {
        let Some(generation) = self.generation_of(&uri) else {
            return;
        };
        let this = self.clone();
        tokio::spawn(async move {
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
                if this.generation_of(&uri) != Some(generation) {
                    return;
                }
            }
            this.refresh(&uri).await;
        });
    }

    /// Analyse the current text if needed and push its diagnostics, unless they are stale or
    /// already published, or the client pulls them.
    async fn refresh(&self, uri: &Uri) {
        let Some(doc_lock) = self.doc_lock(uri) else {
            return;
        };
        let _guard = doc_lock.lock().await;
        // A cancelled analysis has a newer generation to publish, scheduled by its change.
        let Analysed::Current(snap) = self.snapshot_locked(uri).await else {
            return;
        };
        let session = self.session();
        if session.pull_diagnostics {
            return;
        }
        // After a burst of changes every change's refresh finds the one analysis of the last
        // text: only the first publishes, the others must not build its diagnostics again
        // (milliseconds each on the async workers, which hovers then wait behind).
        if !self.unpublished(uri, &snap) {
            return;
        }
        self.diagnostics_built.fetch_add(1, Ordering::SeqCst);
        let diags = diagnostics::diagnostics(&snap, session.enc);
        {
            let mut docs = lock(&self.docs);
            let Some(d) = docs.get_mut(uri) else { return };
            if !d.open || !d.is_current(&snap) || d.published >= Some(snap.generation) {
                return;
            }
            d.published = Some(snap.generation);
        }
        self.client
            .send_notification::<diagnostics::PublishDiagnostics>(diagnostics::PublishParams {
                uri: uri.clone(),
                diagnostics: diags,
                version: Some(snap.version),
            })
            .await;
    }

    /// Whether `snap` is the open document's current analysis and its diagnostics are not
    /// published yet.
    fn unpublished(&self, uri: &Uri, snap: &Snapshot) -> bool {
        lock(&self.docs)
            .get(uri)
            .is_some_and(|d| d.open && d.is_current(snap) && d.published < Some(snap.generation))
    }

    /// Forget a closed document and clear its diagnostics, unless it was reopened.
    async fn close(&self, uri: &Uri) {
        let Some(doc_lock) = self.doc_lock(uri) else {
            return;
        };
        let _guard = doc_lock.lock().await;
        {
            let mut docs = lock(&self.docs);
            match docs.get(uri) {
                Some(d) if !d.open => {
                    let text_bytes = d.text.len();
                    free_off_the_async_threads(docs.remove(uri), text_bytes);
                    lock(&self.sent_tokens).remove(uri);
                }
                _ => return,
            }
        }
        if !self.session().pull_diagnostics {
            self.client
                .publish_diagnostics(uri.clone(), Vec::new(), None)
                .await;
        }
    }

    /// Re-read settings and re-analyse every open document; show new warnings. Synchronous,
    /// so a request handled after a settings change sees the new settings.
    fn reload_settings(self: &Arc<Self>) {
        let warnings = lock(&self.workspace).reload();
        self.rebuild_index();
        let this = self.clone();
        tokio::spawn(async move { this.show_warnings(warnings).await });
        let uris: Vec<Uri> = {
            let mut docs = lock(&self.docs);
            docs.iter_mut()
                .filter(|(_, d)| d.open)
                .map(|(u, d)| {
                    d.set_generation(self.next_generation());
                    u.clone()
                })
                .collect()
        };
        for uri in uris {
            self.schedule(uri, Duration::ZERO);
        }
        // Ask the client to pull again what depends on settings; off this task, as these are
        // requests to the client.
        let session = self.session();
        let client = self.client.clone();
        tokio::spawn(async move {
            if session.pull_diagnostics {
                let _ = client.workspace_diagnostic_refresh().await;
            }
            if session.inlay_hint_refresh {
                let _ = client.inlay_hint_refresh().await;
            }
            if session.semantic_tokens_refresh {
                let _ = client.semantic_tokens_refresh().await;
            }
            if session.code_lens_refresh {
                let _ = client.code_lens_refresh().await;
            }
        });
    }

    /// What the workspace index reads: each folder with its settings.
    fn index_scopes(&self) -> Vec<index::FolderScope> {
        let ws = lock(&self.workspace);
        ws.folders()
            .iter()
            .map(|f| index::FolderScope {
                root: f.clone(),
                settings: ws.for_path(Some(f)),
            })
            .collect()
    }

    /// Watcher patterns for the files the index reads (every folder's `indexGlobs`).
    fn settings_for_folders_globs(&self) -> Vec<String> {
        let mut globs: Vec<String> = self
            .index_scopes()
            .iter()
            .filter(|s| s.settings.settings.workspace_index)
            .flat_map(|s| s.settings.settings.index_globs.clone())
            .map(|g| format!("**/{}", g.trim_start_matches('/').trim_start_matches("**/")))
            .collect();
        globs.sort();
        globs.dedup();
        globs
    }

    /// (Re)build the workspace index in the background; a build still running is abandoned.
    fn rebuild_index(self: &Arc<Self>) {
        if !self.initialized.load(Ordering::SeqCst) {
            return;
        }
        let scopes = self.index_scopes();
        let enc = self.session().enc;
        tokio::spawn(index::build(self.clone(), scopes, enc));
    }

    /// A file the client reports created, changed or deleted: bring its index entry up to date.
    fn reindex(self: &Arc<Self>, path: PathBuf, deleted: bool) {
        if deleted {
            self.index.remove(&path);
            return;
        }
        let scope = self
            .index_scopes()
            .into_iter()
            .filter(|s| path.starts_with(&s.root))
            .max_by_key(|s| s.root.as_os_str().len());
        let enc = self.session().enc;
        let this = self.clone();
        tokio::task::spawn_blocking(move || this.index.refresh(scope.as_ref(), &path, enc));
    }

    /// Occurrences of the speaker at `offset` in the other open documents and in the indexed
    /// files that are not open: the same name, anywhere in the workspace.
    async fn references_elsewhere(&self, snap: &Snapshot, offset: usize) -> Vec<Location> {
        let a = snap.analysis();
        let Some((e, _)) = navigate::speaker_at(a, offset) else {
            return Vec::new();
        };
        if a.entities[e].introduction.is_none() {
            return Vec::new(); // an unnamed speaker ("the spokeswoman") is this story's own
        }
        let key = crate::analysis::name_key(&a.entities[e].name);
        let enc = self.session().enc;
        let open = self.open_uris();
        let mut out = Vec::new();
        for uri in open.iter().filter(|u| **u != snap.uri) {
            if let Some(other) = self.snapshot(uri).await {
                index::IndexedFile::of_snapshot(&other, enc).references(&key, &mut out);
            }
        }
        for f in self.index.files_except(&open) {
            f.references(&key, &mut out);
        }
        out
    }

    async fn show_warnings(&self, warnings: Vec<String>) {
        for w in warnings {
            tracing::warn!("{w}");
            self.client
                .show_message(MessageType::WARNING, format!("quotelens settings: {w}"))
                .await;
        }
    }

    /// Ask the client for the `quotelens` settings section (workspace/configuration).
    async fn pull_configuration(self: &Arc<Self>) {
        let items = vec![ConfigurationItem {
            scope_uri: None,
            section: Some("quotelens".into()),
        }];
        match self.client.configuration(items).await {
            Ok(values) => {
                if let Some(v) = values.into_iter().next().filter(|v| !v.is_null()) {
                    lock(&self.workspace).set_editor_settings(own_section(v));
                    self.reload_settings();
                }
            }
            Err(e) => tracing::debug!("workspace/configuration failed: {e}"),
        }
    }

    fn capabilities(&self, session: &Session) -> ServerCapabilities {
        ServerCapabilities {
            position_encoding: Some(encoding_kind(session.enc)),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            document_symbol_provider: Some(OneOf::Left(true)),
            workspace_symbol_provider: Some(OneOf::Left(true)),
            inlay_hint_provider: Some(OneOf::Left(true)),
            semantic_tokens_provider: Some(
                SemanticTokensServerCapabilities::SemanticTokensOptions(SemanticTokensOptions {
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                    legend: tokens::legend(),
                    range: Some(true),
                    full: Some(SemanticTokensFullOptions::Delta { delta: Some(true) }),
                }),
            ),
            definition_provider: Some(OneOf::Left(true)),
            references_provider: Some(OneOf::Left(true)),
            document_highlight_provider: Some(OneOf::Left(true)),
            // RenameOptions only for clients that said they can prepare a rename.
            rename_provider: Some(if session.prepare_rename {
                OneOf::Right(RenameOptions {
                    prepare_provider: Some(true),
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                })
            } else {
                OneOf::Left(true)
            }),
            code_lens_provider: Some(CodeLensOptions {
                resolve_provider: Some(false),
            }),
            // Fixes are CodeAction literals; a client that only runs commands gets none.
            code_action_provider: session.code_action_literals.then(|| {
                CodeActionProviderCapability::Options(CodeActionOptions {
                    code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                    resolve_provider: Some(false),
                })
            }),
            diagnostic_provider: session.pull_diagnostics.then(|| {
                DiagnosticServerCapabilities::Options(DiagnosticOptions {
                    identifier: Some("quotelens".into()),
                    inter_file_dependencies: false,
                    workspace_diagnostics: false,
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                })
            }),
            workspace: Some(WorkspaceServerCapabilities {
                workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                    supported: Some(true),
                    change_notifications: Some(OneOf::Left(true)),
                }),
                file_operations: None,
            }),
            experimental: Some(json!({
                "quotelens": {"requests": [ANALYSIS_REQUEST, DOCUMENT_REQUEST]}
            })),
            ..ServerCapabilities::default()
        }
    }

    /// The snapshot and byte offset of a position in an open document (None when the document
    /// is not open or the position is outside it).
    async fn at(&self, uri: &Uri, pos: Position) -> Option<(Arc<Snapshot>, usize, Encoding)> {
        let snap = self.snapshot(uri).await?;
        let enc = self.session().enc;
        let offset = snap.view(enc).offset_strict(pos)?;
        Some((snap, offset, enc))
    }

    /// Edits to one document as a WorkspaceEdit: versioned when the client supports it, so
    /// it refuses edits made for a text that has changed since.
    fn workspace_edit(&self, snap: &Snapshot, edits: Vec<TextEdit>) -> WorkspaceEdit {
        if self.session().document_changes {
            WorkspaceEdit {
                document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                    text_document: OptionalVersionedTextDocumentIdentifier {
                        uri: snap.uri.clone(),
                        version: Some(snap.version),
                    },
                    edits: edits.into_iter().map(OneOf::Left).collect(),
                }])),
                ..WorkspaceEdit::default()
            }
        } else {
            WorkspaceEdit {
                changes: Some(HashMap::from([(snap.uri.clone(), edits)])),
                ..WorkspaceEdit::default()
            }
        }
    }

    fn open_uris(&self) -> Vec<Uri> {
        let mut uris: Vec<Uri> = lock(&self.docs)
            .iter()
            .filter(|(_, d)| d.open)
            .map(|(u, _)| u.clone())
            .collect();
        uris.sort();
        uris
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = &params.capabilities;
        let diagnostic_refresh = caps
            .workspace
            .as_ref()
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false);
        let session = Session {
            enc: negotiate(caps),
            // Diagnostics depend on the settings too: a client that pulls but cannot be asked
            // to pull again (Neovim 0.11) would keep those of the old settings, so it gets
            // pushes, which follow every change.
            pull_diagnostics: diagnostic_refresh
                && caps
                    .text_document
                    .as_ref()
                    .is_some_and(|t| t.diagnostic.is_some()),
            configuration: caps
                .workspace
                .as_ref()
                .and_then(|w| w.configuration)
                .unwrap_or(false),
            watch_files: caps
                .workspace
                .as_ref()
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            prepare_rename: caps
                .text_document
                .as_ref()
                .and_then(|t| t.rename.as_ref())
                .and_then(|r| r.prepare_support)
                .unwrap_or(false),
            code_action_literals: caps
                .text_document
                .as_ref()
                .and_then(|t| t.code_action.as_ref())
                .is_some_and(|c| c.code_action_literal_support.is_some()),
            document_changes: caps
                .workspace
                .as_ref()
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.document_changes)
                .unwrap_or(false),
            inlay_hint_refresh: caps
                .workspace
                .as_ref()
                .and_then(|w| w.inlay_hint.as_ref())
                .and_then(|i| i.refresh_support)
                .unwrap_or(false),
            semantic_tokens_refresh: caps
                .workspace
                .as_ref()
                .and_then(|w| w.semantic_tokens.as_ref())
                .and_then(|i| i.refresh_support)
                .unwrap_or(false),
            code_lens_refresh: caps
                .workspace
                .as_ref()
                .and_then(|w| w.code_lens.as_ref())
                .and_then(|i| i.refresh_support)
                .unwrap_or(false),
            work_done_progress: caps
                .window
                .as_ref()
                .and_then(|w| w.work_done_progress)
                .unwrap_or(false),
        };
        log::set_trace(params.trace.unwrap_or(TraceValue::Off));
        if let Some(pid) = params.process_id {
            self.0.watch_client_process(pid);
        }
        #[allow(deprecated)] // root_uri is the fallback for clients without workspace folders
        let folders: Vec<PathBuf> = match &params.workspace_folders {
            Some(f) if !f.is_empty() => f.iter().filter_map(|f| file_path(&f.uri)).collect(),
            _ => params.root_uri.iter().filter_map(file_path).collect(),
        };
        let warnings = {
            let mut ws = lock(&self.0.workspace);
            ws.set_folders(folders);
            ws.set_init_options(own_section(
                params.initialization_options.clone().unwrap_or(Value::Null),
            ));
            ws.reload()
        };
        *lock(&self.0.pending_warnings) = warnings;
        let result = InitializeResult {
            capabilities: self.0.capabilities(&session),
            server_info: Some(ServerInfo {
                name: "quotelens".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: None,
        };
        tracing::info!(
            "initialized for {} (positions in {:?}, diagnostics {})",
            params
                .client_info
                .as_ref()
                .map_or("an unnamed client", |c| c.name.as_str()),
            session.enc,
            if session.pull_diagnostics {
                "pulled"
            } else {
                "pushed"
            }
        );
        *self.0.session.write().unwrap_or_else(|e| e.into_inner()) = session;
        self.0.initialized.store(true, Ordering::SeqCst);
        Ok(result)
    }

    async fn initialized(&self, _: InitializedParams) {
        let warnings = std::mem::take(&mut *lock(&self.0.pending_warnings));
        self.0.show_warnings(warnings).await;
        let session = self.0.session();
        let this = self.0.clone();
        tokio::spawn(async move {
            if session.watch_files {
                let globs = this.settings_for_folders_globs();
                let options = DidChangeWatchedFilesRegistrationOptions {
                    watchers: std::iter::once(format!("**/{}", crate::config::PROJECT_FILE))
                        .chain(globs)
                        .map(|g| FileSystemWatcher {
                            glob_pattern: GlobPattern::String(g),
                            kind: None,
                        })
                        .collect(),
                };
                let registration = Registration {
                    id: "quotelens-project-file".into(),
                    method: "workspace/didChangeWatchedFiles".into(),
                    register_options: serde_json::to_value(options).ok(),
                };
                if let Err(e) = this.client.register_capability(vec![registration]).await {
                    tracing::debug!("could not watch {}: {e}", crate::config::PROJECT_FILE);
                }
            }
            if session.configuration {
                this.pull_configuration().await;
            }
        });
        self.0.rebuild_index();
    }

    async fn shutdown(&self) -> Result<()> {
        self.0.shut_down.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        self.0.schedule(params.text_document.uri, Duration::ZERO);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let debounce = self.0.settings_for(&uri).settings.debounce_ms;
        self.0.schedule(uri, Duration::from_millis(debounce));
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let this = self.0.clone();
        tokio::spawn(async move { this.close(&params.text_document.uri).await });
    }

    // Settings notifications are applied when read, in order: see `Server::sync_settings`.
    async fn did_change_configuration(&self, _: DidChangeConfigurationParams) {}

    async fn did_change_watched_files(&self, _: DidChangeWatchedFilesParams) {}

    async fn did_change_workspace_folders(&self, _: DidChangeWorkspaceFoldersParams) {}

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let enc = self.0.session().enc;
        if let Some(answer) = self
            .0
            .hover_from_latest(&p.text_document.uri, p.position, enc)
        {
            return Ok(answer);
        }
        let Some(snap) = self.0.snapshot(&p.text_document.uri).await else {
            return Ok(None);
        };
        let Some(offset) = snap.view(enc).offset_strict(p.position) else {
            return Ok(None);
        };
        Ok(hover::hover(&snap, offset, enc))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(snap) = self.0.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        let symbols = symbols::document_symbols(&snap, self.0.session().enc);
        Ok(Some(DocumentSymbolResponse::Nested(symbols)))
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let enc = self.0.session().enc;
        let mut out = Vec::new();
        for uri in self.0.open_uris() {
            if let Some(snap) = self.0.snapshot(&uri).await {
                out.extend(symbols::workspace_symbols(&snap, &params.query, enc));
            }
            if out.len() >= MAX_WORKSPACE_SYMBOLS {
                break;
            }
        }
        // Files that are not open, from the workspace index.
        for f in self.0.index.files_except(&self.0.open_uris()) {
            if out.len() >= MAX_WORKSPACE_SYMBOLS {
                break;
            }
            f.symbols(&params.query, &mut out);
        }
        out.truncate(MAX_WORKSPACE_SYMBOLS);
        Ok(Some(WorkspaceSymbolResponse::Flat(out)))
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let Some(snap) = self.0.snapshot(&params.text_document.uri).await else {
            return Err(request_failed("the document is not open"));
        };
        let result_id = snap.generation.to_string();
        let report = if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
            DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                related_documents: None,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                    result_id,
                },
            })
        } else {
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some(result_id),
                    items: diagnostics::diagnostics(&snap, self.0.session().enc)
                        .into_iter()
                        .map(diagnostics::Published::into_lsp)
                        .collect(),
                },
            })
        };
        Ok(DocumentDiagnosticReportResult::Report(report))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some(snap) = self.0.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        let enc = self.0.session().enc;
        let within = snap.view(enc).span(params.range);
        Ok(Some(inlay::inlay_hints(&snap, within, enc)))
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        let uri = params.text_document.uri;
        let Some(snap) = self.0.snapshot(&uri).await else {
            return Ok(None);
        };
        let data =
            tokens::semantic_tokens(&snap, Span::new(0, snap.text.len()), self.0.session().enc);
        let result_id = snap.generation.to_string();
        lock(&self.0.sent_tokens).insert(uri, (result_id.clone(), data.clone()));
        Ok(Some(SemanticTokensResult::Tokens(SemanticTokens {
            result_id: Some(result_id),
            data,
        })))
    }

    async fn semantic_tokens_full_delta(
        &self,
        params: SemanticTokensDeltaParams,
    ) -> Result<Option<SemanticTokensFullDeltaResult>> {
        let uri = params.text_document.uri;
        let Some(snap) = self.0.snapshot(&uri).await else {
            return Ok(None);
        };
        let data =
            tokens::semantic_tokens(&snap, Span::new(0, snap.text.len()), self.0.session().enc);
        let result_id = snap.generation.to_string();
        let previous = lock(&self.0.sent_tokens).insert(uri, (result_id.clone(), data.clone()));
        Ok(Some(match previous {
            Some((id, old)) if id == params.previous_result_id => {
                SemanticTokensFullDeltaResult::TokensDelta(SemanticTokensDelta {
                    result_id: Some(result_id),
                    edits: tokens::delta(&old, &data),
                })
            }
            _ => SemanticTokensFullDeltaResult::Tokens(SemanticTokens {
                result_id: Some(result_id),
                data,
            }),
        }))
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        let Some(snap) = self.0.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        let enc = self.0.session().enc;
        let within = snap.view(enc).span(params.range);
        Ok(Some(SemanticTokensRangeResult::Tokens(SemanticTokens {
            result_id: None,
            data: tokens::semantic_tokens(&snap, within, enc),
        })))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        let Some((snap, offset, enc)) = self.0.at(&p.text_document.uri, p.position).await else {
            return Ok(None);
        };
        Ok(navigate::definition(&snap, offset, enc).map(GotoDefinitionResponse::Scalar))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let p = params.text_document_position;
        let Some((snap, offset, enc)) = self.0.at(&p.text_document.uri, p.position).await else {
            return Ok(None);
        };
        let Some(mut here) =
            navigate::references(&snap, offset, params.context.include_declaration, enc)
        else {
            return Ok(None);
        };
        here.extend(self.0.references_elsewhere(&snap, offset).await);
        Ok(Some(here))
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        let p = params.text_document_position_params;
        let Some((snap, offset, enc)) = self.0.at(&p.text_document.uri, p.position).await else {
            return Ok(None);
        };
        Ok(navigate::highlights(&snap, offset, enc))
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let Some((snap, offset, enc)) = self.0.at(&params.text_document.uri, params.position).await
        else {
            return Ok(None);
        };
        let (_, m) = navigate::rename_target(&snap, offset).map_err(request_failed)?;
        let name = snap.analysis().mentions[m].name;
        Ok(Some(PrepareRenameResponse::RangeWithPlaceholder {
            range: snap.view(enc).range(name),
            placeholder: name.text(&snap.text).to_string(),
        }))
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let p = params.text_document_position;
        let Some((snap, offset, enc)) = self.0.at(&p.text_document.uri, p.position).await else {
            return Ok(None);
        };
        let (e, m) = navigate::rename_target(&snap, offset).map_err(request_failed)?;
        let edits =
            navigate::rename_edits(&snap, e, m, &params.new_name).map_err(request_failed)?;
        let view = snap.view(enc);
        let edits = edits
            .into_iter()
            .map(|(span, new_text)| TextEdit::new(view.range(span), new_text))
            .collect();
        Ok(Some(self.0.workspace_edit(&snap, edits)))
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let Some(snap) = self.0.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        Ok(Some(navigate::code_lenses(&snap, self.0.session().enc)))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some(snap) = self.0.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        if let Some(only) = &params.context.only
            && !only.iter().any(|k| k.as_str().starts_with("quickfix"))
        {
            return Ok(Some(Vec::new()));
        }
        let enc = self.0.session().enc;
        let mut actions = Vec::new();
        for d in &params.context.diagnostics {
            if d.source.as_deref() != Some(diagnostics::SOURCE) {
                continue;
            }
            for (i, fix) in actions::fixes_for(&snap, d, enc).into_iter().enumerate() {
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix.title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![d.clone()]),
                    edit: Some(self.0.workspace_edit(&snap, fix.edits)),
                    is_preferred: Some(i == 0 && !fix.ignore),
                    ..CodeAction::default()
                }));
            }
        }
        Ok(Some(actions))
    }
}

impl Backend {
    /// `quotelens/analysis`: the object `quotelens extract --format json` prints for the file.
    pub async fn analysis_request(&self, params: DocumentParams) -> Result<Value> {
        let uri = params.text_document.uri;
        let snap = self
            .0
            .snapshot(&uri)
            .await
            .ok_or_else(|| request_failed(format!("{} is not open", uri.as_str())))?;
        match &snap.outcome {
            Outcome::Analysed(a) => {
                let path = file_path(&uri)
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| uri.as_str().to_string());
                Ok(analysis_json(&path, &snap.text, a))
            }
            Outcome::NotAnalysed => Err(request_failed(
                "this document's language is not in the `languages` setting",
            )),
            Outcome::TooLarge { size, limit } => Err(request_failed(format!(
                "this document is {size} bytes, over the maxFileSize limit of {limit}"
            ))),
            Outcome::Failed => Err(request_failed("the analysis of this document failed")),
        }
    }

    /// `quotelens/debug/document`: the server's copy of a document, to check it matches the
    /// client's.
    pub async fn document_request(&self, params: DocumentParams) -> Result<Value> {
        let uri = params.text_document.uri;
        let docs = lock(&self.0.docs);
        let d = docs
            .get(&uri)
            .filter(|d| d.open)
            .ok_or_else(|| request_failed(format!("{} is not open", uri.as_str())))?;
        Ok(json!({
            "uri": uri.as_str(),
            "languageId": d.language_id,
            "version": d.version,
            "text": d.text,
            "analysedVersion": d.snapshot.as_ref().filter(|s| d.is_current(s)).map(|s| s.version),
            "cancelledAnalyses": self.0.cancelled.load(Ordering::SeqCst),
            "diagnosticsBuilt": self.0.diagnostics_built.load(Ordering::SeqCst),
            "heldAnalyses": self.0.hold.as_ref().map(|h| h.waiting.load(Ordering::SeqCst)),
        }))
    }

    /// `quotelens/debug/holdAnalyses` (test hook): hold analyses at their first check, or
    /// release them.
    pub async fn hold_request(&self, params: HoldParams) -> Result<Value> {
        if let Some(h) = &self.0.hold {
            h.on.store(params.hold, Ordering::SeqCst);
        }
        Ok(Value::Null)
    }

    /// `quotelens/debug/panic` (test hook): panics, to show a handler's panic is answered.
    pub async fn panic_request(&self) -> Result<Value> {
        panic!("{PANIC_REQUEST} was called (a test hook)");
    }

    /// `quotelens/debug/sleep` (test hook): answers null after `ms` milliseconds.
    pub async fn sleep_request(&self, params: SleepParams) -> Result<Value> {
        tokio::time::sleep(Duration::from_millis(params.ms.min(60_000))).await;
        Ok(Value::Null)
    }

    /// `$/setTrace`: the level of window/logMessage.
    pub async fn set_trace(&self, params: SetTraceParams) {
        log::set_trace(params.value);
    }
}
