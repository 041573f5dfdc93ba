// Opens code-server in headless Chromium (the extension host only starts when a browser
// connects), takes the screenshot when the test driver says the screen is ready, and waits for
// the driver's results. Usage: node browser.mjs URL READY DONE RESULTS SCREENSHOT USERDATA
import { chromium } from "playwright-core";
import { existsSync, writeFileSync } from "fs";

const [url, ready, done, results, screenshot, userData] = process.argv.slice(2);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

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
  const deadline = Date.now() + 240000;
  let shot = false;
  while (Date.now() < deadline && !existsSync(results)) {
    if (!shot && existsSync(ready)) {
      await sleep(500);
      await page.screenshot({ path: screenshot });
      writeFileSync(done, "done");
      shot = true;
    }
    await sleep(250);
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
