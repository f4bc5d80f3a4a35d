package dev.onnxworkbench.models.export.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.batch.MediaColumns;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import java.util.LinkedHashMap;
import dev.onnxworkbench.models.batch.BatchPredictor;
import dev.onnxworkbench.models.batch.ColumnMapping;
import dev.onnxworkbench.models.batch.PredictedBatch;
import dev.onnxworkbench.models.batch.RowSource;
import dev.onnxworkbench.models.runtime.ModelSession;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * What each Spark task runs on its partition: predict-batch's {@link BatchPredictor} over the partition's
 * rows, batch by batch as they are pulled (memory stays bounded by one batch), with the executor's shared
 * ONNX Runtime session. Counts rows and failed rows in accumulators for the driver's summary.
 */
final class PartitionPredictions implements FlatMapFunction<Iterator<Tuple2<Object, Long>>, Row> {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String modelFile;
    private final int threads;
    private final int batch;
    private final SourceKind kind;
    private final ArrayList<String> sourceColumns;
    private final ArrayList<String> outputColumns;
    private final HashMap<String, String> mapping;
    private final HashMap<String, long[]> shapes;
    private final HashMap<String, List<String>> categories;
    private final HashMap<String, String> media;
    private final String mediaBase;
    private final ArrayList<String> tableKey; // null: a file sink
    private final LongAccumulator rowCount;
    private final LongAccumulator errorCount;

    PartitionPredictions(String modelFile, int threads, int batch, SourceKind kind, List<String> sourceColumns,
                         List<String> outputColumns, SparkJobSpec job, Map<String, List<String>> categories,
                         LongAccumulator rows, LongAccumulator errors) {
        this.modelFile = modelFile;
        this.threads = threads;
        this.batch = batch;
        this.kind = kind;
        this.sourceColumns = new ArrayList<>(sourceColumns);
        this.outputColumns = new ArrayList<>(outputColumns);
        this.mapping = new HashMap<>(job.mapping());
        this.shapes = new HashMap<>(job.shapes());
        this.categories = new HashMap<>();
        categories.forEach((k, v) -> this.categories.put(k, new ArrayList<>(v)));
        this.media = new HashMap<>(job.media());
        this.mediaBase = mediaBase(job.source());
        this.tableKey = job.sink().format() == SparkJobSpec.Format.JDBC ? new ArrayList<>(job.key()) : null;
        this.rowCount = rows;
        this.errorCount = errors;
    }

    /**
     * The job's picture and recording settings for columns of paths, as predict-batch applies them; relative
     * paths resolve against {@code base} (the folder of a local source file, as predict-batch's do).
     */
    static MediaColumns mediaColumns(Map<String, String> media, ModelSession session, Path base)
            throws WorkbenchException {
        Map<String, JsonNode> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : media.entrySet()) {
            try {
                parsed.put(e.getKey(), JSON.readTree(e.getValue()));
            } catch (java.io.IOException ex) {
                throw new WorkbenchException("job.json: the media settings of '" + e.getKey() + "' are not JSON.", ex);
            }
        }
        return MediaColumns.of(parsed, InputSpecs.of(session), base, "job.json");
    }

    /** The folder of a source file on this machine's file system (a path without a scheme, or file:); else null. */
    static String mediaBase(SparkJobSpec.Endpoint source) {
        if (source.format() == SparkJobSpec.Format.JDBC || source.path() == null) {
            return null;
        }
        String path = source.path();
        if (path.startsWith("file:")) {
            path = java.net.URI.create(path).getPath();
        } else if (path.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            return null; // hdfs://, s3a://: paths in the column are the executors' own
        }
        Path parent = Path.of(path).toAbsolutePath().getParent();
        return parent == null ? null : parent.toString();
    }

    @Override
    public Iterator<Row> call(Iterator<Tuple2<Object, Long>> elements) throws WorkbenchException {
        ModelSession session = ExecutorSessions.get(Path.of(SparkFiles.get(modelFile)), threads);
        SparkRowReader reader = new SparkRowReader(elements, kind, sourceColumns);
        // JSON Lines: columns are checked row by row (a row may lack one), as predict-batch does.
        ColumnMapping columnMapping = ColumnMapping.resolve(session.inputs(), categories,
                kind == SourceKind.JSON_LINES ? List.of() : sourceColumns, mapping, shapes);
        BatchPredictor predictor = new BatchPredictor(session, columnMapping, batch);
        predictor.media(mediaColumns(media, session, mediaBase == null ? null : Path.of(mediaBase)));
        SparkRowWriter writer = new SparkRowWriter(kind, sourceColumns, outputColumns, reader.typedRows, tableKey);
        ArrayDeque<Row> ready = new ArrayDeque<>();
        return new Iterator<>() {
            private boolean end;

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && !end) {
                    // A batch as predict-batch's job cuts it: requestedBatch rows read, bad ones kept in place.
                    List<dev.onnxworkbench.models.batch.Row> rows = new ArrayList<>(batch);
                    List<String> readErrors = new ArrayList<>(batch);
                    while (rows.size() < batch) {
                        dev.onnxworkbench.models.batch.Row row;
                        String error = null;
                        try {
                            row = reader.next();
                        } catch (RowSource.BadRow e) {
                            row = new dev.onnxworkbench.models.batch.Row(e.number(),
                                    new String[reader.columns().size()]);
                            error = e.getMessage();
                        }
                        if (row == null) {
                            end = true;
                            break;
                        }
                        rows.add(row);
                        readErrors.add(error);
                    }
                    if (rows.isEmpty()) {
                        break;
                    }
                    PredictedBatch predicted = predictor.predict(List.copyOf(reader.columns()), rows,
                            readErrors.toArray(String[]::new));
                    writer.write(predicted, predictor.outputColumns(), ready);
                    rowCount.add(predicted.size());
                    errorCount.add(predicted.errorCount());
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }
        };
    }
}
