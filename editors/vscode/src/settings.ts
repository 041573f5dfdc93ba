// The settings sent to the server: the `quotelens.*` settings the user set, minus the
// ones only the extension uses. Pure, so it is unit-tested without VS Code.

/** Settings read by the extension, never sent to the server. */
export const EDITOR_ONLY_SETTINGS = ["server.path", "trace.server"];

/** One setting as `WorkspaceConfiguration.inspect` reports it. */
export interface InspectedSetting {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/** The value that applies, or undefined when the user set nothing (the server's default applies). */
export function userValue(s: InspectedSetting | undefined): unknown {
  if (!s) {
    return undefined;
  }
  return s.workspaceFolderValue ?? s.workspaceValue ?? s.globalValue;
}

/**
 * Build the nested settings object for the server from dotted keys
 * (`inlayHints.speakers` -> `{inlayHints: {speakers: ...}}`). Keys the user did not set are left
 * out, so the server's own defaults (and quotelens.toml) decide them.
 */
export function serverSettings(
  keys: readonly string[],
  inspect: (key: string) => InspectedSetting | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    if (EDITOR_ONLY_SETTINGS.includes(key)) {
      continue;
    }
    const value = userValue(inspect(key));
    if (value === undefined) {
      continue;
    }
    const parts = key.split(".");
    let target = out;
    for (const part of parts.slice(0, -1)) {
      const next = target[part];
      if (typeof next !== "object" || next === null || Array.isArray(next)) {
        target[part] = {};
      }
      target = target[part] as Record<string, unknown>;
    }
    target[parts[parts.length - 1]] = value;
  }
  return out;
}

/** The `quotelens.*` keys declared in package.json, without the prefix. */
export function declaredKeys(packageJson: {
  contributes?: { configuration?: { properties?: Record<string, unknown> } };
}): string[] {
  const props = packageJson.contributes?.configuration?.properties ?? {};
  return Object.keys(props)
    .filter((k) => k.startsWith("quotelens."))
    .map((k) => k.slice("quotelens.".length));
}

/** VS Code document selectors for the `languages` setting: language ids and `*.ext` patterns. */
export function documentSelector(
  languages: readonly string[],
): Array<{ scheme: string; language?: string; pattern?: string }> {
  const selector: Array<{ scheme: string; language?: string; pattern?: string }> = [];
  for (const scheme of ["file", "untitled"]) {
    for (const lang of languages) {
      const l = lang.trim();
      if (!l) {
        continue;
      }
      if (l.startsWith("*.") || l.startsWith(".")) {
        if (scheme === "file") {
          selector.push({ scheme, pattern: `**/*.${l.replace(/^\*?\./, "")}` });
        }
      } else {
        selector.push({ scheme, language: l });
      }
    }
  }
  return selector;
}

/** Settings whose change needs a new server (the rest go over didChangeConfiguration). */
export function needsRestart(changed: (key: string) => boolean): boolean {
  return changed("quotelens.server.path") || changed("quotelens.languages");
}
