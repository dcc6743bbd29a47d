package io.sparkgan.train;

import io.sparkgan.gan.Phase;
import io.sparkgan.nn.FlatVector;
import java.io.Serializable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A benchmark's stand-in for a task's gradient computation ({@code sparkgan bench rounds
 * --compute-stand-in-ms}): the task waits instead of computing, and returns vectors of the model's
 * true size, so that everything around the computation stays real: the parameters are broadcast
 * and read, the results serialised, returned, merged and applied by the driver. With it, a round's
 * time on N executors measures what Spark and the round cost as N grows, independent of how many
 * cores this machine has (docs/benchmarks.md, "B3 on a simulated cluster"). It trains nothing, so
 * training refuses it ({@link #refuse}).
 *
 * <p>Results: in sync mode a small deterministic gradient (a mean of -1e-3, 0 or 1e-3 a value over
 * the examples); in average mode the parameters the task received, each moved by -1e-5, 0 or 1e-5,
 * and the optimiser state it received. So the driver's update changes the parameters, and every
 * phase broadcasts new ones, as in training (unchanged parameters are not broadcast again).
 * Batch-norm statistics are returned as received.
 *
 * @param msPerRound one task's computation time over a whole round (criticSteps D phases and one G
 *     phase, each with its local steps), e.g. the {@code computeMs} of a {@code --threads} run of the
 *     same model, batch and mode; each phase's tasks wait an equal share of it
 * @param roundsWithoutWait the first rounds (0-based rounds below this) return their results at once:
 *     a benchmark's warm-up rounds, which exist to let the executors' JIT compile the task path
 *     (deserialising tasks and broadcasts, building and serialising results), need not also wait.
 *     Measured on the simulated cluster: a job's task deserialisation takes 27 ms in the first 60 jobs
 *     of an executor and 5 ms after 200 (docs/benchmarks.md)
 */
public record ComputeStandIn(double msPerRound, int roundsWithoutWait) implements Serializable {

    public ComputeStandIn {
        if (!Double.isFinite(msPerRound) || msPerRound < 0) {
            throw new IllegalArgumentException("the compute stand-in's time must be a finite number of milliseconds"
                    + " >= 0 (e.g. the computeMs of a --threads run), got " + msPerRound);
        }
        if (roundsWithoutWait < 0) {
            throw new IllegalArgumentException("the compute stand-in's rounds without a wait must be >= 0 (the"
                    + " benchmark's warm-up rounds), got " + roundsWithoutWait);
        }
    }

    /** A stand-in that waits in every round. */
    public ComputeStandIn(double msPerRound) {
        this(msPerRound, 0);
    }

    /** This stand-in, returning at once in the first {@code rounds} rounds (the benchmark's warm-up). */
    public ComputeStandIn withRoundsWithoutWait(int rounds) {
        return new ComputeStandIn(msPerRound, rounds);
    }

    /**
     * Refuses {@code settings} if they carry a stand-in: a run trained with it would be written as
     * if it had learnt something.
     *
     * @param settings the settings about to be trained with
     * @param where what is refusing, for the message (e.g. "sparkgan train")
     */
    public static void refuse(TrainingSettings settings, String where) {
        ComputeStandIn standIn = settings.computeStandIn();
        if (standIn != null) {
            throw new IllegalArgumentException(where + " refuses a compute stand-in (" + standIn.msPerRound()
                    + " ms a round): it replaces every task's gradient computation by a wait, so it trains nothing."
                    + " It is only for `sparkgan bench rounds --compute-stand-in-ms` (docs/benchmarks.md, B3 on a"
                    + " simulated cluster); train without it.");
        }
    }

    /** One partition's result for {@code request} after this stand-in's wait. */
    PhaseResult run(TrainingSettings settings, PhaseRequest request) {
        long start = System.nanoTime();
        long deadline = start + (request.round() < roundsWithoutWait ? 0 : nanosPerPhase(settings));
        boolean discriminator = request.phase() == Phase.DISCRIMINATOR;
        PhaseResult r = new PhaseResult();
        // Built inside the wait: a real task's time includes making its result vectors too.
        if (settings.mode() == TrainingSettings.Mode.SYNC) {
            int length = (discriminator ? request.thetaD() : request.thetaG()).length();
            r.vector = FlatVector.zeros(request.thetaG().dataType(), length);
            // A gradient sum over this partition's examples.
            nudge(r.vector, GRADIENT * settings.batchPerPartition() * settings.stepsPerPhase());
        } else {
            r.vector = (discriminator ? request.thetaD() : request.thetaG()).copy();
            nudge(r.vector, PARAMETER_STEP);
            r.optimizerState = request.optimizerState() == null ? null : request.optimizerState().copy();
        }
        r.buffersG = request.buffersG().copy();
        r.buffersD = request.buffersD().copy();
        // Real examples in a D phase, generated ones in a G phase: batchPerPartition a local step either way.
        r.stats.examples = (long) settings.batchPerPartition() * settings.stepsPerPhase();
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
        long nanos = System.nanoTime() - start;
        r.partitions = 1;
        r.computeNanosMax = nanos;
        r.computeNanosSum = nanos;
        return r;
    }

    private static final double GRADIENT = 1e-3;
    private static final double PARAMETER_STEP = 1e-5;

    /** Adds -step, 0, step, -step, ... to the values: cheap, deterministic, the same in every partition. */
    private static void nudge(FlatVector v, double step) {
        float[] f = v.floats();
        if (f != null) {
            for (int i = 0; i < f.length; i++) f[i] += (float) (step * (i % 3 - 1));
        } else {
            double[] d = v.doubles();
            for (int i = 0; i < d.length; i++) d[i] += step * (i % 3 - 1);
        }
    }

    private long nanosPerPhase(TrainingSettings settings) {
        return Math.round(TimeUnit.MILLISECONDS.toNanos(1) * msPerRound / (settings.criticSteps() + 1));
    }
}
