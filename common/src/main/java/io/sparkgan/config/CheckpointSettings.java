package io.sparkgan.config;

/**
 * When and where training state is checkpointed.
 *
 * @param every write a checkpoint every this many rounds (0: only at the end and on a stop signal)
 * @param keep number of newest checkpoints kept; older ones are deleted once a newer one is durable
 * @param dir directory URI of the checkpoint files ("" = the run directory's checkpoints/)
 */
public record CheckpointSettings(int every, int keep, String dir) {

    /** The checkpoint directory of a run whose directory is {@code runDirectory}. */
    public String directory(String runDirectory) {
        if (!dir.isBlank()) return dir;
        return runDirectory.endsWith("/") ? runDirectory + "checkpoints" : runDirectory + "/checkpoints";
    }
}
