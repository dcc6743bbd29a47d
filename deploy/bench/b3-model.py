#!/usr/bin/env python3
"""The scaling model of docs/benchmarks.md, B3: projects round time, examples/s and efficiency to 8, 32 and
128 executors (1 core each, one partition each, fixed batch per partition: weak scaling) from the
2-executor cluster measurements in docs/results/b3-cluster/*-cluster2.json.

    deploy/bench/b3-model.py [--bandwidth-gbit 10] [--serde-mbs 3000] [--task-ms 1.0]
    deploy/bench/b3-model.py --only dcgan-sync --compute-ms 139 --other-ms 60   # what-if inputs

Round time at N executors, sync mode (J = 2 Spark jobs a round, one per phase; average mode has
the same 2 jobs carrying K local steps each):
    T(N) = C + U + O2 + (N - 2) * J * task + (N - 2) * R * (1/bw + 1/serde) + bcast(N) - bcast(2)
           + tree(N)
  C      compute of one partition's share of a round (measured, the longest task, per phase summed)
  U      driver update (measured; does not grow with N)
  O2     everything else measured at N = 2 (broadcast, scheduling, result transfer, merging)
  task   driver-side cost of launching and finishing one task (assumption, default 1 ms)
  R      bytes one partition returns per round = bytes per round / (P + 1) (each network is
         broadcast once a round, each partition returns one vector per phase of the same sizes)
  bw     network bandwidth into the driver (default 10 Gbit/s); serde: deserialising and merging a
         task result on the driver: 3.0-4.1 GB/s measured on an idle machine (a 3 MB PhaseResult
         through Spark's KryoSerializer: 0.9 ms to write, 0.75 ms to read); an earlier 343 MB/s was
         measured on a machine loaded 8x and made the driver look like the bottleneck
  bcast  TorrentBroadcast: the driver sends every 4 MB block once, executors then fetch blocks from
         each other, so the holders of a block double each block-time:
         bcast(N) = B/bw + ceil(log2 N) * min(B, 4 MB)/bw with B = broadcast bytes a round
  tree   beyond 8 partitions results are merged by treeAggregate (depth 2 up to 64, else 3): each
         extra level is one more stage (assumed 30 ms of scheduling and shuffle) whose tasks merge
         N^(1/depth) vectors each in parallel, and the driver then merges N^(1/depth) instead of N.
"""
import argparse
import glob
import json
import math
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bandwidth-gbit", type=float, default=10.0)
    ap.add_argument("--serde-mbs", type=float, default=3000.0)
    ap.add_argument("--task-ms", type=float, default=1.0)
    ap.add_argument("--stage-ms", type=float, default=30.0)
    ap.add_argument("--only", help="project this configuration only (e.g. dcgan-sync)")
    ap.add_argument("--compute-ms", type=float, help="replace the measured compute per round (C)")
    ap.add_argument("--other-ms", type=float, help="replace the measured rest of the round at N=2 (O2)")
    a = ap.parse_args()
    bw = a.bandwidth_gbit * 1e9 / 8 / 1e3   # bytes per ms
    serde = a.serde_mbs * 1e6 / 1e3          # bytes per ms
    block = 4 * 2**20

    print("| config | N | depth | round ms | rounds/s | compute share | examples/s | efficiency vs N=2 |")
    print("|---|---|---|---|---|---|---|---|")
    for path in sorted(glob.glob(os.path.join(ROOT, "docs/results/b3-cluster/*-cluster2.json"))):
        r = json.load(open(path))
        name = os.path.basename(path).replace("-cluster2.json", "")
        if a.only and name != a.only:
            continue
        p = r["partitions"]
        jobs = 2
        per_partition = r["bytesPerRound"] / (p + 1)      # R; the broadcast B is one R as well
        broadcast = per_partition
        c, u = r["computeMs"], r["updateMs"]
        o2 = r["roundMs"] - c - u
        examples = r["examplesPerSecond"] * r["roundMs"] / 1e3 / p   # per partition per round
        if a.compute_ms is not None:
            c = a.compute_ms
        if a.other_ms is not None:
            o2 = a.other_ms
        base_round = c + u + o2

        def bcast(n):
            return broadcast / bw + math.ceil(math.log2(max(n, 1))) * min(broadcast, block) / bw

        for n in (2, 8, 32, 128):
            depth = 1 if n <= 8 else 2 if n <= 64 else 3
            fan_in = n if depth == 1 else math.ceil(n ** (1 / depth))
            merge_driver = fan_in * per_partition * (1 / bw + 1 / serde)
            merge_2 = 2 * per_partition * (1 / bw + 1 / serde)
            levels = (depth - 1) * (a.stage_ms + fan_in * per_partition * (1 / bw + 1 / serde))
            t = (c + u + o2 + (n - 2) * jobs * a.task_ms + merge_driver - merge_2
                 + bcast(n) - bcast(2) + levels)
            eps = n * examples / (t / 1e3)
            eff = (eps / n) / (examples * 1e3 / base_round)
            print(f"| {name} | {n} | {depth} | {t:.0f} | {1e3 / t:.2f} | {100 * c / t:.0f}% | {eps:.0f} | {100 * eff:.0f}% |")


if __name__ == "__main__":
    main()
