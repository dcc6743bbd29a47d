package io.sparkgan.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sparkgan.data.VectorBlock;
import io.sparkgan.report.TinyRuns;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which generator a finished run's sampler draws from. */
class SamplerTest {
    @TempDir
    Path dir;

    @Test
    void aRunWithAMovingAverageSamplesItAndTheLiveGeneratorOnRequest() {
        Path run = TinyRuns.train(dir, "train.generator-ema-decay = 0.5\n");
        Sampler sampler = Sampler.forRun(run.toString(), TinyRuns.CONF);
        Checkpoint ckpt = sampler.checkpoint();
        assertNotNull(ckpt.generatorAverage());
        Sampler live = sampler.withLiveGenerator();
        assertNull(live.checkpoint().generatorAverage());
        assertArrayEquals(ckpt.thetaG().floats(), live.checkpoint().thetaG().floats());

        VectorBlock fromAverage = sampler.generate(50, 3);
        VectorBlock fromLive = live.generate(50, 3);
        assertFalse(Arrays.equals(fromAverage.values(), fromLive.values()), "the average is not the last G");
        assertArrayEquals(fromLive.values(), live.generate(50, 3).values(), "same seed, same samples");
    }

    @Test
    void theChunkSizeDoesNotChangeTheSamples() {
        Sampler sampler = Sampler.forRun(TinyRuns.train(dir, "").toString(), TinyRuns.CONF);
        float[] whole = sampler.generate(37, 5).values();
        float[] byTen = sampler.generate(37, 5, 10).values();
        // batch-norm G in eval mode: rows are independent, so chunking changes nothing up to float rounding
        assertEquals(whole.length, byTen.length);
        for (int i = 0; i < whole.length; i++) assertEquals(whole[i], byTen[i], 1e-5f, "value " + i);
        assertFalse(Arrays.equals(whole, sampler.generate(37, 6, 10).values()), "another seed, other samples");
    }
}
