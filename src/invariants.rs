//! What must hold of every analysis and every position conversion, whatever the text: checked
//! by the fuzz targets (`fuzz/`) and the property tests (`tests/properties.rs`), on arbitrary
//! input. Each check returns the first violation found, described.

use crate::analysis::{Analysis, Span};
use crate::position::{Encoding, LineCol, LineIndex};

type Check = Result<(), String>;

const ENCODINGS: [Encoding; 3] = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32];

/// `offset` is inside the text, on a character boundary, and not between a `\r` and its `\n`
/// (no LSP position can say that place).
fn offset_ok(text: &str, offset: usize) -> bool {
    text.is_char_boundary(offset)
        && !(offset > 0
            && text.as_bytes()[offset - 1] == b'\r'
            && text.as_bytes().get(offset) == Some(&b'\n'))
}

fn span_ok(text: &str, s: Span, what: &str) -> Check {
    if s.start > s.end || s.end > text.len() {
        return Err(format!(
            "{what} {s:?} is not inside the text of {} bytes",
            text.len()
        ));
    }
    if !offset_ok(text, s.start) || !offset_ok(text, s.end) {
        return Err(format!(
            "{what} {s:?} does not start and end on character boundaries"
        ));
    }
    Ok(())
}

fn covered(outer: Span, inner: Span, what: &str) -> Check {
    if outer.covers(inner) {
        Ok(())
    } else {
        Err(format!("{what}: {inner:?} is not inside {outer:?}"))
    }
}

/// Spans that, taken in order of start (longest first), either nest or are apart.
fn nest_or_apart(spans: &[(Span, usize)], what: &str) -> Check {
    let mut order: Vec<&(Span, usize)> = spans.iter().collect();
    order.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    let mut open: Vec<&(Span, usize)> = Vec::new();
    for item in order {
        while open.last().is_some_and(|(o, _)| o.end <= item.0.start) {
            open.pop();
        }
        if let Some((o, i)) = open.last()
            && o.end < item.0.end
        {
            return Err(format!(
                "{what} {i} {o:?} and {} {:?} overlap without nesting",
                item.1, item.0
            ));
        }
        open.push(item);
    }
    Ok(())
}

/// Every index in an analysis points at something, every span lies in the text on character
/// boundaries, quotes nest or stay apart, and the links between quotes, mentions and speakers
/// agree both ways.
pub fn check_analysis(text: &str, a: &Analysis) -> Check {
    for (i, p) in a.paragraphs.iter().enumerate() {
        span_ok(text, *p, &format!("paragraph {i}"))?;
    }
    for (i, s) in a.sentences.iter().enumerate() {
        span_ok(text, *s, &format!("sentence {i}"))?;
    }
    for (i, c) in a.cues.iter().enumerate() {
        span_ok(text, c.span, &format!("cue {i}"))?;
    }
    for (i, q) in a.quotes.iter().enumerate() {
        let at = format!("quote {i}");
        span_ok(text, q.span, &at)?;
        span_ok(text, q.content, &format!("{at} content"))?;
        covered(q.span, q.content, &format!("{at} content"))?;
        for mark in q.open.iter().chain(&q.close) {
            span_ok(text, mark.span, &format!("{at} mark"))?;
            covered(q.span, mark.span, &format!("{at} mark"))?;
        }
        if let Some(cue) = q.cue {
            span_ok(text, cue, &format!("{at} cue"))?;
        }
        if i > 0 && a.quotes[i - 1].span.start > q.span.start {
            return Err(format!("{at} starts before the quote before it"));
        }
        match q.parent {
            None if q.depth != 0 => {
                return Err(format!("{at} has depth {} but no parent", q.depth));
            }
            None => {}
            Some(p) => {
                let parent = a.quotes.get(p).filter(|_| p < i).ok_or(format!(
                    "{at} has parent {p}, which is not a quote before it"
                ))?;
                covered(parent.span, q.span, &format!("{at} in its parent"))?;
                if parent.depth + 1 != q.depth {
                    return Err(format!(
                        "{at} has depth {} under depth {}",
                        q.depth, parent.depth
                    ));
                }
            }
        }
        let u = q.utterance;
        if u > i || a.quotes[u].utterance != u {
            return Err(format!(
                "{at} belongs to utterance {u}, which does not lead one"
            ));
        }
        if let Some(m) = q.mention {
            let mention = a
                .mentions
                .get(m)
                .ok_or(format!("{at} has mention {m}, which does not exist"))?;
            if mention.entity != q.speaker {
                return Err(format!(
                    "{at} is attributed to {:?} through mention {m} of {:?}",
                    q.speaker, mention.entity
                ));
            }
        } else if q.speaker.is_some() {
            return Err(format!("{at} has a speaker but no mention"));
        }
        if let Some(e) = q.speaker {
            let entity = a
                .entities
                .get(e)
                .ok_or(format!("{at} has speaker {e}, which does not exist"))?;
            if !entity.quotes.contains(&i) {
                return Err(format!("{at} is not among the quotes of its speaker {e}"));
            }
        }
    }
    let quote_spans: Vec<(Span, usize)> = a.quotes.iter().map(|q| q.span).zip(0..).collect();
    nest_or_apart(&quote_spans, "quote")?;
    // A direct quote inside another direct quote is its descendant.
    for (i, q) in a
        .quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| q.kind.is_direct())
    {
        for (j, outer) in a.quotes.iter().enumerate() {
            if j == i || !outer.kind.is_direct() || !outer.span.covers(q.span) {
                continue;
            }
            if outer.span == q.span {
                return Err(format!("direct quotes {j} and {i} have the same span"));
            }
            let mut p = q.parent;
            while let Some(k) = p.filter(|&k| k != j) {
                p = a.quotes[k].parent;
            }
            if p != Some(j) {
                return Err(format!(
                    "direct quote {i} lies inside {j} without being nested in it"
                ));
            }
        }
    }
    for (i, m) in a.mentions.iter().enumerate() {
        let at = format!("mention {i}");
        span_ok(text, m.span, &at)?;
        span_ok(text, m.name, &format!("{at} name"))?;
        covered(m.span, m.name, &format!("{at} name"))?;
        if i > 0 && a.mentions[i - 1].span.start > m.span.start {
            return Err(format!("{at} starts before the mention before it"));
        }
        // Hovers and navigation find a mention under the cursor at each mention's start.
        if a.mention_at(m.span.start).is_none() && !m.span.is_empty() {
            return Err(format!("{at} {:?} is not found at its start", m.span));
        }
        if let Some(e) = m.entity {
            let entity = a
                .entities
                .get(e)
                .ok_or(format!("{at} has entity {e}, which does not exist"))?;
            if !entity.mentions.contains(&i) {
                return Err(format!("{at} is not among the mentions of its entity {e}"));
            }
        }
    }
    let mention_spans: Vec<(Span, usize)> = a.mentions.iter().map(|m| m.span).zip(0..).collect();
    nest_or_apart(&mention_spans, "mention")?;
    for (e, entity) in a.entities.iter().enumerate() {
        let at = format!("entity {e}");
        if entity.id != e {
            return Err(format!("{at} has id {}", entity.id));
        }
        for &m in &entity.mentions {
            if a.mentions.get(m).map(|m| m.entity) != Some(Some(e)) {
                return Err(format!("{at} lists mention {m}, which is not its"));
            }
        }
        for &q in &entity.quotes {
            if a.quotes.get(q).map(|q| q.speaker) != Some(Some(e)) {
                return Err(format!("{at} lists quote {q}, which is not its"));
            }
        }
        if let Some(m) = entity.introduction
            && !entity.mentions.contains(&m)
        {
            return Err(format!(
                "{at} is introduced by mention {m}, which is not its"
            ));
        }
    }
    for (i, f) in a.findings.iter().enumerate() {
        let at = format!("finding {i} ({})", f.code.as_str());
        span_ok(text, f.span, &at)?;
        for r in &f.related {
            span_ok(text, r.span, &format!("{at} related"))?;
        }
        if f.quote.is_some_and(|q| q >= a.quotes.len()) {
            return Err(format!(
                "{at} is about quote {:?}, which does not exist",
                f.quote
            ));
        }
        if f.entity.is_some_and(|e| e >= a.entities.len()) {
            return Err(format!(
                "{at} is about entity {:?}, which does not exist",
                f.entity
            ));
        }
        for fix in &f.fixes {
            let mut edits: Vec<Span> = fix.edits.iter().map(|e| e.span).collect();
            for s in &edits {
                span_ok(text, *s, &format!("{at} fix \"{}\"", fix.title))?;
            }
            edits.sort();
            if edits.windows(2).any(|w| w[0].end > w[1].start) {
                return Err(format!("{at} fix \"{}\" has overlapping edits", fix.title));
            }
        }
        if i > 0 && a.findings[i - 1].span.start > f.span.start {
            return Err(format!("{at} comes before the finding before it"));
        }
    }
    Ok(())
}

/// Every character boundary converts to a position and back to itself in all three encodings,
/// positions are ordered like offsets, and strict conversion agrees with clamped conversion
/// inside the text.
pub fn check_positions(text: &str) -> Check {
    let lines = LineIndex::new(text);
    for enc in ENCODINGS {
        let mut last: Option<LineCol> = None;
        for offset in (0..=text.len()).filter(|&o| offset_ok(text, o)) {
            let p = lines.position(text, offset, enc);
            let back = lines.offset(text, p, enc);
            if back != offset {
                return Err(format!(
                    "{enc:?}: offset {offset} is at {p:?}, which converts back to {back}"
                ));
            }
            if lines.offset_strict(text, p, enc) != Some(offset) {
                return Err(format!(
                    "{enc:?}: strict conversion of {p:?} is not {offset}"
                ));
            }
            if last.is_some_and(|l| l >= p) {
                return Err(format!(
                    "{enc:?}: {p:?} at {offset} does not follow {last:?}"
                ));
            }
            last = Some(p);
        }
        // Anything else converts to some boundary (clamped), never panics.
        for offset in 0..=text.len() + 1 {
            let p = lines.position(text, offset, enc);
            let back = lines.offset(text, p, enc);
            if !text.is_char_boundary(back) {
                return Err(format!(
                    "{enc:?}: {p:?} converts to {back}, inside a character"
                ));
            }
        }
    }
    Ok(())
}
