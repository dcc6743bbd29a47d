package io.sparkgan.export;

import io.sparkgan.rng.ClassPrior;
import io.sparkgan.images.ImageShape;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A generator file written by {@code sparkgan export}, read back: an unconditional generator
 * (a MultiLayerNetwork, z in) or a class-conditional one (a ComputationGraph, z and the one-hot
 * label in).
 */
public sealed interface ExportedGenerator {
    /**
     * Key of the object (a long[] of cluster sizes) a self-conditioned generator's file carries
     * beside the network ({@code ModelSerializer.addObjectToFile}): its classes are k-means clusters,
     * to be drawn with these frequencies for unconditional samples.
     */
    String CLUSTER_COUNTS = "sparkgan-cluster-counts";

    /** What a self-conditioned generator's classes are drawn from, or null (labels of the data, or no classes). */
    default ClassPrior classPrior() {
        return null;
    }

    /** Size of z. */
    int latentDim();

    /** Number of classes K of a conditional generator, 0 for an unconditional one. */
    int classes();

    /**
     * Rows [n, dim] in sparkgan's layout (images NHWC) for latent rows {@code z}.
     *
     * @param labels one class per row for a conditional generator, null for an unconditional one
     */
    INDArray generateRows(INDArray z, int[] labels);

    /** The shape of the images it makes, or null for vector output. */
    ImageShape imageShape();

    /** An unconditional generator exported by {@link Dl4jGenerator}. */
    record Unconditional(MultiLayerNetwork net) implements ExportedGenerator {
        @Override
        public int latentDim() {
            return Dl4jGenerator.latentDim(net);
        }

        @Override
        public int classes() {
            return 0;
        }

        @Override
        public INDArray generateRows(INDArray z, int[] labels) {
            if (labels != null) throw new IllegalArgumentException("an unconditional generator takes no labels");
            return Dl4jGenerator.generateRows(net, z);
        }

        @Override
        public ImageShape imageShape() {
            return Dl4jGenerator.imageShape(net, latentDim());
        }
    }

    /** A class-conditional generator exported by {@link Dl4jConditionalGenerator}. */
    record Conditional(ComputationGraph net, ClassPrior classPrior) implements ExportedGenerator {
        @Override
        public int latentDim() {
            return Dl4jConditionalGenerator.latentDim(net);
        }

        @Override
        public int classes() {
            return Dl4jConditionalGenerator.classes(net);
        }

        @Override
        public INDArray generateRows(INDArray z, int[] labels) {
            if (labels == null) throw new IllegalArgumentException("a class-conditional generator needs a class per row");
            return Dl4jConditionalGenerator.generateRows(net, z, labels);
        }

        @Override
        public ImageShape imageShape() {
            return Dl4jConditionalGenerator.imageShape(net);
        }
    }

    /** Writes a network built by {@link Dl4jGenerator} or {@link Dl4jConditionalGenerator} (no updater: for inference). */
    static void save(Model net, File file) throws IOException {
        save(net, null, file);
    }

    /**
     * Writes a network built by {@link Dl4jGenerator} or {@link Dl4jConditionalGenerator} (no
     * updater), with a self-conditioned generator's cluster sizes ({@link #CLUSTER_COUNTS}) when
     * {@code classPrior} is not null.
     */
    static void save(Model net, ClassPrior classPrior, File file) throws IOException {
        ModelSerializer.writeModel(net, file, false);
        if (classPrior != null) ModelSerializer.addObjectToFile(file, CLUSTER_COUNTS, classPrior.counts());
    }

    /** Reads a generator file: a ComputationGraph if its configuration has graph inputs, else a MultiLayerNetwork. */
    static ExportedGenerator load(File file) throws IOException {
        String configuration;
        boolean clustered;
        try (ZipFile zip = new ZipFile(file)) {
            clustered = zip.getEntry("objects/" + CLUSTER_COUNTS) != null;
            var entry = zip.getEntry("configuration.json");
            if (entry == null) throw new IOException(file + " is not a DL4J model file (no configuration.json)");
            try (InputStream in = zip.getInputStream(entry)) {
                configuration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        // a ComputationGraphConfiguration's JSON names its inputs; a MultiLayerConfiguration's has none
        return configuration.contains("\"networkInputs\"")
                ? new Conditional(ModelSerializer.restoreComputationGraph(file, false), clustered
                        ? new ClassPrior(ModelSerializer.<long[]>getObjectFromFile(file, CLUSTER_COUNTS)) : null)
                : new Unconditional(ModelSerializer.restoreMultiLayerNetwork(file, false));
    }
}
