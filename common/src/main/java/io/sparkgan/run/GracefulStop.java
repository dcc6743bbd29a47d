package io.sparkgan.run;

import io.sparkgan.train.TrainingListener;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.util.ShutdownHookManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks training to stop after the current round. {@link #onShutdownSignal()} does it on SIGTERM or
 * SIGINT: its JVM shutdown hook requests the stop and waits until {@link #close()} says the final
 * checkpoint is written. The hook goes through Hadoop's ShutdownHookManager at a priority above
 * Spark's and the filesystems' own hooks, so the SparkContext and the checkpoint filesystem are
 * still open while the round finishes.
 */
public final class GracefulStop implements TrainingListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);
    /** Above Spark's hooks (FileSystem.SHUTDOWN_HOOK_PRIORITY + 30) and the filesystems' (10). */
    private static final int HOOK_PRIORITY = 100;
    /** How long the hook waits for the round and the checkpoint before the JVM exits anyway. */
    private static final long HOOK_TIMEOUT_MINUTES = 10;

    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private Runnable hook;

    /** A stop that only {@link #request()} triggers (tests use it; the CLI uses {@link #onShutdownSignal()}). */
    GracefulStop() {}

    /** A stop that a SIGTERM or SIGINT (Ctrl-C) triggers. */
    public static GracefulStop onShutdownSignal() {
        GracefulStop stop = new GracefulStop();
        stop.hook = stop::stopFromShutdownHook;
        ShutdownHookManager.get().addShutdownHook(stop.hook, HOOK_PRIORITY, HOOK_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        return stop;
    }

    private void stopFromShutdownHook() {
        if (done.getCount() == 0) return;
        LOG.warn("Shutdown signal received: finishing the current round, then writing a checkpoint"
                + " (kill -9 skips this; the run then resumes from its last periodic checkpoint)");
        request();
        try {
            if (!done.await(HOOK_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                LOG.error("Gave up waiting for the final checkpoint after {} minutes", HOOK_TIMEOUT_MINUTES);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Training stops after the round in progress (thread safe, idempotent). */
    public void request() {
        requested.set(true);
    }

    @Override
    public boolean stopRequested() {
        return requested.get();
    }

    /** Training is over and its last checkpoint written (or it failed): lets a waiting shutdown proceed. */
    @Override
    public void close() {
        done.countDown();
        if (hook != null && !ShutdownHookManager.get().isShutdownInProgress()) {
            ShutdownHookManager.get().removeShutdownHook(hook);
        }
    }
}
