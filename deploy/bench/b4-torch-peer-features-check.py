#!/usr/bin/python3
"""deploy/bench/b4-torch-peer-check.sh features, the PyTorch side: reads the same first images of IDX with
b4-torch-peer.py's own reader, checks that they are the values B4TorchPeerFeaturesCheck.java gave sparkgan's feature
maps (OUT/images), runs the peer's cluster_features on them for every map (deskewed, hog, deskewed-hog) and compares
with the map's apply (OUT/<map>). Exit status 0 when the inputs are identical and every feature of every map agrees
to 1e-5 absolute (deskewed features are ink in [0, 1], hog features the components of a unit vector)."""
import importlib.util
import os
import sys

import numpy as np
import torch

TOLERANCE = 1e-5
MAPS = ("deskewed", "hog", "deskewed-hog")

out, idx = sys.argv[1], sys.argv[2]
sys.dont_write_bytecode = True  # no __pycache__ in deploy/bench
spec = importlib.util.spec_from_file_location(
    "peer", os.path.join(os.path.dirname(os.path.abspath(__file__)), "b4-torch-peer.py"))
peer = importlib.util.module_from_spec(spec)
spec.loader.exec_module(peer)
torch.set_num_threads(1)


def load(name):
    return torch.from_numpy(np.fromfile(f"{out}/{name}", dtype=">f8").astype(np.float64))


n, h, w = (int(v) for v in load("shape"))
theirs_images = load("images").reshape(n, h * w)
images = peer.read_idx_images(idx)[:n]
if images.shape[1:] != (1, h, w):
    sys.exit(f"{idx}: the peer reads images of {tuple(images.shape[1:])}, sparkgan read {h}x{w}")
input_diff = float((images.reshape(n, -1).double() - theirs_images).abs().max())
print(f"inputs: {n} images of {h}x{w}, max |peer - sparkgan| = {input_diff:.2e} (both (p & 0xFF) / 127.5 - 1 in float)")
theirs = {name: load(name).reshape(n, -1) for name in MAPS}
ink = images.reshape(n, -1).double().add(1).div(2).clamp(0, 1)
moved = (theirs["deskewed"] - ink).abs()
print(f"sparkgan's deskewing changes the ink by {float(moved.max()):.3f} at most, {float(moved.mean()):.4f} on average; "
      f"deskewing changes the histograms by {float((theirs['deskewed-hog'] - theirs['hog']).abs().max()):.3f} at most "
      f"(the check is not of an identity)")
worst = 0.0
for name in MAPS:
    ours = peer.cluster_features(images, name).double()
    if ours.shape != theirs[name].shape:
        sys.exit(f"{name}: the peer gives {ours.shape[1]} features per image, sparkgan {theirs[name].shape[1]}")
    diff = (ours - theirs[name]).abs()
    image = int(diff.max(1).values.argmax())
    lengths = theirs[name].square().sum(1).sqrt()
    print(f"{name} features ({ours.shape[1]} per image, {100 * float((theirs[name] != 0).double().mean()):.0f}% "
          f"non-zero, lengths {float(lengths.min()):.4f}-{float(lengths.max()):.4f}): max |peer - sparkgan| = "
          f"{float(diff.max()):.2e} (image {image}), mean {float(diff.mean()):.2e}")
    worst = max(worst, float(diff.max()))
ok = input_diff == 0 and worst <= TOLERANCE
print(f"worst absolute difference {worst:.2e} (tolerance {TOLERANCE:g})", "OK" if ok else
      f"FAIL: inputs differ by {input_diff:.2e}" if input_diff else "FAIL")
sys.exit(0 if ok else 1)
