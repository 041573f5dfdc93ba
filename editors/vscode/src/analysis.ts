// The JSON of the `quotelens/analysis` request (the same as `quotelens extract --format json`
// for one document) and what the status bar and the speakers panel make of it. Pure.

export interface Span {
  start: number;
  end: number;
  text: string;
}

export interface Quote {
  start: number;
  end: number;
  text: string;
  kind: string;
  speaker?: string | null;
  speaker_id?: number | null;
  line: number;
  column: number;
  closed?: boolean;
  rule?: string;
}

export interface Speaker {
  id: number;
  name: string;
  titles?: string[];
  quotes?: number;
}

export interface Finding {
  start: number;
  end: number;
  code: string;
  severity: string;
  message: string;
}

export interface Analysis {
  path?: string;
  quotes: Quote[];
  speakers: Speaker[];
  findings: Finding[];
}

/** Direct speech and its reported forms count as quotes; titles and scare quotes do not. */
export function isSpeech(q: Quote): boolean {
  return q.kind === "speech";
}

export function isUnattributed(q: Quote): boolean {
  return isSpeech(q) && (q.speaker_id === undefined || q.speaker_id === null);
}

export interface Summary {
  quotes: number;
  unattributed: number;
  speakers: number;
}

export function summarize(a: Analysis): Summary {
  const speech = a.quotes.filter(isSpeech);
  return {
    quotes: speech.length,
    unattributed: speech.filter(isUnattributed).length,
    speakers: a.speakers.filter((s) => speech.some((q) => q.speaker_id === s.id)).length,
  };
}

export function statusText(s: Summary): string {
  const quotes = `${s.quotes} quote${s.quotes === 1 ? "" : "s"}`;
  return s.unattributed > 0 ? `$(quote) ${quotes}, $(warning) ${s.unattributed} unattributed` : `$(quote) ${quotes}`;
}

/** First words of a quote, for labels: at most `max` characters, cut at a word. */
export function firstWords(text: string, max = 48): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if ([...flat].length <= max) {
    return flat;
  }
  const cut = [...flat].slice(0, max).join("");
  const space = cut.lastIndexOf(" ");
  return (space > max / 2 ? cut.slice(0, space) : cut) + "…";
}

export interface SpeakerGroup {
  /** undefined for the group of unattributed quotes. */
  speaker?: Speaker;
  label: string;
  description: string;
  quotes: Quote[];
}

/** Speakers with their speech quotes in text order, most quoted first, unattributed last. */
export function speakerGroups(a: Analysis): SpeakerGroup[] {
  const byId = new Map<number, Quote[]>();
  const unattributed: Quote[] = [];
  for (const q of a.quotes.filter(isSpeech).sort((x, y) => x.start - y.start)) {
    if (isUnattributed(q)) {
      unattributed.push(q);
    } else {
      const list = byId.get(q.speaker_id as number) ?? [];
      list.push(q);
      byId.set(q.speaker_id as number, list);
    }
  }
  const groups: SpeakerGroup[] = a.speakers
    .filter((s) => byId.has(s.id))
    .map((s) => {
      const quotes = byId.get(s.id) ?? [];
      const titles = s.titles && s.titles.length > 0 ? ` · ${s.titles.join(", ")}` : "";
      return {
        speaker: s,
        label: s.name,
        description: `${quotes.length} quote${quotes.length === 1 ? "" : "s"}${titles}`,
        quotes,
      };
    })
    .sort((x, y) => y.quotes.length - x.quotes.length || x.quotes[0].start - y.quotes[0].start);
  if (unattributed.length > 0) {
    groups.push({
      label: "Unattributed",
      description: `${unattributed.length} quote${unattributed.length === 1 ? "" : "s"}`,
      quotes: unattributed,
    });
  }
  return groups;
}

/**
 * The analysis counts offsets in Unicode code points; VS Code positions count UTF-16 units.
 * Converts a sorted-or-not list of code point offsets into UTF-16 offsets in one pass.
 */
export function codePointsToUtf16(text: string, offsets: readonly number[]): number[] {
  const order = offsets.map((o, i) => [o, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(offsets.length);
  let cp = 0;
  let unit = 0;
  let k = 0;
  while (k < order.length) {
    const [target, index] = order[k];
    if (cp >= target || unit >= text.length) {
      out[index] = unit;
      k++;
      continue;
    }
    const code = text.charCodeAt(unit);
    unit += code >= 0xd800 && code <= 0xdbff && unit + 1 < text.length ? 2 : 1;
    cp++;
  }
  return out;
}
