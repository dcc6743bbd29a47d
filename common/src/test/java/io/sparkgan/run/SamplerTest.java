package io.sparkgan.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void tooManySamplesForOneArrayAreRefusedWithTheLargestNumberThatFits() {
        Sampler sampler = Sampler.forRun(TinyRuns.train(dir, "").toString(), TinyRuns.CONF);
        int d = sampler.spec().dataDim();
        int n = Integer.MAX_VALUE / d + 1; // n x d overflows an int
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sampler.generate(n, 1));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("at most (\\d+) samples fit").matcher(e.getMessage());
        assertTrue(m.find(), e.getMessage());
        long largest = Long.parseLong(m.group(1));
        assertTrue(largest * d <= Integer.MAX_VALUE && (largest + 1) * d > Integer.MAX_VALUE - 8,
                "the largest n that fits, for " + d + " values per sample: " + e.getMessage());
        assertTrue(e.getMessage().contains(n + " samples of " + d + " values"), e.getMessage());
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
