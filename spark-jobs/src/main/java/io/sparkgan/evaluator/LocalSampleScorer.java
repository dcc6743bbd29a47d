package io.sparkgan.evaluator;

import io.sparkgan.evaluation.EvaluatorFiles;
import io.sparkgan.evaluation.SampleScorer;
import io.sparkgan.metrics.GaussianMoments;
import io.sparkgan.metrics.QualityFigures;
import io.sparkgan.run.GeneratorSnapshot;

/** Scores generated images in this JVM (the reference trainer, and the check of the Spark scorer). */
public final class LocalSampleScorer implements SampleScorer {
    private final EvaluatorModel model;
    private final GaussianMoments reference;

    public LocalSampleScorer(EvaluatorFiles evaluator) {
        this.model = EvaluatorModel.fromBytes(evaluator.model(), evaluator.info().shape());
        this.reference = evaluator.testMoments();
    }

    @Override
    public QualityFigures score(GeneratorSnapshot generator, int samples, long seed) {
        return Scoring.generatedHere(model, generator, samples, seed).figures(reference);
    }
}
