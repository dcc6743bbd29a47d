package io.sparkgan.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading through Hadoop's LocalFileSystem: limits and unreadable files become rejections. */
class ImageFileReaderTest {
    private static final ImageShape TARGET = new ImageShape(8, 8, 3);
    private static FileSystem fs;

    @TempDir
    java.nio.file.Path dir;

    @BeforeAll
    static void localFileSystem() throws IOException {
        fs = FileSystem.getLocal(new Configuration());
    }

    private Path write(String name, byte[] content) throws IOException {
        java.nio.file.Path file = dir.resolve(name);
        Files.write(file, content);
        return new Path(file.toUri());
    }

    @Test
    void goodFileDecodes() throws IOException {
        Path path = write("red.png", TestImages.png(TestImages.filled(16, 12, 0xFF0000)));
        ImageFileReader.Outcome outcome = new ImageFileReader().read(fs, path, TARGET);
        assertTrue(outcome.isDecoded(), outcome.toString());
        assertEquals(path.toString(), outcome.fileName());
        assertEquals(TARGET.pixels(), outcome.pixels().length);
        assertEquals(255, outcome.pixels()[0] & 0xff);
        assertEquals(0, outcome.pixels()[1]);
    }

    @Test
    void decoderRejectionsComeBackAsOutcomes() throws IOException {
        Path empty = write("empty.jpg", new byte[0]);
        ImageFileReader.Outcome outcome = new ImageFileReader().read(fs, empty, TARGET);
        assertFalse(outcome.isDecoded());
        assertEquals(empty.toString(), outcome.fileName());
        assertEquals("empty file (0 bytes)", outcome.reason());
        assertEquals(empty + ": empty file (0 bytes)", outcome.toString());
    }

    @Test
    void fileOverTheByteLimitIsRefusedBeforeReading() throws IOException {
        Path path = write("big.png", TestImages.png(TestImages.noise(40, 40, 5)));
        long length = Files.size(dir.resolve("big.png"));
        ImageFileReader.Outcome outcome = new ImageFileReader(new ImageDecoder(), 1000).read(fs, path, TARGET);
        assertFalse(outcome.isDecoded());
        assertEquals("file is " + length + " bytes, over the limit of 1000; raise sparkgan prepare --max-file-bytes"
                + " if such files are expected", outcome.reason());
    }

    @Test
    void missingFileAndDirectoryAreRejections() throws IOException {
        ImageFileReader reader = new ImageFileReader();
        ImageFileReader.Outcome missing = reader.read(fs, new Path(dir.resolve("gone.png").toUri()), TARGET);
        assertEquals("cannot read: file not found (was it deleted after it was listed?)", missing.reason());
        ImageFileReader.Outcome directory = reader.read(fs, new Path(dir.toUri()), TARGET);
        assertEquals("is a directory, not an image file", directory.reason());
    }

    @Test
    void unreadableFileIsARejectionNotAnException() throws IOException {
        Path path = write("secret.png", TestImages.png(TestImages.filled(8, 8, 0x00FF00)));
        java.nio.file.Path local = dir.resolve("secret.png");
        Files.setPosixFilePermissions(local, PosixFilePermissions.fromString("---------"));
        try {
            boolean readable;
            try (InputStream in = Files.newInputStream(local)) {
                readable = in.read() >= 0;
            } catch (IOException e) {
                readable = false;
            }
            assumeFalse(readable, "running as " + System.getProperty("user.name")
                    + ", who can read a mode-000 file (root ignores permissions)");
            ImageFileReader.Outcome outcome = new ImageFileReader().read(fs, path, TARGET);
            assertFalse(outcome.isDecoded());
            assertEquals("cannot read: permission denied", outcome.reason());
        } finally {
            Files.setPosixFilePermissions(local, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
