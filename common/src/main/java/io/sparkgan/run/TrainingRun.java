package io.sparkgan.run;

import io.sparkgan.config.GanConfig;
import io.sparkgan.data.DataSource;
import io.sparkgan.model.GanModelSpec;
import io.sparkgan.train.GanTrainer;
import io.sparkgan.train.PhaseRunner;
import io.sparkgan.train.TrainingListener;
import io.sparkgan.train.TrainingState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run from config to run directory: writes config.conf and provenance.json, trains
 * with the given phase runner (Spark or reference), appends metrics.jsonl, and saves model.ckpt
 * and, for 2-D data, a scatter plot of samples.
 */
public final class TrainingRun {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

    private TrainingRun() {}

    /**
     * Runs training; returns the final checkpoint.
     *
     * @param master where phases ran ("reference" for the single-JVM trainer)
     * @param extraVersions versions to add to provenance (e.g. Spark's)
     * @param extraListeners e.g. a console progress bar
     * @param scorer scores generated images when evaluation.every-rounds > 0 (may be null otherwise)
     */
    public static Checkpoint execute(GanConfig config, DataSource data, GanModelSpec spec, PhaseRunner runner,
                                     String master, Map<String, String> extraVersions,
                                     List<TrainingListener> extraListeners, SampleScorer scorer,
                                     Configuration hadoopConf) {
        if (config.evaluation().enabled() && scorer == null) {
            throw new IllegalStateException("evaluation.every-rounds is set but this trainer has no sample scorer");
        }
        RunFiles run = RunFiles.create(config.run().directory(), config.run().overwrite(), hadoopConf);
        run.writeText(RunFiles.CONFIG, config.render());
        Map<String, String> versions = Versions.current();
        versions.putAll(extraVersions);
        Provenance provenance = Provenance.starting(config.run().name(), config.run().seed(), data.describe(),
                spec.describe(), runner.partitions(), master, versions, config.render());
        run.writeText(RunFiles.PROVENANCE, Json.pretty(provenance));
        LOG.info("Run {}: {} on {} ({} partitions, {} mode, master {})", run.uri(), spec.describe(), data.describe(),
                runner.partitions(), config.training().mode().name().toLowerCase(), master);

        List<TrainingListener> listeners = new ArrayList<>();
        MetricsFileWriter metrics = new MetricsFileWriter(run);
        listeners.add(metrics);
        listeners.add(new RoundLogger(config.log().everyRounds()));
        listeners.addAll(extraListeners);
        QualityListener quality = config.evaluation().enabled()
                ? new QualityListener(run, scorer, spec, config.evaluation(), config.run().seed()) : null;
        if (quality != null) listeners.add(quality);

        TrainingState state = TrainingState.initial(spec, config.training());
        try {
            new GanTrainer(config.training(), runner, listeners).train(state);
        } finally {
            metrics.close();
            if (quality != null) quality.close();
        }
        Checkpoint checkpoint = Checkpoint.of(state, spec.latentDim(), spec.dataDim());
        run.write(RunFiles.MODEL, checkpoint.toBytes());
        run.writeText(RunFiles.PROVENANCE, Json.pretty(provenance.finished(state.roundsDone())));
        Sampler sampler = Sampler.forRun(run, hadoopConf);
        if (spec.dataDim() == 2) {
            sampler.writeScatterPlot(sampler.generate(2500, config.run().seed()), "final-samples.png", run);
        } else if (data.imageShape() != null) {
            run.write("final-samples.png", sampler.imageGridPng(sampler.generate(100, config.run().seed()), 100));
        }
        LOG.info("Run {} finished: {} rounds; model in {}", run.uri(), state.roundsDone(), run.path(RunFiles.MODEL));
        return checkpoint;
    }
}
