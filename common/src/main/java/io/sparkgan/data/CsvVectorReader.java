package io.sparkgan.data;

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
     * one header line, recognised by its first field not being a number. Blank lines and lines
     * starting with '#' are skipped. Empty files are allowed as long as the whole input has at
     * least one row.
     *
     * @throws DataFormatException if the path does not exist, a value is not a finite float,
     *                             rows differ in column count, or there is no data row
     * @throws UncheckedIOException on any other I/O failure
     */
    public static VectorBlock read(Configuration conf, String uri) {
        Objects.requireNonNull(conf, "conf must not be null; pass new Configuration() for local files");
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
            for (Path file : files) {
                readFile(fs, codecs, file, state);
            }
            if (state.rows == 0) {
                throw new DataFormatException("no numeric rows in " + uri + " (" + files.size()
                        + " file(s) read); expected at least one line of comma-separated numbers");
            }
            return new VectorBlock(state.values.toArray(), state.rows, state.columns);
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
            // The for-each loop parses exactly one record before each body run, so the
            // parser's line number is the (last) line of the current record.
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                boolean header = first && !looksNumeric(record.get(0));
                first = false;
                if (header) continue;
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
                for (int c = 0; c < columns; c++) {
                    state.values.add(parseValue(record.get(c), name, line, c + 1));
                }
                state.rows++;
            }
        } catch (UncheckedIOException e) {
            // Commons CSV wraps read errors (including malformed quoting) while iterating.
            throw new DataFormatException(name + ": could not parse CSV: " + e.getMessage(), e);
        }
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
        int rows;
        int columns = -1;
        String columnsFile;
        long columnsLine;
    }
}
