//! The `quotelens` command line: `lsp`, `extract`, `check`.

use crate::analysis::{Analysis, Format, QuoteKind, Severity, analyze};
use crate::config::{self, Settings};
use crate::report::report;
use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use serde_json::Value;
use std::io::{self, BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "quotelens",
    version,
    about = "Finds every quotation in prose and who said it.",
    after_help = "Run `quotelens lsp` (or `quotelens --stdio`) from an editor to start the language server."
)]
pub struct Cli {
    /// Start the language server on standard input and output (same as `quotelens lsp`).
    #[arg(long, global = false)]
    stdio: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Start the language server on standard input and output.
    Lsp {
        /// Accepted for clients that pass it; the server always speaks over stdio.
        #[arg(long)]
        stdio: bool,
    },
    /// Print every quotation, its speaker, the speakers and the findings.
    Extract(ExtractArgs),
    /// Print findings as `path:line:col: severity[code]: message`; exit 1 on errors.
    Check(CheckArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ExtractFormat {
    /// A readable table.
    Text,
    /// One pretty JSON array of per-file objects.
    Json,
    /// One JSON object per file, one per line.
    Jsonl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Syntax {
    /// Markdown for .md/.markdown files, plain text otherwise.
    Auto,
    Plain,
    Markdown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Input {
    /// FILE arguments (or `-` for standard input).
    Files,
    /// Lines of `{"id": ..., "text": ...}` on standard input.
    Jsonl,
}

#[derive(clap::Args, Debug)]
struct Common {
    /// How to read the text.
    #[arg(long, value_enum, default_value_t = Syntax::Auto)]
    syntax: Syntax,
    /// A quotelens.toml to use (default: the nearest one above the current directory).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Files to analyse in parallel (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
}

#[derive(clap::Args, Debug)]
struct ExtractArgs {
    #[arg(long, value_enum, default_value_t = ExtractFormat::Text)]
    format: ExtractFormat,
    /// Read files, or `{"id","text"}` lines from standard input.
    #[arg(long, value_enum, default_value_t = Input::Files)]
    input: Input,
    /// Which quotations to print: direct, indirect, or kinds (speech, headline, title, term, mixed).
    #[arg(long, value_delimiter = ',', value_name = "KINDS")]
    kinds: Vec<String>,
    /// One entry per quoted stretch. By default each entry is an attribution relation: a
    /// quotation briefly interrupted by its attribution ("...," she said, "...") is one entry
    /// spanning its parts, listed under `parts`.
    #[arg(long)]
    parts: bool,
    #[command(flatten)]
    common: Common,
    /// Text files to analyse; `-` reads standard input.
    files: Vec<PathBuf>,
}

#[derive(clap::Args, Debug)]
struct CheckArgs {
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
    #[command(flatten)]
    common: Common,
    /// Text files to check; `-` reads standard input.
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

/// Run the command line; returns the process exit code.
pub fn main() -> ExitCode {
    crate::memory::keep_large_blocks_mapped();
    let cli = Cli::parse();
    match cli.command {
        None if cli.stdio => crate::lsp::run_stdio(),
        Some(Command::Lsp { .. }) => crate::lsp::run_stdio(),
        None => {
            use clap::CommandFactory;
            let _ = Cli::command().print_help();
            ExitCode::from(2)
        }
        Some(Command::Extract(args)) => extract(args),
        Some(Command::Check(args)) => check(args),
    }
}

/// Settings from `--config` or the nearest quotelens.toml; warnings go to stderr.
fn load_settings(common: &Common) -> Settings {
    let mut settings = Settings::default();
    let warnings = match &common.config {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => settings.apply_toml(&text, &path.display().to_string()),
            Err(e) => vec![format!("{}: {e}", path.display())],
        },
        None => std::env::current_dir()
            .ok()
            .and_then(|d| config::find_project_dir(&d))
            .map(|d| settings.apply_project_file(&d))
            .unwrap_or_default(),
    };
    for w in warnings {
        eprintln!("quotelens: warning: {w}");
    }
    settings
}

fn thread_pool(jobs: Option<usize>) -> rayon::ThreadPool {
    let mut b = rayon::ThreadPoolBuilder::new();
    if let Some(n) = jobs {
        b = b.num_threads(n.max(1));
    }
    b.build().unwrap_or_else(|_| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("one thread")
    })
}

fn format_of(syntax: Syntax, path: &str) -> Format {
    match syntax {
        Syntax::Auto => Format::guess(path),
        Syntax::Plain => Format::Plain,
        Syntax::Markdown => Format::Markdown,
    }
}

/// One input: a name to report and its text, or why it could not be read.
struct Document {
    name: String,
    text: Result<String, String>,
}

fn read_document(path: &Path) -> Document {
    let name = path.display().to_string();
    let bytes = if name == "-" {
        let mut buf = Vec::new();
        io::stdin().read_to_end(&mut buf).map(|_| buf)
    } else {
        std::fs::read(path)
    };
    let text = match bytes {
        Ok(b) => String::from_utf8(b).map_err(|_| "not UTF-8 text".to_string()),
        Err(e) => Err(e.to_string()),
    };
    Document { name, text }
}

/// Analyse documents in order, in parallel, a batch at a time: `render` turns each analysis
/// into output on the worker threads too (serialising JSON costs about as much as analysing),
/// and `emit` gets the rendered documents in input order.
fn for_each_analysis<I, R, P, F>(
    docs: I,
    settings: &Settings,
    syntax: Syntax,
    jobs: Option<usize>,
    render: P,
    mut emit: F,
) where
    I: Iterator<Item = Document>,
    R: Send,
    P: Fn(&Document, Option<&Analysis>) -> R + Sync,
    F: FnMut(&Document, R),
{
    let pool = thread_pool(jobs);
    let batch = pool.current_num_threads() * 16;
    let plain = settings.options(Format::Plain);
    let markdown = settings.options(Format::Markdown);
    let mut docs = docs.peekable();
    while docs.peek().is_some() {
        let chunk: Vec<Document> = docs.by_ref().take(batch).collect();
        let results: Vec<R> = pool.install(|| {
            chunk
                .par_iter()
                .map(|d| {
                    let analysis = d.text.as_ref().ok().map(|text| {
                        let opts = match format_of(syntax, &d.name) {
                            Format::Plain => &plain,
                            Format::Markdown => &markdown,
                        };
                        analyze(text, opts)
                    });
                    render(d, analysis.as_ref())
                })
                .collect()
        });
        for (d, r) in chunk.iter().zip(results) {
            emit(d, r);
        }
    }
}

fn kind_selected(kinds: &[String], kind: QuoteKind) -> bool {
    kinds.is_empty()
        || kinds
            .iter()
            .any(|k| match k.trim().to_ascii_lowercase().as_str() {
                "direct" => kind.is_direct(),
                "indirect" | "reported" => !kind.is_direct(),
                other => other == kind.as_str(),
            })
}

/// One document's output, made on a worker thread.
enum Rendered {
    /// Ready to write (a table, or a JSON line).
    Bytes(Vec<u8>),
    /// One element of the JSON array, pretty-printed and indented as the array's element.
    Item(Vec<u8>),
}

/// A buffer that indents every line after the first by two spaces as it is written. JSON
/// strings escape their line breaks, so every raw `\n` lies between tokens.
struct Indented(Vec<u8>);

impl Write for Indented {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        for piece in buf.split_inclusive(|&b| b == b'\n') {
            self.0.extend_from_slice(piece);
            if piece.ends_with(b"\n") {
                self.0.extend_from_slice(b"  ");
            }
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Writes `--format json`'s array one element at a time as the documents arrive, with the
/// bytes `serde_json::to_writer_pretty` gives for the whole array.
#[derive(Default)]
struct JsonArray {
    items: usize,
}

impl JsonArray {
    /// `item` pretty-printed at the top level, indented here one level deeper.
    fn element(item: &impl serde::Serialize) -> Vec<u8> {
        let mut out = Indented(b"  ".to_vec());
        // Serialising to memory fails only for maps with non-string keys; reports have none.
        let _ = serde_json::to_writer_pretty(&mut out, item);
        out.0
    }

    fn push(&mut self, out: &mut impl Write, element: &[u8]) -> io::Result<()> {
        out.write_all(if self.items == 0 { b"[\n" } else { b",\n" })?;
        self.items += 1;
        out.write_all(element)
    }

    fn finish(self, out: &mut impl Write) -> io::Result<()> {
        out.write_all(if self.items == 0 { b"[]" } else { b"\n]" })
    }
}

fn extract(args: ExtractArgs) -> ExitCode {
    let settings = load_settings(&args.common);
    for k in &args.kinds {
        if !matches!(
            k.trim().to_ascii_lowercase().as_str(),
            "direct" | "indirect" | "reported" | "speech" | "headline" | "title" | "term" | "mixed"
        ) {
            eprintln!(
                "quotelens: unknown kind \"{k}\" (use direct, indirect, speech, headline, title, term, mixed)"
            );
            return ExitCode::from(2);
        }
    }
    let docs: Box<dyn Iterator<Item = Document>> = match args.input {
        Input::Files => {
            if args.files.is_empty() {
                eprintln!("quotelens: no input files (give FILE... or - for standard input)");
                return ExitCode::from(2);
            }
            Box::new(args.files.clone().into_iter().map(|p| read_document(&p)))
        }
        Input::Jsonl => Box::new(jsonl_documents()),
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut json_array = JsonArray::default();
    let render = |doc: &Document, analysis: Option<&Analysis>| -> Result<Rendered, String> {
        let (Ok(text), Some(analysis)) = (&doc.text, analysis) else {
            return Err(doc.text.as_ref().err().cloned().unwrap_or_default());
        };
        if args.format == ExtractFormat::Text {
            let mut table = Vec::new();
            // Writing to memory cannot fail.
            let _ = write_table(&mut table, &doc.name, text, analysis, &args.kinds);
            return Ok(Rendered::Bytes(table));
        }
        let mut report = report(&doc.name, text, analysis, !args.parts, |q| {
            kind_selected(&args.kinds, q.kind)
        });
        if args.input == Input::Jsonl {
            report = report.with_id(&doc.name);
        }
        Ok(match args.format {
            ExtractFormat::Json => Rendered::Item(JsonArray::element(&report)),
            _ => {
                let mut line = Vec::new();
                // Serialising to memory fails only for maps with non-string keys.
                let _ = serde_json::to_writer(&mut line, &report);
                line.push(b'\n');
                Rendered::Bytes(line)
            }
        })
    };
    for_each_analysis(
        docs,
        &settings,
        args.common.syntax,
        args.common.jobs,
        render,
        |doc, rendered| {
            let result = match rendered {
                Err(why) => {
                    eprintln!("quotelens: {}: {why}", doc.name);
                    failed = true;
                    if args.input != Input::Jsonl {
                        return;
                    }
                    // Keep one output entry per input line.
                    let error = serde_json::json!({"id": doc.name, "path": doc.name, "error": why});
                    if args.format == ExtractFormat::Json {
                        json_array.push(&mut out, &JsonArray::element(&error))
                    } else {
                        writeln!(out, "{error}")
                    }
                }
                Ok(Rendered::Bytes(b)) => out.write_all(&b),
                Ok(Rendered::Item(element)) => json_array.push(&mut out, &element),
            };
            if result.is_err() {
                failed = true;
            }
        },
    );
    if args.format == ExtractFormat::Json {
        let _ = json_array.finish(&mut out);
        let _ = writeln!(out);
    }
    let _ = out.flush();
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// `{"id", "text"}` lines from standard input.
fn jsonl_documents() -> impl Iterator<Item = Document> {
    io::stdin()
        .lock()
        .lines()
        .enumerate()
        .filter_map(|(n, line)| {
            let line = match line {
                Ok(l) => l,
                Err(e) => {
                    return Some(Document {
                        name: format!("line {}", n + 1),
                        text: Err(e.to_string()),
                    });
                }
            };
            if line.trim().is_empty() {
                return None;
            }
            let parsed: Result<Value, _> = serde_json::from_str(&line);
            Some(match parsed {
                Ok(v) => {
                    let id = match &v["id"] {
                        Value::String(s) => s.clone(),
                        Value::Null => format!("{}", n + 1),
                        other => other.to_string(),
                    };
                    let text = v["text"]
                        .as_str()
                        .map(str::to_string)
                        .ok_or_else(|| "no \"text\" string".to_string());
                    Document { name: id, text }
                }
                Err(e) => Document {
                    name: format!("line {}", n + 1),
                    text: Err(format!("invalid JSON: {e}")),
                },
            })
        })
}

fn shorten(s: &str, max: usize) -> String {
    let flat = crate::analysis::text::single_spaced(s).into_owned();
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

fn write_table(
    out: &mut impl Write,
    name: &str,
    text: &str,
    a: &Analysis,
    kinds: &[String],
) -> io::Result<()> {
    let lines = crate::position::LineIndex::new(text);
    let at = |o: usize| {
        let p = lines.position(text, o, crate::position::Encoding::Utf32);
        format!("{}:{}", p.line + 1, p.col + 1)
    };
    writeln!(out, "{name}")?;
    let quotes: Vec<_> = a
        .quotes
        .iter()
        .filter(|q| q.depth == 0 && kind_selected(kinds, q.kind))
        .collect();
    writeln!(
        out,
        "  {}, {}, {}",
        counted(quotes.len(), "quotation"),
        counted(a.entities.len(), "speaker"),
        counted(a.findings.len(), "finding")
    )?;
    if !quotes.is_empty() {
        writeln!(
            out,
            "\n  {:<8} {:<8} {:<22} {:<22} {:>4}  quotation",
            "at", "kind", "speaker", "rule", "conf"
        )?;
        for q in quotes {
            let speaker = q
                .speaker
                .map_or("?".to_string(), |e| a.entities[e].name.clone());
            writeln!(
                out,
                "  {:<8} {:<8} {:<22} {:<22} {:>4.2}  {}",
                at(q.span.start),
                q.kind.as_str(),
                shorten(&speaker, 22),
                q.rule.as_str(),
                q.confidence,
                shorten(q.span.text(text), 60)
            )?;
        }
    }
    if !a.entities.is_empty() {
        writeln!(out, "\n  speakers")?;
        for e in &a.entities {
            let titles = if e.titles.is_empty() {
                String::new()
            } else {
                format!(" ({})", e.titles.join("; "))
            };
            let mut forms: Vec<&str> = Vec::new();
            for &m in &e.mentions {
                let t = a.mentions[m].span.text(text);
                if !forms.contains(&t) {
                    forms.push(t);
                }
            }
            let direct = e
                .quotes
                .iter()
                .filter(|&&q| a.quotes[q].kind.is_direct())
                .count();
            let reported = e.quotes.len() - direct;
            writeln!(
                out,
                "  {:>3}. {}{} — {} quotes{}; mentions: {}",
                e.id,
                e.name,
                titles,
                direct,
                if reported > 0 {
                    format!(", {reported} reported")
                } else {
                    String::new()
                },
                shorten(&forms.join(", "), 100)
            )?;
        }
    }
    if !a.findings.is_empty() {
        writeln!(out, "\n  findings")?;
        for f in &a.findings {
            writeln!(
                out,
                "  {:<8} {}[{}]: {}",
                at(f.span.start),
                f.severity.as_str(),
                f.code.as_str(),
                f.message
            )?;
        }
    }
    writeln!(out)
}

fn check(args: CheckArgs) -> ExitCode {
    let settings = load_settings(&args.common);
    let docs = args.files.clone().into_iter().map(|p| read_document(&p));
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut errors = false;
    let mut unreadable = false;
    let mut json_items = Vec::new();
    // Each finding with its line and column (counted on the worker threads).
    let render = |doc: &Document, analysis: Option<&Analysis>| {
        let (Ok(text), Some(analysis)) = (&doc.text, analysis) else {
            return Err(doc.text.as_ref().err().cloned().unwrap_or_default());
        };
        let lines = crate::position::LineIndex::new(text);
        Ok(analysis
            .findings
            .iter()
            .map(|f| {
                let p = lines.position(text, f.span.start, crate::position::Encoding::Utf32);
                (p.line + 1, p.col + 1, f.clone())
            })
            .collect::<Vec<_>>())
    };
    for_each_analysis(
        docs,
        &settings,
        args.common.syntax,
        args.common.jobs,
        render,
        |doc, found| {
            let found = match found {
                Ok(f) => f,
                Err(why) => {
                    eprintln!("quotelens: {}: {why}", doc.name);
                    unreadable = true;
                    return;
                }
            };
            for (line, column, f) in found {
                errors |= f.severity == Severity::Error;
                match args.format {
                    CheckFormat::Text => {
                        let _ = writeln!(
                            out,
                            "{}:{line}:{column}: {}[{}]: {}",
                            doc.name,
                            f.severity.as_str(),
                            f.code.as_str(),
                            f.message
                        );
                    }
                    CheckFormat::Json => json_items.push(serde_json::json!({
                        "path": doc.name, "line": line, "column": column,
                        "code": f.code.as_str(), "severity": f.severity.as_str(),
                        "message": f.message,
                    })),
                }
            }
        },
    );
    if args.format == CheckFormat::Json {
        let _ = serde_json::to_writer_pretty(&mut out, &json_items);
        let _ = writeln!(out);
    }
    let _ = out.flush();
    if unreadable {
        ExitCode::from(2)
    } else if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// "1 finding", "2 findings".
fn counted(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}
