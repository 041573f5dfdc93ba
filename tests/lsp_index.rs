//! The workspace index through the real server over stdio (issue 7, part 4): prose files of
//! the workspace folder that are not open are analysed in the background with work-done
//! progress; .gitignore, the globs, the size limit and symbolic links decide what is read;
//! workspace/symbol and references reach them; didChangeWatchedFiles keeps them current.

mod common;

use common::{Client, Enc, capabilities, file_uri, position, temp_dir};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const HARBOUR: &str = "# Pier repairs start next month\n\n\
\"We will rebuild the pier before winter,\" said Tomasz Wierzbicki, the harbour engineer.\n\n\
\"It cannot wait,\" Wierzbicki said.\n";

const COUNCIL: &str = "The council met on Tuesday evening.\n\n\
\"The money for the pier is there,\" said Tomasz Wierzbicki, who leads the repairs.\n\n\
\"We have heard that before,\" said Ruth Adebayo, a councillor for the east ward.\n";

/// A workspace with two stories to index and files the index must not read: one excluded by
/// .gitignore, one over the size limit, one that is not prose, and symbolic links to a story
/// outside the workspace. Returns (workspace, outside directory).
fn newsroom(name: &str) -> (PathBuf, PathBuf) {
    let base = temp_dir(name);
    let ws = base.join("newsroom");
    let outside = base.join("outside");
    std::fs::create_dir_all(ws.join("drafts")).unwrap();
    std::fs::create_dir_all(ws.join("desk")).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(ws.join("harbour.md"), HARBOUR).unwrap();
    std::fs::write(ws.join("desk/council.txt"), COUNCIL).unwrap();
    std::fs::write(ws.join(".gitignore"), "drafts/\n").unwrap();
    std::fs::write(
        ws.join("drafts/leak.md"),
        "\"Nobody must read this yet,\" said Ottilie Brandvold, the editor.\n",
    )
    .unwrap();
    let mut big =
        "\"Far too long to be read,\" said Ingmar Solheim, the archivist.\n\n".to_string();
    while big.len() < 3000 {
        big.push_str("The archive holds every edition since the first one was printed.\n");
    }
    std::fs::write(ws.join("archive.md"), big).unwrap();
    std::fs::write(
        ws.join("notes.rs"),
        "// \"Code is not prose,\" said Casimir Vantongeren, the developer.\n",
    )
    .unwrap();
    std::fs::write(
        outside.join("secret.md"),
        "\"This lives outside the workspace,\" said Philippa Marchetti, the lawyer.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.join("secret.md"), ws.join("link.md")).unwrap();
    std::os::unix::fs::symlink(&outside, ws.join("linkdir")).unwrap();
    (ws, outside)
}

/// Options for the test workspaces: a size limit the big file exceeds.
fn options() -> Value {
    json!({"maxFileSize": 2000})
}

/// Speaker symbols (kind 5) for a query, as (name, file name) pairs.
fn speakers(c: &mut Client, query: &str) -> BTreeSet<(String, String)> {
    let found = c.request("workspace/symbol", json!({ "query": query }));
    found
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == 5)
        .map(|s| {
            let uri = s["location"]["uri"].as_str().unwrap();
            (
                s["name"].as_str().unwrap().to_string(),
                uri.rsplit('/').next().unwrap().to_string(),
            )
        })
        .collect()
}

/// Ask until `check` holds for the speakers of `query` (the index works in the background).
fn eventually(
    c: &mut Client,
    query: &str,
    check: impl Fn(&BTreeSet<(String, String)>) -> bool,
) -> BTreeSet<(String, String)> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let s = speakers(c, query);
        if check(&s) {
            return s;
        }
        assert!(Instant::now() < deadline, "{query}: still {s:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn pair(name: &str, file: &str) -> (String, String) {
    (name.to_string(), file.to_string())
}

/// Wait for the end of the index's work-done progress; returns every $/progress value.
fn progress_until_end(c: &mut Client) -> Vec<Value> {
    let mut values = Vec::new();
    loop {
        let p = c.notification("$/progress", |_| true);
        values.push(p["value"].clone());
        if p["value"]["kind"] == "end" {
            return values;
        }
    }
}

#[test]
fn the_index_reports_progress_and_finds_speakers_only_in_the_files_it_may_read() {
    let (ws, _) = newsroom("index-scope");
    let mut caps = capabilities(Enc::Utf16);
    caps["window"]["workDoneProgress"] = json!(true);
    let mut c = Client::spawn();
    c.initialize(caps, Some(&ws), options());

    let values = progress_until_end(&mut c);
    assert_eq!(values[0]["kind"], "begin", "{values:?}");
    assert!(
        values.last().unwrap()["message"]
            .as_str()
            .unwrap()
            .starts_with("2 files indexed"),
        "{values:?}"
    );
    assert!(
        c.server_requests
            .iter()
            .any(|r| r["method"] == "window/workDoneProgress/create"),
        "the progress token is created first"
    );

    assert_eq!(
        speakers(&mut c, "wierzb"),
        BTreeSet::from([
            pair("Tomasz Wierzbicki", "harbour.md"),
            pair("Tomasz Wierzbicki", "council.txt"),
        ])
    );
    assert_eq!(
        speakers(&mut c, "adebayo"),
        BTreeSet::from([pair("Ruth Adebayo", "council.txt")])
    );
    // Quotes of files that are not open are symbols too, under their speaker.
    let quotes = c.request("workspace/symbol", json!({"query": "heard that"}));
    assert_eq!(quotes[0]["kind"], 15, "{quotes:#}");
    assert_eq!(quotes[0]["containerName"], "Adebayo");
    // Ignored by .gitignore, over the size limit, not prose, or outside through a link.
    for name in ["brandvold", "solheim", "vantongeren", "marchetti"] {
        assert!(speakers(&mut c, name).is_empty(), "{name} was indexed");
    }
    c.shutdown();
}

#[test]
fn references_to_a_speaker_reach_the_stories_that_are_not_open() {
    let (ws, _) = newsroom("index-references");
    let mut c = Client::start(Enc::Utf16, Some(&ws), options());
    eventually(&mut c, "wierzb", |s| s.len() == 2);

    let uri = file_uri(&ws.join("harbour.md"));
    c.open(&uri, "markdown", HARBOUR);
    c.diagnostics_for(&uri, 1);
    let at = HARBOUR.find("Wierzbicki, the").unwrap();
    let refs = c.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri}, "position": position(HARBOUR, at, Enc::Utf16),
               "context": {"includeDeclaration": true}}),
    );
    let council = file_uri(&ws.join("desk/council.txt"));
    let elsewhere: Vec<&str> = refs
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["uri"] == council.as_str())
        .map(|l| common::range_text(COUNCIL, &l["range"], Enc::Utf16))
        .collect();
    assert!(
        elsewhere.contains(&"Tomasz Wierzbicki"),
        "the mention in council.txt: {refs:#}"
    );
    assert!(
        elsewhere.contains(&"\"The money for the pier is there,\""),
        "the quote in council.txt: {refs:#}"
    );
    assert!(
        !elsewhere.iter().any(|t| t.contains("Adebayo")),
        "only Wierzbicki: {refs:#}"
    );
    // The open document's own references are still there, once each.
    let here: Vec<&Value> = refs
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["uri"] == uri.as_str())
        .collect();
    let distinct: BTreeSet<String> = here.iter().map(|l| l.to_string()).collect();
    assert_eq!(distinct.len(), here.len(), "{refs:#}");
    assert!(!here.is_empty());
    c.shutdown();
}

fn changed(c: &mut Client, path: &Path, kind: u8) {
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(path), "type": kind}]}),
    );
}

#[test]
fn watched_file_changes_keep_the_index_current() {
    let (ws, _) = newsroom("index-watch");
    let mut caps = capabilities(Enc::Utf16);
    caps["workspace"]["didChangeWatchedFiles"] = json!({"dynamicRegistration": true});
    let mut c = Client::spawn();
    c.initialize(caps, Some(&ws), options());
    eventually(&mut c, "wierzb", |s| s.len() == 2);
    // The registration may come after the index is built.
    let registration = c.server_request("client/registerCapability");
    let globs: BTreeSet<&str> =
        registration["params"]["registrations"][0]["registerOptions"]["watchers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["globPattern"].as_str().unwrap())
            .collect();
    assert!(
        globs.is_superset(&BTreeSet::from(["**/*.md", "**/*.txt"])),
        "{globs:?}"
    );

    // Created.
    let late = ws.join("desk/late.md");
    std::fs::write(
        &late,
        "\"The ferry is late again,\" said Ruth Adebayo, standing on the quay.\n",
    )
    .unwrap();
    changed(&mut c, &late, 1);
    eventually(&mut c, "adebayo", |s| {
        s.contains(&pair("Ruth Adebayo", "late.md"))
    });

    // Changed: Adebayo no longer speaks in council.txt.
    let council = ws.join("desk/council.txt");
    std::fs::write(&council, COUNCIL.replace("Ruth Adebayo", "a councillor")).unwrap();
    changed(&mut c, &council, 2);
    eventually(&mut c, "adebayo", |s| {
        *s == BTreeSet::from([pair("Ruth Adebayo", "late.md")])
    });

    // Deleted.
    std::fs::remove_file(ws.join("harbour.md")).unwrap();
    changed(&mut c, &ws.join("harbour.md"), 3);
    eventually(&mut c, "wierzb", |s| {
        *s == BTreeSet::from([pair("Tomasz Wierzbicki", "council.txt")])
    });

    // A file the index must not read stays out when the client reports it.
    let draft = ws.join("drafts/second.md");
    std::fs::write(
        &draft,
        "\"Still not for print,\" said Ottilie Brandvold, the editor.\n",
    )
    .unwrap();
    changed(&mut c, &draft, 1);
    let big = ws.join("desk/huge.txt");
    std::fs::write(
        &big,
        "x".repeat(2500) + "\n\"Huge,\" said Ingmar Solheim.\n",
    )
    .unwrap();
    changed(&mut c, &big, 1);
    // A later change that is indexed shows the earlier ones were handled.
    std::fs::write(&late, "\"Late,\" said Yusuf Carrington, the skipper.\n").unwrap();
    changed(&mut c, &late, 2);
    eventually(&mut c, "carrington", |s| s.len() == 1);
    std::thread::sleep(Duration::from_millis(200));
    assert!(speakers(&mut c, "brandvold").is_empty());
    assert!(speakers(&mut c, "solheim").is_empty());
    c.shutdown();
}

#[test]
fn the_index_can_be_turned_off() {
    let (ws, _) = newsroom("index-off");
    let mut caps = capabilities(Enc::Utf16);
    caps["window"]["workDoneProgress"] = json!(true);
    let mut c = Client::spawn();
    c.initialize(caps, Some(&ws), json!({"workspaceIndex": false}));
    let values = progress_until_end(&mut c);
    assert!(
        values.last().unwrap()["message"]
            .as_str()
            .unwrap()
            .starts_with("0 files indexed"),
        "{values:?}"
    );
    assert!(speakers(&mut c, "wierzb").is_empty());
    c.shutdown();
}
