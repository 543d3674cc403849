package io.fashionspark.cli;

import io.fashionspark.files.Locations;
import io.fashionspark.spark.SparkSessionFactory;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** Entry point: {@code fashion-spark train|evaluate|predict|download|score|export-images|report|bench|sweep}. */
@Command(name = "fashion-spark", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Trains and evaluates a Fashion-MNIST MLP on Apache Spark with DL4J parameter averaging.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, DownloadCommand.class,
                ScoreCommand.class,
                ExportImagesCommand.class,
                ReportCommand.class,
                BenchCommand.class,
                SweepCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv()));
    }

    /**
     * Runs the command line and returns its exit code: 0 ok, 1 failure, 2 bad input or usage.
     * Tests call this with their own writers and environment.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        CliContext context = new CliContext(out, err, env, Locations.lazy(SparkSessionFactory::hadoopConfiguration));
        CommandLine cli = new CommandLine(new Main(), new ContextFactory(context));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new ErrorHandler(context));
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }
}
