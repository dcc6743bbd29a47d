package io.sparkgan.data;

import io.sparkgan.util.DataFormatException;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Reads numeric example vectors (one per CSV row) from any Hadoop filesystem URI into one
 * {@link VectorBlock}. A directory is read as the concatenation of its visible files in name
 * order, as Spark writes them; {@code .gz} and other Hadoop-codec files are decompressed.
 * Every value must be a finite number that fits a float, and every row must have the same
 * number of columns; anything else is a {@link DataFormatException} naming file, line,
 * column and value ({@link CsvRecords}: the same rules as Spark training's reading on the executors).
 * This reader reads everything in this JVM: the single-JVM trainers and the evaluation of CSV runs use it.
 */
public final class CsvVectorReader {

    private CsvVectorReader() {
    }

    /**
     * Reads all rows under {@code uri} (a file, or a directory whose files not starting with
     * '_' or '.' are read in name order; subdirectories are ignored). Each file may start with
     * one header line, recognised by none of its fields being a number (a first row with some
     * numbers and some words is a bad data row and reported like one). Blank lines and lines
     * starting with '#' are skipped. Empty files are allowed as long as the whole input has at
     * least one row.
     *
     * @throws DataFormatException if the path does not exist, a value is not a finite float,
     *                             rows differ in column count, or there is no data row
     * @throws UncheckedIOException on any other I/O failure
     */
    public static VectorBlock read(Configuration conf, String uri) {
        return read(conf, uri, "");
    }

    /**
     * Reads as {@link #read(Configuration, String)}, with one column holding each example's class
     * label instead of a value: a non-negative integer, the data set then having max + 1 classes.
     *
     * @param conf Hadoop configuration
     * @param uri file or directory
     * @param labelColumn "" for no labels; a column number counted from 1; or the name of a column in
     *                    each file's header line
     * @throws DataFormatException as above, and if a file lacks the label column or a label is not a
     *                             non-negative integer (naming file, line and value)
     */
    public static VectorBlock read(Configuration conf, String uri, String labelColumn) {
        Objects.requireNonNull(conf, "conf must not be null; pass new Configuration() for local files");
        Objects.requireNonNull(labelColumn, "labelColumn must not be null; pass \"\" for no labels");
        Objects.requireNonNull(uri, "uri must not be null");
        if (uri.isBlank()) {
            throw new IllegalArgumentException("uri is blank; pass a file or directory such as file:///data/ring8.csv");
        }
        Path path = new Path(uri);
        try {
            FileSystem fs = path.getFileSystem(conf);
            List<Path> files = listInputFiles(fs, path, uri);
            CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
            State state = new State();
            state.labelColumn = labelColumn.trim();
            for (Path file : files) {
                readFile(fs, codecs, file, state);
            }
            if (state.rows == 0) {
                throw new DataFormatException("no numeric rows in " + uri + " (" + files.size()
                        + " file(s) read); expected at least one line of comma-separated numbers");
            }
            if (state.labelColumn.isEmpty()) return new VectorBlock(state.values.toArray(), state.rows, state.columns);
            if (state.columns < 2) {
                throw new DataFormatException(uri + ": rows have " + state.columns + " column(s); with the label column '"
                        + state.labelColumn + "' an example needs at least one value besides its label");
            }
            int[] labels = Arrays.copyOf(state.labels, state.rows);
            return new VectorBlock(state.values.toArray(), state.rows, state.columns - 1, labels, state.maxLabel + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + uri + ": " + e.getMessage(), e);
        }
    }

    /**
     * The files a read of {@code uri} reads, in reading order: the file itself, or a directory's
     * files not starting with '_' or '.', in name order (subdirectories are ignored).
     *
     * @param conf Hadoop configuration
     * @param uri file or directory, any Hadoop filesystem URI
     * @throws DataFormatException if the path does not exist
     * @throws UncheckedIOException on any other I/O failure
     */
    public static List<Path> inputFiles(Configuration conf, String uri) {
        Objects.requireNonNull(uri, "uri must not be null");
        if (uri.isBlank()) {
            throw new IllegalArgumentException("uri is blank; pass a file or directory such as file:///data/ring8.csv");
        }
        Path path = new Path(uri);
        try {
            return listInputFiles(path.getFileSystem(conf), path, uri);
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + uri + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> listInputFiles(FileSystem fs, Path path, String uri) throws IOException {
        FileStatus status;
        try {
            status = fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            throw new DataFormatException("no such file or directory: " + uri
                    + "; check the path and, for a relative path, the working directory", e);
        }
        if (!status.isDirectory()) {
            return List.of(status.getPath());
        }
        FileStatus[] children = fs.listStatus(path, p -> {
            String name = p.getName();
            return !name.startsWith("_") && !name.startsWith(".");
        });
        List<Path> files = new ArrayList<>();
        Arrays.stream(children)
                .filter(FileStatus::isFile)
                .sorted(Comparator.comparing(s -> s.getPath().getName()))
                .forEach(s -> files.add(s.getPath()));
        return files;
    }

    private static void readFile(FileSystem fs, CompressionCodecFactory codecs, Path file, State state)
            throws IOException {
        String name = file.toString();
        CompressionCodec codec = codecs.getCodec(file);
        try (InputStream raw = fs.open(file);
             InputStream in = codec == null ? raw : codec.createInputStream(raw);
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, CsvRecords.FORMAT)) {
            boolean first = true;
            boolean labelled = !state.labelColumn.isEmpty();
            boolean byNumber = CsvRecords.byNumber(state.labelColumn);
            int labelIndex = byNumber ? CsvRecords.numberedLabelIndex(state.labelColumn) : -1; // -1: none (yet)
            // The for-each loop parses exactly one record before each body run, so the
            // parser's line number is the (last) line of the current record.
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                List<String> fields = record.toList();
                boolean header = first && CsvRecords.isPlausibleHeader(fields);
                boolean firstRecord = first;
                first = false;
                if (header) {
                    if (labelled && !byNumber) labelIndex = fields.indexOf(state.labelColumn);
                    continue;
                }
                if (labelled && labelIndex < 0) throw CsvRecords.missingLabelColumn(name, state.labelColumn);
                if (state.columns < 0) {
                    state.columns = fields.size();
                    state.columnsFile = name;
                    state.columnsLine = line;
                }
                int label = CsvRecords.addRecord(fields, name, line, firstRecord, labelled ? labelIndex : -1,
                        state.columns, CsvRecords.where(state.columnsFile, state.columnsLine, name), state.values);
                if (labelled) state.addLabel(label);
                state.rows++;
            }
        } catch (UncheckedIOException e) {
            // Commons CSV wraps read errors (including malformed quoting) while iterating.
            throw new DataFormatException(name + ": could not parse CSV: " + e.getMessage(), e);
        }
    }

    /** Running totals across the files of one read. */
    private static final class State {
        final GrowableFloatArray values = new GrowableFloatArray();
        String labelColumn = "";
        int[] labels = new int[16];
        int maxLabel = -1;
        int rows;
        int columns = -1;
        String columnsFile;
        long columnsLine;

        void addLabel(int label) {
            if (rows == labels.length) labels = Arrays.copyOf(labels, labels.length * 2);
            labels[rows] = label;
            maxLabel = Math.max(maxLabel, label);
        }
    }
}
