package io.sparkgan.ml;

import io.sparkgan.data.ExampleBlock;
import io.sparkgan.images.Background;
import io.sparkgan.images.DecodedImage;
import io.sparkgan.images.ImageDecoder;
import io.sparkgan.images.ImageShape;
import io.sparkgan.images.RejectedImageException;
import io.sparkgan.util.DataFormatException;
import java.io.ByteArrayOutputStream;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * An image column as training images, on the executors: a column of Spark's image source (BGR(A)
 * bytes Spark decoded) or the bytes of PNG/JPEG files ({@code binaryFile} content, decoded with
 * sparkgan's {@link ImageDecoder}). Each image is converted as {@code sparkgan prepare} converts
 * it (RGB order, transparency over the background, BT.601 gray; scale-to-cover and centre crop
 * only when resizing is asked for) into uint8 pixels, so the same files give the same examples as
 * a prepared set. A bad image fails the task naming the file, as prepare's rejections do; none is
 * skipped.
 */
final class ImageColumn implements ExampleColumn {
    private static final long serialVersionUID = 1L;

    /** OpenCV type codes Spark's image source uses for 8-bit images of 1, 3 and 4 channels. */
    static final int CV_8UC1 = 0;
    static final int CV_8UC3 = 16;
    static final int CV_8UC4 = 24;

    private final FeatureKind kind;
    private final String column;
    private final int pathField;
    private final ImageShape target;
    private final String targetOrigin;
    private final boolean resize;
    private final ImageDecoder decoder;

    /**
     * @param kind {@link FeatureKind#IMAGE} or {@link FeatureKind#IMAGE_FILE}
     * @param column the example column, for messages
     * @param pathField the field of the row holding the file's path (binaryFile's path), -1 for none
     * @param target the shape every image must have (or is brought to), or null: the shape of each
     *               partition's first image (the driver then checks that the partitions agree)
     * @param targetOrigin where {@code target} comes from, for messages (e.g. "model.image-size and model.channels")
     * @param resize whether images of another size or channel count are converted to {@code target}
     * @param background the colour under transparent pixels
     */
    ImageColumn(FeatureKind kind, String column, int pathField, ImageShape target, String targetOrigin, boolean resize,
                Background background) {
        if (!kind.isImage()) throw new IllegalArgumentException(kind + " is not an image kind; use VectorColumn");
        if (resize && target == null) throw new IllegalArgumentException("resizing needs a target shape");
        this.kind = kind;
        this.column = column;
        this.pathField = pathField;
        this.target = target;
        this.targetOrigin = targetOrigin;
        this.resize = resize;
        this.decoder = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS, Objects.requireNonNull(background, "background"));
    }

    @Override
    public Collector collector(int partition) {
        return new Collector() {
            private final ByteArrayOutputStream pixels = new ByteArrayOutputStream();
            private ImageShape shape = target;
            private String first;

            @Override
            public void add(Row row, int n) {
                String file = fileName(row, n, partition);
                DecodedImage image = decode(row, file, n, partition);
                ImageShape own = image.shape();
                if (shape == null) shape = own;
                if (first == null) first = file;
                if (!resize && !own.equals(shape)) {
                    String expected = target != null ? shape.describe() + " (" + targetOrigin + ")"
                            : shape.describe() + " (the size of this partition's first image, " + first + ")";
                    throw bad(file, n, partition, "image is " + own.describe() + " (height x width x channels), but the"
                            + " model's images are " + expected + "; set imageResize to true to scale, crop and"
                            + " convert images as sparkgan prepare --size/--channels does, or bring the files to one"
                            + " size");
                }
                pixels.writeBytes(image.fit(shape));
            }

            @Override
            public ExampleBlock build(int n, int[] labels, int classes) {
                return new ImageBlock(pixels.toByteArray(), n, shape, labels, first);
            }
        };
    }

    /** The row's file (the image struct's origin, or the path column), or where the row is when it has none. */
    private String fileName(Row row, int n, int partition) {
        if (kind == FeatureKind.IMAGE && !row.isNullAt(0)) {
            String origin = row.getStruct(0).getString(0);
            if (origin != null && !origin.isEmpty()) return origin;
        }
        if (pathField >= 0 && !row.isNullAt(pathField)) return row.getString(pathField);
        return "row " + n + " of DataFrame partition " + partition;
    }

    private DecodedImage decode(Row row, String file, int n, int partition) {
        if (row.isNullAt(0)) throw bad(file, n, partition, "the image is null");
        if (kind == FeatureKind.IMAGE_FILE) {
            try {
                return decoder.decodeAsIs(file, (byte[]) row.get(0));
            } catch (RejectedImageException e) {
                throw bad(file, n, partition, e.reason());
            }
        }
        Row image = row.getStruct(0);
        int height = image.getInt(1);
        int width = image.getInt(2);
        int channels = image.getInt(3);
        int mode = image.getInt(4);
        byte[] data = (byte[]) image.get(5);
        if (height < 1 || width < 1 || data == null || data.length == 0) {
            throw bad(file, n, partition, "Spark's image source could not decode this file (it gives "
                    + height + "x" + width + " and " + (data == null ? 0 : data.length) + " bytes of pixels): not an"
                    + " image, or damaged. (Read the files with spark.read.format(\"binaryFile\") to have sparkgan's"
                    + " decoder say why; the image source's dropInvalid option would drop such files silently)");
        }
        int expectedMode = channels == 1 ? CV_8UC1 : channels == 3 ? CV_8UC3 : channels == 4 ? CV_8UC4 : -1;
        if (mode != expectedMode || (long) height * width * channels != data.length) {
            throw bad(file, n, partition, "an image struct of " + height + "x" + width + ", " + channels
                    + " channels, mode " + mode + " and " + data.length + " bytes is not an 8-bit image of Spark's image"
                    + " source (modes " + CV_8UC1 + ", " + CV_8UC3 + ", " + CV_8UC4 + " for 1, 3, 4 channels;"
                    + " height * width * channels bytes)");
        }
        return DecodedImage.interleaved(height, width, channels, rgbOrder(data, channels), decoder.background());
    }

    /** BGR(A) (OpenCV's order, Spark's) as RGB(A). */
    private static byte[] rgbOrder(byte[] data, int channels) {
        if (channels == 1) return data;
        byte[] out = data.clone();
        for (int i = 0; i < out.length; i += channels) {
            out[i] = data[i + 2];
            out[i + 2] = data[i];
        }
        return out;
    }

    private DataFormatException bad(String file, int n, int partition, String reason) {
        return new DataFormatException(file + ": " + reason + " (" + RowErrors.where(column, n, partition)
                + "). No image is skipped silently: fix or remove the file, or filter its row out before fit");
    }

    /**
     * A generated image as a value of Spark's image struct: origin "", 8-bit, BGR order.
     *
     * @param samples uint8 HWC samples in RGB order
     * @param shape their shape
     */
    static Row imageRow(byte[] samples, ImageShape shape) {
        byte[] bgr = shape.channels() == 1 ? samples : rgbOrder(samples, 3); // the swap is its own inverse
        return RowFactory.create("", shape.height(), shape.width(), shape.channels(),
                shape.channels() == 1 ? CV_8UC1 : CV_8UC3, bgr);
    }
}
