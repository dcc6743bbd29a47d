package io.sparkgan.run;

import io.sparkgan.train.TrainingState;
import io.sparkgan.optim.Optimizer;
import io.sparkgan.optim.OptimizerSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;
import io.sparkgan.nn.FlatVector;

/**
 * The trained state in one self-checking binary file: both networks' parameters, both
 * optimisers' state and step counts, rounds done, and the sizes that tie it to its model. Layout
 * (big-endian): magic "SPKGAN", format version, header, arrays, CRC32 of everything before it.
 *
 * @param roundsDone rounds completed
 * @param latentDim size of z of the model
 * @param dataDim size of an example of the model
 * @param thetaG generator parameters
 * @param thetaD discriminator parameters
 * @param generatorOptimizerState G's optimiser state or null
 * @param generatorIteration G's optimiser step count
 * @param discriminatorOptimizerState D's optimiser state or null
 * @param discriminatorIteration D's optimiser step count
 * @param buffersG G's batch-norm running statistics (empty without batch norm)
 * @param buffersD D's batch-norm running statistics
 * @param generatorAverage moving average of G's parameters, or null
 */
public record Checkpoint(int roundsDone, int latentDim, int dataDim, FlatVector thetaG, FlatVector thetaD,
                         FlatVector generatorOptimizerState, int generatorIteration,
                         FlatVector discriminatorOptimizerState, int discriminatorIteration, FlatVector buffersG,
                         FlatVector buffersD, FlatVector generatorAverage) {
    private static final byte[] MAGIC = {'S', 'P', 'K', 'G', 'A', 'N'};
    private static final int VERSION = 3;

    /** A snapshot (copies) of the trainer's state. */
    public static Checkpoint of(TrainingState s, int latentDim, int dataDim) {
        return new Checkpoint(s.roundsDone(), latentDim, dataDim, s.thetaG().copy(), s.thetaD().copy(),
                copyOrNull(s.generatorOptimizer().state()), s.generatorOptimizer().iteration(),
                copyOrNull(s.discriminatorOptimizer().state()), s.discriminatorOptimizer().iteration(),
                s.buffersG().copy(), s.buffersD().copy(), copyOrNull(s.generatorAverage()));
    }

    /** The generator parameters to sample with: the moving average when one was kept. */
    public FlatVector samplingGenerator() {
        return generatorAverage != null ? generatorAverage : thetaG;
    }

    /** Rebuilds a trainer state with optimisers of the given settings. */
    public TrainingState toState(OptimizerSettings generatorSettings, OptimizerSettings discriminatorSettings) {
        Optimizer g = new Optimizer(generatorSettings, thetaG.length(), thetaG.dataType());
        g.restore(generatorOptimizerState, generatorIteration);
        Optimizer d = new Optimizer(discriminatorSettings, thetaD.length(), thetaD.dataType());
        d.restore(discriminatorOptimizerState, discriminatorIteration);
        TrainingState state = new TrainingState(thetaG.copy(), thetaD.copy(), buffersG.copy(), buffersD.copy(), g, d,
                roundsDone);
        state.restoreGeneratorAverage(copyOrNull(generatorAverage));
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
            out.writeInt(generatorIteration);
            out.writeInt(discriminatorIteration);
            for (FlatVector a : new FlatVector[] {thetaG, thetaD, generatorOptimizerState, discriminatorOptimizerState,
                buffersG, buffersD, generatorAverage}) {
                writeArray(out, a);
            }
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
            if (version != VERSION) throw corrupt(source, "format version " + version + ", this build reads " + VERSION);
            long stored = java.nio.ByteBuffer.wrap(data, data.length - 8, 8).getLong();
            if (stored != crc.getValue()) throw corrupt(source, "checksum mismatch (truncated or damaged file)");
            int rounds = in.readInt();
            int latent = in.readInt();
            int dim = in.readInt();
            int gIter = in.readInt();
            int dIter = in.readInt();
            FlatVector g = readArray(in);
            FlatVector d = readArray(in);
            FlatVector gs = readArray(in);
            FlatVector ds = readArray(in);
            FlatVector bg = readArray(in);
            FlatVector bd = readArray(in);
            FlatVector average = readArray(in);
            return new Checkpoint(rounds, latent, dim, g, d, gs, gIter, ds, dIter, bg, bd, average);
        } catch (IOException e) {
            throw corrupt(source, e.toString());
        }
    }

    private static IllegalStateException corrupt(String source, String why) {
        return new IllegalStateException("checkpoint " + source + " is unusable: " + why);
    }

    private static void writeArray(DataOutputStream out, FlatVector a) throws IOException {
        if (a == null) {
            out.writeByte(0);
            return;
        }
        boolean isDouble = a.doubles() != null;
        out.writeByte(isDouble ? 2 : 1);
        out.writeLong(a.length());
        if (isDouble) {
            for (double v : a.doubles()) out.writeDouble(v);
        } else {
            for (float v : a.floats()) out.writeFloat(v);
        }
    }

    private static FlatVector readArray(DataInputStream in) throws IOException {
        byte kind = in.readByte();
        if (kind == 0) return null;
        int n = Math.toIntExact(in.readLong());
        if (kind == 2) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = in.readDouble();
            return FlatVector.wrap(v);
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = in.readFloat();
        return FlatVector.wrap(v);
    }

    private static FlatVector copyOrNull(FlatVector a) {
        return a == null ? null : a.copy();
    }
}
