package io.sparkgan.ml;

import io.sparkgan.images.GeneratedImage;
import io.sparkgan.images.ImageShape;
import java.util.List;
import org.apache.spark.ml.image.ImageSchema;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The column types an example can come in: a Spark ML vector (VectorUDT, e.g. from
 * VectorAssembler), {@code array<float>} or {@code array<double>}, or an image: a column of
 * Spark's image source ({@code spark.read.format("image")}) or the {@code content} bytes of
 * {@code binaryFile} rows (PNG or JPEG files, decoded by {@link ImageColumn}). Reads one row's
 * vector as floats (on the executors) and writes generated examples back in the same type (an
 * image struct, or PNG file bytes for {@code binaryFile} content).
 */
public enum FeatureKind {
    VECTOR(new VectorUDT()),
    FLOAT_ARRAY(DataTypes.createArrayType(DataTypes.FloatType, false)),
    DOUBLE_ARRAY(DataTypes.createArrayType(DataTypes.DoubleType, false)),
    /** Spark's image struct (origin, height, width, nChannels, mode, data: BGR(A) bytes). */
    IMAGE(ImageSchema.columnSchema()),
    /** The bytes of an image file (binaryFile's content); generated examples are PNG files. */
    IMAGE_FILE(DataTypes.BinaryType);

    private final DataType sparkType;

    FeatureKind(DataType sparkType) {
        this.sparkType = sparkType;
    }

    /** The Spark SQL type of a column of this kind (arrays without nulls). */
    public DataType sparkType() {
        return sparkType;
    }

    /**
     * The kind of column {@code column} of {@code schema}.
     *
     * @param schema the DataFrame's schema
     * @param column the column's name
     * @param param the param that named it (e.g. "featuresCol"), for the message
     * @throws IllegalArgumentException naming the column, its type and the accepted ones, if it is missing or of another type
     */
    public static FeatureKind of(StructType schema, String column, String param) {
        StructField field = Columns.field(schema, column, param);
        DataType type = field.dataType();
        if (type instanceof VectorUDT) return VECTOR;
        if (type instanceof ArrayType a && a.elementType().equals(DataTypes.FloatType)) return FLOAT_ARRAY;
        if (type instanceof ArrayType a && a.elementType().equals(DataTypes.DoubleType)) return DOUBLE_ARRAY;
        if (type.equals(DataTypes.BinaryType)) return IMAGE_FILE;
        if (type instanceof StructType s && isImageStruct(s)) return IMAGE;
        String hint = type.getClass().getName().equals("org.apache.spark.mllib.linalg.VectorUDT")
                ? " (this is the old spark.mllib vector: convert it with MLUtils.convertVectorColumnsToML)"
                : type instanceof StructType || type instanceof ArrayType ? ""
                : " (for separate numeric columns, put them into one vector with VectorAssembler)";
        throw new IllegalArgumentException("column '" + column + "' (" + param + ") is of type " + type.simpleString()
                + "; expected a Spark ML vector (VectorUDT), array<float> or array<double>, an image column of"
                + " spark.read.format(\"image\") or the binary content of spark.read.format(\"binaryFile\")" + hint);
    }

    /**
     * As {@link #of}, for columns that must hold plain vectors (latent vectors).
     *
     * @throws IllegalArgumentException naming the column if it is missing, an image or of another type
     */
    public static FeatureKind vectorOf(StructType schema, String column, String param) {
        FeatureKind kind = of(schema, column, param);
        if (kind.isImage()) {
            throw new IllegalArgumentException("column '" + column + "' (" + param + ") holds images; expected a"
                    + " Spark ML vector (VectorUDT), array<float> or array<double>");
        }
        return kind;
    }

    /** Whether examples of this kind are images (decoded by {@link ImageColumn}, not {@link #read}). */
    public boolean isImage() {
        return this == IMAGE || this == IMAGE_FILE;
    }

    /** Spark's image struct, field names and types (nullability aside). */
    private static boolean isImageStruct(StructType s) {
        StructType image = ImageSchema.columnSchema();
        if (s.fields().length != image.fields().length) return false;
        for (int i = 0; i < s.fields().length; i++) {
            if (!s.fields()[i].name().equals(image.fields()[i].name())
                    || !s.fields()[i].dataType().equals(image.fields()[i].dataType())) return false;
        }
        return true;
    }

    /**
     * The example in field {@code index} of {@code row} as floats, checked.
     *
     * @param row the row
     * @param index the field holding the example
     * @param where names the column and the row, for messages (e.g. "column 'features', row 3 of DataFrame partition 1")
     * @throws io.sparkgan.util.DataFormatException if it is null, empty, holds a null, NaN or infinite value,
     *         or a value beyond float range
     */
    public float[] read(Row row, int index, String where) {
        if (isImage()) throw new IllegalStateException(this + " columns are decoded by ImageColumn");
        if (row.isNullAt(index)) throw RowErrors.bad(where, "is null", null);
        float[] out;
        if (this == VECTOR) {
            Vector v = (Vector) row.get(index);
            out = new float[v.size()];
            for (int j = 0; j < out.length; j++) out[j] = checked(v.apply(j), j, where, v);
        } else {
            List<Object> values = row.getList(index);
            out = new float[values.size()];
            for (int j = 0; j < out.length; j++) {
                Object x = values.get(j);
                if (x == null) throw RowErrors.bad(where, "holds null at position " + j, values);
                out[j] = checked(((Number) x).doubleValue(), j, where, values);
            }
        }
        if (out.length == 0) throw RowErrors.bad(where, "is empty (0 values)", null);
        return out;
    }

    private static float checked(double x, int j, String where, Object shown) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            throw RowErrors.bad(where, "holds " + x + " at position " + j, shown);
        }
        float f = (float) x;
        if (Float.isInfinite(f)) {
            throw RowErrors.bad(where, "holds " + x + " at position " + j + ", beyond float range (at most "
                    + Float.MAX_VALUE + ")", shown);
        }
        return f;
    }

    /** Row {@code i} of {@code values} (rows of {@code dim} floats) as a value of this kind (not an image). */
    public Object value(float[] values, int i, int dim) {
        return value(values, i, dim, null);
    }

    /**
     * Row {@code i} of {@code values} (rows of {@code dim} floats) as a value of this kind.
     *
     * @param shape the image shape of an image kind (ignored for vectors)
     */
    public Object value(float[] values, int i, int dim, ImageShape shape) {
        return switch (this) {
            case IMAGE -> ImageColumn.imageRow(GeneratedImage.samples(values, i * dim, shape), shape);
            case IMAGE_FILE -> GeneratedImage.png(GeneratedImage.samples(values, i * dim, shape), shape);
            case VECTOR -> {
                double[] d = new double[dim];
                for (int j = 0; j < dim; j++) d[j] = values[i * dim + j];
                yield Vectors.dense(d);
            }
            case FLOAT_ARRAY -> java.util.Arrays.copyOfRange(values, i * dim, (i + 1) * dim);
            case DOUBLE_ARRAY -> {
                double[] d = new double[dim];
                for (int j = 0; j < dim; j++) d[j] = values[i * dim + j];
                yield d;
            }
        };
    }
}
