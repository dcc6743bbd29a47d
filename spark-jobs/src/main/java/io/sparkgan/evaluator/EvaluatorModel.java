package io.sparkgan.evaluator;

import io.sparkgan.images.ImageShape;
import io.sparkgan.metrics.ClassifierSums;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained evaluation classifier as it travels to executors (one broadcast): the DL4J model's
 * bytes, its identity and the image shape. Each task thread restores its own network once and
 * keeps it (DL4J networks are not thread safe), then scores rows of images into
 * {@link ClassifierSums}.
 */
public final class EvaluatorModel implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ThreadLocal<Map<String, MultiLayerNetwork>> NETWORKS = ThreadLocal.withInitial(HashMap::new);

    private final byte[] zip;
    private final String id;
    private final ImageShape shape;
    private final int classes;
    private final int features;
    private final int featureLayer;

    private EvaluatorModel(byte[] zip, MultiLayerNetwork net, ImageShape shape) {
        this.zip = zip;
        this.id = sha256(zip);
        this.shape = shape;
        this.featureLayer = featureLayerOf(net);
        this.features = (int) net.getLayer(featureLayer).getParam("W").size(1);
        this.classes = (int) net.getOutputLayer().getParam("W").size(1);
        NETWORKS.get().put(id, net);
    }

    /** The model in a ModelSerializer zip, for images of {@code shape}. */
    public static EvaluatorModel fromBytes(byte[] zip, ImageShape shape) {
        return new EvaluatorModel(zip, restore(zip), shape);
    }

    /** A trained network (the updater is not kept). */
    public static EvaluatorModel of(MultiLayerNetwork net, ImageShape shape) {
        return fromBytes(toBytes(net), shape);
    }

    public static byte[] toBytes(MultiLayerNetwork net) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(net, out, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the evaluator network", e);
        }
        return out.toByteArray();
    }

    public byte[] bytes() {
        return zip.clone();
    }

    public ImageShape shape() {
        return shape;
    }

    public int classes() {
        return classes;
    }

    public int features() {
        return features;
    }

    /** Empty sums for this classifier. */
    public ClassifierSums newSums() {
        return new ClassifierSums(classes, features);
    }

    /** This thread's copy of the network. */
    public MultiLayerNetwork network() {
        return NETWORKS.get().computeIfAbsent(id, k -> restore(zip));
    }

    /**
     * Scores {@code rows} images given as HWC rows in [-1, 1] ({@code labels} null if unknown)
     * and adds them to {@code sums}.
     */
    public void score(float[] hwcRows, int rows, int[] labels, ClassifierSums sums) {
        float[] chw = LeNet.toChw(hwcRows, rows, shape);
        INDArray x = Nd4j.createFromArray(chw).reshape(rows, shape.pixels());
        List<INDArray> activations = network().feedForward(x, false);
        float[] f = activations.get(featureLayer + 1).castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] p = activations.get(activations.size() - 1).castTo(DataType.FLOAT).dup('c').data().asFloat();
        sums.add(p, f, labels, rows);
    }

    private static int featureLayerOf(MultiLayerNetwork net) {
        Layer[] layers = net.getLayers();
        for (int i = layers.length - 2; i >= 0; i--) {
            if (layers[i].conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.DenseLayer) return i;
        }
        throw new IllegalArgumentException("the evaluator network has no dense layer before its output layer");
    }

    /** A network of its own from a ModelSerializer zip. */
    public static MultiLayerNetwork restore(byte[] zip) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the evaluator network: " + e.getMessage(), e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
