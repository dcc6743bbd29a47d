package io.sparkgan.spark;

import io.sparkgan.data.DataSource;
import org.apache.spark.Partitioner;

/**
 * Sends the example with global index {@code i} (a {@code Long} key) to the training partition
 * that holds it: partition p of P holds examples [p*n/P, (p+1)*n/P), as {@link DataSource} defines.
 */
final class RowRangePartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;

    private final long size;
    private final int partitions;

    /**
     * @param size number of examples n
     * @param partitions number of partitions P (at most n)
     */
    RowRangePartitioner(long size, int partitions) {
        if (partitions < 1 || partitions > size) {
            throw new IllegalArgumentException("need 1 <= partitions <= examples, got " + partitions + " partitions for "
                    + size + " examples");
        }
        this.size = size;
        this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    @Override
    public int getPartition(Object key) {
        return partitionOf((Long) key);
    }

    /** The partition holding example {@code index}. */
    int partitionOf(long index) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("example " + index + " is outside [0, " + size + ")");
        }
        int p = (int) Math.min(partitions - 1, Math.floorDiv(Math.multiplyExact(index, (long) partitions), size));
        while (p > 0 && DataSource.partitionStart(size, p, partitions) > index) p--;
        while (p < partitions - 1 && DataSource.partitionStart(size, p + 1, partitions) <= index) p++;
        return p;
    }

    /** The first example after the partition holding example {@code index}. */
    long partitionEnd(long index) {
        return DataSource.partitionStart(size, partitionOf(index) + 1, partitions);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RowRangePartitioner r && r.size == size && r.partitions == partitions;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(size) * 31 + partitions;
    }
}
