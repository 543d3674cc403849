package io.fashionspark.cli;

import io.fashionspark.config.RunConfig;
import io.fashionspark.data.LabeledImages;
import io.fashionspark.eval.Predictor;
import io.fashionspark.model.Classifier;
import io.fashionspark.model.ModelStore;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code predict}: a saved model's answers for the first N test images (on this JVM, no Spark job). */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Print a saved model's predictions for the first N test images next to their true labels.")
final class PredictCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    SharedOptions shared;

    @Option(names = "--model", required = true, paramLabel = "FILE",
            description = "model.zip written by train. " + PathHelp.HELP)
    String model;

    @Option(names = "--count", defaultValue = "10", description = "How many test images (default: ${DEFAULT-VALUE}).")
    int count;

    PredictCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (count < 1) {
            throw new IllegalArgumentException("--count: expected an integer >= 1, found " + count);
        }
        RunConfig config = shared.resolve(context, Map.of());
        Classifier classifier = ModelStore.load(context.location(model, "--model"));
        LabeledImages test = DataInputs.readTestSet(context, config.data(), classifier.classes());
        new ConsoleReport(context.out()).predictions(Predictor.predictFirst(classifier, test, count));
        return 0;
    }
}
