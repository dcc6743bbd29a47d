package io.sparkgan.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.model.GanModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every training recipe in conf/ is a valid config whose model builds (image recipes with MNIST's shape). */
class RecipesTest {
    private static final Path CONF = Path.of("..", "conf");
    /** Files in conf/ that are not training recipes. */
    private static final List<String> NOT_RECIPES = List.of("spark-defaults.conf");
    /** Classes of the labelled image sets the image recipes train on (MNIST, Fashion-MNIST). */
    private static final int IMAGE_CLASSES = 10;

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
            GanModelSpec spec = model.spec(dim, model.conditional() ? IMAGE_CLASSES : 0);
            assertEquals(model.conditional(), spec.buildGenerator().conditional(), recipe + ": G's conditioning");
            assertEquals(model.conditional(), spec.buildDiscriminator().conditional(), recipe + ": D's conditioning");
        }
    }
}
