#!/usr/bin/env bash
# Interleaved A/B of settings for the round's fixed cost on local[2] (issue 18 item 4).
# usage: deploy/bench/fixed-cost-ab.sh OUTDIR PAIRS standin|real 'NAME|JAVA_OPTS|k=v,k=v' ...   (the baseline "base||" runs first in each pair)
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
OUT=$1 PAIRS=$2 KIND=$3; shift 3
mkdir -p $OUT
if [ $KIND = standin ]; then EXTRA=(--compute-stand-in-ms 94 --rounds 80 --warmup 20); else EXTRA=(--rounds 160 --warmup 60); fi
for i in $(seq 1 $PAIRS); do
  for v in "base||" "$@"; do
    IFS='|' read -r name jopts conf <<< "$v"
    args=(); [ -n "$conf" ] && for c in ${conf//,/ }; do args+=(--spark-conf "$c"); done
    JAVA_OPTS="-Xmx4g $jopts" deploy/sparkgan bench rounds -c dcgan-b2 --master 'local[2]' "${EXTRA[@]}" "${args[@]}" \
       --out $OUT/$name-$i.json > $OUT/$name-$i.log 2>&1 || echo "FAILED $name-$i"
    python3 -c "import json;d=json.load(open('$OUT/$name-$i.json'));print('$name-$i', *(round(d[k],1) for k in ('roundMs','broadcastMs','computeMs','aggregateMs','updateMs')))"
  done
done
