#!/usr/bin/env bash
# `npm run test:soak -- [runs]`: runs the whole `npm test` several times in a row while a CPU-heavy process
# keeps one core busy, the way a new user's loaded laptop or a shared CI runner would, and stops at the
# first failure. Each run's log is kept in .test-run/soak/run-N.log; the summary prints every run's time.
# Env: SOAK_LOAD=0 runs without the extra load; other variables (SKIP_ENGINE, ...) pass through to npm test.
set -uo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-10}"
OUT=.test-run/soak
mkdir -p "$OUT"

LOAD_PID=""
if [ "${SOAK_LOAD:-1}" != 0 ]; then
  # A busy loop that never yields: the suite must not rely on having the machine to itself.
  node -e 'for (;;) { Math.sqrt(Math.random()); }' &
  LOAD_PID=$!
fi
stop_load() { [ -n "$LOAD_PID" ] && kill "$LOAD_PID" 2>/dev/null; }
trap stop_load EXIT

declare -a TIMES=()
for i in $(seq 1 "$RUNS"); do
  t=$SECONDS
  if bash scripts/test-all.sh >"$OUT/run-$i.log" 2>&1; then
    TIMES+=("$((SECONDS - t))")
    echo "run $i/$RUNS: passed in $((SECONDS - t)) s (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  else
    echo "run $i/$RUNS: FAILED after $((SECONDS - t)) s; log: $OUT/run-$i.log" >&2
    grep -E '^==> FAILED|failing|Error' "$OUT/run-$i.log" | head -20 >&2
    exit 1
  fi
done
sorted=$(printf '%s\n' "${TIMES[@]}" | sort -n)
echo "all $RUNS runs passed; seconds per run: ${TIMES[*]} (min $(echo "$sorted" | head -1), median $(echo "$sorted" | sed -n "$(((RUNS + 1) / 2))p"), max $(echo "$sorted" | tail -1))"
