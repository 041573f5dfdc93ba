//! The VS Code extension's `contributes.configuration` and the server's settings are one list:
//! every server setting is declared in editors/vscode/package.json with the server's default,
//! and every `quotelens.*` setting declared there is one the server knows (or ignores as
//! editor-only). The same holds for the semantic token legend: package.json declares every
//! modifier and type the server uses that VS Code does not know, and gives each speaker colour.

use quotelens::config::{SETTING_KEYS, Settings};
use quotelens::lsp::tokens;
use serde_json::{Map, Value, json};

fn package_json() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/editors/vscode/package.json");
    let text = std::fs::read_to_string(path).expect("read editors/vscode/package.json");
    serde_json::from_str(&text).expect("package.json is JSON")
}

fn declared() -> Map<String, Value> {
    package_json()["contributes"]["configuration"]["properties"]
        .as_object()
        .expect("contributes.configuration.properties")
        .clone()
}

/// `inlayHints.speakers` = v  ->  {"inlayHints": {"speakers": v}}
fn nested(key: &str, value: Value) -> Value {
    key.rsplit('.')
        .fold(value, |inner, part| json!({ part: inner }))
}

#[test]
fn every_server_setting_is_declared_for_vs_code() {
    let props = declared();
    let missing: Vec<_> = SETTING_KEYS
        .iter()
        .filter(|k| !props.contains_key(&format!("quotelens.{k}")))
        .collect();
    assert!(
        missing.is_empty(),
        "server settings missing from editors/vscode/package.json: {missing:?}"
    );
}

#[test]
fn every_declared_setting_is_known_to_the_server_with_its_default() {
    for (key, schema) in declared() {
        let key = key
            .strip_prefix("quotelens.")
            .unwrap_or_else(|| panic!("{key}: settings must start with quotelens."));
        let default = schema
            .get("default")
            .unwrap_or_else(|| panic!("quotelens.{key} has no default"))
            .clone();
        let mut settings = Settings::default();
        let warnings = settings.apply(&nested(key, default.clone()), "");
        assert!(
            warnings.is_empty(),
            "quotelens.{key} is not a setting the server knows: {warnings:?}"
        );
        assert_eq!(
            settings,
            Settings::default(),
            "quotelens.{key}: the default in package.json ({default}) is not the server's"
        );
    }
}

#[test]
fn declared_rule_codes_are_the_servers_finding_codes() {
    let props = declared();
    let rules = props["quotelens.rules"]["properties"]
        .as_object()
        .expect("quotelens.rules lists each finding code");
    let mut declared: Vec<_> = rules.keys().cloned().collect();
    declared.sort();
    let mut known: Vec<String> = quotelens::analysis::FindingCode::ALL
        .iter()
        .map(|c| c.as_str().to_string())
        .collect();
    known.sort();
    assert_eq!(declared, known);
}

#[test]
fn a_non_default_value_is_applied_so_the_check_above_can_fail() {
    // Guards the test above: apply() must change Settings for a declared key with another value.
    let mut settings = Settings::default();
    assert!(
        settings
            .apply(&nested("inlayHints.speakers", json!(false)), "")
            .is_empty()
    );
    assert_ne!(settings, Settings::default());
    assert!(
        !Settings::default()
            .apply(&json!({"colour": 1}), "")
            .is_empty()
    );
}

/// The ids a `contributes.semanticToken*` list declares.
fn ids(list: &Value) -> Vec<&str> {
    list.as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["id"].as_str())
        .collect()
}

#[test]
fn vs_code_declares_the_semantic_token_legend_and_a_colour_per_speaker() {
    // The LSP standard types and modifiers, which VS Code knows without declarations.
    const TYPES: &[&str] = &[
        "namespace",
        "type",
        "class",
        "enum",
        "interface",
        "struct",
        "typeParameter",
        "parameter",
        "variable",
        "property",
        "enumMember",
        "event",
        "function",
        "method",
        "macro",
        "keyword",
        "modifier",
        "comment",
        "string",
        "number",
        "regexp",
        "operator",
        "decorator",
    ];
    const MODIFIERS: &[&str] = &[
        "declaration",
        "definition",
        "readonly",
        "static",
        "deprecated",
        "abstract",
        "async",
        "modification",
        "documentation",
        "defaultLibrary",
    ];
    let pkg = package_json();
    let contributes = &pkg["contributes"];
    let legend = tokens::legend();
    let types = ids(&contributes["semanticTokenTypes"]);
    for t in &legend.token_types {
        assert!(
            TYPES.contains(&t.as_str()) || types.contains(&t.as_str()),
            "token type {} is not declared in package.json semanticTokenTypes",
            t.as_str()
        );
    }
    let modifiers = ids(&contributes["semanticTokenModifiers"]);
    for m in &legend.token_modifiers {
        assert!(
            MODIFIERS.contains(&m.as_str()) || modifiers.contains(&m.as_str()),
            "token modifier {} is not declared in package.json semanticTokenModifiers",
            m.as_str()
        );
    }
    // Each speaker modifier maps to its own TextMate scope, so any theme colours each speaker.
    let scopes: Vec<&str> = (0..tokens::SPEAKER_COLOURS)
        .map(|i| {
            contributes["semanticTokenScopes"]
                .as_array()
                .into_iter()
                .flatten()
                .find_map(|s| s["scopes"][format!("*.speaker{i}")][0].as_str())
                .unwrap_or_else(|| panic!("no semanticTokenScopes entry for *.speaker{i}"))
        })
        .collect();
    let mut distinct = scopes.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        scopes.len(),
        "speakers share a scope: {scopes:?}"
    );
}
