package dev.onnxworkbench.models.export.spark;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.batch.BatchPredictor;
import dev.onnxworkbench.models.runtime.ModelSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
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

    private final String modelFile;
    private final int threads;
    private final int batch;
    private final SourceKind kind;
    private final ArrayList<String> sourceColumns;
    private final ArrayList<String> outputColumns;
    private final LongAccumulator rows;
    private final LongAccumulator errors;

    PartitionPredictions(String modelFile, int threads, int batch, SourceKind kind, List<String> sourceColumns,
                         List<String> outputColumns, LongAccumulator rows,
                         LongAccumulator errors) {
        this.modelFile = modelFile;
        this.threads = threads;
        this.batch = batch;
        this.kind = kind;
        this.sourceColumns = new ArrayList<>(sourceColumns);
        this.outputColumns = new ArrayList<>(outputColumns);
        this.rows = rows;
        this.errors = errors;
    }

    @Override
    public Iterator<Row> call(Iterator<Tuple2<Object, Long>> elements) throws WorkbenchException {
        ModelSession session = ExecutorSessions.get(Path.of(SparkFiles.get(modelFile)), threads);
        BatchPredictor predictor = new BatchPredictor(session, batch);
        SparkRowReader reader = new SparkRowReader(elements, kind, sourceColumns);
        SparkRowWriter writer = new SparkRowWriter(kind, sourceColumns, outputColumns, reader.typedRows);
        return new Iterator<>() {
            private boolean end;

            @Override
            public boolean hasNext() {
                while (writer.ready.isEmpty() && !end) {
                    try {
                        BatchPredictor.PredictedRows predicted = predictor.next(reader);
                        if (predicted == null) {
                            end = true;
                        } else {
                            predicted.writeTo(writer);
                            rows.add(predicted.size());
                            errors.add(predicted.errors());
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return !writer.ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return writer.ready.poll();
            }
        };
    }
}
