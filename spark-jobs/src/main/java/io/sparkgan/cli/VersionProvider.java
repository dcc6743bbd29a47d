package io.sparkgan.cli;

import io.sparkgan.spark.SparkContexts;
import io.sparkgan.util.Versions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.IVersionProvider;

/** Prints sparkgan's version and what it runs on. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, String> e : Versions.current().entrySet()) lines.add(e.getKey() + " " + e.getValue());
        lines.add("spark " + SparkContexts.sparkVersion());
        return lines.toArray(new String[0]);
    }
}
