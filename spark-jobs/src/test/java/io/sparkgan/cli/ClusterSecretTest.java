package io.sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code deploy/standalone-cluster start} writes the cluster secret
 * ({@code sparkgan_write_cluster_secret} in deploy/lib/common.sh, run here on real directories):
 * a symlink planted at DIR/secret is replaced, never written through, and a DIR that group or
 * others can write is refused before anything is built or written.
 */
class ClusterSecretTest {
    private final Path root = Path.of(System.getProperty("user.dir")).getParent();

    @TempDir
    Path base;

    private record Run(int code, String out) {
    }

    private Run bash(List<String> command) throws Exception {
        Path log = base.resolve("bash.log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("ROOT", root.toString());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bash did not finish in 60 s");
        return new Run(p.exitValue(), Files.readString(log));
    }

    private Run writeSecret(Path dir) throws Exception {
        return bash(List.of("bash", "-c", ". \"$ROOT/deploy/lib/common.sh\" && sparkgan_write_cluster_secret \"$1\"",
                "write-secret", dir.toString()));
    }

    private Path directory(String name, String mode) throws Exception {
        Path dir = Files.createDirectory(base.resolve(name));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
        return dir;
    }

    @Test
    void aSymlinkPlantedAtTheSecretIsReplacedAndItsTargetUntouched() throws Exception {
        Path dir = directory("cluster", "rwx------");
        Path victim = Files.writeString(base.resolve("victim.txt"), "someone's file\n");
        Path victimProps = Files.writeString(base.resolve("victim.properties"), "other file\n");
        Files.createSymbolicLink(dir.resolve("secret"), victim);
        Files.createSymbolicLink(dir.resolve("daemon.properties"), victimProps);

        Run run = writeSecret(dir);

        assertEquals(0, run.code(), run.out());
        assertEquals("someone's file\n", Files.readString(victim), "the symlink's target is untouched");
        assertEquals("other file\n", Files.readString(victimProps));
        Path secret = dir.resolve("secret");
        assertFalse(Files.isSymbolicLink(secret), "the symlink was replaced by the secret file");
        assertTrue(Files.isRegularFile(secret, LinkOption.NOFOLLOW_LINKS));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
        String value = Files.readString(secret);
        assertTrue(value.matches("[0-9a-f]{64}"), "256 random bits in hex: " + value);
        Path props = dir.resolve("daemon.properties");
        assertFalse(Files.isSymbolicLink(props));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(props)));
        assertTrue(Files.readAllLines(props).contains("spark.authenticate.secret " + value));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("daemon.properties", "secret"), files.map(f -> f.getFileName().toString()).sorted().toList(),
                    "no temporary file left");
        }
    }

    @Test
    void aDirectoryOthersCanWriteIsRefusedAndNothingWritten() throws Exception {
        Path dir = directory("shared", "rwxrwxrwx");
        Path victim = Files.writeString(base.resolve("victim.txt"), "someone's file\n");
        Files.createSymbolicLink(dir.resolve("secret"), victim);

        Run run = writeSecret(dir);

        assertEquals(2, run.code(), run.out());
        assertTrue(run.out().contains(dir + " has mode 777: group or others may write to it")
                && run.out().contains("run chmod go-w " + dir), run.out());
        assertEquals("someone's file\n", Files.readString(victim));
        assertTrue(Files.isSymbolicLink(dir.resolve("secret")));
        assertFalse(Files.exists(dir.resolve("daemon.properties"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void startRefusesASharedDirBeforeBuildingOrStartingAnything() throws Exception {
        Path dir = directory("group-writable", "rwxrwx---");

        Run run = bash(List.of("bash", root.resolve("deploy/standalone-cluster").toString(), "start", "--dir", dir.toString()));

        assertEquals(2, run.code(), run.out());
        assertTrue(run.out().contains(dir + " has mode 770: group or others may write to it"), run.out());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no logs, pids, work directory or secret in a refused directory");
        }
    }
}
