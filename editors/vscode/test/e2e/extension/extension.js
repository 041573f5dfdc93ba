// Runs inside VS Code (code-server) in a workspace holding quotelens-e2e.json: opens the
// fixture, asks VS Code for what the quotelens extension provides (through the same commands
// the editor uses), checks it against the expectations and writes every check to `out`.
const vscode = require("vscode");
const fs = require("fs");
const path = require("path");

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(fn, ms, step = 100) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = undefined;
    }
    await sleep(step);
  }
  return last;
}

function hoverText(hovers) {
  return (hovers || [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === "string" ? c : c.value))
    .join("\n");
}

function labelText(hint) {
  return typeof hint.label === "string" ? hint.label : hint.label.map((p) => p.value).join("");
}

async function run(ws, cfg) {
  const checks = [];
  const check = (ok, what, detail) => checks.push({ ok: !!ok, what, detail: ok ? undefined : detail });
  // For features the server does not advertise (yet): reported, never counted as passed.
  const skip = (what, why) => checks.push({ ok: true, skipped: true, what, detail: why });
  const expect = cfg.expect;
  const timings = {};
  const t0 = Date.now();
  try {
    const uri = vscode.Uri.file(path.join(ws, expect.fixture));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    check(doc.languageId === "markdown", "the fixture opens as markdown", doc.languageId);
    const ext = vscode.extensions.getExtension("quotelens.quotelens");
    check(ext, "the quotelens extension is installed");
    const api = await ext.activate();
    check(api.server() && api.server().source === "setting", "the server comes from quotelens.server.path", JSON.stringify(api.server()));
    const text = doc.getText();
    const posOf = (needle, delta = 0) => {
      const i = text.indexOf(needle);
      return i < 0 ? undefined : doc.positionAt(i + delta);
    };

    // Diagnostics.
    const diagOk = () => {
      const diags = vscode.languages.getDiagnostics(uri);
      return expect.diagnostics.every((e) =>
        diags.some((d) => d.range.start.line === e.line && String(typeof d.code === "object" ? d.code.value : d.code) === e.code),
      );
    };
    await waitFor(diagOk, 30000);
    timings.firstDiagnosticsMs = Date.now() - t0;
    const diags = vscode.languages.getDiagnostics(uri);
    check(diagOk(), "diagnostics appear on the expected lines", JSON.stringify(diags.map((d) => [d.range.start.line, d.code, d.source])));
    check(diags.length > 0 && diags.every((d) => d.source === "quotelens"), "every diagnostic has source quotelens");

    // Hover.
    for (const h of expect.hovers) {
      const pos = posOf(h.needle, 1);
      const hovers = pos && (await vscode.commands.executeCommand("vscode.executeHoverProvider", uri, pos));
      const t = hoverText(hovers);
      check(t.includes(h.speaker), `hover on "${h.needle}" names ${h.speaker}`, t);
    }

    const caps = api.client().initializeResult.capabilities;
    const full = new vscode.Range(0, 0, doc.lineCount, 0);
    const hints = () => vscode.commands.executeCommand("vscode.executeInlayHintProvider", uri, full);
    let all = [];
    if (!caps.inlayHintProvider) {
      skip("inlay hints", "the server does not advertise inlayHintProvider");
    } else {
      all = (await waitFor(async () => ((await hints()) || []).length > 0 && (await hints()), 10000)) || [];
      for (const e of expect.inlayHints) {
        const lineText = doc.lineAt(e.line).text;
        const at = lineText.indexOf(e.after);
        const col = at < 0 ? -1 : at + e.after.length;
        const found = all.find((h) => h.position.line === e.line && h.position.character === col && labelText(h).includes(e.contains));
        check(found, `inlay hint "${e.contains}" after "${e.after}" on line ${e.line + 1}`,
          JSON.stringify(all.filter((h) => h.position.line === e.line).map((h) => [h.position.character, labelText(h)])));
      }
    }

    // Document symbols: speakers with their quotes.
    const symbols = (await vscode.commands.executeCommand("vscode.executeDocumentSymbolProvider", uri)) || [];
    for (const name of expect.speakers) {
      const s = symbols.find((x) => x.name === name || x.name.startsWith(name));
      check(s && s.children && s.children.length > 0, `document symbols list ${name} with quotes`, JSON.stringify(symbols.map((x) => x.name)));
    }

    // Status bar.
    await api.refresh();
    const status = api.statusText();
    check(status.includes(`${expect.quotes} quotes`) && status.includes(`${expect.unattributed} unattributed`), "status bar counts quotes and unattributed quotes", status);

    // Speakers panel: the tree, and a click on a quote jumps to it.
    await vscode.commands.executeCommand("quotelens.showSpeakers");
    const roots = api.speakers.getChildren();
    const labels = roots.map((n) => api.speakers.getTreeItem(n).label);
    for (const name of expect.speakers) {
      check(labels.includes(name), `speakers panel lists ${name}`, JSON.stringify(labels));
    }
    check(labels[labels.length - 1] === "Unattributed", "speakers panel ends with the unattributed quotes", JSON.stringify(labels));
    const quoteNodes = roots.flatMap((n) => api.speakers.getChildren(n));
    check(quoteNodes.length === expect.quotes, "speakers panel holds every speech quote", `${quoteNodes.length} vs ${expect.quotes}`);
    const target = quoteNodes[quoteNodes.length - 1];
    const item = target && api.speakers.getTreeItem(target);
    if (item && item.command) {
      await vscode.commands.executeCommand(item.command.command, ...item.command.arguments);
      const ed = vscode.window.activeTextEditor;
      const sel = ed && ed.document.getText(ed.selection);
      check(sel && sel === target.quote.text, "clicking a quote in the panel selects it in the editor", sel);
    } else {
      check(false, "a quote in the panel has a jump command");
    }

    // Toggle inlay hints off and on again.
    if (all.length > 0) {
      await vscode.commands.executeCommand("quotelens.toggleInlayHints");
      const off = await waitFor(async () => ((await hints()) || []).length === 0, 10000);
      check(off, "toggling inlay hints removes them");
      await vscode.commands.executeCommand("quotelens.toggleInlayHints");
      const on = await waitFor(async () => ((await hints()) || []).length === all.length, 10000);
      check(on, "toggling again brings them back");
    } else {
      skip("toggle inlay hints", "no inlay hints to toggle");
    }

    // Restart: the old server stops (the script checks it exited with 0) and a new one answers.
    await vscode.commands.executeCommand("quotelens.restartServer");
    const pos = posOf(expect.hovers[0].needle, 1);
    const again = await waitFor(
      async () => hoverText(await vscode.commands.executeCommand("vscode.executeHoverProvider", uri, pos)).includes(expect.hovers[0].speaker),
      15000,
    );
    check(again, "after Restart Server, hover works again");

    // Screenshot: hints, a hover and the speakers panel on screen, then the script shoots.
    if (cfg.screenshotReady) {
      const editor = await vscode.window.showTextDocument(doc, { preserveFocus: false });
      await vscode.commands.executeCommand("quotelens.showSpeakers");
      await vscode.commands.executeCommand("workbench.action.closeAuxiliaryBar");
      await vscode.commands.executeCommand("workbench.action.focusActiveEditorGroup");
      const hp = posOf(expect.hovers[1].needle, 3);
      editor.selection = new vscode.Selection(hp, hp);
      editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
      await sleep(1500);
      await vscode.commands.executeCommand("editor.action.showHover");
      await sleep(1500);
      fs.writeFileSync(cfg.screenshotReady, "ready");
      await waitFor(() => fs.existsSync(cfg.screenshotDone), 60000, 200);
    }

    // Stop the client as VS Code does when the window closes (shutdown, exit).
    await api.stop();
    check(!api.client(), "the client stops");
  } catch (e) {
    check(false, "test driver error", String((e && e.stack) || e));
  }
  timings.totalMs = Date.now() - t0;
  return { checks, timings };
}

async function activate() {
  const ws = vscode.workspace.workspaceFolders[0].uri.fsPath;
  const cfg = JSON.parse(fs.readFileSync(path.join(ws, "quotelens-e2e.json"), "utf8"));
  const result = await run(ws, cfg);
  fs.writeFileSync(cfg.out + ".tmp", JSON.stringify(result, null, 2));
  fs.renameSync(cfg.out + ".tmp", cfg.out);
}

module.exports = { activate, deactivate() {} };
