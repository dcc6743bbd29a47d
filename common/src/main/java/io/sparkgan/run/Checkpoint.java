package io.sparkgan.run;

import io.sparkgan.train.TrainingProgress;
import io.sparkgan.train.TrainingState;
import io.sparkgan.optim.Optimizer;
import io.sparkgan.optim.OptimizerSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import io.sparkgan.nn.FlatVector;
import io.sparkgan.clustering.Clusters;

/**
 * The trained state in one self-checking binary file: both networks' parameters and batch-norm
 * statistics, both optimisers' state and step counts, the moving average of G, rounds done, the
 * sizes that tie it to its model and the run identity (seed, config, model and data
 * fingerprints). Round and seed are all the random streams need to continue: every draw is keyed
 * by (seed, round, phase, partition, step). Layout (big-endian): magic "SPKGAN", format version,
 * header, identity, arrays, CRC32 of everything before it.
 *
 * @param roundsDone rounds completed
 * @param latentDim size of z of the model
 * @param dataDim size of an example of the model
 * @param classes number of classes of a class-conditional model, 0 for an unconditional one
 * @param thetaG generator parameters
 * @param thetaD discriminator parameters
 * @param generatorOptimizerState G's optimiser state or null
 * @param generatorIteration G's optimiser step count
 * @param discriminatorOptimizerState D's optimiser state or null
 * @param discriminatorIteration D's optimiser step count
 * @param buffersG G's batch-norm running statistics (empty without batch norm)
 * @param buffersD D's batch-norm running statistics
 * @param generatorAverage moving average of G's parameters, or null
 * @param identity what the state belongs to, or null (tests)
 * @param progress examples seen and training time up to {@code roundsDone}, or null when unknown (a
 *                 file of format 4 or 5, written before the checkpoint kept them)
 * @param clusters a self-conditioned model's k-means clusters (its classes), or null
 */
public record Checkpoint(int roundsDone, int latentDim, int dataDim, int classes, FlatVector thetaG, FlatVector thetaD,
                         FlatVector generatorOptimizerState, int generatorIteration,
                         FlatVector discriminatorOptimizerState, int discriminatorIteration, FlatVector buffersG,
                         FlatVector buffersD, FlatVector generatorAverage, RunIdentity identity,
                         TrainingProgress progress, Clusters clusters) {
    private static final byte[] MAGIC = {'S', 'P', 'K', 'G', 'A', 'N'};
    /**
     * Version 8 added the clusters' feature map (model.cluster-features); version 7 a
     * self-conditioned model's clusters (after the arrays); version 6 the training progress
     * (examples seen, training time); version 5 the number of classes. Versions 4 (unconditional
     * models) and 5 are still read, with an unknown progress, 6, without clusters, and 7, whose
     * clusters are pixel clusters.
     */
    private static final int VERSION = 8;
    private static final int VERSION_WITHOUT_CLUSTER_FEATURES = 7;
    private static final int VERSION_WITHOUT_CLUSTERS = 6;
    private static final int VERSION_WITHOUT_PROGRESS = 5;
    private static final int VERSION_WITHOUT_CLASSES = 4;

    /** A checkpoint whose training progress is unknown (as read from a format 4 or 5 file). */
    public Checkpoint(int roundsDone, int latentDim, int dataDim, int classes, FlatVector thetaG, FlatVector thetaD,
                      FlatVector generatorOptimizerState, int generatorIteration,
                      FlatVector discriminatorOptimizerState, int discriminatorIteration, FlatVector buffersG,
                      FlatVector buffersD, FlatVector generatorAverage, RunIdentity identity) {
        this(roundsDone, latentDim, dataDim, classes, thetaG, thetaD, generatorOptimizerState, generatorIteration,
                discriminatorOptimizerState, discriminatorIteration, buffersG, buffersD, generatorAverage, identity, null,
                null);
    }

    /** A snapshot (copies) of an unconditional model's trainer state without a run identity. */
    public static Checkpoint of(TrainingState s, int latentDim, int dataDim) {
        return of(s, latentDim, dataDim, null);
    }

    /** A snapshot (copies) of an unconditional model's trainer state of the run {@code identity}. */
    public static Checkpoint of(TrainingState s, int latentDim, int dataDim, RunIdentity identity) {
        return of(s, latentDim, dataDim, 0, identity);
    }

    /**
     * A snapshot (copies) of the trainer's state of the run {@code identity} (or null).
     *
     * @param s the trainer's state
     * @param latentDim size of z
     * @param dataDim size of an example
     * @param classes number of classes of a class-conditional model, 0 for an unconditional one
     * @param identity the run, or null
     */
    public static Checkpoint of(TrainingState s, int latentDim, int dataDim, int classes, RunIdentity identity) {
        return of(s, latentDim, dataDim, classes, identity, null);
    }

    /**
     * A snapshot (copies) of the trainer's state of the run {@code identity} (or null).
     *
     * @param s the trainer's state
     * @param latentDim size of z
     * @param dataDim size of an example
     * @param classes number of classes of a class-conditional model, 0 for an unconditional one
     * @param identity the run, or null
     * @param clusters a self-conditioned model's clusters (its {@code classes} classes), or null
     */
    public static Checkpoint of(TrainingState s, int latentDim, int dataDim, int classes, RunIdentity identity,
                                Clusters clusters) {
        if (clusters != null && clusters.classes() != classes) {
            throw new IllegalArgumentException(clusters.classes() + " clusters cannot be the classes of a model with "
                    + classes);
        }
        return new Checkpoint(s.roundsDone(), latentDim, dataDim, classes, s.thetaG().copy(), s.thetaD().copy(),
                copyOrNull(s.generatorOptimizer().state()), s.generatorOptimizer().iteration(),
                copyOrNull(s.discriminatorOptimizer().state()), s.discriminatorOptimizer().iteration(),
                s.buffersG().copy(), s.buffersD().copy(), copyOrNull(s.generatorAverage()), identity, s.progress(),
                clusters);
    }

    /** Whether every saved number is finite (a diverged state must never be saved as good). */
    public boolean isFinite() {
        for (FlatVector a : arrays()) {
            if (a != null && !a.isFinite()) return false;
        }
        return true;
    }

    private FlatVector[] arrays() {
        return new FlatVector[] {thetaG, thetaD, generatorOptimizerState, discriminatorOptimizerState, buffersG,
            buffersD, generatorAverage};
    }

    /** This checkpoint without the moving average of G, so that G itself is sampled. */
    public Checkpoint withoutGeneratorAverage() {
        return new Checkpoint(roundsDone, latentDim, dataDim, classes, thetaG, thetaD, generatorOptimizerState, generatorIteration,
                discriminatorOptimizerState, discriminatorIteration, buffersG, buffersD, null, identity, progress,
                clusters);
    }

    /**
     * Rebuilds a trainer state with optimisers of the given settings. An unknown progress (older
     * format) starts at zero here; {@link TrainingRun} recovers it from metrics.jsonl when it can.
     */
    public TrainingState toState(OptimizerSettings generatorSettings, OptimizerSettings discriminatorSettings) {
        Optimizer g = new Optimizer(generatorSettings, thetaG.length(), thetaG.dataType());
        g.restore(generatorOptimizerState, generatorIteration);
        Optimizer d = new Optimizer(discriminatorSettings, thetaD.length(), thetaD.dataType());
        d.restore(discriminatorOptimizerState, discriminatorIteration);
        TrainingState state = new TrainingState(thetaG.copy(), thetaD.copy(), buffersG.copy(), buffersD.copy(), g, d,
                roundsDone);
        state.restoreGeneratorAverage(copyOrNull(generatorAverage));
        if (progress != null) state.restoreProgress(progress);
        return state;
    }

    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(roundsDone);
            out.writeInt(latentDim);
            out.writeInt(dataDim);
            out.writeInt(classes);
            out.writeInt(generatorIteration);
            out.writeInt(discriminatorIteration);
            writeProgress(out, progress);
            writeIdentity(out, identity);
            for (FlatVector a : arrays()) writeArray(out, a);
            out.writeBoolean(clusters != null);
            if (clusters != null) clusters.write(out);
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a checkpoint; a damaged file fails with a message naming {@code source}. */
    public static Checkpoint fromBytes(byte[] data, String source) {
        if (data.length < MAGIC.length + 8) throw corrupt(source, "file is too short (" + data.length + " bytes)");
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length - 8);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC)) throw corrupt(source, "not a sparkgan checkpoint");
            int version = in.readInt();
            if (version < VERSION_WITHOUT_CLASSES || version > VERSION) {
                throw corrupt(source, "format version " + version + ", this build reads " + VERSION_WITHOUT_CLASSES
                        + " to " + VERSION + (version > VERSION ? "; it was written by a newer sparkgan" : ""));
            }
            long stored = ByteBuffer.wrap(data, data.length - 8, 8).getLong();
            if (stored != crc.getValue()) throw corrupt(source, "checksum mismatch (truncated or damaged file)");
            int rounds = in.readInt();
            int latent = in.readInt();
            int dim = in.readInt();
            int classes = version == VERSION_WITHOUT_CLASSES ? 0 : in.readInt();
            int gIter = in.readInt();
            int dIter = in.readInt();
            TrainingProgress progress = version <= VERSION_WITHOUT_PROGRESS ? null : readProgress(in);
            RunIdentity identity = readIdentity(in);
            FlatVector g = readArray(in);
            FlatVector d = readArray(in);
            FlatVector gs = readArray(in);
            FlatVector ds = readArray(in);
            FlatVector bg = readArray(in);
            FlatVector bd = readArray(in);
            FlatVector average = readArray(in);
            Clusters clusters = version > VERSION_WITHOUT_CLUSTERS && in.readBoolean()
                    ? Clusters.read(in, version > VERSION_WITHOUT_CLUSTER_FEATURES) : null;
            return new Checkpoint(rounds, latent, dim, classes, g, d, gs, gIter, ds, dIter, bg, bd, average, identity,
                    progress, clusters);
        } catch (IOException e) {
            throw corrupt(source, e.toString());
        }
    }

    private static IllegalStateException corrupt(String source, String why) {
        return new IllegalStateException("checkpoint " + source + " is unusable: " + why);
    }

    private static void writeProgress(DataOutputStream out, TrainingProgress progress) throws IOException {
        out.writeBoolean(progress != null);
        out.writeLong(progress == null ? 0 : progress.examplesSeen());
        out.writeDouble(progress == null ? 0 : progress.elapsedSeconds());
    }

    private static TrainingProgress readProgress(DataInputStream in) throws IOException {
        boolean known = in.readBoolean();
        long examples = in.readLong();
        double seconds = in.readDouble();
        return known ? new TrainingProgress(examples, seconds) : null;
    }

    private static void writeIdentity(DataOutputStream out, RunIdentity identity) throws IOException {
        out.writeBoolean(identity != null);
        if (identity == null) return;
        out.writeLong(identity.seed());
        for (String text : new String[] {identity.config(), identity.model().text(), identity.data().text()}) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }
    }

    private static RunIdentity readIdentity(DataInputStream in) throws IOException {
        if (!in.readBoolean()) return null;
        long seed = in.readLong();
        String[] texts = new String[3];
        for (int i = 0; i < texts.length; i++) {
            byte[] utf8 = new byte[in.readInt()];
            in.readFully(utf8);
            texts[i] = new String(utf8, StandardCharsets.UTF_8);
        }
        return new RunIdentity(seed, texts[0], Fingerprint.parse(texts[1]), Fingerprint.parse(texts[2]));
    }

    // Arrays go through a ByteBuffer in bulk rather than a stream call per number: a DCGAN's
    // state is millions of numbers.
    private static void writeArray(DataOutputStream out, FlatVector a) throws IOException {
        if (a == null) {
            out.writeByte(0);
            return;
        }
        boolean isDouble = a.doubles() != null;
        out.writeByte(isDouble ? 2 : 1);
        out.writeLong(a.length());
        ByteBuffer buffer = ByteBuffer.allocate(a.length() * (isDouble ? 8 : 4));
        if (isDouble) buffer.asDoubleBuffer().put(a.doubles());
        else buffer.asFloatBuffer().put(a.floats());
        out.write(buffer.array());
    }

    private static FlatVector readArray(DataInputStream in) throws IOException {
        byte kind = in.readByte();
        if (kind == 0) return null;
        int n = Math.toIntExact(in.readLong());
        ByteBuffer buffer = ByteBuffer.wrap(in.readNBytes(Math.multiplyExact(n, kind == 2 ? 8 : 4)));
        if (buffer.capacity() < n * (kind == 2 ? 8 : 4)) throw new IOException("array ends early");
        if (kind == 2) {
            double[] v = new double[n];
            buffer.asDoubleBuffer().get(v);
            return FlatVector.wrap(v);
        }
        float[] v = new float[n];
        buffer.asFloatBuffer().get(v);
        return FlatVector.wrap(v);
    }

    private static FlatVector copyOrNull(FlatVector a) {
        return a == null ? null : a.copy();
    }
}
