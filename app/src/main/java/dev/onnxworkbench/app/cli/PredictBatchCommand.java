package dev.onnxworkbench.app.cli;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.runtime.inputs.ValueRules;
import dev.onnxworkbench.models.batch.BatchPredictor;
import dev.onnxworkbench.models.batch.BatchSummary;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.SessionFactory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code predict-batch MODEL --in ROWS --out PREDS}: a file of rows through the model, streamed in batches. */
@Command(name = "predict-batch", mixinStandardHelpOptions = true,
        description = "Predict every row of a CSV (header row) or JSON Lines file: columns are matched to the "
                + "model's inputs by name; the output repeats each row, adds one column per output value and an "
                + "'error' column (a bad row gets its error there and the run goes on). Progress on stderr.")
final class PredictBatchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "the .onnx file")
    Path model;

    @Option(names = "--in", paramLabel = "ROWS", required = true, description = "ROWS.csv or ROWS.jsonl")
    Path in;

    @Option(names = "--out", paramLabel = "PREDS", required = true, description = "PREDS.csv or PREDS.jsonl")
    Path out;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "4096",
            description = "rows per model run (default: ${DEFAULT-VALUE})")
    int batch;

    @Mixin
    SessionOptions sessionOptions;

    @Option(names = "--allow-non-finite", description = InputOptions.ALLOW_NON_FINITE)
    boolean allowNonFinite;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws WorkbenchException {
        if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new WorkbenchException("--in and --out are the same file; the output would overwrite the rows.");
        }
        PrintWriter err = spec.commandLine().getErr();
        try (ModelSession session = SessionFactory.withDefaults().open(model, sessionOptions.settings())) {
            BatchPredictor predictor = new BatchPredictor(session, batch, ValueRules.of(allowNonFinite));
            long[] lastReport = {System.nanoTime()};
            BatchSummary summary = predictor.run(in, out, soFar -> {
                long now = System.nanoTime();
                if (now - lastReport[0] >= 1_000_000_000L) {
                    lastReport[0] = now;
                    err.println(progress(soFar));
                    err.flush();
                }
            }, () -> false);
            err.println(progress(summary) + " on " + session.settings().provider().displayName() + "; wrote " + out);
            if (summary.rows() > 0 && summary.errors() == summary.rows()) {
                // A file of nothing but errors is not a success, whatever was written.
                err.println("onnx-workbench: every row failed; the 'error' column of " + out + " says why.");
                err.flush();
                return 1;
            }
            err.flush();
            return 0;
        }
    }

    private static String progress(BatchSummary s) {
        return String.format(Locale.ROOT, "predict-batch: %,d rows (%,d with errors) in %.1f s, %,.0f rows/s",
                s.rows(), s.errors(), s.seconds(), s.rowsPerSecond());
    }
}
