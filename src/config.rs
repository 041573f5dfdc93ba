//! Settings: one definition, read from editor settings (JSON) and `quotelens.toml`.
//!
//! Keys match case-insensitively and without `-`/`_`, so `extraVerbs`, `extra-verbs` and
//! `extra_verbs` are the same key. An unknown key or a bad value is reported as a warning
//! naming it, and everything else still applies.

use crate::analysis::{FindingCode, Format, Options, Severity, Style, name_key};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};

pub const PROJECT_FILE: &str = "quotelens.toml";
/// A quotelens.toml larger than this is refused rather than parsed.
pub const MAX_PROJECT_FILE: u64 = 1 << 20;

#[derive(Clone, Debug, PartialEq)]
pub struct InlayHintSettings {
    /// `— Lavrov` after each quote.
    pub speakers: bool,
    /// `he → Sergey Lavrov` after pronoun and description cues.
    pub resolutions: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// LSP language ids (and file extensions) to analyse.
    pub languages: Vec<String>,
    /// Severity per finding code; `None` is off.
    pub rules: BTreeMap<String, Option<Severity>>,
    pub extra_verbs: Vec<String>,
    /// Alias to canonical name.
    pub aliases: BTreeMap<String, String>,
    /// Documents larger than this many bytes are not analysed.
    pub max_file_size: usize,
    pub inlay_hints: InlayHintSettings,
    /// Show reported (indirect) speech beside direct quotes.
    pub reported_speech: bool,
    /// Read two apostrophes ('') as the double quotation mark of direct quotes, as some archives
    /// write it; without it a text that writes them so is read with them, as reported speech.
    pub two_apostrophe_quotes: bool,
    /// News or fiction conventions; `Auto` tells from each text.
    pub style: Style,
    /// Milliseconds to wait after a keystroke before re-analysing.
    pub debounce_ms: u64,
    /// Analyse the workspace's prose files in the background for workspace/symbol and
    /// references.
    pub workspace_index: bool,
    /// Which files of a workspace folder the index reads (gitignore-style globs).
    pub index_globs: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            languages: vec!["plaintext".into(), "markdown".into(), "text".into()],
            rules: BTreeMap::new(),
            extra_verbs: Vec::new(),
            aliases: BTreeMap::new(),
            max_file_size: 10 * 1024 * 1024,
            inlay_hints: InlayHintSettings {
                speakers: true,
                resolutions: true,
            },
            reported_speech: true,
            two_apostrophe_quotes: false,
            style: Style::Auto,
            debounce_ms: 150,
            workspace_index: true,
            index_globs: vec!["*.md".into(), "*.markdown".into(), "*.txt".into()],
        }
    }
}

/// Every server setting as an editor names it (`inlayHints.speakers` is `{"inlayHints":
/// {"speakers": ..}}`). Keep in step with `Settings::apply`: tests/editor_settings.rs checks
/// that the VS Code extension declares exactly these (plus its own editor-only settings).
pub const SETTING_KEYS: &[&str] = &[
    "languages",
    "rules",
    "extraVerbs",
    "aliases",
    "maxFileSize",
    "inlayHints.speakers",
    "inlayHints.resolutions",
    "reportedSpeech",
    "twoApostropheQuotes",
    "style",
    "debounceMs",
    "workspaceIndex",
    "indexGlobs",
];

fn norm(key: &str) -> String {
    key.chars()
        .filter(|c| *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

fn parse_severity(v: &Value) -> Result<Option<Severity>, String> {
    match v {
        Value::Bool(false) => Ok(None),
        Value::Bool(true) => Err("use a severity name instead of true".into()),
        Value::String(s) => match s.to_ascii_lowercase().as_str() {
            "error" => Ok(Some(Severity::Error)),
            "warning" | "warn" => Ok(Some(Severity::Warning)),
            "info" | "information" => Ok(Some(Severity::Info)),
            "hint" => Ok(Some(Severity::Hint)),
            "off" | "none" | "ignore" => Ok(None),
            other => Err(format!(
                "unknown severity \"{other}\" (use error, warning, info, hint or off)"
            )),
        },
        other => Err(format!("expected a severity string, got {other}")),
    }
}

fn string_list(v: &Value) -> Result<Vec<String>, String> {
    match v {
        Value::String(s) => Ok(vec![s.clone()]),
        Value::Array(items) => items
            .iter()
            .map(|i| {
                i.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| format!("expected strings, got {i}"))
            })
            .collect(),
        other => Err(format!("expected a list of strings, got {other}")),
    }
}

fn boolean(v: &Value) -> Result<bool, String> {
    v.as_bool()
        .ok_or_else(|| format!("expected true or false, got {v}"))
}

impl Settings {
    /// Apply a settings object over these settings. `prefix` names where it came from in
    /// warnings. Accepts the object itself or one wrapped in `{"quotelens": {...}}`.
    pub fn apply(&mut self, value: &Value, prefix: &str) -> Vec<String> {
        let mut warnings = Vec::new();
        let Some(obj) = value.as_object() else {
            // Lua (Neovim) and Vimscript send an empty table as `[]`: no settings, like null.
            let empty_list = value.as_array().is_some_and(|a| a.is_empty());
            if !value.is_null() && !empty_list {
                warnings.push(format!(
                    "{prefix}: expected an object of settings, got {value}"
                ));
            }
            return warnings;
        };
        if obj.len() == 1
            && let Some(inner) = obj.get("quotelens")
        {
            return self.apply(inner, prefix);
        }
        for (key, v) in obj {
            let at = format!("{prefix}{key}");
            let result: Result<(), String> = match norm(key).as_str() {
                "languages" | "filetypes" => string_list(v).map(|l| self.languages = l),
                "rules" | "severity" | "severities" => self.apply_rules(v, &at, &mut warnings),
                "extraverbs" | "verbs" | "speechverbs" => {
                    string_list(v).map(|l| self.extra_verbs = l)
                }
                "aliases" => self.apply_aliases(v, &at, &mut warnings),
                "maxfilesize" | "sizelimit" => match v.as_u64() {
                    Some(n) => {
                        self.max_file_size = n as usize;
                        Ok(())
                    }
                    None => Err(format!("expected a number of bytes, got {v}")),
                },
                "inlayhints" => self.apply_inlay_hints(v, &at, &mut warnings),
                "reportedspeech" | "indirect" => boolean(v).map(|b| self.reported_speech = b),
                "twoapostrophequotes" => boolean(v).map(|b| self.two_apostrophe_quotes = b),
                "style" | "genre" => match v.as_str().and_then(Style::parse) {
                    Some(s) => {
                        self.style = s;
                        Ok(())
                    }
                    None => Err(format!(
                        "expected \"auto\", \"news\" or \"fiction\", got {v}"
                    )),
                },
                "debouncems" | "debounce" => match v.as_u64() {
                    Some(n) if n <= 5000 => {
                        self.debounce_ms = n;
                        Ok(())
                    }
                    _ => Err(format!("expected milliseconds between 0 and 5000, got {v}")),
                },
                "workspaceindex" | "index" => boolean(v).map(|b| self.workspace_index = b),
                "indexglobs" | "indexfiles" => string_list(v).map(|l| self.index_globs = l),
                // Editor-side settings that the server does not use.
                "server" | "trace" | "enable" | "enabled" => Ok(()),
                _ => Err("unknown setting".into()),
            };
            if let Err(e) = result {
                warnings.push(format!("{at}: {e}"));
            }
        }
        warnings
    }

    fn apply_rules(
        &mut self,
        v: &Value,
        at: &str,
        warnings: &mut Vec<String>,
    ) -> Result<(), String> {
        let obj = v
            .as_object()
            .ok_or_else(|| format!("expected a table of rule = severity, got {v}"))?;
        for (code, sev) in obj {
            if FindingCode::parse(code).is_none() {
                warnings.push(format!(
                    "{at}.{code}: unknown rule (known: {})",
                    codes_list()
                ));
                continue;
            }
            match parse_severity(sev) {
                Ok(s) => {
                    self.rules.insert(code.clone(), s);
                }
                Err(e) => warnings.push(format!("{at}.{code}: {e}")),
            }
        }
        Ok(())
    }

    fn apply_aliases(
        &mut self,
        v: &Value,
        at: &str,
        warnings: &mut Vec<String>,
    ) -> Result<(), String> {
        let obj = v
            .as_object()
            .ok_or_else(|| format!("expected a table of alias = canonical name, got {v}"))?;
        for (alias, canon) in obj {
            match canon {
                Value::String(c) => {
                    self.aliases.insert(alias.clone(), c.clone());
                }
                Value::Array(list) => {
                    // canonical = ["alias 1", "alias 2"]
                    for a in list {
                        match a.as_str() {
                            Some(a) => {
                                self.aliases.insert(a.to_string(), alias.clone());
                            }
                            None => {
                                warnings.push(format!("{at}.{alias}: expected strings, got {a}"))
                            }
                        }
                    }
                }
                other => warnings.push(format!("{at}.{alias}: expected a name, got {other}")),
            }
        }
        Ok(())
    }

    fn apply_inlay_hints(
        &mut self,
        v: &Value,
        at: &str,
        warnings: &mut Vec<String>,
    ) -> Result<(), String> {
        if let Some(b) = v.as_bool() {
            self.inlay_hints.speakers = b;
            self.inlay_hints.resolutions = b;
            return Ok(());
        }
        let obj = v
            .as_object()
            .ok_or_else(|| format!("expected true, false or a table, got {v}"))?;
        for (k, val) in obj {
            let r = match norm(k).as_str() {
                "speakers" | "speaker" => boolean(val).map(|b| self.inlay_hints.speakers = b),
                "resolutions" | "pronouns" => {
                    boolean(val).map(|b| self.inlay_hints.resolutions = b)
                }
                _ => Err("unknown setting".into()),
            };
            if let Err(e) = r {
                warnings.push(format!("{at}.{k}: {e}"));
            }
        }
        Ok(())
    }

    /// Parse the text of a `quotelens.toml` over these settings.
    pub fn apply_toml(&mut self, text: &str, source: &str) -> Vec<String> {
        match text.parse::<toml::Table>() {
            Ok(table) => match serde_json::to_value(table) {
                Ok(v) => self.apply(&v, &format!("{source}: ")),
                Err(e) => vec![format!("{source}: {e}")],
            },
            Err(e) => vec![format!(
                "{source}: invalid TOML, using defaults: {}",
                e.message()
            )],
        }
    }

    /// Read `quotelens.toml` from `dir` over these settings, if there is one.
    pub fn apply_project_file(&mut self, dir: &Path) -> Vec<String> {
        let path = dir.join(PROJECT_FILE);
        let Ok(meta) = std::fs::metadata(&path) else {
            return Vec::new();
        };
        let shown = path.display().to_string();
        // A FIFO or a device (a link to /dev/zero) would block or never end.
        if !meta.is_file() {
            return vec![format!("{shown}: not a regular file, ignored")];
        }
        let too_large = || {
            vec![format!(
                "{shown}: larger than {MAX_PROJECT_FILE} bytes, ignored"
            )]
        };
        if meta.len() > MAX_PROJECT_FILE {
            return too_large();
        }
        // Read no more than the limit even if the file grows meanwhile.
        let mut text = String::new();
        let read = std::fs::File::open(&path)
            .and_then(|f| f.take(MAX_PROJECT_FILE + 1).read_to_string(&mut text));
        match read {
            Ok(n) if n as u64 > MAX_PROJECT_FILE => too_large(),
            Ok(_) => self.apply_toml(&text, &shown),
            Err(e) => vec![format!("{shown}: {e}")],
        }
    }

    /// Whether a document with this LSP language id or path should be analysed.
    pub fn analyses(&self, language_id: &str, path: &str) -> bool {
        let ext = Path::new(path)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("");
        self.languages.iter().any(|l| {
            l.eq_ignore_ascii_case(language_id)
                || (!ext.is_empty()
                    && l.trim_start_matches("*.")
                        .trim_start_matches('.')
                        .eq_ignore_ascii_case(ext))
        })
    }

    /// Analysis options for a document format.
    pub fn options(&self, format: Format) -> Options {
        let mut o = Options::new(format).with_extra_verbs(&self.extra_verbs);
        for (alias, canon) in &self.aliases {
            o.aliases.insert(name_key(alias), canon.clone());
        }
        let mut severities = HashMap::new();
        for (code, sev) in &self.rules {
            if let Some(c) = FindingCode::parse(code) {
                severities.insert(c, *sev);
            }
        }
        o.severities = severities;
        o.two_apostrophe_quotes = self.two_apostrophe_quotes;
        o.style = self.style;
        o
    }
}

fn codes_list() -> String {
    FindingCode::ALL
        .iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The nearest directory at or above `start` holding a `quotelens.toml`.
pub fn find_project_dir(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|d| d.join(PROJECT_FILE).is_file())
        .map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn editor_settings_apply_and_unknown_keys_warn() {
        let mut s = Settings::default();
        let w = s.apply(
            &json!({"quotelens": {"extraVerbs": ["opined"], "rules": {"unattributed-quote": "off", "bogus": "error", "unclosed-quote": "loud"}, "colour": 1, "maxFileSize": 100}}),
            "",
        );
        assert_eq!(s.extra_verbs, vec!["opined"]);
        assert_eq!(s.rules.get("unattributed-quote"), Some(&None));
        assert_eq!(s.max_file_size, 100);
        assert_eq!(w.len(), 3, "{w:?}");
        assert!(w.iter().any(|m| m.contains("colour")));
        assert!(w.iter().any(|m| m.contains("bogus")));
        assert!(w.iter().any(|m| m.contains("loud")));
    }

    #[test]
    fn style_is_news_fiction_or_auto_and_anything_else_warns() {
        let mut s = Settings::default();
        assert!(s.apply(&json!({"style": "Fiction"}), "").is_empty());
        assert_eq!(s.options(Format::Plain).style, Style::Fiction);
        let w = s.apply_toml("style = \"poetry\"\n", "quotelens.toml");
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("style") && w[0].contains("poetry"), "{w:?}");
        assert_eq!(
            s.style,
            Style::Fiction,
            "a bad value keeps the last good one"
        );
        assert!(
            s.apply_toml("genre = \"news\"\n", "quotelens.toml")
                .is_empty()
        );
        assert_eq!(s.style, Style::News);
    }

    #[test]
    fn an_empty_list_is_no_settings() {
        // What Neovim sends for `settings = { quotelens = {} }`.
        for value in [json!([]), json!({"quotelens": []}), Value::Null] {
            let mut s = Settings::default();
            assert!(s.apply(&value, "").is_empty(), "{value}");
            assert_eq!(s, Settings::default());
        }
        let mut s = Settings::default();
        assert_eq!(s.apply(&json!(["x"]), "").len(), 1);
    }

    #[test]
    fn toml_with_kebab_keys_and_aliases() {
        let mut s = Settings::default();
        let w = s.apply_toml(
            "extra-verbs = [\"harrumphed\"]\nmax-file-size = 2048\n[aliases]\n\"Sergei Lavrov\" = \"Sergey Lavrov\"\n[rules]\nmixed-quote-style = \"error\"\n[inlay-hints]\nresolutions = false\n",
            "quotelens.toml",
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(
            s.aliases.get("Sergei Lavrov").map(String::as_str),
            Some("Sergey Lavrov")
        );
        assert!(!s.inlay_hints.resolutions && s.inlay_hints.speakers);
        let o = s.options(Format::Plain);
        assert_eq!(
            o.severity(FindingCode::MixedQuoteStyle),
            Some(Severity::Error)
        );
        assert_eq!(
            o.aliases.get("sergei lavrov").map(String::as_str),
            Some("Sergey Lavrov")
        );
    }

    #[test]
    fn broken_toml_and_wrong_types_keep_defaults() {
        let mut s = Settings::default();
        let w = s.apply_toml("this is = = not toml", "q.toml");
        assert_eq!(w.len(), 1);
        assert_eq!(s, Settings::default());
        let w = s.apply_toml("languages = 3\nmax-file-size = \"big\"\n", "q.toml");
        assert_eq!(w.len(), 2);
        assert_eq!(s, Settings::default());
    }

    #[cfg(unix)]
    #[test]
    fn a_project_file_that_is_a_device_or_too_large_is_refused_without_reading_it() {
        let dir = std::env::temp_dir().join(format!("quotelens-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(PROJECT_FILE);
        // A link to /dev/zero: reading it would never end.
        std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
        let mut s = Settings::default();
        let w = s.apply_project_file(&dir);
        assert!(w.len() == 1 && w[0].contains("not a regular file"), "{w:?}");
        std::fs::remove_file(&path).unwrap();
        std::fs::write(&path, "# padding\n".repeat(200_000)).unwrap();
        let w = s.apply_project_file(&dir);
        assert!(w.len() == 1 && w[0].contains("larger than"), "{w:?}");
        assert_eq!(s, Settings::default());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn languages_match_ids_and_extensions() {
        let s = Settings::default();
        assert!(s.analyses("markdown", "/a/b.md"));
        assert!(!s.analyses("rust", "/a/b.rs"));
        let mut s = Settings::default();
        s.apply(&json!({"languages": ["*.story"]}), "");
        assert!(s.analyses("", "/a/b.story"));
    }
}
