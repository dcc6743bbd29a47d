#!/usr/bin/python3
"""B4 peer: sparkgan's MNIST GANs trained in PyTorch, their samples written as IDX files so that
sparkgan's own evaluator scores them on the same scale as ours.

It answers one question: is a B4 figure a property of the recipe (the PyTorch model gets the same
Inception Score and FID after the same images) or of sparkgan's implementation (it does not)?
With --snapshots it also gives the control's time-to-quality curve (deploy/bench/b4-torch-curve.sh).

Threads: --threads sets torch's intra-op threads; keep OpenBLAS itself single-threaded
(OPENBLAS_NUM_THREADS=1). With OPENBLAS_NUM_THREADS=2 inside torch's two OpenMP threads, Debian's
PyTorch (whose transposed convolutions go through OpenBLAS's GEMM) runs a 128->64 ConvTranspose2d
step in 490-510 ms instead of 37 ms on this machine: 50 images/s instead of 270 for the 28x28 dcgan.
Unset OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE for both sides of a comparison (BENCHMARKS.md).

The reference recipe (conf/mnist-reference.conf; the defaults), one sample set at the end:

    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 deploy/bench/b4-torch-peer.py \\
        --idx data/raw/mnist/train-images-idx3-ubyte --images 192000 --batch 64 --out /tmp/peer
    deploy/sparkgan prepare --input /tmp/peer/samples-images-idx3-ubyte --out /tmp/peer/prepared --size 28 --channels 1
    deploy/sparkgan evaluator score --data /tmp/peer/prepared --evaluator evaluators/mnist --out /tmp/peer/score.json

A Radford DCGAN recipe at 28x28 (model.type = dcgan, image-size 28), e.g. spectral-norm D, hinge
loss, a generator moving average, learning-rate decay, sampled along the way. Put the recipe's
values in the flags (--batch = data.partitions x train.batch-per-partition, --images = train.rounds
x --batch, --partitions = data.partitions):

    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 deploy/bench/b4-torch-peer.py \\
        --idx data/raw/mnist/train-images-idx3-ubyte --out /tmp/peer-sn \\
        --model dcgan28 --base-width 64 --generator-base-width 128 --d-norm spectral-norm --loss hinge \\
        --g-lr 2e-4 --d-lr 2e-4 --beta1 0.0 --beta2 0.9 --ema-decay 0.999 --ema-start 0.25 \\
        --lr-decay-start 0.5 --lr-final-fraction 0.1 --batch 64 --partitions 2 --real-sampling replacement \\
        --images 384000 --snapshots 64000,128000,192000,256000,320000,384000 --threads 2
    # every snapshot N (samples-N-images-idx3-ubyte; its images and training seconds in snapshots.jsonl):
    deploy/sparkgan prepare --input /tmp/peer-sn/samples-N-images-idx3-ubyte --out /tmp/peer-sn/prepared-N \\
        --size 28 --channels 1
    deploy/sparkgan evaluator score --data /tmp/peer-sn/prepared-N --evaluator evaluators/mnist \\
        --out /tmp/peer-sn/score-N.json
    # or all three steps for every snapshot, and the table (images, train minutes, IS, FID):
    deploy/bench/b4-torch-curve.sh /tmp/peer-sn evaluators/mnist

A class-conditional recipe (model.conditional = true) takes --conditional and the training labels.
conf/mnist-conditional.conf (10000 rounds x 64 = 640,000 images), a sample set every 128,000 images
of 2,000 images each, as the 2,000-image evaluations its figures in docs/quality.md come from:

    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 deploy/bench/b4-torch-peer.py \\
        --idx data/raw/mnist/train-images-idx3-ubyte --labels data/raw/mnist/train-labels-idx1-ubyte \\
        --conditional --out /tmp/peer-cond --model dcgan28 --base-width 64 --d-norm spectral-norm --loss hinge \\
        --g-lr 2e-4 --d-lr 2e-4 --beta1 0.5 --beta2 0.999 --ema-decay 0.999 --ema-start 0.25 \\
        --lr-decay-start 0.6 --lr-final-fraction 0.2 --batch 64 --partitions 2 --real-sampling replacement \\
        --images 640000 --snapshots 128000,256000,384000,512000,640000 --samples 2000 --threads 2
    # every snapshot N also has samples-N-labels-idx1-ubyte (image i asked for class i mod K), which
    # prepare pairs with samples-N-images-idx3-ubyte by name, so the prepared set is labelled and
    # evaluator score reports "accuracy": the share of images the evaluator puts in the requested class,
    # sparkgan's classAgreement.overall:
    deploy/sparkgan prepare --input /tmp/peer-cond/samples-N-images-idx3-ubyte \\
        --input /tmp/peer-cond/samples-N-labels-idx1-ubyte --out /tmp/peer-cond/prepared-N --size 28 --channels 1
    deploy/sparkgan evaluator score --data /tmp/peer-cond/prepared-N --evaluator evaluators/mnist \\
        --out /tmp/peer-cond/score-N.json
    # or, for every snapshot, with an agreement column in the table:
    deploy/bench/b4-torch-curve.sh /tmp/peer-cond evaluators/mnist

A self-conditioned recipe (model.clusters = K: an unconditional GAN trained as a class-conditional one on
the K k-means clusters of the training images) takes --clusters K instead of --conditional and labels.
sparkgan's `-c mnist-conditional --set model.conditional=false --set model.clusters=30 --set
train.rounds=14000` (14000 rounds x 64 = 896,000 images), a sample set of 2,000 images every 128,000:

    deploy/bench/b4-torch-curve.sh /tmp/peer-self evaluators/mnist \\
        --idx data/raw/mnist/train-images-idx3-ubyte --clusters 30 --model dcgan28 --base-width 64 \\
        --d-norm spectral-norm --loss hinge --g-lr 2e-4 --d-lr 2e-4 --beta1 0.5 --beta2 0.999 \\
        --ema-decay 0.999 --ema-start 0.25 --lr-decay-start 0.6 --lr-final-fraction 0.2 --batch 64 \\
        --partitions 2 --real-sampling replacement --images 896000 \\
        --snapshots 128000,256000,384000,512000,640000,768000,896000 --samples 2000
    # k-means runs before round 1 (its time and the cluster sizes are logged and in peer.json, not in the
    # training seconds); the sets have no labels files (clusters are not the evaluator's classes), so they
    # are scored as unconditional sets, without an agreement column.

The self-conditioned recipe with deskewed clusters (model.cluster-features = deskewed: k-means compares the
images' moment-deskewed ink, G and D train on the images as they are) takes --cluster-features deskewed.
sparkgan's `-c mnist --set model.cluster-features=deskewed` (conf/mnist.conf: K = 30, 16000 rounds x 64 =
1,024,000 images), a sample set of 2,000 images every 128,000:

    deploy/bench/b4-torch-curve.sh /tmp/peer-deskew evaluators/mnist \\
        --idx data/raw/mnist/train-images-idx3-ubyte --clusters 30 --cluster-features deskewed --model dcgan28 \\
        --base-width 64 --d-norm spectral-norm --loss hinge --g-lr 2e-4 --d-lr 2e-4 --beta1 0.5 --beta2 0.999 \\
        --ema-decay 0.999 --ema-start 0.25 --lr-decay-start 0.6 --lr-final-fraction 0.2 --batch 64 \\
        --partitions 2 --real-sampling replacement --images 1024000 \\
        --snapshots 128000,256000,384000,512000,640000,768000,896000,1024000 --samples 2000
    # clusters-images-idx3-ubyte then holds the deskewed centres (ink 0 as -1, the background).

With histograms of oriented gradients (model.cluster-features = hog: k-means compares the histograms of gradient
orientations in the images' 4x4 cells; deskewed-hog: those of the deskewed ink) --cluster-features hog or
deskewed-hog. sparkgan's `-c mnist --set model.cluster-features=deskewed-hog` (conf/mnist.conf: K = 30, 16000
rounds x 64 = 1,024,000 images), a sample set of 2,000 images every 128,000:

    deploy/bench/b4-torch-curve.sh /tmp/peer-dhog evaluators/mnist \\
        --idx data/raw/mnist/train-images-idx3-ubyte --clusters 30 --cluster-features deskewed-hog --model dcgan28 \\
        --base-width 64 --d-norm spectral-norm --loss hinge --g-lr 2e-4 --d-lr 2e-4 --beta1 0.5 --beta2 0.999 \\
        --ema-decay 0.999 --ema-start 0.25 --lr-decay-start 0.6 --lr-final-fraction 0.2 --batch 64 \\
        --partitions 2 --real-sampling replacement --images 1024000 \\
        --snapshots 128000,256000,384000,512000,640000,768000,896000,1024000 --samples 2000
    # the centres are histograms (441 values: 7 x 7 cells x 9 bins), not images: clusters-images-idx3-ubyte
    # holds each cluster's mean training image instead. Add --labels data/raw/mnist/train-labels-idx1-ubyte to
    # have the clusters' purity (the share of images whose digit is their cluster's most common one) logged and
    # in peer.json; the training does not see the labels.

How each piece matches sparkgan (file names under common/src/main/java/io/sparkgan):
  models      reference: model/DcganSpec REFERENCE_28 (D ends in Linear(6272, 1), a logit).
              dcgan28: DcganSpec RADFORD at 28 = 7 x 2^2: G ConvT(latent -> 2g, k7 s1 p0) BN ReLU,
              ConvT(2g -> g, k4 s2 p1) BN ReLU, ConvT(g -> 1, k4 s2 p1, no bias) Tanh (g =
              --generator-base-width); D Conv(1 -> b, k4 s2 p1) LReLU 0.2, Conv(b -> 2b, k4 s2 p1)
              [BN] LReLU 0.2, Conv(2b -> 1, k7 s1 p0); D's convs have no bias under batch norm, a
              bias under spectral norm or none.
  init        nn/Init, ConvolutionLayer, BatchNorm: conv weights N(0, 0.02), BN gamma N(1, 0.02),
              beta 0; conv biases and the reference Linear keep PyTorch's defaults (as sparkgan's do).
  spectral    nn/SpectralNorm = torch.nn.utils.parametrizations.spectral_norm: 15 power steps at
              initialisation (on the initialised weight), one per training-mode forward from the
              stored vectors, none in eval mode, u and v constants in backward. PyTorch views a conv
              weight as [out, in*k*k], sparkgan as [k*k*in, out]: a transpose, the same singular
              values, and sparkgan's u is PyTorch's v, so the step order is the same too.
  losses      gan/GanLoss on D's raw output: non-saturating (D: BCE on logits, G: softplus(-D(G(z))))
              or hinge (D: max(0, 1 - D(x)) + max(0, 1 + D(G(z))), G: -D(G(z))); per-example means
              over the global batch (sparkgan divides the gradient sums by it).
  round       train/GanTrainer + gan/GanStep: one D step (G(z) in training mode, then D on the real
              batch, then D on the fakes, each its own training-mode pass), then one G step on fresh
              latents through D in training mode. --partitions P splits the global batch into P
              slices that are processed separately from the same batch-norm and power-iteration
              state, whose results are then averaged, as sparkgan's partitions do: batch norm sees
              batch/P examples at a time.
  optimiser   optim/Optimizer = torch.optim.Adam (same formula), eps 1e-8; the learning rate of
              round r (from 0) is scaled as TrainingSettings.learningRateScale: 1 until
              lr-decay-start x rounds, then linear to lr-final-fraction at the last round.
  average     TrainingState.updateGeneratorAverage after every G step over G's parameters (not
              its batch-norm statistics): set to G while round < ema-start x rounds, then
              avg = d avg + (1 - d) G.
  sampling    run/GeneratorSnapshot: the average is sampled with standing statistics
              (nn/StandingStatistics: 16 training-mode passes of 64 latents drawn from one fixed
              stream of the seed; running mean and var = the mean over the passes of the batch mean
              and the UNBIASED batch variance, what a training pass puts into the running variance);
              without an average, G in eval mode (running statistics), or --sample-mode train. With
              --truncation the standing statistics' latents are truncated too, and G is sampled with
              standing statistics even without an average (unless --sample-mode train).
With --conditional (K classes: the largest label + 1, or --classes):
  G           DcganSpec with classes: every BN of G is an nn/ConditionalBatchNorm: BN without its own
              affine (the statistics over the whole batch, all classes together, the same eps,
              momentum and running statistics), then gamma[y] * xhat + beta[y], gamma and beta [K, c]
              initialised to exactly 1 and 0 (not N(1, 0.02): an untrained layer is plain BN).
  D           nn/ProjectionHead replaces D's last linear map (dcgan28: the Conv k7 to one logit;
              reference: the Linear(6272, 1)), on the flattened features phi before it: logit =
              psi(phi) + <E[y], phi>, psi a Linear(F, 1), E [K, F] the class embeddings. dcgan28: w
              and E N(0, 0.02), b 0, a bias unless D has batch norm; reference: w, b and E U(+-1/sqrt(F))
              (nn.Linear's default). Under spectral norm psi's weight is normalised like the convs
              (sigma = |w|) and E is not. (nn/ClassEmbedding, the one-hot code appended to z, is the
              MLP generator's conditioning, not the DCGANs'.) sparkgan flattens phi in NHWC order,
              PyTorch in NCHW: a fixed permutation of the features, the same model.
  labels      train/PartitionWork + data/BatchSampler: the real rows carry their labels; the classes
              asked of G are uniform over [0, K), drawn independently for the D phase and the G
              phase (the FAKE_LABELS stream at each phase's coordinates), not the real batch's.
  average     the moving average includes the per-class gammas and betas (they are parameters).
  sampling    standing statistics with labels 0, 1, ..., K-1, 0, ... in every pass of 64
              (GanStep.standingGeneratorStatistics); image i of a sample set asks for class i mod K
              (evaluation/EvaluationSamples), and the classes go to samples-<N>-labels-idx1-ubyte.
  checked     deploy/bench/b4-torch-peer-check.sh loads the parameters of sparkgan's conditional
              DCGANs (dcgan28 with spectral norm or batch norm, reference) into these models, in
              double precision, and compares a D step, a G step (losses, every gradient, batch-norm
              statistics, power-iteration vectors), the standing statistics and eval-mode samples.
With --clusters K (self-conditioning, model.clusters = K; clustering/SelfConditioning):
  clusters    clustering/KMeans before round 1 (outside the training seconds, as GanTrainer's clock starts
              after it) on the features ("features" below) of the training images as the trainer sees them
              ([-1, 1], one row of h x w values each; their features have the map's size, and so have the
              centres): a k-means++ start (the first centre a uniform draw,
              each next one drawn with probability proportional to the squared distance to the nearest
              centre so far) on a sample of at most 40 x K images, drawn without replacement from each
              of the --partitions contiguous ranges in proportion to its size (ceil(40K x rows / n) each,
              as sparkgan's partitions of a prepared set, which keep the file's order); then Lloyd iterations until no
              centre moves or --cluster-iterations (model.cluster-iterations, 30): every image to its
              nearest centre (squared Euclidean distance, ties to the lower index), every centre the
              float32 mean of its images (ClusterSums.means: summed in double), an empty cluster keeping
              its centre; the cluster sizes are those of the final centres. Distances are computed in
              double as |x|^2 - 2 x.c + |c|^2 (matrix products, a few seconds of CPU for 60,000 x 784 x
              30), sparkgan's in float partial sums over blocks of 64 values added in double: a near
              tie may go the other way. Not the same clusters: the draws come from a torch generator of
              the seed, sparkgan's from its CLUSTERING stream (java.util.SplittableRandom, not
              reproduced here), so the start and hence the local optimum differ: the same algorithm
              finds clusters of the same kind, not the same ids, centres or sizes.
  features    clustering/ClusterFeatures (--cluster-features, model.cluster-features, the function
              cluster_features): pixels, the rows as they are; deskewed (clustering/Deskewed, the function
              deskew): every image's ink, its value
              mapped from [-1, 1] to [0, 1] and clipped, shifted so that its centre of mass (cy, cx) is the
              image's centre and sheared so that its slant a = cov(y, x) / var(y) (0 if var(y) = 0) becomes
              vertical, resampled bilinearly: output (y, x) is the ink at row y + cy - (h-1)/2, column
              x + cx - (w-1)/2 + a (y - (h-1)/2), 0 outside the image; an image without ink stays its ink. In
              double, stored as float32, the k-means++ sample and every Lloyd pass on these rows (centres
              are then ink means in [0, 1]); the cluster ids label the original images. Both compute the
              features once before the passes: sparkgan per partition, within its k-means time
              (KMeans.fit), the peer before k-means (its featureSeconds in peer.json, apart from the
              k-means seconds).
              hog (clustering/Hog on the pixels, the function hog) and deskewed-hog (Hog on Deskewed's ink, read
              as a 1-channel image): the channels' mean, Sobel gradients with replicated borders (gx = the column
              to the right minus the column to the left, rows weighted 1, 2, 1; gy = the row below minus the row
              above, columns weighted 1, 2, 1), every pixel's magnitude hypot(gx, gy) added to the bin
              min(8, floor(9 angle / pi)) of its unsigned orientation (atan2(gy, gx), + pi when negative) in its
              4x4 cell (Hog.CELL, Hog.BINS), the (h/4) (w/4) 9 values (441 at 28x28) scaled by 1 / (|v| + 1e-6).
              In double in the same order of operations, sparkgan's bin sums in float, stored as float32; the
              centres are then histograms, and clusters-images-idx3-ubyte shows each cluster's mean training
              image instead (member_means; an empty cluster's blank).
  checked     deploy/bench/b4-torch-peer-check.sh features runs the maps sparkgan's ClusterFeatures.of builds
              for deskewed, hog and deskewed-hog and the peer's cluster_features on the first 500 MNIST training
              images: every feature must agree to 1e-5 absolute. They agree exactly for deskewed, to 9e-8 for
              the hog maps (one float32 rounding: sparkgan sums the bins in float).
  models      those of --conditional with K classes.
  labels      a real image's class is its cluster (ClusteredSource); the classes asked of G in the D
              phase and in the G phase are drawn from the cluster frequencies, class k with probability
              counts[k] / total (rng/ClassPrior.draw in PartitionWork.fakeLabels), not uniformly.
  sampling    standing statistics with every pass's classes drawn from the cluster frequencies, after
              all the passes' latents (GanStep.standingGeneratorStatistics with the class prior); every
              image of a sample set draws its cluster from them too (GeneratorSnapshot.classes,
              EvaluationSamples), not i mod K, after the set's latents (sparkgan: its SAMPLED_CLASSES
              stream). No labels file: the clusters are not the evaluator's classes, and sparkgan
              reports no class agreement for a self-conditioned run.

Output in --out: samples-<N>-images-idx3-ubyte per snapshot (samples-images-idx3-ubyte when
--snapshots is not given; with --conditional also samples[-<N>]-labels-idx1-ubyte), snapshots.jsonl (one
line per snapshot: images seen, rounds, seconds of training so far excluding the time spent writing
snapshots) and peer.json (the settings and totals; with --clusters also the clusters' sizes, iterations
and k-means seconds, the cluster features, their number per image (featureDim; the hog maps' cell and bins)
and the seconds spent computing them, and with --labels the clusters' purity); with --clusters,
clusters-images-idx3-ubyte: the K centres as images (deskewed ones, ink in [0, 1], mapped to [-1, 1]), for
the hog maps, whose centres are histograms, the mean training image of each cluster's members instead.
Needs: apt-get install -y python3-torch libopenblas0-pthread (see docs/benchmarks.md).
"""
import argparse
import copy
import gzip
import json
import math
import os
import struct
import time
import types

import torch
import torch.nn as nn
import torch.nn.functional as F

LATENT_SHAPE = (1, 1)  # z as [n, latent, 1, 1]: sparkgan's [n, 1, 1, latent] in NCHW
STANDING_BATCHES, STANDING_BATCH_SIZE = 16, 64  # run/GeneratorSnapshot
BN_MOMENTUM = 0.1  # nn/BatchNorm (PyTorch's default)
KMEANS_SAMPLE_PER_CLUSTER = 40  # clustering/KMeans.SAMPLE_PER_CLUSTER: the k-means++ start's sample, per cluster
KMEANS_CHUNK = 4096  # rows per matrix product in a Lloyd pass (bounds the double-precision copy)
DESKEW_CHUNK = 2048  # images deskewed at a time (bounds the double-precision [chunk, h, w] temporaries)
HOG_CELL, HOG_BINS = 4, 9  # clustering/Hog.CELL and Hog.BINS: the hog maps' 4x4-pixel cells, 9 orientation bins
HOG_CHUNK = 2048  # images turned into histograms at a time (bounds the double-precision temporaries)


def read_idx_images(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        magic, n, rows, cols = struct.unpack(">IIII", f.read(16))
        if magic != 0x00000803:
            raise SystemExit(f"{path}: not an IDX3 image file (magic {magic:#x})")
        data = torch.frombuffer(bytearray(f.read(n * rows * cols)), dtype=torch.uint8)
    # (p & 0xFF) / 127.5 - 1, as sparkgan's MappedImageBlock reads prepared images.
    return data.view(n, 1, rows, cols).float().div(127.5).sub(1.0)


def read_idx_labels(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        magic, n = struct.unpack(">II", f.read(8))
        if magic != 0x00000801:
            raise SystemExit(f"{path}: not an IDX1 labels file (magic {magic:#x})")
        data = torch.frombuffer(bytearray(f.read(n)), dtype=torch.uint8)
    if len(data) != n:
        raise SystemExit(f"{path}: truncated ({len(data)} of {n} labels)")
    return data.long()


def write_idx_labels(path, labels):
    """labels: integer tensor [n] -> IDX1 uint8 file (pairs with the images file of the same prefix)."""
    with open(path + ".tmp", "wb") as f:
        f.write(struct.pack(">II", 0x00000801, len(labels)))
        f.write(labels.to(torch.uint8).numpy().tobytes())
    os.replace(path + ".tmp", path)


def write_idx_images(path, images):
    """images: float tensor [n, 1, h, w] in [-1, 1] -> IDX3 uint8 file."""
    n, _, h, w = images.shape
    pixels = images.add(1.0).mul(127.5).round().clamp(0, 255).to(torch.uint8).contiguous()
    with open(path + ".tmp", "wb") as f:
        f.write(struct.pack(">IIII", 0x00000803, n, h, w))
        f.write(pixels.numpy().tobytes())
    os.replace(path + ".tmp", path)


class ConditionalBatchNorm(nn.Module):
    """nn/ConditionalBatchNorm: batch norm without an affine transform of its own (eps, momentum,
    running statistics as BatchNorm's; the statistics are over the whole batch, all classes
    together), then y = gamma[label] * xhat + beta[label], gamma and beta [K, c] starting at 1 and 0."""

    def __init__(self, channels, classes):
        super().__init__()
        self.norm = nn.BatchNorm2d(channels, affine=False)
        self.gamma = nn.Parameter(torch.ones(classes, channels))
        self.beta = nn.Parameter(torch.zeros(classes, channels))

    def forward(self, x, y):
        return self.norm(x) * self.gamma[y][:, :, None, None] + self.beta[y][:, :, None, None]


class ProjectionHead(nn.Module):
    """nn/ProjectionHead on the flattened features phi [n, F]: logit = psi(phi) + <E[y], phi>, psi a
    Linear(F, 1) (the one spectral norm applies to), E [K, F] the class embeddings (never normalised)."""

    def __init__(self, features, classes, bias, init_std):
        super().__init__()
        self.psi = nn.Linear(features, 1, bias=bias)
        self.embedding = nn.Parameter(torch.empty(classes, features))
        with torch.no_grad():
            if init_std > 0:  # the DCGAN convention: w and E N(0, std^2), b 0
                nn.init.normal_(self.psi.weight, 0.0, init_std)
                if bias:
                    nn.init.zeros_(self.psi.bias)
                nn.init.normal_(self.embedding, 0.0, init_std)
            else:  # nn.Linear's default, U(+-1/sqrt(F)), for w, b and E alike
                bound = features ** -0.5
                nn.init.uniform_(self.psi.weight, -bound, bound)
                if bias:
                    nn.init.uniform_(self.psi.bias, -bound, bound)
                nn.init.uniform_(self.embedding, -bound, bound)

    def forward(self, phi, y):
        return self.psi(phi) + (self.embedding[y] * phi).sum(1, keepdim=True)


CONDITIONED = (ConditionalBatchNorm, ProjectionHead)


class ConditionalNet(nn.Module):
    """A sequence of layers whose conditional ones (CONDITIONED) also get the batch's labels (nn/Network.setLabels)."""

    def __init__(self, *layers):
        super().__init__()
        self.layers = nn.ModuleList(layers)

    def forward(self, x, y):
        for layer in self.layers:
            x = layer(x, y) if isinstance(layer, CONDITIONED) else layer(x)
        return x


def run(net, x, y):
    """net(x), or net(x, y) for a class-conditional net (y: one class per row)."""
    return net(x) if y is None else net(x, y)


def conditional_reference_models(classes):
    """DcganSpec REFERENCE_28 with classes: G's batch norms conditional, D's Linear(6272, 1) a projection
    head with a bias and nn.Linear's default init (ProjectionHead init std 0)."""
    g = ConditionalNet(nn.ConvTranspose2d(100, 128, 7, 1, 0, bias=False), ConditionalBatchNorm(128, classes), nn.ReLU(),
                       nn.ConvTranspose2d(128, 64, 4, 2, 1, bias=False), ConditionalBatchNorm(64, classes), nn.ReLU(),
                       nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Tanh())
    d = ConditionalNet(nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(64, 128, 4, 2, 1, bias=False),
                       nn.BatchNorm2d(128), nn.LeakyReLU(0.2), nn.Flatten(), ProjectionHead(6272, classes, True, 0.0))
    return g, d, []


def conditional_dcgan28_models(latent, base, g_base, d_norm, classes):
    """DcganSpec RADFORD at 28x28x1 with classes: G's batch norms conditional; D's final Conv k7 (a linear map
    of the 7x7x2b features) becomes a projection head on them, w and E N(0, 0.02), a bias unless D has batch
    norm; under spectral norm the head's psi is normalised with the convs, its embeddings are not."""
    width = g_base << 1
    g = ConditionalNet(nn.ConvTranspose2d(latent, width, 7, 1, 0, bias=False), ConditionalBatchNorm(width, classes),
                       nn.ReLU(), nn.ConvTranspose2d(width, width // 2, 4, 2, 1, bias=False),
                       ConditionalBatchNorm(width // 2, classes), nn.ReLU(),
                       nn.ConvTranspose2d(width // 2, 1, 4, 2, 1, bias=False), nn.Tanh())
    bias = d_norm != "batch-norm"
    convs = [nn.Conv2d(1, base, 4, 2, 1, bias=bias), nn.Conv2d(base, 2 * base, 4, 2, 1, bias=bias)]
    layers = [convs[0], nn.LeakyReLU(0.2), convs[1]]
    if d_norm == "batch-norm":
        layers.append(nn.BatchNorm2d(2 * base))
    head = ProjectionHead(7 * 7 * 2 * base, classes, bias, 0.02)
    layers += [nn.LeakyReLU(0.2), nn.Flatten(), head]
    return g, ConditionalNet(*layers), convs + [head.psi] if d_norm == "spectral-norm" else []


def reference_models():
    """DcganSpec REFERENCE_28 (docs/benchmarks.md, B2)."""
    g = nn.Sequential(nn.ConvTranspose2d(100, 128, 7, 1, 0, bias=False), nn.BatchNorm2d(128), nn.ReLU(),
                      nn.ConvTranspose2d(128, 64, 4, 2, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
                      nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Tanh())
    d = nn.Sequential(nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(64, 128, 4, 2, 1, bias=False),
                      nn.BatchNorm2d(128), nn.LeakyReLU(0.2), nn.Flatten(), nn.Linear(6272, 1))
    return g, d, []


def dcgan28_models(latent, base, g_base, d_norm):
    """DcganSpec RADFORD at 28x28x1: start side 7, L = 2 stride-2 layers; returns G, D and D's convs to normalise."""
    width = g_base << 1  # generatorBaseWidth << (L - 1)
    g = nn.Sequential(nn.ConvTranspose2d(latent, width, 7, 1, 0, bias=False), nn.BatchNorm2d(width), nn.ReLU(),
                      nn.ConvTranspose2d(width, width // 2, 4, 2, 1, bias=False), nn.BatchNorm2d(width // 2), nn.ReLU(),
                      nn.ConvTranspose2d(width // 2, 1, 4, 2, 1, bias=False), nn.Tanh())
    bias = d_norm != "batch-norm"
    convs = [nn.Conv2d(1, base, 4, 2, 1, bias=bias), nn.Conv2d(base, 2 * base, 4, 2, 1, bias=bias),
             nn.Conv2d(2 * base, 1, 7, 1, 0, bias=bias)]
    layers = [convs[0], nn.LeakyReLU(0.2), convs[1]]
    if d_norm == "batch-norm":
        layers.append(nn.BatchNorm2d(2 * base))
    layers += [nn.LeakyReLU(0.2), convs[2], nn.Flatten()]
    return g, nn.Sequential(*layers), convs if d_norm == "spectral-norm" else []


def build_models(a):
    g_base = a.generator_base_width or a.base_width
    if a.model == "reference":
        g, d, sn = conditional_reference_models(a.classes) if a.classes else reference_models()
    elif a.classes:
        g, d, sn = conditional_dcgan28_models(a.latent, a.base_width, g_base, a.d_norm, a.classes)
    else:
        g, d, sn = dcgan28_models(a.latent, a.base_width, g_base, a.d_norm)
    for m in list(g.modules()) + list(d.modules()):
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
            nn.init.normal_(m.weight, 0.0, 0.02)
        elif isinstance(m, nn.BatchNorm2d) and m.affine:  # a conditional batch norm's own gamma and beta stay 1, 0
            nn.init.normal_(m.weight, 1.0, 0.02)
            nn.init.zeros_(m.bias)
    # After the weights are initialised: the 15 starting power steps run on the initial weight, as sparkgan's.
    for layer in sn:
        torch.nn.utils.parametrizations.spectral_norm(layer, n_power_iterations=1)
    return g, d


def float_buffers(*modules):
    """Batch-norm running statistics and power-iteration vectors: the state sparkgan averages over partitions."""
    return [b for m in modules for b in m.buffers() if b.is_floating_point()]


def d_loss(loss, real_out, fake_out, batch):
    """Sums of per-example terms over the global batch size: added over slices they give sparkgan's means."""
    if loss == "hinge":
        return (F.relu(1 - real_out).sum() + F.relu(1 + fake_out).sum()) / batch
    return (F.softplus(-real_out).sum() + F.softplus(fake_out).sum()) / batch


def g_loss(loss, fake_out, batch):
    return (-fake_out.sum() if loss == "hinge" else F.softplus(-fake_out).sum()) / batch


def lr_scale(a, rnd, rounds):
    """TrainingSettings.learningRateScale for 0-based round rnd."""
    decay_from = a.lr_decay_start * rounds
    if a.lr_decay_start >= 1.0 or rnd < decay_from:
        return 1.0
    progress = (rnd - decay_from) / max(1.0, rounds - 1 - decay_from)
    return 1.0 - min(1.0, progress) * (1.0 - a.lr_final_fraction)


def latents(n, latent, gen, truncation=0.0):
    """z ~ N(0, I); with truncation > 0 components are redrawn while |z_i| > truncation (rng.LatentPrior)."""
    z = torch.randn(n, latent, *LATENT_SHAPE, generator=gen)
    if truncation > 0:
        while True:
            out = z.abs() > truncation
            if not out.any():
                break
            z[out] = torch.randn(int(out.sum()), generator=gen)
    return z


def prior_labels(n, cumulative, gen):
    """rng.ClassPrior.draw: n classes, class k with probability counts[k] / total (cumulative: the running sums
    of the counts, int64): u uniform over [0, total), the class whose count range holds u (never an empty one)."""
    u = torch.randint(int(cumulative[-1]), (n,), generator=gen)
    return torch.searchsorted(cumulative, u, right=True)


def deskew(images):
    """clustering/Deskewed.apply on every image [n, 1, h, w] (the trainer's [-1, 1] values, float32): the features
    [n, h * w] (float32) k-means compares with model.cluster-features = deskewed. The ink (the value mapped from
    [-1, 1] to [0, 1], clipped) is shifted so that its centre of mass (cy, cx) is the image's centre and sheared so
    that its slant a = cov(y, x) / var(y) (0 when var(y) = 0) becomes vertical: output pixel (y, x) is the bilinear
    ink at source row y + cy - (h-1)/2 and column x + cx - (w-1)/2 + a (y - (h-1)/2), 0 outside the image; an image
    without ink stays its ink. In double precision like sparkgan's, DESKEW_CHUNK images at a time."""
    n, _, h, w = images.shape
    out = torch.empty(n, h * w, dtype=torch.float32)
    ys = torch.arange(h, dtype=torch.float64)
    xs = torch.arange(w, dtype=torch.float64)
    mid_y, mid_x = (h - 1) / 2.0, (w - 1) / 2.0
    for start in range(0, n, DESKEW_CHUNK):
        ink = images[start:start + DESKEW_CHUNK].reshape(-1, h, w).double().add(1.0).div(2.0).clamp(0.0, 1.0)
        m = len(ink)
        total = ink.sum((1, 2))
        blank = total == 0
        safe = torch.where(blank, torch.ones_like(total), total)  # a blank image's moments are not used
        row_ink, col_ink = ink.sum(2), ink.sum(1)  # [m, h], [m, w]
        cy = torch.where(blank, torch.full_like(total, mid_y), (row_ink * ys).sum(1) / safe)
        cx = torch.where(blank, torch.full_like(total, mid_x), (col_ink * xs).sum(1) / safe)
        dy, dx = ys - cy[:, None], xs - cx[:, None]
        var_y = (row_ink * dy * dy).sum(1)
        cov_yx = (ink * dy[:, :, None] * dx[:, None, :]).sum((1, 2))
        slant = torch.where(var_y > 0, cov_yx / torch.where(var_y > 0, var_y, torch.ones_like(var_y)),
                            torch.zeros_like(var_y))
        sy = (ys + (cy - mid_y)[:, None])[:, :, None].expand(m, h, w)
        sx = xs + (cx - mid_x)[:, None, None] + slant[:, None, None] * (ys - mid_y)[None, :, None]
        y0, x0 = sy.floor(), sx.floor()
        fy, fx = sy - y0, sx - x0
        y0, x0 = y0.long(), x0.long()
        flat = ink.reshape(m, h * w)

        def ink_at(yi, xi):  # Deskewed.inkAt: 0 outside the image
            inside = (yi >= 0) & (yi < h) & (xi >= 0) & (xi < w)
            index = (yi.clamp(0, h - 1) * w + xi.clamp(0, w - 1)).reshape(m, -1)
            return flat.gather(1, index).reshape(m, h, w) * inside

        # Deskewed.sample's four terms in its order
        value = (ink_at(y0, x0) * (1 - fy) * (1 - fx) + ink_at(y0, x0 + 1) * (1 - fy) * fx
                 + ink_at(y0 + 1, x0) * fy * (1 - fx) + ink_at(y0 + 1, x0 + 1) * fy * fx)
        value = torch.where(blank[:, None, None], ink, value)
        out[start:start + m] = value.reshape(m, h * w).float()
    return out


def hog(images, cell=HOG_CELL, bins=HOG_BINS):
    """clustering/Hog.apply on every image [n, c, h, w] (float32: the trainer's [-1, 1] values for hog, the deskewed
    ink in [0, 1] for deskewed-hog): the features [n, (h / cell) (w / cell) bins] (float32) k-means compares with
    model.cluster-features = hog or deskewed-hog. Sobel gradients of the channels' mean, borders replicated (gx: the
    column to the right minus the column to the left, rows weighted 1, 2, 1; gy: the row below minus the row above,
    columns weighted 1, 2, 1); each pixel's magnitude hypot(gx, gy) added to its cell's bin of the unsigned
    orientation atan2(gy, gx) (+ pi when negative), bin floor(angle / pi x bins) capped at bins - 1; the vector
    scaled by 1 / (|v| + 1e-6). In double precision (sparkgan sums a cell's bins in float), HOG_CHUNK images at a
    time; the same additions in the same order as Hog.apply up to the bins' sums."""
    n, channels, h, w = images.shape
    if h % cell or w % cell:
        raise SystemExit(f"histograms of {cell}x{cell} cells need image sides that are multiples of {cell}, got "
                         f"{h}x{w}; use --cluster-features pixels or deskewed")
    cells_per_row = w // cell
    dim = (h // cell) * cells_per_row * bins
    out = torch.empty(n, dim, dtype=torch.float32)
    # Hog.at: row/column -1 and h/w read the border's own values
    rows = torch.arange(-1, h + 1).clamp(0, h - 1)
    cols = torch.arange(-1, w + 1).clamp(0, w - 1)
    first_bin = ((torch.arange(h) // cell)[:, None] * cells_per_row + torch.arange(w) // cell).reshape(-1) * bins
    for start in range(0, n, HOG_CHUNK):
        x = images[start:start + HOG_CHUNK].double()
        m = len(x)
        total = torch.zeros(m, h, w, dtype=torch.float64)
        for c in range(channels):  # Hog.apply's sum, channel by channel
            total = total + x[:, c]
        padded = (total / channels)[:, rows][:, :, cols]  # [m, h + 2, w + 2]

        def at(dy, dx):  # the value at (y + dy, c + dx) for every pixel (y, c)
            return padded[:, 1 + dy:1 + dy + h, 1 + dx:1 + dx + w]

        gx = (at(-1, 1) + 2 * at(0, 1) + at(1, 1)) - (at(-1, -1) + 2 * at(0, -1) + at(1, -1))
        gy = (at(1, -1) + 2 * at(1, 0) + at(1, 1)) - (at(-1, -1) + 2 * at(-1, 0) + at(-1, 1))
        magnitude = torch.hypot(gx, gy)
        angle = torch.atan2(gy, gx)
        angle = torch.where(angle < 0, angle + math.pi, angle)
        bin_ = (angle / math.pi * bins).long().clamp(max=bins - 1)  # angle >= 0: truncation is Java's (int)
        index = first_bin + bin_.reshape(m, h * w)
        histograms = torch.zeros(m, dim, dtype=torch.float64).scatter_add_(1, index, magnitude.reshape(m, h * w))
        scale = 1 / (histograms.square().sum(1, keepdim=True).sqrt() + 1e-6)
        out[start:start + m] = (histograms * scale).float()
    return out


def cluster_features(images, name):
    """ClusterFeatures.of(name) on images [n, 1, h, w]: the rows k-means compares, float32, [n, h * w] for pixels (the
    images as they are) and deskewed, [n, (h / 4) (w / 4) 9] for hog and deskewed-hog (the histograms of the images
    or of their deskewed ink, one channel: sparkgan's deskewed-hog map reads its input as a 1-channel image)."""
    if name == "pixels":
        return images.flatten(1)
    if name == "hog":
        return hog(images)
    n, _, h, w = images.shape
    ink = deskew(images)
    return ink if name == "deskewed" else hog(ink.view(n, 1, h, w))


def member_means(images, labels, k):
    """The mean image [k, 1, h, w] of each cluster's members (images [n, 1, h, w] in [-1, 1]), an empty cluster's
    blank (-1): what clusters-images-idx3-ubyte shows for the hog maps, whose centres are histograms."""
    sums = torch.zeros(k, images[0].numel(), dtype=torch.float64).index_add_(0, labels, images.flatten(1).double())
    counts = torch.bincount(labels, minlength=k).double()[:, None]
    means = torch.where(counts > 0, sums / counts.clamp(min=1), torch.full_like(sums, -1.0))
    return means.float().view(k, *images.shape[1:])


def purity(labels, clusters, k):
    """The share of examples whose label is their cluster's most common one (labels, clusters: [n] integers)."""
    table = torch.zeros(k, int(labels.max()) + 1, dtype=torch.long)
    table.index_put_((clusters, labels), torch.ones_like(labels), accumulate=True)
    return float(table.max(1).values.sum()) / len(labels)


def lloyd_pass(x, centres):
    """clustering/ClusterSums.of over all examples x [n, dim] (float32) against centres [K, dim] (float32): the
    nearest centre of every example (squared Euclidean distance, ties to the lower index), per centre the sum
    (double) and number of its examples, and the total squared distance. Distances in double precision as
    |x|^2 - 2 x.c + |c|^2, a matrix product per chunk of rows."""
    c = centres.double()
    c_norms = (c * c).sum(1)
    sums = torch.zeros(c.shape, dtype=torch.float64)
    nearest = torch.empty(len(x), dtype=torch.long)
    cost = 0.0
    for start in range(0, len(x), KMEANS_CHUNK):
        rows = x[start:start + KMEANS_CHUNK].double()
        distances = (rows * rows).sum(1, keepdim=True) - 2.0 * (rows @ c.T) + c_norms
        best = distances.argmin(1)  # the first of equal minima: ties to the lower index
        nearest[start:start + len(rows)] = best
        sums.index_add_(0, best, rows)
        cost += float(distances.gather(1, best[:, None]).clamp_(min=0).sum())
    return nearest, sums, torch.bincount(nearest, minlength=len(centres)), cost


def kmeans_plus_plus(sample, k, gen):
    """KMeans.kMeansPlusPlus on the sample rows [m, dim] (float32): the first centre a uniformly drawn row, each next
    one a row drawn with probability proportional to its squared distance to the nearest centre so far (the first
    row whose running sum of distances reaches u x total; uniform again if every row already is a centre)."""
    m = len(sample)
    rows = sample.double()
    chosen = [int(torch.randint(m, (), generator=gen))]
    nearest = torch.full((m,), float("inf"), dtype=torch.float64)
    for _ in range(1, k):
        nearest = torch.minimum(nearest, (rows - rows[chosen[-1]]).square().sum(1))
        running = nearest.cumsum(0)
        if running[-1] == 0:
            chosen.append(int(torch.randint(m, (), generator=gen)))
        else:
            u = torch.rand((), generator=gen, dtype=torch.float64) * running[-1]
            chosen.append(min(int(torch.searchsorted(running, u)), m - 1))
    return sample[chosen].clone()


def kmeans(x, k, max_iterations, seed, partitions):
    """clustering/KMeans.fit on the examples' features x [n, dim] (float32, cluster_features: the trainer's [-1, 1]
    values, their deskewed ink in [0, 1] or histograms of gradient orientations): a k-means++ start
    on at most 40 x K examples, sampled without replacement from each of the --partitions contiguous ranges in
    proportion to its size (ceil(wanted x rows / n) each, as sparkgan's partitions); then Lloyd iterations, the new
    centres the float32 means of their examples (an empty cluster keeps its centre), until no centre moves or after
    max_iterations; the counts are those of the final centres. Drawn from a generator of its own (the training
    streams are untouched); sparkgan draws from its CLUSTERING stream, so the two find different clusters of
    the same kind."""
    started, started_cpu = time.perf_counter(), time.process_time()
    n = len(x)
    if n < k:
        raise SystemExit(f"cannot make {k} clusters of {n} examples; set fewer --clusters")
    gen = torch.Generator().manual_seed(seed * 1_000_003 + 29)
    wanted = min(n, KMEANS_SAMPLE_PER_CLUSTER * k)
    parts = []
    for p in range(partitions):  # DataSource.partitionStart
        lo, hi = n * p // partitions, n * (p + 1) // partitions
        take = min(hi - lo, (wanted * (hi - lo) + n - 1) // n)
        parts.append(x[lo + torch.randperm(hi - lo, generator=gen)[:take]])
    centres = kmeans_plus_plus(torch.cat(parts), k, gen)
    nearest, sums, counts, cost = lloyd_pass(x, centres)
    iterations, moved = 0, True
    while iterations < max_iterations:
        following = centres.clone()
        filled = counts > 0
        following[filled] = (sums[filled] / counts[filled, None]).float()  # ClusterSums.means
        iterations += 1
        moved = not torch.equal(following, centres)
        centres = following
        if not moved:
            break
        nearest, sums, counts, cost = lloyd_pass(x, centres)
    return types.SimpleNamespace(centres=centres, counts=counts, labels=nearest, iterations=iterations,
                                 converged=not moved, meanSquaredDistance=cost / n,
                                 seconds=time.perf_counter() - started, cpuSeconds=time.process_time() - started_cpu)


def balanced_labels(n, classes, start=0):
    """Classes start, start + 1, ... mod K for n rows (GanStep.balancedLabels, EvaluationSamples.labels)."""
    return torch.arange(start, start + n) % classes


def d_phase(g, d, real, y_real, z, y_fake, loss, batch):
    """GanStep.discriminatorGradient: G(z, y_fake) in training mode, then D on (real, y_real), then D on
    (G(z), y_fake), each its own training-mode pass; D's gradient left in its .grad. Returns the loss."""
    with torch.no_grad():
        fake = run(g, z, y_fake)
    real_out = run(d, real, y_real)
    fake_out = run(d, fake, y_fake)
    value = d_loss(loss, real_out, fake_out, batch)
    value.backward()
    return value.item()


def g_phase(g, d, z, y_fake, loss, batch):
    """GanStep.generatorGradient: D in training mode on (G(z, y_fake), y_fake); G's gradient in its .grad."""
    value = g_loss(loss, run(d, run(g, z, y_fake), y_fake), batch)
    value.backward()
    return value.item()


def sliced_phase(slices, buffers, body):
    """Runs body(k) for every slice from the same buffer state, then sets the buffers to the slices' mean."""
    if slices == 1:
        body(0)
        return
    with torch.no_grad():
        start = [b.clone() for b in buffers]
        total = [torch.zeros_like(b) for b in buffers]
    for k in range(slices):
        with torch.no_grad():
            for b, s in zip(buffers, start):
                b.copy_(s)
        body(k)
        with torch.no_grad():
            for t, b in zip(total, buffers):
                t.add_(b)
    with torch.no_grad():
        for b, t in zip(buffers, total):
            b.copy_(t / slices)


def standing_batches(latent, seed, truncation=0.0, prior=None):
    """The latent batches of run/GeneratorSnapshot's standing statistics, drawn from the sampling prior
    (truncated when sampling is): the same at every snapshot. For a self-conditioned G (prior: the running sums
    of the cluster counts) also every batch's classes, drawn from the cluster frequencies after all latents from
    the same generator (GanStep.standingGeneratorStatistics with a ClassPrior); else None."""
    gen = torch.Generator().manual_seed(seed * 1_000_003 + 17)
    batches = [latents(STANDING_BATCH_SIZE, latent, gen, truncation) for _ in range(STANDING_BATCHES)]
    classes = None if prior is None else [prior_labels(STANDING_BATCH_SIZE, prior, gen) for _ in batches]
    return batches, classes


@torch.no_grad()
def standing_statistics(g, batches, classes=0, labels=None):
    """nn/StandingStatistics: from zero running statistics each training pass leaves momentum x the batch's.
    A conditional G is asked for every class equally often in each pass (GanStep.standingGeneratorStatistics:
    labels 0, 1, ..., K-1, 0, ... in every batch), or for labels[b] in pass b when given (a self-conditioned G's
    classes drawn from the cluster frequencies)."""
    bns = [m for m in g.modules() if isinstance(m, nn.BatchNorm2d)]
    if not bns:
        return
    sums = [(torch.zeros_like(m.running_mean), torch.zeros_like(m.running_var)) for m in bns]
    g.train()
    for b, z in enumerate(batches):
        for m in bns:
            m.running_mean.zero_()
            m.running_var.zero_()
        run(g, z, labels[b] if labels is not None else balanced_labels(len(z), classes) if classes else None)
        for m, (sm, sv) in zip(bns, sums):
            sm.add_(m.running_mean)
            sv.add_(m.running_var)  # PyTorch, like sparkgan, updates the running variance with the unbiased one
    for m, (sm, sv) in zip(bns, sums):
        m.running_mean.copy_(sm / (BN_MOMENTUM * len(batches)))
        m.running_var.copy_(sv / (BN_MOMENTUM * len(batches)))


@torch.no_grad()
def write_snapshot(a, g, average, images, path, labels_path=None):
    """Writes a sample set to path; a conditional G draws image i as class i mod K (EvaluationSamples), and
    the classes asked for go to labels_path; a self-conditioned G (a.prior) draws every image's cluster from
    the cluster frequencies, after all latents from the same generator, and its set has no labels file."""
    # GeneratorSnapshot recomputes the statistics for a moving average, and for a truncated prior (BigGAN's way).
    if average is not None or (a.truncation > 0 and a.sample_mode == "eval"):
        sampler = copy.deepcopy(g)
        if average is not None:
            for p, q in zip(sampler.parameters(), average):
                p.copy_(q)
        batches, labels = standing_batches(a.latent, a.seed, a.truncation, a.prior)
        standing_statistics(sampler, batches, a.classes, labels)
        sampler.eval()
    else:
        sampler = g
        sampler.train(a.sample_mode == "train")
    gen = torch.Generator().manual_seed(a.seed * 7919 + images)
    chunks = [(i, min(250, a.samples - i)) for i in range(0, a.samples, 250)]
    zs = [latents(n, a.latent, gen, a.truncation) for _, n in chunks]
    drawn = None if a.prior is None else prior_labels(a.samples, a.prior, gen)
    samples = torch.cat([run(sampler, z, drawn[i:i + n] if drawn is not None
                             else balanced_labels(n, a.classes, i) if a.classes else None)
                         for z, (i, n) in zip(zs, chunks)])
    g.train()
    write_idx_images(path, samples)
    if labels_path is not None:
        write_idx_labels(labels_path, balanced_labels(a.samples, a.classes))


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    p.add_argument("--idx", required=True, help="MNIST training images, IDX3 (optionally .gz)")
    p.add_argument("--out", required=True, help="output directory")
    p.add_argument("--conditional", action="store_true",
                   help="model.conditional = true: conditional batch norm in G, a projection head on D, real "
                        "batches with their labels (--labels), fake labels uniform over the classes")
    p.add_argument("--labels", default="",
                   help="the training images' labels, IDX1 (optionally .gz), one per image of --idx: the classes of "
                        "--conditional; with --clusters only read to report the clusters' purity (the share of images "
                        "whose label is their cluster's most common one), which the training never sees")
    p.add_argument("--classes", type=int, default=0,
                   help="number of classes K (--conditional; 0 = largest label + 1). sparkgan gives every data set "
                        "prepared from IDX files 10 classes: pass 10 when the labels use fewer")
    p.add_argument("--clusters", type=int, default=0,
                   help="model.clusters = K (self-conditioning): the models of --conditional with K classes, the "
                        "k-means clusters of the training images (no --labels), fake labels and sample classes "
                        "drawn from the clusters' frequencies; sample sets without labels files (0 = off)")
    p.add_argument("--cluster-features", choices=["pixels", "deskewed", "hog", "deskewed-hog"],
                   default=argparse.SUPPRESS,
                   help="model.cluster-features: what k-means compares, the images as they are (pixels, the default), "
                        "their moment-deskewed ink (deskewed: clustering/Deskewed), the histograms of gradient "
                        "orientations in their 4x4 cells (hog: clustering/Hog) or those of the deskewed ink "
                        "(deskewed-hog); the cluster ids label the original images, on which G and D train (--clusters)")
    p.add_argument("--cluster-iterations", type=int, default=30,
                   help="model.cluster-iterations: most k-means (Lloyd) iterations (--clusters)")
    p.add_argument("--model", choices=["reference", "dcgan28"], default="reference",
                   help="model.type dcgan-reference, or dcgan with image-size 28")
    p.add_argument("--latent", type=int, default=100, help="model.latent-dim (reference: 100)")
    p.add_argument("--base-width", type=int, default=64, help="model.base-width (dcgan28)")
    p.add_argument("--generator-base-width", type=int, default=0, help="model.generator-base-width (0 = base width)")
    p.add_argument("--d-norm", choices=["batch-norm", "spectral-norm", "none"], default="batch-norm",
                   help="model.discriminator-norm (dcgan28)")
    p.add_argument("--loss", choices=["non-saturating", "hinge"], default="non-saturating", help="train.loss")
    p.add_argument("--g-lr", type=float, default=2e-4, help="train.generator-optimizer.learning-rate")
    p.add_argument("--d-lr", type=float, default=2e-4, help="train.discriminator-optimizer.learning-rate")
    p.add_argument("--beta1", type=float, default=0.5, help="Adam beta1 of both optimisers")
    p.add_argument("--beta2", type=float, default=0.999, help="Adam beta2 of both optimisers")
    p.add_argument("--ema-decay", type=float, default=0.0, help="train.generator-ema-decay (0 = off)")
    p.add_argument("--ema-start", type=float, default=0.0, help="train.generator-ema-start")
    p.add_argument("--lr-decay-start", type=float, default=1.0, help="train.lr-decay-start (1 = constant)")
    p.add_argument("--lr-final-fraction", type=float, default=0.1, help="train.lr-final-fraction")
    p.add_argument("--batch", type=int, default=64, help="global minibatch (partitions x batch-per-partition)")
    p.add_argument("--partitions", type=int, default=1,
                   help="data.partitions: batch-norm batches of batch/partitions, as sparkgan's partitions")
    p.add_argument("--real-sampling", choices=["epoch", "replacement"], default="epoch",
                   help="real minibatches from shuffled epochs, or uniformly with replacement (sparkgan's BatchSampler)")
    p.add_argument("--images", type=int, default=192000, help="real images D sees in total (rounds x batch)")
    p.add_argument("--snapshots", default="",
                   help="comma-separated image counts (multiples of --batch) at which to write a sample set "
                        "(default: one set at the end, samples-images-idx3-ubyte)")
    p.add_argument("--samples", type=int, default=10000, help="images per sample set")
    p.add_argument("--sample-mode", choices=["eval", "train"], default="eval",
                   help="without a moving average: G's batch norm with running (eval) or batch (train) statistics")
    p.add_argument("--truncation", type=float, default=0.0,
                   help="samples.truncation: sample sets drawn with |z_i| <= T (0 = plain N(0, I))")
    p.add_argument("--threads", type=int, default=2, help="torch.set_num_threads")
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    if a.batch < 2 or a.images < a.batch:
        raise SystemExit("--images must be at least --batch, and --batch at least 2")
    if a.partitions < 1 or a.batch % a.partitions or a.batch // a.partitions < 2:
        raise SystemExit("--partitions must divide --batch into slices of at least 2")
    if a.model == "reference" and (a.latent != 100 or a.d_norm != "batch-norm" or a.base_width != 64
                                   or a.generator_base_width not in (0, 64)):
        raise SystemExit("the reference DCGAN is fixed at latent 100, base width 64, batch norm (use --model dcgan28)")
    if not 0 <= a.ema_decay < 1:
        raise SystemExit("--ema-decay must be in [0, 1)")
    a.rounds = a.images // a.batch
    a.named_snapshots = bool(a.snapshots)
    a.snapshot_images = sorted({int(s) for s in a.snapshots.split(",") if s.strip()}) or [a.rounds * a.batch]
    bad = [n for n in a.snapshot_images if n <= 0 or n % a.batch or n > a.rounds * a.batch]
    if bad:
        raise SystemExit(f"--snapshots {bad}: each must be a positive multiple of --batch {a.batch} up to --images")
    if a.truncation != 0 and a.truncation < 0.05:
        raise SystemExit("--truncation must be 0 (off) or at least 0.05")
    if a.samples < 1:
        raise SystemExit("--samples must be positive")
    if a.conditional and not a.labels:
        raise SystemExit("--conditional needs --labels")
    if a.labels and not (a.conditional or a.clusters):
        raise SystemExit("--labels is only read with --conditional (the classes) or --clusters (the clusters' purity)")
    if a.classes < 0 or (a.classes and not a.conditional):
        raise SystemExit("--classes must be positive, and only goes with --conditional")
    if a.clusters < 0 or (a.clusters and a.conditional):
        raise SystemExit("--clusters must be positive, and does not go with --conditional (model.clusters: not "
                         "with model.conditional = true)")
    if a.cluster_iterations < 1:
        raise SystemExit("--cluster-iterations must be at least 1")
    a.cluster_features = getattr(a, "cluster_features", None)  # None when not given (SUPPRESS: no help default)
    if a.cluster_features is not None and not a.clusters:
        raise SystemExit(f"--cluster-features {a.cluster_features} chooses what k-means compares: it only goes with "
                         "--clusters K (model.cluster-features applies to model.clusters > 0)")
    a.cluster_features = a.cluster_features or "pixels"
    return a


def main():
    a = parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)  # initialisation (and the power-iteration start vectors)
    os.makedirs(a.out, exist_ok=True)
    data = read_idx_images(a.idx)
    labels, clusters, a.prior = None, None, None
    if a.conditional:
        labels = read_idx_labels(a.labels)
        if len(labels) != len(data):
            raise SystemExit(f"{a.labels} has {len(labels)} labels for the {len(data)} images of {a.idx}")
        top = int(labels.max()) + 1
        if a.classes and top > a.classes:
            raise SystemExit(f"{a.labels} has label {top - 1}, outside --classes {a.classes}")
        a.classes = a.classes or top
        if a.classes > 10:
            print(f"note: {a.classes} classes: sparkgan prepare reads IDX labels 0-9 only, so the sample sets' "
                  "label files cannot be prepared", flush=True)
    elif a.clusters:  # SelfConditioning.trainingData: before round 1, outside the training clock (as GanTrainer's)
        digits = None
        if a.labels:  # only for the purity: the training never sees them
            digits = read_idx_labels(a.labels)
            if len(digits) != len(data):
                raise SystemExit(f"{a.labels} has {len(digits)} labels for the {len(data)} images of {a.idx}")
        started = time.perf_counter()
        features = cluster_features(data, a.cluster_features)  # the cluster ids label the original images
        feature_seconds = time.perf_counter() - started
        clusters = kmeans(features, a.clusters, a.cluster_iterations, a.seed, a.partitions)
        clusters.featureSeconds, clusters.featureDim = feature_seconds, features.shape[1]
        clusters.purity = None if digits is None else purity(digits, clusters.labels, a.clusters)
        del features
        labels, a.classes, a.prior = clusters.labels, a.clusters, clusters.counts.cumsum(0)
        if a.cluster_features != "pixels":
            print(f"{a.cluster_features} features of {len(data)} images in {feature_seconds:.1f} s", flush=True)
        print(f"k-means on {a.cluster_features}: {a.clusters} clusters of {len(data)} images in {clusters.seconds:.1f} s "
              f"({clusters.cpuSeconds:.1f} s of CPU), "
              f"{clusters.iterations} iterations ({'converged' if clusters.converged else 'the limit'}), "
              f"mean squared distance to the centre {clusters.meanSquaredDistance:.4g}; sizes "
              f"{clusters.counts.tolist()}", flush=True)
        if clusters.purity is not None:
            print(f"purity: {100 * clusters.purity:.1f}% of the images have their cluster's most common label "
                  f"({a.labels})", flush=True)
        if a.cluster_features == "pixels":
            centres = clusters.centres.view(-1, *data.shape[1:])
        elif a.cluster_features == "deskewed":  # ink in [0, 1]: images of the same [-1, 1] scale (ink 0 = background)
            centres = (clusters.centres * 2 - 1).view(-1, *data.shape[1:])
        else:  # histogram centres are no images: each cluster's mean training image instead
            centres = member_means(data, clusters.labels, a.clusters)
        write_idx_images(os.path.join(a.out, "clusters-images-idx3-ubyte"), centres)
    else:
        a.classes = 0
    g, d = build_models(a)
    g.train()
    d.train()
    opt_g = torch.optim.Adam(g.parameters(), a.g_lr, betas=(a.beta1, a.beta2), eps=1e-8)
    opt_d = torch.optim.Adam(d.parameters(), a.d_lr, betas=(a.beta1, a.beta2), eps=1e-8)
    buffers = float_buffers(g, d)
    gen = torch.Generator().manual_seed(a.seed)  # minibatches and latents
    average = None
    per_slice = a.batch // a.partitions
    order, pos = torch.randperm(len(data), generator=gen), 0
    snapshots = set(a.snapshot_images)
    train_seconds, snapshot_seconds = 0.0, 0.0
    log = open(os.path.join(a.out, "snapshots.jsonl"), "w")
    for rnd in range(a.rounds):
        t0 = time.perf_counter()
        scale = lr_scale(a, rnd, a.rounds)
        for group in opt_d.param_groups:
            group["lr"] = a.d_lr * scale
        for group in opt_g.param_groups:
            group["lr"] = a.g_lr * scale
        if a.real_sampling == "epoch":
            if pos + a.batch > len(data):
                order, pos = torch.randperm(len(data), generator=gen), 0
            rows = order[pos:pos + a.batch]
            pos += a.batch
        else:
            rows = torch.randint(len(data), (a.batch,), generator=gen)
        real = data[rows]
        z_d, z_g = latents(a.batch, a.latent, gen), latents(a.batch, a.latent, gen)
        # Real rows carry their labels; the classes asked of G are uniform over [0, K), drawn afresh for
        # the D phase and for the G phase (BatchSampler.uniformLabels, PartitionWork.fakeLabels); a
        # self-conditioned G's from the cluster frequencies (ClassPrior.draw).
        y_real = y_d = y_g = None
        if a.prior is not None:
            y_real = labels[rows]
            y_d = prior_labels(a.batch, a.prior, gen)
            y_g = prior_labels(a.batch, a.prior, gen)
        elif a.classes:
            y_real = labels[rows]
            y_d = torch.randint(a.classes, (a.batch,), generator=gen)
            y_g = torch.randint(a.classes, (a.batch,), generator=gen)
        losses = [0.0, 0.0]

        # D phase: G(z) in training mode, D on the real slice, D on the fakes (GanStep.discriminatorGradient).
        opt_d.zero_grad(set_to_none=True)
        d.requires_grad_(True)

        def d_slice(k):
            sl = slice(k * per_slice, (k + 1) * per_slice)
            losses[0] += d_phase(g, d, real[sl], None if y_real is None else y_real[sl], z_d[sl],
                                 None if y_d is None else y_d[sl], a.loss, a.batch)

        sliced_phase(a.partitions, buffers, d_slice)
        opt_d.step()

        # G phase: fresh latents through D in training mode (GanStep.generatorGradient).
        opt_g.zero_grad(set_to_none=True)
        d.requires_grad_(False)

        def g_slice(k):
            sl = slice(k * per_slice, (k + 1) * per_slice)
            losses[1] += g_phase(g, d, z_g[sl], None if y_g is None else y_g[sl], a.loss, a.batch)

        sliced_phase(a.partitions, buffers, g_slice)
        opt_g.step()

        if a.ema_decay > 0:  # TrainingState.updateGeneratorAverage with generatorEmaDecayAt(rnd)
            with torch.no_grad():
                decay = 0.0 if rnd < a.ema_start * a.rounds else a.ema_decay
                if average is None:
                    average = [p.detach().clone() for p in g.parameters()]
                else:
                    for q, p in zip(average, g.parameters()):
                        q.mul_(decay).add_(p, alpha=1 - decay)
        train_seconds += time.perf_counter() - t0

        done, images = rnd + 1, (rnd + 1) * a.batch
        if done % 500 == 0 or done == a.rounds:
            print(f"round {done}/{a.rounds}  D loss {losses[0]:.4f}  G loss {losses[1]:.4f}  lr x{scale:.3f}  "
                  f"{images / train_seconds:.0f} img/s", flush=True)
        if images in snapshots:
            t1 = time.perf_counter()
            prefix = f"samples-{images}" if a.named_snapshots else "samples"
            name = prefix + "-images-idx3-ubyte"
            # prepare pairs the two by name; a self-conditioned set has none (clusters are not the evaluator's classes)
            labels_name = prefix + "-labels-idx1-ubyte" if a.classes and a.prior is None else None
            write_snapshot(a, g, average, images, os.path.join(a.out, name),
                           labels_name and os.path.join(a.out, labels_name))
            snapshot_seconds += time.perf_counter() - t1
            line = {"images": images, "rounds": done, "trainSeconds": round(train_seconds, 3),
                    "snapshotSeconds": round(time.perf_counter() - t1, 3), "file": name,
                    **({"labels": labels_name} if labels_name else {}),
                    "sampler": "moving average, standing statistics" if average is not None
                    else "G, standing statistics" if a.truncation > 0 and a.sample_mode == "eval"
                    else f"G, {a.sample_mode}-mode batch norm"}
            log.write(json.dumps(line) + "\n")
            log.flush()
            print(json.dumps(line), flush=True)
    log.close()

    info = {"peer": "PyTorch " + torch.__version__,
            "model": ("reference DCGAN (docs/benchmarks.md, B2)" if a.model == "reference" else
                      f"Radford DCGAN 28x28x1, base width {a.base_width}"
                      f"{f' (G {a.generator_base_width})' if a.generator_base_width else ''}, D {a.d_norm}, "
                      f"latent {a.latent}") + (f", self-conditioned on {a.classes} k-means clusters of {a.cluster_features}" if clusters
                                                else f", conditional on {a.classes} classes" if a.classes else ""),
            "classes": a.classes,
            **({"clusters": {"k": a.clusters, "features": a.cluster_features, "featureDim": clusters.featureDim,
                             **({"hogCell": HOG_CELL, "hogBins": HOG_BINS} if a.cluster_features.endswith("hog")
                                else {}),
                             "featureSeconds": round(clusters.featureSeconds, 3),
                             "maxIterations": a.cluster_iterations, "iterations": clusters.iterations,
                             "converged": clusters.converged, "seconds": round(clusters.seconds, 3),
                             "cpuSeconds": round(clusters.cpuSeconds, 3),
                             "meanSquaredDistance": clusters.meanSquaredDistance, "sizes": clusters.counts.tolist(),
                             **({"purity": clusters.purity, "purityLabels": a.labels}
                                if clusters.purity is not None else {}),
                             "centres": "clusters-images-idx3-ubyte" if not a.cluster_features.endswith("hog")
                             else "clusters-images-idx3-ubyte holds each cluster's mean training image (the centres "
                                  "are histograms)"}} if clusters else {}),
            "loss": a.loss, "images": a.rounds * a.batch, "rounds": a.rounds, "batch": a.batch,
            "partitions": a.partitions, "realSampling": a.real_sampling,
            "gLearningRate": a.g_lr, "dLearningRate": a.d_lr, "beta1": a.beta1, "beta2": a.beta2,
            "emaDecay": a.ema_decay, "emaStart": a.ema_start, "lrDecayStart": a.lr_decay_start,
            "lrFinalFraction": a.lr_final_fraction, "seed": a.seed, "threads": a.threads,
            "sampleMode": "standing statistics" if average is not None or (a.truncation > 0 and a.sample_mode == "eval")
            else a.sample_mode, "samples": a.samples,
            "snapshots": a.snapshot_images, "trainSeconds": train_seconds, "snapshotSeconds": snapshot_seconds}
    with open(os.path.join(a.out, "peer.json"), "w") as f:
        json.dump(info, f, indent=2)
    print(json.dumps(info))


if __name__ == "__main__":
    main()
