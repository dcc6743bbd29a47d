package io.sparkgan.evaluator;

import io.sparkgan.dataset.MappedImageBlock;
import io.sparkgan.dataset.ShardedImageSource;
import io.sparkgan.evaluation.EvaluationSamples;
import io.sparkgan.gan.GanStep;
import io.sparkgan.gan.GanStepCache;
import io.sparkgan.metrics.ClassifierSums;
import io.sparkgan.run.GeneratorSnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * Scoring images with the evaluation classifier, on Spark or in one JVM. On Spark each partition
 * reads (real data) or generates (generated images) its share, scores it with the broadcast
 * classifier and returns only {@link ClassifierSums}; the driver merges them. Images are never
 * collected to the driver.
 */
public final class Scoring {
    /** Images per classifier forward pass for real data. */
    static final int BATCH = 250;

    private Scoring() {}

    /** Sums of a whole prepared data set (with accuracy when it is labelled), scored on Spark. */
    public static ClassifierSums dataset(JavaSparkContext sc, Broadcast<EvaluatorModel> model,
                                         ShardedImageSource source, int partitions) {
        List<Integer> indices = range(partitions);
        sc.setJobDescription("evaluator: score " + source.describe());
        return sc.parallelize(indices, partitions)
                .mapPartitionsWithIndex(new ScoreBlock(model, source, partitions), false)
                .reduce(ClassifierSums::merge);
    }

    /** Sums of {@code n} images generated from the seed's evaluation latents, generated and scored on Spark. */
    public static ClassifierSums generated(JavaSparkContext sc, Broadcast<EvaluatorModel> model,
                                           Broadcast<GeneratorSnapshot> generator, int n, long seed) {
        int chunks = EvaluationSamples.chunks(n);
        int partitions = Math.min(chunks, Math.max(1, sc.defaultParallelism()));
        sc.setJobDescription("evaluate: generate and score " + n + " images");
        return sc.parallelize(range(chunks), partitions)
                .mapPartitions(new ScoreChunks(model, generator, n, seed))
                .reduce(ClassifierSums::merge);
    }

    /** The same as {@link #generated} in this JVM. */
    public static ClassifierSums generatedHere(EvaluatorModel model, GeneratorSnapshot generator, int n, long seed) {
        return chunks(model, generator, n, seed, range(EvaluationSamples.chunks(n)).iterator());
    }

    static ClassifierSums block(EvaluatorModel model, MappedImageBlock block) {
        ClassifierSums sums = model.newSums();
        int d = block.dim();
        float[] rows = new float[BATCH * d];
        int[] labels = new int[BATCH];
        boolean labelled = block.labelled();
        for (int start = 0; start < block.rows(); start += BATCH) {
            int r = Math.min(BATCH, block.rows() - start);
            for (int i = 0; i < r; i++) {
                block.copyRow(start + i, rows, i * d);
                if (labelled) labels[i] = block.label(start + i);
            }
            model.score(r == BATCH ? rows : java.util.Arrays.copyOf(rows, r * d), r, labelled ? labels : null, sums);
        }
        return sums;
    }

    static ClassifierSums chunks(EvaluatorModel model, GeneratorSnapshot generator, int n, long seed,
                                 Iterator<Integer> chunks) {
        if (generator.spec().dataDim() != model.shape().pixels()) {
            throw new IllegalArgumentException("the generator makes examples of " + generator.spec().dataDim()
                    + " values but the evaluator classifies " + model.shape().describe() + " images");
        }
        ClassifierSums sums = model.newSums();
        GanStep step = GanStepCache.forCurrentThread(generator.spec());
        // A conditional generator's requested classes are the "labels" whose agreement the sums count.
        boolean agreement = agreementScored(generator, model);
        while (chunks.hasNext()) {
            int chunk = chunks.next();
            float[] images = EvaluationSamples.generate(step, generator, seed, n, chunk);
            model.score(images, EvaluationSamples.rows(n, chunk),
                    agreement ? EvaluationSamples.labels(generator, seed, n, chunk) : null, sums);
        }
        return sums;
    }

    /**
     * Whether the evaluator's agreement with the requested classes is counted: for a conditional
     * generator whose classes the evaluator knows (no more classes than the evaluator's); never for
     * a self-conditioned one, whose classes are clusters, not the evaluator's classes.
     */
    static boolean agreementScored(GeneratorSnapshot generator, EvaluatorModel model) {
        int classes = generator.spec().classes();
        return classes > 0 && classes <= model.classes() && !generator.selfConditioned();
    }

    static List<Integer> range(int count) {
        List<Integer> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) list.add(i);
        return list;
    }

    private static final class ScoreBlock implements Function2<Integer, Iterator<Integer>, Iterator<ClassifierSums>> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<EvaluatorModel> model;
        private final ShardedImageSource source;
        private final int partitions;

        ScoreBlock(Broadcast<EvaluatorModel> model, ShardedImageSource source, int partitions) {
            this.model = model;
            this.source = source;
            this.partitions = partitions;
        }

        @Override
        public Iterator<ClassifierSums> call(Integer partition, Iterator<Integer> ignored) {
            return Collections.singletonList(block(model.value(), source.partition(partition, partitions))).iterator();
        }
    }

    private static final class ScoreChunks implements FlatMapFunction<Iterator<Integer>, ClassifierSums> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<EvaluatorModel> model;
        private final Broadcast<GeneratorSnapshot> generator;
        private final int n;
        private final long seed;

        ScoreChunks(Broadcast<EvaluatorModel> model, Broadcast<GeneratorSnapshot> generator, int n, long seed) {
            this.model = model;
            this.generator = generator;
            this.n = n;
            this.seed = seed;
        }

        @Override
        public Iterator<ClassifierSums> call(Iterator<Integer> chunkIndices) {
            return Collections.singletonList(chunks(model.value(), generator.value(), n, seed, chunkIndices)).iterator();
        }
    }
}
