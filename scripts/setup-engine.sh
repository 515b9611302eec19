#!/usr/bin/env bash
# Installs Roboflow's real Execution Engine (roboflow-workflows, pinned in engine/requirements.lock)
# into the git-ignored virtual environment .engine/venv, for `npm run catalog:update` and the engine
# test stage. Idempotent: a venv whose marker matches the lock is reused at once.
# How, and where the downloads go: scripts/lib/locked-venv.sh. First time: about 2.8 GB of wheels,
# 5.4 GB installed, about 4 minutes; from the wheelhouse about 2.5 minutes.
#
# Prints the venv's python path as its last line. Exit 3: no Python 3.10-3.13 here.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
LABEL=engine
LOCK="$ROOT/engine/requirements.lock"
VENV="$ROOT/.engine/venv"
STAMP_PREFIX=""
NEEDS=roboflow-workflows
# The engine must import and describe its blocks before the install counts as done.
check_install() { PYTHONHASHSEED=0 "$VENV/bin/python" "$ROOT/engine/bridge.py" version; }
# shellcheck source=lib/locked-venv.sh
source "$ROOT/scripts/lib/locked-venv.sh"
