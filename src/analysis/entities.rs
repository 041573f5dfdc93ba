//! Speakers as entities: name mentions grouped ("Sergey Lavrov", "Lavrov", "Mr. Lavrov"),
//! descriptions and pronouns resolved to the most salient compatible entity.

use super::lexicon;
use super::model::{Entity, Gender, Mention, MentionKind, Span};
use std::collections::HashMap;

/// A mention before it belongs to an entity.
#[derive(Clone, Debug)]
pub struct MentionSeed {
    pub mention: Mention,
    /// Lowercase words of the proper name (names) or of the phrase (descriptions).
    pub words: Vec<String>,
    /// The name as written, for names ("Sergey Lavrov").
    pub display: String,
    pub person_evidence: bool,
    /// The subject of a speech cue.
    pub is_speaker: bool,
    pub paragraph: usize,
    pub plural: bool,
    /// An indefinite description ("a spokeswoman") introduces someone new.
    pub indefinite: bool,
    /// The mention lies in a headline-like paragraph.
    pub in_headline: bool,
    /// Another seed this one stands for (a relative pronoun and its antecedent).
    pub same_as: Option<usize>,
    /// Kept only if it resolves to someone already mentioned ("the mayor" in narration).
    pub optional: bool,
}

/// A group of spelling variants found while grouping: (entity, mention with the odd spelling).
#[derive(Clone, Debug)]
pub struct Variant {
    pub entity: usize,
    pub mention: usize,
    /// A mention with the entity's usual spelling.
    pub other: usize,
}

pub struct Resolution {
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
    pub variants: Vec<Variant>,
    /// Mentions (pronouns, descriptions) with more than one likely antecedent.
    pub ambiguous: Vec<(usize, usize)>,
    /// For every seed (in input order), its index in `mentions`, if it was kept.
    pub seed_index: Vec<Option<usize>>,
}

#[derive(Clone, Debug, Default)]
struct Draft {
    names: Vec<Vec<String>>,
    gender: Gender,
    is_org: bool,
    person: bool,
    speaker: bool,
    titles: Vec<String>,
    last_pos: usize,
    last_paragraph: usize,
    last_subject_pos: Option<usize>,
    mentions: Vec<usize>,
    /// (name words count, display name, mention) of the fullest name.
    best_name: Option<(usize, String, usize)>,
    description: Option<String>,
    alias: Option<String>,
}

fn is_sub_sequence(short: &[String], long: &[String]) -> bool {
    !short.is_empty() && short.len() <= long.len() && long.windows(short.len()).any(|w| w == short)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Two spellings of one name: same shape, one word a near miss (Sergey / Sergei).
fn spelling_variant(a: &[String], b: &[String]) -> bool {
    if a.len() != b.len() || a.len() < 2 || a == b {
        return false;
    }
    let mut differing = a.iter().zip(b).filter(|(x, y)| x != y);
    let Some((x, y)) = differing.next() else {
        return false;
    };
    differing.next().is_none()
        && x.len() >= 4
        && y.len() >= 4
        && x.chars().next() == y.chars().next()
        && edit_distance(x, y) <= if x.len() >= 6 { 2 } else { 1 }
}

fn gender_fits(entity: Gender, mention: Gender) -> bool {
    entity == Gender::Unknown || mention == Gender::Unknown || entity == mention
}

/// Words of a description that say what someone is, for matching against titles.
fn content_words(words: &[String]) -> impl Iterator<Item = &str> {
    words.iter().map(String::as_str).filter(|w| {
        !lexicon::is_determiner(w)
            && !matches!(
                *w,
                "for" | "of" | "at" | "with" | "top" | "senior" | "former"
            )
    })
}

/// Role words that mean the same office: "the top diplomat" is a foreign minister.
fn same_office(a: &str, b: &str) -> bool {
    const GROUPS: &[&[&str]] = &[
        &[
            "diplomat",
            "minister",
            "secretary",
            "ambassador",
            "envoy",
            "foreign",
        ],
        &[
            "daily",
            "newspaper",
            "paper",
            "outlet",
            "publication",
            "post",
            "times",
            "news",
            "journal",
            "tabloid",
            "magazine",
            "network",
            "channel",
            "broadcaster",
        ],
        &[
            "president",
            "leader",
            "head",
            "chief",
            "premier",
            "chancellor",
        ],
        &[
            "senator",
            "lawmaker",
            "legislator",
            "congressman",
            "congresswoman",
            "representative",
            "rep",
            "sen",
        ],
        &[
            "candidate",
            "nominee",
            "contender",
            "hopeful",
            "frontrunner",
            "front-runner",
            "challenger",
        ],
        &[
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "representative",
            "official",
        ],
        &[
            "ministry",
            "department",
            "government",
            "administration",
            "office",
            "agency",
        ],
        &["campaign", "committee", "party"],
    ];
    a == b || GROUPS.iter().any(|g| g.contains(&a) && g.contains(&b))
}

/// Words naming an office, which a description and a title must agree on: "the Russian
/// president" is not the Russian foreign minister.
fn is_office(w: &str) -> bool {
    matches!(
        w,
        "president"
            | "minister"
            | "secretary"
            | "senator"
            | "sen"
            | "governor"
            | "gov"
            | "mayor"
            | "ambassador"
            | "envoy"
            | "diplomat"
            | "chancellor"
            | "premier"
            | "judge"
            | "prosecutor"
            | "congressman"
            | "congresswoman"
            | "lawmaker"
            | "legislator"
            | "chairman"
            | "chairwoman"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "ceo"
            | "commissioner"
            | "king"
            | "queen"
    )
}

/// Offices nobody is called by without holding them in the text ("the president").
fn is_elected_office(w: &str) -> bool {
    matches!(
        w,
        "president"
            | "minister"
            | "secretary"
            | "senator"
            | "governor"
            | "mayor"
            | "chancellor"
            | "premier"
            | "king"
            | "queen"
    )
}

/// Lookups that keep resolution linear in the number of mentions: entities by the words of
/// their names and titles, and the entities mentioned most recently.
#[derive(Default)]
struct Index {
    by_word: HashMap<String, Vec<usize>>,
    by_title_word: HashMap<String, Vec<usize>>,
    /// Most recently mentioned last; bounded.
    recent: Vec<usize>,
}

const RECENT: usize = 64;

impl Index {
    fn candidates<'w>(
        map: &HashMap<String, Vec<usize>>,
        words: impl Iterator<Item = &'w str>,
    ) -> Vec<usize> {
        let mut out: Vec<usize> = words
            .filter_map(|w| map.get(w))
            .flatten()
            .copied()
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
    fn add(map: &mut HashMap<String, Vec<usize>>, word: &str, e: usize) {
        let list = map.entry(word.to_string()).or_default();
        if !list.contains(&e) {
            list.push(e);
        }
    }
    fn touch(&mut self, e: usize) {
        self.recent.retain(|&x| x != e);
        self.recent.push(e);
        if self.recent.len() > RECENT {
            self.recent.remove(0);
        }
    }
}

fn title_words(title: &str) -> impl Iterator<Item = String> + '_ {
    title
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

pub fn resolve(seeds: Vec<MentionSeed>, aliases: &HashMap<String, String>) -> Resolution {
    // Process in text order.
    let mut order: Vec<usize> = (0..seeds.len()).collect();
    order.sort_by_key(|&i| (seeds[i].mention.span.start, seeds[i].mention.span.end));
    let mut drafts: Vec<Draft> = Vec::new();
    let mut assigned: Vec<Option<usize>> = vec![None; seeds.len()];
    let mut variants_raw: Vec<(usize, usize, usize)> = Vec::new();
    let mut ambiguous_raw: Vec<(usize, usize)> = Vec::new();
    let mut index = Index::default();

    for &si in &order {
        let seed = &seeds[si];
        let pos = seed.mention.span.start;
        let entity = match seed.same_as {
            Some(a) => assigned[a],
            None => match seed.mention.kind {
                MentionKind::Name => resolve_name(
                    seed,
                    si,
                    &drafts,
                    &index,
                    aliases,
                    &assigned,
                    &mut variants_raw,
                ),
                MentionKind::Description => resolve_description(seed, &drafts, &index),
                MentionKind::Pronoun => {
                    let (e, ambiguous) = resolve_pronoun(seed, pos, &drafts, &index);
                    if let Some(other) = ambiguous {
                        ambiguous_raw.push((si, other));
                    }
                    e
                }
            },
        };
        let e = match entity {
            Some(e) => e,
            None if seed.optional => continue,
            None => {
                // Pronouns with nothing to point at stay unresolved; anything else is new.
                if seed.mention.kind == MentionKind::Pronoun {
                    continue;
                }
                drafts.push(Draft {
                    gender: seed.mention.gender,
                    is_org: seed.mention.is_org,
                    description: (seed.mention.kind == MentionKind::Description)
                        .then(|| seed.display.clone()),
                    ..Draft::default()
                });
                drafts.len() - 1
            }
        };
        assigned[si] = Some(e);
        index.touch(e);
        for t in &seed.mention.titles {
            for w in title_words(t) {
                Index::add(&mut index.by_title_word, &w, e);
            }
        }
        if seed.mention.kind == MentionKind::Name {
            for w in &seed.words {
                Index::add(&mut index.by_word, w, e);
            }
        }
        let d = &mut drafts[e];
        d.mentions.push(si);
        d.last_pos = pos;
        d.last_paragraph = seed.paragraph;
        if seed.is_speaker {
            d.speaker = true;
            d.last_subject_pos = Some(pos);
        }
        if seed.person_evidence {
            d.person = true;
        }
        if d.gender == Gender::Unknown
            && matches!(seed.mention.gender, Gender::Male | Gender::Female)
        {
            d.gender = seed.mention.gender;
        }
        if seed.mention.is_org && seed.mention.kind == MentionKind::Name {
            d.is_org = true;
        }
        for t in &seed.mention.titles {
            if !d.titles.iter().any(|x| x.eq_ignore_ascii_case(t)) {
                d.titles.push(t.clone());
            }
        }
        if seed.mention.kind == MentionKind::Name {
            if !d.names.contains(&seed.words) {
                d.names.push(seed.words.clone());
            }
            let n = seed.words.len();
            if d.best_name.as_ref().is_none_or(|(m, _, _)| n > *m) {
                d.best_name = Some((n, seed.display.clone(), si));
            }
            if let Some(canon) = aliases.get(&seed.words.join(" ")) {
                d.alias = Some(canon.clone());
            }
        }
    }

    // Keep entities that speak or are clearly people; number them in order of appearance.
    let keep: Vec<bool> = drafts
        .iter()
        .map(|d| d.speaker || (d.person && !d.is_org) || d.alias.is_some())
        .collect();
    let mut new_id = vec![None; drafts.len()];
    let mut entities = Vec::new();
    for (e, d) in drafts.iter().enumerate() {
        if !keep[e] {
            continue;
        }
        new_id[e] = Some(entities.len());
        let name = d
            .alias
            .clone()
            .or_else(|| d.best_name.as_ref().map(|(_, n, _)| n.clone()))
            .or_else(|| d.description.clone())
            .unwrap_or_default();
        entities.push(Entity {
            id: entities.len(),
            name,
            titles: d.titles.clone(),
            is_org: d.is_org,
            gender: d.gender,
            mentions: Vec::new(),
            quotes: Vec::new(),
            introduction: None,
        });
    }
    // Mentions of kept entities, in text order.
    let mut mentions = Vec::new();
    let mut seed_index = vec![None; seeds.len()];
    for &si in &order {
        let Some(e) = assigned[si].and_then(|e| new_id[e]) else {
            continue;
        };
        let mut m = seeds[si].mention.clone();
        m.entity = Some(e);
        seed_index[si] = Some(mentions.len());
        entities[e].mentions.push(mentions.len());
        mentions.push(m);
    }
    for (e, d) in drafts.iter().enumerate() {
        if let (Some(id), Some((_, _, si))) = (new_id[e], &d.best_name) {
            entities[id].introduction = seed_index[*si];
        }
    }
    let variants = variants_raw
        .into_iter()
        .filter_map(|(e, m, o)| {
            Some(Variant {
                entity: new_id[e]?,
                mention: seed_index[m]?,
                other: seed_index[o]?,
            })
        })
        .collect();
    let ambiguous = ambiguous_raw
        .into_iter()
        .filter_map(|(m, other)| Some((seed_index[m]?, new_id[other]?)))
        .collect();
    Resolution {
        mentions,
        entities,
        variants,
        ambiguous,
        seed_index,
    }
}

fn resolve_name(
    seed: &MentionSeed,
    si: usize,
    drafts: &[Draft],
    index: &Index,
    aliases: &HashMap<String, String>,
    assigned: &[Option<usize>],
    variants: &mut Vec<(usize, usize, usize)>,
) -> Option<usize> {
    let words: Vec<String> = match aliases.get(&seed.words.join(" ")) {
        Some(canon) => canon.split_whitespace().map(str::to_lowercase).collect(),
        None => seed.words.clone(),
    };
    // Only entities sharing a word of the name can be it (a variant differs in one word).
    let candidates = Index::candidates(&index.by_word, words.iter().map(String::as_str));
    let mut best: Option<(usize, usize)> = None; // (entity, last_pos)
    for &e in &candidates {
        let d = &drafts[e];
        if d.names.is_empty() || !gender_fits(d.gender, seed.mention.gender) {
            continue;
        }
        let fits = d.names.iter().any(|n| {
            n == &words
                || (words.len() == 1 && (n.first() == words.first() || n.last() == words.last()))
                || (words.len() < n.len() && is_sub_sequence(&words, n))
                || (n.len() < words.len() && is_sub_sequence(n, &words))
        });
        // A different first name means a different person: Bill and Hillary Clinton.
        let clash = words.len() >= 2
            && d.names.iter().any(|n| {
                n.len() >= 2
                    && n.first() != words.first()
                    && n.last() == words.last()
                    && !spelling_variant(n, &words)
            });
        if fits && !clash && best.is_none_or(|(_, p)| d.last_pos > p) {
            best = Some((e, d.last_pos));
        }
    }
    if let Some((e, _)) = best {
        return Some(e);
    }
    // A near-miss spelling of an existing full name.
    for &e in &candidates {
        let d = &drafts[e];
        if d.names.iter().any(|n| spelling_variant(n, &words)) {
            let other = d
                .mentions
                .iter()
                .copied()
                .find(|&m| assigned[m] == Some(e))
                .unwrap_or(si);
            variants.push((e, si, other));
            return Some(e);
        }
    }
    None
}

fn resolve_description(seed: &MentionSeed, drafts: &[Draft], index: &Index) -> Option<usize> {
    // "a spokeswoman" introduces someone; "her neighbour" is someone else than "her".
    let possessive = seed.words.first().is_some_and(|w| {
        matches!(
            w.as_str(),
            "his" | "her" | "their" | "its" | "my" | "our" | "your"
        )
    });
    if seed.indefinite || seed.plural || possessive {
        return None;
    }
    let words: Vec<&str> = content_words(&seed.words).collect();
    // Someone mentioned lately, or anyone whose title shares a word with the description.
    let mut candidates = Index::candidates(&index.by_title_word, words.iter().copied());
    candidates.extend(index.recent.iter().copied());
    candidates.sort_unstable();
    candidates.dedup();
    let mut best: Option<(i64, usize)> = None;
    for &e in &candidates {
        let d = &drafts[e];
        if d.mentions.is_empty()
            || d.is_org != seed.mention.is_org
            || !gender_fits(d.gender, seed.mention.gender)
        {
            continue;
        }
        let title_words: Vec<String> = d
            .titles
            .iter()
            .flat_map(|t| {
                t.split(|c: char| !c.is_alphanumeric() && c != '-')
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
            })
            .chain(d.names.iter().flatten().cloned())
            .collect();
        // An office in the description must fit one of the entity's offices; someone without
        // a known office can be "the spokeswoman", not "the president".
        if let Some(head) = words.last().filter(|w| is_office(w)) {
            let mut offices = d
                .titles
                .iter()
                .flat_map(|t| t.split(|c: char| !c.is_alphanumeric() && c != '-'))
                .map(str::to_lowercase)
                .filter(|t| is_office(t))
                .peekable();
            let fits = match offices.peek() {
                Some(_) => offices.any(|t| same_office(&t, head)),
                None => !is_elected_office(head),
            };
            if !fits {
                continue;
            }
        }
        let mut matched: i64 = 0;
        for w in &words {
            if title_words.iter().any(|t| t == w) {
                matched += 3;
            } else if title_words.iter().any(|t| same_office(t, w)) {
                matched += 2;
            }
        }
        let distance = seed.paragraph.saturating_sub(d.last_paragraph) as i64;
        // Without a matching title, only someone mentioned just before can be meant.
        if matched == 0 && distance > 3 {
            continue;
        }
        let score = (matched + i64::from(d.speaker)) * 10 - distance;
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, e));
        }
    }
    best.filter(|(s, _)| *s > 0).map(|(_, e)| e)
}

/// The most salient compatible entity for a pronoun, and a rival when the choice is unclear.
fn resolve_pronoun(
    seed: &MentionSeed,
    pos: usize,
    drafts: &[Draft],
    index: &Index,
) -> (Option<usize>, Option<usize>) {
    let g = seed.mention.gender;
    let mut scored: Vec<(i64, usize, bool)> = Vec::new();
    for &e in &index.recent {
        let d = &drafts[e];
        if d.mentions.is_empty() || d.last_pos >= pos || seed.paragraph > d.last_paragraph + 4 {
            continue;
        }
        let ok = match g {
            Gender::Male | Gender::Female => !d.is_org && gender_fits(d.gender, g),
            Gender::Neuter => d.is_org,
            Gender::Plural => d.is_org || d.gender == Gender::Plural,
            Gender::Unknown => !d.is_org, // "I" outside quotes: a person
        };
        if !ok {
            continue;
        }
        let exact = d.gender == g;
        let distance = (pos - d.last_pos) as i64;
        let mut score = -distance;
        if exact {
            score += 150;
        }
        // The current paragraph's people come first.
        if d.last_paragraph == seed.paragraph {
            score += 300;
        }
        if d.last_subject_pos.is_some_and(|sp| pos - sp < 1500) {
            score += 300;
        }
        if d.person {
            score += 50;
        }
        scored.push((score, e, exact));
    }
    scored.sort_by_key(|s| std::cmp::Reverse(s.0));
    let best = scored.first().map(|s| s.1);
    let rival = match (scored.first(), scored.get(1)) {
        (Some(a), Some(b)) if a.2 && b.2 && a.0 - b.0 < 150 => Some(b.1),
        _ => None,
    };
    (best, rival)
}

/// The span of a seed's mention, for callers that index by span.
pub fn seed_span(seed: &MentionSeed) -> Span {
    seed.mention.span
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(words: &str, gender: Gender, start: usize) -> MentionSeed {
        MentionSeed {
            mention: Mention {
                span: Span::new(start, start + words.len()),
                name: Span::new(start, start + words.len()),
                kind: MentionKind::Name,
                titles: vec![],
                entity: None,
                gender,
                is_org: false,
            },
            words: words.split_whitespace().map(str::to_lowercase).collect(),
            display: words.to_string(),
            person_evidence: true,
            is_speaker: true,
            paragraph: start / 100,
            plural: false,
            indefinite: false,
            in_headline: false,
            same_as: None,
            optional: false,
        }
    }

    #[test]
    fn surnames_join_full_names_and_first_names_separate_people() {
        let seeds = vec![
            name("Lavrov", Gender::Unknown, 0),
            name("Sergey Lavrov", Gender::Male, 100),
            name("Bill Clinton", Gender::Male, 200),
            name("Hillary Clinton", Gender::Female, 300),
            name("Clinton", Gender::Unknown, 400),
        ];
        let r = resolve(seeds, &HashMap::new());
        assert_eq!(r.entities.len(), 3);
        assert_eq!(r.entities[0].name, "Sergey Lavrov");
        assert_eq!(r.entities[0].mentions.len(), 2);
        // the lone "Clinton" goes to the most recently mentioned Clinton
        assert_eq!(r.mentions[4].entity, Some(2));
    }

    #[test]
    fn spelling_variants_are_grouped_and_reported() {
        let seeds = vec![
            name("Sergey Lavrov", Gender::Male, 0),
            name("Sergei Lavrov", Gender::Male, 100),
        ];
        let r = resolve(seeds, &HashMap::new());
        assert_eq!(r.entities.len(), 1);
        assert_eq!(r.variants.len(), 1);
    }

    #[test]
    fn aliases_from_configuration_name_the_entity() {
        let mut aliases = HashMap::new();
        aliases.insert("the kremlin".to_string(), "Vladimir Putin".to_string());
        let seeds = vec![
            name("Vladimir Putin", Gender::Male, 0),
            name("The Kremlin", Gender::Unknown, 100),
        ];
        let r = resolve(seeds, &aliases);
        assert_eq!(r.entities.len(), 1);
    }
}
