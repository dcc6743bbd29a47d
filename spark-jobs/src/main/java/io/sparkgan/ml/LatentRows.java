package io.sparkgan.ml;

import io.sparkgan.rng.LatentPrior;
import io.sparkgan.rng.RngStream;
import java.io.Serializable;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/**
 * Where a row's latent vector z comes from: drawn from the SAMPLING stream of the row's seed (a
 * seed column, or the generate(n, seed) set's seed and row index), or given in a latent column.
 * The same seed gives the same z, so the same generated example, on any partitioning.
 */
abstract class LatentRows implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Writes row {@code row}'s z into {@code out} at {@code offset}.
     *
     * @param row the input row
     * @param rowIndex its index in its partition, for messages
     * @param partition its partition, for messages
     * @param prior the generator's latent prior
     * @param out latent rows, {@code latentDim} values each
     * @param offset where this row's z goes
     * @param latentDim size of z
     */
    abstract void fill(Row row, long rowIndex, int partition, LatentPrior prior, double[] out, int offset,
                       int latentDim);

    static void draw(SplittableRandom rng, LatentPrior prior, double[] out, int offset, int latentDim) {
        for (int j = 0; j < latentDim; j++) out[offset + j] = prior.component(rng);
    }

    /** z from the SAMPLING stream of a long seed column's value. */
    static final class FromSeedColumn extends LatentRows {
        private static final long serialVersionUID = 1L;
        private final int field;
        private final String column;

        FromSeedColumn(int field, String column) {
            this.field = field;
            this.column = column;
        }

        @Override
        void fill(Row row, long rowIndex, int partition, LatentPrior prior, double[] out, int offset, int latentDim) {
            if (row.isNullAt(field)) throw RowErrors.bad(RowErrors.where(column, rowIndex, partition), "is null", null);
            long seed = ((Number) row.get(field)).longValue();
            draw(RngStream.SAMPLING.at(seed), prior, out, offset, latentDim);
        }
    }

    /** z of row i of {@code GanModel.generate(n, seed)}: the SAMPLING stream of (seed, i), i in an id column. */
    static final class FromIndex extends LatentRows {
        private static final long serialVersionUID = 1L;
        private final int field;
        private final long seed;

        FromIndex(int field, long seed) {
            this.field = field;
            this.seed = seed;
        }

        @Override
        void fill(Row row, long rowIndex, int partition, LatentPrior prior, double[] out, int offset, int latentDim) {
            draw(RngStream.SAMPLING.at(seed, row.getLong(field)), prior, out, offset, latentDim);
        }
    }

    /** z given in a vector or array column. */
    static final class FromLatentColumn extends LatentRows {
        private static final long serialVersionUID = 1L;
        private final int field;
        private final String column;
        private final FeatureKind kind;

        FromLatentColumn(int field, String column, FeatureKind kind) {
            this.field = field;
            this.column = column;
            this.kind = kind;
        }

        @Override
        void fill(Row row, long rowIndex, int partition, LatentPrior prior, double[] out, int offset, int latentDim) {
            String where = RowErrors.where(column, rowIndex, partition);
            float[] z = kind.read(row, field, where);
            if (z.length != latentDim) {
                Object shown = kind == FeatureKind.VECTOR ? (Vector) row.get(field) : row.getList(field);
                throw RowErrors.bad(where, "has " + z.length + " values; the generator's latent vectors have "
                        + latentDim, shown);
            }
            for (int j = 0; j < latentDim; j++) out[offset + j] = z[j];
        }
    }
}
