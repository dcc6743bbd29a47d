package io.sparkgan.train;

/**
 * The convergence diagnostics and timing of one round, as written to metrics.jsonl.
 *
 * @param round 1-based number of the round just completed
 * @param dLoss D's mean loss (real + fake terms) in the round's last D phase
 * @param gLoss G's mean loss in the G phase
 * @param dReal mean D(x) on real examples (a probability unless the loss is least squares)
 * @param dFake mean D(G(z)) on generated examples in the last D phase
 * @param jsd JSD estimate (log 4 - BCE_real - BCE_fake)/2, or null for least squares
 * @param examplesPerSecond real examples drawn by D phases per second of the round
 * @param examplesSeen real examples drawn by D phases since the start of the run
 * @param roundMs wall time of the round
 * @param broadcastMs publishing parameters (driver side)
 * @param computeMs gradient computation inside tasks (longest task per phase, summed over phases)
 * @param dataMs the part of computeMs spent drawing real minibatches (the data path), estimated from
 *               the tasks' mean share
 * @param aggregateMs job time outside task compute: scheduling, (de)serialisation, tree aggregation
 * @param updateMs driver-side optimiser update
 * @param bytesBroadcast bytes of parameters/state broadcast in the round
 * @param bytesAggregated bytes of partition results aggregated in the round
 * @param elapsedSeconds wall time since training started
 */
public record RoundMetrics(int round, double dLoss, double gLoss, double dReal, double dFake, Double jsd,
                           double examplesPerSecond, long examplesSeen, double roundMs, double broadcastMs,
                           double computeMs, double dataMs, double aggregateMs, double updateMs, long bytesBroadcast,
                           long bytesAggregated, double elapsedSeconds) {

    /** Share of the round spent outside gradient computation (the overhead figure of docs/benchmarks.md, B3). */
    public double overheadFraction() {
        return roundMs <= 0 ? 0 : Math.max(0, 1.0 - computeMs / roundMs);
    }
}
