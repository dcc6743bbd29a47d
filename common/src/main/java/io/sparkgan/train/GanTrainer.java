package io.sparkgan.train;

import io.sparkgan.nn.FlatVector;
import io.sparkgan.gan.Phase;
import io.sparkgan.gan.PhaseStats;
import io.sparkgan.optim.Optimizer;
import java.util.List;

/**
 * The training loop, as on the whiteboard. Each round:
 * <ol>
 *   <li>criticSteps times: D phase (broadcast G and D, per-partition D gradients on real and
 *       generated batches, aggregate, driver update of D);</li>
 *   <li>G phase (broadcast the new D, per-partition G gradients through the frozen D,
 *       aggregate, driver update of G).</li>
 * </ol>
 * Where the phases run (Spark, or this JVM) is the {@link PhaseRunner}'s business.
 */
public final class GanTrainer {
    private final TrainingSettings settings;
    private final PhaseRunner runner;
    private final List<TrainingListener> listeners;
    private long startNanos;
    // Training time of earlier processes of a resumed run: the clock continues from it.
    private double elapsedBefore;

    public GanTrainer(TrainingSettings settings, PhaseRunner runner, List<TrainingListener> listeners) {
        this.settings = settings;
        this.runner = runner;
        this.listeners = List.copyOf(listeners);
    }

    /** Trains from {@code state} until {@code settings.rounds()} rounds are done or a listener asks to stop. */
    public TrainingState train(TrainingState state) {
        startNanos = System.nanoTime();
        elapsedBefore = state.progress().elapsedSeconds();
        for (TrainingListener l : listeners) l.onStart(state, settings.rounds());
        while (state.roundsDone() < settings.rounds() && !stopRequested()) {
            RoundMetrics metrics = round(state);
            for (TrainingListener l : listeners) l.onRound(metrics, state);
        }
        for (TrainingListener l : listeners) l.onEnd(state);
        return state;
    }

    private boolean stopRequested() {
        for (TrainingListener l : listeners) {
            if (l.stopRequested()) return true;
        }
        return false;
    }

    /** One round: the D phases, then the G phase. */
    public RoundMetrics round(TrainingState state) {
        int round = state.roundsDone();
        RoundClock clock = new RoundClock();
        PhaseStats dStats = null;
        for (int c = 0; c < settings.criticSteps(); c++) {
            dStats = phase(state, Phase.DISCRIMINATOR, round, c, clock);
        }
        PhaseStats gStats = phase(state, Phase.GENERATOR, round, 0, clock);
        if (settings.generatorEmaDecay() > 0) state.updateGeneratorAverage(settings.generatorEmaDecayAt(round));
        state.completeRound();

        long realExamples = (long) settings.criticSteps() * dStats.examples;
        double roundMs = clock.elapsedMs();
        TrainingProgress progress = state.progress().after(realExamples,
                elapsedBefore + (System.nanoTime() - startNanos) / 1e9);
        state.recordProgress(progress);
        return RoundMetrics.builder()
                .round(round + 1)
                .dLoss(dStats.meanLoss())
                .gLoss(gStats.meanLoss())
                .dReal(dStats.meanDReal())
                .dFake(dStats.meanDFake())
                .jsd(settings.loss().hasJsdEstimate() ? dStats.jsdEstimate() : null)
                .examplesPerSecond(realExamples / (roundMs / 1000.0))
                .examplesSeen(progress.examplesSeen())
                .roundMs(roundMs)
                .broadcastMs(clock.broadcastNanos / 1e6)
                .computeMs(clock.computeNanos / 1e6)
                .dataMs(clock.dataNanos / 1e6)
                .aggregateMs(clock.aggregateNanos / 1e6)
                .updateMs(clock.updateNanos / 1e6)
                .bytesBroadcast(clock.bytesBroadcast)
                .bytesAggregated(clock.bytesAggregated)
                .elapsedSeconds(progress.elapsedSeconds())
                .build();
    }

    private PhaseStats phase(TrainingState state, Phase phase, int round, int index, RoundClock clock) {
        Optimizer optimizer = phase == Phase.DISCRIMINATOR ? state.discriminatorOptimizer() : state.generatorOptimizer();
        FlatVector trained = phase == Phase.DISCRIMINATOR ? state.thetaD() : state.thetaG();
        boolean average = settings.mode() == TrainingSettings.Mode.AVERAGE;
        // Copies: a broadcast value may be read by tasks while the driver updates its own vectors.
        PhaseRequest request = new PhaseRequest(phase, round, index, state.thetaG().copy(), state.thetaD().copy(),
                average && optimizer.state() != null ? optimizer.state().copy() : null, optimizer.iteration(),
                state.buffersG().copy(), state.buffersD().copy());

        PhaseOutcome outcome = runner.run(request);
        long updateStart = System.nanoTime();
        // A single task's result (one partition) may still be in its 16-bit encoding.
        PhaseResult result = outcome.result().decode();
        checkFinite(Double.isFinite(result.stats.lossSum), "loss", request);

        if (average) {
            double share = 1.0 / result.partitions;
            // With a 16-bit result encoding the tasks sent their changes: the mean change is added
            // to what they received (the request's copies, which no task reads any more; the state's own
            // vectors hold the same values).
            FlatVector sentState = request.optimizerState();
            FlatVector meanParams = result.differences ? trained.copy().addScaled(result.vector, share)
                    : result.vector.scaleInPlace(share);
            checkFinite(meanParams.isFinite(), "averaged parameters", request);
            trained.assign(meanParams);
            FlatVector meanState = result.optimizerState == null ? null
                    : result.differences && sentState != null ? sentState.addScaled(result.optimizerState, share)
                    : result.optimizerState.scaleInPlace(share);
            optimizer.restore(meanState, optimizer.iteration() + settings.localSteps());
        } else {
            checkFinite(result.vector.isFinite(), "gradient", request);
            optimizer.setLearningRate(settings.optimizerFor(phase).learningRate() * settings.learningRateScale(round));
            optimizer.step(trained, result.vector, 1.0 / result.stats.examples);
        }
        // Batch-norm running statistics: every partition updated its copy from its own batches;
        // the driver keeps their mean (what sampling in eval mode uses).
        state.buffersG().assign(result.buffersG.scaleInPlace(1.0 / result.partitions));
        state.buffersD().assign(result.buffersD.scaleInPlace(1.0 / result.partitions));
        clock.add(outcome, System.nanoTime() - updateStart);
        return result.stats;
    }

    private void checkFinite(boolean finite, String what, PhaseRequest request) {
        if (!finite) {
            String phase = request.phase() == Phase.DISCRIMINATOR
                    ? "D phase " + (request.index() + 1) + " of " + settings.criticSteps() : "G phase";
            throw new TrainingDivergedException("training diverged: the " + what + " became NaN or infinite in round "
                    + (request.round() + 1) + ", " + phase + " (counting from 1); no parameters were updated with it"
                    + " and no checkpoint of this round is written. Lower the learning rates or check the data for"
                    + " extreme values, then resume from the last checkpoint.");
        }
    }

    /** Accumulates where a round's time went. */
    private static final class RoundClock {
        private final long start = System.nanoTime();
        long broadcastNanos;
        long computeNanos;
        long dataNanos;
        long aggregateNanos;
        long updateNanos;
        long bytesBroadcast;
        long bytesAggregated;

        void add(PhaseOutcome o, long updateNanos) {
            broadcastNanos += o.broadcastNanos();
            computeNanos += o.result().computeNanosMax;
            PhaseResult r = o.result();
            if (r.computeNanosSum > 0) {
                dataNanos += Math.round((double) r.computeNanosMax * r.dataNanosSum / r.computeNanosSum);
            }
            aggregateNanos += Math.max(0, o.jobNanos() - o.result().computeNanosMax);
            this.updateNanos += updateNanos;
            bytesBroadcast += o.bytesBroadcast();
            bytesAggregated += o.bytesAggregated();
        }

        double elapsedMs() {
            return (System.nanoTime() - start) / 1e6;
        }
    }
}
