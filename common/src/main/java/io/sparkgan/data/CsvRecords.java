package io.sparkgan.data;

import io.sparkgan.util.DataFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The rules of sparkgan's numeric CSV input, one record at a time: what a header is, which column
 * holds the label, what a valid value and label are, and the messages (file, line, column, value)
 * that report a bad row. {@link CsvVectorReader} applies them to whole files in one JVM; Spark
 * training applies them to each input split on the executors, so both accept the same rows and
 * report a bad one in the same words.
 */
public final class CsvRecords {
    /** Trimmed fields, blank lines skipped, '#' at the start of a line starts a comment. */
    public static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setTrim(true)
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true)
            .setCommentMarker('#')
            .build();

    private CsvRecords() {
    }

    /**
     * Whether a physical line holds a record: under {@link #FORMAT} an empty line and a line
     * starting with '#' hold none (a line of spaces is a record of one empty field).
     *
     * @param line the line without its terminator
     */
    public static boolean isRecord(String line) {
        return !line.isEmpty() && line.charAt(0) != '#';
    }

    /**
     * The fields of a line that {@link #isRecord holds a record}, parsed with {@link #FORMAT}.
     *
     * @param line one physical line (a record may not span lines here)
     * @param file the file, for messages
     * @param lineNumber the line's number in its file, counted from 1
     * @throws DataFormatException if the line is not valid CSV (e.g. an unclosed quote)
     */
    public static List<String> fields(String line, String file, long lineNumber) {
        try (CSVParser parser = CSVParser.parse(line, FORMAT)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                throw new DataFormatException(file + ": line " + lineNumber + ": could not parse CSV: expected one"
                        + " record on the line, found " + records.size() + " (a quoted value may not span lines)");
            }
            return records.get(0).toList();
        } catch (IOException | UncheckedIOException e) {
            throw new DataFormatException(file + ": line " + lineNumber + ": could not parse CSV: " + e.getMessage(), e);
        }
    }

    /** Whether {@code labelColumn} names the label column by its number (counted from 1) rather than by name. */
    public static boolean byNumber(String labelColumn) {
        return !labelColumn.isEmpty() && labelColumn.chars().allMatch(Character::isDigit);
    }

    /**
     * The 0-based label column a column number gives, checked.
     *
     * @param labelColumn a column number counted from 1 ({@link #byNumber})
     * @throws DataFormatException for 0
     */
    public static int numberedLabelIndex(String labelColumn) {
        int index = Integer.parseInt(labelColumn) - 1;
        if (index < 0) {
            throw new DataFormatException("label column " + labelColumn + " is not a column number (they count from 1)");
        }
        return index;
    }

    /**
     * A header names its columns: none of its fields reads as a number. A first row mixing
     * numbers and words is far more likely a damaged data row than a header, so it is not one.
     */
    public static boolean isPlausibleHeader(List<String> fields) {
        for (String field : fields) {
            if (looksNumeric(field)) return false;
        }
        return true;
    }

    /** The error for a data row of a file without the named label column. */
    public static DataFormatException missingLabelColumn(String file, String labelColumn) {
        return new DataFormatException(file + ": no label column '" + labelColumn + "' (the file's"
                + " header line must name it, or give the column's number counting from 1)");
    }

    /**
     * Checks a data record's column count and label column, and appends its values.
     *
     * @param record the record's fields
     * @param file its file, for messages
     * @param line its line in the file
     * @param firstRecord whether it is the file's first record (a failed header guess is then explained)
     * @param labelIndex the 0-based label column, -1 without labels
     * @param columns the column count every row must have (that of the input's first data row)
     * @param columnsWhere where that first data row is: "line L" in the same file, else "line L of FILE"
     * @param values receives the record's values (not its label)
     * @return the record's label, -1 without labels
     * @throws DataFormatException naming file, line, column and value for a bad record
     */
    public static int addRecord(List<String> record, String file, long line, boolean firstRecord, int labelIndex,
                                int columns, String columnsWhere, GrowableFloatArray values) {
        if (labelIndex >= record.size()) {
            throw new DataFormatException(file + ": line " + line + " has " + record.size()
                    + " columns, so no label column " + (labelIndex + 1));
        }
        if (record.size() != columns) {
            throw new DataFormatException(file + ": line " + line + " has " + record.size()
                    + " columns, expected " + columns + " (as on " + columnsWhere + "): "
                    + record + "; every example must have the same number of values");
        }
        int label = -1;
        try {
            for (int c = 0; c < record.size(); c++) {
                if (c == labelIndex) label = parseLabel(record.get(c), file, line, c + 1);
                else values.add(parseValue(record.get(c), file, line, c + 1));
            }
        } catch (DataFormatException e) {
            if (!firstRecord) throw e;
            throw new DataFormatException(e.getMessage() + " (a header line is recognised only when none of"
                    + " its fields is a number: name every column, or remove the line)", e);
        }
        return label;
    }

    /** Where the first data row is, as {@link #addRecord}'s messages say it. */
    public static String where(String firstRowFile, long firstRowLine, String file) {
        return firstRowFile.equals(file) ? "line " + firstRowLine : "line " + firstRowLine + " of " + firstRowFile;
    }

    private static int parseLabel(String text, String file, long line, int column) {
        boolean digits = !text.isEmpty() && text.length() <= 9 && text.chars().allMatch(Character::isDigit);
        if (!digits) {
            throw new DataFormatException(file + ": line " + line + ", column " + column + ": label '" + text
                    + "' is not a class number; expected an integer from 0 (classes are 0, 1, ..., K-1)");
        }
        return Integer.parseInt(text);
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
}
