package io.sparkgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkgan.config.GanConfig;
import io.sparkgan.data.DataSource;
import io.sparkgan.dataset.DataSources;
import io.sparkgan.model.DcganSpec;
import io.sparkgan.model.GanModelSpec;
import io.sparkgan.nn.FlatVector;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Golden values: short unconditional runs (an MLP on ring8, a small DCGAN with batch norm on blobs)
 * must end with exactly the parameters, batch-norm buffers and optimiser states they had before
 * class-conditional training was added (pinned on commit 081487f). Any change to the unconditional
 * random draws or arithmetic shows here.
 */
class UnconditionalGoldenTest {

    @Test
    void shortMlpRunIsBitIdenticalToBeforeConditionalGans() {
        GanConfig cfg = GanConfig.parse("""
                data { source = ring8, examples = 2000, partitions = 2 }
                model { latent-dim = 4, generator-hidden = [16], discriminator-hidden = [16] }
                train { rounds = 3, batch-per-partition = 32, critic-steps = 2 }
                """);
        GanModelSpec spec = cfg.model().spec(2);
        DataSource data = DataSources.open(cfg.data(), 1, new Configuration());
        TrainingState state = new GanTrainer(cfg.training(), new ReferencePhaseRunner(spec, cfg.training(), data, 2),
                List.of()).train(TrainingState.initial(spec, cfg.training()));
        assertEquals("a32c4c5a5edb6c35247f223c7d5f699d7927d218df06a1ca36e34bb58cbdbe60", fingerprint(state));
    }

    @Test
    void shortDcganRunIsBitIdenticalToBeforeConditionalGans() {
        GanConfig cfg = GanConfig.parse("""
                data { source = blobs, dimension = 64, blob-count = 3, examples = 400, partitions = 2 }
                model { latent-dim = 4 }
                train { rounds = 2, batch-per-partition = 8 }
                """);
        GanModelSpec spec = DcganSpec.radford(8, 1, 4, 2, DataType.FLOAT);
        DataSource data = DataSources.open(cfg.data(), 1, new Configuration());
        TrainingState state = new GanTrainer(cfg.training(), new ReferencePhaseRunner(spec, cfg.training(), data, 2),
                List.of()).train(TrainingState.initial(spec, cfg.training()));
        assertEquals("cbb81c1db5c3057ab8b63ebddb711598c66babd615fbe02484b00288ee3f0f91", fingerprint(state));
    }

    private static String fingerprint(TrainingState s) {
        MessageDigest sha = sha256();
        for (FlatVector v : new FlatVector[] {s.thetaG(), s.thetaD(), s.buffersG(), s.buffersD(),
            s.generatorOptimizer().state(), s.discriminatorOptimizer().state()}) {
            if (v == null) continue;
            float[] f = v.floats();
            ByteBuffer b = ByteBuffer.allocate(4 * f.length);
            for (float x : f) b.putFloat(x);
            sha.update(b.array());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
