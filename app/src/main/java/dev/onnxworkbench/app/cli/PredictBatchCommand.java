package dev.onnxworkbench.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.batch.BatchJob;
import dev.onnxworkbench.models.batch.BatchJobRunner;
import dev.onnxworkbench.models.batch.BatchPredictor;
import dev.onnxworkbench.models.batch.MediaColumns;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.inputs.AudioSettings;
import dev.onnxworkbench.models.runtime.inputs.ImageSettings;
import dev.onnxworkbench.models.runtime.inputs.InputRecipe;
import dev.onnxworkbench.models.runtime.inputs.InputSetFile;
import dev.onnxworkbench.models.runtime.inputs.InputSource;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import dev.onnxworkbench.models.batch.BatchSummary;
import dev.onnxworkbench.models.batch.ColumnMapping;
import dev.onnxworkbench.models.batch.RowSource;
import dev.onnxworkbench.models.batch.SinkSpec;
import dev.onnxworkbench.models.batch.SourceSpec;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import dev.onnxworkbench.models.runtime.inputs.ValueRules;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code predict-batch MODEL (--in FILE | --from JDBC_URL --table T|--query SQL) (--out FILE | --to JDBC_URL
 * --to-table T --key COL)}: rows where they live through the model, streamed in batches, committed with the
 * job's position so that {@code --resume} continues without gaps or duplicates.
 */
@Command(name = "predict-batch", mixinStandardHelpOptions = true,
        description = "Predict every row of a CSV (header row), JSON Lines or Parquet file, or of a SQL table or query "
                + "(SQLite, PostgreSQL), into a file or a SQL table. Columns are matched to the model's inputs by name "
                + "(--map to override); the mapping is printed before the job starts. Files: the output repeats each "
                + "row, adds one column per output value and 'error'. Tables: the key columns and the outputs, failed "
                + "rows in TABLE_errors with the reason. Progress on stderr.")
final class PredictBatchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL", description = "the .onnx file (or the job's)")
    Path model;

    @Option(names = "--in", paramLabel = "ROWS", description = "ROWS.csv, ROWS.jsonl or ROWS.parquet")
    Path in;

    @Option(names = "--from", paramLabel = "JDBC_URL",
            description = "read a SQL table or query, e.g. jdbc:sqlite:people.db or jdbc:postgresql://host/db?user=u")
    String from;

    @Option(names = "--table", paramLabel = "T", description = "with --from: the table to predict")
    String table;

    @Option(names = "--query", paramLabel = "SQL", description = "with --from: a SELECT whose rows to predict")
    String query;

    @Option(names = "--out", paramLabel = "PREDS", description = "PREDS.csv, PREDS.jsonl or PREDS.parquet")
    Path out;

    @Option(names = "--to", paramLabel = "JDBC_URL", description = "write predictions into a SQL table")
    String to;

    @Option(names = "--to-table", paramLabel = "T",
            description = "with --to: the table (created if missing; failed rows go to T_errors)")
    String toTable;

    @Option(names = "--key", paramLabel = "COL[,COL]", split = ",",
            description = "the columns that identify a row: copied into the table, its primary key, and the order "
                    + "a SQL source is read in (needed with --to, and to --resume from a SQL source)")
    List<String> key = new ArrayList<>();

    @Option(names = "--map", paramLabel = "INPUT=COLUMN", description = "feed INPUT from COLUMN; repeatable")
    List<String> map = new ArrayList<>();

    @Option(names = "--shape", paramLabel = "INPUT=D0,D1,…",
            description = "an input's whole shape when it has free sizes besides the batch; repeatable")
    List<String> shapes = new ArrayList<>();

    @Option(names = "--resume", description = "continue the job where its last committed batch ended")
    boolean resume;

    @Option(names = "--batch", paramLabel = "N",
            description = "rows per model run and per committed batch (default 4096)")
    Integer batch;

    @Option(names = "--job", paramLabel = "JOB.json", description = "run a saved job (flags given here override it)")
    Path job;

    @Option(names = "--save-job", paramLabel = "JOB.json",
            description = "write the job (sources, sink, key, mapping, shapes, batch) as JSON before running it")
    Path saveJob;

    @Option(names = "--json", description = "print the summary as one JSON object on stdout")
    boolean json;

    @Mixin
    SessionOptions sessionOptions;

    @Mixin
    MediaOptions media = new MediaOptions();

    @Option(names = "--inputs", paramLabel = "SET.json",
            description = "a saved input set whose pictures' and recordings' settings apply to the columns of paths "
                    + "feeding the same inputs (the media flags here override them)")
    Path inputSet;

    @Option(names = "--allow-non-finite", description = InputOptions.ALLOW_NON_FINITE)
    boolean allowNonFinite;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws WorkbenchException {
        BatchJob theJob = job();
        PrintWriter err = spec.commandLine().getErr();
        try (ModelSession session = SessionFactory.withDefaults().open(theJob.model(), sessionOptions.settings())) {
            ColumnMapping mapping;
            try (RowSource probe = RowSource.open(theJob.source(), theJob.key())) {
                mapping = ColumnMapping.resolve(session.inputs(), ColumnMapping.categoriesOf(theJob.model()),
                        probe.columns(), theJob.mapping(), theJob.shapes());
            } catch (java.io.IOException e) {
                throw new WorkbenchException("Could not read " + theJob.source().describe() + ": " + e.getMessage(), e);
            }
            theJob = theJob.withMapping(mapping.overrides()).withMedia(mediaSettings(theJob, session));
            if (saveJob != null) {
                theJob.write(saveJob);
            }
            err.println("predict-batch: " + theJob.source().describe() + " → " + theJob.sink().describe() + " on "
                    + session.settings().provider().displayName() + (resume ? ", resuming" : ""));
            err.print(mapping.describe());
            err.flush();
            BatchPredictor predictor = new BatchPredictor(session, mapping, theJob.batch(),
                    ValueRules.of(allowNonFinite));
            predictor.media(MediaColumns.of(theJob.media(), InputSpecs.of(session), theJob.mediaBase(),
                    job == null ? "the job" : job.getFileName().toString()));
            long[] lastReport = {System.nanoTime()};
            BatchSummary summary = new BatchJobRunner(predictor).run(theJob, resume, soFar -> {
                long now = System.nanoTime();
                if (now - lastReport[0] >= 1_000_000_000L) {
                    lastReport[0] = now;
                    err.println(progress(soFar));
                    err.flush();
                }
            }, () -> false);
            err.println(progress(summary) + "; wrote " + theJob.sink().describe()
                    + (theJob.sink() instanceof SinkSpec.Jdbc j ? " (failed rows in " + j.errorTable() + ")" : ""));
            if (json) {
                PrintWriter outWriter = spec.commandLine().getOut();
                outWriter.println(toJson(theJob, session, mapping, summary));
                outWriter.flush();
            }
            if (summary.rows() > 0 && summary.errors() == summary.rows()) {
                // A file of nothing but errors is not a success, whatever was written.
                err.println("onnx-workbench: every row failed; " + (theJob.sink() instanceof SinkSpec.Jdbc j
                        ? "the table " + j.errorTable() + " says why." : "the 'error' column of "
                        + theJob.sink().describe() + " says why."));
                err.flush();
                return 1;
            }
            err.flush();
            return 0;
        }
    }

    /** The job from --job (if any) with every flag given here on top. */
    private BatchJob job() throws WorkbenchException {
        BatchJob base = job == null ? null : BatchJob.read(job);
        Path modelFile = model != null ? model : base != null ? base.model() : null;
        if (modelFile == null) {
            throw new InvalidInputException("Name the MODEL, or a --job that names one.");
        }
        SourceSpec source = base == null ? null : base.source();
        if (in != null && from != null) {
            throw new InvalidInputException("Give --in FILE or --from JDBC_URL, not both.");
        }
        if (in != null) {
            source = new SourceSpec.File(in);
        } else if (from != null) {
            if ((table == null) == (query == null)) {
                throw new InvalidInputException("--from " + from + " needs --table T or --query SQL (one of them).");
            }
            source = new SourceSpec.Jdbc(from, table, query);
        }
        if (source == null) {
            throw new InvalidInputException("Name the rows: --in ROWS.csv|.jsonl|.parquet, or --from JDBC_URL with "
                    + "--table or --query.");
        }
        SinkSpec sink = base == null ? null : base.sink();
        if (out != null && to != null) {
            throw new InvalidInputException("Give --out FILE or --to JDBC_URL, not both.");
        }
        if (out != null) {
            sink = new SinkSpec.File(out);
        } else if (to != null) {
            if (toTable == null) {
                throw new InvalidInputException("--to " + to + " needs --to-table T.");
            }
            sink = new SinkSpec.Jdbc(to, toTable);
        }
        if (sink == null) {
            throw new InvalidInputException("Name where the predictions go: --out PREDS.csv|.jsonl|.parquet, or --to "
                    + "JDBC_URL --to-table T --key COL.");
        }
        Map<String, String> mapping = new LinkedHashMap<>(base == null ? Map.of() : base.mapping());
        for (String option : map) {
            String[] kv = InputOptions.split(option, "--map", "INPUT=COLUMN");
            mapping.put(kv[0], kv[1]);
        }
        Map<String, long[]> shapeMap = new LinkedHashMap<>(base == null ? Map.of() : base.shapes());
        for (String option : shapes) {
            String[] kv = InputOptions.split(option, "--shape", "INPUT=D0,D1,…");
            shapeMap.put(kv[0], InputOptions.sizes(option, kv[1]));
        }
        List<String> keys = !key.isEmpty() ? key.stream().map(String::strip).toList()
                : base == null ? List.of() : base.key();
        int rows = batch != null ? batch : base != null ? base.batch() : BatchJob.DEFAULT_BATCH;
        if (rows < 1) {
            throw new InvalidInputException("--batch must be 1 or more, not " + rows + ".");
        }
        return new BatchJob(modelFile, source, sink, keys, mapping, shapeMap, rows,
                base == null ? Map.of() : base.media());
    }

    /**
     * The picture and recording settings for columns of paths: the job's, then a saved input set's recipes,
     * then the media flags given here (for every input, as {@code --input x=photo.png} takes them).
     */
    private Map<String, JsonNode> mediaSettings(BatchJob theJob, ModelSession session) throws WorkbenchException {
        List<InputSpec> specs = InputSpecs.of(session);
        MediaColumns saved = MediaColumns.of(theJob.media(), specs, null,
                job == null ? "the job" : job.getFileName().toString());
        Map<String, ImageSettings> images = new LinkedHashMap<>(saved.images());
        Map<String, AudioSettings> audio = new LinkedHashMap<>(saved.audio());
        if (inputSet != null) {
            InputSetFile.Saved set = InputSetFile.read(inputSet, new OnnxReader().read(theJob.model()));
            set.sources().forEach((input, source) -> {
                if (source instanceof InputSource.Values v && v.recipe() instanceof InputRecipe.ImageFile i) {
                    images.put(input, i.settings());
                } else if (source instanceof InputSource.Values v && v.recipe() instanceof InputRecipe.AudioFile a) {
                    audio.put(input, a.settings());
                }
            });
        }
        for (InputSpec spec : specs) {
            if (spec.elementType() == ElementType.STRING) {
                continue;
            }
            if (media.givesImageSettings()) {
                images.put(spec.name(), media.imageSettings(spec));
            }
            if (media.givesAudioSettings()) {
                audio.put(spec.name(), media.audioSettings());
            }
        }
        return new MediaColumns(null, images, audio).toJson();
    }

    private static String progress(BatchSummary s) {
        String eta = s.etaSeconds() >= 0 && s.fraction() < 1
                ? String.format(Locale.ROOT, ", %.0f%%, about %.0f s left", 100 * s.fraction(), s.etaSeconds()) : "";
        return String.format(Locale.ROOT, "predict-batch: %,d rows (%,d with errors) in %.1f s, %,.0f rows/s%s%s",
                s.rows(), s.errors(), s.seconds(), s.rowsPerSecond(),
                s.resumedFrom() > 0 ? String.format(Locale.ROOT, " after %,d rows of an earlier run", s.resumedFrom())
                        : "", eta);
    }

    private static String toJson(BatchJob job, ModelSession session, ColumnMapping mapping, BatchSummary s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", job.model().toString());
        root.put("provider", session.settings().provider().displayName());
        root.put("source", job.source().describe());
        root.put("sink", job.sink().describe());
        ArrayNode m = root.putArray("mapping");
        for (ColumnMapping.Binding b : mapping.bindings()) {
            ObjectNode o = m.addObject();
            o.put("input", b.input());
            o.put("column", b.column());
            o.put("type", b.type() == null ? null : b.type().displayName());
            o.put("shape", b.shapeText());
            o.put("matched", b.how() == ColumnMapping.How.MAPPED ? "map" : "name");
            ArrayNode cats = o.putArray("categories");
            b.categories().forEach(cats::add);
        }
        root.put("rows", s.rows());
        root.put("predicted", s.predicted());
        root.put("errors", s.errors());
        root.put("resumedFrom", s.resumedFrom());
        root.put("cancelled", s.cancelled());
        root.put("seconds", Math.round(s.seconds() * 1000) / 1000.0);
        root.put("rowsPerSecond", Math.round(s.rowsPerSecond()));
        root.put("batch", job.batch());
        return root.toString();
    }
}
