import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { InspectedSetting, declaredKeys, documentSelector, needsRestart, serverSettings, userValue } from "../../src/settings";

const pkg = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8"));

test("package.json declares the editor settings and the server settings", () => {
  const keys = declaredKeys(pkg);
  for (const k of ["server.path", "trace.server", "languages", "rules", "inlayHints.speakers", "debounceMs"]) {
    assert.ok(keys.includes(k), k);
  }
});

test("only settings the user set are sent, nested, without editor-only ones", () => {
  const values: Record<string, InspectedSetting> = {
    "server.path": { defaultValue: "", globalValue: "/x/quotelens" },
    "trace.server": { defaultValue: "off", globalValue: "verbose" },
    languages: { defaultValue: ["plaintext"] },
    "inlayHints.speakers": { defaultValue: true, workspaceValue: false },
    "inlayHints.resolutions": { defaultValue: true },
    rules: { defaultValue: {}, globalValue: { "unattributed-quote": "error" }, workspaceFolderValue: { "unattributed-quote": "off" } },
    extraVerbs: { defaultValue: [], globalValue: ["harrumphed"] },
  };
  const out = serverSettings(declaredKeys(pkg), (k) => values[k]);
  assert.deepEqual(out, {
    inlayHints: { speakers: false },
    rules: { "unattributed-quote": "off" },
    extraVerbs: ["harrumphed"],
  });
});

test("the most specific scope wins", () => {
  assert.equal(userValue({ globalValue: 1, workspaceValue: 2 }), 2);
  assert.equal(userValue({ globalValue: 1 }), 1);
  assert.equal(userValue({ defaultValue: 1 }), undefined);
  assert.equal(userValue({ globalValue: false }), false);
});

test("languages become selectors for ids and extension patterns", () => {
  assert.deepEqual(documentSelector(["markdown", "*.story", " "]), [
    { scheme: "file", language: "markdown" },
    { scheme: "file", pattern: "**/*.story" },
    { scheme: "untitled", language: "markdown" },
  ]);
});

test("a new server path or language list restarts the server; other settings do not", () => {
  assert.ok(needsRestart((k) => k === "quotelens.server.path"));
  assert.ok(needsRestart((k) => k === "quotelens.languages"));
  assert.ok(!needsRestart((k) => k === "quotelens.rules"));
});
