#!/usr/bin/env python3
"""The scaling model of docs/benchmarks.md, B3, in two forms.

FITTED (--fit): least squares over the curves `deploy/bench/scaling --out` writes (JSON arrays, one
object per executor count), then the fitted constants, the residuals at the measured points and the
projections to 32 and 128 executors, with the assumptions printed beside them:

    deploy/bench/b3-model.py --fit docs/results/scaling/*.json [--task-ms MS] [--project 32,128]
    deploy/bench/b3-model.py --self-test     # fits synthetic curves made from known constants

  The time of a round outside the tasks' computation and the driver's update,
      other(N) = roundMs - computeMs - updateMs,
  is modelled per link setting (a separate fit for each `link` value) as
      other(N) = J * job  +  J * N * task  +  R(N) * perResultMB  +  Beff(N) * perBroadcastMB
                 + J * (depth(N) - 1) * stage
  J        jobs a round (jobsPerRound: critic steps + 1; 2 if the file does not say)
  N        executors = partitions (one 1-core executor each, equal work per executor: weak scaling)
  R(N)     MB of task results on the round's critical path: all N results into the driver up to 8
           partitions; beyond, treeAggregate's levels work in parallel and each node merges
           fan_in = N^(1/depth) results, so depth x fan_in of them (16 executors: 8). Result sizes from
           resultBytesPerRound (for older files without it, bytesPerRound x N / (N + 1): one broadcast
           and N results of the same size)
  Beff(N)  MB of parameter broadcasts a round, B = bytesPerRound - R, as TorrentBroadcast moves them:
           B + ceil(log2 N) x min(B, 4 MiB) (the driver sends every 4 MB block once; the holders of a
           block double every block-time)
  depth    treeAggregate levels: 1 up to 8 partitions, 2 up to 64, 3 beyond (SparkPhaseRunner)
  The unknowns are job (ms a job), task (ms a task: launch, result, merge), perResultMB and
  perBroadcastMB (ms a MB) and stage (ms an extra tree level a job; only fitted when a point has N > 8).
  The fit minimises relative residuals (each point weighted by 1 / roundMs) and prints each
  constant's standard error. A constant that these files cannot tell apart from the others (e.g. per task and per result MB
  from one model size and one mode: both grow as N) is reported, and left out of the fit (0) unless
  --task-ms fixes the per-task cost. Projections use each file's mean computeMs and updateMs and its
  result MB per executor.

PROJECTED FROM 2 EXECUTORS (no --fit; the earlier model): projects round time, examples/s and
efficiency to 8, 32 and 128 executors from the 2-executor cluster measurements in
docs/results/b3-cluster/*-cluster2.json.

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
import random
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MB = 1e6
BLOCK = 4 * 2**20
# The unknowns of the fitted model, in the order columns are taken (a column that the earlier ones
# already explain is left out): per-task cost last, so that with one model size it is the one dropped.
NAMES = ["job", "perResultMB", "perBroadcastMB", "stage", "task"]
UNITS = {"job": "ms a job", "task": "ms a task", "perResultMB": "ms a MB of results",
         "perBroadcastMB": "ms a MB broadcast (effective)", "stage": "ms an extra tree level a job"}
REQUIRED = ("executors", "roundMs", "computeMs", "updateMs", "bytesPerRound")
DEFAULT_JOBS = 2


def depth(n):
    return 1 if n <= 8 else 2 if n <= 64 else 3


def effective_broadcast(b, n):
    return b + math.ceil(math.log2(max(n, 1))) * min(b, BLOCK)


class Point:
    """One executor count of one curve, with the model's inputs."""

    def __init__(self, path, index, raw):
        for key in REQUIRED:
            if not isinstance(raw.get(key), (int, float)) or isinstance(raw.get(key), bool):
                raise SystemExit(f"{path}: point {index}: field '{key}' is missing or not a number"
                                 f" (a deploy/bench/scaling --out file has executors, roundMs, computeMs, updateMs,"
                                 f" bytesPerRound)")
        self.raw = raw
        self.n = int(raw["executors"])
        if self.n < 1:
            raise SystemExit(f"{path}: point {index}: executors is {raw['executors']}, must be >= 1")
        self.jobs = int(raw.get("jobsPerRound") or DEFAULT_JOBS)
        self.jobs_assumed = raw.get("jobsPerRound") is None
        results = raw.get("resultBytesPerRound")
        self.results_assumed = results is None
        self.result_bytes = float(results) if results is not None else raw["bytesPerRound"] * self.n / (self.n + 1)
        self.broadcast_bytes = raw["bytesPerRound"] - self.result_bytes
        self.link = str(raw.get("link", "?"))
        self.other = raw["roundMs"] - raw["computeMs"] - raw["updateMs"]

    def features(self):
        return features(self.n, self.jobs, self.result_bytes, self.broadcast_bytes)


def fan_in(n):
    """Results one node merges per tree level: all N up to 8 partitions, else N^(1/depth) (treeAggregate's scale)."""
    return n if depth(n) == 1 else max(2, math.ceil(n ** (1 / depth(n))))


def features(n, jobs, result_bytes, broadcast_bytes):
    # Results on the critical path: each tree level's node receives and merges fan_in results one
    # after the other, the levels' nodes work in parallel (N results straight into the driver up to 8).
    critical_results = result_bytes / n * depth(n) * fan_in(n)
    return {"job": jobs, "task": jobs * n, "perResultMB": critical_results / MB,
            "perBroadcastMB": effective_broadcast(broadcast_bytes, n) / MB, "stage": jobs * (depth(n) - 1)}


class Curve:
    def __init__(self, path):
        try:
            with open(path) as f:
                data = json.load(f)
        except (OSError, ValueError) as e:
            raise SystemExit(f"{path}: cannot read a JSON array of scaling points: {e}")
        if not isinstance(data, list) or not data or not all(isinstance(p, dict) for p in data):
            raise SystemExit(f"{path}: expected a non-empty JSON array of objects (the --out of deploy/bench/scaling)")
        self.path = path
        self.label = os.path.splitext(os.path.basename(path))[0]
        self.points = sorted((Point(path, i, p) for i, p in enumerate(data)), key=lambda p: p.n)
        links = {p.link for p in self.points}
        if len(links) != 1:
            raise SystemExit(f"{path}: points with different links {sorted(links)}; one curve is one link setting")
        self.link = links.pop()
        mean = lambda f: sum(f(p) for p in self.points) / len(self.points)
        self.compute_ms = mean(lambda p: p.raw["computeMs"])
        self.update_ms = mean(lambda p: p.raw["updateMs"])
        self.result_bytes_per_executor = mean(lambda p: p.result_bytes / p.n)
        self.broadcast_bytes = mean(lambda p: p.broadcast_bytes)
        self.jobs = self.points[0].jobs

    def round_ms(self, constants, n):
        f = features(n, self.jobs, self.result_bytes_per_executor * n, self.broadcast_bytes)
        return self.compute_ms + self.update_ms + sum(constants[k] * f[k] for k in constants)


def solve(rows, targets, names):
    """Least squares over the named columns by the normal equations (columns scaled to unit norm),
    Gauss-Jordan; returns the coefficients and the diagonal of (X'X)^-1 (for their standard errors)."""
    scale = {k: math.sqrt(sum(r[k] ** 2 for r in rows)) or 1.0 for k in names}
    m = len(names)
    a = [[sum(r[names[i]] * r[names[j]] for r in rows) / (scale[names[i]] * scale[names[j]]) for j in range(m)]
         + [sum(r[names[i]] * t for r, t in zip(rows, targets)) / scale[names[i]]]
         + [1.0 if j == i else 0.0 for j in range(m)] for i in range(m)]
    for c in range(m):
        pivot = max(range(c, m), key=lambda i: abs(a[i][c]))
        a[c], a[pivot] = a[pivot], a[c]
        if abs(a[c][c]) < 1e-12:
            raise ArithmeticError("singular normal equations")
        a[c] = [x / a[c][c] for x in a[c]]
        for i in range(m):
            if i != c:
                factor = a[i][c]
                a[i] = [x - factor * y for x, y in zip(a[i], a[c])]
    coefficients = {names[i]: a[i][m] / scale[names[i]] for i in range(m)}
    inverse_diagonal = {names[i]: a[i][m + 1 + i] / scale[names[i]] ** 2 for i in range(m)}
    return coefficients, inverse_diagonal


def independent_columns(rows, names):
    """The columns (in order) not explained by the earlier ones; and the others, each with why."""
    basis, kept, dropped = [], [], {}
    for k in names:
        v = [r[k] for r in rows]
        norm = math.sqrt(sum(x * x for x in v))
        if norm == 0:
            dropped[k] = "zero in every point"
            continue
        w = [x / norm for x in v]
        for b in basis:
            d = sum(x * y for x, y in zip(w, b))
            w = [x - d * y for x, y in zip(w, b)]
        rest = math.sqrt(sum(x * x for x in w))
        if rest < 1e-6:
            dropped[k] = "a combination of " + ", ".join(kept) + " in these points"
            continue
        basis.append([x / rest for x in w])
        kept.append(k)
    return kept, dropped


def nonnegative_fit(rows, targets, names, dropped):
    """The least-squares fit over a subset of names with every constant >= 0 and the smallest residual;
    the names left out are recorded in dropped (held at 0) with why."""
    best = None
    for mask in range(1, 2 ** len(names)):
        subset = [k for i, k in enumerate(names) if mask >> i & 1]
        try:
            constants, inverse_diagonal = solve(rows, targets, subset)
        except ArithmeticError:
            continue
        if any(v < 0 for v in constants.values()):
            continue
        sse = sum((t - sum(constants[k] * r[k] for k in subset)) ** 2 for r, t in zip(rows, targets))
        if best is None or sse < best[0]:
            best = (sse, subset, constants, inverse_diagonal)
    if best is None:
        raise SystemExit("no fit with every constant >= 0: the points' costs outside computation fall as N grows")
    _, subset, constants, inverse_diagonal = best
    for k in names:
        if k not in subset:
            dropped[k] = "held at 0: the unconstrained fit made it negative, and a cost cannot be"
    return subset, constants, inverse_diagonal


def fit_group(points, task_ms=None):
    """Constants of one link setting: (constants, their standard errors, dropped-with-why)."""
    names = [k for k in NAMES if not (k == "task" and task_ms is not None)]
    # Relative residuals (each point weighted by 1 / its round time): a round's noise is a fraction of
    # it, and the small models' short rounds must count as much as the large models' long ones.
    weights = [1.0 / p.raw["roundMs"] for p in points]
    rows = [{k: v * w for k, v in p.features().items()} for p, w in zip(points, weights)]
    targets = [(p.other - (task_ms * p.features()["task"] if task_ms is not None else 0)) * w
               for p, w in zip(points, weights)]
    kept, dropped = independent_columns(rows, names)
    if len(kept) > len(points):
        raise SystemExit(f"{len(points)} points cannot fit {len(kept)} constants; give more executor counts")
    constants, inverse_diagonal = solve(rows, targets, kept)
    if any(v < 0 for v in constants.values()):
        # A cost cannot be negative: the best fit with every constant >= 0 (non-negative least squares
        # by trying each subset of the columns; at most 2^5 small solves), the others held at 0.
        kept, constants, inverse_diagonal = nonnegative_fit(rows, targets, kept, dropped)
    residuals = [t - sum(constants[k] * r[k] for k in kept) for r, t in zip(rows, targets)]
    dof = len(points) - len(kept)
    variance = sum(e * e for e in residuals) / dof if dof > 0 else float("nan")
    errors = {k: math.sqrt(max(0.0, variance * inverse_diagonal[k])) if dof > 0 else float("nan") for k in kept}
    for k in names:
        constants.setdefault(k, 0.0)
    if task_ms is not None:
        constants["task"] = task_ms
        dropped["task"] = "given (--task-ms)"
    return constants, errors, dropped


def fit(paths, task_ms=None):
    """{link: (constants, standard errors, dropped-with-why, curves)} over the curves in paths."""
    curves = [Curve(p) for p in paths]
    groups = {}
    for c in curves:
        groups.setdefault(c.link, []).append(c)
    result = {}
    for link, cs in sorted(groups.items()):
        constants, errors, dropped = fit_group([p for c in cs for p in c.points], task_ms)
        result[link] = (constants, errors, dropped, cs)
    return result


ASSUMPTIONS = """Assumptions of the projections (beyond the measured executor counts):
- weak scaling: one 1-core executor per partition, the same work per executor; the computation per
  task is the measured (stand-in) computeMs: no stragglers, so a sync round does not wait for a slow task;
- every constant stays what these points fitted: the driver's per-job, per-task and per-MB costs do not
  grow with N beyond the terms above (no driver CPU saturation, no network congestion beyond the
  driver's link), and the link is the measured one (no latency: this kernel has no netem);
- results: one result per executor and job; up to 8 executors all go into the driver, beyond that
  treeAggregate's levels (depth 2 from 9 partitions, 3 from 65) merge N^(1/depth) each in parallel and
  cost `stage` each per job more; broadcasts as TorrentBroadcast above;
- the simulated cluster's hosts share one machine's 2 vCPUs with the driver, so the fitted per-task and
  per-MB costs are pessimistic for a cluster whose driver has a host of its own."""


def report(result, project):
    for link, (constants, errors, dropped, curves) in result.items():
        print(f"## link {link}: fitted constants ({sum(len(c.points) for c in curves)} points,"
              f" {len(curves)} curve(s))\n")
        print("| constant | value | standard error | unit |")
        print("|---|---|---|---|")
        for k in NAMES:
            note = f" (not fitted: {dropped[k]})" if k in dropped else ""
            error = "-" if k not in errors else f"{errors[k]:.2g}" if errors[k] == errors[k] else "n/a (no points to spare)"
            print(f"| {k} | {constants[k]:.4g} | {error} | {UNITS[k]}{note} |")
        if any(p.jobs_assumed for c in curves for p in c.points):
            print(f"\n(jobsPerRound missing in some points: {DEFAULT_JOBS} assumed)")
        if any(p.results_assumed for c in curves for p in c.points):
            print("\n(resultBytesPerRound missing in some points: bytesPerRound x N / (N + 1) assumed)")
        print("\n| curve | N | round ms measured | round ms fitted | residual ms | efficiency measured | efficiency model |")
        print("|---|---|---|---|---|---|---|")
        for c in curves:
            base_measured = c.points[0].raw["roundMs"]
            base_model = c.round_ms(constants, c.points[0].n)
            for p in c.points:
                fitted = p.raw["roundMs"] - p.other + sum(constants[k] * v for k, v in p.features().items())
                print(f"| {c.label} | {p.n} | {p.raw['roundMs']:.1f} | {fitted:.1f} | {p.raw['roundMs'] - fitted:+.1f}"
                      f" | {base_measured / p.raw['roundMs']:.1%} | {base_model / c.round_ms(constants, p.n):.1%} |")
            for n in project:
                t = c.round_ms(constants, n)
                print(f"| {c.label} | {n} (projected) | - | {t:.1f} | - | - | {base_model / t:.1%} |")
        print()
    print(ASSUMPTIONS)


def synthetic_curves(directory, truth, noise, seed):
    """Curves as deploy/bench/scaling writes them, from known constants; returns their paths."""
    rng = random.Random(seed)
    paths = []
    # (name, result MB per executor and round, broadcast MB a round, compute ms, jobs): three model sizes, two modes.
    configs = [("mlp-sync", 4.4, 4.4, 60, 2), ("mlp-average", 13.1, 8.7, 240, 2),
               ("dcgan-ref-sync", 14.2, 14.2, 95, 2), ("dcgan-ref-average", 42.5, 28.4, 380, 2),
               ("dcgan64-sync", 57.0, 57.0, 900, 3), ("dcgan64-average", 170.0, 114.0, 3600, 2)]
    for link, constants in truth.items():
        for name, result_mb, broadcast_mb, compute, jobs in configs:
            points = []
            for n in (1, 2, 4, 8, 16):
                f = features(n, jobs, result_mb * MB * n, broadcast_mb * MB)
                other = sum(constants[k] * f[k] for k in NAMES)
                other *= 1 + noise * (2 * rng.random() - 1)
                update = 3.0 + 0.05 * result_mb
                points.append({"executors": n, "roundMs": compute + update + other, "computeMs": compute,
                               "updateMs": update, "broadcastMs": 0.0, "aggregateMs": other,
                               "bytesPerRound": (result_mb * n + broadcast_mb) * MB,
                               "resultBytesPerRound": result_mb * n * MB, "jobsPerRound": jobs, "link": link,
                               "mode": name.split("-")[-1], "localSteps": 1})
            base = points[0]["roundMs"]
            for p in points:
                p["efficiency"] = base / p["roundMs"]
            path = os.path.join(directory, f"{name}-{link}.json")
            with open(path, "w") as f:
                json.dump(points, f)
            paths.append(path)
    return paths


def self_test():
    """Fits synthetic curves made from known constants: exact ones must come back exactly, noisy ones closely."""
    truth = {"10gbit": {"job": 12.0, "task": 0.8, "perResultMB": 4.0, "perBroadcastMB": 2.5, "stage": 25.0},
             "1gbit": {"job": 15.0, "task": 1.1, "perResultMB": 11.0, "perBroadcastMB": 9.0, "stage": 31.0}}
    failures = []

    def check(what, got, want, tolerance):
        if abs(got - want) > tolerance * abs(want):
            failures.append(f"{what}: fitted {got:.6g}, expected {want:.6g} (tolerance {tolerance:.0%})")

    with tempfile.TemporaryDirectory() as d:
        exact = fit(synthetic_curves(os.path.join(d, ""), truth, 0.0, 1))
        for link, (constants, _, dropped, curves) in exact.items():
            if dropped:
                failures.append(f"exact {link}: dropped {dropped}")
            for k in NAMES:
                check(f"exact {link} {k}", constants[k], truth[link][k], 1e-6)
            # The model reproduces its own curves.
            for c in curves:
                for p in c.points:
                    check(f"exact {link} {c.label} N={p.n}", c.round_ms(constants, p.n), p.raw["roundMs"], 1e-6)
        noisy_dir = os.path.join(d, "noisy")
        os.mkdir(noisy_dir)
        noisy = fit(synthetic_curves(noisy_dir, truth, 0.01, 2))
        for link, (constants, errors, _, curves) in noisy.items():
            # The per-MB costs dominate the rounds and come back closely; the per-task cost is a few ms
            # a round against 1% noise on seconds, so it is only required within its standard error.
            for k in ("perResultMB", "perBroadcastMB"):
                check(f"1% noise {link} {k}", constants[k], truth[link][k], 0.05)
            if abs(constants["task"] - truth[link]["task"]) > 3 * errors["task"]:
                failures.append(f"1% noise {link} task: {constants['task']:.3g} +- {errors['task']:.2g},"
                                f" truth {truth[link]['task']} outside 3 standard errors")
            # What matters: the projections agree with the true constants' to within the noise.
            for c in curves:
                # 128 is 8x beyond the last point and a tree level deeper: the noise grows with the reach.
                for n, tolerance in ((32, 0.02), (128, 0.05)):
                    check(f"1% noise {link} {c.label} projected to {n}", c.round_ms(constants, n),
                          c.round_ms(truth[link], n), tolerance)
        # One curve: per task and per result MB both grow as N, so the per-task cost cannot be fitted ...
        one = fit([os.path.join(d, "dcgan-ref-sync-10gbit.json")])["10gbit"]
        if "task" not in one[2]:
            failures.append("one curve: the per-task cost should have been reported as not identifiable")
        # ... unless it is given: then the rest comes back.
        fixed = fit([os.path.join(d, "dcgan-ref-sync-10gbit.json")], task_ms=truth["10gbit"]["task"])["10gbit"][0]
        for k in ("perResultMB", "perBroadcastMB", "stage"):
            check(f"one curve, --task-ms given, {k}", fixed[k], truth["10gbit"][k], 1e-6)
        # A true cost of 0 that noise would fit negative is held at 0, and the rest still come back.
        zero = {link: dict(t, perBroadcastMB=0.0) for link, t in truth.items()}
        zero_dir = os.path.join(d, "zero")
        os.mkdir(zero_dir)
        zero_fit = fit(synthetic_curves(zero_dir, zero, 0.01, 5))  # seed 5: both links' noise goes below 0
        if not all("perBroadcastMB" in dropped for _, _, dropped, _ in zero_fit.values()):
            failures.append("zero cost: the bound was not exercised (perBroadcastMB not held at 0)")
        for link, (constants, _, dropped, _) in zero_fit.items():
            if any(v < 0 for v in constants.values()):
                failures.append(f"zero cost {link}: a negative constant was fitted: {constants}")
            check(f"zero cost {link} perResultMB", constants["perResultMB"], zero[link]["perResultMB"], 0.05)
        # Bad input names the file and the field.
        bad = os.path.join(d, "bad.json")
        with open(bad, "w") as f:
            json.dump([{"executors": 1, "roundMs": "fast"}], f)
        try:
            fit([bad])
            failures.append("a point without numbers was accepted")
        except SystemExit as e:
            if "bad.json" not in str(e) or "roundMs" not in str(e):
                failures.append(f"unclear error for a bad point: {e}")
    if failures:
        print("self-test FAILED:\n  " + "\n  ".join(failures))
        return 1
    print("self-test passed: exact constants recovered to 1e-6; with 1% noise the per-MB costs to 5%, the per-task"
          " cost within 3 standard errors, the projections to 32 within 2% and to 128 within 5%; one curve reports the per-task cost as"
          " not identifiable and recovers the rest when it is given; no constant is fitted below 0; bad points are named")
    return 0


def project_from_cluster2(a):
    """The earlier model: projections from the 2-executor cluster measurements."""
    task_ms = 1.0 if a.task_ms is None else a.task_ms
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
            t = (c + u + o2 + (n - 2) * jobs * task_ms + merge_driver - merge_2
                 + bcast(n) - bcast(2) + levels)
            eps = n * examples / (t / 1e3)
            eff = (eps / n) / (examples * 1e3 / base_round)
            print(f"| {name} | {n} | {depth} | {t:.0f} | {1e3 / t:.2f} | {100 * c / t:.0f}% | {eps:.0f} | {100 * eff:.0f}% |")


def main():
    ap = argparse.ArgumentParser(description="The B3 scaling model (docs/benchmarks.md); see the header of this file.")
    ap.add_argument("--fit", nargs="+", metavar="FILE", help="fit the model to these deploy/bench/scaling --out files")
    ap.add_argument("--project", default="32,128", help="with --fit: executor counts to project to (default 32,128)")
    ap.add_argument("--self-test", action="store_true", help="fit synthetic curves made from known constants")
    ap.add_argument("--bandwidth-gbit", type=float, default=10.0)
    ap.add_argument("--serde-mbs", type=float, default=3000.0)
    ap.add_argument("--task-ms", type=float,
                    help="per-task cost in ms: fixed instead of fitted with --fit; assumed (default 1.0) otherwise")
    ap.add_argument("--stage-ms", type=float, default=30.0)
    ap.add_argument("--only", help="project this configuration only (e.g. dcgan-sync)")
    ap.add_argument("--compute-ms", type=float, help="replace the measured compute per round (C)")
    ap.add_argument("--other-ms", type=float, help="replace the measured rest of the round at N=2 (O2)")
    a = ap.parse_args()
    if a.self_test:
        return self_test()
    if a.fit:
        try:
            project = [int(x) for x in a.project.split(",")]
        except ValueError:
            raise SystemExit(f"--project {a.project}: comma-separated executor counts, e.g. 32,128")
        report(fit(a.fit, a.task_ms), project)
        return 0
    project_from_cluster2(a)
    return 0


if __name__ == "__main__":
    sys.exit(main())
