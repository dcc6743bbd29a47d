#!/usr/bin/env bash
# The PyTorch control's time-to-quality curve (B4): train with deploy/bench/b4-torch-peer.py, writing a
# sample set at every --snapshots image count, then prepare and score every set with sparkgan's
# evaluator, and print a table: images seen, training minutes (snapshot writing excluded), IS, FID.
#
#   deploy/bench/b4-torch-curve.sh OUT EVALUATOR [b4-torch-peer.py flags, --snapshots among them]
#   e.g. deploy/bench/b4-torch-curve.sh /tmp/peer-sn evaluators/mnist \
#          --idx data/raw/mnist/train-images-idx3-ubyte --model dcgan28 --d-norm spectral-norm --loss hinge \
#          --batch 64 --partitions 2 --real-sampling replacement --images 384000 --snapshots 64000,192000,384000
#
# Every step is skipped when its output exists (OUT/peer.json, OUT/prepared-N/manifest.json,
# OUT/score-N.json), so a rerun with just OUT and EVALUATOR scores what is missing and prints the
# table again. Threads: PEER_THREADS (default 2) for training; SPARKGAN_OPTS is passed to both
# sparkgan commands (e.g. "--master local[2]"). Run it on an otherwise idle machine.
set -euo pipefail
if [ $# -lt 2 ]; then
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2
fi
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=$1; EVALUATOR=$2; shift 2
PY=/usr/bin/python3   # Debian's python3 (with python3-torch), not a pyenv one earlier in PATH
THREADS=${PEER_THREADS:-2}
read -r -a SPARK <<< "${SPARKGAN_OPTS:-}"
mkdir -p "$OUT"

# 1. Train (once).
if [ ! -f "$OUT/peer.json" ]; then
  if [ $# -eq 0 ]; then echo "no $OUT/peer.json: give b4-torch-peer.py's flags to train" >&2; exit 2; fi
  OPENBLAS_NUM_THREADS=$THREADS OMP_NUM_THREADS=$THREADS "$PY" "$ROOT/deploy/bench/b4-torch-peer.py" \
    --out "$OUT" --threads "$THREADS" "$@" | tee "$OUT/train.log"
fi
[ -s "$OUT/snapshots.jsonl" ] || { echo "$OUT/snapshots.jsonl is missing or empty" >&2; exit 1; }

# 2-3. Prepare and score every snapshot.
"$PY" -c 'import json, sys
for line in open(sys.argv[1]):
    if line.strip(): s = json.loads(line); print(s["images"], s["file"])' "$OUT/snapshots.jsonl" |
while read -r images file; do
  if [ ! -f "$OUT/prepared-$images/manifest.json" ]; then
    "$ROOT/deploy/sparkgan" prepare --input "$OUT/$file" --out "$OUT/prepared-$images" --size 28 --channels 1 \
      "${SPARK[@]}" > "$OUT/prepare-$images.log" 2>&1 || { echo "prepare $images failed: $OUT/prepare-$images.log" >&2; exit 1; }
  fi
  if [ ! -f "$OUT/score-$images.json" ]; then
    "$ROOT/deploy/sparkgan" evaluator score --data "$OUT/prepared-$images" --evaluator "$EVALUATOR" \
      --out "$OUT/score-$images.json" "${SPARK[@]}" > "$OUT/score-$images.log" 2>&1 \
      || { echo "score $images failed: $OUT/score-$images.log" >&2; exit 1; }
  fi
done

# The table.
"$PY" - "$OUT" <<'PY'
import json, os, sys
out = sys.argv[1]
peer = json.load(open(os.path.join(out, "peer.json")))
print(f"PyTorch control: {peer['model']}, {peer['loss']}, batch {peer['batch']} ({peer['partitions']} partitions), "
      f"seed {peer['seed']}, {peer['threads']} threads, sampled with {peer['sampleMode']}")
print("| images | train minutes | IS | FID |")
print("|---:|---:|---:|---:|")
for line in open(os.path.join(out, "snapshots.jsonl")):
    if not line.strip():
        continue
    s = json.loads(line)
    score = json.load(open(os.path.join(out, f"score-{s['images']}.json")))
    fid = score["fid"]
    print(f"| {s['images']:,} | {s['trainSeconds'] / 60:.2f} | {score['inceptionScore']:.2f} | "
          f"{'-' if fid is None else f'{fid:.1f}'} |")
PY
