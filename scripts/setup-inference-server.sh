#!/usr/bin/env bash
# Installs Roboflow's real inference HTTP server (inference-cpu, pinned in engine/inference-server.lock)
# into the git-ignored virtual environment .inference-server/venv, for the real-server tests
# (test/engine/realServer.engine.test.ts, started by engine/inference_server.py). Idempotent: a venv
# whose marker matches the lock is reused at once.
#
# How, and where the wheels come from: scripts/lib/locked-venv.sh. The wheelhouse is the one
# scripts/setup-engine.sh uses: the two locks share most of their wheels (torch and its CUDA libraries),
# so only what the server adds is downloaded, once. Later installs never ask PyPI.
# Measured on a 2-core machine: 2.9 GB of wheels (150 MB of them beyond the engine's), 5.2 GB installed;
# about 3 minutes with an empty wheelhouse, under 2 from a full one, instant when the venv matches the lock.
#
# Prints the venv's python path as its last line. Exit 3: no Python 3.10-3.13 here.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
LABEL=inference-server
LOCK="$ROOT/engine/inference-server.lock"
VENV="$ROOT/.inference-server/venv"
STAMP_PREFIX=server-
NEEDS=inference-cpu
# The server must build its app (every import the HTTP API makes) before the install counts as done.
check_install() {
  local answer
  answer="$("$VENV/bin/python" "$ROOT/engine/inference_server.py" --check 2>/dev/null | tail -n 1)"
  case "$answer" in
    *'"version"'*) echo "$answer" ;;
    *) echo "[inference-server] the server does not start; run: $VENV/bin/python engine/inference_server.py --check" >&2; return 1 ;;
  esac
}
# shellcheck source=lib/locked-venv.sh
source "$ROOT/scripts/lib/locked-venv.sh"
