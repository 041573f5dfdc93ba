import { strict as assert } from "node:assert";
import { test } from "node:test";
import { ServerNotFoundError, resolveServer, ResolveInput } from "../../src/serverPath";

function input(executables: string[], over: Partial<ResolveInput> = {}): ResolveInput {
  const set = new Set(executables);
  return {
    configured: "",
    extensionPath: "/ext",
    platform: "linux",
    envPath: "/usr/local/bin:/usr/bin",
    home: "/home/ann",
    isExecutable: (f) => set.has(f),
    ...over,
  };
}

test("the setting wins over the bundled binary and PATH", () => {
  const r = resolveServer(input(["/opt/q/quotelens", "/ext/server/quotelens", "/usr/bin/quotelens"], { configured: "/opt/q/quotelens" }));
  assert.deepEqual(r, { command: "/opt/q/quotelens", source: "setting" });
});

test("a setting with ~ or a relative path is expanded", () => {
  assert.equal(resolveServer(input(["/home/ann/bin/quotelens"], { configured: "~/bin/quotelens" })).command, "/home/ann/bin/quotelens");
  assert.equal(
    resolveServer(input(["/work/proj/target/release/quotelens"], { configured: "target/release/quotelens", workspaceFolder: "/work/proj" })).command,
    "/work/proj/target/release/quotelens",
  );
});

test("a wrong setting is an error naming it, not a silent fallback", () => {
  assert.throws(
    () => resolveServer(input(["/ext/server/quotelens", "/usr/bin/quotelens"], { configured: "/nope/quotelens" })),
    (e: unknown) => e instanceof ServerNotFoundError && /quotelens\.server\.path/.test(e.message) && /\/nope\/quotelens/.test(e.message),
  );
});

test("the bundled binary comes before PATH", () => {
  assert.deepEqual(resolveServer(input(["/ext/server/quotelens", "/usr/bin/quotelens"])), {
    command: "/ext/server/quotelens",
    source: "bundled",
  });
});

test("PATH is searched in order, skipping empty entries", () => {
  const r = resolveServer(input(["/usr/bin/quotelens", "/b/quotelens"], { envPath: ":/a:/b:/usr/bin" }));
  assert.deepEqual(r, { command: "/b/quotelens", source: "path" });
});

test("Windows looks for quotelens.exe with ; separators", () => {
  const r = resolveServer(
    input(["C:\\tools/quotelens.exe"], { platform: "win32", envPath: "C:\\x;C:\\tools", extensionPath: "C:\\ext" }),
  );
  assert.equal(r.source, "path");
  assert.match(r.command, /quotelens\.exe$/);
});

test("nothing found: the error says how to fix it", () => {
  assert.throws(
    () => resolveServer(input([])),
    (e: unknown) =>
      e instanceof ServerNotFoundError &&
      /not on PATH/.test(e.message) &&
      /quotelens\.server\.path/.test(e.message) &&
      /cargo install/.test(e.message),
  );
});
