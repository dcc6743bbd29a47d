#!/usr/bin/python3
"""B4 peer: the reference DCGAN of BENCHMARKS.md B2 trained on MNIST in PyTorch, its samples
written as an IDX file so that sparkgan's own evaluator scores them on the same scale as ours.

It answers one question: is a B4 figure a property of the recipe (the PyTorch model gets the same
Inception Score after the same images) or of sparkgan's implementation (it does not)?

    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 deploy/bench/b4-torch-peer.py \
        --idx data/raw/mnist/train-images-idx3-ubyte --images 192000 --batch 64 --out /tmp/peer
    deploy/sparkgan prepare --input /tmp/peer/samples-images-idx3-ubyte --out /tmp/peer/prepared --size 28 --channels 1
    deploy/sparkgan evaluator score --data /tmp/peer/prepared --evaluator evaluators/mnist

Model, loss and optimiser as in ../shared/peer/torch_gan_bench.py (B2): G ConvTranspose
100-128-64-1 with batch norm, D Conv 1-64-128 + Linear, BCE, Adam(2e-4, 0.5, 0.999); initialised
as sparkgan's dcgan-reference is (the DCGAN recipe: convolution weights N(0, 0.02), batch-norm gamma
N(1, 0.02) and beta 0, PyTorch's defaults for biases and the Linear layer). Samples come from G in eval mode (running statistics), as
sparkgan samples; --sample-mode train uses batch statistics instead.
Needs: apt-get install -y python3-torch libopenblas0-pthread (see BENCHMARKS.md).
"""
import argparse
import gzip
import json
import os
import struct
import time

import torch
import torch.nn as nn


def read_idx_images(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        magic, n, rows, cols = struct.unpack(">IIII", f.read(16))
        if magic != 0x00000803:
            raise SystemExit(f"{path}: not an IDX3 image file (magic {magic:#x})")
        data = torch.frombuffer(bytearray(f.read(n * rows * cols)), dtype=torch.uint8)
    return data.view(n, 1, rows, cols).float().div(127.5).sub(1.0)


def write_idx_images(path, images):
    """images: float tensor [n, 1, h, w] in [-1, 1] -> IDX3 uint8 file."""
    n, _, h, w = images.shape
    pixels = images.add(1.0).mul(127.5).round().clamp(0, 255).to(torch.uint8).contiguous()
    with open(path + ".tmp", "wb") as f:
        f.write(struct.pack(">IIII", 0x00000803, n, h, w))
        f.write(pixels.numpy().tobytes())
    os.replace(path + ".tmp", path)


def models():
    g = nn.Sequential(nn.ConvTranspose2d(100, 128, 7, 1, 0, bias=False), nn.BatchNorm2d(128), nn.ReLU(),
                      nn.ConvTranspose2d(128, 64, 4, 2, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
                      nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Tanh())
    d = nn.Sequential(nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(64, 128, 4, 2, 1, bias=False),
                      nn.BatchNorm2d(128), nn.LeakyReLU(0.2), nn.Flatten(), nn.Linear(6272, 1), nn.Sigmoid())
    for m in list(g.modules()) + list(d.modules()):
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
            nn.init.normal_(m.weight, 0.0, 0.02)
        elif isinstance(m, nn.BatchNorm2d):
            nn.init.normal_(m.weight, 1.0, 0.02)
            nn.init.zeros_(m.bias)
    return g, d


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--idx", required=True, help="MNIST training images, IDX3 (optionally .gz)")
    p.add_argument("--images", type=int, default=192000, help="real images D sees in total (default 192000)")
    p.add_argument("--batch", type=int, default=64, help="minibatch (default 64)")
    p.add_argument("--samples", type=int, default=10000, help="images to write (default 10000)")
    p.add_argument("--sample-mode", choices=["eval", "train"], default="eval")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", required=True, help="output directory")
    a = p.parse_args()
    if a.images < a.batch or a.batch < 2:
        raise SystemExit("--images must be at least --batch, and --batch at least 2")
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    os.makedirs(a.out, exist_ok=True)
    data = read_idx_images(a.idx)
    g, d = models()
    bce = nn.BCELoss()
    opt_g = torch.optim.Adam(g.parameters(), 2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), 2e-4, betas=(0.5, 0.999))
    ones, zeros = torch.ones(a.batch, 1), torch.zeros(a.batch, 1)
    iterations = a.images // a.batch
    order, pos = torch.randperm(len(data)), 0
    start = time.perf_counter()
    for it in range(1, iterations + 1):
        if pos + a.batch > len(data):
            order, pos = torch.randperm(len(data)), 0
        real = data[order[pos:pos + a.batch]]
        pos += a.batch
        d.zero_grad()
        with torch.no_grad():
            fake = g(torch.randn(a.batch, 100, 1, 1))
        loss_d = bce(d(real), ones) + bce(d(fake), zeros)
        loss_d.backward()
        opt_d.step()
        g.zero_grad()
        loss_g = bce(d(g(torch.randn(a.batch, 100, 1, 1))), ones)
        loss_g.backward()
        opt_g.step()
        if it % 500 == 0 or it == iterations:
            print(f"iteration {it}/{iterations}  D loss {loss_d.item():.4f}  G loss {loss_g.item():.4f}  "
                  f"{it * a.batch / (time.perf_counter() - start):.0f} img/s", flush=True)
    seconds = time.perf_counter() - start
    g.train(a.sample_mode == "train")
    with torch.no_grad():
        samples = torch.cat([g(torch.randn(min(250, a.samples - i), 100, 1, 1)) for i in range(0, a.samples, 250)])
    write_idx_images(os.path.join(a.out, "samples-images-idx3-ubyte"), samples)
    info = {"peer": "PyTorch " + torch.__version__, "model": "BENCHMARKS.md B2 reference DCGAN", "images": iterations * a.batch,
            "iterations": iterations, "batch": a.batch, "seed": a.seed, "threads": a.threads,
            "sampleMode": a.sample_mode, "samples": a.samples, "trainSeconds": seconds}
    with open(os.path.join(a.out, "peer.json"), "w") as f:
        json.dump(info, f, indent=2)
    print(json.dumps(info))


if __name__ == "__main__":
    main()
