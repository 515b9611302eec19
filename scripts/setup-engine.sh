#!/usr/bin/env bash
# Installs Roboflow's real Execution Engine (roboflow-workflows, pinned in engine/requirements.lock)
# into the git-ignored virtual environment .engine/venv, for `npm run catalog:update` and the engine
# test stage. Idempotent: a venv whose marker matches the lock is reused at once.
#
# Downloads go to a wheelhouse outside the clone (ROBOFLOW_ENGINE_WHEELHOUSE, default
# ~/.cache/roboflow-workflows-vscode/wheels-<python>), so a fresh clone on the same machine installs
# from local files. First time: about 1.3 GB of wheels, 5.3 GB installed; later clones: about 1 minute.
#
# Prints the venv's python path as its last line. Exit 3: no Python 3.10-3.13 here.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
LOCK="$ROOT/engine/requirements.lock"
VENV="$ROOT/.engine/venv"
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
  echo "[engine] no Python 3.10-3.13 found (roboflow-workflows needs one); set ENGINE_PYTHON" >&2
  exit 3
fi
PY_TAG="$("$PYTHON" -c 'import sys; print(f"cp{sys.version_info[0]}{sys.version_info[1]}")')"
WHEELHOUSE="${ROBOFLOW_ENGINE_WHEELHOUSE:-${XDG_CACHE_HOME:-$HOME/.cache}/roboflow-workflows-vscode/wheels-$PY_TAG}"
STAMP="$(sha256sum "$LOCK" | cut -c1-16)-$PY_TAG"

if [ -f "$VENV/.installed-$STAMP" ] && [ -x "$VENV/bin/python" ]; then
  echo "[engine] ready: $VENV (lock $STAMP)" >&2
  echo "$VENV/bin/python"
  exit 0
fi

START=$SECONDS
mkdir -p "$WHEELHOUSE"
# Everything in the lock as a wheel in the wheelhouse (the few sdist-only packages, e.g. pybase64, are
# built once). A marker per lock says the wheelhouse is complete, so later installs never ask PyPI.
if [ ! -f "$WHEELHOUSE/.complete-$STAMP" ]; then
  echo "[engine] downloading the pinned engine and its dependencies into $WHEELHOUSE" >&2
  "$PYTHON" -m pip wheel --quiet --find-links "$WHEELHOUSE" --no-deps -r "$LOCK" -w "$WHEELHOUSE" >&2
  touch "$WHEELHOUSE/.complete-$STAMP"
fi

echo "[engine] installing into $VENV" >&2
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --no-index --find-links "$WHEELHOUSE" --no-deps -r "$LOCK" >&2
# The engine must import and describe its blocks before the install counts as done.
VERSION_JSON="$(PYTHONHASHSEED=0 "$VENV/bin/python" "$ROOT/engine/bridge.py" version)"
touch "$VENV/.installed-$STAMP"
echo "[engine] $VERSION_JSON; $(du -sh "$VENV" | cut -f1) installed in $((SECONDS - START)) s" >&2
echo "$VENV/bin/python"
