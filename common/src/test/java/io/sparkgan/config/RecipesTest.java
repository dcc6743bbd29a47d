package io.sparkgan.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RecipesTest {
    /** conf/ of the repository (tests run in the module directory). */
    private static final Path CONF = Path.of("..", "conf");

    @Test
    void theNamedRecipesAreExactlyTheTrainingConfigsInConf() throws IOException {
        Set<String> inConf;
        try (Stream<Path> files = Files.list(CONF)) {
            inConf = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".conf") && !n.equals("spark-defaults.conf"))
                    .map(n -> n.substring(0, n.length() - ".conf".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(inConf, new TreeSet<>(Recipes.NAMES));
    }

    @Test
    void anUnknownRecipeNamesEveryRecipe() {
        ConfigError e = assertThrows(ConfigError.class, () -> GanConfig.load("no-such-recipe", java.util.Map.of()));
        assertTrue(e.getMessage().contains(Recipes.list()), e.getMessage());
    }
}
