package io.sparkgan.train;

import io.sparkgan.model.GanModelSpec;
import io.sparkgan.nn.Network;
import io.sparkgan.optim.Optimizer;
import io.sparkgan.rng.RngStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The driver's state between rounds: both networks' parameters, both optimisers, rounds done. */
public final class TrainingState {
    private final INDArray thetaG;
    private final INDArray thetaD;
    private final Optimizer generatorOptimizer;
    private final Optimizer discriminatorOptimizer;
    private int roundsDone;

    public TrainingState(INDArray thetaG, INDArray thetaD, Optimizer generatorOptimizer,
                         Optimizer discriminatorOptimizer, int roundsDone) {
        this.thetaG = thetaG;
        this.thetaD = thetaD;
        this.generatorOptimizer = generatorOptimizer;
        this.discriminatorOptimizer = discriminatorOptimizer;
        this.roundsDone = roundsDone;
    }

    /** Fresh parameters initialised from the seed's G and D init streams, fresh optimisers. */
    public static TrainingState initial(GanModelSpec spec, TrainingSettings settings) {
        Network g = spec.buildGenerator();
        Network d = spec.buildDiscriminator();
        g.initialize(RngStream.GENERATOR_INIT.at(settings.seed()));
        d.initialize(RngStream.DISCRIMINATOR_INIT.at(settings.seed()));
        return new TrainingState(g.params().dup(), d.params().dup(),
                new Optimizer(settings.generatorOptimizer(), g.numParams(), spec.dataType()),
                new Optimizer(settings.discriminatorOptimizer(), d.numParams(), spec.dataType()), 0);
    }

    public INDArray thetaG() {
        return thetaG;
    }

    public INDArray thetaD() {
        return thetaD;
    }

    public Optimizer generatorOptimizer() {
        return generatorOptimizer;
    }

    public Optimizer discriminatorOptimizer() {
        return discriminatorOptimizer;
    }

    public int roundsDone() {
        return roundsDone;
    }

    void completeRound() {
        roundsDone++;
    }
}
