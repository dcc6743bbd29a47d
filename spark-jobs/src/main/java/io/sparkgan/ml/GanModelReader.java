package io.sparkgan.ml;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgan.images.ImageShape;
import io.sparkgan.run.Checkpoint;
import io.sparkgan.run.RunFiles;
import io.sparkgan.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;
import scala.Option;

/** Loads a {@link GanModel} that {@link GanModelWriter} saved, from any Hadoop filesystem. */
final class GanModelReader extends MLReader<GanModel> {

    @Override
    public GanModel load(String path) {
        DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sc(), GanModel.class.getName());
        Path data = new Path(path, GanModelWriter.DATA);
        String config = new String(read(new Path(data, RunFiles.CONFIG)), StandardCharsets.UTF_8);
        Path ckpt = new Path(data, RunFiles.MODEL);
        Checkpoint checkpoint = Checkpoint.fromBytes(read(ckpt), ckpt.toString());
        FeatureKind kind;
        ImageShape shape = null;
        try {
            JsonNode info = Json.mapper().readTree(read(new Path(data, GanModelWriter.INFO)));
            kind = FeatureKind.valueOf(info.get("featureKind").asText());
            JsonNode s = info.get("imageShape");
            if (s != null) shape = new ImageShape(s.get("height").asInt(), s.get("width").asInt(), s.get("channels").asInt());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read " + new Path(data, GanModelWriter.INFO) + " of the saved"
                    + " GanModel " + path + ": " + e.getMessage(), e);
        }
        GanModel model = new GanModel(metadata.uid(), config, checkpoint, kind, shape);
        metadata.getAndSetParams(model, Option.empty());
        return model;
    }

    private byte[] read(Path file) {
        try {
            FileSystem fs = file.getFileSystem(sc().hadoopConfiguration());
            try (InputStream in = fs.open(file)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " of a saved GanModel: " + e.getMessage(), e);
        }
    }
}
