package io.sparkgan.clustering;

import io.sparkgan.data.DataSource;
import io.sparkgan.data.ExampleBlock;
import io.sparkgan.images.ImageShape;

/**
 * A data set whose labels are its examples' k-means clusters (self-conditioning): the examples of
 * {@code base}, each labelled with its nearest centre, computed where the partition is built (on
 * the executor). Labels the base set may carry are not used.
 *
 * @param base the training examples
 * @param clusters the centres that label them
 */
public record ClusteredSource(DataSource base, Clusters clusters) implements DataSource {
    public ClusteredSource {
        if (base.dim() != clusters.dim()) {
            throw new IllegalArgumentException("clusters of examples of size " + clusters.dim() + " cannot label "
                    + base.describe() + " (examples of size " + base.dim() + ")");
        }
    }

    @Override
    public int dim() {
        return base.dim();
    }

    @Override
    public long size() {
        return base.size();
    }

    @Override
    public ExampleBlock partition(int index, int count) {
        return labelled(base.partition(index, count), clusters);
    }

    /** {@code block}'s examples, each labelled with its nearest centre of {@code clusters}. */
    public static ExampleBlock labelled(ExampleBlock block, Clusters clusters) {
        return new LabelledBlock(block, clusters.assign(block));
    }

    @Override
    public ImageShape imageShape() {
        return base.imageShape();
    }

    @Override
    public int classes() {
        return clusters.classes();
    }

    @Override
    public String describe() {
        return base.describe() + ", self-conditioned on " + clusters.classes() + " k-means clusters";
    }

    /** A block's examples with the clusters as labels. */
    private record LabelledBlock(ExampleBlock examples, int[] labels) implements ExampleBlock, java.io.Serializable {
        @Override
        public int rows() {
            return examples.rows();
        }

        @Override
        public int dim() {
            return examples.dim();
        }

        @Override
        public void copyRow(int i, float[] dst, int offset) {
            examples.copyRow(i, dst, offset);
        }

        @Override
        public boolean labelled() {
            return true;
        }

        @Override
        public int label(int i) {
            return labels[i];
        }

        @Override
        public String rowName(int i) {
            return examples.rowName(i);
        }
    }
}
