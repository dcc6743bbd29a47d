package io.sparkgan.ml;

import io.sparkgan.data.ExampleBlock;
import io.sparkgan.images.ImageShape;
import java.io.Serializable;
import java.util.Arrays;

/**
 * What the driver learns about one cached block: its size, the example length and the largest
 * label, and its first row for messages. A few bytes a partition; the rows stay on the executors.
 *
 * @param partition the DataFrame partition
 * @param rows number of examples
 * @param dim values per example
 * @param maxLabel the largest label, -1 without labels
 * @param firstRow the first example, as text (at most 10 values; an image's file and shape), "" if empty
 * @param shape the images' shape, or null for vectors
 */
record BlockSummary(int partition, int rows, int dim, int maxLabel, String firstRow, ImageShape shape)
        implements Serializable {

    /** The summary of {@code block}, partition {@code partition}. */
    static BlockSummary of(int partition, ExampleBlock block) {
        if (block.rows() == 0) return new BlockSummary(partition, 0, 0, -1, "", null);
        int maxLabel = -1;
        if (block.labelled()) {
            for (int i = 0; i < block.rows(); i++) maxLabel = Math.max(maxLabel, block.label(i));
        }
        if (block instanceof ImageBlock images) {
            return new BlockSummary(partition, block.rows(), block.dim(), maxLabel, "(image " + images.firstFile()
                    + ", " + images.shape().describe() + ")", images.shape());
        }
        float[] first = new float[block.dim()];
        block.copyRow(0, first, 0);
        String text = Arrays.toString(Arrays.copyOf(first, Math.min(10, first.length)));
        if (first.length > 10) text = text.substring(0, text.length() - 1) + ", ...]";
        return new BlockSummary(partition, block.rows(), block.dim(), maxLabel, text, null);
    }
}
