//! The workspace index: every prose file under the workspace folders, analysed in the
//! background, so workspace/symbol and references reach stories that are not open ("every
//! story that quotes this person").
//!
//! Which files: those matching the `indexGlobs` setting (Markdown and text by default) that the
//! folder's `.gitignore` / `.ignore` files do not exclude, no larger than `maxFileSize`, and
//! really inside the folder: symbolic links are never followed and a file whose real path
//! leaves the folder is never read. The index keeps a small summary per file (speakers, their
//! quotes and mentions as LSP ranges), not the text.

use super::convert::View;
use super::documents::Snapshot;
use super::present::{first_words, is_shown_speech, short_name};
use super::symbols::{QUOTE_KIND, SPEAKER_KIND, matches_query};
use super::workspace::Resolved;
use crate::analysis::{Analysis, Format, analyze, name_key};
use crate::position::{Encoding, LineIndex};
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tower_lsp_server::ls_types::{Location, Range, SymbolInformation, Uri};

/// Words of a quote shown as its symbol name (as in document symbols).
const NAME_WORDS: usize = 6;

/// A quotation of an indexed speaker.
#[derive(Clone, Debug)]
pub struct IndexedQuote {
    pub range: Range,
    /// Its first words, the name of its symbol.
    pub words: String,
}

/// A named speaker of an indexed file.
#[derive(Clone, Debug)]
pub struct IndexedSpeaker {
    pub name: String,
    /// The name as matched across files (lowercase words, no possessive).
    pub key: String,
    /// The short name quotes are listed under.
    pub short: String,
    /// Where the speaker is introduced.
    pub introduction: Range,
    pub mentions: Vec<Range>,
    pub quotes: Vec<IndexedQuote>,
}

/// What the index keeps of one file.
#[derive(Clone, Debug)]
pub struct IndexedFile {
    pub uri: Uri,
    pub speakers: Vec<IndexedSpeaker>,
}

impl IndexedFile {
    /// The named speakers of an analysis who are quoted, with positions in `enc`.
    pub fn summarise(
        uri: Uri,
        text: &str,
        lines: &LineIndex,
        analysis: &Analysis,
        settings: &crate::config::Settings,
        enc: Encoding,
    ) -> IndexedFile {
        let view = View { text, lines, enc };
        let speakers = analysis
            .entities
            .iter()
            .filter_map(|e| {
                // Only speakers the text names: "the spokeswoman" of one story is not the
                // spokeswoman of another.
                let intro = e.introduction?;
                let quotes: Vec<IndexedQuote> = e
                    .quotes
                    .iter()
                    .map(|&q| &analysis.quotes[q])
                    .filter(|q| is_shown_speech(q, settings))
                    .map(|q| IndexedQuote {
                        range: view.range(q.span),
                        words: first_words(text, q, NAME_WORDS),
                    })
                    .collect();
                if quotes.is_empty() {
                    return None;
                }
                Some(IndexedSpeaker {
                    name: e.name.clone(),
                    key: name_key(&e.name),
                    short: short_name(e).to_string(),
                    introduction: view.range(analysis.mentions[intro].span),
                    mentions: e
                        .mentions
                        .iter()
                        .map(|&m| view.range(analysis.mentions[m].span))
                        .collect(),
                    quotes,
                })
            })
            .collect();
        IndexedFile { uri, speakers }
    }

    /// An open document's analysis, summarised the same way.
    pub fn of_snapshot(snap: &Snapshot, enc: Encoding) -> IndexedFile {
        IndexedFile::summarise(
            snap.uri.clone(),
            &snap.text,
            &snap.lines,
            snap.analysis(),
            &snap.settings.settings,
            enc,
        )
    }

    /// Speakers and quotes whose names hold the query's letters in order.
    #[allow(deprecated)] // `deprecated` is a required field of the LSP type
    pub fn symbols(&self, query: &str, out: &mut Vec<SymbolInformation>) {
        for s in &self.speakers {
            if matches_query(&s.name, query) {
                out.push(SymbolInformation {
                    name: s.name.clone(),
                    kind: SPEAKER_KIND,
                    tags: None,
                    deprecated: None,
                    location: Location::new(self.uri.clone(), s.introduction),
                    container_name: None,
                });
            }
            for q in &s.quotes {
                if matches_query(&q.words, query) {
                    out.push(SymbolInformation {
                        name: q.words.clone(),
                        kind: QUOTE_KIND,
                        tags: None,
                        deprecated: None,
                        location: Location::new(self.uri.clone(), q.range),
                        container_name: Some(s.short.clone()),
                    });
                }
            }
        }
    }

    /// Every mention and quote of the speakers called `key`.
    pub fn references(&self, key: &str, out: &mut Vec<Location>) {
        for s in self.speakers.iter().filter(|s| s.key == key) {
            let mut ranges: Vec<Range> = s
                .mentions
                .iter()
                .copied()
                .chain(s.quotes.iter().map(|q| q.range))
                .collect();
            ranges.sort_by_key(|r| (r.start.line, r.start.character));
            ranges.dedup();
            out.extend(
                ranges
                    .into_iter()
                    .map(|r| Location::new(self.uri.clone(), r)),
            );
        }
    }
}

/// The files the index reads for one workspace folder.
pub struct FolderScope {
    pub root: PathBuf,
    pub settings: Arc<Resolved>,
}

impl FolderScope {
    /// The `indexGlobs` of the folder, as a matcher of paths relative to it.
    fn globs(&self) -> Gitignore {
        let mut b = GitignoreBuilder::new(&self.root);
        for g in &self.settings.settings.index_globs {
            if let Err(e) = b.add_line(None, g) {
                tracing::warn!("indexGlobs: {g}: {e}");
            }
        }
        b.build().unwrap_or_else(|_| Gitignore::empty())
    }

    fn walker(&self, root: &Path) -> ignore::WalkBuilder {
        let mut w = ignore::WalkBuilder::new(root);
        // .gitignore applies whether or not the folder is a git repository; symbolic links
        // are never followed.
        w.require_git(false).follow_links(false);
        w
    }

    /// Every file under the folder the index should read, in path order.
    pub fn files(&self) -> Vec<PathBuf> {
        let globs = self.globs();
        let mut out: Vec<PathBuf> = self
            .walker(&self.root)
            .build()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
            .map(ignore::DirEntry::into_path)
            .filter(|p| self.selects(&globs, p))
            .collect();
        out.sort();
        out
    }

    fn selects(&self, globs: &Gitignore, path: &Path) -> bool {
        path.strip_prefix(&self.root)
            .is_ok_and(|rel| globs.matched(rel, false).is_ignore())
    }

    /// Whether a file (one the client reports changed) is one the index reads: inside the
    /// folder, matching the globs and not excluded by an ignore file.
    pub fn accepts(&self, path: &Path) -> bool {
        if !path.starts_with(&self.root) || !self.selects(&self.globs(), path) {
            return false;
        }
        // Walk from the folder down the file's own directories only, so every ignore rule on
        // the way (a directory excluded by a parent's .gitignore too) applies as in a build.
        let target = path.to_path_buf();
        self.walker(&self.root)
            .filter_entry(move |e| target.starts_with(e.path()))
            .build()
            .filter_map(Result::ok)
            .any(|e| e.path() == path && e.file_type().is_some_and(|t| t.is_file()))
    }

    /// Read and analyse a file, refusing symbolic links, files whose real path is outside the
    /// folder and files over the size limit (checked before reading and while reading).
    pub fn index_file(&self, path: &Path, enc: Encoding) -> Option<IndexedFile> {
        let meta = std::fs::symlink_metadata(path).ok()?;
        let limit = self.settings.settings.max_file_size;
        if !meta.is_file() || meta.len() > limit as u64 {
            return None;
        }
        let root = self.root.canonicalize().ok()?;
        let real = path.canonicalize().ok()?;
        if !real.starts_with(&root) {
            return None;
        }
        let mut bytes = Vec::new();
        std::fs::File::open(&real)
            .ok()?
            .take(limit as u64 + 1)
            .read_to_end(&mut bytes)
            .ok()?;
        if bytes.len() > limit {
            return None;
        }
        let text = String::from_utf8(bytes).ok()?;
        let uri = Uri::from_file_path(path)?;
        let format = Format::guess(&path.to_string_lossy());
        let options = self.settings.options(format);
        let analysis = std::panic::catch_unwind(|| analyze(&text, options)).ok()?;
        let lines = LineIndex::new(&text);
        Some(IndexedFile::summarise(
            uri,
            &text,
            &lines,
            &analysis,
            &self.settings.settings,
            enc,
        ))
    }
}

/// How far the current build has got, for progress reports.
#[derive(Default)]
pub struct Progress {
    pub done: AtomicUsize,
    pub total: AtomicUsize,
}

/// The index: file summaries by path.
#[derive(Default)]
pub struct Index {
    files: Mutex<BTreeMap<PathBuf, Arc<IndexedFile>>>,
    /// Bumped by every rebuild; a build that is no longer the latest stops early.
    build: AtomicU64,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Index {
    /// Start a new build; returns its number.
    pub fn start_build(&self) -> u64 {
        self.build.fetch_add(1, Ordering::SeqCst) + 1
    }

    fn is_current(&self, build: u64) -> bool {
        self.build.load(Ordering::SeqCst) == build
    }

    /// Replace the index with every file of `scopes`, analysed in parallel on all cores.
    /// Blocking: run it off the async threads. Returns the number of files indexed, or `None`
    /// when a newer build replaced this one.
    pub fn rebuild(
        &self,
        build: u64,
        scopes: &[FolderScope],
        enc: Encoding,
        progress: &Progress,
    ) -> Option<usize> {
        let work: Vec<(usize, PathBuf)> = scopes
            .iter()
            .enumerate()
            .filter(|(_, s)| s.settings.settings.workspace_index)
            .flat_map(|(i, s)| s.files().into_iter().map(move |p| (i, p)))
            .collect();
        progress.total.store(work.len(), Ordering::SeqCst);
        let indexed: Vec<(PathBuf, IndexedFile)> = work
            .into_par_iter()
            .filter_map(|(i, path)| {
                if !self.is_current(build) {
                    return None;
                }
                let file = scopes[i].index_file(&path, enc);
                progress.done.fetch_add(1, Ordering::Relaxed);
                Some((path, file?))
            })
            .collect();
        if !self.is_current(build) {
            return None;
        }
        let n = indexed.len();
        *lock(&self.files) = indexed.into_iter().map(|(p, f)| (p, Arc::new(f))).collect();
        Some(n)
    }

    /// Re-read one file the client reports created or changed (or drop it when it is gone or
    /// no longer one the index reads).
    pub fn refresh(&self, scope: Option<&FolderScope>, path: &Path, enc: Encoding) {
        let file = scope
            .filter(|s| s.settings.settings.workspace_index && s.accepts(path))
            .and_then(|s| s.index_file(path, enc));
        let mut files = lock(&self.files);
        match file {
            Some(f) => {
                files.insert(path.to_path_buf(), Arc::new(f));
            }
            None => {
                files.remove(path);
            }
        }
    }

    pub fn remove(&self, path: &Path) {
        lock(&self.files).remove(path);
    }

    pub fn len(&self) -> usize {
        lock(&self.files).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The indexed files other than `skip` (documents open in the editor, answered from their
    /// live analysis instead).
    pub fn files_except(&self, skip: &[Uri]) -> Vec<Arc<IndexedFile>> {
        lock(&self.files)
            .values()
            .filter(|f| !skip.contains(&f.uri))
            .cloned()
            .collect()
    }
}

/// Build the index in the background on all cores, reporting work-done progress to the client
/// when it supports it.
pub async fn build(server: Arc<super::server::Server>, scopes: Vec<FolderScope>, enc: Encoding) {
    use tower_lsp_server::ls_types::{NumberOrString, ProgressToken};
    let build = server.index.start_build();
    let progress = Arc::new(Progress::default());
    let reporter = if server.session().work_done_progress {
        let token: ProgressToken = NumberOrString::String(format!("quotelens-index-{build}"));
        match server.client.create_work_done_progress(token.clone()).await {
            Ok(()) => Some(
                server
                    .client
                    .progress(token, "quotelens: indexing the workspace")
                    .with_message("listing files")
                    .with_percentage(0)
                    .begin()
                    .await,
            ),
            Err(e) => {
                tracing::debug!("no progress token: {e}");
                None
            }
        }
    } else {
        None
    };
    let started = std::time::Instant::now();
    let job = {
        let server = server.clone();
        let progress = progress.clone();
        tokio::task::spawn_blocking(move || server.index.rebuild(build, &scopes, enc, &progress))
    };
    tokio::pin!(job);
    let result = loop {
        tokio::select! {
            r = &mut job => break r,
            _ = tokio::time::sleep(std::time::Duration::from_millis(200)) => {
                if let Some(r) = &reporter {
                    let done = progress.done.load(Ordering::Relaxed);
                    let total = progress.total.load(Ordering::Relaxed);
                    let percent = (done * 100).checked_div(total).unwrap_or(0) as u32;
                    r.report_with_message(format!("{done}/{total} files"), percent).await;
                }
            }
        }
    };
    let message = match result {
        Ok(Some(n)) => {
            tracing::info!("indexed {n} files in {:?}", started.elapsed());
            format!("{n} files indexed")
        }
        Ok(None) => "superseded by a newer index".to_string(),
        Err(e) => {
            tracing::error!("indexing failed: {e}");
            "indexing failed".to_string()
        }
    };
    if let Some(r) = reporter {
        r.finish_with_message(message).await;
    }
}
