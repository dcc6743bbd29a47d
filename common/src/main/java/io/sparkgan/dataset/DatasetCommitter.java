package io.sparkgan.dataset;

import io.sparkgan.util.AtomicFiles;
import io.sparkgan.util.CsvFiles;
import io.sparkgan.util.DataFormatException;
import io.sparkgan.util.Json;
import io.sparkgan.util.Versions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Owns the output directory of a preparation and makes a re-run all-or-nothing: shards of a new
 * preparation go to a fresh {@code shards-<generation>/} directory; only when all are written does
 * the manifest (naming them) replace the old one in one atomic rename, and only then are older
 * generations deleted. A crash at any point leaves the previous data set readable and whole.
 */
public final class DatasetCommitter {
    public static final String REJECTS = "rejects.csv";
    private static final String GENERATION_PREFIX = "shards-";

    private final Path root;
    private final FileSystem fs;
    private final Configuration conf;
    private final String generation;

    private DatasetCommitter(Path root, FileSystem fs, Configuration conf, String generation) {
        this.root = root;
        this.fs = fs;
        this.conf = conf;
        this.generation = generation;
    }

    /** Starts a new generation under {@code outUri} (created if missing). */
    public static DatasetCommitter begin(String outUri, Configuration conf) {
        Path root = new Path(outUri);
        try {
            FileSystem fs = root.getFileSystem(conf);
            if (fs.exists(root) && !fs.getFileStatus(root).isDirectory()) {
                throw new IllegalArgumentException("--out " + outUri + " exists and is not a directory");
            }
            root = fs.makeQualified(root);
            String generation = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                    .format(Instant.now()) + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
            DatasetCommitter c = new DatasetCommitter(root, fs, conf, generation);
            if (!fs.mkdirs(c.generationDir())) throw new IOException("mkdirs returned false");
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output " + outUri + ": " + e.getMessage(), e);
        }
    }

    /** The URI task {@code index} writes its shard to. */
    public String shardUri(int index) {
        return new Path(generationDir(), String.format("part-%05d.shard", index)).toString();
    }

    private Path generationDir() {
        return new Path(root, GENERATION_PREFIX + generation);
    }

    /**
     * Writes the rejects file and the manifest for the task results (in item order), then deletes
     * older generations. Refuses (and cleans up) a preparation with no usable image.
     */
    public DatasetManifest commit(List<String> sources, PrepareOptions options, InputPlanner.Plan plan,
                                  List<ShardTask.Result> results) {
        List<Rejection> rejections = new ArrayList<>(plan.rejections());
        List<DatasetManifest.Shard> shards = new ArrayList<>();
        PixelStatistics statistics = new PixelStatistics(options.shape().channels());
        long[] labelCounts = new long[256];
        long count = 0;
        for (ShardTask.Result r : results) {
            rejections.addAll(r.rejections());
            for (int k = 0; k < r.labelCounts().length; k++) labelCounts[k] += r.labelCounts()[k];
            if (r.shard() == null) continue;
            ShardInfo s = r.shard();
            shards.add(new DatasetManifest.Shard(GENERATION_PREFIX + generation + "/" + s.file(), s.count(), s.bytes(),
                    s.sha256()));
            statistics.merge(s.statistics());
            count += s.count();
        }
        try {
            if (count == 0) {
                abort();
                throw new DataFormatException(noImageMessage(sources, plan, rejections));
            }
            String rejectsFile = GENERATION_PREFIX + generation + "/" + REJECTS;
            CsvFiles.write(new Path(root, rejectsFile), conf, List.of("file", "reason"), csv -> {
                for (Rejection r : rejections) csv.printRecord(r.file(), r.reason());
            });
            boolean labelled = !plan.classes().isEmpty() && results.stream().allMatch(r -> r.labelCounts().length > 0);
            List<Long> classCounts = new ArrayList<>();
            if (labelled) for (int k = 0; k < plan.classes().size(); k++) classCounts.add(labelCounts[k]);
            DatasetManifest manifest = new DatasetManifest(DatasetManifest.FORMAT, DatasetManifest.VERSION, generation,
                    List.copyOf(sources), options.shape(), count, labelled, labelled ? plan.classes() : List.of(),
                    classCounts, statistics.mean(), statistics.std(),
                    DatasetManifest.checksumOf(options.shape(), shards), rejections.size(), rejectsFile, shards,
                    Instant.now().toString(), Versions.current().get("sparkgan"),
                    options.background().describe());
            AtomicFiles.write(new Path(root, DatasetManifest.FILE_NAME),
                    Json.pretty(manifest).getBytes(StandardCharsets.UTF_8), conf);
            deleteOtherGenerations();
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit prepared data set " + root + ": " + e.getMessage(), e);
        }
    }

    /** Deletes this generation's files (after a failure); the previous data set stays as it was. */
    public void abort() {
        try {
            fs.delete(generationDir(), true);
        } catch (IOException ignored) {
            // best effort: an orphan generation directory is deleted by the next successful run
        }
    }

    private void deleteOtherGenerations() throws IOException {
        for (FileStatus st : fs.listStatus(root)) {
            String name = st.getPath().getName();
            if (st.isDirectory() && name.startsWith(GENERATION_PREFIX) && !name.equals(GENERATION_PREFIX + generation)) {
                fs.delete(st.getPath(), true);
            }
        }
    }

    private static String noImageMessage(List<String> sources, InputPlanner.Plan plan, List<Rejection> rejections) {
        StringBuilder sb = new StringBuilder("no usable image in " + String.join(", ", sources) + ": ");
        if (plan.inputFiles() == 0) return sb.append("no files found").toString();
        sb.append(plan.inputFiles()).append(" files, ").append(rejections.size()).append(" rejected");
        for (int i = 0; i < Math.min(5, rejections.size()); i++) {
            sb.append("\n  ").append(rejections.get(i).file()).append(": ").append(rejections.get(i).reason());
        }
        if (rejections.size() > 5) sb.append("\n  ...");
        return sb.toString();
    }
}
