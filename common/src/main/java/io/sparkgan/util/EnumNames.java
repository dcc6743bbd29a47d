package io.sparkgan.util;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Config spellings of enum constants: LEAKY_RELU is "leaky-relu" (and "leaky_relu" is accepted). */
public final class EnumNames {
    private EnumNames() {}

    /** Parses a config value; the error lists every accepted spelling. */
    public static <E extends Enum<E>> E parse(Class<E> type, String value, String what) {
        String key = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(key)) return e;
        }
        throw new IllegalArgumentException("unknown " + what + " '" + value + "'; use one of "
                + Arrays.stream(type.getEnumConstants()).map(EnumNames::configName).collect(Collectors.joining(", ")));
    }

    /** The config spelling of {@code e}. */
    public static String configName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
