package io.sparkgan.config;

import java.util.Iterator;
import java.util.List;

/**
 * The recipes shipped in conf/ (and inside the jar), named in help texts and errors. RecipesTest
 * compares the list with conf/, so a recipe added there without being named here fails the build.
 * An {@link Iterable} so that picocli can print it as the completion candidates of an option.
 */
public final class Recipes implements Iterable<String> {
    /** Recipe names, the 2-D ones first (no data set needed). */
    public static final List<String> NAMES = List.of("ring8", "grid25", "gaussian2d", "mnist", "mnist-reference", "fashion-mnist", "fashion-mnist-reference",
            "mnist-conditional", "fashion-mnist-conditional", "emoji", "mlp-b2", "dcgan-b2");

    @Override
    public Iterator<String> iterator() {
        return NAMES.iterator();
    }

    /** The names, comma-separated. */
    public static String list() {
        return String.join(", ", NAMES);
    }
}
