package io.sparkgan.spark;

import io.sparkgan.data.DataSource;
import io.sparkgan.data.ExampleBlock;
import io.sparkgan.gan.GanStepCache;
import io.sparkgan.model.GanModelSpec;
import io.sparkgan.nn.FlatVector;
import io.sparkgan.train.PartitionWork;
import io.sparkgan.train.PhaseOutcome;
import io.sparkgan.train.PhaseRequest;
import io.sparkgan.train.PhaseResult;
import io.sparkgan.train.PhaseRunner;
import io.sparkgan.train.ResultAggregation;
import io.sparkgan.train.TrainingSettings;
import java.util.Collections;
import java.util.Iterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * Runs phases on Spark. The real data is an RDD of one {@link ExampleBlock} per partition, built
 * on the executors and cached. Each phase is one named job:
 * <pre>
 *   broadcast(changed parameters) -> mapPartitionsWithIndex(PartitionWork.run) -> merge
 * </pre>
 * where merge is {@code train.aggregation}'s ({@link ResultAggregation}): on the driver in partition
 * order (direct), treeAggregate (tree), or a reduce-scatter over the shuffle ({@link SlicedAggregation}).
 * Tasks take their networks from the executor thread's cache and only copy parameters in; closing
 * the runner drops those networks ({@link ExecutorNetworks}).
 */
public final class SparkPhaseRunner implements PhaseRunner {
    private final JavaSparkContext sc;
    private final GanModelSpec spec;
    private final TrainingSettings settings;
    private final TrainingBlocks blocks;
    private final JavaRDD<ExampleBlock> data;
    private final int partitions;
    private final ResultAggregation aggregation;
    private final int treeDepth;
    private final ParameterBroadcast generatorParams = new ParameterBroadcast();
    private final ParameterBroadcast discriminatorParams = new ParameterBroadcast();

    /** Runs phases on {@code partitions} blocks of {@code source}, built and cached on the executors here. */
    public SparkPhaseRunner(JavaSparkContext sc, GanModelSpec spec, TrainingSettings settings, DataSource source,
                            int partitions) {
        this(sc, spec, settings, TrainingBlocks.load(sc, source, partitions));
    }

    /**
     * Runs phases on cached blocks; the runner owns them from here on and releases them on {@link #close}.
     *
     * @param sc the context the blocks are cached in
     * @param spec the model
     * @param settings the training settings
     * @param blocks the training data, one cached block per partition
     */
    public SparkPhaseRunner(JavaSparkContext sc, GanModelSpec spec, TrainingSettings settings, TrainingBlocks blocks) {
        this.sc = sc;
        this.spec = spec;
        this.settings = settings;
        this.blocks = blocks;
        this.data = blocks.rdd();
        this.partitions = blocks.partitions();
        // auto: up to 8 partitions the driver merges results directly (one level: treeAggregate's extra
        // machinery measured ~4 ms a job in local mode), in partition order; beyond, a tree keeps the
        // driver's fan-in small, and its merge order (so the sums' last bits) depends on timing.
        this.aggregation = settings.aggregation().resolve(partitions);
        this.treeDepth = partitions > 64 ? 3 : 2;
    }

    @Override
    public int partitions() {
        return partitions;
    }

    @Override
    public PhaseOutcome run(PhaseRequest request) {
        long start = System.nanoTime();
        // Each network's parameters are broadcast once per change: a D phase ships the new G and
        // reuses the D broadcast of the previous G phase, and vice versa; executors keep the values.
        long bytes = generatorParams.publish(request.thetaG()) + discriminatorParams.publish(request.thetaD());
        // Average mode's optimiser state changes every phase and is as large as the parameters:
        // a broadcast too, dropped after the job. Everything else the request holds (phase, round,
        // batch-norm statistics: a few KB) travels inside the task closure, which saves a
        // broadcast and its removal per phase.
        Broadcast<FlatVector> optimizerState = request.optimizerState() == null ? null
                : sc.broadcast(request.optimizerState());
        FlatVector placeholder = FlatVector.zeros(request.thetaG().dataType(), 0);
        PhaseRequest rest = request.withParameters(placeholder, placeholder).withOptimizerState(null);
        bytes += request.byteSize() - request.thetaG().byteSize() - request.thetaD().byteSize();
        long broadcastNanos = System.nanoTime() - start;

        sc.setJobDescription(request.label());
        long jobStart = System.nanoTime();
        JavaRDD<PhaseResult> results = data.mapPartitionsWithIndex(new ComputePartition(spec, settings, rest,
                generatorParams.current(), discriminatorParams.current(), optimizerState), true);
        PhaseResult merged;
        long bytesAggregated;
        try {
            switch (aggregation) {
                case DIRECT -> {
                    // Merged in partition order, not in the order tasks finish (RDD.aggregate's): float
                    // sums of 3 or more partitions would otherwise depend on timing, and a run with a lost
                    // executor or a retried task would differ from an undisturbed one in the last bits.
                    merged = new PhaseResult();
                    for (PhaseResult r : results.collect()) merged.merge(r);
                    bytesAggregated = merged.resultBytes;
                }
                case TREE -> {
                    merged = results.treeAggregate(new PhaseResult(), MERGE, MERGE, treeDepth);
                    bytesAggregated = merged.resultBytes;
                }
                case SLICED -> {
                    // One slice per partition: every executor reduces a share, the driver gets |theta|.
                    SlicedAggregation.Outcome sliced = SlicedAggregation.aggregate(sc, results, partitions,
                            request.label());
                    merged = sliced.result();
                    // What travelled: the tasks' slices to the reducers, then the merged slices to the driver.
                    bytesAggregated = sliced.bytesToReducers() + sliced.bytesToDriver();
                }
                default -> throw new IllegalStateException("unresolved aggregation " + aggregation);
            }
        } finally {
            if (optimizerState != null) optimizerState.destroy();
        }
        long jobNanos = System.nanoTime() - jobStart;
        if (merged.partitions != partitions) {
            throw new IllegalStateException(request.label() + ": merged " + merged.partitions + " partition results,"
                    + " expected " + partitions);
        }
        // The partitions' own results as they travelled (in train.result-encoding), plus the merged
        // slices' way to the driver when sliced.
        return new PhaseOutcome(merged, broadcastNanos, jobNanos, bytes, bytesAggregated);
    }

    /** Releases the cached blocks, the parameter broadcasts and the task threads' cached networks of the model. */
    @Override
    public void close() {
        blocks.close();
        generatorParams.release();
        discriminatorParams.release();
        ExecutorNetworks.release(sc, spec);
    }

    /** The broadcast of one network's parameters, replaced only when the values change. */
    private final class ParameterBroadcast {
        private FlatVector values;
        private Broadcast<FlatVector> broadcast;

        /** Broadcasts {@code next} unless it equals what is out already; returns the bytes sent. */
        long publish(FlatVector next) {
            if (broadcast != null && next.contentEquals(values)) return 0;
            release();
            values = next;
            broadcast = sc.broadcast(next);
            return next.byteSize();
        }

        Broadcast<FlatVector> current() {
            return broadcast;
        }

        void release() {
            if (broadcast != null) broadcast.destroy();
            broadcast = null;
            values = null;
        }
    }

    private static final Function2<PhaseResult, PhaseResult, PhaseResult> MERGE = PhaseResult::merge;

    /** One task: this partition's share of the phase; the large vectors come from broadcasts. */
    private static final class ComputePartition
            implements Function2<Integer, Iterator<ExampleBlock>, Iterator<PhaseResult>> {
        private static final long serialVersionUID = 1L;
        private final GanModelSpec spec;
        private final TrainingSettings settings;
        private final PhaseRequest request;
        private final Broadcast<FlatVector> thetaG;
        private final Broadcast<FlatVector> thetaD;
        private final Broadcast<FlatVector> optimizerState;

        ComputePartition(GanModelSpec spec, TrainingSettings settings, PhaseRequest request,
                         Broadcast<FlatVector> thetaG, Broadcast<FlatVector> thetaD,
                         Broadcast<FlatVector> optimizerState) {
            this.spec = spec;
            this.settings = settings;
            this.request = request;
            this.thetaG = thetaG;
            this.thetaD = thetaD;
            this.optimizerState = optimizerState;
        }

        @Override
        public Iterator<PhaseResult> call(Integer partition, Iterator<ExampleBlock> blocks) {
            ExampleBlock block = blocks.next();
            TaskFaults.maybeFail(partition);
            PhaseRequest full = request.withParameters(thetaG.value(), thetaD.value())
                    .withOptimizerState(optimizerState == null ? null : optimizerState.value());
            PhaseResult result = PartitionWork.run(GanStepCache.forCurrentThread(spec), settings, full, block, partition);
            return Collections.singletonList(result).iterator();
        }
    }
}
