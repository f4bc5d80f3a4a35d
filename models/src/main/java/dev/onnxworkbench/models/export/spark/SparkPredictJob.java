package dev.onnxworkbench.models.export.spark;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.batch.BatchPredictor;
import dev.onnxworkbench.models.batch.ColumnMapping;
import dev.onnxworkbench.models.batch.ColumnType;
import dev.onnxworkbench.models.batch.CsvRowReader;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.batch.SinkSpec;
import dev.onnxworkbench.models.batch.SinkTables;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * The exported Spark job: {@code spark-submit --class dev.onnxworkbench.models.export.spark.SparkPredictJob
 * JOB.jar job.json}. Reads the source through Spark (CSV and JSON Lines as text lines parsed by
 * predict-batch's parsers, Parquet and JDBC as typed rows), predicts every partition with predict-batch's
 * own batch predictor and an ONNX Runtime session per executor, and writes the source's columns, one
 * column per output value and {@code error} through Spark's writer for a file sink. A SQL table sink gets
 * what predict-batch writes there: {@code TABLE} with the key columns and the outputs, {@code TABLE_errors}
 * with the key columns, {@code source_row} and {@code reason} (both created by predict-batch's own DDL).
 * A JDBC source is read as text, as predict-batch reads every cell, so a dirty value fails its row instead
 * of becoming the driver's 0.
 */
public final class SparkPredictJob {
    private SparkPredictJob() {
    }

    /** What a run did: rows read, rows that failed (their reason is in the error column), seconds, sink. */
    public record Result(long rows, long errors, double seconds, String sink) {
        public String summary() {
            return String.format(Locale.ROOT, "spark predict: %,d rows (%,d with errors) in %.1f s, %,.0f rows/s; "
                    + "wrote %s", rows, errors, seconds, seconds > 0 ? rows / seconds : 0, sink);
        }
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: spark-submit --class " + SparkPredictJob.class.getName() + " JOB.jar job.json");
            System.exit(2);
        }
        int code;
        SparkSession spark = SparkSession.builder().appName("onnx-workbench predict").getOrCreate();
        try {
            Path jobFile = Path.of(args[0]).toAbsolutePath();
            SparkJobSpec spec = SparkJobSpec.read(jobFile);
            Result result = run(spark, spec, modelPath(spec, jobFile));
            System.err.println(result.summary());
            // A run where every row failed is not a success, as in predict-batch.
            code = result.rows() > 0 && result.errors() == result.rows() ? 1 : 0;
            if (code != 0) {
                System.err.println("spark predict: every row failed; the 'error' column of " + result.sink()
                        + " says why.");
            }
        } catch (WorkbenchException e) {
            System.err.println("spark predict: " + e.getMessage());
            code = 1;
        } finally {
            spark.stop();
        }
        System.exit(code);
    }

    /** The model named in job.json, next to job.json (where the export puts it) unless the path is absolute. */
    static Path modelPath(SparkJobSpec spec, Path jobFile) throws WorkbenchException {
        if (spec.model() == null) {
            throw new WorkbenchException(jobFile.getFileName() + " names no \"model\".");
        }
        Path model = jobFile.resolveSibling(spec.model());
        if (!Files.isRegularFile(model)) {
            throw new WorkbenchException("The model " + model + " that " + jobFile.getFileName()
                    + " names does not exist.");
        }
        return model;
    }

    /** Runs the job on {@code spark}; the model file is shipped to the executors with {@code addFile}. */
    public static Result run(SparkSession spark, SparkJobSpec spec, Path model) throws WorkbenchException {
        long start = System.nanoTime();
        ModelSession session = ExecutorSessions.get(model, spec.threads());
        Map<String, List<String>> categories = spec.categories() != null ? spec.categories() : categoriesOf(model);
        Source source = read(spark, spec.source(), spec.key());
        boolean table = spec.sink().format() == SparkJobSpec.Format.JDBC;
        if (table && spec.key().isEmpty()) {
            throw new WorkbenchException("A SQL table sink needs the key columns that identify a row: \"key\": "
                    + "[\"id\"] in job.json (predict-batch's --key).");
        }
        for (String k : spec.key()) {
            if (source.kind != SourceKind.JSON_LINES && !source.columns.contains(k)) {
                throw new WorkbenchException("The key column '" + k + "' is not in " + spec.source().describe()
                        + "; its columns are " + String.join(", ", source.columns) + ".");
            }
        }
        // Checks the mapping on the driver before any task starts: a missing column is named once.
        ColumnMapping mapping = ColumnMapping.resolve(session.inputs(), categories,
                source.kind == SourceKind.JSON_LINES ? List.of() : source.columns, spec.mapping(), spec.shapes());
        BatchPredictor predictor = new BatchPredictor(session, mapping, spec.batch());
        // Checked here, once, naming the input: the executors read the same settings.
        PartitionPredictions.mediaColumns(spec.media(), session, null);
        List<String> outputColumns = predictor.outputColumns();
        List<ColumnType> outputTypes = predictor.outputTypes();
        List<StructField> fields = new ArrayList<>(source.fields);
        for (int i = 0; i < outputColumns.size(); i++) {
            if (source.columns.contains(outputColumns.get(i)) || outputColumns.get(i).equals("error")) {
                throw new WorkbenchException("The source already has a column '" + outputColumns.get(i)
                        + "', the name of one of the model's outputs; rename it in the source.");
            }
            fields.add(DataTypes.createStructField(outputColumns.get(i), sparkType(outputTypes.get(i)), true));
        }
        fields.add(DataTypes.createStructField("error", DataTypes.StringType, true));
        if (table) {
            fields.add(DataTypes.createStructField(SinkTables.REASON, DataTypes.StringType, true));
            fields.add(DataTypes.createStructField(SinkTables.SOURCE_ROW, DataTypes.LongType, false));
        }

        String modelFile = model.getFileName().toString();
        if (scala.jdk.javaapi.CollectionConverters.asJava(spark.sparkContext().listFiles()).stream()
                .noneMatch(f -> f.endsWith("/" + modelFile))) {
            spark.sparkContext().addFile(model.toAbsolutePath().toString());
        }
        LongAccumulator rows = spark.sparkContext().longAccumulator("rows");
        LongAccumulator errors = spark.sparkContext().longAccumulator("rows with errors");
        JavaRDD<Row> predicted = source.rows.mapPartitions(new PartitionPredictions(modelFile, spec.threads(),
                spec.batch(), source.kind, source.columns, outputColumns, spec, categories, rows, errors));
        Dataset<Row> out = withSourceTypes(spark.createDataFrame(predicted, DataTypes.createStructType(fields)),
                source.types);
        if (table) {
            long[] counts = writeTables(out, spec, source, outputColumns, outputTypes);
            return new Result(counts[0], counts[1], (System.nanoTime() - start) / 1e9, spec.sink().describe()
                    + " (failed rows in " + spec.sink().table() + "_errors)");
        }
        write(out, spec.sink());
        return new Result(rows.value(), errors.value(), (System.nanoTime() - start) / 1e9, spec.sink().describe());
    }

    /** A JDBC source's columns, read as text, back in their own types for the sink (a dirty cell is NULL there). */
    private static Dataset<Row> withSourceTypes(Dataset<Row> out, StructType types) {
        if (types == null) {
            return out;
        }
        List<String> select = new ArrayList<>();
        for (String c : out.columns()) {
            String q = "`" + c.replace("`", "``") + "`";
            DataType t = Arrays.asList(types.fieldNames()).contains(c) ? types.apply(c).dataType() : null;
            select.add(t == null || t.equals(DataTypes.StringType) ? q : "try_cast(" + q + " AS " + t.sql() + ") AS " + q);
        }
        return out.selectExpr(select.toArray(String[]::new));
    }

    /**
     * predict-batch's two tables: created with its DDL (primary key included) if missing, then the predicted
     * rows into TABLE and the failed ones into TABLE_errors through Spark's JDBC writer. The predictions are
     * kept (memory, then disk) between the two writes so the model runs once per row. Returns rows, errors.
     */
    private static long[] writeTables(Dataset<Row> out, SparkJobSpec spec, Source source, List<String> outputColumns,
                                      List<ColumnType> outputTypes) throws WorkbenchException {
        SparkJobSpec.Endpoint sink = spec.sink();
        Properties p = new Properties();
        if (sink.user() != null) {
            p.setProperty("user", sink.user());
        }
        if (sink.password() != null) {
            p.setProperty("password", sink.password());
        }
        List<ColumnType> keyTypes = spec.key().stream().map(k -> source.types == null
                ? ColumnType.TEXT : columnType(source.types.apply(k).dataType())).toList();
        SinkSpec.Jdbc tables = new SinkSpec.Jdbc(sink.url(), sink.table());
        try (Connection c = DriverManager.getConnection(sink.url(), p)) {
            SinkTables.create(c, tables, spec.key(), keyTypes, outputColumns, outputTypes);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new WorkbenchException("Could not create " + tables.describe() + ": " + e.getMessage(), e);
        }
        Dataset<Row> kept = out.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long rows = kept.count();
            long errors = kept.where(functions.col("error").isNotNull()).count();
            // A SQLite file takes one writer at a time: one task writes it, not one per partition.
            boolean oneWriter = sink.url().startsWith("jdbc:sqlite:");
            // The key columns in the Spark types of the table's columns, as predict-batch typed them.
            List<org.apache.spark.sql.Column> keys = new ArrayList<>();
            for (int i = 0; i < spec.key().size(); i++) {
                keys.add(column(spec.key().get(i)).cast(sparkType(keyTypes.get(i))).as(spec.key().get(i)));
            }
            List<org.apache.spark.sql.Column> predictionColumns = new ArrayList<>(keys);
            outputColumns.forEach(o -> predictionColumns.add(column(o)));
            Dataset<Row> predictions = kept.where(functions.col("error").isNull())
                    .select(predictionColumns.toArray(org.apache.spark.sql.Column[]::new));
            List<org.apache.spark.sql.Column> errorColumns = new ArrayList<>(keys);
            errorColumns.add(column(SinkTables.SOURCE_ROW));
            errorColumns.add(column(SinkTables.REASON));
            Dataset<Row> failed = kept.where(functions.col("error").isNotNull())
                    .select(errorColumns.toArray(org.apache.spark.sql.Column[]::new));
            (oneWriter ? predictions.coalesce(1) : predictions).write().mode(sink.mode())
                    .jdbc(sink.url(), sink.table(), p);
            (oneWriter ? failed.coalesce(1) : failed).write().mode(sink.mode())
                    .jdbc(sink.url(), tables.errorTable(), p);
            return new long[] {rows, errors};
        } finally {
            kept.unpersist();
        }
    }

    private static org.apache.spark.sql.Column column(String name) {
        return functions.col("`" + name.replace("`", "``") + "`");
    }

    /** A source column's type as predict-batch types a key column from a JDBC result. */
    static ColumnType columnType(DataType t) {
        if (t.equals(DataTypes.BooleanType)) {
            return ColumnType.BOOLEAN;
        } else if (t.equals(DataTypes.ByteType) || t.equals(DataTypes.ShortType) || t.equals(DataTypes.IntegerType)) {
            return ColumnType.INTEGER;
        } else if (t.equals(DataTypes.LongType)) {
            return ColumnType.BIGINT;
        } else if (t.equals(DataTypes.FloatType)) {
            return ColumnType.REAL;
        } else if (t instanceof org.apache.spark.sql.types.DecimalType d && d.scale() == 0 && d.precision() <= 20) {
            // Spark reads a BIGINT the driver calls unsigned (SQLite's) as decimal(20,0)
            return ColumnType.BIGINT;
        } else if (t.equals(DataTypes.DoubleType) || t instanceof org.apache.spark.sql.types.DecimalType) {
            return ColumnType.DOUBLE;
        }
        return ColumnType.TEXT;
    }

    /** A source's elements numbered in source order, how to read them, its column names and output fields. */
    private record Source(JavaRDD<Tuple2<Object, Long>> rows, SourceKind kind, List<String> columns,
                          List<StructField> fields, StructType types) {
        Source(JavaRDD<Tuple2<Object, Long>> rows, SourceKind kind, List<String> columns, List<StructField> fields) {
            this(rows, kind, columns, fields, null);
        }
    }

    @SuppressWarnings("unchecked")
    private static Source read(SparkSession spark, SparkJobSpec.Endpoint source, List<String> key)
            throws WorkbenchException {
        try {
            return switch (source.format()) {
                case CSV -> {
                    Dataset<String> lines = spark.read().textFile(source.path());
                    String headerLine = lines.isEmpty() ? null : lines.first();
                    if (headerLine == null) {
                        throw new WorkbenchException(source.path() + " is empty; it needs a header row naming the "
                                + "model's inputs.");
                    }
                    List<String> columns = CsvRowReader.header(headerLine);
                    // Blank lines are skipped as predict-batch skips them; every file's header line too.
                    JavaRDD<String> data = lines.javaRDD().filter(l -> !l.isEmpty() && !l.equals(headerLine));
                    yield new Source(numbered(data), SourceKind.CSV_LINES, columns, stringFields(columns));
                }
                case JSONL -> {
                    Dataset<String> lines = spark.read().textFile(source.path()).filter(
                            (org.apache.spark.api.java.function.FilterFunction<String>) l -> !l.isBlank());
                    // The union of the keys (Spark's inference), for the output's columns; rows parse one by one.
                    List<String> columns = new ArrayList<>(Arrays.asList(spark.read().json(lines).schema()
                            .fieldNames()));
                    columns.remove("_corrupt_record");
                    yield new Source(numbered(lines.javaRDD()), SourceKind.JSON_LINES, columns, stringFields(columns));
                }
                case PARQUET -> typed(spark.read().parquet(source.path()));
                case JDBC -> {
                    // The columns' types as the table (or query) declares them; a subquery may lose them.
                    StructType types = (source.table() != null ? jdbc(spark, source).option("dbtable", source.table())
                            : jdbc(spark, source).option("query", source.query())).load().schema();
                    DataFrameReader reader;
                    if (source.table() != null && !key.isEmpty()) {
                        // Ordered by the key as predict-batch reads a table, so row numbers are the same.
                        reader = jdbc(spark, source).option("query", "SELECT * FROM " + source.table() + " ORDER BY "
                                + String.join(", ", key.stream().map(k -> "\"" + k.replace("\"", "\"\"") + "\"")
                                .toList()));
                    } else {
                        reader = source.table() != null ? jdbc(spark, source).option("dbtable", source.table())
                                : jdbc(spark, source).option("query", source.query());
                    }
                    // Every column as text (each cell parsed by predict-batch's parser), its own type kept for the sink.
                    String asText = Arrays.stream(types.fieldNames()).map(n -> "`" + n.replace("`", "``")
                            + "` STRING").collect(java.util.stream.Collectors.joining(", "));
                    Dataset<Row> text = reader.option("customSchema", asText).load();
                    Source typed = typed(text);
                    yield new Source(typed.rows, typed.kind, typed.columns, typed.fields, types);
                }
            };
        } catch (WorkbenchException | RuntimeException e) {
            throw e;
        } catch (Exception e) { // Spark's AnalysisException (a path that is not there), undeclared in Scala
            throw new WorkbenchException("Spark could not read " + source.describe() + ": " + e.getMessage(), e);
        }
    }

    /** Spark's JDBC reader for the endpoint's URL and login (a new one each time: its options accumulate). */
    private static DataFrameReader jdbc(SparkSession spark, SparkJobSpec.Endpoint source) {
        DataFrameReader reader = spark.read().format("jdbc").option("url", source.url());
        if (source.user() != null) {
            reader = reader.option("user", source.user());
        }
        if (source.password() != null) {
            reader = reader.option("password", source.password());
        }
        return reader;
    }

    private static Source typed(Dataset<Row> rows) {
        StructType schema = rows.schema();
        return new Source(numbered(rows.javaRDD()), SourceKind.TYPED_ROWS, Arrays.asList(schema.fieldNames()),
                Arrays.asList(schema.fields()));
    }

    /** Each element with its index in the whole source (one extra pass counts the partitions' rows). */
    @SuppressWarnings("unchecked")
    private static <T> JavaRDD<Tuple2<Object, Long>> numbered(JavaRDD<T> elements) {
        JavaRDD<?> pairs = elements.zipWithIndex().rdd().toJavaRDD();
        return (JavaRDD<Tuple2<Object, Long>>) pairs;
    }

    private static List<StructField> stringFields(List<String> columns) {
        return columns.stream().map(c -> DataTypes.createStructField(c, DataTypes.StringType, true)).toList();
    }

    /** The Spark type of an output column: the cell types predict-batch writes (JSON text for maps). */
    static DataType sparkType(ColumnType type) {
        return switch (type) {
            case REAL -> DataTypes.FloatType;
            case DOUBLE -> DataTypes.DoubleType;
            case BOOLEAN -> DataTypes.BooleanType;
            case INTEGER, BIGINT -> DataTypes.LongType; // predict-batch's integer cells are longs
            case TEXT -> DataTypes.StringType;
        };
    }

    /**
     * The encoder categories read from the model here, for a job file that does not carry them (the export
     * writes them). The project's ONNX reader needs protobuf as new as its generated code; with an older
     * protobuf first on the class path (a cluster's Spark) categories are checked by the encoder alone.
     */
    private static Map<String, List<String>> categoriesOf(Path model) {
        try {
            return ColumnMapping.categoriesOf(model);
        } catch (LinkageError e) {
            System.err.println("spark predict: the model's categories could not be read here (" + e + "); "
                    + "export the job with onnx-workbench export spark to carry them.");
            return Map.of();
        }
    }

    private static void write(Dataset<Row> out, SparkJobSpec.Endpoint sink) {
        DataFrameWriter<Row> writer = out.write().mode(sink.mode());
        switch (sink.format()) {
            // Quotes doubled as in predict-batch's CSV (Spark escapes with a backslash by default).
            case CSV -> writer.option("header", true).option("escape", "\"").csv(sink.path());
            case JSONL -> writer.option("ignoreNullFields", false).json(sink.path());
            case PARQUET -> writer.parquet(sink.path());
            case JDBC -> {
                Properties p = new Properties();
                if (sink.user() != null) {
                    p.setProperty("user", sink.user());
                }
                if (sink.password() != null) {
                    p.setProperty("password", sink.password());
                }
                writer.jdbc(sink.url(), sink.table(), p);
            }
        }
    }
}
