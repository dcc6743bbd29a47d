package io.sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/fetch-datasets emoji} refuses an npm tarball that is not the pinned one, naming
 * the file and both hashes, before it unpacks or prepares anything. The tarballs come from a
 * local directory ({@code SPARKGAN_NPM_TARBALLS}); no network, no npm.
 */
class FetchDatasetsTest {
    /** The SHA-256 deploy/fetch-datasets pins for emoji-datasource-twitter-16.0.0.tgz. */
    private static final String TWITTER_SHA256 = "f64a530c63bca463bd8317fdc4615ce63a53a0c65018e4ce2d848aaba7a28877";

    private final Path root = Path.of(System.getProperty("user.dir")).getParent();

    @TempDir
    Path dir;

    private record Run(int code, String err) {
    }

    private Run fetchEmoji(Path tarballs, Path data) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("deploy/fetch-datasets").toString(), "emoji")
                .redirectErrorStream(true).redirectOutput(dir.resolve("fetch.log").toFile());
        pb.environment().put("SPARKGAN_DATA", data.toString());
        pb.environment().put("SPARKGAN_NPM_TARBALLS", tarballs.toString());
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        pb.environment().put("TMPDIR", tmp.toString());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "fetch-datasets did not finish in 120 s");
        try (var left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "temporary files left behind");
        }
        return new Run(p.exitValue(), Files.readString(dir.resolve("fetch.log")));
    }

    /** A gzip file with a tar-like name that is not the package: what a damaged or swapped download looks like. */
    private static byte[] notThePackage() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("package/emoji.json: [] -- not the real archive\n".repeat(100).getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void aDamagedTarballIsRefusedNamingTheFileAndBothHashes() throws Exception {
        Path tarballs = Files.createDirectories(dir.resolve("tarballs"));
        Path damaged = Files.write(tarballs.resolve("emoji-datasource-twitter-16.0.0.tgz"), notThePackage());
        String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(damaged)));
        Path data = dir.resolve("data");
        Run run = fetchEmoji(tarballs, data);
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains(damaged.toRealPath() + ": SHA-256 is " + actual + ", expected " + TWITTER_SHA256
                + " for emoji-datasource-twitter@16.0.0"), run.err());
        assertTrue(run.err().contains("refusing a damaged or different archive"), run.err());
        assertFalse(Files.exists(data.resolve("raw/emoji")), "nothing laid out from a refused archive");
        assertFalse(Files.exists(data.resolve("emoji")), "nothing prepared from a refused archive");
    }

    @Test
    void aMissingTarballIsNamed() throws Exception {
        Path tarballs = Files.createDirectories(dir.resolve("empty"));
        Run run = fetchEmoji(tarballs, dir.resolve("data"));
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains(tarballs.resolve("emoji-datasource-twitter-16.0.0.tgz") + " not found"), run.err());
    }
}
