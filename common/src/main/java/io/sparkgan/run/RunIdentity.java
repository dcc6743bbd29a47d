package io.sparkgan.run;

import io.sparkgan.config.DataSettings;
import io.sparkgan.config.GanConfig;
import io.sparkgan.data.DataSource;
import io.sparkgan.dataset.ShardedImageSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What a checkpoint's state belongs to: the seed (with the round, it fixes every random stream
 * still to come), the complete config, the model section and the data set's identity. Resuming is
 * refused when the model, the data, the seed or an optimiser's type differs.
 *
 * @param seed master seed
 * @param config the complete resolved config (HOCON)
 * @param model every model.* key and value
 * @param data the data set's identity: source, path, size, example size, manifest hash
 */
public record RunIdentity(long seed, String config, Fingerprint model, Fingerprint data) {
    private static final List<String> OPTIMIZER_TYPES =
            List.of("train.generator-optimizer.type", "train.discriminator-optimizer.type");
    /**
     * Keys added after checkpoints were first written, with the value that keeps the old behaviour:
     * a checkpoint without the key was written with that value, so resuming it is no change.
     */
    static final Map<String, String> ADDED_KEYS = Map.of("model.pack", "1", "train.r1-gamma", "0",
            "model.conditional", "false", "model.generator-base-width", "0",
            "model.discriminator-norm", "\"batch-norm\"",
            // format 7 brought self-conditioning (before it, no clusters), format 8 its feature maps
            "model.clusters", "0", "model.cluster-iterations", "30", "model.cluster-features", "\"pixels\"");

    /** The identity of a run of {@code cfg} on {@code data}. */
    public static RunIdentity of(GanConfig cfg, DataSource data) {
        String text = cfg.render();
        return new RunIdentity(cfg.run().seed(), text,
                new Fingerprint(GanConfig.values(text)).filter(k -> k.startsWith("model.")), dataOf(cfg.data(), data));
    }

    /** The keys that make a data set the same data set (not how it is partitioned). */
    static Fingerprint dataOf(DataSettings settings, DataSource data) {
        SortedMap<String, String> v = new TreeMap<>();
        v.put("data.source", settings.source().configName());
        // A prepared image set is known by its checksum, so it may move (e.g. to HDFS) between runs.
        if (settings.source() == DataSettings.Source.CSV) v.put("data.path", settings.path());
        // Only when set, so the identity of runs from before label columns existed is unchanged.
        if (!settings.labelColumn().isEmpty()) v.put("data.label-column", settings.labelColumn());
        if (settings.source() == DataSettings.Source.BLOBS) v.put("data.blob-count", "" + settings.blobCount());
        v.put("examples", "" + data.size());
        v.put("values per example", "" + data.dim());
        String manifest = dataManifestHash(settings, data);
        if (!manifest.isEmpty()) v.put("manifest hash", manifest);
        return new Fingerprint(v);
    }

    /**
     * Hash of the prepared data's manifest (file list, sizes, content hashes), "" for sources
     * without one. Prepared image data fills this in; generated data is fixed by the seed and
     * the keys above, CSV data by its path and row count.
     */
    static String dataManifestHash(DataSettings settings, DataSource data) {
        return data instanceof ShardedImageSource images ? images.manifest().checksum() : "";
    }

    /** Why a run described by {@code current} may not continue from this identity; empty if it may. */
    public List<String> refusals(RunIdentity current) {
        List<String> why = new ArrayList<>();
        List<String> model = current.model.changesFrom(withAddedKeys(model(), k -> k.startsWith("model.")));
        if (!model.isEmpty()) why.add("the model changed (" + String.join("; ", model) + ")");
        List<String> data = current.data.changesFrom(data());
        if (!data.isEmpty()) why.add("the data set changed (" + String.join("; ", data) + ")");
        if (current.seed != seed) {
            why.add("run.seed changed (" + seed + " -> " + current.seed + "; the random streams would not continue)");
        }
        List<String> optimizers = settings(current, OPTIMIZER_TYPES::contains);
        if (!optimizers.isEmpty()) {
            why.add("an optimiser type changed (" + String.join("; ", optimizers) + "; its saved state would not fit)");
        }
        return why;
    }

    /**
     * Allowed changes after which training no longer continues exactly as the uninterrupted run
     * would have (a warning): everything but where files go, logging, and train.rounds while the
     * learning rates are constant (refused keys are reported by {@link #refusals}).
     */
    public List<String> inexactChanges(RunIdentity current) {
        boolean constantRates = Double.parseDouble(GanConfig.values(current.config).get("train.lr-decay-start")) >= 1.0;
        return settings(current, k -> !k.startsWith("model.") && !k.equals("run.seed") && !OPTIMIZER_TYPES.contains(k)
                && !(k.startsWith("data.") && !k.equals("data.partitions")) && !k.startsWith("run.") && !k.startsWith("log.")
                && !k.startsWith("checkpoint.") && !k.startsWith("samples.")
                && !(k.equals("train.rounds") && constantRates));
    }

    /** {@code saved} with the {@link #ADDED_KEYS} it lacks (those passing {@code keys}) at their old-behaviour values. */
    private static Fingerprint withAddedKeys(Fingerprint saved, Predicate<String> keys) {
        SortedMap<String, String> values = new TreeMap<>(saved.values());
        ADDED_KEYS.forEach((k, v) -> {
            if (keys.test(k)) values.putIfAbsent(k, v);
        });
        return new Fingerprint(values);
    }

    private List<String> settings(RunIdentity current, Predicate<String> keys) {
        Fingerprint before = withAddedKeys(new Fingerprint(GanConfig.values(config)), keys).filter(keys);
        return new Fingerprint(GanConfig.values(current.config)).filter(keys).changesFrom(before);
    }
}
