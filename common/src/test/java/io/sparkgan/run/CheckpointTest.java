package io.sparkgan.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.config.GanConfig;
import io.sparkgan.train.TrainingProgress;
import io.sparkgan.train.TrainingState;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointTest {

    @Test
    void roundTripKeepsEveryValueAndDamageIsDetected() {
        GanConfig cfg = GanConfig.parse("model { latent-dim = 3, generator-hidden = [5], discriminator-hidden = [4] }");
        TrainingState state = TrainingState.initial(cfg.model().spec(2), cfg.training());
        java.util.Arrays.fill(state.discriminatorOptimizer().state().floats(), 0.25f);
        state.discriminatorOptimizer().restore(state.discriminatorOptimizer().state().copy(), 12);
        Checkpoint original = Checkpoint.of(state, 3, 2);
        byte[] bytes = original.toBytes();
        Checkpoint back = Checkpoint.fromBytes(bytes, "test");
        assertArrayEquals(original.thetaG().floats(), back.thetaG().floats());
        assertArrayEquals(original.thetaD().floats(), back.thetaD().floats());
        assertArrayEquals(original.discriminatorOptimizerState().floats(), back.discriminatorOptimizerState().floats());
        assertEquals(12, back.discriminatorIteration());

        byte[] damaged = bytes.clone();
        damaged[40] ^= 1;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Checkpoint.fromBytes(damaged, "x.ckpt"));
        assertTrue(e.getMessage().contains("x.ckpt") && e.getMessage().contains("checksum"), e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> Checkpoint.fromBytes(Arrays.copyOf(bytes, bytes.length / 2), "half.ckpt"));
    }

    @Test
    void theTrainingProgressIsSavedAndOlderFormatsReadWithAnUnknownProgress() {
        GanConfig cfg = GanConfig.parse("model { latent-dim = 3, generator-hidden = [5], discriminator-hidden = [4] }");
        TrainingState state = TrainingState.initial(cfg.model().spec(2), cfg.training());
        state.restoreProgress(new TrainingProgress(12_345_678_901L, 4321.5));
        Checkpoint original = Checkpoint.of(state, 3, 2);
        byte[] bytes = original.toBytes();
        assertEquals(new TrainingProgress(12_345_678_901L, 4321.5), Checkpoint.fromBytes(bytes, "v6").progress());
        assertEquals(new TrainingProgress(12_345_678_901L, 4321.5),
                Checkpoint.fromBytes(bytes, "v6").toState(cfg.training().generatorOptimizer(),
                        cfg.training().discriminatorOptimizer()).progress());

        for (byte[] older : List.of(OlderCheckpointFormats.format5(bytes), OlderCheckpointFormats.format4(bytes))) {
            Checkpoint back = Checkpoint.fromBytes(older, "older.ckpt");
            assertEquals(null, back.progress(), "format 4 and 5 files do not know the progress");
            assertEquals(original.roundsDone(), back.roundsDone());
            assertArrayEquals(original.thetaG().floats(), back.thetaG().floats());
            assertArrayEquals(original.thetaD().floats(), back.thetaD().floats());
            assertEquals(TrainingProgress.START, back.toState(cfg.training().generatorOptimizer(),
                    cfg.training().discriminatorOptimizer()).progress());
        }
    }

    @Test
    void aSelfConditionedModelsClustersAreSavedWithTheirFeaturesAndOlderFilesReadAsPixelsOrNone() {
        GanConfig cfg = GanConfig.parse("model { latent-dim = 3, generator-hidden = [5], discriminator-hidden = [4] }");
        TrainingState state = TrainingState.initial(((io.sparkgan.model.MlpGanSpec) cfg.model().spec(2)).withClasses(3),
                cfg.training());
        io.sparkgan.clustering.Clusters clusters = new io.sparkgan.clustering.Clusters(2,
                new float[] {0.5f, -1f, 2f, 0.25f, -0.125f, 3f}, new long[] {10, 0, 7}, 4,
                new io.sparkgan.clustering.ClusterFeatures.Pixels(2));
        Checkpoint original = Checkpoint.of(state, 3, 2, 3, null, clusters);
        Checkpoint back = Checkpoint.fromBytes(original.toBytes(), "v8");
        assertEquals(clusters, back.clusters());
        Checkpoint v7 = Checkpoint.fromBytes(OlderCheckpointFormats.format7(original.toBytes()), "v7");
        assertEquals(clusters, v7.clusters(), "a format 7 file's clusters are pixel clusters");
        io.sparkgan.clustering.Clusters deskewed = new io.sparkgan.clustering.Clusters(2,
                new float[] {0.5f, -1f, 2f, 0.25f, -0.125f, 3f}, new long[] {10, 0, 7}, 4,
                new io.sparkgan.clustering.Deskewed(1, 2));
        Checkpoint withFeatures = Checkpoint.fromBytes(Checkpoint.of(state, 3, 2, 3, null, deskewed).toBytes(), "v8");
        assertEquals(new io.sparkgan.clustering.Deskewed(1, 2), withFeatures.clusters().features());
        assertNotEquals(clusters, withFeatures.clusters(), "the feature map is part of the clusters");
        assertArrayEquals(new long[] {10, 0, 7}, back.clusters().prior().counts());
        assertEquals(clusters, back.withoutGeneratorAverage().clusters());
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.of(state, 3, 2, 4, null, clusters),
                "the clusters are the model's classes");

        byte[] plain = Checkpoint.of(state, 3, 2, 3, null).toBytes();
        Checkpoint v6 = Checkpoint.fromBytes(OlderCheckpointFormats.format6(plain), "v6");
        assertEquals(null, v6.clusters());
        assertArrayEquals(state.thetaG().floats(), v6.thetaG().floats());
        assertEquals(3, v6.classes());
    }

    @Test
    void theRunIdentityIsSavedAndNamesWhatChanged() {
        GanConfig cfg = GanConfig.parse("model { latent-dim = 3, generator-hidden = [5], discriminator-hidden = [4] }\n"
                + "data.examples = 500");
        io.sparkgan.data.DataSource data = io.sparkgan.dataset.DataSources.open(cfg.data(), 1,
                new org.apache.hadoop.conf.Configuration());
        RunIdentity identity = RunIdentity.of(cfg, data);
        TrainingState state = TrainingState.initial(cfg.model().spec(2), cfg.training());
        Checkpoint back = Checkpoint.fromBytes(Checkpoint.of(state, 3, 2, identity).toBytes(), "test");
        assertEquals(identity, back.identity());
        assertEquals(identity.model(), back.identity().model());
        assertTrue(back.isFinite());

        GanConfig other = GanConfig.parse("model { latent-dim = 4, generator-hidden = [5], discriminator-hidden = [4] }\n"
                + "data.examples = 600\ntrain.rounds = 99\ntrain.generator-optimizer.type = sgd");
        RunIdentity changed = RunIdentity.of(other, io.sparkgan.dataset.DataSources.open(other.data(), 1,
                new org.apache.hadoop.conf.Configuration()));
        String refusals = String.join(" | ", identity.refusals(changed));
        assertTrue(refusals.contains("model.latent-dim: 3 -> 4"), refusals);
        assertTrue(refusals.contains("examples: 500 -> 600"), refusals);
        assertTrue(refusals.contains("train.generator-optimizer.type"), refusals);
        assertEquals(List.of(), identity.inexactChanges(changed), "train.rounds with constant learning rates is exact");
        GanConfig faster = GanConfig.parse(cfg.render() + "\ntrain.discriminator-optimizer.learning-rate = 0.5");
        assertEquals(List.of("train.discriminator-optimizer.learning-rate: 0.001 -> 0.5"),
                identity.inexactChanges(RunIdentity.of(faster, data)));
        assertEquals(List.of(), identity.refusals(identity));
    }

    @Test
    void aCheckpointFromBeforeAKeyExistedResumesWithItsOldBehaviourValue() {
        GanConfig cfg = GanConfig.parse("model { latent-dim = 3, generator-hidden = [5], discriminator-hidden = [4] }\n"
                + "data.examples = 500");
        io.sparkgan.data.DataSource data = io.sparkgan.dataset.DataSources.open(cfg.data(), 1,
                new org.apache.hadoop.conf.Configuration());
        RunIdentity current = RunIdentity.of(cfg, data);
        RunIdentity older = writtenWithout(current, RunIdentity.ADDED_KEYS::containsKey);
        assertEquals(List.of(), older.refusals(current));
        assertEquals(List.of(), older.inexactChanges(current));
        RunIdentity packed = RunIdentity.of(GanConfig.parse(cfg.render() + "\nmodel.pack = 2"), data);
        assertTrue(String.join(" | ", older.refusals(packed)).contains("model.pack: 1 -> 2"), older.refusals(packed).toString());
        RunIdentity penalised = RunIdentity.of(GanConfig.parse(cfg.render() + "\ntrain.r1-gamma = 0.5"), data);
        assertEquals(List.of("train.r1-gamma: 0 -> 0.5"), older.inexactChanges(penalised));
    }

    @Test
    void aSelfConditionedCheckpointFromBeforeClusterFeaturesResumesAsPixelClusters() {
        GanConfig cfg = GanConfig.parse("model { latent-dim = 3, generator-hidden = [5], discriminator-hidden = [4],"
                + " clusters = 4 }\ndata.examples = 500");
        io.sparkgan.data.DataSource data = io.sparkgan.dataset.DataSources.open(cfg.data(), 1,
                new org.apache.hadoop.conf.Configuration());
        RunIdentity current = RunIdentity.of(cfg, data);
        // what a format 7 run wrote: its complete config had every key of then, but not model.cluster-features
        RunIdentity format7 = writtenWithout(current, "model.cluster-features"::equals);
        assertEquals("4", format7.model().values().get("model.clusters"));
        assertEquals(List.of(), format7.refusals(current), "its clusters were pixel clusters");
        RunIdentity images = RunIdentity.of(GanConfig.parse(cfg.render() + "\nmodel.cluster-features = hog\n"
                + "data { source = images, path = \"d\" }"), data);
        assertTrue(String.join(" | ", format7.refusals(images)).contains("model.cluster-features: \"pixels\" -> \"hog\""),
                format7.refusals(images).toString());
    }

    /** {@code current} as a sparkgan from before the keys {@code missing} accepts existed wrote it. */
    private static RunIdentity writtenWithout(RunIdentity current, java.util.function.Predicate<String> missing) {
        java.util.SortedMap<String, String> values = GanConfig.values(current.config());
        values.keySet().removeIf(missing);
        String text = values.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                .collect(java.util.stream.Collectors.joining("\n"));
        return new RunIdentity(current.seed(), text, current.model().filter(missing.negate()), current.data());
    }
}
