package io.sparkgan.config;

/**
 * Console output.
 *
 * @param everyRounds log a line every this many rounds
 * @param progress show a console progress bar
 */
public record LogSettings(int everyRounds, boolean progress) {
}
