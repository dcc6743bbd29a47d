package io.sparkgan.dataset;

import java.io.Serializable;

/**
 * One written shard as the preparing task reports it: file name (inside the generation
 * directory), image count, size, SHA-256 of the whole file, and pixel statistics.
 */
public record ShardInfo(String file, int count, long bytes, String sha256, PixelStatistics statistics)
        implements Serializable {
}
