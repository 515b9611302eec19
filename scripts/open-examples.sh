#!/usr/bin/env bash
# `npm start`: builds the extension and opens a throw-away copy of examples/ (in a fresh temporary folder,
# scripts/prepare-examples.mjs) in a real VS Code with it loaded; edits never touch examples/ itself.
#  - desktop VS Code (`code` on PATH): code --extensionDevelopmentPath=<repo> <copy>
#  - otherwise: code-server (installed by scripts/setup-vscode.sh) on http://127.0.0.1:${PORT:-8080}/
#    with the extension installed as a link to this repository; stays in the foreground until Ctrl-C.
# Env: PORT (default 8080), USE_CODE_SERVER=1 (use code-server even when `code` exists),
#      WORKSPACE_TRUST=1 (code-server: workspace trust on, to try Restricted Mode).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

[ -d node_modules ] || npm ci --no-audit --no-fund
node scripts/build.mjs

if command -v code >/dev/null 2>&1 && [ -z "${USE_CODE_SERVER:-}" ] && [ -z "${VSCODE_IPC_HOOK_CLI:-}" ]; then
  WS="$(node scripts/prepare-examples.mjs)"
  echo "[start] a copy of examples/ to try things on: $WS"
  echo "[start] desktop VS Code: code --extensionDevelopmentPath=$ROOT $WS"
  exec code --extensionDevelopmentPath="$ROOT" "$WS"
fi

bash scripts/setup-vscode.sh
PORT="${PORT:-8080}"
NODE24="$ROOT/.vscode-test/node24/bin/node"
ENTRY="$ROOT/.vscode-test/cs/node_modules/code-server/out/node/entry.js"
# A profile of its own (extensions and state kept between runs), with the test profiles' settings,
# rewritten each run; a fresh copy of examples/ to open.
P="$ROOT/.test-run/examples"
mkdir -p "$P/home" "$P/tmp" "$P/user-data/User"
WS="$(node scripts/prepare-examples.mjs --user-data "$P/user-data")"
# "Install" the extension as a link to this repository: code-server scans the extensions folder,
# so rebuilding (node scripts/build.mjs) and reloading the window picks up changes.
EXT_ID="$(node -p "const p=require('./package.json'); p.publisher + '.' + p.name + '-' + p.version")"
rm -rf "$P/extensions" && mkdir -p "$P/extensions"
ln -s "$ROOT" "$P/extensions/$EXT_ID"
echo 'auth: none' > "$P/code-server.yaml"

if curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then
  echo "[start] port $PORT is already in use; set PORT=<free port>" >&2
  exit 1
fi

# Own process group (setsid) so that stopping kills the extension host too.
env -u VSCODE_IPC_HOOK_CLI HOME="$P/home" TMPDIR="$P/tmp" XDG_CONFIG_HOME="$P/home/.config" \
  XDG_DATA_HOME="$P/home/.local/share" XDG_CACHE_HOME="$P/home/.cache" PATH="$(dirname "$NODE24"):$PATH" \
  setsid "$NODE24" "$ENTRY" --auth none --bind-addr "127.0.0.1:$PORT" \
  --disable-telemetry --disable-update-check --disable-getting-started-override --ignore-last-opened \
  --config "$P/code-server.yaml" --user-data-dir "$P/user-data" --extensions-dir "$P/extensions" \
  "$WS" > "$P/code-server.log" 2>&1 < /dev/null &
CS=$!
stop() { trap - EXIT INT TERM; kill -TERM -- "-$CS" 2>/dev/null || true; sleep 0.5; kill -KILL -- "-$CS" 2>/dev/null || true; }
trap stop EXIT
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM

for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  if ! kill -0 "$CS" 2>/dev/null; then echo "[start] code-server exited; log:" >&2; tail -20 "$P/code-server.log" >&2; exit 1; fi
  sleep 0.1
done
curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null || { echo "[start] code-server did not start; log: $P/code-server.log" >&2; exit 1; }

URL="http://127.0.0.1:$PORT/?folder=$WS"
echo
echo "[start] VS Code (code-server) with Roboflow Workflows loaded: $URL"
echo "[start] it opens a copy of examples/, which your edits change: $WS"
echo "[start] log: $P/code-server.log - press Ctrl-C to stop"
wait "$CS"
