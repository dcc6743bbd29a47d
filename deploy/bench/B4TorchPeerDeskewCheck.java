import io.sparkgan.clustering.Deskewed;
import io.sparkgan.images.IdxImages;
import io.sparkgan.images.IdxReader;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;

/**
 * deploy/bench/b4-torch-peer-check.sh deskewed, the sparkgan side: reads the first args[2] images of the IDX file
 * args[1] with sparkgan's IdxReader, maps their bytes to [-1, 1] as training reads prepared images
 * (dataset/MappedImageBlock: {@code (p & 0xFF) / 127.5f - 1f}), runs clustering/Deskewed.apply on every one, and
 * writes into args[0], as raw big-endian doubles, the images ("images") and their features ("deskewed"), plus
 * "shape" (count, rows, cols).
 */
public class B4TorchPeerDeskewCheck {
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: B4TorchPeerDeskewCheck OUT_DIR IDX_IMAGES COUNT");
        }
        String out = args[0];
        String idx = args[1];
        int wanted = Integer.parseInt(args[2]);
        try (IdxImages images = IdxReader.openImages(new FileInputStream(idx), idx)) {
            if (wanted < 1 || wanted > images.count()) {
                throw new IllegalArgumentException(idx + " has " + images.count() + " images; ask for 1 to "
                        + images.count() + ", not " + wanted);
            }
            write(images, wanted, out);
            System.out.println("sparkgan Deskewed(" + images.rows() + ", " + images.cols() + ").apply on the first "
                    + wanted + " images of " + idx);
        }
    }

    /** The first {@code wanted} images of {@code images} and their deskewed features, written into {@code out}. */
    private static void write(IdxImages images, int wanted, String out) throws IOException {
        try (DataOutputStream x = open(out + "/images");
             DataOutputStream f = open(out + "/deskewed")) {
            Deskewed deskewed = new Deskewed(images.rows(), images.cols());
            byte[] pixels = new byte[images.imageBytes()];
            float[] values = new float[pixels.length];
            float[] features = new float[pixels.length];
            for (int i = 0; i < wanted; i++) {
                images.readNext(pixels);
                for (int j = 0; j < pixels.length; j++) values[j] = (pixels[j] & 0xFF) / 127.5f - 1f;
                deskewed.apply(values, 0, features);
                for (float v : values) x.writeDouble(v);
                for (float v : features) f.writeDouble(v);
            }
            try (DataOutputStream s = open(out + "/shape")) {
                s.writeDouble(wanted);
                s.writeDouble(images.rows());
                s.writeDouble(images.cols());
            }
        }
    }

    private static DataOutputStream open(String path) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(new FileOutputStream(path)));
    }
}
