package io.sparkgan.ml;

import io.sparkgan.run.RunFiles;
import io.sparkgan.util.AtomicFiles;
import io.sparkgan.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLWriter;
import scala.Option;

/**
 * Saves a {@link GanModel}: Spark ML's metadata (class, uid, params) in metadata/, and in data/ the
 * run's config.conf and model.ckpt (a run directory {@code sparkgan sample --run} reads) plus
 * model.json (the generated column's type, and the image shape of a model of images).
 */
final class GanModelWriter extends MLWriter {
    static final String DATA = "data";
    static final String INFO = "model.json";

    private final GanModel model;

    GanModelWriter(GanModel model) {
        this.model = model;
    }

    @Override
    public void saveImpl(String path) {
        DefaultParamsWriter.saveMetadata(model, path, sc(), Option.empty(), Option.empty());
        Path data = new Path(path, DATA);
        write(new Path(data, RunFiles.CONFIG), model.config().getBytes(StandardCharsets.UTF_8));
        write(new Path(data, RunFiles.MODEL), model.checkpoint().toBytes());
        Map<String, Object> info = new java.util.LinkedHashMap<>();
        info.put("featureKind", model.featureKind().name());
        if (model.imageShape() != null) info.put("imageShape", Map.of("height", model.imageShape().height(),
                "width", model.imageShape().width(), "channels", model.imageShape().channels()));
        write(new Path(data, INFO), Json.pretty(info).getBytes(StandardCharsets.UTF_8));
    }

    private void write(Path file, byte[] content) {
        try {
            AtomicFiles.write(file, content, sc().hadoopConfiguration());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
