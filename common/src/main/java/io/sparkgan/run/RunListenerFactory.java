package io.sparkgan.run;

import io.sparkgan.train.TrainingListener;

/**
 * Makes a training listener that writes into the run directory once {@link TrainingRun} has
 * opened it. This is how the quality evaluation (package evaluation, a layer above run) joins a
 * run without run depending on it. A listener that is {@link AutoCloseable} is closed when
 * training ends, also when it fails.
 */
@FunctionalInterface
public interface RunListenerFactory {

    TrainingListener create(RunFiles run);
}
