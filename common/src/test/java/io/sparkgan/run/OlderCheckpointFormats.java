package io.sparkgan.run;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * Turns a current (format 8) checkpoint file into the bytes an older sparkgan wrote for the same
 * state, following the layout history in {@link Checkpoint}: format 7 lacks the clusters' feature
 * tag (the byte before the CRC when there are clusters; they were pixel clusters then); for a model
 * without clusters, format 6 lacks the clusters flag (the byte before the CRC), format 5 also the
 * training progress (1 + 8 + 8 bytes after the header ints), format 4 also the number of classes.
 */
public final class OlderCheckpointFormats {
    private static final int VERSION_AT = 6; // after the magic "SPKGAN"
    private static final int CLASSES_AT = VERSION_AT + 4 + 3 * 4; // after version, rounds, latent, data dim
    private static final int PROGRESS_AT = VERSION_AT + 4 + 6 * 4; // after the six header ints
    private static final int PROGRESS_BYTES = 1 + 8 + 8;

    private OlderCheckpointFormats() {}

    public static byte[] format7(byte[] format8) {
        int version = ByteBuffer.wrap(format8, VERSION_AT, 4).getInt();
        if (version != 8) throw new IllegalArgumentException("expected a format 8 checkpoint, got format " + version);
        io.sparkgan.clustering.Clusters clusters = Checkpoint.fromBytes(format8, "format 8").clusters();
        if (clusters == null) return withVersionAndCrc(format8.clone(), 7);
        if (!(clusters.features() instanceof io.sparkgan.clustering.ClusterFeatures.Pixels)) {
            throw new IllegalArgumentException("format 7 holds pixel clusters only, got " + clusters.features());
        }
        // format 8 adds the features' size before the centres and the map (tag 0 + example size) after them
        int mapAt = format8.length - 8 - 5;
        int featureDimAt = mapAt - clusters.centres().length * 4 - 4;
        return withVersionAndCrc(cut(cut(format8, mapAt, 5), featureDimAt, 4), 7);
    }

    public static byte[] format6(byte[] format8) {
        byte[] format7 = format7(format8);
        check(format7);
        if (format7[format7.length - 9] != 0) {
            throw new IllegalArgumentException("format 6 cannot hold clusters; use a checkpoint without them");
        }
        return withVersionAndCrc(cut(format7, format7.length - 9, 1), 6);
    }

    public static byte[] format5(byte[] format8) {
        return withVersionAndCrc(cut(format6(format8), PROGRESS_AT, PROGRESS_BYTES), 5);
    }

    public static byte[] format4(byte[] format8) {
        byte[] v5 = cut(format6(format8), PROGRESS_AT, PROGRESS_BYTES);
        return withVersionAndCrc(cut(v5, CLASSES_AT, 4), 4);
    }

    private static void check(byte[] file) {
        int version = ByteBuffer.wrap(file, VERSION_AT, 4).getInt();
        if (version != 7) throw new IllegalArgumentException("expected a format 7 checkpoint, got format " + version);
    }

    private static byte[] cut(byte[] bytes, int at, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.write(bytes, at + length, bytes.length - at - length);
        return out.toByteArray();
    }

    private static byte[] withVersionAndCrc(byte[] bytes, int version) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        b.putInt(VERSION_AT, version);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        b.putLong(bytes.length - 8, crc.getValue());
        return bytes;
    }
}
