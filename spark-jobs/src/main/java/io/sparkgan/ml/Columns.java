package io.sparkgan.ml;

import java.util.Arrays;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Checks of a DataFrame's columns whose messages name the column, the param that named it and what fits. */
final class Columns {
    private Columns() {}

    /**
     * The field {@code column} of {@code schema}.
     *
     * @throws IllegalArgumentException naming the column, the param and the columns there are
     */
    static StructField field(StructType schema, String column, String param) {
        if (column == null || column.isEmpty()) {
            throw new IllegalArgumentException(param + " is not set; set it to one of the DataFrame's columns: "
                    + Arrays.toString(schema.fieldNames()));
        }
        if (!Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException("column '" + column + "' (" + param + ") is not in the DataFrame;"
                    + " its columns are " + Arrays.toString(schema.fieldNames()));
        }
        return schema.apply(column);
    }

    /**
     * Checks that {@code column} holds class labels: an integer or real-valued number column.
     *
     * @throws IllegalArgumentException naming the column and its type
     */
    static void requireLabels(StructType schema, String column, String param) {
        DataType type = field(schema, column, param).dataType();
        boolean numeric = type.equals(DataTypes.ByteType) || type.equals(DataTypes.ShortType)
                || type.equals(DataTypes.IntegerType) || type.equals(DataTypes.LongType)
                || type.equals(DataTypes.FloatType) || type.equals(DataTypes.DoubleType) || type instanceof DecimalType;
        if (!numeric) {
            throw new IllegalArgumentException("column '" + column + "' (" + param + ") is of type "
                    + type.simpleString() + "; class labels must be numbers 0, 1, ..., K-1 (an integer or double"
                    + " column, e.g. from StringIndexer)");
        }
    }

    /**
     * Checks that {@code column} may be added to {@code schema}.
     *
     * @throws IllegalArgumentException if a column of that name exists
     */
    static void requireAbsent(StructType schema, String column, String param) {
        if (Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException("column '" + column + "' (" + param + ") already exists in the"
                    + " DataFrame; set " + param + " to a new name");
        }
    }
}
