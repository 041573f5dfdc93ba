//! Reported speech through the command line: `quotelens extract` and `quotelens check` on
//! whole articles.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn quotelens(args: &[&str]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_quotelens"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run quotelens");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn extract(path: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["extract", "--format", "json"];
    args.extend_from_slice(extra);
    let p = path.to_str().unwrap();
    args.push(p);
    let (out, err) = quotelens(&args);
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}"));
    v[0].clone()
}

/// The reported quote whose text starts with `prefix`.
fn reported<'v>(doc: &'v Value, prefix: &str) -> &'v Value {
    doc["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["kind"] == "indirect" && q["text"].as_str().unwrap().starts_with(prefix))
        .unwrap_or_else(|| panic!("no reported quote starting {prefix:?} in {doc:#}"))
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fisheries-talks.txt")
}

#[test]
fn an_article_s_reported_speech_is_attributed() {
    let doc = extract(&fixture(), &[]);
    for prefix in [
        "that the two governments had narrowed",
        "Norwegian Foreign Minister Jonas Berg has invited",
        "both sides now accept",
        "that Prime Minister Ingrid Solheim had raised",
        "that he hoped to sign an agreement",
    ] {
        let q = reported(&doc, prefix);
        assert_eq!(q["speaker"], "Jonas Berg", "{prefix}: {q:#}");
        assert!(q["mention"].is_object() && q["cue"].is_object(), "{q:#}");
        assert!(q.get("mixed").is_none(), "{q:#}");
    }
    assert_eq!(
        reported(&doc, "Norwegian Foreign Minister")["rule"],
        "reported-trailing"
    );
    assert_eq!(reported(&doc, "both sides")["rule"], "according-to");
    assert_eq!(
        reported(&doc, "that Iceland would not accept")["cue"]["text"],
        "adding"
    );
    assert_eq!(
        reported(&doc, "The coastal fleets are running out of patience")["speaker"],
        "Erik Dahl"
    );
    // A reported clause holding a partial quote is printed as indirect, flagged mixed; the
    // quote inside stays a direct quotation.
    let mixed = reported(&doc, "The talks would take");
    assert_eq!(mixed["mixed"], true);
    let quotes = doc["quotes"].as_array().unwrap();
    assert!(
        quotes
            .iter()
            .any(|q| q["kind"] == "speech" && q["text"] == "\"as long as they need to take,\"")
    );
    // "It was reported that ..." names nobody.
    assert!(reported(&doc, "that several boats")["speaker"].is_null());
    // Jonas Berg's reported claims are counted on the speaker.
    let speakers = doc["speakers"].as_array().unwrap();
    let berg = speakers.iter().find(|s| s["name"] == "Jonas Berg").unwrap();
    assert_eq!(berg["reported"], 5);
    // Quotes are in text order.
    let starts: Vec<u64> = quotes
        .iter()
        .map(|q| q["start"].as_u64().unwrap())
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
}

#[test]
fn kinds_select_direct_or_reported_quotes() {
    let kinds = |k: &str| -> Vec<String> {
        extract(&fixture(), &["--kinds", k])["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["kind"].as_str().unwrap().to_string())
            .collect()
    };
    let direct = kinds("direct");
    assert!(!direct.is_empty() && direct.iter().all(|k| k == "speech"));
    let indirect = kinds("indirect");
    assert_eq!(indirect.len(), 9);
    assert!(indirect.iter().all(|k| k == "indirect"));
    assert_eq!(kinds("mixed").len(), 1);
}

#[test]
fn extract_prints_an_interrupted_quote_as_one_entry_with_its_parts() {
    let dir = std::env::temp_dir().join(format!("quotelens-relations-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("pier.txt");
    let text = "\"The pier will reopen,\" harbour master Lena Vik said on Monday, \"once the \
                divers are done.\"\n\nShe added that the ferry would run a reduced timetable.\n";
    std::fs::write(&path, text).unwrap();
    let speech = |doc: &Value| -> Vec<Value> {
        doc["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|q| q["kind"] == "speech")
            .cloned()
            .collect()
    };
    // With --parts every quoted stretch is an entry.
    assert_eq!(speech(&extract(&path, &["--parts"])).len(), 2);
    let doc = extract(&path, &[]);
    let joined = speech(&doc);
    assert_eq!(joined.len(), 1, "{doc:#}");
    let q = &joined[0];
    assert!(
        q["text"]
            .as_str()
            .unwrap()
            .starts_with("\"The pier will reopen,\" harbour")
    );
    assert!(q["text"].as_str().unwrap().ends_with("divers are done.\""));
    assert_eq!(q["parts"].as_array().unwrap().len(), 2);
    assert_eq!(q["speaker"], "Lena Vik");
    assert_eq!(q["mention"]["text"], "Lena Vik");
    // Reported speech stays an entry of its own.
    assert_eq!(reported(&doc, "that the ferry")["speaker"], "Lena Vik");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn extract_names_the_source_phrase_of_a_claim_whose_speaker_is_unknown() {
    let dir = std::env::temp_dir().join(format!("quotelens-sources-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("harbour.txt");
    let text = "They think that the harbour fees will double.\n\nLena Vik said that \
                \u{201c}the divers are nearly done.\u{201d}\n";
    std::fs::write(&path, text).unwrap();
    let doc = extract(&path, &[]);
    // "They" has no antecedent: no speaker, but the clause still says who holds the view.
    let q = reported(&doc, "that the harbour fees");
    assert!(q["speaker"].is_null(), "{q:#}");
    assert_eq!(q["mention"]["text"], "They", "{q:#}");
    // A direct quote opened by "that" is one relation from "that" on; --parts keeps the quote.
    let relation = |doc: &Value| -> String {
        doc["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["kind"] == "speech")
            .map(|q| q["text"].as_str().unwrap().to_string())
            .unwrap_or_default()
    };
    assert_eq!(
        relation(&doc),
        "that \u{201c}the divers are nearly done.\u{201d}"
    );
    assert_eq!(
        relation(&extract(&path, &["--parts"])),
        "\u{201c}the divers are nearly done.\u{201d}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn vague_source_is_off_until_configured() {
    let path = fixture();
    let p = path.to_str().unwrap();
    let (out, _) = quotelens(&["check", p]);
    assert!(!out.contains("vague-source"), "{out}");
    let dir = std::env::temp_dir().join(format!("quotelens-vague-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("quotelens.toml");
    std::fs::write(&config, "[rules]\nvague-source = \"info\"\n").unwrap();
    let (out, err) = quotelens(&["check", "--config", config.to_str().unwrap(), p]);
    let vague: Vec<&str> = out.lines().filter(|l| l.contains("vague-source")).collect();
    assert_eq!(vague.len(), 1, "{out}{err}");
    assert!(vague[0].contains("info[vague-source]"), "{out}");
    std::fs::remove_dir_all(&dir).ok();
}

/// The seed article in ../shared (read at run time, never copied into the project).
fn seed_article() -> Option<PathBuf> {
    let shared = std::env::var_os("QUOTELENS_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let path = shared.join("examples/tass-lavrov-truss.txt");
    if path.exists() {
        Some(path)
    } else {
        eprintln!(
            "skipped: {} is absent (set QUOTELENS_SHARED to the shared material)",
            path.display()
        );
        None
    }
}

#[test]
fn the_seed_article_s_reported_claims_are_sergey_lavrov_s() {
    let Some(path) = seed_article() else {
        return;
    };
    let doc = extract(&path, &[]);
    let quotes = doc["quotes"].as_array().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    // Find each reported quote by its cue's place in the text.
    let by_cue = |cue_phrase: &str, content_start: &str| {
        let at = text.find(cue_phrase).expect("phrase in the article");
        let cue_char = text[..at].chars().count() + cue_phrase.chars().count();
        quotes
            .iter()
            .find(|q| {
                q["kind"] == "indirect"
                    && q["cue"]["end"].as_u64() == Some(cue_char as u64)
                    && q["text"].as_str().unwrap().starts_with(content_start)
            })
            .unwrap_or_else(|| panic!("no reported quote after {cue_phrase:?}: {doc:#}"))
    };
    for (cue, content) in [
        (
            "minister noted",
            "that President Vladimir Putin had clarified",
        ),
        (
            "Lavrov himself said",
            "Russian Foreign Minister Sergey Lavrov has briefed",
        ),
        ("He also said", "that he hoped"),
    ] {
        let q = by_cue(cue, content);
        assert_eq!(q["speaker"], "Sergey Lavrov", "{cue}: {q:#}");
    }
}
