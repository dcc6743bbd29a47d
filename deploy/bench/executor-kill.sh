#!/usr/bin/env bash
# Issue 6's executor-loss drill with the full quality check: the ring8 regression recipe
# (SyncModeLeakyReluRing8Test's settings: 2 x 128 nets, 1,500 rounds, 2 partitions x 128) on a 2-worker
# standalone cluster, once undisturbed and once with one executor JVM killed with kill -9 at
# round KILL_AT; both runs are scored with `sparkgan evaluate` (modes covered, high-quality
# fraction; the test suite's bar is >= 7 of 8 modes and > 15%), and their final parameters
# compared (sync mode, deterministic tasks: they should be identical). Prints one Markdown table.
#   deploy/bench/executor-kill.sh [rounds] [kill-at]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$ROOT/deploy/lib/common.sh"
ROUNDS=${1:-1500}
KILL_AT=${2:-$((ROUNDS / 3))}
TMP=${TMPDIR:-/tmp}/sparkgan-executor-kill
export SPARKGAN_CLUSTER_DIR=$TMP/cluster
PORT=${KILL_PORT:-17277}
rm -rf "$TMP/runs-undisturbed" "$TMP/runs-killed"
mkdir -p "$TMP"

"$ROOT/deploy/standalone-cluster" start --workers 2 --port "$PORT" --webui-port $((PORT + 1000)) >&2
trap '"$ROOT/deploy/standalone-cluster" stop >&2' EXIT
MASTER=$("$ROOT/deploy/standalone-cluster" url)

RECIPE=(-c ring8 --set data.examples=20000 --set "model.generator-hidden=[128, 128]"
  --set "model.discriminator-hidden=[128, 128]" --set train.rounds="$ROUNDS"
  --set train.batch-per-partition=128 --set train.lr-decay-start=0.5 --set train.lr-final-fraction=0.02
  --set log.progress=false --set log.every-rounds=250 --set checkpoint.every=0)

train() { # output-dir log
  "$ROOT/deploy/spark-submit-sparkgan" --master "$MASTER" --executor-memory 1g --executor-cores 1 \
    --conf spark.ui.enabled=false train "${RECIPE[@]}" --set run.output="$1" > "$2" 2>&1
}


rounds_done() { wc -l < "$1/ring8/metrics.jsonl" 2>/dev/null || echo 0; }

start=$SECONDS
train "$TMP/runs-undisturbed" "$TMP/undisturbed.log"
undisturbed_s=$((SECONDS - start))

start=$SECONDS
train "$TMP/runs-killed" "$TMP/killed.log" &
driver=$!
until [ "$(rounds_done "$TMP/runs-killed")" -ge "$KILL_AT" ]; do
  kill -0 $driver 2>/dev/null || { echo "driver ended before the kill; log $TMP/killed.log" >&2; exit 1; }
  sleep 0.5
done
victim=$(sparkgan_executor_pids "$SPARKGAN_CLUSTER_DIR" | head -n 1)
killed_round=$(rounds_done "$TMP/runs-killed")
kill -9 "$victim"
wait $driver
killed_s=$((SECONDS - start))
grep -q "Lost executor" "$TMP/killed.log" || echo "warning: the driver log does not mention the lost executor" >&2

evaluate() {
  "$ROOT/deploy/sparkgan" evaluate --run "$1/ring8" > /dev/null 2>&1
  python3 -c "import json,sys; e=json.load(open(sys.argv[1])); print(e['modesCovered'], e['modesTotal'], e['highQualityFraction'])" "$1/ring8/evaluation.json"
}
read -r m1 t1 q1 < <(evaluate "$TMP/runs-undisturbed")
read -r m2 t2 q2 < <(evaluate "$TMP/runs-killed")
same=$(cmp -s "$TMP/runs-undisturbed/ring8/evaluation.json" "$TMP/runs-killed/ring8/evaluation.json" && echo yes || echo no)
echo "| run | rounds | executor killed at round | train s | modes | high quality | load (1 min) |"
echo "|---|---|---|---|---|---|---|"
echo "| undisturbed | $ROUNDS | - | $undisturbed_s | $m1/$t1 | $(python3 -c "print(f'{100*$q1:.1f}%')") | $(awk '{print $1}' /proc/loadavg) |"
echo "| kill -9 one executor | $ROUNDS | $killed_round (pid $victim) | $killed_s | $m2/$t2 | $(python3 -c "print(f'{100*$q2:.1f}%')") | $(awk '{print $1}' /proc/loadavg) |"
echo "evaluation.json identical (same samples from the same seed, so same parameters): $same"
