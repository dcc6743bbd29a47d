package io.sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.config.Recipes;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TrainHelpTest {

    @Test
    void trainHelpNamesEveryShippedRecipe() {
        String help = new CommandLine(new Sparkgan()).getSubcommands().get("train").getUsageMessage()
                .replaceAll("\\s+", " ");
        assertTrue(help.contains("(" + Recipes.list() + ")"), help);
    }
}
