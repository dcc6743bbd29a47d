package io.sparkgan.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * k x k patches of single-channel NHWC images as matrix rows ("im2row") and back, so a
 * convolution with one input channel (D's first layer) or a transposed convolution with one
 * output channel (G's last layer) becomes a plain gemm. Why: oneDNN pads the single channel to
 * 16 and its backward passes took 3-4 ms for these layers at batch 32; the gemms take ~0.3 ms.
 *
 * <p>Row (b, i, j) of the [n * gridH * gridW, k * k] matrix holds image[b, i*s - p + a, j*s - p + c]
 * at column a * k + c (0 outside the image): for a convolution the grid is its output, for a
 * transposed convolution its input. Not thread safe (caches an index table), like the layers.
 */
final class SingleChannelPatches {
    private final int kernel;
    private final int stride;
    private final int padding;
    private long[] tableKey = {};
    /** For each element of the rows matrix, the image element it copies, or -1 for padding. */
    private int[] table;

    SingleChannelPatches(int kernel, int stride, int padding) {
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    /**
     * Image [n, h, w, 1] to patch rows for a gridH x gridW grid. A Java gather through an index
     * table: libnd4j's im2col writes [n, 1, k, k, gridH, gridW] (rows then need a permuting copy:
     * 1.2 ms together at batch 32) and writing a permuted view takes its slow strided path (2.2 ms).
     */
    INDArray toRows(INDArray images, int gridH, int gridW) {
        INDArray x = Ops.cOrder(images);
        int[] index = table(x.size(0), x.size(1), x.size(2), gridH, gridW);
        long[] shape = {x.size(0) * gridH * gridW, (long) kernel * kernel};
        if (x.dataType() == DataType.DOUBLE) {
            double[] in = x.data().getDoublesAt(x.offset(), (int) x.length());
            double[] out = new double[index.length];
            for (int r = 0; r < out.length; r++) out[r] = index[r] < 0 ? 0 : in[index[r]];
            return Nd4j.create(out, shape, 'c');
        }
        float[] in = x.data().getFloatsAt(x.offset(), (int) x.length());
        float[] out = new float[index.length];
        for (int r = 0; r < out.length; r++) out[r] = index[r] < 0 ? 0 : in[index[r]];
        return Nd4j.create(out, shape, 'c');
    }

    /**
     * The adjoint of {@link #toRows}: patch rows [n * gridH * gridW, k * k] summed into images
     * [n, h, w, 1]. libnd4j's col2im reads the rows through a permuted view at full speed.
     */
    INDArray toImages(INDArray rows, long n, int h, int w, int gridH, int gridW) {
        INDArray cols = Ops.cOrder(rows).reshape('c', n, gridH, gridW, kernel, kernel, 1).permute(0, 5, 3, 4, 1, 2);
        INDArray images = Nd4j.createUninitialized(rows.dataType(), n, 1, h, w);
        // sH, sW, pH, pW, imgH, imgW, dH, dW, isSameMode
        Ops.exec("col2im", new INDArray[] {cols}, new INDArray[] {images}, stride, stride, padding, padding, h, w, 1, 1, 0);
        return images.reshape('c', n, h, w, 1); // one channel: NCHW and NHWC are the same memory
    }

    private int[] table(long n, long h, long w, int gridH, int gridW) {
        long[] key = {n, h, w, gridH, gridW};
        if (Arrays.equals(key, tableKey)) return table;
        int k = kernel;
        int[] t = new int[(int) (n * gridH * gridW * k * k)];
        int r = 0;
        for (int b = 0; b < n; b++) for (int i = 0; i < gridH; i++) for (int j = 0; j < gridW; j++) {
            for (int a = 0; a < k; a++) for (int c = 0; c < k; c++) {
                int y = i * stride - padding + a;
                int x = j * stride - padding + c;
                t[r++] = y < 0 || y >= h || x < 0 || x >= w ? -1 : (int) ((b * h + y) * w + x);
            }
        }
        tableKey = key;
        table = t;
        return t;
    }
}
