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
    private int firstRound;
    private double firstElapsedSeconds;

    public RoundLogger(int everyRounds) {
        this.everyRounds = everyRounds;
    }

    @Override
    public void onStart(TrainingState state, int totalRounds) {
        this.totalRounds = totalRounds;
        this.firstRound = state.roundsDone();
        // A resumed run's clock continues from its checkpoint: the ETA uses this process's rounds only.
        this.firstElapsedSeconds = state.progress().elapsedSeconds();
    }

    @Override
    public void onRound(RoundMetrics m, TrainingState state) {
        if (m.round() % everyRounds == 0 || m.round() == totalRounds) {
            double secondsPerRound = (m.elapsedSeconds() - firstElapsedSeconds) / Math.max(1, m.round() - firstRound);
            LOG.info(format(m, totalRounds, secondsPerRound * (totalRounds - m.round())));
        }
    }

    /** One line: progress, ETA, diagnostics, time split. */
    public static String format(RoundMetrics m, int totalRounds, double etaSeconds) {
        return String.format("round %d/%d  ETA %s  D loss %.4f  G loss %.4f  D(x) %.3f  D(G(z)) %.3f  JSD %s  %.0f ex/s  "
                        + "round %.1f ms = broadcast %.1f + compute %.1f (data %.1f) + aggregate %.1f + update %.1f",
                m.round(), totalRounds, eta(etaSeconds), m.dLoss(), m.gLoss(), m.dReal(), m.dFake(),
                m.jsd() == null ? "n/a" : String.format("%.4f", m.jsd()), m.examplesPerSecond(), m.roundMs(),
                m.broadcastMs(), m.computeMs(), m.dataMs(), m.aggregateMs(), m.updateMs());
    }

    private static String eta(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60) : String.format("%dm%02ds", s / 60, s % 60);
    }
}
