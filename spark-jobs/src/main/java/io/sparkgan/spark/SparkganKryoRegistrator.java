package io.sparkgan.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import java.util.List;
import org.apache.spark.serializer.KryoRegistrator;
import org.nd4j.kryo.Nd4jRegistrator;

/**
 * Kryo set-up for sparkgan jobs ({@code spark.kryo.registrator}).
 *
 * <ul>
 *   <li>ND4J arrays (the evaluator's DL4J Spark training moves DataSets and parameter arrays)
 *       through DL4J's own {@link Nd4jRegistrator}: Kryo's default field serializer would copy
 *       an INDArray's Java fields, not its native buffer.</li>
 *   <li>Every serialisable sparkgan class through its Java serialisation, on purpose: Kryo's
 *       field serializer ignores {@code writeObject} and {@code transient} (a 1 M-float
 *       {@code FlatVector} came back empty: its arrays are transient and written as one raw
 *       block), and cannot set the final fields of records on Java 17. Java serialisation of
 *       these classes is already a raw copy of the float arrays, so Kryo could not be faster.</li>
 * </ul>
 * {@code KryoRegistrationTest} fails when a serialisable class is missing from {@link #JAVA_SERIALIZED}.
 */
public final class SparkganKryoRegistrator implements KryoRegistrator {

    /** Classes that travel in Spark jobs (task results, broadcasts, cached or shuffled blocks). */
    static final List<String> JAVA_SERIALIZED = List.of(
            "io.sparkgan.clustering.ClusterFeatures$Pixels",
            "io.sparkgan.clustering.ClusterLabels",
            "io.sparkgan.clustering.ClusterSums",
            "io.sparkgan.clustering.ClusteredSource",
            "io.sparkgan.clustering.ClusteredSource$LabelledBlock",
            "io.sparkgan.clustering.Clusters",
            "io.sparkgan.clustering.Deskewed",
            "io.sparkgan.clustering.Hog",
            "io.sparkgan.config.DataSettings",
            "io.sparkgan.data.CorrelatedGaussianSource",
            "io.sparkgan.data.FirstExamples",
            "io.sparkgan.data.FirstExamples$Rows",
            "io.sparkgan.data.GaussianMixtureSource",
            "io.sparkgan.data.InMemorySource",
            "io.sparkgan.data.VectorBlock",
            "io.sparkgan.dataset.DatasetManifest",
            "io.sparkgan.dataset.DatasetManifest$Shard",
            "io.sparkgan.dataset.HadoopConf",
            "io.sparkgan.dataset.InputItem$IdxRange",
            "io.sparkgan.dataset.InputItem$ImageFiles",
            "io.sparkgan.dataset.MappedImageBlock",
            "io.sparkgan.dataset.MappedImageBlock$Segment",
            "io.sparkgan.dataset.PixelStatistics",
            "io.sparkgan.dataset.PrepareOptions",
            "io.sparkgan.dataset.Preparation$ShardJob",
            "io.sparkgan.dataset.Rejection",
            "io.sparkgan.dataset.ShardInfo",
            "io.sparkgan.dataset.ShardTask$Result",
            "io.sparkgan.dataset.ShardedImageSource",
            "io.sparkgan.gan.PhaseStats",
            "io.sparkgan.images.Background",
            "io.sparkgan.images.ImageDecoder",
            "io.sparkgan.images.ImageFileReader",
            "io.sparkgan.images.ImageFileReader$Outcome",
            "io.sparkgan.images.ImageShape",
            "io.sparkgan.metrics.ClassifierSums",
            "io.sparkgan.metrics.GaussianMomentSums",
            "io.sparkgan.ml.BlockSummary",
            "io.sparkgan.ml.GanEstimator",
            "io.sparkgan.ml.GanModel",
            "io.sparkgan.ml.ImageBlock",
            "io.sparkgan.ml.ImageColumn",
            "io.sparkgan.ml.VectorColumn",
            "io.sparkgan.ml.LatentRows$FromIndex",
            "io.sparkgan.ml.LatentRows$FromLatentColumn",
            "io.sparkgan.ml.LatentRows$FromSeedColumn",
            "io.sparkgan.ml.RowLabels$Fixed",
            "io.sparkgan.ml.RowLabels$FromColumn",
            "io.sparkgan.ml.RowLabels$FromPrior",
            "io.sparkgan.ml.RowLabels$IndexModK",
            "io.sparkgan.model.DcganSpec",
            "io.sparkgan.model.MlpGanSpec",
            "io.sparkgan.nn.EncodedVector",
            "io.sparkgan.nn.FlatVector",
            "io.sparkgan.optim.OptimizerSettings",
            "io.sparkgan.rng.ClassPrior",
            "io.sparkgan.rng.LatentPrior",
            "io.sparkgan.run.GeneratorSnapshot",
            "io.sparkgan.spark.CsvPlan",
            "io.sparkgan.spark.ExecutorBuiltSource",
            "io.sparkgan.spark.CsvSplitScan",
            "io.sparkgan.spark.CsvSplitTask",
            "io.sparkgan.spark.RowRangePartitioner",
            "io.sparkgan.spark.SlicedAggregation$SlicePartitioner",
            "io.sparkgan.spark.SlicedAggregation$SourcedPiece",
            "io.sparkgan.train.ComputeStandIn",
            "io.sparkgan.train.PhaseRequest",
            "io.sparkgan.train.PhaseResult",
            "io.sparkgan.train.TrainingSettings",
            "io.sparkgan.evaluator.EvaluatorModel",
            "io.sparkgan.evaluator.LearningRateSchedule");

    @Override
    public void registerClasses(Kryo kryo) {
        new Nd4jRegistrator().registerClasses(kryo);
        JavaSerializer java = new JavaSerializer();
        for (String name : JAVA_SERIALIZED) {
            try {
                kryo.register(Class.forName(name, false, kryo.getClassLoader()), java);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("SparkganKryoRegistrator lists " + name + ", which is not on the"
                        + " classpath: remove it from JAVA_SERIALIZED or fix the name", e);
            }
        }
    }
}
