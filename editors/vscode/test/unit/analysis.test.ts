import { strict as assert } from "node:assert";
import { test } from "node:test";
import { Analysis, codePointsToUtf16, firstWords, speakerGroups, statusText, summarize } from "../../src/analysis";

const analysis: Analysis = {
  quotes: [
    { start: 50, end: 60, text: "“Later,”", kind: "speech", speaker: "Ann Lee", speaker_id: 0, line: 3, column: 1 },
    { start: 0, end: 10, text: "“First,”", kind: "speech", speaker: "Bo Ray", speaker_id: 1, line: 1, column: 1 },
    { start: 20, end: 30, text: "“Again,”", kind: "speech", speaker: "Ann Lee", speaker_id: 0, line: 2, column: 1 },
    { start: 70, end: 80, text: "“Who?”", kind: "speech", speaker: null, speaker_id: null, line: 4, column: 1 },
    { start: 90, end: 99, text: "“Hamlet”", kind: "title", speaker: null, speaker_id: null, line: 5, column: 1 },
  ],
  speakers: [
    { id: 0, name: "Ann Lee", titles: ["Mayor"] },
    { id: 1, name: "Bo Ray" },
    { id: 2, name: "Never Quoted" },
  ],
  findings: [],
};

test("summary counts speech quotes and unattributed ones, not titles", () => {
  assert.deepEqual(summarize(analysis), { quotes: 4, unattributed: 1, speakers: 2 });
  assert.equal(statusText({ quotes: 4, unattributed: 1, speakers: 2 }), "$(quote) 4 quotes, $(warning) 1 unattributed");
  assert.equal(statusText({ quotes: 1, unattributed: 0, speakers: 1 }), "$(quote) 1 quote");
});

test("speaker groups: most quoted first, quotes in text order, unattributed last", () => {
  const groups = speakerGroups(analysis);
  assert.deepEqual(
    groups.map((g) => [g.label, g.description, g.quotes.map((q) => q.start)]),
    [
      ["Ann Lee", "2 quotes · Mayor", [20, 50]],
      ["Bo Ray", "1 quote", [0]],
      ["Unattributed", "1 quote", [70]],
    ],
  );
});

test("first words are cut at a word boundary", () => {
  assert.equal(firstWords("“Short,”"), "“Short,”");
  assert.equal(firstWords("one two three four five six", 12), "one two…");
});

test("code point offsets become UTF-16 offsets past emoji and Cyrillic", () => {
  const text = "😀 «Да», сказал 🇷🇺 он";
  // code points: 😀=0, space=1, «=2, Д=3 ... the flag is two code points of two units each.
  const cps = [...text];
  const offsets = [0, 1, 2, 3, cps.length];
  const expected = offsets.map((o) => cps.slice(0, o).join("").length);
  assert.deepEqual(codePointsToUtf16(text, offsets), expected);
  assert.deepEqual(codePointsToUtf16(text, [cps.length, 0]), [text.length, 0]);
  const flag = cps.indexOf("🇷");
  assert.equal(codePointsToUtf16(text, [flag + 2])[0], cps.slice(0, flag).join("").length + 4);
});
