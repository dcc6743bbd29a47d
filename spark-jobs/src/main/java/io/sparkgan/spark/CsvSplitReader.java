package io.sparkgan.spark;

import io.sparkgan.data.CsvRecords;
import io.sparkgan.data.GrowableFloatArray;
import io.sparkgan.data.VectorBlock;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * Reads one input split of a CSV file on its executor, checking every row with {@link CsvRecords}
 * (the first bad one fails the task, naming file, line, column and value), into chunks of
 * consecutive rows keyed by the global index of their first row. A chunk never spans two training
 * partitions, so the shuffle sends each whole to the partition that holds its rows.
 */
final class CsvSplitReader implements Function2<InputSplit, Iterator<Tuple2<LongWritable, Text>>,
        Iterator<Tuple2<Long, VectorBlock>>> {
    private static final long serialVersionUID = 1L;
    /** Values per chunk (about 1 MB of floats): a shuffle record of moderate size. */
    private static final int CHUNK_VALUES = 1 << 18;

    private final CsvPlan plan;

    CsvSplitReader(CsvPlan plan) {
        this.plan = plan;
    }

    @Override
    public Iterator<Tuple2<Long, VectorBlock>> call(InputSplit split, Iterator<Tuple2<LongWritable, Text>> lines) {
        return new Chunks(plan, plan.task(TaskContext.getPartitionId()), lines);
    }

    /** The split's rows, a chunk at a time, read as they are asked for. */
    private static final class Chunks implements Iterator<Tuple2<Long, VectorBlock>> {
        private final CsvPlan plan;
        private final CsvSplitTask task;
        private final Iterator<Tuple2<LongWritable, Text>> lines;
        private final String columnsWhere;
        private final int chunkRows;
        private final long endRow;
        private long line;
        private long row;
        private boolean recordSeen;
        private Tuple2<Long, VectorBlock> next;

        Chunks(CsvPlan plan, CsvSplitTask task, Iterator<Tuple2<LongWritable, Text>> lines) {
            this.plan = plan;
            this.task = task;
            this.lines = lines;
            this.columnsWhere = plan.columnsWhere(task.file());
            this.chunkRows = Math.max(1, CHUNK_VALUES / plan.columns());
            this.line = task.linesBefore();
            this.row = task.firstRow();
            this.endRow = task.firstRow() + task.rows();
        }

        @Override
        public boolean hasNext() {
            if (next == null) next = readChunk();
            return next != null;
        }

        @Override
        public Tuple2<Long, VectorBlock> next() {
            if (!hasNext()) throw new NoSuchElementException();
            Tuple2<Long, VectorBlock> chunk = next;
            next = null;
            return chunk;
        }

        private Tuple2<Long, VectorBlock> readChunk() {
            if (row == endRow) {
                requireNoMoreRecords();
                return null;
            }
            long start = row;
            long end = Math.min(Math.min(endRow, plan.partitioner().partitionEnd(start)), start + chunkRows);
            int n = (int) (end - start);
            GrowableFloatArray values = new GrowableFloatArray();
            int[] labels = plan.labelled() ? new int[n] : null;
            int maxLabel = -1;
            while (row < end) {
                String text = nextRecord();
                boolean firstRecord = !recordSeen;
                recordSeen = true;
                if (firstRecord && task.skipsHeader()) continue;
                List<String> fields = CsvRecords.fields(text, task.file(), line);
                int label = CsvRecords.addRecord(fields, task.file(), line, firstRecord && task.holdsFilesFirstRecord(),
                        task.labelIndex(), plan.columns(), columnsWhere, values);
                if (labels != null) {
                    labels[(int) (row - start)] = label;
                    maxLabel = Math.max(maxLabel, label);
                }
                row++;
            }
            VectorBlock chunk = new VectorBlock(values.toArray(), n, plan.dim(), labels, labels == null ? 0 : maxLabel + 1);
            return new Tuple2<>(start, chunk);
        }

        /** The next line holding a record. */
        private String nextRecord() {
            while (lines.hasNext()) {
                String text = lines.next()._2().toString();
                line++;
                if (CsvRecords.isRecord(text)) return text;
            }
            throw changed("fewer");
        }

        private void requireNoMoreRecords() {
            while (lines.hasNext()) {
                String text = lines.next()._2().toString();
                line++;
                if (CsvRecords.isRecord(text) && !(task.skipsHeader() && !recordSeen)) throw changed("more");
                recordSeen = true;
            }
        }

        private IllegalStateException changed(String moreOrFewer) {
            return new IllegalStateException(task.file() + " changed while it was read: its lines from " +
                    (task.linesBefore() + 1) + " on hold " + moreOrFewer + " data rows than the " + task.rows()
                    + " counted a moment before; do not write to training data while a run reads it");
        }
    }
}
