package io.sparkgan.ml;

import io.sparkgan.data.ExampleBlock;
import java.io.Serializable;
import org.apache.spark.sql.Row;

/**
 * How the example column of one DataFrame partition becomes a training block, on the executor:
 * vectors as floats ({@link VectorColumn}), images decoded into uint8 pixels ({@link ImageColumn}).
 * Every value is checked as it is added; the first bad one fails the task naming the column and row.
 */
interface ExampleColumn extends Serializable {

    /** A collector for the rows of DataFrame partition {@code partition}. */
    Collector collector(int partition);

    /** The examples of one partition, in row order. */
    interface Collector {

        /**
         * Checks and appends the example in field 0 of {@code row}.
         *
         * @param row the selected row (example first)
         * @param n its index in the partition, counted from 0
         */
        void add(Row row, int n);

        /**
         * The block of the {@code n} rows added.
         *
         * @param n number of rows added (at least 1)
         * @param labels their labels, or null without labels
         * @param classes number of classes of labelled rows
         */
        ExampleBlock build(int n, int[] labels, int classes);
    }
}
