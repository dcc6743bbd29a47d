package io.sparkgan.spark;

import io.sparkgan.data.DataSource;
import io.sparkgan.data.ExampleBlock;
import io.sparkgan.images.ImageShape;

/**
 * A data set whose rows live only in blocks built and cached on the executors (a CSV input read
 * there by {@link CsvBlocks}, a DataFrame by {@code ml.DataFrameBlocks}): what the run and the model
 * need to know about it (size, example length, classes, image shape). There is no copy of the rows
 * here to partition again.
 */
public final class ExecutorBuiltSource implements DataSource {
    private static final long serialVersionUID = 1L;

    private final String description;
    private final int dim;
    private final long size;
    private final int classes;
    private final ImageShape imageShape;
    private final String builtBy;

    /**
     * @param description how the run names the data set, e.g. "csv PATH (n x dim)"
     * @param dim values per example
     * @param size number of examples
     * @param classes number of classes (0 without labels)
     * @param imageShape the images' shape, or null for vectors
     * @param builtBy what built the blocks, for the message of a refused {@link #partition}
     */
    public ExecutorBuiltSource(String description, int dim, long size, int classes, ImageShape imageShape,
                               String builtBy) {
        this.description = description;
        this.dim = dim;
        this.size = size;
        this.classes = classes;
        this.imageShape = imageShape;
        this.builtBy = builtBy;
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
        throw new UnsupportedOperationException("the blocks of " + description + " are built on the executors ("
                + builtBy + "); this source holds no rows to partition again");
    }

    @Override
    public String describe() {
        return description;
    }
}
