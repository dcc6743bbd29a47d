package io.sparkgan.spark;

import io.sparkgan.data.CsvRecords;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * What the driver learns of one input split of a CSV file before the rows are read: where it is,
 * how many lines and records it holds, and its first two records as text (a file's first record
 * may be its header, and the first data row fixes the column count). Counts and two lines, never
 * the rows.
 *
 * @param partition the split's partition of the line RDD
 * @param file the split's file
 * @param start the split's first byte in the file
 * @param lines physical lines in the split
 * @param records lines holding a record (not blank, not a '#' comment)
 * @param heads the first (up to) two records' lines
 * @param headLines their line numbers within the split, from 1
 */
record CsvSplitScan(int partition, String file, long start, long lines, long records, List<String> heads,
                    List<Long> headLines) implements Serializable {

    /** Scans each split on the executor that reads it. */
    static final class Scanner implements Function2<InputSplit, Iterator<Tuple2<LongWritable, Text>>,
            Iterator<CsvSplitScan>> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<CsvSplitScan> call(InputSplit split, Iterator<Tuple2<LongWritable, Text>> lines) {
            FileSplit file = (FileSplit) split;
            long count = 0;
            long records = 0;
            List<String> heads = new ArrayList<>(2);
            List<Long> headLines = new ArrayList<>(2);
            while (lines.hasNext()) {
                String line = lines.next()._2().toString();
                count++;
                if (!CsvRecords.isRecord(line)) continue;
                records++;
                if (heads.size() < 2) {
                    heads.add(line);
                    headLines.add(count);
                }
            }
            return Collections.singletonList(new CsvSplitScan(TaskContext.getPartitionId(), file.getPath().toString(),
                    file.getStart(), count, records, heads, headLines)).iterator();
        }
    }
}
