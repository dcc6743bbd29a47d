package io.sparkgan.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A chain of layers whose parameters live in ONE flat vector (and gradients in another of the
 * same layout), so the trainer can broadcast, average and update a network as a single array.
 * Not thread safe: each thread builds its own copy (see {@code io.sparkgan.gan.GanStep}).
 */
public final class Network {
    private final List<Layer> layers;
    private final INDArray params;
    private final INDArray gradients;
    /** Non-trainable layer state (see {@link Layer#numBuffers()}); empty if no layer has any. */
    private final INDArray buffers;
    /** The class-conditional layers, which {@link #setLabels} hands labels to. */
    private final List<Conditioned> conditioned;

    public Network(List<Layer> layers, DataType dataType) {
        this.layers = List.copyOf(layers);
        List<Conditioned> c = new ArrayList<>();
        for (Layer l : this.layers) {
            Conditioned cl = conditionedOf(l);
            if (cl != null) c.add(cl);
        }
        this.conditioned = List.copyOf(c);
        for (Conditioned cl : conditioned) {
            if (cl.classes() != conditioned.get(0).classes()) {
                throw new IllegalArgumentException("the class-conditional layers of a network must agree on the number"
                        + " of classes: " + conditioned.get(0) + " has " + conditioned.get(0).classes() + ", " + cl
                        + " has " + cl.classes());
            }
        }
        long n = 0;
        for (Layer l : this.layers) n += l.numParams();
        if (n == 0) throw new IllegalArgumentException("a network needs at least one layer with parameters");
        params = Nd4j.zeros(dataType, n);
        gradients = Nd4j.zeros(dataType, n);
        long offset = 0;
        for (Layer l : this.layers) {
            long k = l.numParams();
            if (k > 0) {
                l.bind(params.get(NDArrayIndex.interval(offset, offset + k)),
                        gradients.get(NDArrayIndex.interval(offset, offset + k)));
            }
            offset += k;
        }
        long nb = 0;
        for (Layer l : this.layers) nb += l.numBuffers();
        buffers = Nd4j.create(dataType, nb);
        offset = 0;
        for (Layer l : this.layers) {
            long k = l.numBuffers();
            if (k > 0) l.bindBuffers(buffers.get(NDArrayIndex.interval(offset, offset + k)));
            offset += k;
        }
    }

    /** Builds a network from layers, skipping nulls (an IDENTITY activation has no layer). */
    public static Network of(DataType dataType, Layer... layers) {
        List<Layer> list = new ArrayList<>();
        for (Layer l : layers) if (l != null) list.add(l);
        return new Network(list, dataType);
    }

    public long numParams() {
        return params.length();
    }

    public DataType dataType() {
        return params.dataType();
    }

    /** The flat parameter vector (live: writing it changes the network). */
    public INDArray params() {
        return params;
    }

    /** The flat gradient vector, same layout as {@link #params()}; sums over examples. */
    public INDArray gradients() {
        return gradients;
    }

    /** The layers, input to output. */
    public List<Layer> layers() {
        return layers;
    }

    public long numBuffers() {
        return buffers.length();
    }

    /**
     * The flat vector of non-trainable state (live; e.g. batch norm running statistics, updated by
     * training-mode forward passes). Empty (length 0) when no layer keeps state. Not part of
     * {@link #params()}: optimisers never see it.
     */
    public INDArray buffers() {
        return buffers;
    }

    /** A copy of the buffers (batch-norm running statistics); empty for networks without any. */
    public FlatVector bufferCopy() {
        return buffers.length() == 0 ? FlatVector.zeros(buffers.dataType(), 0) : FlatVector.of(buffers);
    }

    /** Copies {@code flat} into the buffers. */
    public void setBuffers(FlatVector flat) {
        if (flat.length() != buffers.length()) {
            throw new IllegalArgumentException("buffer vector has " + flat.length() + " values, network needs "
                    + buffers.length() + " (was the model config changed?)");
        }
        if (flat.length() > 0) flat.copyInto(buffers);
    }

    /** Copies {@code flat} into the parameters. */
    public void setParams(FlatVector flat) {
        if (flat.length() != params.length()) {
            throw new IllegalArgumentException("parameter vector has " + flat.length() + " values, network needs "
                    + params.length() + " (was the model config changed?)");
        }
        flat.copyInto(params);
    }

    /** Initialises every layer's parameters from {@code rng}, layer by layer. */
    public void initialize(RandomGenerator rng) {
        for (Layer l : layers) l.initialize(rng);
    }

    public void zeroGradients() {
        gradients.assign(0);
    }

    /** The class-conditional layer {@code l} is or wraps, or null. */
    private static Conditioned conditionedOf(Layer l) {
        if (l instanceof Conditioned c) return c;
        if (l instanceof SpectralNorm sn) return conditionedOf(sn.inner());
        return null;
    }

    /** Whether some layer depends on class labels (then every forward pass needs {@link #setLabels}). */
    public boolean conditional() {
        return !conditioned.isEmpty();
    }

    /** Number of classes of a {@link #conditional()} network, 0 for an unconditional one. */
    public int classes() {
        return conditioned.isEmpty() ? 0 : conditioned.get(0).classes();
    }

    /**
     * Hands the labels of the next forward pass's examples to every class-conditional layer (each
     * forward pass captures them for its backward pass). A no-op with {@code null} on an
     * unconditional network.
     *
     * @param labels one class in [0, {@link #classes()}) per example, or null for an unconditional network
     * @throws IllegalArgumentException if labels are given to an unconditional network or missing for a conditional one
     */
    public void setLabels(int[] labels) {
        if (labels == null && conditional()) {
            throw new IllegalArgumentException("this network is class-conditional (" + classes()
                    + " classes): its examples need labels");
        }
        if (labels != null && !conditional()) {
            throw new IllegalArgumentException("this network is not class-conditional: it takes no labels (got "
                    + labels.length + ")");
        }
        for (Conditioned c : conditioned) c.setLabels(labels);
    }

    /** {@link #setLabels} then {@link #forward(INDArray, boolean)}. */
    public INDArray forward(INDArray input, int[] labels, boolean training) {
        setLabels(labels);
        return forward(input, training);
    }

    public INDArray forward(INDArray input, boolean training) {
        INDArray x = input;
        for (Layer l : layers) x = l.forward(x, training);
        return x;
    }

    /** Backward through all layers; returns dLoss/dInput. See {@link Layer#backward}. */
    public INDArray backward(INDArray gradOutput, boolean accumulateParamGradients) {
        INDArray g = gradOutput;
        for (int i = layers.size() - 1; i >= 0; i--) g = layers.get(i).backward(g, accumulateParamGradients);
        return g;
    }

    /**
     * Backward through all layers accumulating parameter gradients, without dLoss/dInput (the
     * network's input is data or z): the first layer with parameters may skip its input gradient.
     */
    public void backwardParamsOnly(INDArray gradOutput) {
        int first = 0;
        while (layers.get(first).numParams() == 0) first++;
        INDArray g = gradOutput;
        for (int i = layers.size() - 1; i > first; i--) g = layers.get(i).backward(g, true);
        layers.get(first).backwardParamsOnly(g);
    }
}
