package io.sparkgan.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.sparkgan.dataset.DatasetManifest;
import io.sparkgan.dataset.PreparedDataset;
import io.sparkgan.run.RunFiles;
import io.sparkgan.run.SampleSnapshots;
import io.sparkgan.util.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;

/**
 * Everything the report shows, read from a run directory. Every file is optional: a run that
 * crashed, or one not evaluated yet, still gets a report of what it has. Damaged parts (a
 * truncated last metrics line, an unreadable PNG, a moved data set) are noted, not fatal.
 */
final class RunData {
    final String uri;
    final List<JsonNode> metrics;
    final List<JsonNode> quality;
    final JsonNode evaluation;
    final JsonNode provenance;
    final String configText;
    final Config config;
    final List<Picture> snapshots;
    /** Snapshots in the run directory (more than are shown when there are many). */
    int snapshotCount;
    final Picture finalSamples;
    final DatasetManifest manifest;
    final String dataPath;
    final List<String> notes = new ArrayList<>();

    /** A PNG from the run directory with its pixel size. */
    record Picture(String file, int round, byte[] png, int width, int height) {
    }

    private RunData(RunFiles run, Configuration conf) {
        this.uri = run.uri();
        this.metrics = jsonLines(run, RunFiles.METRICS);
        this.quality = jsonLines(run, RunFiles.QUALITY);
        this.evaluation = jsonFile(run, RunFiles.EVALUATION);
        this.provenance = jsonFile(run, RunFiles.PROVENANCE);
        this.configText = run.exists(RunFiles.CONFIG) ? run.readText(RunFiles.CONFIG)
                : provenance != null && provenance.hasNonNull("config") ? provenance.get("config").asText() : null;
        this.config = parseConfig(configText);
        this.snapshots = snapshots(run);
        this.finalSamples = run.exists(RunFiles.FINAL_SAMPLES) ? picture(run, RunFiles.FINAL_SAMPLES, -1) : null;
        this.dataPath = configString("data.path");
        this.manifest = "images".equals(configString("data.source")) ? manifest(dataPath, conf) : null;
    }

    static RunData read(RunFiles run, Configuration conf) {
        return new RunData(run, conf);
    }

    /** A config value as a string, or null when there is no config or no such key. */
    String configString(String key) {
        try {
            return config != null && config.hasPath(key) ? config.getString(key) : null;
        } catch (ConfigException e) {
            return null;
        }
    }

    /** The run's name: from provenance, else the config, else the directory name. */
    String runName() {
        if (provenance != null && provenance.hasNonNull("runName")) return provenance.get("runName").asText();
        String name = configString("run.name");
        if (name != null) return name;
        return uri.replaceAll("/+$", "").replaceAll(".*/", "");
    }

    private List<JsonNode> jsonLines(RunFiles run, String name) {
        List<JsonNode> lines = new ArrayList<>();
        if (!run.exists(name)) return lines;
        String[] text = run.readText(name).split("\n");
        int bad = 0;
        for (String line : text) {
            if (line.isBlank()) continue;
            try {
                JsonNode node = Json.mapper().readTree(line);
                if (node.isObject()) lines.add(node);
                else bad++;
            } catch (JsonProcessingException e) {
                bad++; // typically the last line of a run that was killed mid-write
            }
        }
        if (bad > 0) notes.add(name + ": " + bad + " unreadable line" + (bad == 1 ? "" : "s") + " skipped");
        return lines;
    }

    private JsonNode jsonFile(RunFiles run, String name) {
        if (!run.exists(name)) return null;
        try {
            JsonNode node = Json.mapper().readTree(run.readText(name));
            if (node != null && node.isObject()) return node;
            notes.add(name + " is not a JSON object; not shown");
        } catch (JsonProcessingException e) {
            notes.add(name + " is not valid JSON (" + e.getOriginalMessage() + "); not shown");
        }
        return null;
    }

    private Config parseConfig(String text) {
        if (text == null) return null;
        try {
            return ConfigFactory.parseString(text).resolve();
        } catch (ConfigException e) {
            notes.add("the run's config does not parse: " + e.getMessage());
            return null;
        }
    }

    /** The snapshots shown: at most {@link RunReport#MAX_SNAPSHOTS}, evenly spaced over the rounds; only those are read. */
    private List<Picture> snapshots(RunFiles run) {
        List<String> names = new ArrayList<>();
        for (String name : run.list(SampleSnapshots.DIRECTORY)) {
            if (SampleSnapshots.roundOf(name) >= 0) names.add(name);
        }
        names.sort(Comparator.comparingInt(SampleSnapshots::roundOf));
        snapshotCount = names.size();
        List<Picture> list = new ArrayList<>();
        for (int i : RunReport.spread(names.size(), RunReport.MAX_SNAPSHOTS)) {
            String name = names.get(i);
            Picture p = picture(run, SampleSnapshots.DIRECTORY + "/" + name, SampleSnapshots.roundOf(name));
            if (p != null) list.add(p);
        }
        return list;
    }

    private Picture picture(RunFiles run, String name, int round) {
        byte[] png = run.read(name);
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            if (image != null) return new Picture(name, round, png, image.getWidth(), image.getHeight());
        } catch (IOException | RuntimeException e) {
            // reported below
        }
        notes.add(name + " is not a readable PNG; not shown");
        return null;
    }

    private DatasetManifest manifest(String path, Configuration conf) {
        if (path == null || path.isBlank()) return null;
        try {
            return PreparedDataset.open(path, conf).manifest();
        } catch (RuntimeException e) {
            notes.add("the training data set's manifest could not be read: " + e.getMessage());
            return null;
        }
    }
}
