//! The command line, run as a user runs it: the real binary, real files, real exit codes.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_quotelens"))
}

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("quotelens-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("run quotelens")
}

/// Run quotelens with `args`, writing `input` to its standard input.
fn run_with_input(args: &[&str], input: &str) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start quotelens");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().expect("run quotelens")
}

fn jsonl(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

const STORY: &str = "Мэр Анна Петрова открыла собрание. 😀\n\n“We will build the bridge,” Mayor Anna Petrova said.\n\n\"Nobody asked us,\" said Councillor Ivan Sokolov.\n";

#[test]
fn extract_jsonl_has_the_documented_shape_with_code_point_offsets() {
    let dir = tempdir("shape");
    let f = write(&dir, "story.txt", STORY);
    let out = run(bin().args(["extract", "--format", "jsonl"]).arg(&f));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = jsonl(&out);
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert_eq!(d["path"], f.display().to_string());
    let chars: Vec<char> = STORY.chars().collect();
    let slice = |s: &Value| -> String {
        chars[s["start"].as_u64().unwrap() as usize..s["end"].as_u64().unwrap() as usize]
            .iter()
            .collect()
    };
    let quotes = d["quotes"].as_array().unwrap();
    let direct: Vec<&Value> = quotes.iter().filter(|q| q["kind"] == "speech").collect();
    assert_eq!(direct.len(), 2);
    for q in &direct {
        // offsets are code points into the file, end exclusive, marks included
        assert_eq!(slice(q), q["text"].as_str().unwrap());
        for key in [
            "speaker",
            "speaker_id",
            "mention",
            "cue",
            "rule",
            "confidence",
        ] {
            assert!(q.get(key).is_some(), "{key} missing");
        }
        let m = &q["mention"];
        assert_eq!(slice(m), m["text"].as_str().unwrap());
        let c = &q["cue"];
        assert_eq!(slice(c), c["text"].as_str().unwrap());
        assert!((0.0..=1.0).contains(&q["confidence"].as_f64().unwrap()));
    }
    assert_eq!(direct[0]["text"], "“We will build the bridge,”");
    assert_eq!(direct[0]["speaker"], "Anna Petrova");
    assert_eq!(direct[0]["rule"], "trailing-cue");
    assert_eq!(direct[1]["speaker"], "Ivan Sokolov");
    let speakers = d["speakers"].as_array().unwrap();
    let petrova = speakers
        .iter()
        .find(|s| s["name"] == "Anna Petrova")
        .unwrap();
    assert_eq!(petrova["quotes"], 1);
    assert!(
        petrova["titles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "Mayor")
    );
    assert_eq!(direct[0]["speaker_id"], petrova["id"]);
    for m in petrova["mentions"].as_array().unwrap() {
        assert_eq!(slice(m), m["text"].as_str().unwrap());
    }
    assert!(d["findings"].is_array());
}

#[test]
fn a_missing_file_is_named_the_others_are_processed_and_the_exit_code_is_two() {
    let dir = tempdir("missing");
    let good = write(&dir, "good.txt", STORY);
    let out = run(bin()
        .args(["extract", "--format", "jsonl"])
        .arg(dir.join("nope.txt"))
        .arg(&good));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("nope.txt"), "{err}");
    let docs = jsonl(&out);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["path"], good.display().to_string());
    // a binary file is refused the same way
    std::fs::write(dir.join("bin.dat"), [0xff, 0xfe, 0x00, 0x80]).unwrap();
    let out = run(bin().args(["extract"]).arg(dir.join("bin.dat")));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not UTF-8"));
}

#[test]
fn extract_reads_standard_input_and_prints_json_and_a_table() {
    let out = run_with_input(&["extract", "--format", "json", "-"], STORY);
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["path"], "-");

    let dir = tempdir("table");
    let f = write(&dir, "story.txt", STORY);
    let out = run(bin().args(["extract"]).arg(&f));
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("Anna Petrova") && table.contains("trailing-cue"),
        "{table}"
    );
}

#[test]
fn check_prints_path_line_col_and_exits_one_on_errors() {
    let dir = tempdir("check");
    // line 3, column 8 (in characters, after a Cyrillic word): an unclosed quote
    let text = "Заголовок\n\nОтвет: “We will never agree, Ivan Sokolov said.\n\nThe end.\n";
    let f = write(&dir, "bad.txt", text);
    let out = run(bin().args(["check"]).arg(&f));
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .find(|l| l.contains("unclosed-quote"))
        .expect("an unclosed-quote line");
    let prefix = format!("{}:3:", f.display());
    assert!(line.starts_with(&prefix), "{line}");
    assert!(line.contains(": error[unclosed-quote]: "), "{line}");
    // the finding is at the end of the quote; its column counts characters
    let col: usize = line[prefix.len()..]
        .split(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let third = text.lines().nth(2).unwrap();
    assert_eq!(col, third.chars().count());

    let ok = write(
        &dir,
        "ok.txt",
        "“We are ready,” said Councillor Ivan Sokolov.\n",
    );
    let out = run(bin().args(["check"]).arg(&ok));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    let out = run(bin().args(["check", "--format", "json"]).arg(&f));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|x| x["code"] == "unclosed-quote" && x["line"] == 3)
    );
}

#[test]
fn jsonl_input_keeps_order_and_ids() {
    let mut input = String::new();
    for i in 0..40 {
        let text = format!("\"Line {i} is here,\" Councillor Ivan Sokolov said.");
        input.push_str(&serde_json::json!({"id": format!("doc-{i}"), "text": text}).to_string());
        input.push('\n');
    }
    input.push_str("not json\n");
    let out = run_with_input(
        &[
            "extract", "--input", "jsonl", "--format", "jsonl", "--jobs", "2",
        ],
        &input,
    );
    assert_eq!(out.status.code(), Some(2)); // the bad line
    let docs = jsonl(&out);
    assert_eq!(docs.len(), 41);
    for (i, d) in docs.iter().take(40).enumerate() {
        assert_eq!(d["id"], format!("doc-{i}"));
        assert_eq!(d["quotes"][0]["speaker"], "Ivan Sokolov");
    }
    assert!(docs[40]["error"].as_str().unwrap().contains("invalid JSON"));
}

#[test]
fn json_output_is_one_array_with_a_bad_input_line_as_an_element() {
    let input = "{\"id\": \"a\", \"text\": \"“Go,” said Ivan Sokolov.\"}\nnot json\n{\"id\": \"b\", \"text\": \"\"}\n";
    let out = run_with_input(&["extract", "--input", "jsonl", "--format", "json"], input);
    assert_eq!(out.status.code(), Some(2));
    let docs: Value = serde_json::from_slice(&out.stdout).expect("one JSON array");
    let docs = docs.as_array().unwrap();
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[0]["quotes"][0]["speaker"], "Ivan Sokolov");
    assert!(docs[1]["error"].as_str().unwrap().contains("invalid JSON"));
    assert_eq!(docs[2]["id"], "b");
}

#[test]
fn kinds_filter_and_project_settings() {
    let dir = tempdir("kinds");
    let text =
        "Councillor Ivan Sokolov said the vote was rigged. ''We will appeal,'' Sokolov said.\n";
    let f = write(&dir, "story.txt", text);
    let out = run(bin()
        .args(["extract", "--format", "jsonl", "--kinds", "direct"])
        .arg(&f));
    let d = &jsonl(&out)[0];
    assert!(
        d["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|q| q["kind"] != "indirect")
    );
    // '' marks no direct quote by default (its words are mixed reported speech); a
    // quotelens.toml can say it does
    assert!(d["quotes"].as_array().unwrap().is_empty());
    let cfg = write(&dir, "quotelens.toml", "two-apostrophe-quotes = true\n");
    let out = run(bin()
        .args(["extract", "--format", "jsonl", "--config"])
        .arg(&cfg)
        .arg(&f));
    let d = &jsonl(&out)[0];
    let speech: Vec<&Value> = d["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["kind"] == "speech")
        .collect();
    assert_eq!(speech.len(), 1);
    assert_eq!(speech[0]["speaker"], "Ivan Sokolov");
    // the nearest quotelens.toml above the working directory is found by itself
    let out = run(bin()
        .current_dir(&dir)
        .args(["extract", "--format", "jsonl", "story.txt"]));
    assert_eq!(
        jsonl(&out)[0]["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|q| q["kind"] == "speech")
            .count(),
        1
    );
    // a broken setting warns and the rest applies
    write(
        &dir,
        "quotelens.toml",
        "two-apostrophe-quotes = \"yes\"\ncolour = 1\n",
    );
    let out = run(bin()
        .current_dir(&dir)
        .args(["extract", "--format", "jsonl", "story.txt"]));
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("colour") && err.contains("two-apostrophe-quotes"),
        "{err}"
    );
    let out = run(bin().args(["extract", "--kinds", "bogus"]).arg(&f));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_readme_commands_work() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let first = readme.lines().find(|l| l.starts_with("cargo run")).unwrap();
    let example = first
        .split_whitespace()
        .find(|w| w.starts_with("examples/"))
        .unwrap();
    let out = run(bin().current_dir(root).args(["extract", example]));
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Elena Marsh"));
}

#[test]
fn one_job_and_two_jobs_print_the_same_in_every_format() {
    let dir = tempdir("jobs");
    let files: Vec<PathBuf> = (0..12)
        .map(|i| {
            let text = format!(
                "\"Pier {i} opens on Monday,\" said Harbour Master Lena Okafor.\n\n\
                 She added: \"The ferries will be on time.\n\n\
                 \"Not likely,\" Councillor Ivan Sokolov said of pier {i}.\n"
            );
            write(&dir, &format!("story-{i:02}.txt"), &text)
        })
        .collect();
    for args in [
        &["extract", "--format", "jsonl"][..],
        &["extract", "--format", "json"][..],
        &["extract", "--format", "text"][..],
        &["check", "--format", "text"][..],
        &["check", "--format", "json"][..],
    ] {
        let outputs: Vec<Output> = ["1", "2"]
            .iter()
            .map(|jobs| run(bin().args(args).args(["--jobs", jobs]).args(&files)))
            .collect();
        assert!(!outputs[0].stdout.is_empty(), "{args:?}");
        assert_eq!(outputs[0].stdout, outputs[1].stdout, "{args:?}");
        assert_eq!(
            outputs[0].status.code(),
            outputs[1].status.code(),
            "{args:?}"
        );
    }
}

#[test]
fn a_project_style_of_fiction_gives_cue_less_turns_their_speakers() {
    let dir = tempdir("style");
    let scene = "\"The ferry is late again,\" said Nell.\n\n\"It always is in March,\" said Tom.\n\n\
                 \"Then we walk.\"\n";
    let f = write(&dir, "scene.txt", scene);
    let speaker_of_last =
        |d: &Value| d["quotes"].as_array().unwrap().last().unwrap()["speaker"].clone();
    let out = run(bin()
        .current_dir(&dir)
        .args(["extract", "--format", "jsonl", "scene.txt"]));
    let d = &jsonl(&out)[0];
    assert_eq!(d["style"], "news");
    assert_eq!(speaker_of_last(d), "Tom");
    write(&dir, "quotelens.toml", "style = \"fiction\"\n");
    let out = run(bin()
        .current_dir(&dir)
        .args(["extract", "--format", "jsonl"])
        .arg(&f));
    let d = &jsonl(&out)[0];
    assert_eq!(d["style"], "fiction");
    assert_eq!(speaker_of_last(d), "Nell");
    // A bad value is named on standard error and the default still applies.
    write(&dir, "quotelens.toml", "style = \"poetry\"\n");
    let out = run(bin()
        .current_dir(&dir)
        .args(["extract", "--format", "jsonl", "scene.txt"]));
    assert!(String::from_utf8_lossy(&out.stderr).contains("poetry"));
    assert_eq!(jsonl(&out)[0]["style"], "news");
}

#[test]
fn a_headline_quote_is_its_own_kind_and_is_checked_against_the_story() {
    let dir = tempdir("headline");
    let text = "Voters slam \u{2018}fare hike\u{2019} at harbor meeting\n\nResidents packed the hall on Monday. \u{201C}The new prices are too steep,\u{201D} said Ana Ruiz, a nurse.\n";
    let f = write(&dir, "story.txt", text);
    let out = run(bin()
        .args(["extract", "--format", "jsonl", "--kinds", "headline"])
        .arg(&f));
    let doc = &jsonl(&out)[0];
    let kinds: Vec<&str> = doc["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["headline"]);
    assert_eq!(doc["quotes"][0]["start"], 12); // code points: after "Voters slam "
    let out = run(bin().args(["check"]).arg(&f));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .find(|l| l.contains("headline-quote-not-in-story"))
        .unwrap_or_else(|| panic!("a headline finding in {stdout}"));
    assert!(
        line.starts_with(&format!("{}:1:13: warning[", f.display())),
        "{line}"
    );
}

#[test]
fn the_text_summary_counts_in_the_singular_for_one() {
    let dir = tempdir("summary-counts");
    let one = write(
        &dir,
        "one.txt",
        "\"We will build the pier this year,\" Mayor Ivo Brandt said on Monday.\n",
    );
    let out = run(bin().args(["extract"]).arg(&one));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("  1 quotation, 1 speaker, "), "{text}");
    let two = write(
        &dir,
        "two.txt",
        "\"We will build the pier,\" Mayor Ivo Brandt said.\n\n\"Not this year,\" said Ana Ruiz.\n",
    );
    let out = run(bin().args(["extract"]).arg(&two));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("  2 quotations, 2 speakers, "), "{text}");
}
