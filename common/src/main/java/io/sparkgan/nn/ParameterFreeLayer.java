package io.sparkgan.nn;

import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Base for layers without parameters (activations, reshapes). */
abstract class ParameterFreeLayer implements Layer {
    @Override
    public final long numParams() {
        return 0;
    }

    @Override
    public final void bind(INDArray paramSlice, INDArray gradientSlice) {
        // nothing to bind
    }

    @Override
    public final void initialize(RandomGenerator rng) {
        // nothing to initialise
    }
}
