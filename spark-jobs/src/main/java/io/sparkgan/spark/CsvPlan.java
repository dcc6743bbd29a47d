package io.sparkgan.spark;

import io.sparkgan.config.ConfigError;
import io.sparkgan.data.CsvRecords;
import io.sparkgan.util.DataFormatException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;

/**
 * The driver's plan for reading a CSV input on the executors, made from every split's scan
 * ({@link CsvSplitScan}): which record of each file is its header and which column its label,
 * where each split's lines and data rows start, and the column count every row must have. It
 * holds counts and the first data row's place, never rows. The rules are {@link CsvRecords}'s,
 * as {@link io.sparkgan.data.CsvVectorReader} applies them to a whole input in one JVM.
 */
final class CsvPlan implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String description;
    private final CsvSplitTask[] tasks;
    private final long size;
    private final int columns;
    private final String columnsFile;
    private final long columnsLine;
    private final boolean labelled;
    private final RowRangePartitioner partitioner;

    private CsvPlan(String description, CsvSplitTask[] tasks, long size, int columns, String columnsFile,
                    long columnsLine, boolean labelled, int partitions) {
        this.description = description;
        this.tasks = tasks;
        this.size = size;
        this.columns = columns;
        this.columnsFile = columnsFile;
        this.columnsLine = columnsLine;
        this.labelled = labelled;
        this.partitioner = new RowRangePartitioner(size, partitions);
    }

    /**
     * Plans the read.
     *
     * @param uri the configured input (data.path), for messages
     * @param files the input files in reading order
     * @param scans one scan per split of the line RDD, in any order
     * @param labelColumn "" without labels, a column number from 1, or a header name
     * @param partitions the training partitions (data.partitions)
     * @param description what the input is, for logs ("csv PATH ...")
     * @throws DataFormatException for an input without data rows, a file without its label column, an
     *         unparseable first record or too few columns for a label
     * @throws ConfigError if there are fewer examples than partitions
     */
    static CsvPlan of(String uri, List<Path> files, List<CsvSplitScan> scans, String labelColumn, int partitions,
                      String description) {
        boolean labelled = !labelColumn.isEmpty();
        boolean byNumber = CsvRecords.byNumber(labelColumn);
        int numbered = byNumber && !files.isEmpty() ? CsvRecords.numberedLabelIndex(labelColumn) : -1;
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < files.size(); i++) order.put(files.get(i).toString(), i);
        List<CsvSplitScan> sorted = new ArrayList<>(scans);
        for (CsvSplitScan s : sorted) {
            if (!order.containsKey(s.file())) {
                throw new IllegalStateException("input split of " + s.file() + " is not one of the listed files " + files);
            }
        }
        sorted.sort(Comparator.<CsvSplitScan>comparingInt(s -> order.get(s.file())).thenComparingLong(CsvSplitScan::start));

        CsvSplitTask[] tasks = new CsvSplitTask[scans.size()];
        long rows = 0;
        int columns = -1;
        String columnsFile = null;
        long columnsLine = 0;
        String file = null;
        long linesBefore = 0;
        boolean recordSeen = false;   // the current file's first record has been seen
        int labelIndex = -1;
        for (CsvSplitScan s : sorted) {
            if (!s.file().equals(file)) {
                file = s.file();
                linesBefore = 0;
                recordSeen = false;
                labelIndex = numbered;
            }
            boolean holdsFirst = !recordSeen && s.records() > 0;
            boolean skipsHeader = false;
            if (holdsFirst) {
                recordSeen = true;
                List<String> first = CsvRecords.fields(s.heads().get(0), file, linesBefore + s.headLines().get(0));
                skipsHeader = CsvRecords.isPlausibleHeader(first);
                if (skipsHeader && labelled && !byNumber) labelIndex = first.indexOf(labelColumn);
            }
            long dataRows = s.records() - (skipsHeader ? 1 : 0);
            if (dataRows > 0 && labelled && labelIndex < 0) throw CsvRecords.missingLabelColumn(file, labelColumn);
            if (dataRows > 0 && columns < 0) {
                int head = skipsHeader ? 1 : 0;
                columnsLine = linesBefore + s.headLines().get(head);
                columns = CsvRecords.fields(s.heads().get(head), file, columnsLine).size();
                columnsFile = file;
            }
            tasks[s.partition()] = new CsvSplitTask(file, linesBefore, rows, dataRows, skipsHeader, holdsFirst,
                    labelled ? labelIndex : -1);
            rows += dataRows;
            linesBefore += s.lines();
        }
        if (rows == 0) {
            throw new DataFormatException("no numeric rows in " + uri + " (" + files.size()
                    + " file(s) read); expected at least one line of comma-separated numbers");
        }
        if (labelled && columns < 2) {
            throw new DataFormatException(uri + ": rows have " + columns + " column(s); with the label column '"
                    + labelColumn + "' an example needs at least one value besides its label");
        }
        int dim = labelled ? columns - 1 : columns;
        String described = description + " (" + rows + " x " + dim + ")";
        if (partitions > rows) {
            throw new ConfigError("config key 'data.partitions' (" + partitions
                    + ") exceeds the number of examples (" + rows + ") in " + described);
        }
        return new CsvPlan(described, tasks, rows, columns, columnsFile, columnsLine, labelled, partitions);
    }

    /** The task of the line RDD's partition {@code partition}. */
    CsvSplitTask task(int partition) {
        return tasks[partition];
    }

    /** Number of data rows (examples). */
    long size() {
        return size;
    }

    /** Values per example (the label column not counted). */
    int dim() {
        return labelled ? columns - 1 : columns;
    }

    /** Columns every row has (the label column counted). */
    int columns() {
        return columns;
    }

    /** Where the first data row is, as a bad row's message in {@code file} names it. */
    String columnsWhere(String file) {
        return CsvRecords.where(columnsFile, columnsLine, file);
    }

    boolean labelled() {
        return labelled;
    }

    /** Which training partition each example goes to. */
    RowRangePartitioner partitioner() {
        return partitioner;
    }

    /** "csv PATH (n x dim)", as logs and provenance say it. */
    String describe() {
        return description;
    }
}
