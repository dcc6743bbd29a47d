package io.sparkgan.cli;

import io.sparkgan.spark.SparkContexts;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Option;

/** The Spark options every command that runs Spark jobs takes (a picocli mixin). */
final class SparkOptions {

    @Option(names = "--master", description = "Spark master URL; default: spark-submit's, else "
            + SparkContexts.DEFAULT_MASTER + ".")
    String master;

    @Option(names = "--spark-conf", paramLabel = "KEY=VALUE", description = "Extra Spark setting (repeatable).")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    /** The Hadoop configuration a SparkContext with these options has, without starting one. */
    Configuration hadoopConfiguration() {
        return SparkContexts.hadoopConfiguration(master, sparkConf);
    }

    /** A SparkContext with these options. */
    JavaSparkContext create(String appName) {
        return SparkContexts.create(appName, master, sparkConf);
    }
}
