#!/usr/bin/env bash
# The benchmark B3 of docs/benchmarks.md on a real standalone cluster: per-round time and its split for the MLP GAN
# (conf/mlp-b2.conf) and the reference DCGAN (conf/dcgan-b2.conf), sync and average modes, on
# Spark local[2] and on a 2-worker standalone cluster (1 core, 1g executors each) through
# deploy/spark-submit-sparkgan with the shaded jar; the same jobs on 1 executor (spark.cores.max=1,
# same 2 partitions = same global batch) for speedup and efficiency; bytes per round; the peak
# resident memory of the DCGAN executors. Writes docs/results/b3-cluster/*.json and prints a
# Markdown table with the 1-minute load average (`uptime`) before and after every row.
#   deploy/bench/b3-cluster.sh [mlp-rounds] [dcgan-rounds]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$ROOT/deploy/lib/common.sh"
MLP_ROUNDS=${1:-40}
DCGAN_ROUNDS=${2:-25}
OUT=$ROOT/docs/results/b3-cluster
TMP=${TMPDIR:-/tmp}/sparkgan-b3-cluster
export SPARKGAN_CLUSTER_DIR=$TMP/cluster
PORT=${B3_PORT:-17177}
mkdir -p "$OUT" "$TMP"

load() { awk '{print $1}' /proc/loadavg; }

"$ROOT/deploy/standalone-cluster" start --workers 2 --worker-cores 1 --worker-memory 1536m \
  --port "$PORT" --webui-port $((PORT + 1000)) >&2
trap '"$ROOT/deploy/standalone-cluster" stop >&2' EXIT
MASTER=$("$ROOT/deploy/standalone-cluster" url)

# Peak resident memory (MB) of this cluster's executor JVMs while $1 (a pid) runs.
watch_rss() {
  local pid=$1 peak=0 p rss
  while kill -0 "$pid" 2>/dev/null; do
    for p in $(sparkgan_executor_pids "$SPARKGAN_CLUSTER_DIR"); do
      rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$p/status" 2>/dev/null || echo 0)
      [ "${rss:-0}" -gt "$peak" ] && peak=$rss
    done
    sleep 1
  done
  echo "$peak"
}

run() { # name where(local|cluster1|cluster2) recipe rounds overrides...
  local name=$1 where=$2 recipe=$3 rounds=$4; shift 4
  local sets=() warmup=$((rounds / 5))
  for kv in "$@"; do sets+=(--set "$kv"); done
  local bench=(bench rounds -c "$recipe" --rounds "$rounds" --warmup "$warmup" --set run.output="$TMP/runs"
    "${sets[@]}" --out "$OUT/$name.json")
  local before rss=""
  before=$(load)
  case $where in
    local) "$ROOT/deploy/sparkgan" "${bench[@]}" --master 'local[2]' > "$TMP/$name.log" 2>&1 ;;
    cluster*)
      local cores=2
      [ "$where" = cluster1 ] && cores=1
      "$ROOT/deploy/spark-submit-sparkgan" --master "$MASTER" --executor-memory 1g --executor-cores 1 \
        --conf spark.cores.max=$cores --conf spark.ui.enabled=false "${bench[@]}" > "$TMP/$name.log" 2>&1 &
      local pid=$!
      rss=$(watch_rss $pid)
      wait $pid || { echo "FAILED $name (log $TMP/$name.log)" >&2; tail -20 "$TMP/$name.log" >&2; return 1; }
      ;;
  esac
  python3 - "$OUT/$name.json" "$name" "$where" "$before" "$(load)" "$rss" <<'PY'
import json, sys
path, name, where, before, after, rss = sys.argv[1:]
r = json.load(open(path))
r.update({"where": where, "load1Before": float(before), "load1After": float(after)})
if rss:
    r["executorPeakRssMb"] = int(rss)
json.dump(r, open(path, "w"), indent=2)
print(f"| {name} | {where} | {r['mode']} | {r['batchPerPartition']} | {r['localSteps']} | {r['roundMs']:.1f} | {r['computeMs']:.1f} | {r['broadcastMs']:.1f} | {r['aggregateMs']:.1f} | {r['updateMs']:.1f} | {100*r['overheadFraction']:.1f}% | {r['examplesPerSecond']:.0f} | {r['bytesPerRound']/1e6:.2f} | {rss or '-'} | {before} / {after} |", flush=True)
PY
}

echo "| config | where | mode | batch/partition | local steps | round ms | compute ms | broadcast ms | aggregate ms | update ms | outside compute | examples/s | MB/round | executor peak RSS MB | load before / after |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
# The three placements of one configuration run back to back, so that their ratios (speedup,
# cluster vs local) see about the same background load on a shared machine.
for where in cluster2 cluster1 local; do run "dcgan-sync-$where" $where dcgan-b2 "$DCGAN_ROUNDS"; done
for where in cluster2 cluster1 local; do
  run "dcgan-sync-b64-$where" $where dcgan-b2 "$DCGAN_ROUNDS" train.batch-per-partition=64
done
for where in cluster2 cluster1 local; do
  run "dcgan-avg-k4-$where" $where dcgan-b2 "$((DCGAN_ROUNDS / 2))" train.mode=average train.local-steps=4
done
for where in cluster2 cluster1 local; do run "mlp-sync-$where" $where mlp-b2 "$MLP_ROUNDS"; done
for where in cluster2 cluster1 local; do
  run "mlp-avg-k8-$where" $where mlp-b2 "$MLP_ROUNDS" train.mode=average train.local-steps=8
done
