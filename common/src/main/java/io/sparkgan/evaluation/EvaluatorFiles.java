package io.sparkgan.evaluation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkgan.metrics.GaussianMoments;
import io.sparkgan.run.RunFiles;
import io.sparkgan.util.DataFormatException;
import io.sparkgan.util.Json;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;

/**
 * An evaluator directory on any Hadoop filesystem: evaluator.json ({@link EvaluatorInfo}), the
 * classifier (a DL4J ModelSerializer zip, opaque here) and the real test set's feature moments.
 */
public final class EvaluatorFiles {
    public static final String INFO = "evaluator.json";
    public static final String MODEL = "model.zip";
    public static final String TEST_MOMENTS = "test-features.json";

    private static final ObjectMapper READER = Json.mapper().copy()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final RunFiles dir;
    private final EvaluatorInfo info;

    private EvaluatorFiles(RunFiles dir, EvaluatorInfo info) {
        this.dir = dir;
        this.info = info;
    }

    /** Opens and checks the evaluator at {@code uri}. */
    public static EvaluatorFiles open(String uri, Configuration conf) {
        RunFiles dir;
        try {
            dir = RunFiles.open(uri, conf);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("evaluator " + uri + " does not exist; train one with: sparkgan"
                    + " evaluator train --data TRAIN --test TEST --out " + uri);
        }
        EvaluatorInfo info;
        try {
            info = READER.readValue(dir.read(INFO), EvaluatorInfo.class);
        } catch (IOException e) {
            throw new DataFormatException(dir.path(INFO) + " is not a valid evaluator description: " + e.getMessage());
        }
        if (!EvaluatorInfo.FORMAT.equals(info.format()) || info.version() != EvaluatorInfo.VERSION) {
            throw new DataFormatException(dir.path(INFO) + ": format " + info.format() + " version " + info.version()
                    + ", this sparkgan reads " + EvaluatorInfo.FORMAT + " version " + EvaluatorInfo.VERSION);
        }
        return new EvaluatorFiles(dir, info);
    }

    /**
     * Creates the evaluator directory (replacing one at {@code uri} if {@code overwrite}) and
     * saves the trained network in it at once, so that a failure while the reference figures are
     * computed does not lose the training; {@link #finish} makes it a usable evaluator.
     */
    public static RunFiles begin(String uri, boolean overwrite, Configuration conf, byte[] model) {
        RunFiles dir = RunFiles.create(uri, overwrite, conf);
        dir.write(MODEL, model);
        return dir;
    }

    /** Writes the test-set moments and evaluator.json into a directory made by {@link #begin}. */
    public static void finish(RunFiles dir, EvaluatorInfo info, GaussianMoments testMoments) {
        if (!MODEL.equals(info.modelFile())) throw new IllegalArgumentException("the model is saved as " + MODEL);
        dir.writeText(info.testMomentsFile(), Json.line(testMoments));
        dir.writeText(INFO, Json.pretty(info));
    }

    public EvaluatorInfo info() {
        return info;
    }

    public String uri() {
        return dir.uri();
    }

    /** The classifier's bytes (a DL4J ModelSerializer zip). */
    public byte[] model() {
        return dir.read(info.modelFile());
    }

    /** Mean and covariance of the real test set's features: the FID reference. */
    public GaussianMoments testMoments() {
        try {
            return READER.readValue(dir.read(info.testMomentsFile()), GaussianMoments.class);
        } catch (IOException e) {
            throw new DataFormatException(dir.path(info.testMomentsFile()) + " is not valid feature moments: "
                    + e.getMessage());
        }
    }
}
