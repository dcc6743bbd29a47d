package io.sparkgan.ml;

import io.sparkgan.data.DataSource;
import io.sparkgan.data.ExampleBlock;
import io.sparkgan.images.ImageShape;

/**
 * A DataFrame as the trainer's data set: what the run and the model need to know about it (size,
 * example length, classes). Its blocks are built on the executors, one per DataFrame partition
 * ({@link DataFrameBlocks}); there is no copy of the rows here to partition again.
 */
final class DataFrameSource implements DataSource {
    private static final long serialVersionUID = 1L;

    private final String column;
    private final int dim;
    private final long size;
    private final int classes;
    private final int partitions;
    private final ImageShape imageShape;

    /**
     * @param column the example column
     * @param dim values per example
     * @param size number of examples
     * @param classes number of classes (0 without labels)
     * @param partitions number of (non-empty) partitions
     * @param imageShape the images' shape, or null for vectors
     */
    DataFrameSource(String column, int dim, long size, int classes, int partitions, ImageShape imageShape) {
        this.imageShape = imageShape;
        this.column = column;
        this.dim = dim;
        this.size = size;
        this.classes = classes;
        this.partitions = partitions;
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public ImageShape imageShape() {
        return imageShape;
    }

    @Override
    public ExampleBlock partition(int index, int count) {
        throw new UnsupportedOperationException("the blocks of a DataFrame are built on its executors, one per"
                + " DataFrame partition (GanEstimator.fit); this source cannot be partitioned again");
    }

    @Override
    public String describe() {
        return "DataFrame column '" + column + "' (" + size + " x " + (imageShape == null ? dim : imageShape.describe())
                + ", " + partitions + " partitions"
                + (classes > 0 ? ", " + classes + " classes" : "") + ")";
    }
}
