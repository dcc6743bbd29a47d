package io.sparkgan.ml;

import io.sparkgan.rng.ClassPrior;
import io.sparkgan.rng.RngStream;
import java.io.Serializable;
import org.apache.spark.sql.Row;

/** The class a conditional generator is asked for in each row: from a label column, fixed, or row i's i mod K. */
abstract class RowLabels implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Row {@code row}'s class, in [0, classes). */
    abstract int label(Row row, long rowIndex, int partition, int classes);

    /** Classes from a number column, checked against the generator's classes. */
    static final class FromColumn extends RowLabels {
        private static final long serialVersionUID = 1L;
        private final int field;
        private final String column;

        FromColumn(int field, String column) {
            this.field = field;
            this.column = column;
        }

        @Override
        int label(Row row, long rowIndex, int partition, int classes) {
            String where = RowErrors.where(column, rowIndex, partition);
            if (row.isNullAt(field)) throw RowErrors.bad(where, "is null", null);
            double y = ((Number) row.get(field)).doubleValue();
            if (!(y >= 0 && y < classes) || y != Math.rint(y)) {
                throw RowErrors.bad(where, "asks for class " + y + "; the generator's classes are 0.." + (classes - 1),
                        null);
            }
            return (int) y;
        }
    }

    /** One class for every row. */
    static final class Fixed extends RowLabels {
        private static final long serialVersionUID = 1L;
        private final int label;

        Fixed(int label) {
            this.label = label;
        }

        @Override
        int label(Row row, long rowIndex, int partition, int classes) {
            return label;
        }
    }

    /** Row i (an id column) asks for class i mod K, as the command line's samples do. */
    static final class IndexModK extends RowLabels {
        private static final long serialVersionUID = 1L;
        private final int field;

        IndexModK(int field) {
            this.field = field;
        }

        @Override
        int label(Row row, long rowIndex, int partition, int classes) {
            return (int) Math.floorMod(row.getLong(field), (long) classes);
        }
    }

    /** Row i (an id column) of a self-conditioned generator: a cluster drawn from its frequencies at (seed, i). */
    static final class FromPrior extends RowLabels {
        private static final long serialVersionUID = 1L;
        private final int field;
        private final long seed;
        private final ClassPrior prior;

        FromPrior(int field, long seed, ClassPrior prior) {
            this.field = field;
            this.seed = seed;
            this.prior = prior;
        }

        @Override
        int label(Row row, long rowIndex, int partition, int classes) {
            return prior.draw(RngStream.SAMPLED_CLASSES.at(seed, row.getLong(field)), 1)[0];
        }

        FromPrior atField(int otherField) {
            return new FromPrior(otherField, seed, prior);
        }
    }
}
