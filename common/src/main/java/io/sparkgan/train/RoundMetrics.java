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

    /** A builder with every value unset (zero, null): set each by name, then {@link Builder#build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Named setters instead of 17 positional arguments; a new timer is one more setter here. */
    public static final class Builder {
        private int round;
        private double dLoss;
        private double gLoss;
        private double dReal;
        private double dFake;
        private Double jsd;
        private double examplesPerSecond;
        private long examplesSeen;
        private double roundMs;
        private double broadcastMs;
        private double computeMs;
        private double dataMs;
        private double aggregateMs;
        private double updateMs;
        private long bytesBroadcast;
        private long bytesAggregated;
        private double elapsedSeconds;

        private Builder() {}

        public Builder round(int v) { round = v; return this; }
        public Builder dLoss(double v) { dLoss = v; return this; }
        public Builder gLoss(double v) { gLoss = v; return this; }
        public Builder dReal(double v) { dReal = v; return this; }
        public Builder dFake(double v) { dFake = v; return this; }
        public Builder jsd(Double v) { jsd = v; return this; }
        public Builder examplesPerSecond(double v) { examplesPerSecond = v; return this; }
        public Builder examplesSeen(long v) { examplesSeen = v; return this; }
        public Builder roundMs(double v) { roundMs = v; return this; }
        public Builder broadcastMs(double v) { broadcastMs = v; return this; }
        public Builder computeMs(double v) { computeMs = v; return this; }
        public Builder dataMs(double v) { dataMs = v; return this; }
        public Builder aggregateMs(double v) { aggregateMs = v; return this; }
        public Builder updateMs(double v) { updateMs = v; return this; }
        public Builder bytesBroadcast(long v) { bytesBroadcast = v; return this; }
        public Builder bytesAggregated(long v) { bytesAggregated = v; return this; }
        public Builder elapsedSeconds(double v) { elapsedSeconds = v; return this; }

        public RoundMetrics build() {
            return new RoundMetrics(round, dLoss, gLoss, dReal, dFake, jsd, examplesPerSecond, examplesSeen, roundMs,
                    broadcastMs, computeMs, dataMs, aggregateMs, updateMs, bytesBroadcast, bytesAggregated,
                    elapsedSeconds);
        }
    }

    /** Share of the round spent outside gradient computation (the overhead figure of docs/benchmarks.md, B3). */
    public double overheadFraction() {
        return roundMs <= 0 ? 0 : Math.max(0, 1.0 - computeMs / roundMs);
    }
}
