#!/usr/bin/env bash
# Issue 4 figures: prepare throughput (Fashion-MNIST IDX, 70,000 images; a folder of 100,000 PNG
# files), training from a prepared set far larger than the heap (2,040,000 MNIST-sized images,
# 1.6 GB of pixels, with a 1 GiB JVM), and the data path's share of a round of the reference
# DCGAN. Needs deploy/fetch-datasets mnist fashion-mnist first. Writes docs/results/data/.
#   deploy/bench/data-path.sh [work-dir]      (default /tmp/sparkgan-bench-data; ~3 GB of disk)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=${1:-/tmp/sparkgan-bench-data}
OUT=$ROOT/docs/results/data
DATA=${SPARKGAN_DATA:-$ROOT/data}
SG=$ROOT/deploy/sparkgan
mkdir -p "$WORK" "$OUT"
[ -d "$DATA/raw/fashion-mnist" ] && [ -d "$DATA/raw/mnist" ] || { echo "run deploy/fetch-datasets first" >&2; exit 1; }
"$SG" --version >/dev/null   # build once, outside the timings

echo "== prepare: Fashion-MNIST, 70,000 images from 4 gzipped IDX files"
FM=("$DATA"/raw/fashion-mnist/*)
"$SG" prepare $(printf -- '--input %s ' "${FM[@]}") --out "$WORK/fm70k" 2>/dev/null | tee "$OUT/prepare-fashion-mnist.txt"

echo "== prepare: a folder of 100,000 PNG files (Fashion-MNIST images in 10 class folders)"
if [ ! -f "$WORK/png100k/.complete" ]; then
  python3 - "$DATA/raw/fashion-mnist" "$WORK/png100k" <<'PY'
import gzip, os, struct, sys, zlib
src, dst = sys.argv[1], sys.argv[2]
def idx(name):
    with gzip.open(os.path.join(src, name)) as f: return f.read()
imgs = idx("train-images-idx3-ubyte.gz")[16:] + idx("t10k-images-idx3-ubyte.gz")[16:]
labs = idx("train-labels-idx1-ubyte.gz")[8:] + idx("t10k-labels-idx1-ubyte.gz")[8:]
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
for c in range(10): os.makedirs(os.path.join(dst, str(c)), exist_ok=True)
for i in range(100000):
    j = i % 70000
    raw = b"".join(b"\0" + imgs[j*784 + r*28: j*784 + r*28 + 28] for r in range(28))
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 28, 28, 8, 0, 0, 0, 0)) \
        + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    with open(os.path.join(dst, str(labs[j]), f"{i:06d}.png"), "wb") as f: f.write(png)
open(os.path.join(dst, ".complete"), "w").close()
PY
fi
"$SG" prepare --input "$WORK/png100k" --out "$WORK/png100k-prepared" --labels folder 2>/dev/null \
  | tee "$OUT/prepare-png100k.txt"

echo "== a prepared set larger than the heap: 2,040,000 images (MNIST train x 34), 1 GiB JVM"
if [ ! -f "$WORK/mnist2m/.complete" ]; then
  mkdir -p "$WORK/mnist2m"
  python3 - "$DATA/raw/mnist" "$WORK/mnist2m/big-images-idx3-ubyte" <<'PY'
import os, struct, sys
src, dst = sys.argv[1], sys.argv[2]
data = open(os.path.join(src, "train-images-idx3-ubyte"), "rb").read()[16:]
with open(dst, "wb") as f:
    f.write(struct.pack(">IIII", 0x803, 34 * 60000, 28, 28))
    for _ in range(34): f.write(data)
PY
  touch "$WORK/mnist2m/.complete"
fi
JAVA_OPTS=-Xmx1g "$SG" prepare --input "$WORK/mnist2m/big-images-idx3-ubyte" --out "$WORK/mnist2m-prepared" \
  2>/dev/null | tee "$OUT/prepare-mnist2m.txt"
JAVA_OPTS="-Xmx1g -Xlog:gc:file=$WORK/gc-2m.log" "$SG" bench rounds -c mnist-reference --rounds 110 --warmup 10 \
  --master 'local[2]' --set data.path="$WORK/mnist2m-prepared" --set run.output="$WORK/runs" --set run.overwrite=true \
  --out "$OUT/train-mnist2m-1g.json" 2>/dev/null | tee "$OUT/train-mnist2m-1g.txt"
python3 - "$WORK/gc-2m.log" <<'PY' | tee -a "$OUT/train-mnist2m-1g.txt"
import re, sys
peak = max(int(m.group(1)) for m in re.finditer(r"(\d+)M->\d+M\(\d+M\)", open(sys.argv[1]).read()))
print(f"peak heap before a GC: {peak} MiB of a 1024 MiB heap, with 1599 MB of pixels in the training set")
PY

echo "== data path share of a reference-DCGAN round (MNIST, Spark local[2], 2 x 32 images)"
"$SG" bench rounds -c mnist-reference --rounds 110 --warmup 10 --master 'local[2]' --set data.path="$DATA/mnist/train" \
  --set run.output="$WORK/runs" --set run.overwrite=true --out "$OUT/train-mnist-share.json" 2>/dev/null | tee "$OUT/train-mnist-share.txt"
