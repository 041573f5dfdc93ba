import * as fs from "fs";
import * as os from "os";
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions, State } from "vscode-languageclient/node";
import { Analysis, statusText, summarize } from "./analysis";
import { ResolvedServer, ServerNotFoundError, resolveServer } from "./serverPath";
import { declaredKeys, documentSelector, needsRestart, serverSettings } from "./settings";
import { SHOW_REFERENCES, parseShowReferencesArgs } from "./showReferences";
import { SpeakersProvider } from "./speakersView";

const ANALYSIS_REQUEST = "quotelens/analysis";

/** What the extension returns from activate(): used by the end-to-end test. */
export interface QuotelensApi {
  client(): LanguageClient | undefined;
  server(): ResolvedServer | undefined;
  speakers: SpeakersProvider;
  statusText(): string;
  /** Refresh the panel and status bar now for the active editor. */
  refresh(): Promise<void>;
  stop(): Promise<void>;
}

let client: LanguageClient | undefined;
/** The documents the running client serves (from quotelens.languages). */
let selector: ReturnType<typeof documentSelector> = [];
let resolved: ResolvedServer | undefined;

function isExecutable(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) {
      return false;
    }
    if (process.platform !== "win32") {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

function settingsForServer(keys: string[]): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration("quotelens");
  return serverSettings(keys, (k) => config.inspect(k));
}

export async function activate(context: vscode.ExtensionContext): Promise<QuotelensApi> {
  const keys = declaredKeys(context.extension.packageJSON);
  const output = vscode.window.createOutputChannel("quotelens", { log: true });
  const speakers = new SpeakersProvider();
  const status = vscode.window.createStatusBarItem("quotelens.status", vscode.StatusBarAlignment.Right, 100);
  status.name = "quotelens";
  status.command = "quotelens.showSpeakers";
  status.tooltip = "quotelens: quotations in this file (click for the speakers panel)";
  context.subscriptions.push(output, status, vscode.window.registerTreeDataProvider("quotelens.speakers", speakers));

  async function start(): Promise<void> {
    const config = vscode.workspace.getConfiguration("quotelens");
    try {
      resolved = resolveServer({
        configured: config.get<string>("server.path"),
        extensionPath: context.extensionPath,
        platform: process.platform,
        envPath: process.env.PATH,
        home: os.homedir(),
        workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
        isExecutable,
      });
    } catch (e) {
      resolved = undefined;
      const message = e instanceof ServerNotFoundError ? e.message : String(e);
      output.error(message);
      const choice = await vscode.window.showErrorMessage(message, "Open Settings");
      if (choice === "Open Settings") {
        await vscode.commands.executeCommand("workbench.action.openSettings", "quotelens.server.path");
      }
      return;
    }
    output.info(`starting ${resolved.command} lsp (from ${resolved.source})`);
    selector = documentSelector(config.get<string[]>("languages") ?? ["plaintext", "markdown"]);
    const serverOptions: ServerOptions = { command: resolved.command, args: ["lsp"] };
    const clientOptions: LanguageClientOptions = {
      documentSelector: selector,
      initializationOptions: settingsForServer(keys),
      outputChannel: output,
    };
    client = new LanguageClient("quotelens", "quotelens", serverOptions, clientOptions);
    client.onDidChangeState((e) => {
      if (e.newState === State.Stopped) {
        status.hide();
      }
    });
    try {
      await client.start();
    } catch (e) {
      output.error(`the server failed to start: ${e}`);
      void vscode.window.showErrorMessage(
        `quotelens: the server (${resolved.command}) failed to start: ${e}. See Output > quotelens.`,
      );
    }
  }

  async function stop(): Promise<void> {
    const c = client;
    client = undefined;
    if (c && c.state !== State.Stopped) {
      await c.stop();
    }
  }

  let refreshing: Promise<void> | undefined;
  let again = false;
  async function refreshNow(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const c = client;
    if (!editor || !c || c.state !== State.Running || !vscode.languages.match(selector, editor.document)) {
      status.hide();
      speakers.clear("Open a text or Markdown file to see its speakers.");
      return;
    }
    try {
      const analysis = await c.sendRequest<Analysis>(ANALYSIS_REQUEST, {
        textDocument: { uri: editor.document.uri.toString() },
      });
      if (!analysis || !Array.isArray(analysis.quotes)) {
        status.hide();
        speakers.clear("This file is not analysed (see quotelens.languages and quotelens.maxFileSize).");
        return;
      }
      status.text = statusText(summarize(analysis));
      status.show();
      speakers.show(editor.document, analysis);
    } catch (e) {
      output.warn(`${ANALYSIS_REQUEST} failed: ${e}`);
    }
  }
  // One refresh at a time; a request during one runs once more after it.
  function refresh(): Promise<void> {
    if (refreshing) {
      again = true;
      return refreshing;
    }
    refreshing = (async () => {
      do {
        again = false;
        await refreshNow();
      } while (again);
    })().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  }

  context.subscriptions.push(
    vscode.commands.registerCommand("quotelens.restartServer", async () => {
      await stop();
      await start();
      await refresh();
    }),
    vscode.commands.registerCommand("quotelens.showSpeakers", async () => {
      await vscode.commands.executeCommand("quotelens.speakers.focus");
      await refresh();
    }),
    vscode.commands.registerCommand("quotelens.toggleInlayHints", async () => {
      const config = vscode.workspace.getConfiguration("quotelens");
      const on = config.get<boolean>("inlayHints.speakers", true) || config.get<boolean>("inlayHints.resolutions", true);
      const target = vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
      await config.update("inlayHints.speakers", !on, target);
      await config.update("inlayHints.resolutions", !on, target);
    }),
    // The server's code lens ("4 quotes · 312 words") runs this with LSP JSON arguments; VS Code's
    // references peek wants VS Code types, so convert them with the client's converter.
    vscode.commands.registerCommand(SHOW_REFERENCES, async (...args: unknown[]) => {
      const parsed = parseShowReferencesArgs(args);
      if (typeof parsed === "string") {
        output.error(parsed);
        void vscode.window.showErrorMessage(`quotelens: ${parsed}`);
        return;
      }
      const p2c = client?.protocol2CodeConverter;
      if (!p2c) {
        void vscode.window.showErrorMessage("quotelens: the server is not running (quotelens: Restart Server).");
        return;
      }
      await vscode.commands.executeCommand(
        "editor.action.showReferences",
        p2c.asUri(parsed.uri),
        p2c.asPosition(parsed.position),
        parsed.locations.map((l) => p2c.asLocation(l)),
      );
    }),
    vscode.commands.registerCommand("quotelens.revealQuote", async (uri: vscode.Uri, range: vscode.Range) => {
      const editor = await vscode.window.showTextDocument(uri, { selection: range, preserveFocus: false });
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration("quotelens")) {
        return;
      }
      if (needsRestart((k) => e.affectsConfiguration(k))) {
        await vscode.commands.executeCommand("quotelens.restartServer");
      } else if (client?.state === State.Running) {
        await client.sendNotification("workspace/didChangeConfiguration", {
          settings: { quotelens: settingsForServer(keys) },
        });
      }
    }),
    vscode.window.onDidChangeActiveTextEditor(() => void refresh()),
    // New diagnostics mean a new analysis of that document: refresh the panel and the counts.
    vscode.languages.onDidChangeDiagnostics((e) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && e.uris.some((u) => u.toString() === active)) {
        void refresh();
      }
    }),
    { dispose: () => void stop() },
  );

  await start();
  void refresh();
  return {
    client: () => client,
    server: () => resolved,
    speakers,
    statusText: () => (status.text && client?.state === State.Running ? status.text : ""),
    refresh,
    stop,
  };
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c && c.state !== State.Stopped) {
    await c.stop();
  }
}
