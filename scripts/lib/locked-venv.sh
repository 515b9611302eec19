# Sourced by scripts/setup-engine.sh and scripts/setup-inference-server.sh: installs the packages of a
# lock (pinned, --no-deps) into a git-ignored venv from a wheelhouse outside the clone, once per lock.
#
# The caller sets: LABEL (log prefix), LOCK (the lock file), VENV (the venv directory), STAMP_PREFIX
# (tells the locks' markers apart), NEEDS (what needs Python, for the error message), and defines
# `check_install` (prints a one-line JSON summary; fails if the install does not work).
# Wheelhouse: ROBOFLOW_ENGINE_WHEELHOUSE, default ~/.cache/roboflow-workflows-vscode/wheels-<python>,
# shared by both locks (they share torch and its CUDA libraries). Python: ENGINE_PYTHON, else the first
# 3.10-3.13 found. Prints the venv's python path as its last line. Exit 3: no such Python here.
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
  echo "[$LABEL] no Python 3.10-3.13 found ($NEEDS needs one); set ENGINE_PYTHON" >&2
  exit 3
fi
PY_TAG="$("$PYTHON" -c 'import sys; print(f"cp{sys.version_info[0]}{sys.version_info[1]}")')"
WHEELHOUSE="${ROBOFLOW_ENGINE_WHEELHOUSE:-${XDG_CACHE_HOME:-$HOME/.cache}/roboflow-workflows-vscode/wheels-$PY_TAG}"
STAMP="$STAMP_PREFIX$(sha256sum "$LOCK" | cut -c1-16)-$PY_TAG"

if [ -f "$VENV/.installed-$STAMP" ] && [ -x "$VENV/bin/python" ]; then
  echo "[$LABEL] ready: $VENV (lock $STAMP)" >&2
  echo "$VENV/bin/python"
  exit 0
fi

START=$SECONDS
mkdir -p "$WHEELHOUSE"
# Every package of the lock as a wheel in the wheelhouse (sdist-only packages are built once). A marker
# per lock says the wheelhouse is complete, so later installs never ask PyPI.
if [ ! -f "$WHEELHOUSE/.complete-$STAMP" ]; then
  # Much of it may be there already (the other lock's wheels): look locally first, since asking PyPI
  # about a couple of hundred pins that are all local takes over a minute.
  if "$PYTHON" -m pip wheel --quiet --no-index --find-links "$WHEELHOUSE" --no-deps -r "$LOCK" -w "$WHEELHOUSE" >/dev/null 2>&1; then
    echo "[$LABEL] every wheel was already in $WHEELHOUSE" >&2
  else
    BEFORE="$(du -sb "$WHEELHOUSE" | cut -f1)"
    echo "[$LABEL] downloading the pinned packages into $WHEELHOUSE" >&2
    "$PYTHON" -m pip wheel --quiet --find-links "$WHEELHOUSE" --no-deps -r "$LOCK" -w "$WHEELHOUSE" >&2
    echo "[$LABEL] downloaded $(( ($(du -sb "$WHEELHOUSE" | cut -f1) - BEFORE) / 1048576 )) MB in $((SECONDS - START)) s" >&2
  fi
  touch "$WHEELHOUSE/.complete-$STAMP"
fi

echo "[$LABEL] installing into $VENV" >&2
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
# --no-compile: Python compiles only what is imported, on first use, instead of every module now.
"$VENV/bin/python" -m pip install --quiet --no-compile --no-index --find-links "$WHEELHOUSE" --no-deps -r "$LOCK" >&2
if ! SUMMARY="$(check_install)"; then
  echo "[$LABEL] the installed packages do not work; see the error above" >&2
  exit 1
fi
touch "$VENV/.installed-$STAMP"
echo "[$LABEL] $SUMMARY; $(du -sh "$VENV" | cut -f1) installed in $((SECONDS - START)) s" >&2
echo "$VENV/bin/python"
