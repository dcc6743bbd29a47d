package io.sparkgan.gan;

import io.sparkgan.util.EnumNames;

/**
 * The GAN objectives, written on D's raw output (a logit for the BCE family, a score for least
 * squares). Conventions everywhere: real = 1, fake = 0. Each method returns a loss value and its
 * derivative with respect to D's raw output, for ONE example.
 */
public enum GanLoss {
    /** D: BCE; G: -log D(G(z)) (Goodfellow et al.'s non-saturating loss). The default. */
    NON_SATURATING,
    /** D: BCE; G: log(1 - D(G(z))), the original minimax game (saturates early in training). */
    MINIMAX,
    /** Least squares (Mao et al.): D: (D(x)-1)^2/2 + D(G(z))^2/2; G: (D(G(z))-1)^2/2. */
    LEAST_SQUARES,
    /**
     * Hinge loss (Lim & Ye 2017; Miyato et al. 2018, the usual partner of spectral norm):
     * D: max(0, 1 - D(x)) + max(0, 1 + D(G(z))); G: -D(G(z)). D's output is a raw score; real
     * examples stop contributing once D scores them above 1, fakes once below -1.
     */
    HINGE;

    /** D's loss for one example of target {@code target} (1, or 1-smoothing, for real; 0 for fake). */
    public void discriminatorTerm(double output, double target, double[] valueAndGrad) {
        if (this == HINGE) {
            // Real (target 1) pushes the score above +1, fake (target 0) below -1.
            double margin = target > 0.5 ? 1.0 - output : 1.0 + output;
            valueAndGrad[0] = Math.max(0.0, margin);
            valueAndGrad[1] = margin > 0 ? (target > 0.5 ? -1.0 : 1.0) : 0.0;
        } else if (this == LEAST_SQUARES) {
            double e = output - target;
            valueAndGrad[0] = 0.5 * e * e;
            valueAndGrad[1] = e;
        } else {
            valueAndGrad[0] = softplus(output) - target * output;
            valueAndGrad[1] = sigmoid(output) - target;
        }
    }

    /** G's loss for one generated example whose D output is {@code output}. */
    public void generatorTerm(double output, double[] valueAndGrad) {
        switch (this) {
            case NON_SATURATING:
                valueAndGrad[0] = softplus(-output);
                valueAndGrad[1] = sigmoid(output) - 1.0;
                break;
            case MINIMAX:
                valueAndGrad[0] = -softplus(output);
                valueAndGrad[1] = -sigmoid(output);
                break;
            case HINGE:
                valueAndGrad[0] = -output;
                valueAndGrad[1] = -1.0;
                break;
            default:
                double e = output - 1.0;
                valueAndGrad[0] = 0.5 * e * e;
                valueAndGrad[1] = e;
        }
    }

    /** What D "says" about an example: a probability for the BCE family, the raw score for least squares and hinge. */
    public double discriminatorValue(double output) {
        return hasJsdEstimate() ? sigmoid(output) : output;
    }

    /** True if D's output is a probability (a logit through a sigmoid), so the JSD estimate (docs/diagnostics.md) applies. */
    public boolean hasJsdEstimate() {
        return this == NON_SATURATING || this == MINIMAX;
    }

    /** True if D's real target can be smoothed (1 - label smoothing): the BCE and least-squares losses, not hinge. */
    public boolean allowsLabelSmoothing() {
        return this != HINGE;
    }

    /** log(1 + e^x) without overflow. */
    public static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    public static double sigmoid(double x) {
        return x >= 0 ? 1.0 / (1.0 + Math.exp(-x)) : Math.exp(x) / (1.0 + Math.exp(x));
    }

    /** Parses "non-saturating", "minimax", "least-squares" or "hinge". */
    public static GanLoss parse(String name) {
        return EnumNames.parse(GanLoss.class, name, "loss");
    }

    public String configName() {
        return EnumNames.configName(this);
    }
}
