package io.sparkgan.cli;

import io.sparkgan.data.VectorBlock;
import io.sparkgan.run.Sampler;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sparkgan sample}: generated examples from a trained run, as CSV (and a scatter plot for 2-D data). */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Write N generated examples of a trained run as CSV; for 2-D data also a scatter plot PNG, for images a PNG grid.")
final class SampleCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, description = "Run directory (any Hadoop filesystem URI).")
    String run;

    @Option(names = {"-n", "--n"}, defaultValue = "1000", description = "Number of examples. Default: ${DEFAULT-VALUE}.")
    int n;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the latent draws. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", description = "CSV output URI. Default: RUN/samples.csv (plot: same name, .png).")
    String out;

    @Override
    public Integer call() {
        if (n <= 0) throw new IllegalArgumentException("--n must be positive, got " + n);
        Configuration conf = new Configuration();
        Sampler sampler = Sampler.forRun(run, conf);
        VectorBlock samples = sampler.generate(n, seed);
        String csv = out != null ? out : run.replaceAll("/+$", "") + "/samples.csv";
        Sampler.writeCsv(samples, csv, conf);
        System.out.println("Wrote " + n + " samples to " + csv);
        String png = csv.replaceAll("\\.csv$", "") + ".png";
        if (samples.dim() == 2) {
            sampler.writeScatterPlot(samples, png, conf);
            System.out.println("Wrote scatter plot to " + png);
        } else if (sampler.imageShape() != null) {
            int shown = Math.min(n, 400);
            Sampler.writeFile(sampler.imageGridPng(samples, shown), png, conf);
            System.out.println("Wrote a grid of " + shown + " images to " + png);
        }
        return 0;
    }
}
