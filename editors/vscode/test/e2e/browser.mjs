// Opens code-server in headless Chromium (the extension host only starts when a browser
// connects) and answers the test driver's probes: for each PROBES/N.req the driver writes, it
// reads what the page shows (the editor's text runs with their colours, code lenses, hovers,
// the references peek), takes the screenshot when asked, and writes PROBES/N.json. Ends when
// the driver's results appear. Usage: node browser.mjs URL PROBES RESULTS SCREENSHOT USERDATA
import { chromium } from "playwright-core";
import { existsSync, readFileSync, renameSync, writeFileSync } from "fs";

const [url, probes, results, screenshot, userData] = process.argv.slice(2);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Runs in the page: what a person sees in the workbench.
function readScreen() {
  const shown = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const text = (el) => (el.textContent || "").replace(/\s+/g, " ").trim();
  // The main editor: not the one embedded in a peek widget.
  const main = [...document.querySelectorAll(".part.editor .monaco-editor")].find(
    (e) => !e.closest(".peekview-widget") && shown(e),
  );
  const runs = [];
  const lenses = [];
  if (main) {
    for (const line of main.querySelectorAll(".view-lines .view-line")) {
      for (const span of line.querySelectorAll(":scope > span > span")) {
        runs.push({ text: span.textContent, color: getComputedStyle(span).color });
      }
    }
    for (const lens of main.querySelectorAll(".codelens-decoration")) {
      if (shown(lens)) lenses.push(text(lens));
    }
  }
  const hovers = [...document.querySelectorAll(".monaco-hover")].filter(shown).map(text).filter((t) => t);
  const peek = [...document.querySelectorAll(".peekview-widget")].find(shown);
  return {
    runs,
    lenses,
    hovers,
    peek: peek
      ? {
          title: text(peek.querySelector(".peekview-title") || peek),
          rows: [...peek.querySelectorAll(".monaco-list-row")].map((r) => r.getAttribute("aria-label") || text(r)),
        }
      : null,
  };
}

const browser = await chromium.launchPersistentContext(userData, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1500, height: 860 },
  // Keep Chromium off the network: this machine reaches nothing but the local code-server.
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
  ],
});
let exitCode = 0;
try {
  const page = browser.pages()[0] || (await browser.newPage());
  page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
  await page.goto(url, { waitUntil: "domcontentloaded", timeout: 60000 });
  const deadline = Date.now() + 300000;
  let next = 1;
  while (Date.now() < deadline && !existsSync(results)) {
    const req = `${probes}/${next}.req`;
    if (existsSync(req)) {
      const ask = JSON.parse(readFileSync(req, "utf8"));
      await sleep(ask.settleMs ?? 500); // let the workbench render what the driver just did
      const seen = await page.evaluate(readScreen);
      if (ask.screenshot) {
        await page.screenshot({ path: screenshot });
      }
      writeFileSync(`${probes}/${next}.json.tmp`, JSON.stringify(seen));
      renameSync(`${probes}/${next}.json.tmp`, `${probes}/${next}.json`);
      next += 1;
      continue;
    }
    await sleep(100);
  }
  if (!existsSync(results)) {
    console.error("the test driver wrote no results in time");
    await page.screenshot({ path: screenshot.replace(/\.png$/, "-timeout.png") });
    exitCode = 1;
  }
} finally {
  await browser.close();
}
process.exit(exitCode);
