package io.sparkgan.spark;

import java.io.Serializable;

/**
 * How one input split of a CSV file is read, decided on the driver from all splits' scans.
 *
 * @param file the file, as messages name it
 * @param linesBefore lines of the file before the split (its first line is number linesBefore + 1)
 * @param firstRow the global index of the split's first data row (files in order, rows in file order)
 * @param rows the split's data rows
 * @param skipsHeader whether the split's first record is its file's header line
 * @param holdsFilesFirstRecord whether the split's first record is its file's first record (a data row whose
 *                              bad field is then explained as a failed header guess)
 * @param labelIndex the file's 0-based label column, -1 without labels
 */
record CsvSplitTask(String file, long linesBefore, long firstRow, long rows, boolean skipsHeader,
                    boolean holdsFilesFirstRecord, int labelIndex) implements Serializable {
}
