package io.sparkgan.train;

import io.sparkgan.data.DataSource;

/**
 * Where the contiguous slices of a vector begin when it is cut into nearly equal parts, the same cut
 * as a data set's partitions ({@link DataSource#partitionStart}): lengths differ by at most one, and
 * slices may be empty when the vector is shorter than their number.
 */
public final class SliceRanges {
    private SliceRanges() {}

    /**
     * The first index of slice {@code slice} (for {@code slice == slices}: {@code length}, the end).
     *
     * @param length the vector's length
     * @param slices how many slices (at least 1)
     * @param slice 0 .. slices
     */
    public static int start(int length, int slices, int slice) {
        if (slices < 1) throw new IllegalArgumentException("slices must be at least 1, got " + slices);
        if (length < 0) throw new IllegalArgumentException("length must be at least 0, got " + length);
        if (slice < 0 || slice > slices) {
            throw new IllegalArgumentException("slice " + slice + " is outside 0.." + slices);
        }
        return (int) DataSource.partitionStart(length, slice, slices);
    }
}
