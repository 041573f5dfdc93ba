//! Settings over LSP (issue 3, part 6): initializationOptions, workspace/didChangeConfiguration,
//! workspace/configuration, `quotelens.toml` at the workspace root (which wins), warnings for
//! unknown keys, and each setting's effect; ignore comments; logs at the client's trace level.

mod common;

use common::*;
use serde_json::{Value, json};
use std::time::Duration;

fn codes(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

fn rule_of_quote(c: &mut Client, uri: &str, n: usize) -> String {
    let a = c.request("quotelens/analysis", json!({"textDocument": {"uri": uri}}));
    a["quotes"][n]["rule"].as_str().unwrap().to_string()
}

#[test]
fn initialization_options_set_rule_severities() {
    let mut c = Client::start(
        Enc::Utf16,
        None,
        json!({"rules": {"unclosed-quote": "hint"}}),
    );
    let uri = "file:///news/unicode.txt";
    c.open(uri, "plaintext", &fixture("unicode.txt"));
    let diags = c.diagnostics_for(uri, 1);
    assert_eq!(codes(&diags), vec!["unclosed-quote"]);
    assert_eq!(diags[0]["severity"], 4);

    let mut c = Client::start(
        Enc::Utf16,
        None,
        json!({"quotelens": {"rules": {"unclosed-quote": "off"}}}),
    );
    c.open(uri, "plaintext", &fixture("unicode.txt"));
    assert!(c.diagnostics_for(uri, 1).is_empty());
}

#[test]
fn the_project_file_wins_and_unknown_keys_are_named_in_a_warning() {
    let root = temp_dir("project-file");
    std::fs::write(
        root.join("quotelens.toml"),
        "colour = \"red\"\nmax-file-size = \"big\"\n[rules]\nunclosed-quote = \"warning\"\nbogus-rule = \"error\"\n",
    )
    .unwrap();
    let mut c = Client::start(
        Enc::Utf16,
        Some(&root),
        json!({"rules": {"unclosed-quote": "off"}, "maxFileSize": 1000000}),
    );
    let mut warnings = Vec::new();
    for _ in 0..3 {
        let m = c.notification("window/showMessage", |p| p["type"] == 2);
        warnings.push(m["message"].as_str().unwrap().to_string());
    }
    for name in ["colour", "bogus-rule", "max-file-size"] {
        assert!(
            warnings.iter().any(|w| w.contains(name)),
            "no warning names {name}: {warnings:?}"
        );
    }
    // The rest of the file applies, over the editor's setting.
    let path = root.join("unicode.txt");
    let uri = file_uri(&path);
    c.open(&uri, "plaintext", &fixture("unicode.txt"));
    let diags = c.diagnostics_for(&uri, 1);
    assert_eq!(codes(&diags), vec!["unclosed-quote"]);
    assert_eq!(diags[0]["severity"], 2, "quotelens.toml made it a warning");

    // Editing the file and telling the server re-reads it.
    std::fs::write(
        root.join("quotelens.toml"),
        "[rules]\nunclosed-quote = \"off\"\n",
    )
    .unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&root.join("quotelens.toml")), "type": 2}]}),
    );
    let p = c.notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri.as_str() && p["diagnostics"].as_array().unwrap().is_empty()
    });
    assert_eq!(p["version"], 1);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn did_change_configuration_re_analyses_open_documents() {
    let mut c = Client::start(Enc::Utf16, None, Value::Null);
    let uri = "file:///news/unicode.txt";
    c.open(uri, "plaintext", &fixture("unicode.txt"));
    assert_eq!(c.diagnostics_for(uri, 1)[0]["severity"], 1);
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"quotelens": {"rules": {"unclosed-quote": "info"}, "shout": true}}}),
    );
    let warning = c.notification("window/showMessage", |p| p["type"] == 2);
    assert!(
        warning["message"].as_str().unwrap().contains("shout"),
        "{warning}"
    );
    let p = c.notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri && p["diagnostics"][0]["severity"] == 3
    });
    assert_eq!(p["version"], 1, "same text, same version");
}

#[test]
fn settings_are_pulled_with_workspace_configuration_when_the_client_supports_it() {
    let mut caps = capabilities(Enc::Utf16);
    caps["workspace"]["configuration"] = json!(true);
    let mut c = Client::spawn();
    c.configuration = json!({"rules": {"unclosed-quote": "off"}});
    c.initialize(caps, None, Value::Null);
    let uri = "file:///news/unicode.txt";
    c.open(uri, "plaintext", &fixture("unicode.txt"));
    // Whichever came first, the settings pulled end up applied.
    c.notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri && p["diagnostics"].as_array().unwrap().is_empty()
    });
    assert!(
        c.server_requests
            .iter()
            .any(|r| r["method"] == "workspace/configuration"
                && r["params"]["items"][0]["section"] == "quotelens")
    );
    // A change notification without settings makes the server ask again.
    c.configuration = json!({"rules": {"unclosed-quote": "warning"}});
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    c.notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri && p["diagnostics"][0]["severity"] == 2
    });
}

#[test]
fn extra_verbs_and_aliases_change_the_analysis() {
    let uri = "file:///news/minister.txt";
    let mut c = Client::start(Enc::Utf16, None, Value::Null);
    c.open(uri, "plaintext", &fixture("minister.txt"));
    assert_eq!(
        codes(&c.diagnostics_for(uri, 1)),
        vec!["inconsistent-speaker-name"]
    );
    assert_ne!(rule_of_quote(&mut c, uri, 1), "trailing-cue");

    let mut c = Client::start(
        Enc::Utf16,
        None,
        json!({"extraVerbs": ["harrumph"], "aliases": {"Sergei Lavrov": "Sergey Lavrov"}}),
    );
    c.open(uri, "plaintext", &fixture("minister.txt"));
    assert!(
        c.diagnostics_for(uri, 1).is_empty(),
        "the alias is the same person"
    );
    assert_eq!(
        rule_of_quote(&mut c, uri, 1),
        "trailing-cue",
        "harrumphed is a cue"
    );
}

#[test]
fn the_style_setting_reads_a_short_scene_as_fiction() {
    let uri = "file:///stories/ferry.txt";
    let scene = "\"The ferry is late again,\" said Nell.\n\n\"It always is in March,\" said Tom.\n\n\"Then we walk.\"\n";
    let mut c = Client::start(Enc::Utf16, None, Value::Null);
    c.open(uri, "plaintext", scene);
    // Read as news: first names alone are findings, the last turn continues Tom.
    assert_eq!(
        codes(&c.diagnostics_for(uri, 1)),
        vec!["speaker-not-introduced", "speaker-not-introduced"]
    );
    assert_eq!(rule_of_quote(&mut c, uri, 2), "paragraph-continuation");
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"quotelens": {"style": "fiction"}}}),
    );
    c.notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri && p["diagnostics"].as_array().unwrap().is_empty()
    });
    assert_eq!(rule_of_quote(&mut c, uri, 2), "turn-taking");
}

#[test]
fn documents_over_the_size_limit_get_one_info_diagnostic() {
    let mut c = Client::start(Enc::Utf16, None, json!({"maxFileSize": 100}));
    let uri = "file:///news/bridge.txt";
    let text = fixture("bridge.txt");
    assert!(text.len() > 100);
    c.open(uri, "plaintext", &text);
    let diags = c.diagnostics_for(uri, 1);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0]["severity"], 3);
    let message = diags[0]["message"].as_str().unwrap();
    assert!(
        message.contains("maxFileSize") && message.contains("100"),
        "{message}"
    );
    assert!(c.hover(uri, text.find("steel").unwrap()).is_null());
    // Cut below the limit, it is analysed.
    let v = c.edit(uri, 60, text.len(), "");
    assert!(c.diagnostics_for(uri, v).is_empty());
}

#[test]
fn only_the_configured_languages_are_analysed() {
    let mut c = Client::start(Enc::Utf16, None, json!({"languages": ["markdown"]}));
    let text = fixture("unicode.txt");
    c.open("file:///news/a.txt", "plaintext", &text);
    c.open("file:///news/a.md", "markdown", &text);
    assert!(c.diagnostics_for("file:///news/a.txt", 1).is_empty());
    assert_eq!(c.diagnostics_for("file:///news/a.md", 1).len(), 1);
    assert!(
        c.hover("file:///news/a.txt", text.find("старше").unwrap())
            .is_null()
    );
    // File extensions count too.
    let mut c = Client::start(Enc::Utf16, None, json!({"languages": ["*.story"]}));
    c.open("file:///news/a.story", "", &text);
    assert_eq!(c.diagnostics_for("file:///news/a.story", 1).len(), 1);
}

#[test]
fn ignore_comments_silence_a_paragraph_or_the_file() {
    let mut c = Client::start(Enc::Utf16, None, Value::Null);
    let text = fixture("unicode.txt");
    let last = text.find("Жители").unwrap();
    let mut silenced = text.clone();
    silenced.insert_str(last, "<!-- quotelens: ignore -->\n");
    c.open("file:///news/a.txt", "plaintext", &silenced);
    assert!(c.diagnostics_for("file:///news/a.txt", 1).is_empty());
    let whole = format!("{text}\n<!-- quotelens: ignore-file -->\n");
    c.open("file:///news/b.txt", "plaintext", &whole);
    assert!(c.diagnostics_for("file:///news/b.txt", 1).is_empty());
}

#[test]
fn logs_reach_the_client_at_its_trace_level() {
    let mut c = Client::spawn();
    c.initialize_with(json!({
        "processId": null, "rootUri": null, "capabilities": capabilities(Enc::Utf16),
        "trace": "verbose",
    }));
    let uri = "file:///news/bridge.txt";
    c.open(uri, "plaintext", &fixture("bridge.txt"));
    let log = c.notification("window/logMessage", |p| {
        p["message"]
            .as_str()
            .unwrap()
            .contains("analysed file:///news/bridge.txt version 1")
    });
    assert_eq!(log["type"], 4);
    c.notify("$/setTrace", json!({"value": "off"}));
    c.diagnostics_for(uri, 1);
    let v = c.edit(uri, 0, 0, "X");
    c.diagnostics_for(uri, v);
    let late = c.try_notification("window/logMessage", Duration::from_millis(300), |p| {
        p["message"].as_str().unwrap().contains("analysed")
    });
    assert!(late.is_none(), "{late:?}");
}
