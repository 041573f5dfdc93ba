// The arguments of the server's `quotelens.showReferences` code-lens command: the document URI,
// the lens position and the locations to show, as LSP JSON (the same arguments as VS Code's
// `editor.action.showReferences`, but not yet converted to VS Code types). Pure.

export const SHOW_REFERENCES = "quotelens.showReferences";

export interface LspPosition {
  line: number;
  character: number;
}

export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

export interface LspLocation {
  uri: string;
  range: LspRange;
}

export interface ShowReferencesArgs {
  uri: string;
  position: LspPosition;
  locations: LspLocation[];
}

function isPosition(v: unknown): v is LspPosition {
  const p = v as LspPosition;
  return typeof p === "object" && p !== null && Number.isInteger(p.line) && Number.isInteger(p.character);
}

function isLocation(v: unknown): v is LspLocation {
  const l = v as LspLocation;
  return (
    typeof l === "object" && l !== null && typeof l.uri === "string" && typeof l.range === "object" &&
    l.range !== null && isPosition(l.range.start) && isPosition(l.range.end)
  );
}

/** The command's arguments, or a message saying what is wrong with them. */
export function parseShowReferencesArgs(args: unknown[]): ShowReferencesArgs | string {
  const [uri, position, locations] = args;
  if (typeof uri !== "string") {
    return `${SHOW_REFERENCES}: the first argument must be a document URI, got ${JSON.stringify(uri)}`;
  }
  if (!isPosition(position)) {
    return `${SHOW_REFERENCES}: the second argument must be a position, got ${JSON.stringify(position)}`;
  }
  if (!Array.isArray(locations) || !locations.every(isLocation)) {
    return `${SHOW_REFERENCES}: the third argument must be a list of locations`;
  }
  return { uri, position, locations };
}
