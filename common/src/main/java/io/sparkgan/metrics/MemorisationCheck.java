package io.sparkgan.metrics;

import io.sparkgan.data.ExampleBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Does a generator copy its training images? For each generated image the L2 distance to its
 * nearest training image, set against the same statistic for real held-out test images (which the
 * generator never saw and which are not copies): if generated images are much nearer the training
 * set than real unseen images are, the generator reproduces training images. Reported: both
 * distributions' 1%, 5%, 25% and 50% quantiles and the fraction of generated images nearer than
 * the real test images' 1% quantile (about 0.01 for a generator that does not copy; much more for
 * one that does).
 *
 * <p>Distances are in the units the sets are given in (sparkgan's images: pixels scaled to
 * [-1, 1], so two images differing by 2/255 in every one of d values are 2/255 * sqrt(d) apart).
 */
public final class MemorisationCheck {
    /** The quantiles reported, as fractions. */
    public static final double[] QUANTILES = {0.01, 0.05, 0.25, 0.50};

    private MemorisationCheck() {}

    /**
     * The distribution of nearest-neighbour distances of one set to the training set.
     *
     * @param count number of images
     * @param q01 1% quantile
     * @param q05 5% quantile
     * @param q25 25% quantile
     * @param q50 median
     * @param min smallest distance
     * @param mean mean distance
     */
    public record Distances(int count, double q01, double q05, double q25, double q50, double min, double mean) {
        static Distances of(double[] distances) {
            double[] s = distances.clone();
            Arrays.sort(s);
            return new Distances(s.length, quantile(s, 0.01), quantile(s, 0.05), quantile(s, 0.25), quantile(s, 0.5),
                    s[0], Arrays.stream(s).average().orElse(Double.NaN));
        }
    }

    /**
     * One of the generated images nearest to the training set.
     *
     * @param generated its index among the generated images
     * @param training the index of its nearest training image
     * @param distance the distance between them
     */
    public record Closest(int generated, int training, double distance) {
    }

    /**
     * The check's result.
     *
     * @param trainingImages size of the training set searched
     * @param dimension values per image
     * @param generated distances of generated images to their nearest training image
     * @param test distances of real test images to their nearest training image
     * @param fractionBelowTestQ01 fraction of generated images nearer to the training set than the
     *                             test images' 1% quantile
     * @param closest the generated images nearest to the training set, nearest first (up to 10)
     * @param seconds time the search took
     */
    public record Report(int trainingImages, int dimension, Distances generated, Distances test,
                         double fractionBelowTestQ01, List<Closest> closest, double seconds) {
        /** Plain-text summary: one line per set, then the fraction. */
        public String table() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "L2 distance to the nearest of %,d training images (dimension %,d)%n", trainingImages, dimension));
            sb.append(String.format(Locale.ROOT, "%-12s %8s %9s %9s %9s %9s %9s%n", "", "images", "1%", "5%", "25%",
                    "50%", "min"));
            for (var row : List.of(List.of("generated", generated), List.of("real test", test))) {
                Distances x = (Distances) row.get(1);
                sb.append(String.format(Locale.ROOT, "%-12s %8d %9.3f %9.3f %9.3f %9.3f %9.3f%n", row.get(0), x.count(),
                        x.q01(), x.q05(), x.q25(), x.q50(), x.min()));
            }
            sb.append(String.format(Locale.ROOT,
                    "generated images nearer than the real test images' 1%% quantile: %.2f%% (about 1%% if G does not copy)%n",
                    100 * fractionBelowTestQ01));
            return sb.toString();
        }
    }

    /**
     * Runs the check.
     *
     * @param generated generated images (rows)
     * @param test real held-out images (rows), never trained on
     * @param training the training images (rows)
     * @param block rows per block of the nearest-neighbour search ({@link NearestNeighbours#DEFAULT_BLOCK})
     * @return both distributions, the fraction and the closest generated images
     */
    public static Report run(ExampleBlock generated, ExampleBlock test, ExampleBlock training, int block) {
        long start = System.nanoTime();
        NearestNeighbours.Result g = NearestNeighbours.nearest(generated, training, block);
        NearestNeighbours.Result t = NearestNeighbours.nearest(test, training, block);
        Distances gd = Distances.of(g.distance());
        Distances td = Distances.of(t.distance());
        long below = Arrays.stream(g.distance()).filter(x -> x < td.q01()).count();
        List<Closest> closest = new ArrayList<>();
        IntStream.range(0, g.distance().length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> g.distance()[i]).thenComparingInt(i -> i)).limit(10)
                .forEach(i -> closest.add(new Closest(i, g.index()[i], g.distance()[i])));
        return new Report(training.rows(), training.dim(), gd, td, (double) below / g.distance().length,
                List.copyOf(closest), (System.nanoTime() - start) / 1e9);
    }

    /**
     * The p-quantile of sorted values with linear interpolation between order statistics
     * (numpy's default, Hyndman and Fan type 7): position {@code (n - 1) p}.
     *
     * @param sorted the values in ascending order (not empty)
     * @param p the fraction, in [0, 1]
     */
    public static double quantile(double[] sorted, double p) {
        if (sorted.length == 0) throw new IllegalArgumentException("quantile of an empty set");
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("quantile fraction must be in [0, 1], got " + p);
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
