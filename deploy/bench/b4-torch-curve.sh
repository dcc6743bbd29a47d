#!/usr/bin/env bash
# The PyTorch control's time-to-quality curve (B4): train with deploy/bench/b4-torch-peer.py, writing a
# sample set at every --snapshots image count, then prepare and score every set with sparkgan's
# evaluator, and print a table: images seen, training minutes (snapshot writing excluded), IS, FID.
# A --conditional run's sets come with label files (image i asked for class i mod K): they are
# prepared labelled, and the table gets the agreement column (the share of images the evaluator
# puts in the requested class, evaluator score's "accuracy": sparkgan's classAgreement.overall).
# A --clusters (self-conditioned) run's sets have no label files: scored as unconditional sets.
#
#   deploy/bench/b4-torch-curve.sh OUT EVALUATOR [b4-torch-peer.py flags, --snapshots among them]
#   e.g. deploy/bench/b4-torch-curve.sh /tmp/peer-sn evaluators/mnist \
#          --idx data/raw/mnist/train-images-idx3-ubyte --model dcgan28 --d-norm spectral-norm --loss hinge \
#          --batch 64 --partitions 2 --real-sampling replacement --images 384000 --snapshots 64000,192000,384000
#
# Every step is skipped when its output exists (OUT/peer.json, OUT/prepared-N/manifest.json,
# OUT/score-N.json), so a rerun with just OUT and EVALUATOR scores what is missing and prints the
# table again. Threads: PEER_THREADS (default 2) torch threads for training (OpenBLAS itself single-threaded: see b4-torch-peer.py); SPARKGAN_OPTS is passed to both
# sparkgan commands (e.g. "--master local[2]"). Run it on an otherwise idle machine.
set -euo pipefail
if [ $# -lt 2 ]; then
  sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 2
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
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=$THREADS "$PY" "$ROOT/deploy/bench/b4-torch-peer.py" \
    --out "$OUT" --threads "$THREADS" "$@" | tee "$OUT/train.log"
fi
[ -s "$OUT/snapshots.jsonl" ] || { echo "$OUT/snapshots.jsonl is missing or empty" >&2; exit 1; }

# 2-3. Prepare and score every snapshot.
"$PY" -c 'import json, sys
for line in open(sys.argv[1]):
    if line.strip(): s = json.loads(line); print(s["images"], s["file"], s.get("labels", "-"))' "$OUT/snapshots.jsonl" |
while read -r images file labels; do
  if [ ! -f "$OUT/prepared-$images/manifest.json" ]; then
    INPUTS=(--input "$OUT/$file")
    # The labels file pairs with the images file by name (XXX-images-idx3-ubyte, XXX-labels-idx1-ubyte).
    if [ "$labels" != "-" ]; then
      [ -f "$OUT/$labels" ] || { echo "$OUT/$labels is missing" >&2; exit 1; }
      INPUTS+=(--input "$OUT/$labels")
    fi
    "$ROOT/deploy/sparkgan" prepare "${INPUTS[@]}" --out "$OUT/prepared-$images" --size 28 --channels 1 \
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
rows = []
for line in open(os.path.join(out, "snapshots.jsonl")):
    if line.strip():
        s = json.loads(line)
        rows.append((s, json.load(open(os.path.join(out, f"score-{s['images']}.json")))))
# Labelled sets (a conditional run's): the evaluator's agreement with the requested class.
labelled = any(score.get("accuracy") is not None for _, score in rows)
print("| images | train minutes | IS | FID |" + (" agreement |" if labelled else ""))
print("|---:|---:|---:|---:|" + ("---:|" if labelled else ""))
def fmt(value, spec, scale=1.0, unit=""):
    """A figure, "-" when absent, as written when not a number (sparkgan writes NaN as the string "NaN")."""
    if value is None:
        return "-"
    return f"{scale * value:{spec}}{unit}" if isinstance(value, (int, float)) else str(value)
for s, score in rows:
    print(f"| {s['images']:,} | {s['trainSeconds'] / 60:.2f} | {fmt(score['inceptionScore'], '.2f')} | "
          f"{fmt(score['fid'], '.1f')} |"
          + (f" {fmt(score.get('accuracy'), '.1f', 100, '%')} |" if labelled else ""))
PY
