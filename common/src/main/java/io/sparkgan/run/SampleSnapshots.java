package io.sparkgan.run;

import io.sparkgan.config.DataSettings;
import io.sparkgan.config.SampleSettings;
import io.sparkgan.data.VectorBlock;
import io.sparkgan.gan.GanStep;
import io.sparkgan.images.ImageShape;
import io.sparkgan.model.GanModelSpec;
import io.sparkgan.rng.LatentPrior;
import io.sparkgan.rng.ClassPrior;
import io.sparkgan.rng.RngStream;
import io.sparkgan.train.RoundMetrics;
import io.sparkgan.train.TrainingListener;
import io.sparkgan.train.TrainingState;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes {@code samples/round-NNNNNN.png} at the start (round 0, or the round a resumed run continues
 * from), every {@code samples.every-rounds} rounds and after the last round (also a stopped run's): what the generator makes of the SAME latent vectors (drawn once from the
 * {@link RngStream#SNAPSHOT} stream of the seed), so a reader sees each z evolve. Generated on the
 * driver with the parameters sampling uses (G's moving average if kept, else G; batch norm in eval
 * mode), which takes milliseconds for 64 images. Image data gives a grid, 2-D data a scatter plot.
 */
public final class SampleSnapshots implements TrainingListener {
    /** Folder of the snapshots inside the run directory. */
    public static final String DIRECTORY = "samples";
    /** Largest number of images drawn in one snapshot grid. */
    public static final int MAX_IMAGES = 256;
    private static final Pattern NAME = Pattern.compile("round-(\\d+)\\.png");
    private static final int SCATTER_SIDE = 480;

    private final RunFiles run;
    private final GanModelSpec spec;
    private final ImageShape shape;
    private final DataSettings.Source source;
    private final String runName;
    private final int everyRounds;
    private final int count;
    private final long seed;
    private final LatentPrior prior;
    private final ClassPrior classPrior;
    private GanStep step;
    private INDArray latents;
    private int lastWritten = -1;

    private SampleSnapshots(RunFiles run, GanModelSpec spec, ImageShape shape, DataSettings.Source source,
                            String runName, int everyRounds, int count, long seed, LatentPrior prior,
                            ClassPrior classPrior) {
        this.run = run;
        this.spec = spec;
        this.shape = shape;
        this.source = source;
        this.runName = runName;
        this.everyRounds = everyRounds;
        this.count = count;
        this.seed = seed;
        this.prior = prior;
        this.classPrior = classPrior;
    }

    /**
     * The snapshot writer of a run, or null when snapshots are off or the data can be drawn neither
     * as images ({@code shape} null) nor as a 2-D scatter plot.
     *
     * @param classPrior a self-conditioned model's cluster frequencies, or null
     */
    public static SampleSnapshots of(SampleSettings settings, RunFiles run, GanModelSpec spec, ImageShape shape,
                                     DataSettings.Source source, String runName, long seed, ClassPrior classPrior) {
        if (!settings.enabled()) return null;
        if (shape == null && spec.dataDim() != 2) return null;
        int n = shape != null ? Math.min(MAX_IMAGES, settings.countFor(true)) : settings.countFor(false);
        return new SampleSnapshots(run, spec, shape, source, runName, settings.everyRounds(), n, seed,
                settings.prior(), classPrior);
    }

    /** The fixed latent vectors of a run's snapshots: {@code n} rows from the SNAPSHOT stream of {@code seed}. */
    public static INDArray latents(long seed, int n, GanModelSpec spec) {
        return latents(seed, n, spec, LatentPrior.STANDARD);
    }

    /** As {@link #latents(long, int, GanModelSpec)}, drawn from {@code prior} (samples.truncation). */
    public static INDArray latents(long seed, int n, GanModelSpec spec, LatentPrior prior) {
        return prior.draw(RngStream.SNAPSHOT.at(seed), n, spec.latentDim(), spec.dataType());
    }

    /** File name (inside {@link #DIRECTORY}) of the snapshot after {@code round} rounds. */
    public static String fileName(int round) {
        return String.format(Locale.ROOT, "round-%06d.png", round);
    }

    /** The round of a snapshot file name, or -1 if {@code name} is not one. */
    public static int roundOf(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) return -1;
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void onStart(TrainingState state, int totalRounds) {
        write(state, state.roundsDone());
    }

    @Override
    public void onRound(RoundMetrics metrics, TrainingState state) {
        if (metrics.round() % everyRounds == 0) write(state, metrics.round());
    }

    /** The last round's picture, also when a stop was requested before the configured end. */
    @Override
    public void onEnd(TrainingState state) {
        if (lastWritten != state.roundsDone()) write(state, state.roundsDone());
    }

    private void write(TrainingState state, int round) {
        run.write(DIRECTORY + "/" + fileName(round), render(GeneratorSnapshot.of(step(), state, seed, prior, classPrior),
                round));
        lastWritten = round;
    }

    /** The snapshot PNG of {@code generator} after {@code round} rounds. */
    public byte[] render(GeneratorSnapshot generator, int round) {
        // the same classes every time, as the latents: a self-conditioned G's drawn once from its prior
        float[] x = generator.generate(step(), latents(), generator.classes(RngStream.SNAPSHOT.at(seed, 1), 0, count));
        VectorBlock samples = new VectorBlock(x, count, spec.dataDim());
        if (shape != null) return SamplePictures.squareGrid(samples, shape, count);
        return SamplePictures.scatter(samples, source, runName + ", round " + round + " (" + count
                + " fixed z)", SCATTER_SIDE);
    }

    /** This listener's networks, built on first use (on the driver, once per run). */
    private GanStep step() {
        if (step == null) step = new GanStep(spec);
        return step;
    }

    private INDArray latents() {
        if (latents == null) latents = latents(seed, count, spec, prior);
        return latents;
    }
}
