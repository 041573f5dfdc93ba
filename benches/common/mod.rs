//! Texts for the benchmarks and the latency harness: the corpora in `../shared` (read at run
//! time, never copied into the project) when they are there, and generated news and fiction
//! otherwise. Everything generated here is written for quotelens.

#![allow(dead_code)] // each bench and example uses part of it

pub mod stages;

use std::path::{Path, PathBuf};

/// A news article written for the benchmarks (about 5 KB).
pub const NEWS_ARTICLE: &str = include_str!("../fixtures/dock-strike.txt");

/// `../shared` beside the checkout, or `$QUOTELENS_SHARED`; `None` when it is absent.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("QUOTELENS_SHARED") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
    };
    dir.join("corpus").is_dir().then_some(dir)
}

/// The `text` of every line of a corpus in `../shared/corpus`, with its `id`.
pub fn corpus(name: &str) -> Option<Vec<(String, String)>> {
    let path = shared_dir()?.join("corpus").join(name);
    let data = std::fs::read_to_string(path).ok()?;
    let docs: Vec<(String, String)> = data
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            let text = v["text"].as_str()?.to_string();
            Some((v["id"].as_str().unwrap_or("").to_string(), text))
        })
        .collect();
    (!docs.is_empty()).then_some(docs)
}

/// Where a text came from, to print beside its figures.
pub struct Text {
    pub label: String,
    pub text: String,
}

/// Every polnear-train article, one after another; generated news of the same size when the
/// corpus is absent.
pub fn polnear_train_concatenation() -> Text {
    match corpus("polnear-train.jsonl") {
        Some(docs) => Text {
            label: format!("polnear-train, {} articles concatenated", docs.len()),
            text: docs
                .into_iter()
                .map(|(_, t)| t)
                .collect::<Vec<_>>()
                .join("\n\n"),
        },
        None => Text {
            label: "generated news (../shared is absent)".into(),
            text: generated_news(3_800_000),
        },
    }
}

/// One whole novel from pdnc-dev (Emma when it is there); a generated one when it is absent.
pub fn pdnc_novel() -> Text {
    match corpus("pdnc-dev.jsonl") {
        Some(docs) => {
            let (id, text) = docs
                .iter()
                .find(|(id, _)| id == "Emma")
                .cloned()
                .unwrap_or_else(|| docs[0].clone());
            Text {
                label: format!("pdnc-dev novel {id}"),
                text,
            }
        }
        None => Text {
            label: "generated novel (../shared is absent)".into(),
            text: generated_novel(900_000),
        },
    }
}

/// News of about `bytes`: polnear-train articles when the corpus is there, else generated.
pub fn news_of_size(bytes: usize) -> Text {
    match corpus("polnear-train.jsonl") {
        Some(docs) => Text {
            label: "polnear-train articles".into(),
            text: concatenate(docs.into_iter().map(|(_, t)| t), bytes),
        },
        None => Text {
            label: "generated news (../shared is absent)".into(),
            text: generated_news(bytes),
        },
    }
}

/// A novel of about `bytes`: pdnc-dev novels one after another, else generated fiction.
pub fn novel_of_size(bytes: usize) -> Text {
    match corpus("pdnc-dev.jsonl") {
        Some(docs) => Text {
            label: "pdnc-dev novels".into(),
            text: concatenate(docs.into_iter().map(|(_, t)| t), bytes),
        },
        None => Text {
            label: "generated fiction (../shared is absent)".into(),
            text: generated_novel(bytes),
        },
    }
}

/// Texts joined by blank lines, repeated if needed, cut at a paragraph break near `bytes`.
fn concatenate(texts: impl Iterator<Item = String> + Clone, bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 4096);
    while out.len() < bytes {
        let before = out.len();
        for t in texts.clone() {
            if out.len() >= bytes {
                break;
            }
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&t);
        }
        if out.len() == before {
            break;
        }
    }
    if out.len() > bytes
        && let Some(cut) = out[..bytes].rfind("\n\n")
    {
        out.truncate(cut);
    }
    out
}

/// A small deterministic generator (xorshift), so generated texts are the same every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 16) as usize
    }
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.next() % list.len()]
    }
}

const GIVEN: &[&str] = &[
    "Marta", "Jonas", "Aisha", "Piotr", "Helen", "Kwame", "Lucia", "Omar", "Ingrid", "Rafael",
    "Sunita", "Tobias", "Amara", "Viktor", "Noor", "Declan", "Yuki", "Esther", "Mateo", "Greta",
];
const SURNAMES: &[&str] = &[
    "Okafor",
    "Lindqvist",
    "Haddad",
    "Kowalczyk",
    "Marsh",
    "Mensah",
    "Ferreira",
    "Nakamura",
    "Brenner",
    "Castellano",
    "Osei",
    "Virtanen",
    "Delgado",
    "Achterberg",
    "Rahman",
    "Quill",
    "Moreau",
    "Szabo",
    "Eriksen",
    "Abernathy",
    "Papadakis",
    "Kaur",
    "Novak",
    "Whitlock",
];
const TITLES: &[&str] = &[
    "Mayor",
    "Councillor",
    "Finance Minister",
    "Senator",
    "Police Chief",
    "Harbour Master",
    "Health Secretary",
    "Judge",
];
const ROLES: &[&str] = &[
    "a spokeswoman for the council",
    "the union's general secretary",
    "a senior economist at the institute",
    "the city's chief engineer",
    "a nurse at the district hospital",
    "the chairman of the residents' association",
];
const TOPICS: &[&str] = &[
    "the bridge repairs",
    "the new tram line",
    "the school budget",
    "the harbour expansion",
    "the water tariff",
    "the housing plan",
    "the night-bus cuts",
    "the flood barrier",
];
const CUES: &[&str] = &[
    "said",
    "added",
    "told reporters",
    "warned",
    "argued",
    "insisted",
];
const CLAIMS: &[&str] = &[
    "We have waited long enough for a decision",
    "Nobody in this town is against progress",
    "The figures simply do not add up",
    "Every delay makes the final bill larger",
    "We will publish the full study next week",
    "I have not seen a single convincing argument",
    "This is about trust, not about money",
    "The residents deserve a straight answer",
];

/// Generated news of about `bytes`: short articles about made-up towns and people, with
/// direct quotes (trailing, leading, interrupted), reported speech, titles and pronouns.
/// How every generated news article begins.
pub const GENERATED_HEADLINE: &str = "Council divided over ";

pub fn generated_news(bytes: usize) -> String {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = String::with_capacity(bytes + 4096);
    while out.len() < bytes {
        let topic = rng.pick(TOPICS);
        let (g1, s1, t1) = (rng.pick(GIVEN), rng.pick(SURNAMES), rng.pick(TITLES));
        let (g2, s2) = (rng.pick(GIVEN), rng.pick(SURNAMES));
        let role = rng.pick(ROLES);
        out.push_str(&format!(
            "{GENERATED_HEADLINE}{topic}\n\n\
             {t1} {g1} {s1} said on Tuesday that {topic} would go ahead despite objections from residents.\n\n\
             \u{201C}{c1},\u{201D} {s1} {cue} after the meeting. \u{201C}{c2}.\u{201D}\n\n\
             {g2} {s2}, {role}, disagreed. \u{201C}{c3},\u{201D} {he} said, \u{201C}and I will keep saying it.\u{201D}\n\n\
             According to {s2}, the plan has already cost more than expected. {s1} rejected that claim, saying the accounts were published in full.\n\n\
             \"{c4},\" said {g1} {s1}.\n\n\
             {s2} told the council: \"{c5}.\"\n\n",
            c1 = rng.pick(CLAIMS),
            c2 = rng.pick(CLAIMS),
            c3 = rng.pick(CLAIMS),
            c4 = rng.pick(CLAIMS),
            c5 = rng.pick(CLAIMS),
            cue = rng.pick(CUES),
            he = if rng.next().is_multiple_of(2) { "she" } else { "he" },
        ));
    }
    out
}

const LINES: &[&str] = &[
    "I had not expected to see you here",
    "You always say that, and you never mean it",
    "The carriage will not wait for us",
    "Then let it go without us",
    "I am not sure that I understand you",
    "Nobody ever does, my dear",
    "Shall we walk as far as the church",
    "If you wish it, though the road is wet",
];
const NARRATION: &[&str] = &[
    "The rain had stopped by the time they reached the gate, and the lane shone under the lamps.",
    "She looked at him for a long moment before she answered, as though weighing every word.",
    "Nobody in the house had slept well, and the breakfast table was quieter than usual.",
    "He turned the letter over twice in his hands and then put it, unopened, on the mantelpiece.",
    "The clock in the hall struck four, and somewhere upstairs a door closed softly.",
];

/// Generated fiction of about `bytes`: chapters of narration and dialogue between recurring
/// characters, hard-wrapped at 72 columns like a Project Gutenberg text.
pub fn generated_novel(bytes: usize) -> String {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let mut out = String::with_capacity(bytes + 4096);
    let mut chapter = 0;
    while out.len() < bytes {
        chapter += 1;
        out.push_str(&format!("CHAPTER {chapter}\n\n\n"));
        let a = (rng.pick(GIVEN), rng.pick(SURNAMES));
        let b = (rng.pick(GIVEN), rng.pick(SURNAMES));
        let mut para = format!(
            "{} {} came to the house of {} {} on a grey afternoon. {}",
            a.0,
            a.1,
            b.0,
            b.1,
            rng.pick(NARRATION)
        );
        for turn in 0..24 {
            push_wrapped(&mut out, &para);
            let (speaker, verb) = if turn % 2 == 0 {
                (a.0, "said")
            } else {
                (b.0, "replied")
            };
            para = match turn % 4 {
                0 => format!("\"{},\" said {speaker}.", rng.pick(LINES)),
                1 => format!("\"{}.\"", rng.pick(LINES)),
                2 => format!(
                    "\"{},\" {speaker} {verb}, \"{}.\" {}",
                    rng.pick(LINES),
                    rng.pick(LINES).to_lowercase(),
                    rng.pick(NARRATION)
                ),
                _ => format!("{} \"{}?\"", rng.pick(NARRATION), rng.pick(LINES)),
            };
        }
        push_wrapped(&mut out, &para);
    }
    out
}

fn push_wrapped(out: &mut String, para: &str) {
    let mut line = 0;
    for word in para.split(' ') {
        if line > 0 && line + 1 + word.len() > 72 {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += word.len();
    }
    out.push_str("\n\n");
}
