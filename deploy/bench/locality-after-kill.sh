#!/usr/bin/env bash
# spark.locality.wait after an executor loss: the reference DCGAN (conf/dcgan-b2.conf, 60 rounds) on a
# 2-worker standalone cluster, one executor killed with kill -9 at round 15, once with 1s and once
# with 100ms; prints the median round time before and after the kill. (docs/deploy.md)
#   deploy/bench/locality-after-kill.sh
set -euo pipefail
mkdir -p "${TMPDIR:-/tmp}/sparkgan-locality"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$ROOT/deploy/lib/common.sh"
export SPARKGAN_CLUSTER_DIR=${TMPDIR:-/tmp}/sparkgan-locality/cluster
"$ROOT/deploy/standalone-cluster" start --workers 2 --worker-memory 1536m --port 17377 --webui-port 18377 >&2
trap '"$ROOT/deploy/standalone-cluster" stop >&2' EXIT
M=$("$ROOT/deploy/standalone-cluster" url)
for wait in 1s 100ms; do
  out=${TMPDIR:-/tmp}/sparkgan-locality/runs-$wait; rm -rf $out
  "$ROOT/deploy/spark-submit-sparkgan" --master $M --executor-memory 1g --executor-cores 1 --conf spark.ui.enabled=false \
    --conf spark.locality.wait=$wait train -c dcgan-b2 --set train.rounds=60 --set checkpoint.every=0 --set log.progress=false \
    --set run.output=$out > ${TMPDIR:-/tmp}/sparkgan-locality/$wait.log 2>&1 &
  d=$!
  until [ "$( { wc -l < $out/dcgan-b2/metrics.jsonl; } 2>/dev/null || echo 0)" -ge 15 ]; do sleep 0.5; done
  kill -9 "$(sparkgan_executor_pids "$SPARKGAN_CLUSTER_DIR" | head -n 1)"
  wait $d
  python3 - $out/dcgan-b2/metrics.jsonl $wait "$(cat /proc/loadavg | cut -d' ' -f1)" <<'PY'
import json, sys, statistics as st
rows=[json.loads(l) for l in open(sys.argv[1])]
m=lambda a,b: st.median(r["roundMs"] for r in rows[a:b])
print(f"locality.wait={sys.argv[2]}: median round ms, rounds 5-14: {m(4,14):.0f}; rounds 30-60: {m(29,60):.0f}; load {sys.argv[3]}")
PY
done
