package io.sparkgan.report;

import io.sparkgan.config.GanConfig;
import io.sparkgan.data.DataSource;
import io.sparkgan.dataset.DataSources;
import io.sparkgan.dataset.Preparation;
import io.sparkgan.dataset.PrepareOptions;
import io.sparkgan.dataset.ShardsInThisJvm;
import io.sparkgan.images.ImageShape;
import io.sparkgan.images.TestImages;
import io.sparkgan.model.GanModelSpec;
import io.sparkgan.run.TrainingRun;
import io.sparkgan.train.ReferencePhaseRunner;
import io.sparkgan.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/** Real tiny training runs (the single-JVM reference trainer) for the report tests. */
public final class TinyRuns {
    public static final Configuration CONF = new Configuration();

    private TinyRuns() {}

    /** Trains {@code hocon} (over small ring8 defaults) with the reference trainer into {@code output}; returns the run directory. */
    public static Path train(Path output, String hocon) {
        return train(output, hocon, List.of());
    }

    /** As {@link #train(Path, String)}, with extra training listeners. */
    public static Path train(Path output, String hocon, List<TrainingListener> listeners) {
        GanConfig cfg = GanConfig.parse("""
                run { output = "%s", name = ring8 }
                data { source = ring8, examples = 1000, partitions = 2 }
                model { latent-dim = 4, generator-hidden = [16], discriminator-hidden = [16] }
                train { rounds = 6, batch-per-partition = 32 }
                samples.every-rounds = 2
                log.progress = false
                """.formatted(output.toString().replace("\\", "/")) + hocon);
        DataSource data = DataSources.open(cfg.data(), cfg.run().seed(), CONF);
        GanModelSpec spec = cfg.model().spec(data);
        ReferencePhaseRunner runner = new ReferencePhaseRunner(spec, cfg.training(), data, cfg.data().partitions());
        TrainingRun.execute(cfg, data, spec, runner, "reference", Map.of(), listeners, null, CONF, null);
        return Path.of(cfg.run().directory().replaceFirst("^file:", ""));
    }

    /**
     * A prepared data set of 12 labelled 8x8 grey images in two classes ("dark", "light"), made from
     * PNGs with the real preparation code.
     */
    public static Path preparedImages(Path dir) throws IOException {
        Path input = dir.resolve("png");
        for (int i = 0; i < 12; i++) {
            String cls = i % 2 == 0 ? "dark" : "light";
            Path file = input.resolve(cls).resolve("img" + i + ".png");
            Files.createDirectories(file.getParent());
            int v = (i % 2 == 0 ? 30 : 200) + i;
            Files.write(file, TestImages.png(TestImages.filled(8, 8, (v << 16) | (v << 8) | v)));
        }
        Path out = dir.resolve("prepared");
        PrepareOptions options = new PrepareOptions(new ImageShape(8, 8, 1), PrepareOptions.LabelSource.FOLDER, 4,
                40_000_000L, 1L << 20);
        Preparation.run(List.of(input.toString()), out.toString(), options, CONF, ShardsInThisJvm.runner(options, CONF));
        return out;
    }
}
