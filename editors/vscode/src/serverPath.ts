// Where the quotelens binary comes from: the setting, then the binary bundled in a
// per-platform package, then PATH. Pure: the file system is passed in, so it is unit-tested.
import * as path from "path";

export type ServerSource = "setting" | "bundled" | "path";

export interface ResolvedServer {
  command: string;
  source: ServerSource;
}

export interface ResolveInput {
  /** `quotelens.server.path` as the user wrote it (may be empty, relative or start with ~). */
  configured: string | undefined;
  extensionPath: string;
  platform: NodeJS.Platform;
  /** The PATH environment variable. */
  envPath: string | undefined;
  home: string;
  /** The workspace folder a relative setting is resolved against, if any. */
  workspaceFolder?: string;
  isExecutable: (file: string) => boolean;
}

export class ServerNotFoundError extends Error {}

export function binaryName(platform: NodeJS.Platform): string {
  return platform === "win32" ? "quotelens.exe" : "quotelens";
}

/** Where `vsce package --target` packages put the binary inside the extension. */
export function bundledServerPath(extensionPath: string, platform: NodeJS.Platform): string {
  return path.join(extensionPath, "server", binaryName(platform));
}

function expandSetting(configured: string, input: ResolveInput): string {
  let p = configured.trim();
  if (p === "~" || p.startsWith("~/")) {
    p = path.join(input.home, p.slice(1));
  }
  if (!path.isAbsolute(p) && input.workspaceFolder) {
    p = path.join(input.workspaceFolder, p);
  }
  return p;
}

export function resolveServer(input: ResolveInput): ResolvedServer {
  const name = binaryName(input.platform);
  const configured = input.configured?.trim();
  if (configured) {
    const p = expandSetting(configured, input);
    if (input.isExecutable(p)) {
      return { command: p, source: "setting" };
    }
    // A wrong explicit setting is an error, never silently replaced by another binary.
    throw new ServerNotFoundError(
      `quotelens.server.path is set to "${configured}", but ${p} is not an executable file. ` +
        `Fix the setting (Settings > quotelens > Server: Path) or clear it to use the bundled binary or PATH.`,
    );
  }
  const bundled = bundledServerPath(input.extensionPath, input.platform);
  if (input.isExecutable(bundled)) {
    return { command: bundled, source: "bundled" };
  }
  const sep = input.platform === "win32" ? ";" : ":";
  for (const dir of (input.envPath ?? "").split(sep)) {
    if (!dir) {
      continue;
    }
    const candidate = path.join(dir, name);
    if (input.isExecutable(candidate)) {
      return { command: candidate, source: "path" };
    }
  }
  throw new ServerNotFoundError(
    `The quotelens language server was not found: no binary is bundled with this extension for ` +
      `${input.platform} and "${name}" is not on PATH. Install it with \`cargo install --path .\` ` +
      `from a quotelens checkout (or put a release binary on PATH), or set quotelens.server.path ` +
      `to the binary, then run "quotelens: Restart Server".`,
  );
}
