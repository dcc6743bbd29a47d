package io.sparkgan.cli;

import io.sparkgan.export.Dl4jConditionalGenerator;
import io.sparkgan.export.Dl4jGenerator;
import io.sparkgan.export.ExportedGenerator;
import io.sparkgan.run.Checkpoint;
import io.sparkgan.run.GeneratorSnapshot;
import io.sparkgan.run.Sampler;
import io.sparkgan.util.AtomicFiles;
import java.io.File;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.api.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sparkgan export}: a run's generator as a DL4J network file (ModelSerializer). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a trained run's generator as a DL4J MultiLayerNetwork (ModelSerializer zip) that",
            "DL4J users load without sparkgan: input z [n, latent] ~ N(0, I); output rows [n, dim], or images",
            "[n, c, h, w] in [-1, 1] for convolutional models. A class-conditional generator is a",
            "ComputationGraph with two inputs, \"z\" [n, latent] and \"label\" [n, K] (one-hot). Batch norm uses",
            "the running statistics and the generator is the one sampling uses (its moving average when",
            "train.generator-ema-decay > 0)."})
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, description = "Run directory (any Hadoop filesystem URI).")
    String run;

    @Option(names = "--out", description = "Output file URI. Default: RUN/generator-dl4j.zip.")
    String out;

    @Override
    public Integer call() throws Exception {
        Configuration conf = new Configuration();
        Sampler sampler = Sampler.forRun(run, conf);
        Checkpoint ckpt = sampler.checkpoint();
        GeneratorSnapshot generator = GeneratorSnapshot.of(sampler.spec(), ckpt, sampler.config().run().seed());
        boolean conditional = sampler.spec().classes() > 0;
        Model net = conditional
                ? Dl4jConditionalGenerator.build(sampler.spec(), generator.theta(), generator.buffersG())
                : Dl4jGenerator.build(sampler.spec(), generator.theta(), generator.buffersG());
        String target = out != null ? out : run.replaceAll("/+$", "") + "/generator-dl4j.zip";
        File tmp = File.createTempFile("sparkgan-generator", ".zip");
        try {
            ExportedGenerator.save(net, ckpt.clusters() == null ? null : ckpt.clusters().prior(), tmp);
            AtomicFiles.write(new Path(target), Files.readAllBytes(tmp.toPath()), conf);
        } finally {
            Files.deleteIfExists(tmp.toPath());
        }
        System.out.println("Wrote the generator (" + sampler.spec().describe() + ", " + ckpt.roundsDone()
                + " rounds) as a DL4J " + (conditional ? "ComputationGraph (inputs \"" + Dl4jConditionalGenerator.LATENT_INPUT
                + "\" [n, " + sampler.spec().latentDim() + "] and \"" + Dl4jConditionalGenerator.LABEL_INPUT + "\" [n, "
                + sampler.spec().classes() + "] one-hot)" : "MultiLayerNetwork (input z [n, " + sampler.spec().latentDim()
                + "])") + " to " + target);
        if (ckpt.clusters() != null) {
            System.out.println("Its " + sampler.spec().classes() + " classes are k-means clusters (self-conditioning): for"
                    + " unconditional samples draw them with the cluster sizes stored in the file as object \""
                    + ExportedGenerator.CLUSTER_COUNTS + "\" (ModelSerializer.getObjectFromFile; sparkgan sample --model does)");
        }
        return 0;
    }
}
