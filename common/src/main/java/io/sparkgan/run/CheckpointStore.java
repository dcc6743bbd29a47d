package io.sparkgan.run;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory of checkpoints named by round ({@code round-000500.ckpt}) on any Hadoop filesystem.
 * Each file is written under a temporary name and renamed; older files are deleted only after a
 * newer one is in place, so a crash at any moment leaves at least one complete checkpoint.
 */
public final class CheckpointStore {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final Pattern NAME = Pattern.compile("round-(\\d+)\\.ckpt");
    /** Suffix given to a damaged checkpoint found when resuming, so it no longer counts as newest. */
    static final String DAMAGED_SUFFIX = ".damaged";

    private final RunFiles dir;

    private CheckpointStore(RunFiles dir) {
        this.dir = dir;
    }

    /** The store at {@code uri}, created if missing; fails at once if it cannot be created. */
    public static CheckpointStore create(String uri, Configuration conf) {
        return new CheckpointStore(RunFiles.openOrCreate(uri, conf));
    }

    /** An existing store. */
    public static CheckpointStore open(String uri, Configuration conf) {
        return new CheckpointStore(RunFiles.open(uri, conf));
    }

    /** The file name of round {@code round}'s checkpoint. */
    public static String fileName(int round) {
        return String.format("round-%06d.ckpt", round);
    }

    public String uri() {
        return dir.uri();
    }

    public String uri(int round) {
        return dir.path(fileName(round)).toString();
    }

    /** Rounds that have a checkpoint file, oldest first. */
    public List<Integer> rounds() {
        List<Integer> rounds = new ArrayList<>();
        for (String name : dir.list()) {
            Matcher m = NAME.matcher(name);
            if (m.matches()) rounds.add(Integer.parseInt(m.group(1)));
        }
        rounds.sort(Comparator.naturalOrder());
        return rounds;
    }

    /** Writes {@code checkpoint} atomically, then deletes all but the newest {@code keep}. */
    public void write(Checkpoint checkpoint, int keep) {
        dir.write(fileName(checkpoint.roundsDone()), checkpoint.toBytes());
        List<Integer> rounds = rounds();
        for (int i = 0; i < rounds.size() - keep; i++) dir.delete(fileName(rounds.get(i)));
    }

    /** Reads and checks round {@code round}'s checkpoint; a damaged file fails naming it. */
    public Checkpoint read(int round) {
        byte[] bytes;
        try {
            bytes = dir.read(fileName(round));
        } catch (UncheckedIOException e) {
            // A filesystem with checksums of its own (HDFS, Hadoop's local FS with .crc files) finds
            // the damage before our CRC does: the same verdict.
            if (!(e.getCause() instanceof ChecksumException)) throw e;
            throw new IllegalStateException("checkpoint " + uri(round) + " is unusable: " + e.getCause().getMessage(), e);
        }
        return Checkpoint.fromBytes(bytes, uri(round));
    }

    /**
     * The newest checkpoint that reads back with a valid checksum, or null if there is none. Newer
     * damaged files are logged as WARN with the reason and renamed to *.damaged (kept for a
     * post-mortem, out of the way of later checkpoints); {@code skipped} gets one line each.
     */
    public Checkpoint newestValid(List<String> skipped) {
        List<Integer> rounds = rounds();
        for (int i = rounds.size() - 1; i >= 0; i--) {
            try {
                return read(rounds.get(i));
            } catch (IllegalStateException e) {
                String name = fileName(rounds.get(i));
                String line = e.getMessage() + "; renamed it to " + name + DAMAGED_SUFFIX
                        + " and am trying the previous checkpoint";
                LOG.warn(line);
                skipped.add(line);
                dir.rename(name, name + DAMAGED_SUFFIX);
            }
        }
        return null;
    }
}
