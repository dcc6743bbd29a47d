package io.sparkgan.run;

import io.sparkgan.config.GanConfig;
import io.sparkgan.data.DataSource;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an interrupted run continues: the newest checkpoint with a valid checksum in a run
 * directory (its checkpoint directory is found through its config.conf) or in a checkpoint
 * directory, and the checks that the run about to start really continues it.
 */
public final class ResumePoint {
    private static final Logger LOG = LoggerFactory.getLogger(ResumePoint.class);
    private final Checkpoint checkpoint;
    private final String file;
    private final List<String> warnings;

    private ResumePoint(Checkpoint checkpoint, String file, List<String> warnings) {
        this.checkpoint = checkpoint;
        this.file = file;
        this.warnings = List.copyOf(warnings);
    }

    /** The newest valid checkpoint under {@code dir} (a run directory or a checkpoint directory). */
    public static ResumePoint find(String dir, Configuration conf) {
        RunFiles files = RunFiles.open(dir, conf);
        String storeUri = files.exists(RunFiles.CONFIG)
                ? GanConfig.parse(files.readText(RunFiles.CONFIG)).checkpoint().directory(files.uri()) : files.uri();
        CheckpointStore store;
        try {
            store = CheckpointStore.open(storeUri, conf);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("nothing to resume in " + dir + ": its checkpoint directory " + storeUri
                    + " does not exist (the run wrote no checkpoint; start it again without --resume)", e);
        }
        List<String> warnings = new ArrayList<>();
        long start = System.nanoTime();
        Checkpoint newest = store.newestValid(warnings);
        if (newest == null) {
            throw new IllegalStateException("nothing to resume in " + dir + ": " + storeUri + " holds no valid checkpoint"
                    + (warnings.isEmpty() ? "" : " (" + String.join("; ", warnings) + ")")
                    + "; start the run again without --resume");
        }
        if (newest.identity() == null) {
            throw new IllegalStateException(store.uri(newest.roundsDone()) + " has no saved config; it cannot be resumed");
        }
        LOG.info("Resuming from {} (round {}), read and checked in {} ms", store.uri(newest.roundsDone()),
                newest.roundsDone(), Math.round((System.nanoTime() - start) / 1e6));
        return new ResumePoint(newest, store.uri(newest.roundsDone()), warnings);
    }

    public Checkpoint checkpoint() {
        return checkpoint;
    }

    /** URI of the checkpoint file. */
    public String file() {
        return file;
    }

    /** One line per newer checkpoint that was damaged and skipped. */
    public List<String> warnings() {
        return warnings;
    }

    /** The complete config of the interrupted run. */
    public String config() {
        return checkpoint.identity().config();
    }

    /** Who resumes a run: the advice a refusal gives is in their terms. */
    public enum Caller {
        /** {@code sparkgan train --resume}. */
        COMMAND_LINE("Resume with the run's own config (drop -c and the --set of these keys), or start a new run.",
                "add --set train.rounds=N"),
        /** {@code GanEstimator} with {@code resumeFrom}. */
        ESTIMATOR("Resume with the params, recipe and config text of the fit that wrote it, or clear resumeFrom to"
                + " start a new fit.", "set the rounds param (train.rounds) to N");

        private final String keepConfig;
        private final String moreRounds;

        Caller(String keepConfig, String moreRounds) {
            this.keepConfig = keepConfig;
            this.moreRounds = moreRounds;
        }
    }

    /** As {@link #check(GanConfig, DataSource, Caller)} for the command line. */
    public List<String> check(GanConfig cfg, DataSource data) {
        return check(cfg, data, Caller.COMMAND_LINE);
    }

    /**
     * Refuses a run of {@code cfg} on {@code data} that would not continue this checkpoint's run,
     * naming what changed; returns the allowed changes that make the continuation inexact (for a warning).
     *
     * @param cfg the config of the run about to start
     * @param data its data set
     * @param caller who resumes (the refusal's advice is in their terms)
     * @throws IllegalStateException naming what changed, or the rounds already done
     */
    public List<String> check(GanConfig cfg, DataSource data, Caller caller) {
        RunIdentity current = RunIdentity.of(cfg, data);
        List<String> refusals = checkpoint.identity().refusals(current);
        if (!refusals.isEmpty()) {
            throw new IllegalStateException("cannot resume from " + file + ": " + String.join("; ", refusals)
                    + ". " + caller.keepConfig);
        }
        if (checkpoint.roundsDone() >= cfg.training().rounds()) {
            throw new IllegalStateException("cannot resume from " + file + ": it is already at round "
                    + checkpoint.roundsDone() + " and train.rounds = " + cfg.training().rounds()
                    + "; to train further, " + caller.moreRounds + " with N > " + checkpoint.roundsDone());
        }
        return checkpoint.identity().inexactChanges(current);
    }
}
