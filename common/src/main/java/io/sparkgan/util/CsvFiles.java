package io.sparkgan.util;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The one way sparkgan writes a CSV file: Apache Commons CSV (RFC 4180 quoting, Unix line ends),
 * streamed into {@link AtomicFiles}, so a reader sees the old file or the whole new one.
 */
public final class CsvFiles {
    private CsvFiles() {}

    /** Prints a file's records. */
    @FunctionalInterface
    public interface Records {
        /**
         * @param csv the printer to print every record to (not to be closed)
         */
        void printTo(CSVPrinter csv) throws IOException;
    }

    /**
     * Replaces {@code target} with a CSV file.
     *
     * @param target the file on any Hadoop filesystem
     * @param conf the job's Hadoop configuration
     * @param header the header line's column names, or an empty list for none
     * @param records prints the rows
     */
    public static void write(Path target, Configuration conf, List<String> header, Records records) throws IOException {
        CSVFormat.Builder format = CSVFormat.DEFAULT.builder().setRecordSeparator('\n');
        if (!header.isEmpty()) format.setHeader(header.toArray(String[]::new));
        AtomicFiles.write(target.getFileSystem(conf), target, out -> {
            Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter csv = new CSVPrinter(text, format.build());
            records.printTo(csv);
            csv.flush(); // not closed: AtomicFiles syncs and closes the stream underneath
        });
    }
}
