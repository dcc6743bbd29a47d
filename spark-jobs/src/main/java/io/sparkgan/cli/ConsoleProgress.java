package io.sparkgan.cli;

import io.sparkgan.train.RoundMetrics;
import io.sparkgan.train.TrainingListener;
import io.sparkgan.train.TrainingState;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A one-line console progress bar (progressbar library): round, ETA and the round's diagnostics. */
final class ConsoleProgress implements TrainingListener {
    private ProgressBar bar;

    @Override
    public void onStart(TrainingState state, int totalRounds) {
        bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(totalRounds).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500).setUnit(" rounds", 1).showSpeed().build();
        bar.stepTo(state.roundsDone());
    }

    @Override
    public void onRound(RoundMetrics m, TrainingState state) {
        bar.stepTo(m.round());
        bar.setExtraMessage(String.format(" D %.3f G %.3f D(x) %.2f D(G(z)) %.2f JSD %s %.0f ex/s", m.dLoss(),
                m.gLoss(), m.dReal(), m.dFake(), m.jsd() == null ? "n/a" : String.format("%.3f", m.jsd()),
                m.examplesPerSecond()));
    }

    @Override
    public void onEnd(TrainingState state) {
        bar.close();
    }
}
