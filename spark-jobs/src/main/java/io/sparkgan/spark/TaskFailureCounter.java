package io.sparkgan.spark;

import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Counts the failed task attempts and removed executors of a context. A benchmark whose tasks failed
 * (an executor out of memory, then retried on a new one) still finishes, because Spark retries, but
 * its round times then measure the retries, not the round: {@code bench rounds} refuses to call that
 * a measurement.
 */
public final class TaskFailureCounter extends SparkListener {
    private final JavaSparkContext sc;
    private final AtomicInteger failedTasks = new AtomicInteger();
    private final AtomicInteger executorsRemoved = new AtomicInteger();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();

    private TaskFailureCounter(JavaSparkContext sc) {
        this.sc = sc;
    }

    /** Starts counting on {@code sc} (until the context stops). */
    public static TaskFailureCounter attach(JavaSparkContext sc) {
        TaskFailureCounter counter = new TaskFailureCounter(sc);
        sc.sc().addSparkListener(counter);
        return counter;
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        if (!end.taskInfo().failed()) return;
        failedTasks.incrementAndGet();
        firstFailure.compareAndSet(null, "stage " + end.stageId() + ", task " + end.taskInfo().index() + " on "
                + end.taskInfo().host() + ": " + end.reason());
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
        executorsRemoved.incrementAndGet();
    }

    /** Failed task attempts so far, once the events posted before this call have been delivered. */
    public int failedTasks() {
        drain();
        return failedTasks.get();
    }

    /** Executors removed so far (lost or killed), once the events posted before this call have been delivered. */
    public int executorsRemoved() {
        drain();
        return executorsRemoved.get();
    }

    /** Where and why the first failed attempt failed, or null. */
    public String firstFailure() {
        drain();
        return firstFailure.get();
    }

    // The listener bus delivers asynchronously; waitUntilEmpty is Spark-internal (private[spark], public
    // in bytecode) but the only way to know a failure of the last job has been counted.
    private void drain() {
        try {
            sc.sc().listenerBus().waitUntilEmpty();
        } catch (TimeoutException e) {
            throw new IllegalStateException("Spark's listener bus did not drain: cannot tell whether tasks failed", e);
        }
    }
}
