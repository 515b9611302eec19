#!/usr/bin/env bash
# `npm start`: builds the extension and opens examples/ in a real VS Code with it loaded.
#  - desktop VS Code (`code` on PATH): code --extensionDevelopmentPath=<repo> examples
#  - otherwise: code-server (installed by scripts/setup-vscode.sh) on http://127.0.0.1:${PORT:-8080}/
#    with the extension installed as a link to this repository; stays in the foreground until Ctrl-C.
# Env: PORT (default 8080), USE_CODE_SERVER=1 (use code-server even when `code` exists).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

[ -d node_modules ] || npm ci --no-audit --no-fund
node scripts/build.mjs
mkdir -p examples

if command -v code >/dev/null 2>&1 && [ -z "${USE_CODE_SERVER:-}" ] && [ -z "${VSCODE_IPC_HOOK_CLI:-}" ]; then
  echo "[start] desktop VS Code: code --extensionDevelopmentPath=$ROOT examples"
  exec code --extensionDevelopmentPath="$ROOT" "$ROOT/examples"
fi

bash scripts/setup-vscode.sh
PORT="${PORT:-8080}"
NODE24="$ROOT/.vscode-test/node24/bin/node"
ENTRY="$ROOT/.vscode-test/cs/node_modules/code-server/out/node/entry.js"
# A profile of its own, kept between runs (settings and opened editors survive restarts). Workspace
# trust is off there; set "security.workspace.trust.enabled": true in
# .test-run/examples/user-data/User/settings.json to try Restricted Mode.
P="$ROOT/.test-run/examples"
mkdir -p "$P/home" "$P/tmp" "$P/user-data/User"
[ -f "$P/user-data/User/settings.json" ] || cat > "$P/user-data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "security.workspace.trust.enabled": false,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": "off",
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "chat.disableAIFeatures": true,
  "workbench.secondarySideBar.defaultVisibility": "hidden"
}
JSON
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
  "$ROOT/examples" > "$P/code-server.log" 2>&1 < /dev/null &
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

URL="http://127.0.0.1:$PORT/?folder=$ROOT/examples"
echo
echo "[start] VS Code (code-server) with Roboflow Workflows loaded: $URL"
echo "[start] log: $P/code-server.log - press Ctrl-C to stop"
wait "$CS"
