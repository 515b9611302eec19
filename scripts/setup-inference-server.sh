#!/usr/bin/env bash
# Installs Roboflow's real inference HTTP server (inference-cpu, pinned in engine/inference-server.lock)
# into the git-ignored virtual environment .inference-server/venv, for the real-server tests
# (test/engine/realServer.engine.test.ts, started by engine/inference_server.py). Idempotent: a venv
# whose marker matches the lock is reused at once.
#
# Wheels come from the wheelhouse scripts/setup-engine.sh uses (ROBOFLOW_ENGINE_WHEELHOUSE, default
# ~/.cache/roboflow-workflows-vscode/wheels-<python>); the two locks share most of their wheels (torch and its
# CUDA libraries), so only what the server adds is downloaded, once. Later installs never ask PyPI.
# Measured on a 2-core machine: 2.9 GB of wheels (150 MB of them beyond the engine's), 5.2 GB installed;
# about 3 minutes with an empty wheelhouse, under 2 from a full one, instant when the venv matches the lock.
#
# Prints the venv's python path as its last line. Exit 3: no Python 3.10-3.13 here.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
LOCK="$ROOT/engine/inference-server.lock"
VENV="$ROOT/.inference-server/venv"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

find_python() {
  for candidate in ${ENGINE_PYTHON:-} python3.11 python3.12 python3.10 python3.13 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] <= (3, 13) else 1)' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

if ! PYTHON="$(find_python)"; then
  echo "[inference-server] no Python 3.10-3.13 found (inference-cpu needs one); set ENGINE_PYTHON" >&2
  exit 3
fi
PY_TAG="$("$PYTHON" -c 'import sys; print(f"cp{sys.version_info[0]}{sys.version_info[1]}")')"
WHEELHOUSE="${ROBOFLOW_ENGINE_WHEELHOUSE:-${XDG_CACHE_HOME:-$HOME/.cache}/roboflow-workflows-vscode/wheels-$PY_TAG}"
STAMP="server-$(sha256sum "$LOCK" | cut -c1-16)-$PY_TAG"

if [ -f "$VENV/.installed-$STAMP" ] && [ -x "$VENV/bin/python" ]; then
  echo "[inference-server] ready: $VENV (lock $STAMP)" >&2
  echo "$VENV/bin/python"
  exit 0
fi

START=$SECONDS
mkdir -p "$WHEELHOUSE"
# Everything in the lock as a wheel in the wheelhouse (the few sdist-only packages are built once). A
# marker per lock says the wheelhouse is complete, so later installs never ask PyPI.
if [ ! -f "$WHEELHOUSE/.complete-$STAMP" ]; then
  # Most of it is usually there already (the engine's wheels): look locally first, since asking PyPI
  # about 191 pins that are all local takes over a minute.
  if "$PYTHON" -m pip wheel --quiet --no-index --find-links "$WHEELHOUSE" --no-deps -r "$LOCK" -w "$WHEELHOUSE" >/dev/null 2>&1; then
    echo "[inference-server] every wheel was already in $WHEELHOUSE" >&2
  else
    BEFORE="$(du -sb "$WHEELHOUSE" | cut -f1)"
    echo "[inference-server] downloading the pinned server and its dependencies into $WHEELHOUSE" >&2
    "$PYTHON" -m pip wheel --quiet --find-links "$WHEELHOUSE" --no-deps -r "$LOCK" -w "$WHEELHOUSE" >&2
    echo "[inference-server] downloaded $(( ($(du -sb "$WHEELHOUSE" | cut -f1) - BEFORE) / 1048576 )) MB in $((SECONDS - START)) s" >&2
  fi
  touch "$WHEELHOUSE/.complete-$STAMP"
fi

echo "[inference-server] installing into $VENV" >&2
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
# --no-compile: Python compiles only what the server imports, on first use, instead of every module now.
"$VENV/bin/python" -m pip install --quiet --no-compile --no-index --find-links "$WHEELHOUSE" --no-deps -r "$LOCK" >&2
# The server must build its app (every import the HTTP API makes) before the install counts as done.
VERSION_JSON="$("$VENV/bin/python" "$ROOT/engine/inference_server.py" --check 2>/dev/null | tail -n 1)"
case "$VERSION_JSON" in
  *'"version"'*) ;;
  *) echo "[inference-server] the installed server does not start; run: $VENV/bin/python engine/inference_server.py --check" >&2; exit 1 ;;
esac
touch "$VENV/.installed-$STAMP"
echo "[inference-server] $VERSION_JSON; $(du -sh "$VENV" | cut -f1) installed in $((SECONDS - START)) s" >&2
echo "$VENV/bin/python"
