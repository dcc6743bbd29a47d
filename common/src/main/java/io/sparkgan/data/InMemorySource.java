package io.sparkgan.data;

/** A data set already read into one block (e.g. a CSV file read on the driver). */
public final class InMemorySource implements DataSource {
    private static final long serialVersionUID = 1L;

    private final VectorBlock all;
    private final String description;

    public InMemorySource(VectorBlock all, String description) {
        this.all = all;
        this.description = description;
    }

    @Override
    public int dim() {
        return all.dim();
    }

    @Override
    public long size() {
        return all.rows();
    }

    @Override
    public VectorBlock partition(int index, int count) {
        int from = (int) DataSource.partitionStart(all.rows(), index, count);
        int to = (int) DataSource.partitionStart(all.rows(), index + 1, count);
        return all.slice(from, to);
    }

    @Override
    public int classes() {
        return all.classes();
    }

    @Override
    public String describe() {
        return description + " (" + all.rows() + " x " + all.dim() + ")";
    }
}
