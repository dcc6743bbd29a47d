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
 * with the given phase runner (Spark or reference), appends metrics.jsonl, writes sample snapshots
 * (samples/round-NNNNNN.png) every samples.every-rounds rounds, and saves model.ckpt and
 * final-samples.png (a scatter plot for 2-D data, an image grid for images).
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
     */
    public static Checkpoint execute(GanConfig config, DataSource data, GanModelSpec spec, PhaseRunner runner,
                                     String master, Map<String, String> extraVersions,
                                     List<TrainingListener> extraListeners, Configuration hadoopConf) {
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
        SampleSnapshots snapshots = SampleSnapshots.of(config.samples(), run, spec,
                spec.imageShape() != null ? spec.imageShape() : data.imageShape(), config.data().source(),
                config.run().name(), config.run().seed());
        if (snapshots != null) listeners.add(snapshots);
        listeners.addAll(extraListeners);

        TrainingState state = TrainingState.initial(spec, config.training());
        try {
            new GanTrainer(config.training(), runner, listeners).train(state);
        } finally {
            metrics.close();
        }
        Checkpoint checkpoint = Checkpoint.of(state, spec.latentDim(), spec.dataDim());
        run.write(RunFiles.MODEL, checkpoint.toBytes());
        run.writeText(RunFiles.PROVENANCE, Json.pretty(provenance.finished(state.roundsDone())));
        Sampler sampler = Sampler.forRun(run, hadoopConf);
        if (spec.dataDim() == 2) {
            sampler.writeScatterPlot(sampler.generate(2500, config.run().seed()), RunFiles.FINAL_SAMPLES, run);
        } else if (data.imageShape() != null) {
            run.write(RunFiles.FINAL_SAMPLES, sampler.imageGridPng(sampler.generate(100, config.run().seed()), 100));
        }
        LOG.info("Run {} finished: {} rounds; model in {}", run.uri(), state.roundsDone(), run.path(RunFiles.MODEL));
        return checkpoint;
    }
}
