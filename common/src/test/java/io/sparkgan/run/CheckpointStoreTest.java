package io.sparkgan.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.config.GanConfig;
import io.sparkgan.train.TrainingState;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint directory on a real local filesystem: naming, keeping K, damaged files, unwritable paths. */
class CheckpointStoreTest {
    private static final GanConfig CFG =
            GanConfig.parse("model { latent-dim = 3, generator-hidden = [5], discriminator-hidden = [4] }");

    @TempDir
    Path dir;

    @Test
    void keepsTheNewestKAndNamesFilesByRound() throws Exception {
        CheckpointStore store = CheckpointStore.create(dir.resolve("ckpt").toString(), new Configuration());
        for (int round : new int[] {2, 4, 6, 8}) store.write(checkpointAt(round), 2);
        assertEquals(List.of(6, 8), store.rounds());
        assertTrue(Files.exists(dir.resolve("ckpt/round-000008.ckpt")));
        assertEquals(8, store.newestValid(new ArrayList<>()).roundsDone());
        try (var files = Files.list(dir.resolve("ckpt"))) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().contains("tmp")), "no temporary file is left");
        }
    }

    @Test
    void aDamagedOrTruncatedNewestCheckpointIsSkippedWithAReason() throws Exception {
        CheckpointStore store = CheckpointStore.create(dir.toString(), new Configuration());
        for (int round : new int[] {3, 6, 9}) store.write(checkpointAt(round), 5);
        Path newest = dir.resolve("round-000009.ckpt");
        try (RandomAccessFile f = new RandomAccessFile(newest.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        Path middle = dir.resolve("round-000006.ckpt");
        byte[] bytes = Files.readAllBytes(middle);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(middle, bytes);

        List<String> warnings = new ArrayList<>();
        Checkpoint found = store.newestValid(warnings);
        assertEquals(3, found.roundsDone());
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("round-000009.ckpt") && warnings.get(0).toLowerCase().contains("checksum"), warnings.get(0));
        assertTrue(warnings.get(1).contains("round-000006.ckpt"), warnings.get(1));
        assertEquals(List.of(3), store.rounds(), "damaged files are renamed out of the way");
        assertTrue(Files.exists(dir.resolve("round-000009.ckpt.damaged")), "and kept for a post-mortem");
    }

    @Test
    void noValidCheckpointGivesNull() throws Exception {
        Files.writeString(dir.resolve("round-000001.ckpt"), "not a checkpoint");
        assertNull(CheckpointStore.create(dir.toString(), new Configuration()).newestValid(new ArrayList<>()));
    }

    @Test
    void aDirectoryThatCannotBeCreatedFailsAtOnceNamingIt() throws Exception {
        // A regular file as parent: fails for root too, unlike a chmod.
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        String uri = file.resolve("checkpoints").toString();
        RuntimeException e = assertThrows(RuntimeException.class, () -> CheckpointStore.create(uri, new Configuration()));
        assertTrue(e.getMessage().contains(uri), e.getMessage());
    }

    static Checkpoint checkpointAt(int round) {
        TrainingState s = TrainingState.initial(CFG.model().spec(2), CFG.training());
        return new Checkpoint(round, 3, 2, 0, s.thetaG(), s.thetaD(), s.generatorOptimizer().state(), round,
                s.discriminatorOptimizer().state(), round, s.buffersG(), s.buffersD(), null, null);
    }
}
