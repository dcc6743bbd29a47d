package io.sparkgan.dataset;

import java.io.Serializable;
import java.util.List;

/** One Spark task's share of a preparation; it becomes exactly one shard. */
public sealed interface InputItem extends Serializable {

    /** Number of input images the item covers (before rejections). */
    int size();

    /** Whether the item's images have labels. */
    boolean labelled();

    /**
     * Image files (PNG/JPEG), in data set order.
     *
     * @param uris file URIs
     * @param lengths size of each file from the listing (saves a status call per file)
     * @param labels class of each file, or null when unlabelled
     */
    record ImageFiles(List<String> uris, List<Long> lengths, List<Integer> labels) implements InputItem {
        public ImageFiles {
            uris = List.copyOf(uris);
            lengths = List.copyOf(lengths);
            if (lengths.size() != uris.size()) throw new IllegalArgumentException("one length per file");
            labels = labels == null ? null : List.copyOf(labels);
        }

        @Override
        public int size() {
            return uris.size();
        }

        @Override
        public boolean labelled() {
            return labels != null;
        }
    }

    /**
     * Images {@code [from, to)} of an IDX images file and the matching labels file (or null).
     */
    record IdxRange(String imagesUri, String labelsUri, int from, int to) implements InputItem {
        @Override
        public int size() {
            return to - from;
        }

        @Override
        public boolean labelled() {
            return labelsUri != null;
        }
    }
}
