package io.fashionspark.report;

import io.fashionspark.eval.EvaluationReport;
import io.fashionspark.run.Provenance;
import io.fashionspark.run.RunRecord;
import io.fashionspark.train.EpochMetrics;
import java.util.List;
import java.util.Map;

/**
 * What one report page shows; sections whose data is absent are left out.
 *
 * @param title      page title (the run folder's name, or the evaluated model)
 * @param config     the effective configuration, keys sorted (empty if unknown)
 * @param epochs     per-epoch metrics (empty for an evaluation report: no curves)
 * @param test       the test-set evaluation, or null when the run has none
 * @param model      the model the evaluation describes, or null
 * @param provenance the run's provenance, or null
 * @param grid       test images with predictions, or null
 * @param gridNote   why there is no grid (when {@code grid} is null), or null
 */
public record ReportContent(String title, Map<String, String> config, List<EpochMetrics> epochs,
                            EvaluationReport test, String model, Provenance provenance, ImageGrid grid,
                            String gridNote) {
    /** Copies the collections. */
    public ReportContent {
        config = Map.copyOf(config);
        epochs = List.copyOf(epochs);
    }

    /** The page of a run folder's files, without an image grid. */
    public static ReportContent of(RunRecord run) {
        return new ReportContent(run.name(), run.config(), run.epochs(),
                run.test() == null ? null : run.test().evaluation(), run.model(), run.provenance(), null, null);
    }

    /** The same content with an image grid. */
    public ReportContent withGrid(ImageGrid newGrid) {
        return new ReportContent(title, config, epochs, test, model, provenance, newGrid, null);
    }

    /** The same content without an image grid, saying why. */
    public ReportContent withoutGrid(String note) {
        return new ReportContent(title, config, epochs, test, model, provenance, null, note);
    }
}
