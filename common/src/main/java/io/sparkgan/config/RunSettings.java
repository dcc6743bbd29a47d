package io.sparkgan.config;

/**
 * Where a run goes and what seeds it.
 *
 * @param name run name; the run directory is output/name
 * @param seed master seed
 * @param output parent directory URI of run directories
 * @param overwrite replace an existing run directory
 */
public record RunSettings(String name, long seed, String output, boolean overwrite) {

    /** The run directory URI. */
    public String directory() {
        return output.endsWith("/") ? output + name : output + "/" + name;
    }
}
