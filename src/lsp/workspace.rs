//! Settings as the server sees them: editor settings (initializationOptions, then
//! workspace/didChangeConfiguration) under each workspace folder's `quotelens.toml`, which wins.

use crate::analysis::{Format, Options};
use crate::config::{PROJECT_FILE, Settings};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Settings resolved for one folder, with the analysis options built from them once.
#[derive(Debug)]
pub struct Resolved {
    pub settings: Settings,
    plain: Options,
    markdown: Options,
}

impl Resolved {
    pub fn new(settings: Settings) -> Resolved {
        Resolved {
            plain: settings.options(Format::Plain),
            markdown: settings.options(Format::Markdown),
            settings,
        }
    }

    pub fn options(&self, format: Format) -> &Options {
        match format {
            Format::Plain => &self.plain,
            Format::Markdown => &self.markdown,
        }
    }
}

#[derive(Debug)]
pub struct Workspace {
    folders: Vec<PathBuf>,
    init_options: Value,
    editor: Value,
    /// Settings for documents outside every folder: editor settings only.
    outside: Arc<Resolved>,
    /// Per folder, longest path first so the innermost folder wins.
    inside: Vec<(PathBuf, Arc<Resolved>)>,
    /// Warnings already shown, so a reload does not repeat them.
    shown: BTreeSet<String>,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace {
            folders: Vec::new(),
            init_options: Value::Null,
            editor: Value::Null,
            outside: Arc::new(Resolved::new(Settings::default())),
            inside: Vec::new(),
            shown: BTreeSet::new(),
        }
    }
}

impl Workspace {
    pub fn set_folders(&mut self, folders: Vec<PathBuf>) {
        self.folders = folders;
    }

    pub fn add_folder(&mut self, folder: PathBuf) {
        if !self.folders.contains(&folder) {
            self.folders.push(folder);
        }
    }

    pub fn remove_folder(&mut self, folder: &Path) {
        self.folders.retain(|f| f != folder);
    }

    pub fn folders(&self) -> &[PathBuf] {
        &self.folders
    }

    pub fn set_init_options(&mut self, v: Value) {
        self.init_options = v;
    }

    pub fn set_editor_settings(&mut self, v: Value) {
        self.editor = v;
    }

    /// Rebuild every folder's settings (re-reading `quotelens.toml`); returns warnings not shown
    /// before.
    pub fn reload(&mut self) -> Vec<String> {
        let mut warnings = Vec::new();
        let mut base = Settings::default();
        warnings.extend(base.apply(&self.init_options, "initializationOptions: "));
        warnings.extend(base.apply(&self.editor, "settings: "));
        self.inside = self
            .folders
            .iter()
            .map(|f| {
                let mut s = base.clone();
                warnings.extend(s.apply_project_file(f));
                (f.clone(), Arc::new(Resolved::new(s)))
            })
            .collect();
        self.inside
            .sort_by_key(|(f, _)| std::cmp::Reverse(f.as_os_str().len()));
        self.outside = Arc::new(Resolved::new(base));
        let fresh: Vec<String> = warnings
            .iter()
            .filter(|w| !self.shown.contains(*w))
            .cloned()
            .collect();
        self.shown = warnings.into_iter().collect();
        fresh
    }

    /// The settings for a document at `path` (None for a document that is not a file).
    pub fn for_path(&self, path: Option<&Path>) -> Arc<Resolved> {
        path.and_then(|p| {
            self.inside
                .iter()
                .find(|(f, _)| p.starts_with(f))
                .map(|(_, r)| r.clone())
        })
        .unwrap_or_else(|| self.outside.clone())
    }

    /// Whether a changed file is a project file this workspace reads.
    pub fn is_project_file(&self, path: &Path) -> bool {
        path.file_name().is_some_and(|n| n == PROJECT_FILE)
            && path
                .parent()
                .is_some_and(|d| self.folders.iter().any(|f| f == d))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn project_file_wins_over_editor_settings_and_warnings_show_once() {
        let dir = std::env::temp_dir().join(format!("quotelens-ws-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(PROJECT_FILE), "max-file-size = 500\nbogus = 1\n").unwrap();
        let mut ws = Workspace::default();
        ws.set_folders(vec![dir.clone()]);
        ws.set_editor_settings(json!({"maxFileSize": 100, "extraVerbs": ["opined"]}));
        let w = ws.reload();
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("bogus"));
        let inside = ws.for_path(Some(&dir.join("a.txt")));
        assert_eq!(inside.settings.max_file_size, 500);
        assert_eq!(inside.settings.extra_verbs, vec!["opined"]);
        let outside = ws.for_path(Some(Path::new("/elsewhere/a.txt")));
        assert_eq!(outside.settings.max_file_size, 100);
        assert!(
            ws.reload().is_empty(),
            "the same warning is not shown twice"
        );
        assert!(ws.is_project_file(&dir.join(PROJECT_FILE)));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
