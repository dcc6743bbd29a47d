package io.sparkgan.data;

import io.sparkgan.util.DataFormatException;
import org.apache.commons.csv.CSVFormat;
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
import java.util.Locale;
import java.util.Objects;

/**
 * Reads numeric example vectors (one per CSV row) from any Hadoop filesystem URI into one
 * {@link VectorBlock}. A directory is read as the concatenation of its visible files in name
 * order, as Spark writes them; {@code .gz} and other Hadoop-codec files are decompressed.
 * Every value must be a finite number that fits a float, and every row must have the same
 * number of columns; anything else is a {@link DataFormatException} naming file, line,
 * column and value.
 */
public final class CsvVectorReader {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setTrim(true)
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true)
            .setCommentMarker('#')
            .build();

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
             CSVParser parser = CSVParser.parse(reader, FORMAT)) {
            boolean first = true;
            int labelIndex = -1; // 0-based column of the label, -1 for none
            boolean labelled = !state.labelColumn.isEmpty();
            boolean byNumber = labelled && state.labelColumn.chars().allMatch(Character::isDigit);
            if (byNumber) {
                labelIndex = Integer.parseInt(state.labelColumn) - 1;
                if (labelIndex < 0) {
                    throw new DataFormatException("label column " + state.labelColumn + " is not a column number (they"
                            + " count from 1)");
                }
            }
            // The for-each loop parses exactly one record before each body run, so the
            // parser's line number is the (last) line of the current record.
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                boolean header = first && isPlausibleHeader(record);
                boolean firstRecord = first;
                first = false;
                if (header) {
                    if (labelled && !byNumber) labelIndex = record.toList().indexOf(state.labelColumn);
                    continue;
                }
                if (labelled && labelIndex < 0) {
                    throw new DataFormatException(name + ": no label column '" + state.labelColumn + "' (the file's"
                            + " header line must name it, or give the column's number counting from 1)");
                }
                if (labelIndex >= record.size()) {
                    throw new DataFormatException(name + ": line " + line + " has " + record.size()
                            + " columns, so no label column " + (labelIndex + 1));
                }
                int columns = record.size();
                if (state.columns < 0) {
                    state.columns = columns;
                    state.columnsFile = name;
                    state.columnsLine = line;
                } else if (columns != state.columns) {
                    String where = state.columnsFile.equals(name)
                            ? "line " + state.columnsLine
                            : "line " + state.columnsLine + " of " + state.columnsFile;
                    throw new DataFormatException(name + ": line " + line + " has " + columns
                            + " columns, expected " + state.columns + " (as on " + where + "): "
                            + record.toList() + "; every example must have the same number of values");
                }
                try {
                    for (int c = 0; c < columns; c++) {
                        if (c == labelIndex) state.addLabel(parseLabel(record.get(c), name, line, c + 1));
                        else state.values.add(parseValue(record.get(c), name, line, c + 1));
                    }
                } catch (DataFormatException e) {
                    if (!firstRecord) throw e;
                    throw new DataFormatException(e.getMessage() + " (a header line is recognised only when none of"
                            + " its fields is a number: name every column, or remove the line)", e);
                }
                state.rows++;
            }
        } catch (UncheckedIOException e) {
            // Commons CSV wraps read errors (including malformed quoting) while iterating.
            throw new DataFormatException(name + ": could not parse CSV: " + e.getMessage(), e);
        }
    }

    private static int parseLabel(String text, String file, long line, int column) {
        boolean digits = !text.isEmpty() && text.length() <= 9 && text.chars().allMatch(Character::isDigit);
        if (!digits) {
            throw new DataFormatException(file + ": line " + line + ", column " + column + ": label '" + text
                    + "' is not a class number; expected an integer from 0 (classes are 0, 1, ..., K-1)");
        }
        return Integer.parseInt(text);
    }

    /**
     * A header names its columns: none of its fields reads as a number. A first row mixing
     * numbers and words is far more likely a damaged data row than a header, so it is not one.
     */
    private static boolean isPlausibleHeader(CSVRecord record) {
        for (String field : record) {
            if (looksNumeric(field)) return false;
        }
        return true;
    }

    /** True when {@code text} would be parsed as a value (even an invalid one such as NaN). */
    private static boolean looksNumeric(String text) {
        if (isNonFiniteWord(text)) return true;
        if (!isPlainDecimal(text)) return false;
        try {
            Double.parseDouble(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static float parseValue(String text, String file, long line, int column) {
        if (isNonFiniteWord(text)) {
            throw new DataFormatException(file + ": line " + line + ", column " + column + ": value '"
                    + text + "' is not finite; expected a finite number (remove or impute NaN and infinite values)");
        }
        double d;
        try {
            if (!isPlainDecimal(text)) throw new NumberFormatException(text);
            d = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new DataFormatException(file + ": line " + line + ", column " + column + ": value '"
                    + text + "' is not a number; expected a decimal number such as 0.5 or -1.2e-3");
        }
        float f = (float) d;
        if (Float.isInfinite(f)) {
            throw new DataFormatException(file + ": line " + line + ", column " + column + ": value '"
                    + text + "' overflows a float; expected a magnitude of at most " + Float.MAX_VALUE);
        }
        return f;
    }

    /** NaN, Inf, Infinity in any case with an optional sign: values that are numbers but not finite. */
    private static boolean isNonFiniteWord(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.startsWith("+") || t.startsWith("-")) t = t.substring(1);
        return t.equals("nan") || t.equals("inf") || t.equals("infinity");
    }

    /**
     * Only digits, sign, decimal point and exponent: rejects the Java-only forms that
     * {@link Double#parseDouble} would accept, such as "1f", "2d" or hexadecimal "0x1p3".
     */
    private static boolean isPlainDecimal(String text) {
        if (text.isEmpty()) return false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            boolean ok = (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '+' || ch == 'e' || ch == 'E';
            if (!ok) return false;
        }
        return true;
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
