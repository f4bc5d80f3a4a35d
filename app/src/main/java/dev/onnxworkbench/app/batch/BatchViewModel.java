package dev.onnxworkbench.app.batch;

import dev.onnxworkbench.app.task.BackgroundTask;
import dev.onnxworkbench.app.task.TaskExecutor;
import dev.onnxworkbench.app.task.TaskHandle;
import dev.onnxworkbench.app.task.TaskSlot;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.batch.BatchJob;
import dev.onnxworkbench.models.batch.BatchJobRunner;
import dev.onnxworkbench.models.batch.BatchPredictor;
import dev.onnxworkbench.models.batch.BatchSummary;
import dev.onnxworkbench.models.batch.ColumnMapping;
import dev.onnxworkbench.models.batch.JobErrors;
import dev.onnxworkbench.models.batch.MediaColumns;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import com.fasterxml.jackson.databind.JsonNode;
import dev.onnxworkbench.models.batch.RowSource;
import dev.onnxworkbench.models.batch.SinkSpec;
import dev.onnxworkbench.models.batch.SourceSpec;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.ValueDescriptor;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * File ▸ Batch Predictions…: where the rows come from (a file, a SQLite file, a JDBC URL with a table or a
 * query), where the predictions go, the column mapping (editable, from the model's inputs and the source's
 * columns), then the job in the background with rows/s and an ETA, Cancel (the job commits what it wrote and
 * can be resumed), the failed rows, and the jobs run in this session with their counts. No toolkit needed:
 * tests run it on {@code CurrentThreadTaskExecutor}.
 */
public final class BatchViewModel {
    /** Where rows come from or go. */
    public enum Kind {
        FILE("File (.csv, .jsonl, .parquet)"), SQLITE("SQLite file"), JDBC("JDBC URL");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One model input and the column that feeds it (editable). */
    public static final class MappingRow {
        private final String input;
        private final String type;
        private final String shape;
        private final String categories;
        private final StringProperty column = new SimpleStringProperty("");

        MappingRow(String input, String type, String shape, String categories, String column) {
            this.input = input;
            this.type = type;
            this.shape = shape;
            this.categories = categories;
            this.column.set(column);
        }

        public String input() {
            return input;
        }

        public String type() {
            return type;
        }

        public String shape() {
            return shape;
        }

        public String categories() {
            return categories;
        }

        public StringProperty columnProperty() {
            return column;
        }
    }

    /** A job run in this session: what it was, when, and how it went. */
    public record JobRecord(BatchJob job, String started, long rows, long predicted, long errors, String outcome) {
        public String describe() {
            return job.source().describe() + " → " + job.sink().describe();
        }
    }

    private final TaskExecutor tasks;
    private final Supplier<SessionFactory> sessions;
    private final TaskSlot columnsSlot = new TaskSlot();
    private final TaskSlot jobSlot = new TaskSlot();

    private final ObjectProperty<Kind> sourceKind = new SimpleObjectProperty<>(Kind.FILE);
    private final StringProperty sourceLocation = new SimpleStringProperty("");
    private final StringProperty sourceTable = new SimpleStringProperty("");
    private final StringProperty sourceQuery = new SimpleStringProperty("");
    private final ObjectProperty<Kind> sinkKind = new SimpleObjectProperty<>(Kind.FILE);
    private final StringProperty sinkLocation = new SimpleStringProperty("");
    private final StringProperty sinkTable = new SimpleStringProperty("");
    private final StringProperty key = new SimpleStringProperty("");
    private final IntegerProperty batch = new SimpleIntegerProperty(BatchJob.DEFAULT_BATCH);
    private final BooleanProperty resume = new SimpleBooleanProperty(false);
    private final ObservableList<MappingRow> mapping = FXCollections.observableArrayList();
    private final ObservableList<String> columns = FXCollections.observableArrayList();
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty status = new SimpleStringProperty("Choose where the rows are and where the "
            + "predictions go, then Load Columns.");
    private final ObservableList<JobErrors.ErrorRow> errors = FXCollections.observableArrayList();
    private final ObservableList<JobRecord> lastJobs = FXCollections.observableArrayList();
    private Path model;
    private TaskHandle job;
    // From an opened or earlier job: the settings of picture/recording path columns and whole shapes, kept for
    // the job's run (the window has no fields for them; the job file, predict-batch's --save-job, holds them).
    private Map<String, JsonNode> media = Map.of();
    private Map<String, long[]> shapes = Map.of();

    public BatchViewModel(TaskExecutor tasks, Supplier<SessionFactory> sessions) {
        this.tasks = tasks;
        this.sessions = sessions;
    }

    public void showModel(Path modelFile) {
        if (!modelFile.equals(model)) {
            model = modelFile;
            mapping.clear();
            media = Map.of();
            shapes = Map.of();
        }
    }

    public Path model() {
        return model;
    }

    /** The job the fields describe; throws naming the field that is missing. */
    public BatchJob job() throws WorkbenchException {
        if (model == null) {
            throw new WorkbenchException("Open a model first.");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (MappingRow row : mapping) {
            String column = row.columnProperty().get() == null ? "" : row.columnProperty().get().strip();
            if (!column.isEmpty() && !column.equals(row.input())) {
                map.put(row.input(), column);
            }
        }
        List<String> keys = Arrays.stream(key.get().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        return new BatchJob(model, source(), sink(), keys, map, shapes, Math.max(1, batch.get()), media);
    }

    private SourceSpec source() throws WorkbenchException {
        String location = sourceLocation.get().strip();
        if (location.isEmpty()) {
            throw new WorkbenchException("Name the rows: a file, a SQLite file or a JDBC URL.");
        }
        if (sourceKind.get() == Kind.FILE) {
            return new SourceSpec.File(Path.of(location));
        }
        String url = sourceKind.get() == Kind.SQLITE ? "jdbc:sqlite:" + location : location;
        String query = sourceQuery.get().strip();
        String table = sourceTable.get().strip();
        if (query.isEmpty() && table.isEmpty()) {
            throw new WorkbenchException("Name the table to predict, or write a query.");
        }
        return query.isEmpty() ? new SourceSpec.Jdbc(url, table, null) : new SourceSpec.Jdbc(url, null, query);
    }

    private SinkSpec sink() throws WorkbenchException {
        String location = sinkLocation.get().strip();
        if (location.isEmpty()) {
            throw new WorkbenchException("Name where the predictions go: a file, a SQLite file or a JDBC URL.");
        }
        if (sinkKind.get() == Kind.FILE) {
            return new SinkSpec.File(Path.of(location));
        }
        if (sinkTable.get().isBlank()) {
            throw new WorkbenchException("Name the table the predictions go into.");
        }
        return new SinkSpec.Jdbc(sinkKind.get() == Kind.SQLITE ? "jdbc:sqlite:" + location : location,
                sinkTable.get().strip());
    }

    /** Reads the source's columns (in the background) and matches the model's inputs to them by name. */
    public TaskHandle loadColumns() {
        SourceSpec spec;
        List<String> keys;
        try {
            spec = source();
            keys = job().key();
        } catch (WorkbenchException e) {
            status.set(e.getMessage());
            return null;
        }
        Path modelFile = model;
        Map<String, String> chosen = currentChoices();
        status.set("Reading the columns of " + spec.describe() + "…");
        return BackgroundTask.wrap(() -> {
            List<String> found;
            try (RowSource source = RowSource.open(spec, keys)) {
                found = List.copyOf(source.columns());
            }
            try (ModelSession session = sessions.get().open(modelFile, ProviderSettings.cpu())) {
                return new Columns(found, session.inputs(), ColumnMapping.categoriesOf(modelFile));
            }
        }).inSlot(columnsSlot).onSuccess(c -> showColumns(c, chosen))
                .onFailure(e -> status.set("Could not read the columns: " + e.getMessage())).executeWith(tasks);
    }

    private record Columns(List<String> names, List<ValueDescriptor> inputs, Map<String, List<String>> categories) {
    }

    private Map<String, String> currentChoices() {
        Map<String, String> out = new LinkedHashMap<>();
        mapping.forEach(r -> out.put(r.input(), r.columnProperty().get()));
        return out;
    }

    private void showColumns(Columns c, Map<String, String> chosen) {
        columns.setAll(c.names());
        mapping.clear();
        int unmatched = 0;
        for (ValueDescriptor d : c.inputs()) {
            String column = chosen.getOrDefault(d.name(), "");
            if (column == null || column.isBlank() || !c.names().contains(column)) {
                column = c.names().contains(d.name()) ? d.name()
                        : c.names().stream().filter(n -> n.equalsIgnoreCase(d.name())).findFirst().orElse("");
            }
            if (column.isEmpty()) {
                unmatched++;
            }
            List<String> cats = c.categories().getOrDefault(d.name(), List.of());
            mapping.add(new MappingRow(d.name(), d.elementType() == null ? "?" : d.elementType().displayName(),
                    shapeText(d.shape()), String.join(", ", cats), column));
        }
        status.set(c.names().size() + " columns; " + (unmatched == 0 ? "every input has a column."
                : unmatched + " input" + (unmatched > 1 ? "s have" : " has") + " no column yet: choose one."));
    }

    private static String shapeText(long[] shape) {
        return Arrays.stream(shape).mapToObj(d -> d < 0 ? "N" : Long.toString(d))
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

    /** Starts the job in the background; the returned handle is already running (null when a field is missing). */
    public TaskHandle start() {
        if (running.get()) {
            return job;
        }
        BatchJob theJob;
        try {
            theJob = job();
        } catch (WorkbenchException e) {
            status.set(e.getMessage());
            return null;
        }
        boolean resuming = resume.get();
        String started = LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss"));
        running.set(true);
        progress.set(-1);
        errors.clear();
        status.set("Opening " + theJob.model().getFileName() + "…");
        BatchSummary[] last = {null};
        job = BackgroundTask.wrap((BackgroundTask.Progress work) -> {
            try (ModelSession session = sessions.get().open(theJob.model(), ProviderSettings.cpu())) {
                ColumnMapping resolved;
                try (RowSource probe = RowSource.open(theJob.source(), theJob.key())) {
                    resolved = ColumnMapping.resolve(session.inputs(), ColumnMapping.categoriesOf(theJob.model()),
                            probe.columns(), theJob.mapping(), theJob.shapes());
                }
                BatchPredictor predictor = new BatchPredictor(session, resolved, theJob.batch());
                predictor.media(MediaColumns.of(theJob.media(), InputSpecs.of(session), theJob.mediaBase(),
                        "the job"));
                BatchSummary summary = new BatchJobRunner(predictor).run(theJob, resuming, soFar -> {
                    last[0] = soFar;
                    work.update(soFar.fraction(), describe(soFar));
                }, work::isCancelled);
                List<JobErrors.ErrorRow> failed = summary.errors() + resumedErrors(summary) > 0
                        ? JobErrors.read(theJob.sink(), theJob.key(), 500) : List.of();
                return new Finished(summary, failed);
            }
        }).withTitle("Batch predictions").inSlot(jobSlot)
                .onProgress((fraction, message) -> {
                    progress.set(fraction);
                    status.set(message);
                })
                .onSuccess(f -> {
                    errors.setAll(f.errors());
                    progress.set(1);
                    String outcome = f.summary().cancelled() ? "cancelled" : "done";
                    status.set(describe(f.summary()) + (f.summary().cancelled()
                            ? " — cancelled; what was written is committed: tick Resume and Start to go on."
                            : " — written to " + theJob.sink().describe() + "."));
                    record(theJob, started, f.summary(), outcome);
                })
                .onFailure(e -> {
                    progress.set(0);
                    status.set("Failed: " + e.getMessage());
                    BatchSummary s = last[0] == null ? new BatchSummary(0, 0, 0, false) : last[0];
                    record(theJob, started, s, "failed");
                })
                .onCancelled(() -> {
                    progress.set(0);
                    status.set("Cancelled; what was written is committed: tick Resume and Start to go on.");
                    BatchSummary s = last[0] == null ? new BatchSummary(0, 0, 0, true) : last[0];
                    record(theJob, started, s, "cancelled");
                })
                .onFinished(() -> running.set(false))
                .executeWith(tasks);
        return job;
    }

    private static long resumedErrors(BatchSummary s) {
        return s.resumedFrom() > 0 ? 1 : 0; // an earlier run may have written errors: look
    }

    private record Finished(BatchSummary summary, List<JobErrors.ErrorRow> errors) {
    }

    private void record(BatchJob theJob, String started, BatchSummary s, String outcome) {
        lastJobs.addFirst(new JobRecord(theJob, started, s.rows(), s.predicted(), s.errors(), outcome));
        if (lastJobs.size() > 20) {
            lastJobs.removeLast();
        }
    }

    /** Cancels the running job; it stops after the batch in hand, committed. */
    public void cancel() {
        if (job != null) {
            job.cancel();
        }
    }

    /** Fills the fields from a saved or earlier job (the last-jobs list, a job file). */
    public void load(BatchJob j) {
        switch (j.source()) {
            case SourceSpec.File f -> {
                sourceKind.set(Kind.FILE);
                sourceLocation.set(f.path().toString());
            }
            case SourceSpec.Jdbc d -> {
                boolean sqlite = d.url().startsWith("jdbc:sqlite:");
                sourceKind.set(sqlite ? Kind.SQLITE : Kind.JDBC);
                sourceLocation.set(sqlite ? d.url().substring("jdbc:sqlite:".length()) : d.url());
                sourceTable.set(d.table() == null ? "" : d.table());
                sourceQuery.set(d.query() == null ? "" : d.query());
            }
        }
        switch (j.sink()) {
            case SinkSpec.File f -> {
                sinkKind.set(Kind.FILE);
                sinkLocation.set(f.path().toString());
            }
            case SinkSpec.Jdbc d -> {
                boolean sqlite = d.url().startsWith("jdbc:sqlite:");
                sinkKind.set(sqlite ? Kind.SQLITE : Kind.JDBC);
                sinkLocation.set(sqlite ? d.url().substring("jdbc:sqlite:".length()) : d.url());
                sinkTable.set(d.table());
            }
        }
        key.set(String.join(",", j.key()));
        batch.set(j.batch());
        media = j.media();
        shapes = j.shapes();
        mapping.forEach(r -> r.columnProperty().set(j.mapping().getOrDefault(r.input(), r.input())));
    }

    /** Reads a job file (predict-batch's --save-job, or Save Job…) in the background and fills the fields from it. */
    public TaskHandle openJob(Path file) {
        status.set("Reading " + file.getFileName() + "…");
        return BackgroundTask.wrap(() -> BatchJob.read(file)).inSlot(columnsSlot)
                .onSuccess(j -> {
                    load(j);
                    status.set("Loaded " + file.getFileName() + (model != null && !model.equals(j.model())
                            ? " (made for " + j.model().getFileName() + "; it runs on " + model.getFileName() + ")"
                            : "") + mediaNote(j) + ". Load Columns to check the mapping, then Start.");
                })
                .onFailure(e -> status.set("Could not open the job: " + e.getMessage())).executeWith(tasks);
    }

    /** Writes the job the fields describe (with an opened job's picture/recording settings) in the background. */
    public TaskHandle saveJob(Path file) {
        BatchJob theJob;
        try {
            theJob = job();
        } catch (WorkbenchException e) {
            status.set(e.getMessage());
            return null;
        }
        return BackgroundTask.wrap(() -> {
            theJob.write(file);
            return file;
        }).inSlot(columnsSlot).onSuccess(f -> status.set("Saved the job to " + f + "; predict-batch --job " + f
                        + " or export spark --job " + f + " runs it."))
                .onFailure(e -> status.set("Could not save the job: " + e.getMessage())).executeWith(tasks);
    }

    private static String mediaNote(BatchJob j) {
        return j.media().isEmpty() ? "" : "; path columns of " + String.join(", ", j.media().keySet())
                + " are read with its picture/recording settings";
    }

    static String describe(BatchSummary s) {
        String eta = s.etaSeconds() >= 0 && s.fraction() < 1
                ? String.format(Locale.ROOT, ", %.0f%% done, about %s left", 100 * s.fraction(),
                duration(s.etaSeconds())) : "";
        return String.format(Locale.ROOT, "%,d rows (%,d with errors) in %.1f s, %,.0f rows/s%s%s", s.rows(),
                s.errors(), s.seconds(), s.rowsPerSecond(), s.resumedFrom() > 0
                        ? String.format(Locale.ROOT, " after %,d rows of an earlier run", s.resumedFrom()) : "", eta);
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }

    public ObjectProperty<Kind> sourceKindProperty() {
        return sourceKind;
    }

    public StringProperty sourceLocationProperty() {
        return sourceLocation;
    }

    public StringProperty sourceTableProperty() {
        return sourceTable;
    }

    public StringProperty sourceQueryProperty() {
        return sourceQuery;
    }

    public ObjectProperty<Kind> sinkKindProperty() {
        return sinkKind;
    }

    public StringProperty sinkLocationProperty() {
        return sinkLocation;
    }

    public StringProperty sinkTableProperty() {
        return sinkTable;
    }

    public StringProperty keyProperty() {
        return key;
    }

    public IntegerProperty batchProperty() {
        return batch;
    }

    public BooleanProperty resumeProperty() {
        return resume;
    }

    public ObservableList<MappingRow> mapping() {
        return mapping;
    }

    public ObservableList<String> columns() {
        return columns;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ObservableList<JobErrors.ErrorRow> errors() {
        return errors;
    }

    public ObservableList<JobRecord> lastJobs() {
        return lastJobs;
    }
}
