package io.fashionspark.run;

import io.fashionspark.train.EpochMetrics;
import io.fashionspark.files.Location;
import java.util.List;
import java.util.Map;

/**
 * What a run folder holds, read back from its files by {@link RunReader}.
 *
 * @param folder     the run folder
 * @param config     config.properties, keys sorted
 * @param epochs     metrics.jsonl: the completed epochs, in order
 * @param test       test-report.json, or null for a run that has not finished
 * @param provenance provenance.json, or null for a run that has not finished
 */
public record RunRecord(Location folder, Map<String, String> config, List<EpochMetrics> epochs, TestReport test,
                        Provenance provenance) {
    /** Copies the collections. */
    public RunRecord {
        config = Map.copyOf(config);
        epochs = List.copyOf(epochs);
    }

    /** The folder's name, which report pages show as the run's title. */
    public String name() {
        return folder.name().isEmpty() ? folder.toString() : folder.name();
    }

    /** The model file the test report describes, or null. */
    public String model() {
        return test == null ? null : test.model();
    }
}
