package io.fashionspark.cli;

import io.fashionspark.config.RunConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Says how two configurations differ, key by key ("train.epochs: 20 -> 30"). */
final class ConfigDiff {
    private ConfigDiff() {
    }

    static String describe(RunConfig before, RunConfig after) {
        Map<String, String> a = io.fashionspark.run.RunWriter.sorted(before.toProperties());
        Map<String, String> b = io.fashionspark.run.RunWriter.sorted(after.toProperties());
        List<String> changes = new ArrayList<>();
        for (String key : new TreeSet<>(RunConfig.KEYS)) {
            if (!Objects.equals(a.get(key), b.get(key))) {
                changes.add(key + ": " + a.get(key) + " -> " + b.get(key));
            }
        }
        return String.join(", ", changes);
    }
}
