package io.sparkgan.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.config.GanConfig;
import io.sparkgan.data.DataSource;
import io.sparkgan.data.DataSources;
import io.sparkgan.model.DcganSpec;
import io.sparkgan.model.DiscriminatorNorm;
import io.sparkgan.model.GanModelSpec;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * GanTrainer with the single-JVM reference runner and with the threaded runner against
 * {@link PlainLoopTrainer}, which shares no code with them: G, D and both networks' batch-norm or
 * spectral-norm buffers, in sync and average mode, with and without batch norm.
 */
class PlainLoopReferenceTest {
    private static final String MLP = """
            run.seed = 7
            data { source = ring8, examples = 2000, partitions = 3 }
            model { latent-dim = 4, generator-hidden = [16], discriminator-hidden = [16] }
            train { rounds = 4, batch-per-partition = 32, critic-steps = 2 }
            """;
    private static final String DCGAN = """
            run.seed = 3
            data { source = blobs, dimension = 256, blob-count = 3, examples = 400, partitions = 2 }
            train { rounds = 3, batch-per-partition = 8, critic-steps = 2 }
            """;

    private static final Function<GanConfig, GanModelSpec> MLP_SPEC = cfg -> cfg.model().spec(2);
    private static final Function<GanConfig, GanModelSpec> BATCH_NORM_DCGAN =
            cfg -> DcganSpec.radford(16, 1, 4, 2, DataType.FLOAT);
    private static final Function<GanConfig, GanModelSpec> SPECTRAL_NORM_DCGAN =
            cfg -> DcganSpec.radford(16, 1, 4, 2, DataType.FLOAT).withDiscriminatorNorm(DiscriminatorNorm.SPECTRAL_NORM);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("MLP, sync", MLP, MLP_SPEC),
                Arguments.of("MLP, average, 3 local Adam steps", MLP + "train { mode = average, local-steps = 3 }", MLP_SPEC),
                Arguments.of("batch-norm DCGAN, sync", DCGAN, BATCH_NORM_DCGAN),
                Arguments.of("batch-norm DCGAN, average, 2 local steps", DCGAN + "train { mode = average, local-steps = 2 }",
                        BATCH_NORM_DCGAN),
                Arguments.of("spectral-norm DCGAN, sync, hinge", DCGAN + "train.loss = hinge", SPECTRAL_NORM_DCGAN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void trainersEqualThePlainLoop(String name, String config, Function<GanConfig, GanModelSpec> model) {
        GanConfig cfg = GanConfig.parse(config);
        GanModelSpec spec = model.apply(cfg);
        int partitions = cfg.data().partitions();
        DataSource data = DataSources.open(cfg.data(), cfg.run().seed(), new Configuration());
        TrainingState initial = TrainingState.initial(spec, cfg.training());
        PlainLoopTrainer.Result expected = PlainLoopTrainer.train(spec, cfg.training(), data, partitions);

        TrainingState reference = new GanTrainer(cfg.training(),
                new ReferencePhaseRunner(spec, cfg.training(), data, partitions), List.of())
                .train(TrainingState.initial(spec, cfg.training()));
        TrainingState threaded;
        try (ThreadedPhaseRunner runner = new ThreadedPhaseRunner(spec, cfg.training(), data, partitions, 2)) {
            threaded = new GanTrainer(cfg.training(), runner, List.of()).train(TrainingState.initial(spec, cfg.training()));
        }

        assertTrue(PlainLoopTrainer.relativeDifference(expected.thetaG(), initial.thetaG()) > 1e-3, "G must have moved");
        assertTrue(PlainLoopTrainer.relativeDifference(expected.thetaD(), initial.thetaD()) > 1e-3, "D must have moved");
        expected.assertMatches("reference runner", reference);
        expected.assertMatches("threaded runner", threaded);
    }
}
