package io.sparkgan.gan;

import io.sparkgan.model.GanModelSpec;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link GanStep} (G and D networks) per thread and model spec. Networks are not thread safe
 * and are costly to build, so each executor task slot builds them once and afterwards only copies
 * the broadcast parameters in. When a training ends, {@link #release} drops every thread's networks
 * of its spec in this JVM (a task slot's threads outlive the training: a notebook, a bench of runs).
 */
public final class GanStepCache {
    /** Per spec, per thread; a thread that ends takes its networks with it (weak keys). */
    private static final Map<GanModelSpec, Map<Thread, GanStep>> STEPS = new ConcurrentHashMap<>();

    private GanStepCache() {}

    /** This thread's networks for {@code spec}, built on first use. */
    public static GanStep forCurrentThread(GanModelSpec spec) {
        Map<Thread, GanStep> perThread = STEPS.computeIfAbsent(spec,
                s -> Collections.synchronizedMap(new WeakHashMap<>()));
        Thread thread = Thread.currentThread();
        GanStep step = perThread.get(thread);
        if (step == null) {
            step = new GanStep(spec); // built outside the lock: other threads go on meanwhile
            perThread.put(thread, step);
        }
        return step;
    }

    /**
     * Drops every thread's networks for {@code spec} in this JVM; a thread using them keeps them
     * until it is done, and builds new ones if it asks again.
     *
     * @return the number of threads whose networks were dropped
     */
    public static int release(GanModelSpec spec) {
        Map<Thread, GanStep> perThread = STEPS.remove(spec);
        return perThread == null ? 0 : perThread.size();
    }

    /** The number of threads holding networks for {@code spec} in this JVM. */
    public static int cached(GanModelSpec spec) {
        Map<Thread, GanStep> perThread = STEPS.get(spec);
        return perThread == null ? 0 : perThread.size();
    }
}
