package io.sparkgan.train;

import io.sparkgan.data.DataSource;
import io.sparkgan.data.ExampleBlock;
import io.sparkgan.gan.GanStepCache;
import io.sparkgan.model.GanModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs each partition's {@link PartitionWork} on a thread pool in this JVM: what Spark local mode
 * does, without Spark. Same results as the Spark runner; it is the baseline that isolates Spark's
 * own overhead (docs/benchmarks.md, B3) (and a fast single-machine trainer).
 */
public final class ThreadedPhaseRunner implements PhaseRunner {
    private final GanModelSpec spec;
    private final TrainingSettings settings;
    private final List<ExampleBlock> blocks;
    private final ExecutorService pool;

    public ThreadedPhaseRunner(GanModelSpec spec, TrainingSettings settings, DataSource data, int partitions,
                               int threads) {
        if (threads <= 0) throw new IllegalArgumentException("threads must be positive, got " + threads);
        this.spec = spec;
        this.settings = settings;
        this.blocks = data.partitions(partitions);
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sparkgan-worker");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public int partitions() {
        return blocks.size();
    }

    @Override
    public PhaseOutcome run(PhaseRequest request) {
        long start = System.nanoTime();
        List<Future<PhaseResult>> futures = new ArrayList<>();
        for (int p = 0; p < blocks.size(); p++) {
            int partition = p;
            futures.add(pool.submit(() -> PartitionWork.run(GanStepCache.forCurrentThread(spec), settings, request,
                    blocks.get(partition), partition)));
        }
        PhaseResult merged = new PhaseResult();
        try {
            for (Future<PhaseResult> f : futures) merged.merge(f.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(request.label() + " interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(request.label() + " failed: " + e.getCause(), e.getCause());
        }
        return new PhaseOutcome(merged, 0, System.nanoTime() - start, 0, 0);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
