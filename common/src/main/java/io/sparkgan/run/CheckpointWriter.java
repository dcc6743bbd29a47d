package io.sparkgan.run;

import io.sparkgan.clustering.Clusters;
import io.sparkgan.config.CheckpointSettings;
import io.sparkgan.train.RoundMetrics;
import io.sparkgan.train.TrainingDivergedException;
import io.sparkgan.train.TrainingListener;
import io.sparkgan.train.TrainingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a checkpoint every {@code checkpoint.every} rounds and when training ends (finished or
 * stopped), keeping the newest {@code checkpoint.keep}. A failed write stops the run: training on
 * without checkpoints would put more work at risk than the user agreed to.
 */
public final class CheckpointWriter implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointWriter.class);

    private final CheckpointStore store;
    private final CheckpointSettings settings;
    private final int latentDim;
    private final int dataDim;
    private final int classes;
    private final RunIdentity identity;
    private final Clusters clusters;
    private int lastWritten = -1;

    public CheckpointWriter(CheckpointStore store, CheckpointSettings settings, int latentDim, int dataDim,
                            RunIdentity identity) {
        this(store, settings, latentDim, dataDim, 0, identity, null);
    }

    /**
     * A writer of a class-conditional model's checkpoints ({@code classes} = 0: unconditional).
     *
     * @param store where checkpoints go
     * @param settings checkpoint settings
     * @param latentDim size of z
     * @param dataDim size of an example
     * @param classes number of classes of the model, 0 if unconditional
     * @param identity the run
     * @param clusters a self-conditioned model's clusters (saved in every checkpoint), or null
     */
    public CheckpointWriter(CheckpointStore store, CheckpointSettings settings, int latentDim, int dataDim, int classes,
                            RunIdentity identity, Clusters clusters) {
        this.store = store;
        this.settings = settings;
        this.latentDim = latentDim;
        this.dataDim = dataDim;
        this.classes = classes;
        this.identity = identity;
        this.clusters = clusters;
    }

    @Override
    public void onStart(TrainingState state, int totalRounds) {
        lastWritten = state.roundsDone();
    }

    @Override
    public void onRound(RoundMetrics metrics, TrainingState state) {
        if (settings.every() > 0 && state.roundsDone() % settings.every() == 0) write(state);
    }

    @Override
    public void onEnd(TrainingState state) {
        if (state.roundsDone() != lastWritten) write(state);
    }

    /** The newest round written by this writer (the starting round before the first write). */
    public int lastWritten() {
        return lastWritten;
    }

    private void write(TrainingState state) {
        long start = System.nanoTime();
        Checkpoint checkpoint = Checkpoint.of(state, latentDim, dataDim, classes, identity, clusters);
        String target = store.uri(checkpoint.roundsDone());
        if (!checkpoint.isFinite()) {
            // The trainer checks every loss and gradient, so this is a second line of defence.
            throw new TrainingDivergedException("the state after round " + checkpoint.roundsDone()
                    + " holds NaN or infinite values; not writing " + target + ". " + previous()
                    + " Lower the learning rates and resume from it.");
        }
        try {
            store.write(checkpoint, settings.keep());
        } catch (RuntimeException e) {
            throw new CheckpointWriteException("cannot write checkpoint " + target + ": " + rootMessage(e) + ". "
                    + previous() + " Free space or fix permissions on " + store.uri()
                    + ", then continue with: sparkgan train --resume " + store.uri(), e);
        }
        LOG.info("Checkpoint round {} written to {} in {} ms", checkpoint.roundsDone(), target,
                Math.round((System.nanoTime() - start) / 1e6));
        lastWritten = checkpoint.roundsDone();
    }

    private String previous() {
        try {
            return lastWritten > 0 && store.rounds().contains(lastWritten)
                    ? "The previous checkpoint " + store.uri(lastWritten) + " is intact."
                    : "There is no earlier checkpoint of this run in " + store.uri() + ".";
        } catch (RuntimeException e) {
            return "The checkpoint directory " + store.uri() + " cannot be listed either (" + rootMessage(e) + ").";
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
