package io.sparkgan.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.config.ConfigDefaults;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.param.Param;
import org.junit.jupiter.api.Test;

/**
 * The estimator's params and the config keys cannot drift apart: the committed GanTrainingParams.java
 * is what the defaults file generates today, every key is a param or listed as not one (with why), and
 * each param's default and documentation are its key's.
 */
class TrainingParamsDriftTest {

    @Test
    void theCommittedParamsAreWhatTheDefaultsFileGenerates() throws Exception {
        String expected = TrainingParamsGenerator.source();
        if (Boolean.getBoolean("sparkgan.writeParams")) TrainingParamsGenerator.main(new String[0]);
        String committed = Files.readString(TrainingParamsGenerator.SOURCE, StandardCharsets.UTF_8);
        assertEquals(expected, committed, "sparkgan-defaults.conf and " + TrainingParamsGenerator.SOURCE
                + " have drifted apart; regenerate it: ./mvnw -o -pl spark-jobs test -Dtest=TrainingParamsDriftTest"
                + " -Dsparkgan.writeParams=true");
    }

    @Test
    void everyKeyIsAParamOrSaysWhyNot() {
        Set<String> covered = new HashSet<>(TrainingParamsGenerator.paramKeys());
        covered.addAll(TrainingParamsGenerator.NOT_PARAMS.keySet());
        assertEquals(ConfigDefaults.keys(), covered);
        for (Map.Entry<String, String> e : TrainingParamsGenerator.NOT_PARAMS.entrySet()) {
            assertTrue(ConfigDefaults.keys().contains(e.getKey()), "no such key any more: " + e.getKey());
            assertFalse(e.getValue().isBlank(), e.getKey());
        }
    }

    @Test
    void eachParamHasItsKeysNameDefaultAndDocumentation() {
        GanEstimator estimator = new GanEstimator();
        Set<String> names = new HashSet<>();
        assertEquals(TrainingParamsGenerator.paramKeys().size(), estimator.configParams().size());
        for (ConfigParam p : estimator.configParams()) {
            Param<?> param = p.param();
            assertEquals(ConfigParam.nameOf(p.key()), param.name());
            assertTrue(names.add(param.name()), "two params named " + param.name());
            assertTrue(estimator.hasParam(param.name()), param.name() + " is not found by Spark's Params.params");
            assertTrue(param.doc().startsWith(ConfigDefaults.doc(p.key())), param.name());
            Object def = estimator.getDefault(param).get();
            Object expected = p.defaultValue();
            if (def instanceof int[] a) {
                assertEquals(java.util.Arrays.toString((int[]) expected), java.util.Arrays.toString(a));
            } else {
                assertEquals(expected, def, param.name());
            }
        }
    }
}
