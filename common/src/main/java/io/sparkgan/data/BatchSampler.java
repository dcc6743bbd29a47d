package io.sparkgan.data;

import io.sparkgan.rng.LatentPrior;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Draws minibatches: real examples uniformly with replacement from a block (with their labels for
 * class-conditional training), latents from N(0, I), the fake examples' labels uniformly over the
 * classes.
 */
public final class BatchSampler {
    private BatchSampler() {}

    /**
     * Real examples with their class labels.
     *
     * @param rows [batch, dim]
     * @param labels one class per row
     */
    public record LabelledBatch(INDArray rows, int[] labels) {
    }

    /** {@code batch} rows drawn uniformly with replacement from {@code block}, as [batch, dim]. */
    public static INDArray realBatch(ExampleBlock block, SplittableRandom rng, int batch, DataType type) {
        return draw(block, rng, batch, type, null, 0);
    }

    /**
     * {@code batch} rows drawn as {@link #realBatch} draws them (the same rows for the same
     * {@code rng}), with their labels.
     *
     * @param block the partition's examples; must be labelled
     * @param rng the real-batch stream
     * @param batch number of rows
     * @param type data type of the rows
     * @param classes number of classes K: every drawn label must be in [0, K)
     * @throws DataFormatException if the block has no labels or a drawn label is outside [0, K), naming the example
     */
    public static LabelledBatch labelledRealBatch(ExampleBlock block, SplittableRandom rng, int batch, DataType type,
                                                  int classes) {
        if (classes <= 0) throw new IllegalArgumentException("classes must be positive, got " + classes);
        if (!block.labelled()) {
            throw new DataFormatException("class-conditional training needs labelled examples, but "
                    + (block.rows() == 0 ? "this partition" : block.rowName(0) + " and the rest of its partition")
                    + " carry no labels; prepare the data with labels (IDX label files, prepare --labels folder)"
                    + " or set data.label-column for CSV");
        }
        int[] labels = new int[batch];
        return new LabelledBatch(draw(block, rng, batch, type, labels, classes), labels);
    }

    private static INDArray draw(ExampleBlock block, SplittableRandom rng, int batch, DataType type, int[] labels,
                                 int classes) {
        if (block.rows() == 0) throw new IllegalStateException("cannot draw a batch from an empty partition");
        int d = block.dim();
        float[] out = new float[batch * d];
        for (int i = 0; i < batch; i++) {
            int row = rng.nextInt(block.rows());
            block.copyRow(row, out, i * d);
            if (labels != null) {
                int y = block.label(row);
                if (y < 0 || y >= classes) {
                    throw new DataFormatException(block.rowName(row) + " has label " + y + ", outside the data set's "
                            + classes + " classes [0, " + classes + ")");
                }
                labels[i] = y;
            }
        }
        return Nd4j.createFromArray(out).reshape(batch, d).castTo(type);
    }

    /**
     * Labels for {@code batch} generated examples, uniform over [0, classes).
     *
     * @param rng the fake-label stream (never one shared with another draw)
     * @param batch number of labels
     * @param classes number of classes K
     */
    public static int[] uniformLabels(SplittableRandom rng, int batch, int classes) {
        if (classes <= 0) throw new IllegalArgumentException("classes must be positive, got " + classes);
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) labels[i] = rng.nextInt(classes);
        return labels;
    }

    /** {@code batch} latent vectors z ~ N(0, I) of size {@code latentDim}, as [batch, latentDim]. */
    public static INDArray latent(SplittableRandom rng, int batch, int latentDim, DataType type) {
        return LatentPrior.STANDARD.draw(rng, batch, latentDim, type);
    }
}
