package io.sparkgan.report;

/** The sample snapshots of fixed latent vectors, in round order. */
final class SnapshotsSection implements Section {

    @Override
    public String id() {
        return "snapshots";
    }

    @Override
    public String title() {
        return "Samples over time";
    }

    @Override
    public boolean present(RunData d) {
        return !d.snapshots.isEmpty();
    }

    @Override
    public void write(Html h, RunData d) {
        h.section(id(), "Samples over time (fixed latent vectors)");
        int shown = d.snapshots.size();
        int total = d.snapshotCount;
        h.note("Each picture is what the generator made of the SAME latent vectors z at that"
                + " round (samples/round-NNNNNN.png, written every samples.every-rounds rounds)"
                + (shown < total ? "; " + shown + " of " + total + " snapshots shown, evenly spaced" : "")
                + ". A tile that keeps its look while others change is a z whose sample has settled; many tiles"
                + " turning into the same picture is mode collapse.");
        h.raw("<div class=\"snapshots\">\n");
        for (RunData.Picture p : d.snapshots) {
            Figures.figure(h, p, "round " + p.round(), "generated samples at round " + p.round());
        }
        h.raw("</div>\n");
        h.endSection();
    }
}
