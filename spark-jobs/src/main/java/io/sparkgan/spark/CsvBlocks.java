package io.sparkgan.spark;

import io.sparkgan.config.DataSettings;
import io.sparkgan.data.CsvRecords;
import io.sparkgan.data.CsvVectorReader;
import io.sparkgan.data.DataSource;
import io.sparkgan.data.ExampleBlock;
import io.sparkgan.data.VectorBlock;
import java.util.Collections;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CSV input (data.source = csv) as training blocks, read on the executors: Hadoop's line splits
 * of its files (about a block each; a compressed file whole) are read where they are, every row
 * checked there with the rules of {@link CsvVectorReader} ({@link CsvRecords}), and sent by a
 * shuffle to the training partition that holds them, so block p is examples [p*n/P, (p+1)*n/P) of
 * the files in name order, rows in file order: the blocks the same input read in one JVM gives,
 * whatever the splits. The driver learns counts, the example length and the largest label.
 *
 * <p>Two passes over the files: a scan (per split: lines, records, its first two records) lets the
 * driver decide each file's header and label column and where each split's lines and rows start;
 * the read then parses, checks and shuffles the rows, and the blocks are cached.
 */
public final class CsvBlocks {
    private static final Logger LOG = LoggerFactory.getLogger(CsvBlocks.class);

    private CsvBlocks() {}

    /**
     * The cached blocks and what they hold.
     *
     * @param blocks one cached block per training partition
     * @param source the data set's size, example length and classes
     */
    public record Loaded(TrainingBlocks blocks, DataSource source) {
    }

    /**
     * Reads, checks and caches the CSV input of {@code settings} as data.partitions blocks.
     *
     * @param sc the context
     * @param settings data.path (a file or a directory of files, any Hadoop filesystem URI), data.label-column,
     *                 data.partitions
     * @throws io.sparkgan.util.DataFormatException naming file, line, column and value for the first bad row a
     *         task met, a file without its label column, or an input without data rows
     * @throws io.sparkgan.config.ConfigError if data.partitions exceeds the number of examples
     */
    public static Loaded load(JavaSparkContext sc, DataSettings settings) {
        String uri = settings.path();
        String labelColumn = settings.labelColumn().trim();
        String description = "csv " + uri + (settings.labelColumn().isEmpty() ? ""
                : " (labels in column " + settings.labelColumn() + ")");
        long start = System.nanoTime();
        List<Path> files = CsvVectorReader.inputFiles(sc.hadoopConfiguration(), uri);
        JavaNewHadoopRDD<LongWritable, Text> lines = lines(sc, files);
        sc.setJobDescription("scan data: " + description + " (" + lines.getNumPartitions() + " input splits)");
        List<CsvSplitScan> scans = TaskErrors.unwrapped(() ->
                lines.mapPartitionsWithInputSplit(new CsvSplitScan.Scanner(), true).collect());
        CsvPlan plan = CsvPlan.of(uri, files, scans, labelColumn, settings.partitions(), description);

        int partitions = settings.partitions();
        SparkContexts.awaitTaskSlots(sc, partitions);
        sc.setJobDescription("load data: " + plan.describe() + " from " + lines.getNumPartitions()
                + " input splits into " + partitions + " blocks");
        JavaPairRDD<Long, VectorBlock> chunks = JavaPairRDD.fromJavaRDD(
                lines.mapPartitionsWithInputSplit(new CsvSplitReader(plan), true));
        JavaRDD<ExampleBlock> blocks = chunks.repartitionAndSortWithinPartitions(plan.partitioner())
                .mapPartitionsWithIndex(new CsvBlockAssembler(plan.size(), partitions, plan.dim(), plan.labelled()), true)
                .setName("training data (" + partitions + " blocks of " + uri + ")");
        List<int[]> summaries = TrainingBlocks.cacheWhile(blocks, () -> TaskErrors.unwrapped(() ->
                blocks.mapPartitions(it -> Collections.singletonList(summary(it.next())).iterator(), true).collect()));
        int maxLabel = -1;
        for (int[] s : summaries) maxLabel = Math.max(maxLabel, s[1]);
        DataSource source = new ExecutorBuiltSource(plan.describe(), plan.dim(), plan.size(),
                plan.labelled() ? maxLabel + 1 : 0, null, "CsvBlocks");
        LOG.info("Read and cached {} on the executors ({} input splits, {} blocks) in {} ms", plan.describe(),
                lines.getNumPartitions(), partitions, (System.nanoTime() - start) / 1_000_000);
        return new Loaded(TrainingBlocks.ofCached(blocks, blocks, partitions), source);
    }

    /** The lines of {@code files}, one RDD partition per input split, in file order. */
    @SuppressWarnings("unchecked")
    private static JavaNewHadoopRDD<LongWritable, Text> lines(JavaSparkContext sc, List<Path> files) {
        Configuration job = new Configuration(sc.hadoopConfiguration());
        CsvInputFormat.setFiles(job, files);
        // The Java API's newAPIHadoopRDD is a JavaNewHadoopRDD, which exposes each partition's input split.
        return (JavaNewHadoopRDD<LongWritable, Text>) sc.newAPIHadoopRDD(job, CsvInputFormat.class, LongWritable.class,
                Text.class);
    }

    /** Rows and largest label (-1 without labels) of a block. */
    private static int[] summary(ExampleBlock block) {
        int maxLabel = -1;
        for (int i = 0; block.labelled() && i < block.rows(); i++) maxLabel = Math.max(maxLabel, block.label(i));
        return new int[] {block.rows(), maxLabel};
    }
}
