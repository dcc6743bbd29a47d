package io.sparkgan.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.gan.GanLoss;
import io.sparkgan.train.TrainingSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class GanConfigTest {

    @Test
    void defaultsApplyAndOverridesWin() {
        GanConfig c = GanConfig.load(null, Map.of("train.loss", "least-squares", "model.precision", "double",
                "train.generator-hidden", "ignored-but-unknown").entrySet().stream()
                .filter(e -> !e.getKey().equals("train.generator-hidden"))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertEquals(GanLoss.LEAST_SQUARES, c.training().loss());
        assertEquals(DataType.DOUBLE, c.model().dataType());
        assertEquals(TrainingSettings.Mode.SYNC, c.training().mode());
        assertEquals(2, c.data().partitions());
        assertEquals(500, c.samples().everyRounds());
        assertEquals(64, c.samples().countFor(true), "automatic count: 64 images");
        assertEquals(2500, c.samples().countFor(false), "automatic count: 2500 points");
        assertEquals(100, GanConfig.parse("samples.count = 100").samples().countFor(false));
    }

    @Test
    void renderedConfigParsesBackToTheSameSettings() {
        GanConfig c = GanConfig.parse("train { rounds = 17, mode = average, local-steps = 4 }\nrun.seed = 99");
        GanConfig again = GanConfig.parse(c.render());
        assertEquals(c.training(), again.training());
        assertEquals(c.run(), again.run());
    }

    @Test
    void learningRateDecaysLinearlyAfterItsStart() {
        TrainingSettings t = GanConfig.parse("train { rounds = 101, lr-decay-start = 0.5, lr-final-fraction = 0.1 }")
                .training();
        assertEquals(1.0, t.learningRateScale(0), 1e-12);
        assertEquals(1.0, t.learningRateScale(50), 1e-9);
        assertEquals(0.1, t.learningRateScale(100), 1e-9);
        // Linear from 1 at round 50.5 (half of 101 rounds) to 0.1 at the last round, 100.
        assertEquals(1.0 - (75 - 50.5) / (100 - 50.5) * (1.0 - 0.1), t.learningRateScale(75), 1e-12);
        assertEquals(1.0, GanConfig.parse("train.rounds = 10").training().learningRateScale(9), 1e-12);
    }

    @Test
    void impossibleValuesNameTheirKey() {
        assertMessage("train.label-smoothing = 0.7", "'train.label-smoothing' must be in [0.0, 0.5)");
        assertMessage("model.generator-hidden = [64, 0]", "'model.generator-hidden' must hold positive integers");
        assertMessage("data { source = csv }", "'data.path' must name a CSV file");
        assertMessage("run.name = \"a/b\"", "'run.name' must be a non-empty name");
        assertMessage("train.discriminator-optimizer.beta1 = 1.0", "'train.discriminator-optimizer.beta1' must be in");
        assertMessage("model.precision = half", "'model.precision' must be float or double");
        assertMessage("train.critic-steps = -1", "'train.critic-steps' must be a positive integer, got -1");
        assertMessage("samples.every-rounds = -5", "'samples.every-rounds' must be 0 or a positive integer, got -5");
        assertMessage("samples.count = 1000000", "'samples.count' must be at most 100000");
        assertMessage("samples.truncation = 0.01", "'samples.truncation' must be 0 (off) or at least 0.05");
        assertEquals(0.7, GanConfig.parse("samples.truncation = 0.7").samples().prior().truncation());
        assertMessage("samples.rounds = 5", "unknown config key 'samples.rounds'");
    }

    @Test
    void packingAndGradientPenaltyAreReadAndChecked() {
        GanConfig plain = GanConfig.parse("");
        assertEquals(1, plain.model().pack());
        assertEquals(0.0, plain.training().r1Gamma());
        GanConfig c = GanConfig.parse("model.pack = 4\ntrain { batch-per-partition = 64, r1-gamma = 0.5 }");
        assertEquals(4, c.model().pack());
        assertEquals(0.5, c.training().r1Gamma());
        assertEquals(4, c.model().spec(2).pack());
        assertEquals(8 * 128 + 128, c.model().spec(2).buildDiscriminator().layers().get(0).numParams(),
                "D's first layer takes 4 packed 2-D examples");
        assertMessage("model.pack = 0", "'model.pack' must be a positive integer, got 0");
        assertMessage("model.pack = 3\ntrain.batch-per-partition = 64", "'model.pack' (3) must divide 'train.batch-per-partition' (64)");
        assertMessage("model { type = dcgan, pack = 2 }", "'model.pack' must be 1 unless model.type = mlp");
        assertMessage("train.r1-gamma = -1", "'train.r1-gamma' must be in [0.0");
        assertMessage("model.hidden-activation = tanh\ntrain.r1-gamma = 1", "'train.r1-gamma' (1.0) needs model.type = mlp");
        assertMessage("model.type = dcgan\ntrain.r1-gamma = 1", "'train.r1-gamma' (1.0) needs model.type = mlp");
    }

    @Test
    void evaluationIsOffByDefaultAndCheckedWhenOn() {
        assertEquals(false, GanConfig.parse("").evaluation().enabled());
        EvaluationSettings e = GanConfig.parse("data { source = images, path = /d }\n"
                + "evaluation { every-rounds = 500, evaluator = /e, samples = 2000 }").evaluation();
        assertEquals(new EvaluationSettings(500, "/e", 2000), e);
        assertMessage("evaluation.every-rounds = -1", "'evaluation.every-rounds' must be 0 or a positive integer");
        assertMessage("evaluation.samples = 1", "'evaluation.samples' must be at least 2");
        assertMessage("data { source = images, path = /d }\nevaluation.every-rounds = 5", "'evaluation.evaluator' must name");
        assertMessage("evaluation { every-rounds = 5, evaluator = /e }", "needs image data");
    }

    @Test
    void hingeLossRefusesLabelSmoothingAndDcganOnlyKeysAreRefusedElsewhere() {
        assertEquals(GanLoss.HINGE, GanConfig.parse("train.loss = hinge").training().loss());
        assertMessage("train { loss = hinge, label-smoothing = 0.1 }",
                "'train.label-smoothing' must be 0 with train.loss = hinge");
        assertMessage("model.discriminator-norm = spectral-norm", "'model.discriminator-norm' applies to model.type = dcgan");
        assertMessage("model.generator-base-width = 128", "'model.generator-base-width' applies to model.type = dcgan");
        assertMessage("model { type = dcgan, discriminator-norm = layer-norm }", "layer-norm");
        ModelSettings m = GanConfig.parse("model { type = dcgan, image-size = 28, base-width = 32,"
                + " generator-base-width = 96, discriminator-norm = spectral-norm }").model();
        io.sparkgan.model.DcganSpec spec = (io.sparkgan.model.DcganSpec) m.spec(784);
        assertEquals(32, spec.baseWidth());
        assertEquals(96, spec.generatorBaseWidth());
        assertEquals(io.sparkgan.model.DiscriminatorNorm.SPECTRAL_NORM, spec.discriminatorNorm());
        assertEquals(64, ((io.sparkgan.model.DcganSpec) GanConfig.parse("model { type = dcgan, image-size = 28 }")
                .model().spec(784)).generatorBaseWidth(), "generator-base-width 0 means base-width");
        assertMessage("model { type = dcgan, image-size = 24 }", "must be 28, 32 or 64");
    }

    @Test
    void resultEncodingIsFloat32UnlessSetAndFloatOnly() {
        assertEquals(io.sparkgan.nn.VectorEncoding.FLOAT32, GanConfig.parse("").training().resultEncoding());
        GanConfig c = GanConfig.parse("train.result-encoding = bfloat16");
        assertEquals(io.sparkgan.nn.VectorEncoding.BFLOAT16, c.training().resultEncoding());
        assertEquals(c.training(), GanConfig.parse(c.render()).training());
        assertMessage("train.result-encoding = fp8", "train.result-encoding");
        assertMessage("train.result-encoding = fp8", "float32, bfloat16, float16");
        assertMessage("train.result-encoding = float16\nmodel.precision = double", "must be float32 with model.precision = double");
    }

    @Test
    void aggregationIsAutoUnlessSetAndNamesItsChoicesWhenWrong() {
        assertEquals(io.sparkgan.train.ResultAggregation.AUTO, GanConfig.parse("").training().aggregation());
        GanConfig c = GanConfig.parse("train.aggregation = sliced");
        assertEquals(io.sparkgan.train.ResultAggregation.SLICED, c.training().aggregation());
        assertEquals(c.training(), GanConfig.parse(c.render()).training());
        assertMessage("train.aggregation = allreduce", "train.aggregation");
        assertMessage("train.aggregation = allreduce", "auto, direct, tree, sliced");
    }

    @Test
    void clusterFeaturesAreCheckedAgainstTheClustersAndTheDataSource() {
        String images = "data { source = images, path = \"data/mnist/train\" }\n";
        assertEquals("deskewed-hog", GanConfig.parse(images + "model { clusters = 30, cluster-features = deskewed-hog }")
                .model().clusterFeatures());
        assertEquals("pixels", GanConfig.parse("data.source = csv\ndata.path = \"x.csv\"\nmodel.clusters = 4")
                .model().clusterFeatures());
        assertMessage(images + "model { clusters = 30, cluster-features = sift }",
                "'model.cluster-features' must be one of pixels, deskewed, hog, deskewed-hog");
        assertMessage(images + "model.cluster-features = hog", "applies to self-conditioned models only");
        // refused before Spark starts: a CSV file or a generated set has no images to deskew or take gradients of
        assertMessage("data { source = csv, path = \"x.csv\" }\nmodel { clusters = 4, cluster-features = hog }",
                "'model.cluster-features' ('hog') needs images (data.source = images), but data.source = csv has none");
        assertMessage("data.source = ring8\nmodel { clusters = 8, cluster-features = deskewed }",
                "data.source = ring8 has none: use model.cluster-features = pixels");
    }

    private static void assertMessage(String hocon, String expected) {
        ConfigError e = assertThrows(ConfigError.class, () -> GanConfig.parse(hocon));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
