package io.sparkgan.cli;

import io.sparkgan.data.VectorBlock;
import io.sparkgan.export.ExportedGenerator;
import io.sparkgan.images.ImageShape;
import io.sparkgan.plot.ImageGrid;
import io.sparkgan.rng.LatentPrior;
import io.sparkgan.rng.RngStream;
import io.sparkgan.run.SamplePictures;
import io.sparkgan.run.Sampler;
import java.io.File;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sparkgan sample}: generated examples from a trained run or from an exported DL4J
 * generator, as CSV, plus a scatter plot for 2-D data or an image grid for images. No Spark.
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Write N generated examples as CSV; for 2-D data also a scatter plot PNG, for images a PNG",
            "grid. From a run directory (--run) or from a generator exported with `sparkgan export` (--model);",
            "the same seed draws the same z either way. A class-conditional model's example i is of class",
            "i mod K and its grid has one row per class (10 a class), unless --class asks for one class. A",
            "self-conditioned run's (model.clusters) examples draw their cluster with the clusters' frequencies",
            "and its grid is a plain one; --class K asks for cluster K.",
            "Runs in this JVM, without Spark."})
final class SampleCommand implements Callable<Integer> {

    static final class Source {
        @Option(names = "--run", required = true, description = "Run directory (any Hadoop filesystem URI).")
        String run;

        @Option(names = "--model", required = true,
                description = "A DL4J generator file written by `sparkgan export` (any Hadoop filesystem URI).")
        String model;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = {"-n", "--n"}, defaultValue = "1000", description = "Number of examples. Default: ${DEFAULT-VALUE}.")
    int n;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the latent draws. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--class", paramLabel = "K", description = "Class-conditional models: every example of class K"
            + " (0 <= K < the model's number of classes). Without it a conditional model's example i is of class"
            + " i mod K and the picture has one row per class. Self-conditioned runs (--run): cluster K; without"
            + " it clusters are drawn with their frequencies in the training data.")
    Integer label;

    @Option(names = "--truncation", paramLabel = "T",
            description = "Draw the latents with the truncation trick: components redrawn while |z_i| > T (0 = plain"
                    + " N(0, I)). Default: the run's samples.truncation (--run), 0 (--model).")
    Double truncation;

    @Option(names = "--out", description = "CSV output URI. Default: RUN/samples.csv, or samples.csv beside the"
            + " model (picture: same name, .png).")
    String out;

    @Override
    public Integer call() throws Exception {
        if (n <= 0) throw new IllegalArgumentException("--n must be positive, got " + n);
        Configuration conf = new Configuration();
        String base = source.run != null ? source.run.replaceAll("/+$", "") : new Path(source.model).getParent().toString();
        String csv = out != null ? out : base + "/samples.csv";
        String png = csv.replaceAll("\\.csv$", "") + ".png";
        if (source.run != null) {
            Sampler sampler = Sampler.forRun(source.run, conf);
            if (truncation != null) sampler = sampler.withTruncation(truncation);
            VectorBlock samples = label != null ? sampler.generateClass(n, seed, label) : sampler.generate(n, seed);
            Sampler.writeCsv(samples, csv, conf);
            System.out.println("Wrote " + n + " samples" + (sampler.selfConditioned() && label == null
                    ? " (clusters drawn with their frequencies)" : describeClasses(sampler.spec().classes())) + " to " + csv);
            if (samples.dim() == 2) {
                sampler.writeScatterPlot(samples, png, conf);
                System.out.println("Wrote scatter plot to " + png);
            } else if (sampler.imageShape() != null) {
                writeGrid(label != null ? sampler.imageGridPng(samples, Math.min(n, 400))
                        : sampler.samplesGridPng(samples, Math.min(n, 400)), png, conf);
            }
            return 0;
        }
        ExportedGenerator generator = loadModel(source.model, conf);
        int latent = generator.latentDim();
        int classes = generator.classes();
        if (label != null) Sampler.requireClass(label, classes, "model file " + source.model);
        int[] labels = null;
        if (classes > 0) {
            labels = new int[n];
            if (label == null && generator.classPrior() != null) {
                labels = generator.classPrior().draw(RngStream.SAMPLED_CLASSES.at(seed), n);
            } else {
                for (int i = 0; i < n; i++) labels[i] = label != null ? label : i % classes;
            }
        }
        boolean clustered = generator.classPrior() != null;
        float[] rows = generator.generateRows(new LatentPrior(truncation == null ? 0 : truncation)
                .draw(RngStream.SAMPLING.at(seed), n, latent, DataType.FLOAT), labels).data().asFloat();
        VectorBlock samples = labels == null ? new VectorBlock(rows, n, rows.length / n)
                : new VectorBlock(rows, n, rows.length / n, labels, classes);
        Sampler.writeCsv(samples, csv, conf);
        System.out.println("Wrote " + n + " samples" + (clustered && label == null ? " (clusters drawn with their"
                + " frequencies)" : describeClasses(classes)) + " from " + source.model + " to " + csv);
        ImageShape shape = generator.imageShape();
        if (shape != null) {
            writeGrid(classes > 0 && label == null && !clustered ? SamplePictures.classRows(samples, shape, classes, 10)
                    : ImageGrid.png(samples, shape, Math.min(n, 400), 10), png, conf);
        }
        return 0;
    }

    /** What the classes of the samples are, for the message. */
    private String describeClasses(int classes) {
        if (label != null) return " of class " + label;
        return classes > 0 ? " (example i of class i mod " + classes + ")" : "";
    }

    private static void writeGrid(byte[] grid, String png, Configuration conf) {
        Sampler.writeFile(grid, png, conf);
        System.out.println("Wrote an image grid to " + png);
    }

    private static ExportedGenerator loadModel(String uri, Configuration conf) throws Exception {
        Path src = new Path(uri);
        File tmp = File.createTempFile("sparkgan-model", ".zip");
        try {
            src.getFileSystem(conf).copyToLocalFile(false, src, new Path(tmp.toURI()), true);
            return ExportedGenerator.load(tmp);
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalArgumentException("model file " + uri + " does not exist");
        } finally {
            Files.deleteIfExists(tmp.toPath());
        }
    }
}
