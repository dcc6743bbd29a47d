package io.sparkgan.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Named values that identify something (a model section, a data set), kept as sorted
 * {@code key=value} lines so that two fingerprints can say which keys differ, not just that
 * their hashes do.
 *
 * @param values the identifying values by name
 */
public record Fingerprint(SortedMap<String, String> values) {

    public Fingerprint {
        values = new TreeMap<>(values);
    }

    /** One {@code key=value} line per value, sorted by key. */
    public String text() {
        StringBuilder s = new StringBuilder();
        values.forEach((k, v) -> s.append(k).append('=').append(v).append('\n'));
        return s.toString();
    }

    /** Parses {@link #text()}. */
    public static Fingerprint parse(String text) {
        SortedMap<String, String> values = new TreeMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) values.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return new Fingerprint(values);
    }


    /** {@code "key: before -> now"} for every key whose value differs from {@code before}'s, sorted by key. */
    public List<String> changesFrom(Fingerprint before) {
        TreeSet<String> keys = new TreeSet<>(values.keySet());
        keys.addAll(before.values.keySet());
        List<String> changes = new ArrayList<>();
        for (String k : keys) {
            String old = before.values.get(k);
            String now = values.get(k);
            if (old == null ? now != null : !old.equals(now)) {
                changes.add(k + ": " + (old == null ? "(unset)" : old) + " -> " + (now == null ? "(unset)" : now));
            }
        }
        return changes;
    }

    /** The values whose keys pass {@code keep}. */
    public Fingerprint filter(Predicate<String> keep) {
        SortedMap<String, String> kept = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (keep.test(e.getKey())) kept.put(e.getKey(), e.getValue());
        }
        return new Fingerprint(kept);
    }
}
