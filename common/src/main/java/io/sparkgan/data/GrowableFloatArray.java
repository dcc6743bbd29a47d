package io.sparkgan.data;

import java.util.Arrays;

/**
 * An append-only float buffer that doubles its capacity, so reading never boxes a value (CSV
 * rows, a DataFrame partition's vectors).
 */
public final class GrowableFloatArray {
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    private float[] values = new float[1024];
    private int size;

    /** Appends one value, growing the buffer when it is full. */
    public void add(float value) {
        if (size == values.length) grow();
        values[size++] = value;
    }

    /** Number of values appended so far. */
    public int size() {
        return size;
    }

    /** The values appended so far, in a new array of exactly {@link #size()} elements. */
    public float[] toArray() {
        return Arrays.copyOf(values, size);
    }

    private void grow() {
        if (values.length >= MAX_CAPACITY) {
            throw new IllegalStateException("more than " + MAX_CAPACITY
                    + " floats do not fit in one Java array; split the input into smaller files or partitions");
        }
        int next = (int) Math.min((long) values.length * 2, MAX_CAPACITY);
        values = Arrays.copyOf(values, next);
    }
}
