// The speakers panel: each speaker with their quotes (from `quotelens/analysis`); a click
// jumps to the quote.
import * as vscode from "vscode";
import { Analysis, Quote, SpeakerGroup, codePointsToUtf16, firstWords, speakerGroups } from "./analysis";

export type SpeakerNode =
  | { kind: "speaker"; group: SpeakerGroup; uri: vscode.Uri }
  | { kind: "quote"; quote: Quote; uri: vscode.Uri; range: vscode.Range }
  | { kind: "message"; text: string };

export class SpeakersProvider implements vscode.TreeDataProvider<SpeakerNode> {
  private readonly changed = new vscode.EventEmitter<SpeakerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private groups: SpeakerGroup[] = [];
  private document: vscode.TextDocument | undefined;
  private message = "Open a text or Markdown file to see its speakers.";

  show(document: vscode.TextDocument, analysis: Analysis): void {
    this.document = document;
    this.groups = speakerGroups(analysis);
    this.message = this.groups.length === 0 ? "No quotations in this file." : "";
    this.changed.fire(undefined);
  }

  clear(message: string): void {
    this.document = undefined;
    this.groups = [];
    this.message = message;
    this.changed.fire(undefined);
  }

  getChildren(node?: SpeakerNode): SpeakerNode[] {
    const doc = this.document;
    if (!node) {
      if (!doc || this.groups.length === 0) {
        return [{ kind: "message", text: this.message }];
      }
      return this.groups.map((group) => ({ kind: "speaker" as const, group, uri: doc.uri }));
    }
    if (node.kind !== "speaker" || !doc) {
      return [];
    }
    const text = doc.getText();
    const quotes = node.group.quotes;
    const units = codePointsToUtf16(text, quotes.flatMap((q) => [q.start, q.end]));
    return quotes.map((quote, i) => ({
      kind: "quote" as const,
      quote,
      uri: doc.uri,
      range: new vscode.Range(doc.positionAt(units[2 * i]), doc.positionAt(units[2 * i + 1])),
    }));
  }

  getTreeItem(node: SpeakerNode): vscode.TreeItem {
    switch (node.kind) {
      case "message":
        return new vscode.TreeItem(node.text);
      case "speaker": {
        const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Expanded);
        item.description = node.group.description;
        item.iconPath = new vscode.ThemeIcon(node.group.speaker ? "person" : "question");
        item.contextValue = node.group.speaker ? "speaker" : "unattributed";
        return item;
      }
      case "quote": {
        const item = new vscode.TreeItem(firstWords(node.quote.text));
        item.description = `line ${node.quote.line}`;
        item.tooltip = node.quote.text;
        item.iconPath = new vscode.ThemeIcon("quote");
        item.command = {
          command: "quotelens.revealQuote",
          title: "Go to quote",
          arguments: [node.uri, node.range],
        };
        return item;
      }
    }
  }
}
