package io.sparkgan.gan;

import io.sparkgan.model.GanModelSpec;
import java.util.HashMap;
import java.util.Map;

/**
 * One {@link GanStep} (G and D networks) per thread and model spec. Networks are not thread safe
 * and are costly to build, so each executor task slot builds them once and afterwards only copies
 * the broadcast parameters in.
 */
public final class GanStepCache {
    private static final ThreadLocal<Map<GanModelSpec, GanStep>> STEPS = ThreadLocal.withInitial(HashMap::new);

    private GanStepCache() {}

    /** This thread's networks for {@code spec}, built on first use. */
    public static GanStep forCurrentThread(GanModelSpec spec) {
        return STEPS.get().computeIfAbsent(spec, GanStep::new);
    }
}
