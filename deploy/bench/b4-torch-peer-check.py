#!/usr/bin/python3
"""deploy/bench/b4-torch-peer-check.sh, the PyTorch side: loads what B4TorchPeerCheck.java wrote (OUT, MODEL)
into b4-torch-peer.py's conditional models in double precision, repeats the D step, the G step, the standing
statistics and the eval-mode samples with the peer's own functions, and compares every loss, gradient, buffer
and sample. Exit status 0 when all agree to 1e-9 relative (they agree to about 1e-11: the rest is the
spectral norm's eps)."""
import importlib.util
import os
import sys
import types

import numpy as np
import torch
import torch.nn as nn

out, model = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "dcgan28-sn")
sys.dont_write_bytecode = True  # no __pycache__ in deploy/bench
spec = importlib.util.spec_from_file_location(
    "peer", os.path.join(os.path.dirname(os.path.abspath(__file__)), "b4-torch-peer.py"))
peer = importlib.util.module_from_spec(spec)
spec.loader.exec_module(peer)
torch.set_num_threads(1)


def load(name):
    return torch.from_numpy(np.fromfile(f"{out}/{name}", dtype=">f8").astype(np.float64))


K, n = 10, 8
a = types.SimpleNamespace(model="reference" if model == "reference" else "dcgan28", classes=K, latent=100,
                          base_width=64, generator_base_width=0,
                          d_norm="batch-norm" if model in ("reference", "dcgan28-bn") else "spectral-norm")
torch.manual_seed(0)
g, d = peer.build_models(a)
g.double()
d.double()


def hwc_to_chw(v, channels):
    """Rows of F = 7*7*c features flattened (h, w, c) (sparkgan's NHWC ToRows) -> (c, h, w) (PyTorch's Flatten)."""
    side = int(round((v.shape[-1] // channels) ** 0.5))
    return v.reshape(*v.shape[:-1], side, side, channels).movedim(-1, -3).reshape(v.shape)


def pieces(net, flat, grads=False):
    """sparkgan's flat parameter vector as (tensor in PyTorch layout, PyTorch parameter) pairs, in layer order."""
    res, off = [], 0

    def take(count):
        nonlocal off
        off += count
        return flat[off - count:off]

    for layer in net.layers:
        if isinstance(layer, (nn.Conv2d, nn.ConvTranspose2d)):
            w = layer.parametrizations.weight.original if hasattr(layer, "parametrizations") else layer.weight
            k = layer.kernel_size[0]
            if isinstance(layer, nn.ConvTranspose2d):  # sparkgan [k, k, out, in] -> [in, out, k, k]
                v = take(w.numel()).reshape(k, k, layer.out_channels, layer.in_channels).permute(3, 2, 0, 1)
            else:  # sparkgan [k, k, in, out] -> [out, in, k, k]
                v = take(w.numel()).reshape(k, k, layer.in_channels, layer.out_channels).permute(3, 2, 0, 1)
            res.append((v, w))
            if layer.bias is not None:
                res.append((take(layer.bias.numel()), layer.bias))
        elif isinstance(layer, peer.ConditionalBatchNorm):
            res.append((take(layer.gamma.numel()).reshape(layer.gamma.shape), layer.gamma))
            res.append((take(layer.beta.numel()).reshape(layer.beta.shape), layer.beta))
        elif isinstance(layer, nn.BatchNorm2d):
            res.append((take(layer.weight.numel()), layer.weight))
            res.append((take(layer.bias.numel()), layer.bias))
        elif isinstance(layer, peer.ProjectionHead):
            psi = layer.psi
            w = psi.parametrizations.weight.original if hasattr(psi, "parametrizations") else psi.weight
            c = 128
            res.append((hwc_to_chw(take(w.numel()), c).reshape(w.shape), w))
            if psi.bias is not None:
                res.append((take(1), psi.bias))
            res.append((hwc_to_chw(take(layer.embedding.numel()).reshape(layer.embedding.shape), c), layer.embedding))
    assert off == len(flat), (off, len(flat))
    return res


def buffer_pieces(net, flat):
    """sparkgan's flat buffer vector as (tensor, PyTorch buffer) pairs: batch-norm running statistics and
    spectral norm's u (sparkgan: the k*k*in side) and v (the out side)."""
    res, off = [], 0

    def take(count):
        nonlocal off
        off += count
        return flat[off - count:off]

    for layer in net.layers:
        target = layer.psi if isinstance(layer, peer.ProjectionHead) else layer
        if hasattr(target, "parametrizations"):
            sn = target.parametrizations.weight[0]
            if isinstance(layer, peer.ProjectionHead):
                res.append((hwc_to_chw(take(sn._v.numel()), 128), sn._v))
            else:
                k = target.kernel_size[0]
                res.append((take(sn._v.numel()).reshape(k, k, target.in_channels).permute(2, 0, 1).reshape(-1), sn._v))
            res.append((take(sn._u.numel()), sn._u))
        bn = layer.norm if isinstance(layer, peer.ConditionalBatchNorm) else layer
        if isinstance(bn, nn.BatchNorm2d):
            res.append((take(bn.running_mean.numel()), bn.running_mean))
            res.append((take(bn.running_var.numel()), bn.running_var))
    assert off == len(flat), (off, len(flat))
    return res


with torch.no_grad():
    for net, theta, buf in ((g, "thetaG", "buffersG0"), (d, "thetaD", "buffersD0")):
        for v, p in pieces(net, load(theta)) + buffer_pieces(net, load(buf)):
            p.copy_(v)

worst = {}


def compare(what, ours, theirs):
    err = float((ours - theirs).abs().max() / max(theirs.abs().max(), 1e-300))
    worst[what] = err
    print(f"{what:32s} max |diff| / max |sparkgan| = {err:.2e}")


def compare_buffers(what, net, flat):
    for i, (v, b) in enumerate(buffer_pieces(net, flat)):
        compare(f"{what} buffer {i} {tuple(b.shape)}", b, v)


def compare_grads(what, net, flat, scale):
    for i, (v, p) in enumerate(pieces(net, flat)):
        compare(f"{what} grad {i} {tuple(p.shape)}", p.grad * scale, v)


real = load("real").reshape(n, 1, 28, 28)
y = {k: load(k).long() for k in ("yReal", "yD", "yG")}
z_d, z_g = load("zD").reshape(n, 100, 1, 1), load("zG").reshape(n, 100, 1, 1)
g.train()
d.train()
loss_d = peer.d_phase(g, d, real, y["yReal"], z_d, y["yD"], "hinge", n) * n
compare("D loss", torch.tensor(loss_d, dtype=torch.float64), load("lossD"))
compare_grads("D", d, load("gradD"), n)
compare_buffers("G after D phase", g, load("buffersG1"))
compare_buffers("D after D phase", d, load("buffersD1"))
d.requires_grad_(False)
loss_g = peer.g_phase(g, d, z_g, y["yG"], "hinge", n) * n
compare("G loss", torch.tensor(loss_g, dtype=torch.float64), load("lossG"))
compare_grads("G", g, load("gradG"), n)
compare_buffers("G after G phase", g, load("buffersG2"))
compare_buffers("D after G phase", d, load("buffersD2"))
with torch.no_grad():
    peer.standing_statistics(g, [load(f"standingZ{b}").reshape(16, 100, 1, 1) for b in range(4)], K)
compare_buffers("G standing statistics", g, load("standing"))
g.eval()
with torch.no_grad():
    samples = peer.run(g, load("zS").reshape(12, 100, 1, 1), peer.balanced_labels(12, K))
compare("eval samples (classes i mod K)", samples.reshape(12, -1), load("samples").reshape(12, -1))
bad = {k: v for k, v in worst.items() if not v < 1e-9}
print("worst relative difference", max(worst.values()), "FAIL " + str(bad) if bad else "OK")
sys.exit(1 if bad else 0)
