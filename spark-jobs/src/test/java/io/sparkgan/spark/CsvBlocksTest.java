package io.sparkgan.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.cli.Cli;
import io.sparkgan.config.ConfigError;
import io.sparkgan.config.GanConfig;
import io.sparkgan.data.CsvVectorReader;
import io.sparkgan.data.DataSource;
import io.sparkgan.data.ExampleBlock;
import io.sparkgan.data.InMemorySource;
import io.sparkgan.data.VectorBlock;
import io.sparkgan.run.Checkpoint;
import io.sparkgan.run.RunFiles;
import io.sparkgan.util.DataFormatException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Command-line CSV input read on the executors ({@link CsvBlocks}): Hadoop input splits of a few
 * hundred bytes, so even small files are read by several tasks. The blocks are those of the same
 * input read in one JVM ({@link CsvVectorReader}, the reference trainer's reader) and a bad row is
 * reported in the same words, with its file and its line counted across splits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsvBlocksTest {
    /** Split size in bytes: a file of a few KB is several splits. */
    private static final int SPLIT_BYTES = 300;
    private static final String SPLIT_SIZE = "mapreduce.input.fileinputformat.split.maxsize";
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path dir;

    private JavaSparkContext sc;
    private final StageLog stages = new StageLog();

    @BeforeAll
    void start() {
        sc = SparkContexts.create("csv-blocks-test", "local[2]", Map.of("spark.ui.enabled", "false"));
        sc.sc().addSparkListener(stages);
    }

    @BeforeEach
    void smallSplits() {
        sc.hadoopConfiguration().setInt(SPLIT_SIZE, SPLIT_BYTES);
    }

    @AfterAll
    void stop() {
        sc.close();
    }

    private GanConfig config(String path, int partitions, String... more) {
        Map<String, String> keys = new HashMap<>(Map.of("data.source", "csv", "data.path", path,
                "data.partitions", "" + partitions, "log.progress", "false", "run.output", dir.resolve("runs").toString()));
        for (int i = 0; i < more.length; i += 2) keys.put(more[i], more[i + 1]);
        return GanConfig.load("gaussian2d", keys);
    }

    private static String points(int from, int to, boolean labels) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < to; i++) {
            s.append((float) Math.sin(i * 0.7)).append(", ").append((float) (0.5 * Math.cos(i * 1.3)));
            if (labels) s.append(',').append(i % 3);
            s.append('\n');
            if (i % 17 == 0) s.append("# a comment\n\n");
        }
        return s.toString();
    }

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    /** The blocks of {@code path} read on the executors equal the partitions of the same input read in one JVM. */
    private void assertSameBlocksAsOneJvm(String path, int partitions, String labelColumn) {
        GanConfig cfg = config(path, partitions, "data.label-column", labelColumn);
        VectorBlock all = CsvVectorReader.read(CONF, path, labelColumn);
        DataSource inOneJvm = new InMemorySource(all, "csv");
        CsvBlocks.Loaded loaded = CsvBlocks.load(sc, cfg.data());
        try (TrainingBlocks blocks = loaded.blocks()) {
            assertEquals(all.rows(), loaded.source().size());
            assertEquals(all.dim(), loaded.source().dim());
            assertEquals(all.classes(), loaded.source().classes());
            List<ExampleBlock> read = blocks.rdd().collect();
            assertEquals(partitions, read.size());
            for (int p = 0; p < partitions; p++) {
                VectorBlock expected = (VectorBlock) inOneJvm.partition(p, partitions);
                VectorBlock actual = (VectorBlock) read.get(p);
                assertEquals(expected.rows(), actual.rows(), "rows of block " + p);
                assertArrayEquals(expected.values(), actual.values(), "values of block " + p);
                assertEquals(expected.labelled(), actual.labelled());
                for (int i = 0; expected.labelled() && i < expected.rows(); i++) {
                    assertEquals(expected.label(i), actual.label(i), "label " + i + " of block " + p);
                }
            }
        }
    }

    @Test
    void blocksAreThoseOfTheInputReadInOneJvm() throws IOException {
        // A directory: files in name order, a header in one, an empty file, hidden files, many splits each.
        write("dir/part-00001.csv", "x,y\n" + points(100, 260, false));
        write("dir/part-00000.csv", points(0, 100, false));
        write("dir/part-00002.csv", "");
        write("dir/_SUCCESS", "");
        write("dir/.part-00000.csv.crc", "not,numbers");
        assertSameBlocksAsOneJvm(dir.resolve("dir").toUri().toString(), 3, "");
        assertSameBlocksAsOneJvm(dir.resolve("dir").toString(), 1, "");

        // A compressed file is one split; labels by number and by header name.
        Path gz = dir.resolve("labelled.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(points(0, 500, true).getBytes(StandardCharsets.UTF_8));
        }
        assertSameBlocksAsOneJvm(gz.toString(), 4, "3");
        write("named/a.csv", "x,y,class\n" + points(0, 90, true));
        write("named/b.csv", "# no rows before the header\n\nx , y,class\n" + points(90, 200, true));
        assertSameBlocksAsOneJvm(dir.resolve("named").toString(), 2, "class");
        assertEquals(1, CsvVectorReader.inputFiles(CONF, gz.toString()).size());
    }

    @Test
    void aBadRowInALaterSplitOfTheSecondFileIsReportedWithThatFileAndItsLine() throws IOException {
        String second = points(200, 400, false);
        int badLine = (int) second.lines().count() - 5;  // well past the first split of the file
        List<String> lines = new ArrayList<>(second.lines().toList());
        lines.set(badLine - 2, "0.5,oops");               // the header is line 1
        write("bad/a.csv", points(0, 200, false));
        write("bad/b.csv", "x,y\n" + String.join("\n", lines) + "\n");
        String path = dir.resolve("bad").toString();

        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvBlocks.load(sc, config(path, 2).data()));
        DataFormatException inOneJvm = assertThrows(DataFormatException.class, () -> CsvVectorReader.read(CONF, path));
        assertTrue(e.getMessage().contains("b.csv: line " + badLine + ", column 2: value 'oops' is not a number"),
                e.getMessage());
        assertEquals(inOneJvm.getMessage(), e.getMessage(), "the words of the reader in one JVM");

        // Other bad rows, each in a later split: the same message as the reader in one JVM.
        String good = points(0, 150, false);
        for (String bad : List.of("1,2,3", "NaN,1", "1e39,0", "x,y", "\"1,2")) {
            write("one/a.csv", good + bad + "\n" + points(150, 160, false));
            String file = dir.resolve("one/a.csv").toString();
            String expected = assertThrows(DataFormatException.class, () -> CsvVectorReader.read(CONF, file)).getMessage();
            String actual = assertThrows(DataFormatException.class, () -> CsvBlocks.load(sc, config(file, 2).data()))
                    .getMessage();
            int line = (int) good.lines().count() + 1;
            assertTrue(actual.contains("a.csv: line " + line), actual);
            if (!bad.startsWith("\"")) assertEquals(expected, actual);  // one JVM's parser names no line there
        }
    }

    @Test
    void inputWithoutRowsTooFewRowsAndAMissingLabelColumnAreRefused() throws IOException {
        String empty = write("empty/only-header.csv", "x,y\n# nothing\n\n").toString();
        assertTrue(assertThrows(DataFormatException.class, () -> CsvBlocks.load(sc, config(empty, 1).data()))
                .getMessage().contains("no numeric rows in " + empty));
        String three = write("three.csv", "1,2\n3,4\n5,6\n").toString();
        assertTrue(assertThrows(ConfigError.class, () -> CsvBlocks.load(sc, config(three, 4).data()))
                .getMessage().contains("'data.partitions' (4) exceeds the number of examples (3)"));
        String unnamed = write("unnamed.csv", "x,y,z\n1,2,0\n").toString();
        String message = assertThrows(DataFormatException.class, () -> CsvBlocks.load(sc,
                config(unnamed, 1, "data.label-column", "class").data())).getMessage();
        assertEquals(assertThrows(DataFormatException.class, () -> CsvVectorReader.read(CONF, unnamed, "class"))
                .getMessage(), message);
    }

    @Test
    void executorTasksReadTheSplitsAndOnlyCountsReachTheDriver() throws Exception {
        int split = 16 * 1024;
        sc.hadoopConfiguration().setInt(SPLIT_SIZE, split);
        Path file = write("big/points.csv", points(0, 20_000, false));
        long splits = (Files.size(file) + split - 1) / split;
        stages.clear();
        CsvBlocks.Loaded loaded = CsvBlocks.load(sc, config(file.toString(), 2).data());
        loaded.blocks().close();
        assertEquals(20_000, loaded.source().size());
        sc.sc().listenerBus().waitUntilEmpty(10_000);

        StageLog.Stage scan = stages.only("scan data");
        assertEquals(splits, scan.tasks(), "one scan task per input split: " + scan);
        List<StageLog.Stage> load = stages.all("load data");
        StageLog.Stage read = load.stream().filter(s -> s.shuffleWriteBytes() > 0).findFirst().orElseThrow();
        assertEquals(splits, read.tasks(), "the rows are read by one task per input split: " + load);
        assertTrue(read.shuffleWriteBytes() > 20_000 * 2 * Float.BYTES, "every row goes through the shuffle: " + read);
        assertTrue(load.stream().anyMatch(s -> s.tasks() == 2 && s.shuffleReadBytes() == read.shuffleWriteBytes()),
                "two tasks build the two blocks from the shuffled rows: " + load);
        // No task sends its rows to the driver: a task's result is a few hundred bytes of counts whatever
        // its split holds (16 KB of text here).
        for (StageLog.Stage s : stages.all("")) {
            assertTrue(s.maxResultBytes() < split / 4, "task results of " + s);
        }
    }

    @Test
    void trainingOnCsvIsDeterministicAndTrainsWhatTheRowsInOneJvmTrain() throws IOException {
        String path = write("train/points.csv", "x,y\n" + points(0, 400, false)).toString();
        GanConfig cfg = config(path, 2, "train.rounds", "3", "train.batch-per-partition", "16",
                "checkpoint.every", "0", "samples.every-rounds", "0");
        Checkpoint first = SparkTraining.train(sc, named(cfg, "first"), List.of());
        Checkpoint second = SparkTraining.train(sc, named(cfg, "second"), List.of());
        assertArrayEquals(first.thetaG().floats(), second.thetaG().floats(), "same seed, same parameters");
        assertArrayEquals(first.thetaD().floats(), second.thetaD().floats());

        // The rows read in one JVM and broadcast (how the command line read CSV before) train the same.
        GanConfig third = named(cfg, "third");
        DataSource inOneJvm = new InMemorySource(CsvVectorReader.read(CONF, path), "csv " + path);
        Checkpoint broadcast = SparkTraining.train(sc, third, inOneJvm,
                TrainingBlocks.load(sc, inOneJvm, 2), List.of());
        assertArrayEquals(first.thetaG().floats(), broadcast.thetaG().floats());
        assertArrayEquals(first.thetaD().floats(), broadcast.thetaD().floats());
    }

    @Test
    void theReferenceTrainerStillReadsCsvInItsJvmAndTrainsWhatSparkTrains() throws Exception {
        String path = write("reference/points.csv", "x,y\n" + points(0, 300, false)).toString();
        GanConfig cfg = config(path, 2, "train.rounds", "3", "train.batch-per-partition", "16",
                "checkpoint.every", "0", "samples.every-rounds", "0", "run.name", "spark");
        Checkpoint spark = SparkTraining.train(sc, cfg, List.of());
        Path conf = Files.writeString(dir.resolve("reference.conf"), GanConfig.parse(cfg.render(),
                Map.of("run.name", "reference")).render());
        Cli.Result reference = Cli.run("train", "--reference", "-c", conf.toString());
        assertEquals(0, reference.code(), reference.err());
        Path model = dir.resolve("runs/reference").resolve(RunFiles.MODEL);
        Checkpoint inOneJvm = Checkpoint.fromBytes(Files.readAllBytes(model), model.toString());
        float[] g = spark.thetaG().floats();
        float[] r = inOneJvm.thetaG().floats();
        assertEquals(g.length, r.length);
        for (int i = 0; i < g.length; i++) assertEquals(r[i], g[i], 1e-5, "parameter " + i + " of G");
    }

    private static GanConfig named(GanConfig cfg, String name) {
        return GanConfig.parse(cfg.render(), Map.of("run.name", name));
    }

    /** The stages of the jobs run, by the job description they ran under. */
    private static final class StageLog extends SparkListener {
        /** A completed stage: its job description, task count, shuffle bytes and its largest task result. */
        record Stage(String job, int tasks, long shuffleWriteBytes, long shuffleReadBytes, long maxResultBytes) {
        }

        private final Map<Integer, String> jobOfStage = new ConcurrentHashMap<>();
        private final Map<Integer, AtomicLong> resultBytes = new ConcurrentHashMap<>();
        private final List<Stage> stages = new ArrayList<>();

        void clear() {
            synchronized (stages) {
                stages.clear();
            }
        }

        @Override
        public void onJobStart(SparkListenerJobStart job) {
            String description = job.properties() == null ? "" : job.properties().getProperty("spark.job.description", "");
            job.stageInfos().foreach(s -> jobOfStage.put(s.stageId(), description));
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd task) {
            if (task.taskMetrics() == null) return;
            resultBytes.computeIfAbsent(task.stageId(), k -> new AtomicLong()).accumulateAndGet(task.taskMetrics().resultSize(),
                    Math::max);
        }

        @Override
        public void onStageCompleted(SparkListenerStageCompleted completed) {
            var info = completed.stageInfo();
            var metrics = info.taskMetrics();
            AtomicLong results = resultBytes.get(info.stageId());
            synchronized (stages) {
                stages.add(new Stage(jobOfStage.getOrDefault(info.stageId(), ""), info.numTasks(),
                        metrics.shuffleWriteMetrics().bytesWritten(), metrics.shuffleReadMetrics().totalBytesRead(),
                        results == null ? 0 : results.get()));
            }
        }

        List<Stage> all(String jobPrefix) {
            synchronized (stages) {
                return stages.stream().filter(s -> s.job().startsWith(jobPrefix)).toList();
            }
        }

        Stage only(String jobPrefix) {
            List<Stage> found = all(jobPrefix);
            assertEquals(1, found.size(), "stages of '" + jobPrefix + "': " + found);
            return found.get(0);
        }
    }
}
