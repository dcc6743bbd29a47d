package io.sparkgan.config;

import java.io.Serializable;
import java.util.Locale;

/**
 * The training data.
 *
 * @param source which data set
 * @param examples number of examples of a generated source
 * @param path file or directory URI of a csv source
 * @param partitions Spark partitions of the training data
 * @param dimension size of a blobs example
 * @param blobCount number of blobs clusters
 */
public record DataSettings(Source source, long examples, String path, int partitions, int dimension, int blobCount)
        implements Serializable {

    /** Data sets sparkgan knows. */
    public enum Source {
        RING8, GRID25, GAUSSIAN2D, BLOBS, CSV;

        public boolean isGenerated() {
            return this != CSV;
        }

        public static Source parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown data source '" + s + "'; use ring8, grid25, gaussian2d, blobs or csv");
            }
        }

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
