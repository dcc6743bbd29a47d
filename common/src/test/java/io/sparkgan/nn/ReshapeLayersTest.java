package io.sparkgan.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** ToImage and ToRows keep NHWC order (channel fastest) both ways. */
class ReshapeLayersTest {

    @Test
    void rowsBecomeNhwcImagesAndBack() {
        // Two 2x3 RGB images: value = 100*example + 10*pixel + channel.
        double[] v = new double[2 * 6 * 3];
        for (int b = 0; b < 2; b++) for (int px = 0; px < 6; px++) for (int c = 0; c < 3; c++) v[b * 18 + px * 3 + c] = 100 * b + 10 * px + c;
        INDArray rows = Nd4j.create(v, new long[] {2, 18}, 'c');
        ToImage toImage = new ToImage(2, 3, 3);
        INDArray img = toImage.forward(rows, true);
        assertArrayEquals(new long[] {2, 2, 3, 3}, img.shape());
        assertEquals(100 + 10 * (1 * 3 + 2) + 1, img.getDouble(1, 1, 2, 1), 0, "example 1, row 1, column 2, green");
        ToRows toRows = new ToRows();
        INDArray back = toRows.forward(img, true);
        assertEquals(rows, back);
        assertEquals(img, toRows.backward(back, true));
        assertEquals(rows, toImage.backward(img, true));
        // An F-order input is read by its logical values.
        assertEquals(img, toImage.forward(rows.dup('f'), true));
    }

    @Test
    void wrongRowWidthIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ToImage(2, 2, 3).forward(Nd4j.zeros(2, 11), true));
        assertEquals(true, e.getMessage().contains("[n, 12]"), e.getMessage());
    }
}
