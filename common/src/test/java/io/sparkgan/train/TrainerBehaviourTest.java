package io.sparkgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.config.GanConfig;
import io.sparkgan.data.DataSource;
import io.sparkgan.data.DataSources;
import io.sparkgan.gan.GanStep;
import io.sparkgan.gan.Phase;
import io.sparkgan.model.GanModelSpec;
import io.sparkgan.rng.RngStream;
import io.sparkgan.data.BatchSampler;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import io.sparkgan.nn.FlatVector;

/** GAN conventions the trainer must keep: real = 1, a G phase leaves D alone, divergence stops the run. */
class TrainerBehaviourTest {
    private static final GanConfig CFG = GanConfig.parse("""
            data { source = ring8, examples = 2000, partitions = 2 }
            model { latent-dim = 4, generator-hidden = [16], discriminator-hidden = [16] }
            train { rounds = 3, batch-per-partition = 64 }
            """);

    @Test
    void discriminatorPhasesRaiseMeanDOfRealData() {
        // D trains (5 D phases a round); G barely moves, so D(x) can only rise if real is labelled 1.
        GanConfig cfg = GanConfig.parse("""
                data { source = ring8, examples = 2000, partitions = 2 }
                model { latent-dim = 4, generator-hidden = [16], discriminator-hidden = [16] }
                train { rounds = 3, batch-per-partition = 64, critic-steps = 5,
                        discriminator-optimizer.learning-rate = 1e-2, generator-optimizer.learning-rate = 1e-7 }
                """);
        GanModelSpec spec = cfg.model().spec(2);
        DataSource data = DataSources.open(cfg.data(), 1, new Configuration());
        TrainingState state = TrainingState.initial(spec, cfg.training());
        INDArray real = BatchSampler.realBatch(data.partition(0, 1), RngStream.EVALUATION.at(5), 512, spec.dataType());
        INDArray z = BatchSampler.latent(RngStream.EVALUATION.at(6), 512, spec.latentDim(), spec.dataType());
        GanStep step = new GanStep(spec);
        double before = step.discriminatorGradient(state.thetaG(), state.thetaD(), real, z,
                CFG.training().loss(), 0).meanDReal();

        GanTrainer trainer = new GanTrainer(cfg.training(),
                new ReferencePhaseRunner(spec, cfg.training(), data, 2), List.of());
        for (int i = 0; i < 3; i++) trainer.round(state);
        double after = step.discriminatorGradient(state.thetaG(), state.thetaD(), real, z,
                CFG.training().loss(), 0).meanDReal();
        assertTrue(after > before + 0.05, "D(x) on real data should rise: " + before + " -> " + after);
    }

    /**
     * The reference runner, noting D's parameters, its optimiser state and G's parameters when
     * the trainer hands it the G phase (after the D phases of the round have been applied).
     */
    private static final class StateAtGeneratorPhase implements PhaseRunner {
        private final PhaseRunner runner;
        private final TrainingState state;
        float[] thetaD;
        float[] optimizerD;
        int iterationD;
        float[] thetaG;

        StateAtGeneratorPhase(PhaseRunner runner, TrainingState state) {
            this.runner = runner;
            this.state = state;
        }

        @Override
        public int partitions() {
            return runner.partitions();
        }

        @Override
        public PhaseOutcome run(PhaseRequest request) {
            if (request.phase() == Phase.GENERATOR) {
                thetaD = state.thetaD().floats().clone();
                optimizerD = state.discriminatorOptimizer().state().floats().clone();
                iterationD = state.discriminatorOptimizer().iteration();
                thetaG = state.thetaG().floats().clone();
            }
            return runner.run(request);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mode = sync", "mode = average, local-steps = 2"})
    void aGeneratorPhaseOfTheTrainerMovesGAndLeavesTheDiscriminatorAlone(String mode) {
        GanConfig cfg = GanConfig.parse("""
                data { source = ring8, examples = 2000, partitions = 2 }
                model { latent-dim = 4, generator-hidden = [16], discriminator-hidden = [16] }
                train { rounds = 3, batch-per-partition = 64, critic-steps = 2, %s }
                """.formatted(mode));
        GanModelSpec spec = cfg.model().spec(2);
        DataSource data = DataSources.open(cfg.data(), 1, new Configuration());
        TrainingState state = TrainingState.initial(spec, cfg.training());
        StateAtGeneratorPhase runner = new StateAtGeneratorPhase(
                new ReferencePhaseRunner(spec, cfg.training(), data, 2), state);
        GanTrainer trainer = new GanTrainer(cfg.training(), runner, List.of());
        trainer.round(state); // Adam's moments of D are non-zero from here on
        float[] dBeforeRound = state.thetaD().floats().clone();

        trainer.round(state);

        assertFalse(java.util.Arrays.equals(dBeforeRound, runner.thetaD), "the round's D phases moved D");
        assertFalse(java.util.Arrays.equals(runner.thetaG, state.thetaG().floats()), "the G phase moved G");
        assertArrayEquals(runner.thetaD, state.thetaD().floats(), "the G phase left D's parameters alone");
        assertArrayEquals(runner.optimizerD, state.discriminatorOptimizer().state().floats(),
                "the G phase left D's optimiser moments alone");
        assertEquals(runner.iterationD, state.discriminatorOptimizer().iteration());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "model.pack = 4", "train.r1-gamma = 1.5", "model.pack = 2\ntrain.r1-gamma = 0.5",
            "train { mode = average, local-steps = 3 }"})
    void threadedRunnerMatchesTheReferenceTrainer(String extra) {
        // The reference stacks the partitions' minibatches: packs and the penalty must not straddle partitions.
        GanConfig cfg = GanConfig.parse("""
                data { source = ring8, examples = 2000, partitions = 4 }
                model { latent-dim = 4, generator-hidden = [16], discriminator-hidden = [16] }
                train { rounds = 4, batch-per-partition = 32, critic-steps = 2 }
                """ + extra);
        GanModelSpec spec = cfg.model().spec(2);
        DataSource data = DataSources.open(cfg.data(), 1, new Configuration());
        TrainingState reference = new GanTrainer(cfg.training(), new ReferencePhaseRunner(spec, cfg.training(), data, 4),
                List.of()).train(TrainingState.initial(spec, cfg.training()));
        TrainingState threaded;
        try (ThreadedPhaseRunner runner = new ThreadedPhaseRunner(spec, cfg.training(), data, 4, 2)) {
            threaded = new GanTrainer(cfg.training(), runner, List.of()).train(TrainingState.initial(spec, cfg.training()));
        }
        double g = PlainLoopTrainer.relativeDifference(threaded.thetaG(), reference.thetaG());
        double d = PlainLoopTrainer.relativeDifference(threaded.thetaD(), reference.thetaD());
        assertTrue(g < 1e-5, "G: relative difference " + g);
        assertTrue(d < 1e-5, "D: relative difference " + d);
    }

    @Test
    void generatorMovingAverageFollowsTheParametersAndIsCheckpointed() {
        GanConfig cfg = GanConfig.parse("""
                data { source = ring8, examples = 2000, partitions = 2 }
                model { latent-dim = 4, generator-hidden = [16], discriminator-hidden = [16] }
                train { rounds = 3, batch-per-partition = 16, generator-ema-decay = 0.5 }
                """);
        GanModelSpec spec = cfg.model().spec(2);
        DataSource data = DataSources.open(cfg.data(), 1, new Configuration());
        GanTrainer trainer = new GanTrainer(cfg.training(), new ReferencePhaseRunner(spec, cfg.training(), data, 2),
                List.of());
        TrainingState state = TrainingState.initial(spec, cfg.training());
        trainer.round(state);
        FlatVector afterOne = state.thetaG().copy();
        assertArrayEquals(afterOne.floats(), state.generatorAverage().floats(), "the average starts at the parameters");
        trainer.round(state);
        for (int i = 0; i < afterOne.length(); i += 17) {
            assertEquals(0.5 * afterOne.get(i) + 0.5 * state.thetaG().get(i), state.generatorAverage().get(i), 1e-6);
        }
        io.sparkgan.run.Checkpoint back = io.sparkgan.run.Checkpoint.fromBytes(
                io.sparkgan.run.Checkpoint.of(state, 4, 2).toBytes(), "test");
        assertArrayEquals(state.generatorAverage().floats(), back.generatorAverage().floats());
    }

    @Test
    void aLateStartingMovingAverageEqualsTheParametersUntilItStarts() {
        GanConfig cfg = GanConfig.parse("""
                data { source = ring8, examples = 2000, partitions = 2 }
                model { latent-dim = 4, generator-hidden = [16], discriminator-hidden = [16] }
                train { rounds = 4, batch-per-partition = 16, generator-ema-decay = 0.5, generator-ema-start = 0.5 }
                """);
        GanModelSpec spec = cfg.model().spec(2);
        DataSource data = DataSources.open(cfg.data(), 1, new Configuration());
        GanTrainer trainer = new GanTrainer(cfg.training(), new ReferencePhaseRunner(spec, cfg.training(), data, 2),
                List.of());
        TrainingState state = TrainingState.initial(spec, cfg.training());
        for (int r = 1; r <= 2; r++) {
            trainer.round(state);
            assertArrayEquals(state.thetaG().floats(), state.generatorAverage().floats(),
                    "before the start (round " + r + " of 4, start 0.5) the average is G");
        }
        FlatVector atStart = state.thetaG().copy();
        trainer.round(state);
        assertFalse(java.util.Arrays.equals(atStart.floats(), state.thetaG().floats()));
        for (int i = 0; i < atStart.length(); i += 7) {
            assertEquals(0.5 * atStart.get(i) + 0.5 * state.thetaG().get(i), state.generatorAverage().get(i), 1e-6);
        }
    }

    @Test
    void aNonFiniteLossStopsTrainingNamingRoundAndPhase() {
        GanConfig huge = GanConfig.parse("""
                data { source = ring8, examples = 2000, partitions = 2 }
                model { latent-dim = 4, generator-hidden = [16], discriminator-hidden = [16] }
                train { rounds = 50, batch-per-partition = 64, generator-optimizer { type = sgd, learning-rate = 1e30 },
                        discriminator-optimizer { type = sgd, learning-rate = 1e30 } }
                """);
        GanModelSpec spec = huge.model().spec(2);
        DataSource data = DataSources.open(huge.data(), 1, new Configuration());
        GanTrainer trainer = new GanTrainer(huge.training(),
                new ReferencePhaseRunner(spec, huge.training(), data, 2), List.of());
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> trainer.train(TrainingState.initial(spec, huge.training())));
        assertTrue(e.getMessage().matches("(?s).*round \\d+, [DG] phase.*"), e.getMessage());
    }
}
