package io.sparkgan.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.config.ConfigError;
import io.sparkgan.images.ImageShape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The config names of the cluster feature maps: what each builds, what it refuses, and how it is saved. */
class ClusterFeaturesTest {
    private static final ImageShape GRAY = new ImageShape(28, 28, 1);
    private static final ImageShape RGB = new ImageShape(64, 64, 3);

    @Test
    void eachNameBuildsItsMapForTheData() {
        assertEquals(new ClusterFeatures.Pixels(5), ClusterFeatures.of("pixels", 5, null, "points.csv"));
        assertEquals(new Deskewed(28, 28), ClusterFeatures.of("deskewed", 784, GRAY, "mnist"));
        Hog hog = (Hog) ClusterFeatures.of("hog", 64 * 64 * 3, RGB, "emoji");
        assertEquals(new Hog(new ClusterFeatures.Pixels(12288), 64, 64, 3, 4, 9), hog);
        assertEquals(16 * 16 * 9, hog.dim());
        Hog deskewedHog = (Hog) ClusterFeatures.of("deskewed-hog", 784, GRAY, "mnist");
        assertEquals(new Deskewed(28, 28), deskewedHog.input());
        assertEquals(7 * 7 * 9, deskewedHog.dim());
        for (String name : io.sparkgan.config.ModelSettings.CLUSTER_FEATURES) {
            assertEquals(name, ClusterFeatures.of(name, 784, GRAY, "mnist").configName());
        }
    }

    @Test
    void mapsThatDoNotFitTheDataAreRefusedNamingKeyDataAndWayOut() {
        ConfigError rgb = assertThrows(ConfigError.class, () -> ClusterFeatures.of("deskewed", 12288, RGB, "data/emoji/train"));
        assertTrue(rgb.getMessage().contains("model.cluster-features = deskewed")
                && rgb.getMessage().contains("data/emoji/train is 64x64x3") && rgb.getMessage().contains("hog"),
                rgb.getMessage());
        ConfigError rgbHog = assertThrows(ConfigError.class, () -> ClusterFeatures.of("deskewed-hog", 12288, RGB, "emoji"));
        assertTrue(rgbHog.getMessage().contains("grayscale"), rgbHog.getMessage());
        for (String name : List.of("deskewed", "hog", "deskewed-hog")) {
            ConfigError csv = assertThrows(ConfigError.class, () -> ClusterFeatures.of(name, 3, null, "points.csv"));
            assertTrue(csv.getMessage().contains("points.csv has no image shape"), csv.getMessage());
        }
        ConfigError odd = assertThrows(ConfigError.class,
                () -> ClusterFeatures.of("hog", 30 * 30, new ImageShape(30, 30, 1), "odd"));
        assertTrue(odd.getMessage().contains("multiples of 4") && odd.getMessage().contains("30x30x1"), odd.getMessage());
        ConfigError unknown = assertThrows(ConfigError.class, () -> ClusterFeatures.of("sift", 784, GRAY, "mnist"));
        assertTrue(unknown.getMessage().contains("'sift'") && unknown.getMessage().contains("one of pixels, deskewed, hog, deskewed-hog"),
                unknown.getMessage());
    }

    @Test
    void everyMapIsReadBackAsWrittenAndADamagedOneIsRefused() throws IOException {
        for (String name : List.of("pixels", "deskewed", "hog", "deskewed-hog")) {
            ClusterFeatures map = ClusterFeatures.of(name, 784, GRAY, "mnist");
            assertEquals(map, ClusterFeatures.read(new DataInputStream(new ByteArrayInputStream(bytes(map)))), name);
        }
        byte[] unknownTag = bytes(new ClusterFeatures.Pixels(4));
        unknownTag[0] = 9;
        IOException e = assertThrows(IOException.class,
                () -> ClusterFeatures.read(new DataInputStream(new ByteArrayInputStream(unknownTag))));
        assertTrue(e.getMessage().contains("tag 9"), e.getMessage());
        byte[] badSize = bytes(new Deskewed(28, 28));
        badSize[4] = 0; // height 28 -> 0
        e = assertThrows(IOException.class, () -> ClusterFeatures.read(new DataInputStream(new ByteArrayInputStream(badSize))));
        assertTrue(e.getMessage().contains("implausible"), e.getMessage());
        byte[] nested = new byte[4096];
        java.util.Arrays.fill(nested, (byte) 2); // a Hog of a Hog of ...: refused at the second tag, not by the stack
        e = assertThrows(IOException.class, () -> ClusterFeatures.read(new DataInputStream(new ByteArrayInputStream(nested))));
        assertTrue(e.getMessage().contains("histograms of histograms"), e.getMessage());
    }

    private static byte[] bytes(ClusterFeatures map) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(out)) {
            ClusterFeatures.write(map, data);
        }
        return out.toByteArray();
    }
}
