#!/usr/bin/env bash
# Checks that deploy/bench/b4-torch-peer.py's class-conditional models compute what sparkgan's do:
# for each conditional DCGAN (dcgan28 with spectral norm, dcgan28 with batch norm, the reference),
# B4TorchPeerCheck.java builds sparkgan's G and D (double precision), takes one D step and one G
# step on fixed inputs (hinge loss), recomputes standing statistics and samples in eval mode, and
# writes everything out; b4-torch-peer-check.py loads the same parameters and buffers into the
# peer's models and repeats it with the peer's own functions (d_phase, g_phase,
# standing_statistics, run). Every loss, gradient, batch-norm statistic, power-iteration vector
# and sample must agree to 1e-9 relative. A few seconds of CPU per model.
# "features" checks the self-conditioned recipes' cluster features (model.cluster-features =
# deskewed, hog, deskewed-hog): B4TorchPeerFeaturesCheck.java runs the maps sparkgan's
# clustering/ClusterFeatures.of builds (Deskewed, Hog on the pixels, Hog on Deskewed) on the first
# FEATURES_IMAGES (500) images of the MNIST training IDX file (mapped to [-1, 1] as training reads
# prepared images), b4-torch-peer-features-check.py reads the same images with the peer's reader and
# runs its cluster_features for each map: the inputs must be identical and every feature agree to
# 1e-5 absolute.
#
#   deploy/bench/b4-torch-peer-check.sh [MODEL ...]    (default: dcgan28-sn dcgan28-bn reference features)
#
# Needs the built project (deploy/sparkgan builds it on first use; or ./mvnw -B -DskipTests package)
# and /usr/bin/python3 with torch and numpy; "features" also data/raw/mnist/train-images-idx3-ubyte
# (deploy/fetch-datasets mnist; SPARKGAN_DATA for another data folder, FEATURES_IDX for another file).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LAUNCHER=$ROOT/spark-jobs/target/launcher
[ -f "$LAUNCHER/classpath.txt" ] || { echo "no $LAUNCHER/classpath.txt: build sparkgan first" >&2; exit 2; }
read -r -a JVM <<< "$(cat "$LAUNCHER/jvm.options")"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
MODELS=("$@")
[ ${#MODELS[@]} -gt 0 ] || MODELS=(dcgan28-sn dcgan28-bn reference features)
FEATURES_IDX=${FEATURES_IDX:-${SPARKGAN_DATA:-$ROOT/data}/raw/mnist/train-images-idx3-ubyte}
status=0
for model in "${MODELS[@]}"; do
  mkdir -p "$WORK/$model"
  if [ "$model" = features ]; then
    [ -f "$FEATURES_IDX" ] || { echo "no $FEATURES_IDX: run deploy/fetch-datasets mnist, or set FEATURES_IDX" >&2; exit 2; }
    OMP_NUM_THREADS=1 java "${JVM[@]}" -cp "$(cat "$LAUNCHER/classpath.txt")" \
      "$ROOT/deploy/bench/B4TorchPeerFeaturesCheck.java" "$WORK/$model" "$FEATURES_IDX" "${FEATURES_IMAGES:-500}" \
      > "$WORK/$model.log" 2>&1 || { cat "$WORK/$model.log" >&2; exit 1; }
    grep '^sparkgan ' "$WORK/$model.log"
    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$ROOT/deploy/bench/b4-torch-peer-features-check.py" "$WORK/$model" \
      "$FEATURES_IDX" > "$WORK/$model.compare" || status=1
    cat "$WORK/$model.compare"
    continue
  fi
  OMP_NUM_THREADS=1 java "${JVM[@]}" -cp "$(cat "$LAUNCHER/classpath.txt")" "$ROOT/deploy/bench/B4TorchPeerCheck.java" \
    "$WORK/$model" "$model" > "$WORK/$model.log" 2>&1 || { cat "$WORK/$model.log" >&2; exit 1; }
  grep '^sparkgan ' "$WORK/$model.log"
  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$ROOT/deploy/bench/b4-torch-peer-check.py" "$WORK/$model" "$model" \
    > "$WORK/$model.compare" || status=1
  if [ $status -ne 0 ]; then cat "$WORK/$model.compare"; else tail -n 1 "$WORK/$model.compare"; fi
done
exit $status
