package io.sparkgan.cli;

import io.sparkgan.config.ConfigError;
import io.sparkgan.train.TrainingDivergedException;
import io.sparkgan.util.DataFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sparkgan} command line: prepare, train, clusters, sample, export, evaluator, evaluate, report, bench. */
@Command(name = "sparkgan", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Train generative adversarial networks on Apache Spark.",
        subcommands = {PrepareCommand.class, TrainCommand.class, ClustersCommand.class, SampleCommand.class,
            ExportCommand.class, EvaluatorCommand.class, EvaluateCommand.class, ReportCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class})
public final class Sparkgan {

    public static void main(String[] args) {
        int code = run(args);
        // In YARN cluster mode this main runs in a thread of Spark's ApplicationMaster (which sets
        // spark.submit.deployMode=cluster), and it reports SUCCEEDED only when main returns: a
        // System.exit, even exit(0), ends the application as FAILED ("Shutdown hook called before
        // final status was reported"). The ApplicationMaster exits the JVM itself afterwards.
        if (code == 0 && "cluster".equals(System.getProperty("spark.submit.deployMode"))) return;
        System.exit(code);
    }

    /** Runs the CLI and returns the exit code (tests call this instead of main). */
    public static int run(String... args) {
        System.setProperty("java.awt.headless", "true");
        CommandLine cli = new CommandLine(new Sparkgan());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigError || e instanceof DataFormatException || e instanceof TrainingDivergedException
                    || e instanceof IllegalArgumentException || e instanceof IllegalStateException
                    || e instanceof java.io.UncheckedIOException) {
                // The qualified name ("sparkgan evaluator train"), not the last word ("train").
                cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
                return e instanceof ConfigError ? 2 : e instanceof DataFormatException ? 3 : 1;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
