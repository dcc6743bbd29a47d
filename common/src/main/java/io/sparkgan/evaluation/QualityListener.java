package io.sparkgan.evaluation;

import io.sparkgan.rng.LatentPrior;
import io.sparkgan.rng.ClassPrior;
import io.sparkgan.config.EvaluationSettings;
import io.sparkgan.metrics.QualityFigures;
import io.sparkgan.model.GanModelSpec;
import io.sparkgan.run.GeneratorSnapshot;
import io.sparkgan.run.RoundRecordFile;
import io.sparkgan.run.RunFiles;
import io.sparkgan.train.RoundMetrics;
import io.sparkgan.train.TrainingListener;
import io.sparkgan.train.TrainingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores the generator every {@code evaluation.every-rounds} rounds and after the last round, and
 * appends a {@link QualityRecord} line to quality.jsonl. Every evaluation uses the same latent
 * draws (the run seed), so the figures over time compare the same z. A resumed run keeps the
 * lines of the rounds up to its checkpoint, like metrics.jsonl.
 */
public final class QualityListener implements TrainingListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QualityListener.class);

    private final RoundRecordFile file;
    private final SampleScorer scorer;
    private final GanModelSpec spec;
    private final EvaluationSettings settings;
    private final long seed;
    private final LatentPrior prior;
    private final ClassPrior classPrior;
    private int totalRounds;

    public QualityListener(RunFiles run, SampleScorer scorer, GanModelSpec spec, EvaluationSettings settings, long seed) {
        this(run, scorer, spec, settings, seed, LatentPrior.STANDARD, null);
    }

    /**
     * @param run the run directory (quality.jsonl is appended there)
     * @param scorer scores generated images
     * @param spec the model
     * @param settings when and how many images to score
     * @param seed the run's seed (fixes the evaluation's latent draws)
     * @param prior the latent distribution evaluation samples from (samples.truncation)
     * @param classPrior a self-conditioned model's cluster frequencies, or null
     */
    public QualityListener(RunFiles run, SampleScorer scorer, GanModelSpec spec, EvaluationSettings settings, long seed,
                           LatentPrior prior, ClassPrior classPrior) {
        if (!settings.enabled()) throw new IllegalArgumentException("evaluation.every-rounds is 0: evaluation is off");
        this.file = new RoundRecordFile(run, RunFiles.QUALITY);
        this.scorer = scorer;
        this.spec = spec;
        this.settings = settings;
        this.seed = seed;
        this.prior = prior;
        this.classPrior = classPrior;
    }

    @Override
    public void onStart(TrainingState state, int totalRounds) {
        this.totalRounds = totalRounds;
        // A resumed run keeps the evaluations up to its checkpoint (the curve over time is the point).
        file.openContinuing(state.roundsDone());
    }

    @Override
    public void onRound(RoundMetrics metrics, TrainingState state) {
        if (metrics.round() % settings.everyRounds() != 0 && metrics.round() != totalRounds) return;
        long start = System.nanoTime();
        QualityFigures f = scorer.score(GeneratorSnapshot.of(spec, state, seed, prior, classPrior), settings.samples(), seed);
        double seconds = (System.nanoTime() - start) / 1e9;
        file.append(new QualityRecord(metrics.round(), metrics.examplesSeen(), metrics.elapsedSeconds(),
                f.inceptionScore(), f.fid(), f.classHistogram(), f.klToUniform(), seconds, f.classAgreement()));
        LOG.info("round {}: IS {} FID {} KL(classes || uniform) {} ({} images scored in {} s)", metrics.round(),
                String.format("%.3f", f.inceptionScore()), f.fid() == null ? "-" : String.format("%.3f", f.fid()),
                String.format("%.4f", f.klToUniform()), f.samples(), String.format("%.1f", seconds));
        if (f.classAgreement() != null) {
            LOG.info("round {}: the evaluator agrees with the requested class on {}% of images (worst: class {})",
                    metrics.round(), String.format("%.1f", 100 * f.classAgreement().overall()),
                    f.classAgreement().worstClass());
        }
    }

    @Override
    public void onEnd(TrainingState state) {
        close();
    }

    @Override
    public void close() {
        file.close();
    }
}
