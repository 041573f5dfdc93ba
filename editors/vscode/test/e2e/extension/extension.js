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

// Asks browser.mjs what the page shows now (and for the screenshot): see browser.mjs.
let probes = 0;
async function probe(cfg, ask = {}) {
  probes += 1;
  const answer = path.join(cfg.probes, `${probes}.json`);
  fs.writeFileSync(path.join(cfg.probes, `${probes}.req`), JSON.stringify(ask));
  const ok = await waitFor(() => fs.existsSync(answer), 60000, 100);
  return ok ? JSON.parse(fs.readFileSync(answer, "utf8")) : undefined;
}

/** Semantic tokens, decoded from the relative encoding: {line, character, length, type, modifiers}. */
function decodeTokens(tokens, legend) {
  const out = [];
  let line = 0;
  let character = 0;
  const d = tokens.data;
  for (let i = 0; i + 4 < d.length; i += 5) {
    line += d[i];
    character = d[i] === 0 ? character + d[i + 1] : d[i + 1];
    const modifiers = legend.tokenModifiers.filter((_, bit) => d[i + 4] & (1 << bit));
    out.push({ line, character, length: d[i + 2], type: legend.tokenTypes[d[i + 3]], modifiers });
  }
  return out;
}

async function run(ws, cfg) {
  const checks = [];
  const check = (ok, what, detail) => checks.push({ ok: !!ok, what, detail: ok ? undefined : detail });
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
    check(caps.inlayHintProvider, "the server advertises inlay hints");
    {
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
    check(all.length > 0, "there are inlay hints to toggle");
    if (all.length > 0) {
      await vscode.commands.executeCommand("quotelens.toggleInlayHints");
      const off = await waitFor(async () => ((await hints()) || []).length === 0, 10000);
      check(off, "toggling inlay hints removes them");
      await vscode.commands.executeCommand("quotelens.toggleInlayHints");
      const on = await waitFor(async () => ((await hints()) || []).length === all.length, 10000);
      check(on, "toggling again brings them back");
    }

    // Restart: the old server stops (the script checks it exited with 0) and a new one answers.
    await vscode.commands.executeCommand("quotelens.restartServer");
    const pos = posOf(expect.hovers[0].needle, 1);
    const again = await waitFor(
      async () => hoverText(await vscode.commands.executeCommand("vscode.executeHoverProvider", uri, pos)).includes(expect.hovers[0].speaker),
      15000,
    );
    check(again, "after Restart Server, hover works again");

    // Semantic tokens: the legend declares the speaker modifiers, each speech quote is a string
    // token, a speaker's quotes share one speakerN modifier, speakers differ, and the
    // unattributed quote is marked so.
    const legend = await vscode.commands.executeCommand("vscode.provideDocumentSemanticTokensLegend", uri);
    const speakerMods = [...Array(8).keys()].map((i) => `speaker${i}`);
    check(legend && speakerMods.every((m) => legend.tokenModifiers.includes(m)), "the semantic token legend has speaker0..speaker7",
      JSON.stringify(legend));
    const raw = await waitFor(() => vscode.commands.executeCommand("vscode.provideDocumentSemanticTokens", uri), 10000);
    const tokens = raw && legend ? decodeTokens(raw, legend) : [];
    check(tokens.length > 0, "the server sends semantic tokens");
    const modOfSpeaker = new Map();
    for (const q of expect.speechQuotes) {
      const t = tokens.find((x) => x.line === q.line && x.character === q.character);
      const mod = t && t.modifiers.find((m) => m.startsWith("speaker"));
      if (q.speaker === null) {
        check(t && t.type === "string" && t.modifiers.includes("unattributed") && !mod,
          `the unattributed quote at ${q.line + 1}:${q.character + 1} is an unattributed string token`, JSON.stringify(t));
        continue;
      }
      check(t && t.type === "string" && mod, `the quote at ${q.line + 1}:${q.character + 1} is a string token with a speaker modifier`, JSON.stringify(t));
      if (!mod) continue;
      if (!modOfSpeaker.has(q.speaker)) modOfSpeaker.set(q.speaker, mod);
      check(modOfSpeaker.get(q.speaker) === mod, `every quote of ${q.speaker} carries ${modOfSpeaker.get(q.speaker)}`, mod);
    }
    check(new Set(modOfSpeaker.values()).size === modOfSpeaker.size, "each speaker has its own modifier", JSON.stringify([...modOfSpeaker]));

    // Code lens: "N quotes · W words" above each speaker's first mention; running one opens
    // the references peek on that speaker's mentions and quotes.
    const lenses = (await waitFor(async () => {
      const l = await vscode.commands.executeCommand("vscode.executeCodeLensProvider", uri);
      return l && l.length >= expect.codeLenses.length && l;
    }, 10000)) || [];
    for (const e of expect.codeLenses) {
      const lens = lenses.find((l) => l.range.start.line === e.line && l.command && l.command.title.startsWith(`${e.quotes} quote`));
      check(lens && lens.command.command === "quotelens.showReferences" && /^\d+ quotes? · \d+ words?$/.test(lens.command.title),
        `code lens "${e.quotes} quote(s) · … words" above ${e.speaker} on line ${e.line + 1}`,
        JSON.stringify(lenses.map((l) => [l.range.start.line, l.command && l.command.title])));
    }
    const most = expect.codeLenses.reduce((a, b) => (b.locations > a.locations ? b : a));
    const lens = lenses.find((l) => l.range.start.line === most.line && l.command);
    if (lens) {
      await vscode.commands.executeCommand(lens.command.command, ...lens.command.arguments);
      const seen = await probe(cfg);
      const rows = seen && seen.peek ? seen.peek.rows : [];
      // One file: the peek lists the references themselves, and its title counts them.
      check(seen && seen.peek && rows.length === most.locations && seen.peek.title.includes(`(${most.locations})`),
        `the code lens of ${most.speaker} opens the references peek with ${most.locations} references`, JSON.stringify(seen && seen.peek));
      check(seen && seen.lenses.some((t) => t.includes(lens.command.title)), "the code lenses are on screen", JSON.stringify(seen && seen.lenses));
      await vscode.commands.executeCommand("closeReferenceSearch");
    } else {
      check(false, `a code lens on line ${most.line + 1}`);
    }

    // Screenshot: hints, a hover and the speakers panel on screen; the page's colours too.
    {
      const editor = await vscode.window.showTextDocument(doc, { preserveFocus: false });
      await vscode.commands.executeCommand("quotelens.showSpeakers");
      await vscode.commands.executeCommand("workbench.action.closeAuxiliaryBar");
      await vscode.commands.executeCommand("workbench.action.focusActiveEditorGroup");
      const hp = posOf(expect.hovers[1].needle, 3);
      editor.selection = new vscode.Selection(hp, hp);
      editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
      await sleep(1500);
      await vscode.commands.executeCommand("editor.action.showHover");
      const seen = await probe(cfg, { screenshot: true, settleMs: 1500 });
      check(seen && seen.hovers.some((h) => h.includes(expect.hovers[1].speaker)), "the hover is on screen", JSON.stringify(seen && seen.hovers));
      // Each speaker's quotes in one colour, a different one for each speaker and for the
      // unattributed quote, from the extension's defaults alone (no colour settings here).
      const plain = (t) => t.replace(/\u00a0/g, " ").trim(); // the editor renders spaces as no-break spaces
      const colourOf = (q) => {
        const runs = (seen ? seen.runs : []).filter((r) => plain(r.text).length >= 4 && q.text.includes(plain(r.text)));
        runs.sort((a, b) => b.text.length - a.text.length);
        return runs[0] && runs[0].color;
      };
      const colours = new Map();
      for (const q of expect.speechQuotes) {
        const c = colourOf(q);
        const who = q.speaker === null ? "(unattributed)" : q.speaker;
        check(c, `the quote "${q.text.slice(0, 24)}…" is on screen`, JSON.stringify(seen && seen.runs.slice(0, 40)));
        if (!c) continue;
        if (!colours.has(who)) colours.set(who, c);
        check(colours.get(who) === c, `every quote of ${who} has one colour`, `${c} vs ${colours.get(who)}`);
      }
      const who = new Set(expect.speechQuotes.map((q) => (q.speaker === null ? "(unattributed)" : q.speaker)));
      check(colours.size === who.size && new Set(colours.values()).size === colours.size,
        "each speaker's quotes have their own colour, unattributed another", JSON.stringify([...colours]));
      await vscode.commands.executeCommand("editor.action.hideHover");
    }

    // Rename a speaker at one of their names: every name mention changes, nothing else. (Before
    // the quick fix, so the text to compare with is the fixture's.)
    {
      const r = expect.rename;
      const edit = await vscode.commands.executeCommand("vscode.executeDocumentRenameProvider", uri, new vscode.Position(r.line, r.character), r.to);
      check(edit && (await vscode.workspace.applyEdit(edit)), `renaming ${r.old} to ${r.to} gives an edit that applies`);
      check(doc.getText() === r.text, `the rename changes every name mention of ${r.old} and nothing else`, doc.getText());
    }

    // Quick fix: the preferred fix of a diagnostic, applied, makes the diagnostic go away.
    {
      const d = vscode.languages.getDiagnostics(uri).find((x) => String(x.code && x.code.value !== undefined ? x.code.value : x.code) === expect.quickFix.code);
      check(d && d.range.start.line === expect.quickFix.line, `a ${expect.quickFix.code} diagnostic on line ${expect.quickFix.line + 1}`);
      if (d) {
        const actions = (await vscode.commands.executeCommand("vscode.executeCodeActionProvider", uri, d.range, vscode.CodeActionKind.QuickFix.value)) || [];
        const fix = actions.find((a) => a.isPreferred && a.edit);
        check(fix && fix.kind && fix.kind.value === "quickfix", `a preferred quick fix for ${expect.quickFix.code}`, JSON.stringify(actions.map((a) => a.title)));
        check(actions.some((a) => /^Ignore /.test(a.title)), "the ignore fixes are offered too", JSON.stringify(actions.map((a) => a.title)));
        if (fix) {
          const before = doc.getText();
          check(await vscode.workspace.applyEdit(fix.edit), `applying "${fix.title}" succeeds`);
          check(doc.getText() !== before, `"${fix.title}" changes the text`);
          const gone = await waitFor(() => {
            const now = vscode.languages.getDiagnostics(uri);
            return !now.some((x) => String(x.code && x.code.value !== undefined ? x.code.value : x.code) === expect.quickFix.code) && now.length > 0;
          }, 10000);
          check(gone, `after "${fix.title}" the ${expect.quickFix.code} diagnostic is gone (and the others stay)`,
            JSON.stringify(vscode.languages.getDiagnostics(uri).map((x) => [x.range.start.line, x.code])));
        }
      }
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
