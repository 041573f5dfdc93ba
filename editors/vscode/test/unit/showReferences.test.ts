import { strict as assert } from "node:assert";
import { test } from "node:test";
import { parseShowReferencesArgs } from "../../src/showReferences";

const loc = (line: number) => ({
  uri: "file:///story.md",
  range: { start: { line, character: 0 }, end: { line, character: 6 } },
});

test("the server's code-lens arguments parse", () => {
  const parsed = parseShowReferencesArgs(["file:///story.md", { line: 4, character: 2 }, [loc(4), loc(9)]]);
  assert.deepEqual(parsed, {
    uri: "file:///story.md",
    position: { line: 4, character: 2 },
    locations: [loc(4), loc(9)],
  });
});

test("an empty list of locations is allowed", () => {
  assert.equal(typeof parseShowReferencesArgs(["file:///a", { line: 0, character: 0 }, []]), "object");
});

test("wrong arguments give a message naming the argument", () => {
  assert.match(parseShowReferencesArgs([]) as string, /first argument/);
  assert.match(parseShowReferencesArgs(["file:///a", { line: "1" }, []]) as string, /second argument/);
  assert.match(parseShowReferencesArgs(["file:///a", { line: 1, character: 0 }, [{ uri: 3 }]]) as string, /third argument/);
  assert.match(parseShowReferencesArgs(["file:///a", { line: 1, character: 0 }, "x"]) as string, /third argument/);
});
