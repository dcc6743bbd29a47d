package io.sparkgan.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GanLossTest {

    @Test
    void bceTermsAreMinusLogProbabilities() {
        double[] t = new double[2];
        double logit = 0.7;
        double d = 1 / (1 + Math.exp(-logit));
        GanLoss.NON_SATURATING.discriminatorTerm(logit, 1.0, t);
        assertEquals(-Math.log(d), t[0], 1e-12);
        GanLoss.NON_SATURATING.discriminatorTerm(logit, 0.0, t);
        assertEquals(-Math.log(1 - d), t[0], 1e-12);
        GanLoss.NON_SATURATING.generatorTerm(logit, t);
        assertEquals(-Math.log(d), t[0], 1e-12);
        GanLoss.MINIMAX.generatorTerm(logit, t);
        assertEquals(Math.log(1 - d), t[0], 1e-12);
        GanLoss.LEAST_SQUARES.discriminatorTerm(logit, 1.0, t);
        assertEquals(0.5 * 0.3 * 0.3, t[0], 1e-12);
    }

    @Test
    void hingeTermsAreMarginsAndGIsMinusTheScore() {
        double[] t = new double[2];
        GanLoss.HINGE.discriminatorTerm(0.25, 1.0, t); // real scored 0.25: 0.75 short of the margin
        assertEquals(0.75, t[0], 1e-15);
        assertEquals(-1.0, t[1], 0.0);
        GanLoss.HINGE.discriminatorTerm(1.5, 1.0, t); // real beyond the margin: no loss, no gradient
        assertEquals(0.0, t[0], 0.0);
        assertEquals(0.0, t[1], 0.0);
        GanLoss.HINGE.discriminatorTerm(0.25, 0.0, t); // fake scored 0.25: 1.25 above -1
        assertEquals(1.25, t[0], 1e-15);
        assertEquals(1.0, t[1], 0.0);
        GanLoss.HINGE.discriminatorTerm(-2.0, 0.0, t);
        assertEquals(0.0, t[0], 0.0);
        GanLoss.HINGE.generatorTerm(-2.0, t);
        assertEquals(2.0, t[0], 0.0);
        assertEquals(-1.0, t[1], 0.0);
        assertEquals(-2.0, GanLoss.HINGE.discriminatorValue(-2.0), 0.0);
        assertEquals(false, GanLoss.HINGE.hasJsdEstimate());
        assertEquals(GanLoss.HINGE, GanLoss.parse("hinge"));
    }

    @Test
    void softplusIsStableForLargeArguments() {
        assertEquals(1000.0, GanLoss.softplus(1000), 1e-9);
        assertEquals(Math.exp(-1000), GanLoss.softplus(-1000), 1e-300);
        assertTrue(Double.isFinite(GanLoss.sigmoid(-1000)));
    }

    @ParameterizedTest
    @EnumSource(GanLoss.class)
    void gradientsAreDerivativesOfTheTerms(GanLoss loss) {
        double[] t = new double[2];
        double h = 1e-6;
        for (double x : new double[] {-3, -0.2, 0.4, 2.5}) {
            double[] up = new double[2];
            double[] down = new double[2];
            loss.discriminatorTerm(x, 0.9, t);
            loss.discriminatorTerm(x + h, 0.9, up);
            loss.discriminatorTerm(x - h, 0.9, down);
            assertEquals((up[0] - down[0]) / (2 * h), t[1], 1e-6);
            loss.generatorTerm(x, t);
            loss.generatorTerm(x + h, up);
            loss.generatorTerm(x - h, down);
            assertEquals((up[0] - down[0]) / (2 * h), t[1], 1e-6);
        }
    }

    @Test
    void jsdEstimateIsZeroAtEquilibriumAndLog2ForAPerfectDiscriminator() {
        PhaseStats equilibrium = new PhaseStats();
        equilibrium.examples = 10;
        equilibrium.bceRealSum = 10 * Math.log(2);
        equilibrium.bceFakeSum = 10 * Math.log(2);
        assertEquals(0.0, equilibrium.jsdEstimate(), 1e-12);
        PhaseStats perfect = new PhaseStats();
        perfect.examples = 10;
        assertEquals(Math.log(2), perfect.jsdEstimate(), 1e-12);
    }
}
