package io.sparkgan.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.model.GanModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** conf/ holds exactly the named recipes, and every one is a valid config whose model builds. */
class RecipesTest {
    /** conf/ of the repository (tests run in the module directory). */
    private static final Path CONF = Path.of("..", "conf");
    /** Files in conf/ that are not training recipes. */
    private static final List<String> NOT_RECIPES = List.of("spark-defaults.conf");
    /** Classes of the labelled image sets the conditional image recipes train on (MNIST, Fashion-MNIST). */
    private static final int IMAGE_CLASSES = 10;

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

    @Test
    void everyRecipeValidatesAndItsModelBuilds() throws Exception {
        List<Path> recipes;
        try (Stream<Path> files = Files.list(CONF)) {
            recipes = files.filter(p -> p.toString().endsWith(".conf"))
                    .filter(p -> !NOT_RECIPES.contains(p.getFileName().toString())).sorted().toList();
        }
        assertTrue(recipes.stream().anyMatch(p -> p.getFileName().toString().equals("mnist-conditional.conf")),
                "the conditional recipes are among " + recipes);
        for (Path recipe : recipes) {
            String name = recipe.getFileName().toString().replaceAll("\\.conf$", "");
            GanConfig config = GanConfig.load(recipe.toString(), Map.of());
            assertEquals(name, config.run().name(), recipe + ": run.name is the recipe's name, so runs/NAME is its run");
            if (config.data().source() != DataSettings.Source.IMAGES) continue;
            ModelSettings model = config.model();
            int dim = model.type().equals("dcgan") ? model.imageSize() * model.imageSize() * model.channels() : 28 * 28;
            int classes = model.selfConditioned() ? model.clusters() : model.conditional() ? IMAGE_CLASSES : 0;
            GanModelSpec spec = model.spec(dim, classes);
            assertEquals(model.classConditioned(), spec.buildGenerator().conditional(), recipe + ": G's conditioning");
            assertEquals(model.classConditioned(), spec.buildDiscriminator().conditional(), recipe + ": D's conditioning");
        }
    }
}
