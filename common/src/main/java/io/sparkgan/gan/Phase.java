package io.sparkgan.gan;

/**
 * Which network a phase of a round trains. A round runs {@code criticSteps} D phases, then one
 * G phase; {@link #code} and the critic index key the phase's random streams.
 */
public enum Phase {
    DISCRIMINATOR(0), GENERATOR(1);

    private final int code;

    Phase(int code) {
        this.code = code;
    }

    /** Random-stream coordinate of the {@code index}-th phase of this kind within a round. */
    public long streamCoordinate(int index) {
        return code * 1_000_003L + index;
    }

    public String shortName() {
        return this == DISCRIMINATOR ? "D" : "G";
    }
}
