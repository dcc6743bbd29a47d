package io.sparkgan.cli;

import io.sparkgan.run.Evaluation;
import io.sparkgan.run.Evaluator;
import io.sparkgan.run.Json;
import io.sparkgan.run.RunFiles;
import io.sparkgan.run.Sampler;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sparkgan evaluate}: the B1 metrics of a trained run, written to RUN/evaluation.json. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a trained run: modes covered, high-quality fraction and reverse KL for mixtures;"
                + " Frechet distance for gaussian2d and CSV data. Writes RUN/evaluation.json.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, description = "Run directory (any Hadoop filesystem URI).")
    String run;

    @Option(names = {"-n", "--n"}, defaultValue = "2500", description = "Generated samples to score. Default: ${DEFAULT-VALUE}.")
    int n;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the latent draws. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() {
        if (n <= 1) throw new IllegalArgumentException("--n must be at least 2, got " + n);
        Configuration conf = new Configuration();
        Evaluation evaluation = Evaluator.evaluate(Sampler.forRun(run, conf), n, seed, conf);
        String json = Json.pretty(evaluation);
        RunFiles.open(run, conf).writeText(RunFiles.EVALUATION, json);
        System.out.println(json);
        return 0;
    }
}
