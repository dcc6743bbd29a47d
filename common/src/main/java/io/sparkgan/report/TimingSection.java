package io.sparkgan.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Time per round split into broadcast, compute, aggregate, update and the rest, and the throughput. */
final class TimingSection implements Section {

    @Override
    public String id() {
        return "timing";
    }

    @Override
    public String title() {
        return "Time per round";
    }

    @Override
    public boolean present(RunData d) {
        return !d.metrics.isEmpty();
    }

    @Override
    public void write(Html h, RunData d) {
        List<JsonNode> m = d.metrics;
        h.section(id(), "Time per round and throughput");
        h.note("Where a round's time goes: broadcast (driver publishes parameters),"
                + " compute (the slowest task's gradient work, per phase; its data part is drawing real"
                + " minibatches), aggregate (the rest of the Spark jobs: scheduling, (de)serialisation, tree"
                + " aggregation), update (the driver's optimiser step); other is the rest of the round's wall time"
                + " (driver bookkeeping between phases). Work between rounds (metrics, logging, sample snapshots)"
                + " counts in the wall-clock time, not here.");
        int n = m.size();
        double[] x = new double[n];
        double[][] parts = new double[6][n];
        for (int i = 0; i < n; i++) {
            JsonNode r = m.get(i);
            x[i] = Series.number(r, "round");
            double broadcast = Columns.zeroIfMissing(r, "broadcastMs");
            double compute = Columns.zeroIfMissing(r, "computeMs");
            double dataPart = Math.min(compute, Columns.zeroIfMissing(r, "dataMs"));
            double aggregate = Columns.zeroIfMissing(r, "aggregateMs");
            double update = Columns.zeroIfMissing(r, "updateMs");
            parts[0][i] = broadcast;
            parts[1][i] = compute - dataPart;
            parts[2][i] = dataPart;
            parts[3][i] = aggregate;
            parts[4][i] = update;
            parts[5][i] = Math.max(0, Columns.zeroIfMissing(r, "roundMs") - broadcast - compute - aggregate - update);
        }
        Figures.chart(h, Charts.stacked("Time per round, split", "round", "milliseconds", x, List.of("broadcast",
                "compute (model)", "compute (data path)", "aggregate", "update", "other"), parts),
                "time per round, stacked by part");
        Figures.chart(h, Charts.lines("Throughput", "round", "real examples per second",
                List.of(Series.of("examples/s", m, "round", "examplesPerSecond")), List.of()), "examples per second");
        h.endSection();
    }
}
