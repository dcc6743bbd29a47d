package io.sparkgan.cli;

import io.sparkgan.report.RunReport;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sparkgan report}: one self-contained HTML page about a run directory. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write one self-contained HTML page about a run: loss curves, D(x) and D(G(z)), the JSD"
                + " estimate, IS/FID over rounds and time (if quality.jsonl is there), time per round and its split,"
                + " sample snapshots over time, final samples, evaluation.json and provenance.",
            "Images are embedded; the page loads nothing else and runs no script. Needs no Spark."})
final class ReportCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, description = "Run directory (any Hadoop filesystem URI).")
    String run;

    @Option(names = "--out", description = "Output HTML file (any Hadoop filesystem URI). Default: RUN/report.html.")
    String out;

    @Override
    public Integer call() {
        String written = RunReport.write(run, out, new Configuration());
        System.out.println("Wrote report to " + written);
        return 0;
    }
}
