package io.sparkgan.spark;

import io.sparkgan.data.DataSource;
import io.sparkgan.data.ExampleBlock;

/**
 * A CSV input read on the executors, as the trainer's data set: its size, example length and
 * classes. Its rows are in the cached blocks {@link CsvBlocks} built, not here.
 */
final class CsvSource implements DataSource {
    private static final long serialVersionUID = 1L;

    private final String description;
    private final int dim;
    private final long size;
    private final int classes;

    /**
     * @param description "csv PATH (n x dim)", as the same input read in one JVM describes itself
     * @param dim values per example
     * @param size number of examples
     * @param classes number of classes (0 without labels)
     */
    CsvSource(String description, int dim, long size, int classes) {
        this.description = description;
        this.dim = dim;
        this.size = size;
        this.classes = classes;
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
    public ExampleBlock partition(int index, int count) {
        throw new UnsupportedOperationException("the blocks of a CSV input are built on the executors (CsvBlocks);"
                + " this source holds no rows to partition again");
    }

    @Override
    public String describe() {
        return description;
    }
}
