package io.sparkgan.train;

/**
 * Where the contiguous slices of a vector begin when it is cut into nearly equal parts: the first
 * {@code length % slices} slices hold one value more than the rest, and slices may be empty when
 * the vector is shorter than their number.
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
        int base = length / slices;
        int longer = length % slices;
        return slice * base + Math.min(slice, longer);
    }
}
