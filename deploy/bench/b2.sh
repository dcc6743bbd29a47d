#!/usr/bin/env bash
# The benchmark B2 of docs/benchmarks.md in one sitting: the PyTorch peer before and after, and sparkgan's reference
# DCGAN and MLP GAN on 2 plain threads in one JVM and through Spark local[2] (sync, and average
# mode with 4 local steps). Steady state: the first rounds are dropped (JIT and oneDNN warm-up
# take ~35 DCGAN rounds). One JSON per configuration in OUT; prints a markdown table.
#   deploy/bench/b2.sh [OUT]          (default docs/results/b2)
# Needs the peer's set-up (docs/benchmarks.md, B2): apt-get install -y python3-torch libopenblas0-pthread.
# Run it on an otherwise idle machine: every figure is only comparable within one sitting.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=${1:-$ROOT/docs/results/b2}
PEER=${PEER:-$ROOT/../shared/peer/torch_gan_bench.py}
PY=/usr/bin/python3   # Debian's python3 (with python3-torch), not a pyenv one earlier in PATH
mkdir -p "$OUT"

peer() { # model label
  if ! "$PY" -c 'import torch' 2>/dev/null || [ ! -f "$PEER" ]; then
    echo "| peer $1 ($2) | not run: no $PEER or no torch for $PY | | | |"; return
  fi
  local line; line=$(OPENBLAS_NUM_THREADS=1 "$PY" "$PEER" "$1" 2)
  echo "$line" > "$OUT/peer-$1-$2.txt"
  "$PY" - "$line" "$1" "$2" <<'PY'
import re, sys
line, model, label = sys.argv[1:]
img = re.search(r"img/s=(\d+)", line).group(1); gf = re.search(r"GFLOP/s=([\d.]+)", line).group(1)
print(f"| peer {model}, 2 threads ({label}) | batch 64 | {img} | {gf} | {float(gf)/205*100:.0f}% |")
PY
}

ours() { # name recipe rounds warmup engine(threads|spark) overrides...
  local name=$1 recipe=$2 rounds=$3 warmup=$4 engine=$5; shift 5
  local where=(--master 'local[2]') sets=()
  [ "$engine" = threads ] && where=(--threads 2)
  for kv in "$@"; do sets+=(--set "$kv"); done
  "$ROOT/deploy/sparkgan" bench rounds -c "$recipe" --rounds "$rounds" --warmup "$warmup" "${where[@]}" \
    --set run.output=/tmp/sparkgan-bench "${sets[@]}" --out "$OUT/$name.json" > /dev/null 2>&1
  "$PY" - "$OUT/$name.json" "$name" "$recipe" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); name, recipe = sys.argv[2:]
gflop_per_image = {"dcgan-b2": 11.218 / 64, "mlp-b2": 0.793 / 64}[recipe]
eps = r["examplesPerSecond"]; gf = eps * gflop_per_image
steps = f", average k={r['localSteps']}" if r["mode"] == "average" else ""
print(f"| {name}: {r['master']}{steps} | {r['partitions']} x {r['batchPerPartition']} | {eps:.0f} | {gf:.1f} | {gf/205*100:.0f}% "
      f"| round {r['roundMs']:.1f} ms = compute {r['computeMs']:.1f} + broadcast {r['broadcastMs']:.1f} + aggregate {r['aggregateMs']:.1f} + update {r['updateMs']:.1f} (+ rest) |")
PY
}

echo "| what | batch | img/s | GFLOP/s | of 205 GFLOP/s | split |"
echo "|---|---|---|---|---|---|"
peer dcgan before
ours dcgan-threads-2x32 dcgan-b2 90 50 threads
ours dcgan-threads-2x64 dcgan-b2 70 40 threads train.batch-per-partition=64
ours dcgan-spark-sync-2x32 dcgan-b2 90 50 spark
ours dcgan-spark-sync-2x64 dcgan-b2 70 40 spark train.batch-per-partition=64
ours dcgan-spark-avg4-2x32 dcgan-b2 40 20 spark train.mode=average train.local-steps=4
peer dcgan after
peer mlp before
ours mlp-threads-2x32 mlp-b2 300 100 threads train.batch-per-partition=32
ours mlp-spark-sync-2x32 mlp-b2 300 100 spark train.batch-per-partition=32
ours mlp-spark-avg8-2x32 mlp-b2 100 30 spark train.batch-per-partition=32 train.mode=average train.local-steps=8
peer mlp after
