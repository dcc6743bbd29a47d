package io.sparkgan.run;

import io.sparkgan.clustering.SelfConditioning;
import io.sparkgan.clustering.Clusters;
import io.sparkgan.config.GanConfig;
import io.sparkgan.data.DataSource;
import io.sparkgan.dataset.DataSources;
import io.sparkgan.images.ImageShape;
import io.sparkgan.model.GanModelSpec;
import io.sparkgan.train.ComputeStandIn;
import io.sparkgan.train.GanTrainer;
import io.sparkgan.train.PhaseRunner;
import io.sparkgan.train.TrainingListener;
import io.sparkgan.train.TrainingState;
import io.sparkgan.util.Json;
import io.sparkgan.util.Versions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run from config to run directory: writes config.conf and provenance.json, trains
 * with the given phase runner (Spark or reference), appends metrics.jsonl, writes checkpoints and
 * sample snapshots (samples/round-NNNNNN.png every samples.every-rounds rounds), and saves model.ckpt
 * and final-samples.png (a scatter plot for 2-D data, an image grid for images). A resumed run
 * continues in the same directory from a {@link ResumePoint}.
 */
public final class TrainingRun {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

    private TrainingRun() {}

    /**
     * Runs training; returns the last checkpoint (fewer rounds than configured if a listener
     * stopped the run).
     *
     * @param master where phases ran ("reference" for the single-JVM trainer)
     * @param extraVersions versions to add to provenance (e.g. Spark's)
     * @param extraListeners e.g. a console progress bar, a {@link GracefulStop}
     * @param quality makes the quality listener when evaluation.every-rounds > 0 (may be null otherwise)
     * @param resume the checkpoint to continue from, or null; {@code data} must come from {@link #openData}
     */
    public static Checkpoint execute(GanConfig config, DataSource data, GanModelSpec spec, PhaseRunner runner,
                                     String master, Map<String, String> extraVersions,
                                     List<TrainingListener> extraListeners, RunListenerFactory quality,
                                     Configuration hadoopConf, ResumePoint resume) {
        // A run's directory and model.ckpt must come from real training.
        ComputeStandIn.refuse(config.training(), "training (sparkgan train, GanEstimator, SparkTraining)");
        if (config.evaluation().enabled() && quality == null) {
            throw new IllegalStateException("evaluation.every-rounds is set but this trainer has no sample scorer");
        }
        RunFiles run = resume == null ? RunFiles.create(config.run().directory(), config.run().overwrite(), hadoopConf)
                : RunFiles.openOrCreate(config.run().directory(), hadoopConf);
        CheckpointStore checkpoints = CheckpointStore.create(config.checkpoint().directory(run.uri()), hadoopConf);
        if (resume == null && !checkpoints.rounds().isEmpty()) {
            throw new IllegalStateException("checkpoint directory " + checkpoints.uri() + " already holds checkpoints"
                    + " of another run; set checkpoint.dir to an empty directory, or continue that run with"
                    + " sparkgan train --resume " + checkpoints.uri());
        }
        run.writeText(RunFiles.CONFIG, config.render());
        Provenance provenance = provenance(config, data, spec, runner, master, extraVersions, run, resume != null);
        run.writeText(RunFiles.PROVENANCE, Json.pretty(provenance));
        TrainingState state = resume == null ? TrainingState.initial(spec, config.training())
                : resumed(config, resume, run);
        LOG.info("Run {}: {} on {} ({} partitions, {} mode, master {}){}", run.uri(), spec.describe(), data.describe(),
                runner.partitions(), config.training().mode().name().toLowerCase(), master,
                resume == null ? "" : ", resuming at round " + state.roundsDone() + " from " + resume.file());

        RunIdentity identity = RunIdentity.of(config, data);
        Clusters clusters = SelfConditioning.clustersOf(data);
        CheckpointWriter checkpointWriter = new CheckpointWriter(checkpoints, config.checkpoint(), spec.latentDim(),
                spec.dataDim(), spec.classes(), identity, clusters);
        List<TrainingListener> listeners = new ArrayList<>();
        MetricsFileWriter metrics = new MetricsFileWriter(run);
        listeners.add(metrics);
        listeners.add(new RoundLogger(config.log().everyRounds()));
        listeners.add(checkpointWriter);
        // An image model's own shape (a DCGAN's, also on a DataFrame of vectors), else the data set's.
        ImageShape imageShape = spec.imageShape() != null ? spec.imageShape() : data.imageShape();
        SampleSnapshots snapshots = SampleSnapshots.of(config.samples(), run, spec, imageShape, config.data().source(),
                config.run().name(), config.run().seed(), clusters == null ? null : clusters.prior());
        if (snapshots != null) listeners.add(snapshots);
        listeners.addAll(extraListeners);
        TrainingListener qualityListener = config.evaluation().enabled() ? quality.create(run) : null;
        if (qualityListener != null) listeners.add(qualityListener);
        try {
            new GanTrainer(config.training(), runner, listeners).train(state);
        } finally {
            metrics.close();
            if (qualityListener instanceof AutoCloseable closeable) closeQuietly(closeable);
        }
        Checkpoint checkpoint = Checkpoint.of(state, spec.latentDim(), spec.dataDim(), spec.classes(), identity,
                clusters);
        if (state.roundsDone() < config.training().rounds()) {
            LOG.warn("Stopped after round {} of {}; last checkpoint {}. Continue with: sparkgan train --resume {}",
                    state.roundsDone(), config.training().rounds(), checkpoints.rounds().isEmpty() ? "(none)"
                            : checkpoints.uri(checkpointWriter.lastWritten()), run.uri());
            return checkpoint;
        }
        run.write(RunFiles.MODEL, checkpoint.toBytes());
        run.writeText(RunFiles.PROVENANCE, Json.pretty(provenance.finished(state.roundsDone())));
        Sampler sampler = Sampler.forRun(run, hadoopConf).withImageShape(data.imageShape());
        if (spec.dataDim() == 2) {
            sampler.writeScatterPlot(sampler.generate(2500, config.run().seed()), RunFiles.FINAL_SAMPLES, run);
        } else if (imageShape != null) {
            // a conditional model's: one row per class, 10 a class; a self-conditioned one's: 100, clusters drawn by frequency
            int n = spec.classes() > 0 && clusters == null ? 10 * spec.classes() : 100;
            run.write(RunFiles.FINAL_SAMPLES, sampler.samplesGridPng(sampler.generate(n, config.run().seed()), n));
        }
        LOG.info("Run {} finished: {} rounds; model in {}", run.uri(), state.roundsDone(), run.path(RunFiles.MODEL));
        return checkpoint;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("could not close {}: {}", closeable, e.getMessage());
        }
    }

    /**
     * Opens the configured data; when resuming, refuses a changed model, data set, seed or optimiser
     * type (naming them) before any training job, and warns about other changed keys.
     */
    public static DataSource openData(GanConfig config, Configuration hadoopConf, ResumePoint resume) {
        DataSource data = DataSources.open(config.data(), config.run().seed(), hadoopConf);
        if (resume != null) checkResume(config, data, resume, ResumePoint.Caller.COMMAND_LINE);
        return data;
    }

    /**
     * Refuses to continue {@code resume} with {@code config} on {@code data} when the model, data set,
     * seed or optimiser type changed (naming them, with advice for {@code caller}), and warns about
     * other changed keys.
     *
     * @param config the run's config
     * @param data the data set it trains on
     * @param resume the checkpoint to continue from
     * @param caller who resumes (the advice in a refusal is theirs)
     */
    public static void checkResume(GanConfig config, DataSource data, ResumePoint resume, ResumePoint.Caller caller) {
        List<String> changed = resume.check(config, data, caller);
        if (!changed.isEmpty()) {
            LOG.warn("Resuming with changed settings: {}. Allowed, but training no longer continues exactly as"
                    + " the interrupted run would have", String.join("; ", changed));
        }
    }

    private static TrainingState resumed(GanConfig config, ResumePoint resume, RunFiles run) {
        Checkpoint checkpoint = resume.checkpoint();
        TrainingState state = checkpoint.toState(config.training().generatorOptimizer(),
                config.training().discriminatorOptimizer());
        // An average nobody updates any more would silently be what sampling uses.
        if (config.training().generatorEmaDecay() == 0) state.restoreGeneratorAverage(null);
        // metrics.jsonl and quality.jsonl continue across a resume, so examplesSeen and the
        // training clock must too; a checkpoint older than format 6 does not hold them.
        if (checkpoint.progress() == null) state.restoreProgress(ProgressFromMetrics.at(run, checkpoint.roundsDone()));
        return state;
    }

    /** A new record, or the interrupted run's own when resuming (its start time and host stay). */
    private static Provenance provenance(GanConfig config, DataSource data, GanModelSpec spec, PhaseRunner runner,
                                         String master, Map<String, String> extraVersions, RunFiles run,
                                         boolean resuming) {
        if (resuming && run.exists(RunFiles.PROVENANCE)) {
            try {
                return Json.mapper().readValue(run.readText(RunFiles.PROVENANCE), Provenance.class)
                        .withConfig(config.render());
            } catch (IOException e) {
                LOG.warn("{} is unreadable ({}); writing a new one", run.path(RunFiles.PROVENANCE), e.getMessage());
            }
        }
        Map<String, String> versions = Versions.current();
        versions.putAll(extraVersions);
        return Provenance.starting(config.run().name(), config.run().seed(), data.describe(), spec.describe(),
                runner.partitions(), master, versions, config.render());
    }
}
