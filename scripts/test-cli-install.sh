#!/usr/bin/env bash
# `npm run test:cli-install`: installs the command-line linter the ways the README gives, each into a fresh
# project outside this repository, and runs it there as a CI job would:
#   1. `npm pack` of cli/ (its prepack builds the bundle) -> `npm install <tarball>`;
#   2. `npm install --no-save git+file://<bare clone>#<HEAD>` (README's CI example): npm installs the repository's devDependencies, runs
#      `prepare` (which builds only the linter) and installs what .npmignore lets through.
# Tests the committed HEAD for the git install (uncommitted changes are not in the clone).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false npm_config_prefer_offline=true
TMP="$(mktemp -d "${TMPDIR:-/tmp}/rfw-cli-install.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
[ -z "$(git status --porcelain)" ] || echo "[cli-install] note: uncommitted changes are not part of the git install test" >&2

# A broken and a clean workflow, as in a user's repository.
workflow() { # workflow <selector>
  printf '{"version": "1.0", "inputs": [{"type": "WorkflowImage", "name": "image"}],\n "steps": [{"type": "roboflow_core/roboflow_object_detection_model@v2", "name": "det", "images": "$inputs.image", "model_id": "yolov8n-640"}],\n "outputs": [{"type": "JsonField", "name": "p", "selector": "%s"}]}\n' "$1"
}

fail() { echo "[cli-install] FAILED: $*" >&2; exit 1; }

check_project() { # check_project <dir> <how>
  local dir="$1" how="$2" out code
  mkdir -p "$dir/flows"
  workflow '$steps.det.predictions' > "$dir/flows/clean.workflow.json"
  workflow '$steps.det.predictionz' > "$dir/flows/broken.workflow.json"
  code=0; out="$(cd "$dir" && npx --no roboflow-workflows lint flows/clean.workflow.json 2>&1)" || code=$?
  [ "$code" = 0 ] || fail "$how: clean workflow exited $code: $out"
  [ "$out" = "1 workflow checked: 0 errors, 0 warnings." ] || fail "$how: clean workflow printed: $out"
  code=0; out="$(cd "$dir" && npx --no roboflow-workflows lint "flows/*.workflow.json" 2>&1)" || code=$?
  [ "$code" = 1 ] || fail "$how: broken workflow exited $code: $out"
  grep -q "^flows/broken.workflow.json:3:73 error unknown-step-output Step 'det'" <<<"$out" || fail "$how: broken workflow printed: $out"
  code=0; (cd "$dir" && npx --no roboflow-workflows lint --format sarif "**/*.workflow.json" > rfw.sarif) || code=$?
  [ "$code" = 1 ] || fail "$how: SARIF run exited $code"
  node -e 'const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); const r = s.runs[0].results.find((r) => r.ruleId === "unknown-step-output"); if (r.locations[0].physicalLocation.artifactLocation.uri !== "flows/broken.workflow.json") process.exit(1)' "$dir/rfw.sarif" || fail "$how: SARIF location"
  code=0; (cd "$dir" && npx --no roboflow-workflows >/dev/null 2>&1) || code=$?
  [ "$code" = 2 ] || fail "$how: no arguments exited $code"
  echo "[cli-install] $how: ok"
}

new_project() { mkdir -p "$1" && printf '{ "name": "consumer", "version": "1.0.0", "private": true }\n' > "$1/package.json"; }

t=$SECONDS
TARBALL="$(cd cli && npm pack --silent --pack-destination "$TMP" | tail -1)"
new_project "$TMP/from-tarball"
(cd "$TMP/from-tarball" && npm install --loglevel=error --save-dev "$TMP/$TARBALL")
check_project "$TMP/from-tarball" "npm install $TARBALL"
echo "[cli-install] tarball: $((SECONDS - t)) s"

t=$SECONDS
git clone --quiet --bare "$ROOT" "$TMP/repo.git"
SHA="$(git rev-parse HEAD)"
# As README's GitHub Actions example does it: --no-save, in a repository that has no package.json.
mkdir -p "$TMP/from-git"
(cd "$TMP/from-git" && npm install --loglevel=error --no-save "git+file://$TMP/repo.git#$SHA")
check_project "$TMP/from-git" "npm install git+file://…#${SHA:0:7}"
echo "[cli-install] git: $((SECONDS - t)) s"
