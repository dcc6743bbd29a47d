package io.sparkgan.spark;

import io.sparkgan.train.PhaseResult;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * Reduce-scatter of a phase's task results over Spark's shuffle ({@code train.aggregation = sliced}):
 * <pre>
 *   task p: result -> slices 0..S-1 --shuffle--> reducer s: slice s of tasks 0..N-1, merged in partition
 *   order --collect--> driver: slices concatenated
 * </pre>
 * The driver receives |theta| bytes instead of N x |theta|. Each reducer adds its pieces in partition
 * order with {@link PhaseResult#merge}, the same float additions in the same order as the direct path's
 * loop, element by element: the sums are bit-identical to it, whatever the timing, retries included.
 */
final class SlicedAggregation {
    private SlicedAggregation() {}

    /**
     * The merged result and the bytes its vectors travelled.
     *
     * @param result all partitions' results merged, decoded
     * @param bytesToReducers bytes the tasks' slices carried to the reducers (in train.result-encoding)
     * @param bytesToDriver bytes the merged slices carried to the driver
     */
    record Outcome(PhaseResult result, long bytesToReducers, long bytesToDriver) {}

    /**
     * Runs the phase's job: {@code results} (one per partition) cut into {@code slices} slices,
     * shuffled to one reducer per slice, merged there and concatenated here. Its two stages are named
     * after {@code label}.
     */
    static Outcome aggregate(JavaSparkContext sc, JavaRDD<PhaseResult> results, int slices, String label) {
        if (slices < 1) throw new IllegalArgumentException("slices must be at least 1, got " + slices);
        List<Tuple2<Integer, PhaseResult>> merged;
        try {
            sc.setCallSite(label + ": compute, cut into " + slices + " slices");
            JavaPairRDD<Integer, SourcedPiece> pieces = JavaPairRDD.fromJavaRDD(
                    results.mapPartitionsWithIndex(new CutIntoSlices(slices), true));
            sc.setCallSite(label + ": merge each slice in partition order");
            merged = pieces.partitionBy(new SlicePartitioner(slices))
                    .mapPartitionsWithIndex(new MergeSlice(), true)
                    .collect();
        } finally {
            sc.clearCallSite();
        }
        List<PhaseResult> ordered = new ArrayList<>(Collections.nCopies(slices, (PhaseResult) null));
        long bytesToReducers = 0;
        long bytesToDriver = 0;
        for (Tuple2<Integer, PhaseResult> slice : merged) {
            if (ordered.set(slice._1(), slice._2()) != null) {
                throw new IllegalStateException(label + ": slice " + slice._1() + " came back twice");
            }
            bytesToReducers += slice._2().resultBytes;
            bytesToDriver += slice._2().byteSize();
        }
        if (ordered.contains(null)) {
            throw new IllegalStateException(label + ": " + merged.size() + " of " + slices + " merged slices came back");
        }
        return new Outcome(PhaseResult.concatenate(ordered), bytesToReducers, bytesToDriver);
    }

    /** One slice of one task's result, with the partition it came from (the reducer's merge order). */
    static final class SourcedPiece implements Serializable {
        private static final long serialVersionUID = 1L;
        final int partition;
        final PhaseResult piece;

        SourcedPiece(int partition, PhaseResult piece) {
            this.partition = partition;
            this.piece = piece;
        }
    }

    /** Sends key s (a slice number) to reducer s. */
    static final class SlicePartitioner extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int slices;

        SlicePartitioner(int slices) {
            this.slices = slices;
        }

        @Override
        public int numPartitions() {
            return slices;
        }

        @Override
        public int getPartition(Object key) {
            int slice = (Integer) key;
            if (slice < 0 || slice >= slices) throw new IllegalArgumentException("slice " + slice + " is outside 0.." + (slices - 1));
            return slice;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SlicePartitioner p && p.slices == slices;
        }

        @Override
        public int hashCode() {
            return slices;
        }
    }

    /** Map side: each task result of the partition becomes {@code slices} keyed pieces. */
    private static final class CutIntoSlices
            implements Function2<Integer, Iterator<PhaseResult>, Iterator<Tuple2<Integer, SourcedPiece>>> {
        private static final long serialVersionUID = 1L;
        private final int slices;

        CutIntoSlices(int slices) {
            this.slices = slices;
        }

        @Override
        public Iterator<Tuple2<Integer, SourcedPiece>> call(Integer partition, Iterator<PhaseResult> results) {
            List<Tuple2<Integer, SourcedPiece>> out = new ArrayList<>();
            while (results.hasNext()) {
                PhaseResult whole = results.next();
                for (int s = 0; s < slices; s++) out.add(new Tuple2<>(s, new SourcedPiece(partition, whole.slice(s, slices))));
            }
            return out.iterator();
        }
    }

    /** Reduce side: reducer s merges the pieces of slice s in partition order (not in arrival order). */
    private static final class MergeSlice
            implements Function2<Integer, Iterator<Tuple2<Integer, SourcedPiece>>, Iterator<Tuple2<Integer, PhaseResult>>> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<Tuple2<Integer, PhaseResult>> call(Integer slice, Iterator<Tuple2<Integer, SourcedPiece>> in) {
            List<SourcedPiece> pieces = new ArrayList<>();
            while (in.hasNext()) {
                Tuple2<Integer, SourcedPiece> t = in.next();
                if (!t._1().equals(slice)) {
                    throw new IllegalStateException("reducer " + slice + " received a piece of slice " + t._1());
                }
                pieces.add(t._2());
            }
            pieces.sort(Comparator.comparingInt(p -> p.partition));
            PhaseResult merged = new PhaseResult();
            for (int i = 0; i < pieces.size(); i++) {
                if (i > 0 && pieces.get(i).partition == pieces.get(i - 1).partition) {
                    throw new IllegalStateException("reducer " + slice + " received partition "
                            + pieces.get(i).partition + "'s piece twice");
                }
                merged.merge(pieces.get(i).piece);
            }
            return Collections.singletonList(new Tuple2<>(slice, merged)).iterator();
        }
    }
}
