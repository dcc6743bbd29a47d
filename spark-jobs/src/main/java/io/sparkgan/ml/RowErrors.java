package io.sparkgan.ml;

import io.sparkgan.util.DataFormatException;
import java.util.List;

/** Messages about one bad row of a DataFrame: where it is, what is wrong, and what to do. */
final class RowErrors {
    private static final int SHOWN_CHARS = 200;

    private RowErrors() {}

    /**
     * An error about a row's value.
     *
     * @param where the column and row, e.g. "column 'features', row 3 of DataFrame partition 1"
     * @param problem what is wrong, e.g. "is null"
     * @param shown the value to show (cut to 200 characters), or null
     */
    static DataFormatException bad(String where, String problem, Object shown) {
        String value = shown == null ? "" : ": " + cut(shown instanceof List<?> l ? l.toString() : String.valueOf(shown));
        return new DataFormatException(where + " " + problem + value + ". No row is skipped silently: drop or fix"
                + " such rows before fit (e.g. with a filter or DataFrame.na())");
    }

    /** Where a row is, for messages. */
    static String where(String column, long row, int partition) {
        return "column '" + column + "', row " + row + " of DataFrame partition " + partition + " (both counted from 0)";
    }

    private static String cut(String s) {
        return s.length() <= SHOWN_CHARS ? s : s.substring(0, SHOWN_CHARS) + "...";
    }
}
