package io.sparkgan.run;

import io.sparkgan.train.RoundMetrics;
import io.sparkgan.train.TrainingListener;
import io.sparkgan.train.TrainingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs the round's diagnostics and time split every N rounds (and the last round). */
public final class RoundLogger implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger("io.sparkgan.train");
    private final int everyRounds;
    private int totalRounds;

    public RoundLogger(int everyRounds) {
        this.everyRounds = everyRounds;
    }

    @Override
    public void onStart(TrainingState state, int totalRounds) {
        this.totalRounds = totalRounds;
    }

    @Override
    public void onRound(RoundMetrics m, TrainingState state) {
        if (m.round() % everyRounds == 0 || m.round() == totalRounds) LOG.info(format(m, totalRounds));
    }

    /** One line: progress, diagnostics, time split. */
    public static String format(RoundMetrics m, int totalRounds) {
        return String.format("round %d/%d  D loss %.4f  G loss %.4f  D(x) %.3f  D(G(z)) %.3f  JSD %s  %.0f ex/s  "
                        + "round %.1f ms = broadcast %.1f + compute %.1f + aggregate %.1f + update %.1f",
                m.round(), totalRounds, m.dLoss(), m.gLoss(), m.dReal(), m.dFake(),
                m.jsd() == null ? "n/a" : String.format("%.4f", m.jsd()), m.examplesPerSecond(), m.roundMs(),
                m.broadcastMs(), m.computeMs(), m.aggregateMs(), m.updateMs());
    }
}
