package io.sparkgan.dataset;

import io.sparkgan.data.DataSource;
import io.sparkgan.images.ImageShape;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * A prepared image data set as training data. Example {@code i} is image {@code i} in manifest
 * order, so partition {@code p} of {@code P} is the same run of images whatever the shard
 * layout; it becomes a {@link MappedImageBlock} over the shards it touches, opened where it is
 * used (on an executor: copied from a remote filesystem once per machine, then mapped).
 */
public final class ShardedImageSource implements DataSource {
    private static final long serialVersionUID = 1L;

    private final String uri;
    private final DatasetManifest manifest;
    private final List<String> shardUris;
    private final HadoopConf conf;

    public ShardedImageSource(PreparedDataset dataset, Configuration conf) {
        this.uri = dataset.uri();
        this.manifest = dataset.manifest();
        List<String> uris = new ArrayList<>();
        for (DatasetManifest.Shard s : manifest.shards()) uris.add(dataset.shardUri(s));
        this.shardUris = List.copyOf(uris);
        this.conf = new HadoopConf(conf);
    }

    public DatasetManifest manifest() {
        return manifest;
    }

    @Override
    public int dim() {
        return manifest.shape().pixels();
    }

    @Override
    public long size() {
        return manifest.count();
    }

    @Override
    public MappedImageBlock partition(int index, int count) {
        long start = DataSource.partitionStart(size(), index, count);
        long end = DataSource.partitionStart(size(), index + 1, count);
        List<MappedImageBlock.Segment> segments = new ArrayList<>();
        long shardStart = 0;
        for (int s = 0; s < manifest.shards().size() && shardStart < end; s++) {
            DatasetManifest.Shard shard = manifest.shards().get(s);
            long shardEnd = shardStart + shard.count();
            long from = Math.max(start, shardStart);
            long to = Math.min(end, shardEnd);
            if (from < to) {
                segments.add(new MappedImageBlock.Segment(shardUris.get(s), shard.sha256(), shard.bytes(), shard.count(),
                        (int) (from - shardStart), (int) (to - shardStart)));
            }
            shardStart = shardEnd;
        }
        return new MappedImageBlock(segments, manifest.shape(), manifest.labelled(), conf);
    }

    /** The manifest's number of classes if the images are labelled, else 0. */
    @Override
    public int classes() {
        return manifest.labelled() ? manifest.classes().size() : 0;
    }

    @Override
    public ImageShape imageShape() {
        return manifest.shape();
    }

    @Override
    public String describe() {
        return "images " + uri + " (" + manifest.describe() + ", sha256 " + manifest.checksum() + ")";
    }
}
