package io.sparkgan.config;

import java.io.Serializable;
import io.sparkgan.util.EnumNames;

/**
 * The training data.
 *
 * @param source which data set
 * @param examples number of examples of a generated source
 * @param path file or directory URI of a csv source, or the directory of a prepared image data set
 * @param partitions Spark partitions of the training data
 * @param dimension size of a blobs example
 * @param blobCount number of blobs clusters
 * @param labelColumn csv: the column holding each example's class label ("" = none; a number counting
 *                    from 1, or a header name)
 */
public record DataSettings(Source source, long examples, String path, int partitions, int dimension, int blobCount,
                           String labelColumn) implements Serializable {

    /** Without a label column. */
    public DataSettings(Source source, long examples, String path, int partitions, int dimension, int blobCount) {
        this(source, examples, path, partitions, dimension, blobCount, "");
    }

    /** Data sets sparkgan knows. */
    public enum Source {
        RING8, GRID25, GAUSSIAN2D, BLOBS, CSV, IMAGES,
        /**
         * A Spark DataFrame handed to {@code io.sparkgan.ml.GanEstimator.fit}: set by the estimator in
         * the run's config, so a run directory says where its data came from; the command line cannot
         * open it.
         */
        DATAFRAME;

        public boolean isGenerated() {
            return this != CSV && this != IMAGES && this != DATAFRAME;
        }

        public static Source parse(String s) {
            return EnumNames.parse(Source.class, s, "data source");
        }

        public String configName() {
            return EnumNames.configName(this);
        }
    }
}
