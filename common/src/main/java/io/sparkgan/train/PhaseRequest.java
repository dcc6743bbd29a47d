package io.sparkgan.train;

import io.sparkgan.nn.FlatVector;
import io.sparkgan.gan.Phase;
import java.io.Serializable;

/**
 * What the driver broadcasts for one phase: which phase of which round, both networks'
 * parameters, and (average mode only) the trained network's optimiser state.
 *
 * @param phase D or G
 * @param round 0-based round number
 * @param index which D phase of the round (0 .. criticSteps-1); 0 for G
 * @param thetaG generator parameters
 * @param thetaD discriminator parameters
 * @param optimizerState state of the trained network's optimiser, or null (sync mode, SGD)
 * @param optimizerIteration the trained network's optimiser step count
 * @param buffersG generator's batch-norm running statistics (empty without batch norm)
 * @param buffersD discriminator's batch-norm running statistics
 */
public record PhaseRequest(Phase phase, int round, int index, FlatVector thetaG, FlatVector thetaD,
                           FlatVector optimizerState, int optimizerIteration, FlatVector buffersG,
                           FlatVector buffersD) implements Serializable {

    /** This request with other parameter vectors (e.g. placeholders, or values shipped separately). */
    public PhaseRequest withParameters(FlatVector g, FlatVector d) {
        return new PhaseRequest(phase, round, index, g, d, optimizerState, optimizerIteration, buffersG, buffersD);
    }

    /** This request with another optimiser state (e.g. null, when the state is shipped separately). */
    public PhaseRequest withOptimizerState(FlatVector state) {
        return new PhaseRequest(phase, round, index, thetaG, thetaD, state, optimizerIteration, buffersG, buffersD);
    }

    /** Random-stream coordinates of this phase for one partition and local step. */
    public long[] streamCoordinates(int partition, int localStep) {
        return new long[] {round, phase.streamCoordinate(index), partition, localStep};
    }

    /** Bytes of parameters and state this request carries. */
    public long byteSize() {
        return thetaG.byteSize() + thetaD.byteSize() + (optimizerState == null ? 0 : optimizerState.byteSize())
                + buffersG.byteSize() + buffersD.byteSize();
    }

    /** e.g. "round 12 D phase 0". */
    public String label() {
        return "round " + round + " " + phase.shortName() + " phase" + (phase == Phase.DISCRIMINATOR ? " " + index : "");
    }
}
