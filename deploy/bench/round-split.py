#!/usr/bin/env python3
"""B3 from finished runs: the median split of a round (broadcast, compute, aggregate, update) and
Spark's share of it (1 - compute / round, docs/benchmarks.md, B3), read from each run's metrics.jsonl.

    deploy/bench/round-split.py [--skip 100] runs/grid25-seed1 runs/grid25-seed3 ...

Whole training runs are a steadier sample than a 60-round benchmark: thousands of rounds, the
same configuration the run trained with (its config.conf), nothing else changed. The first
--skip rounds (JIT and native warm-up) are left out.
"""
import argparse
import json
import os
import statistics
import sys

SPLIT = ("roundMs", "broadcastMs", "computeMs", "aggregateMs", "updateMs")


def overhead_fraction(row):
    """Spark's share of one round, as RoundMetrics.overheadFraction (and `bench rounds`) defines it."""
    return 0.0 if row["roundMs"] <= 0 else max(0.0, 1.0 - row["computeMs"] / row["roundMs"])


def split_of(run_dir, skip):
    path = os.path.join(run_dir, "metrics.jsonl")
    if not os.path.exists(path):
        sys.exit(f"{path}: no such file (is {run_dir} a run directory?)")
    with open(path) as lines:
        rows = [json.loads(line) for line in lines][skip:]
    if not rows:
        sys.exit(f"{path}: no rounds after the first {skip}; use a smaller --skip")
    medians = {key: statistics.median(row[key] for row in rows) for key in SPLIT}
    share = statistics.median(overhead_fraction(row) for row in rows)
    return len(rows), medians, share


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip", type=int, default=100, help="warm-up rounds to leave out (default 100)")
    parser.add_argument("runs", nargs="+", help="run directories holding metrics.jsonl")
    args = parser.parse_args()
    print("| run | rounds | round ms | broadcast ms | compute ms | aggregate ms | update ms | outside compute |")
    print("|---|---|---|---|---|---|---|---|")
    for run_dir in args.runs:
        count, medians, share = split_of(run_dir, args.skip)
        figures = " | ".join(f"{medians[key]:.1f}" for key in SPLIT)
        print(f"| {os.path.basename(os.path.normpath(run_dir))} | {count} | {figures} | {100 * share:.1f}% |")


if __name__ == "__main__":
    main()
