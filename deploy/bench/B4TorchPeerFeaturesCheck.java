import io.sparkgan.clustering.ClusterFeatures;
import io.sparkgan.images.IdxImages;
import io.sparkgan.images.IdxReader;
import io.sparkgan.images.ImageShape;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;

/**
 * deploy/bench/b4-torch-peer-check.sh features, the sparkgan side: reads the first args[2] images of the IDX file
 * args[1] with sparkgan's IdxReader, maps their bytes to [-1, 1] as training reads prepared images
 * (dataset/MappedImageBlock: {@code (p & 0xFF) / 127.5f - 1f}), and runs on every one the cluster feature maps
 * {@link ClusterFeatures#of} builds for model.cluster-features = deskewed, hog and deskewed-hog (clustering/Deskewed
 * and clustering/Hog with the config's cells and bins). Writes into args[0], as raw big-endian doubles, the images
 * ("images"), each map's features (a file named after the map), and "shape" (count, rows, cols).
 */
public class B4TorchPeerFeaturesCheck {
    /** The maps checked; the Python side compares the peer's cluster_features(images, name) with each file. */
    private static final String[] MAPS = {"deskewed", "hog", "deskewed-hog"};

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: B4TorchPeerFeaturesCheck OUT_DIR IDX_IMAGES COUNT");
        }
        String out = args[0];
        String idx = args[1];
        int wanted = Integer.parseInt(args[2]);
        try (IdxImages images = IdxReader.openImages(new FileInputStream(idx), idx)) {
            if (wanted < 1 || wanted > images.count()) {
                throw new IllegalArgumentException(idx + " has " + images.count() + " images; ask for 1 to "
                        + images.count() + ", not " + wanted);
            }
            ClusterFeatures[] maps = new ClusterFeatures[MAPS.length];
            ImageShape shape = new ImageShape(images.rows(), images.cols(), 1);
            for (int m = 0; m < MAPS.length; m++) maps[m] = ClusterFeatures.of(MAPS[m], shape.pixels(), shape, idx);
            write(images, wanted, maps, out);
            for (ClusterFeatures map : maps) {
                System.out.println("sparkgan " + map + ".apply (" + map.dim() + " features) on the first " + wanted
                        + " images of " + idx);
            }
        }
    }

    /** The first {@code wanted} images of {@code images} and their features under every map, written into {@code out}. */
    private static void write(IdxImages images, int wanted, ClusterFeatures[] maps, String out) throws IOException {
        DataOutputStream x = open(out + "/images");
        DataOutputStream[] files = new DataOutputStream[maps.length];
        float[][] features = new float[maps.length][];
        for (int m = 0; m < maps.length; m++) {
            files[m] = open(out + "/" + maps[m].configName());
            features[m] = new float[maps[m].dim()];
        }
        byte[] pixels = new byte[images.imageBytes()];
        float[] values = new float[pixels.length];
        for (int i = 0; i < wanted; i++) {
            images.readNext(pixels);
            for (int j = 0; j < pixels.length; j++) values[j] = (pixels[j] & 0xFF) / 127.5f - 1f;
            for (float v : values) x.writeDouble(v);
            for (int m = 0; m < maps.length; m++) {
                maps[m].apply(values, 0, features[m]);
                for (float v : features[m]) files[m].writeDouble(v);
            }
        }
        x.close();
        for (DataOutputStream f : files) f.close();
        try (DataOutputStream s = open(out + "/shape")) {
            s.writeDouble(wanted);
            s.writeDouble(images.rows());
            s.writeDouble(images.cols());
        }
    }

    private static DataOutputStream open(String path) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(new FileOutputStream(path)));
    }
}
