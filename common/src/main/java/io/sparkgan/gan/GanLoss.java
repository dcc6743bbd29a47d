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
    LEAST_SQUARES;

    /** D's loss for one example of target {@code target} (1, or 1-smoothing, for real; 0 for fake). */
    public void discriminatorTerm(double output, double target, double[] valueAndGrad) {
        if (this == LEAST_SQUARES) {
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
            default:
                double e = output - 1.0;
                valueAndGrad[0] = 0.5 * e * e;
                valueAndGrad[1] = e;
        }
    }

    /** What D "says" about an example: a probability for the BCE family, the raw score for least squares. */
    public double discriminatorValue(double output) {
        return this == LEAST_SQUARES ? output : sigmoid(output);
    }

    /** True if D's output is a probability, so the JSD estimate of DESIGN.md section 1 applies. */
    public boolean hasJsdEstimate() {
        return this != LEAST_SQUARES;
    }

    /** log(1 + e^x) without overflow. */
    public static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    public static double sigmoid(double x) {
        return x >= 0 ? 1.0 / (1.0 + Math.exp(-x)) : Math.exp(x) / (1.0 + Math.exp(x));
    }

    /** Parses "non-saturating", "minimax" or "least-squares". */
    public static GanLoss parse(String name) {
        return EnumNames.parse(GanLoss.class, name, "loss");
    }

    public String configName() {
        return EnumNames.configName(this);
    }
}
