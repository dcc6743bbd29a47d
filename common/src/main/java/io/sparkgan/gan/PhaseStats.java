package io.sparkgan.gan;

import java.io.Serializable;

/**
 * Sums over the examples of one phase (never means, so partitions merge by addition): the
 * loss, what D says about real and generated examples, and the two unsmoothed BCE terms the
 * JSD estimate is built from (docs/architecture.md, Diagnostics). {@code examples} counts real examples in a
 * D phase and generated ones in a G phase.
 */
public final class PhaseStats implements Serializable {
    private static final long serialVersionUID = 1L;

    public long examples;
    public double lossSum;
    public double dRealSum;
    public double dFakeSum;
    public double bceRealSum;
    public double bceFakeSum;

    public PhaseStats add(PhaseStats o) {
        examples += o.examples;
        lossSum += o.lossSum;
        dRealSum += o.dRealSum;
        dFakeSum += o.dFakeSum;
        bceRealSum += o.bceRealSum;
        bceFakeSum += o.bceFakeSum;
        return this;
    }

    public double meanLoss() {
        return lossSum / examples;
    }

    public double meanDReal() {
        return dRealSum / examples;
    }

    public double meanDFake() {
        return dFakeSum / examples;
    }

    /**
     * JSD estimate (log 4 - BCE_real - BCE_fake) / 2: exact for the optimal D, a lower bound
     * while D is not optimal, and 0 at equilibrium where D(x) = D(G(z)) = 1/2.
     */
    public double jsdEstimate() {
        return (Math.log(4) - bceRealSum / examples - bceFakeSum / examples) / 2;
    }
}
