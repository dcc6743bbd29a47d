#!/usr/bin/env bash
# The benchmark B3 of docs/benchmarks.md (overhead part) for the MLP GANs: median round and its split after warm-up,
# Spark local[2] beside the same partitions on 2 plain threads in one JVM (no Spark), in sync and
# average modes. Writes one JSON per configuration to docs/results/b3/ and prints a table.
#   deploy/bench/b3-overhead.sh [rounds]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ROUNDS=${1:-60}
OUT=$ROOT/docs/results/b3
mkdir -p "$OUT"
run() { # name engine recipe overrides...
  local name=$1 engine=$2 recipe=$3; shift 3
  local sets=()
  for kv in "$@"; do sets+=(--set "$kv"); done
  local where=(--master 'local[2]')
  [ "$engine" = threads ] && where=(--threads 2)
  "$ROOT/deploy/sparkgan" bench rounds -c "$recipe" --rounds "$ROUNDS" --warmup 10 "${where[@]}" \
    --set run.output=/tmp/sparkgan-bench "${sets[@]}" --out "$OUT/$name.json" > /dev/null 2>&1
  python3 - "$OUT/$name.json" "$name" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"| {sys.argv[2]} | {r['master']} | {r['mode']} | {r['batchPerPartition']} | {r['localSteps']} | {r['roundMs']:.1f} | {r['computeMs']:.1f} | {r['broadcastMs']:.1f} | {r['aggregateMs']:.1f} | {r['updateMs']:.1f} | {100*r['overheadFraction']:.1f}% | {r['examplesPerSecond']:.0f} | {r['bytesPerRound']/1e6:.2f} |")
PY
}
echo "| config | engine | mode | batch/partition | local steps | round ms | compute ms | broadcast ms | aggregate ms | update ms | outside compute | examples/s | MB/round |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for engine in spark threads; do
  run mlp-b2-sync-b64-$engine $engine mlp-b2
  run mlp-b2-sync-b512-$engine $engine mlp-b2 train.batch-per-partition=512
  run mlp-b2-avg-k8-$engine $engine mlp-b2 train.mode=average train.local-steps=8
  run ring8-sync-$engine $engine ring8
  run ring8-avg-k8-$engine $engine ring8 train.mode=average train.local-steps=8
done
