package io.sparkgan.report;

/** final-samples.png of the trained generator. */
final class FinalSamplesSection implements Section {

    @Override
    public String id() {
        return "final-samples";
    }

    @Override
    public String title() {
        return "Final samples";
    }

    @Override
    public boolean present(RunData d) {
        return d.finalSamples != null;
    }

    @Override
    public void write(Html h, RunData d) {
        h.section(id(), "Final samples");
        h.paragraph("final-samples.png: samples of the trained generator (the moving average of G's parameters"
                + " when train.generator-ema-decay is set), drawn from the seed's sampling stream"
                + " (for 2-D data: a scatter plot over the true modes, red crosses).");
        Figures.figure(h, d.finalSamples, "after " + (d.provenance != null ? Cells.text(d.provenance, "roundsDone") + " rounds"
                : "training"), "final generated samples");
        h.endSection();
    }
}
