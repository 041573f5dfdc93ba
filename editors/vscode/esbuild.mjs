// Bundles the extension (and, with --tests, the unit tests) with esbuild.
import * as esbuild from "esbuild";
import { readdirSync } from "fs";

const production = process.argv.includes("--production");
const tests = process.argv.includes("--tests");

if (tests) {
  const entryPoints = readdirSync("test/unit")
    .filter((f) => f.endsWith(".test.ts"))
    .map((f) => `test/unit/${f}`);
  await esbuild.build({
    entryPoints,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    outdir: "out/test",
    logLevel: "warning",
  });
} else {
  await esbuild.build({
    entryPoints: ["src/extension.ts"],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: ["vscode"],
    outfile: "dist/extension.js",
    minify: production,
    sourcemap: !production,
    logLevel: "warning",
  });
}
