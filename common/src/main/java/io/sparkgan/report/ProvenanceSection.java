package io.sparkgan.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgan.dataset.DatasetManifest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Where the run came from: provenance.json, the training data set's manifest and the resolved config. */
final class ProvenanceSection implements Section {

    @Override
    public String id() {
        return "provenance";
    }

    @Override
    public String title() {
        return "Provenance";
    }

    @Override
    public boolean present(RunData d) {
        return true;
    }

    @Override
    public void write(Html h, RunData d) {
        h.section(id(), "Provenance");
        JsonNode p = d.provenance;
        if (p == null) {
            h.paragraph("No provenance.json in the run directory.");
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (String key : List.of("runName", "seed", "data", "model", "partitions", "master", "host", "user",
                    "started", "finished", "roundsDone")) {
                rows.add(List.of(key, Cells.text(p, key)));
            }
            JsonNode versions = p.get("versions");
            if (versions != null && versions.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = versions.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> v = it.next();
                    rows.add(List.of("version: " + v.getKey(), v.getValue().asText()));
                }
            }
            h.table("provenance", List.of("", ""), rows);
        }
        dataset(h, d);
        if (d.configText != null) {
            h.element("h3", "Config (complete, resolved: config.conf)").raw("\n");
            h.pre(d.configText);
        }
        h.endSection();
    }

    private static void dataset(Html h, RunData d) {
        DatasetManifest m = d.manifest;
        if (m == null) return;
        h.element("h3", "Training data set").raw("\n");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("path", d.dataPath));
        rows.add(List.of("images", m.describe()));
        rows.add(List.of("checksum (SHA-256 of shape and shards)", m.checksum()));
        String inProvenance = d.provenance != null ? Cells.text(d.provenance, "data") : "";
        if (!inProvenance.isEmpty() && !inProvenance.contains(m.checksum())) {
            rows.add(List.of("WARNING", "the data set's checksum differs from the one recorded when the run"
                    + " started (" + inProvenance + "): it was prepared again since"));
        }
        if (m.labelled() && !m.classes().isEmpty()) {
            StringBuilder counts = new StringBuilder();
            for (int i = 0; i < m.classes().size(); i++) {
                if (i > 0) counts.append(", ");
                counts.append(m.classes().get(i));
                if (i < m.classCounts().size()) counts.append(": ").append(m.classCounts().get(i));
            }
            rows.add(List.of("classes", counts.toString()));
        }
        rows.add(List.of("pixel mean / std per channel", Arrays.toString(m.channelMean()) + " / "
                + Arrays.toString(m.channelStd())));
        rows.add(List.of("sources", String.join(", ", m.sources())));
        rows.add(List.of("shards / rejected inputs", m.shards().size() + " / " + m.rejected()));
        rows.add(List.of("prepared", m.created() + " by sparkgan " + m.sparkgan()));
        h.table("dataset", List.of("", ""), rows);
    }
}
