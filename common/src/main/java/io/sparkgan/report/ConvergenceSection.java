package io.sparkgan.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Losses, D's outputs and the JSD estimate per round, with their equilibrium values. */
final class ConvergenceSection implements Section {
    private static final double LOG2 = Math.log(2);

    @Override
    public String id() {
        return "convergence";
    }

    @Override
    public String title() {
        return "Convergence";
    }

    @Override
    public boolean present(RunData d) {
        return !d.metrics.isEmpty();
    }

    @Override
    public void write(Html h, RunData d) {
        List<JsonNode> m = d.metrics;
        h.section(id(), "Convergence diagnostics");
        h.note("How to read these: docs/diagnostics.md. D's loss is its binary cross-entropy"
                + " on real (target 1) and generated (target 0) examples; G's loss is its own objective (non-saturating:"
                + " -log D(G(z))). At the equilibrium D(x) = D(G(z)) = 1/2, D's loss is log 4 = "
                + Cells.number(Math.log(4)) + " and the JSD estimate is 0. D(x) near 1 with D(G(z)) near 0, the JSD estimate"
                + " near log 2 and G's loss climbing mean D separates real from generated: training is diverging or"
                + " collapsing.");
        Figures.chart(h, Charts.lines("Losses", "round", "loss", List.of(Series.of("D loss", m, "round", "dLoss"),
                Series.of("G loss", m, "round", "gLoss")), List.of(new Charts.Marker(Math.log(4),
                "D loss at equilibrium: log 4"))), "D and G loss per round");
        Figures.chart(h, Charts.lines("Discriminator outputs", "round", "mean D", List.of(
                Series.of("D(x), real", m, "round", "dReal"), Series.of("D(G(z)), generated", m, "round", "dFake")),
                List.of(new Charts.Marker(0.5, "equilibrium 1/2"))), "mean D(x) and D(G(z)) per round");
        Series jsd = Series.of("JSD estimate", m, "round", "jsd");
        if (jsd.isEmpty()) {
            h.paragraph("No JSD estimate: the least-squares loss has none.");
        } else {
            Figures.chart(h, Charts.lines("Jensen-Shannon divergence estimate (a lower bound)", "round", "nats",
                    List.of(jsd), List.of(new Charts.Marker(LOG2, "log 2: disjoint"),
                            new Charts.Marker(0, "0: indistinguishable"))), "JSD estimate per round");
        }
        h.endSection();
    }
}
