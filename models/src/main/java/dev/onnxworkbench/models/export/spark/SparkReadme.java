package dev.onnxworkbench.models.export.spark;

import java.util.List;
import java.util.Locale;

/** The README.md of an exported Spark job: what it does, how to submit it, what it needs from the cluster. */
final class SparkReadme {
    private SparkReadme() {
    }

    static String text(String model, SparkJobSpec job, List<String> inputs, List<String> outputs, List<String> jars) {
        StringBuilder b = new StringBuilder();
        b.append("# Batch predictions with ").append(model).append(" on Apache Spark\n\n");
        b.append("Written by `onnx-workbench export spark`. The job runs the same code as `onnx-workbench "
                + "predict-batch`: the same column mapping, the same value parsing and error reasons, ONNX Runtime "
                + "on the CPU with one session per executor JVM shared by its tasks and ")
                .append(job.threads() == 0 ? "one intra-op thread per core" : job.threads()
                        + " intra-op thread(s) per task").append(". Built for Apache Spark 4.2 (Scala 2.13) on Java "
                        + "17, 21 or 25.\n\n");
        b.append("## Run it\n\n```sh\nMASTER=spark://HOST:7077 ./submit.sh          # or yarn, k8s://..., "
                + "local[*] (the default)\nMASTER=yarn ./submit.sh --deploy-mode cluster --executor-memory 4g\n```\n\n");
        b.append("`submit.sh` calls `$SPARK_SUBMIT` (default `$SPARK_HOME/bin/spark-submit`) with the job jar `")
                .append(SparkExport.JOB_JAR).append("`, `--jars ").append(String.join(",", jars.stream()
                        .map(j -> "jars/" + j).toList())).append("`, `--files ").append(model)
                .append(",job.json` (the model reaches every executor through Spark's file distribution), "
                        + "`spark.task.cpus=1` and the JVM options Spark and ONNX Runtime need on Java 17+. "
                        + "Arguments to `submit.sh` go to spark-submit.\n\n");
        b.append("## The job (job.json)\n\n");
        b.append("- source: ").append(describe(job.source())).append('\n');
        b.append("- sink: ").append(describe(job.sink())).append(" (mode ").append(job.sink().mode()).append(")\n");
        b.append("- rows per model run: ").append(job.batch()).append("\n\n");
        b.append("Inputs, each read from the column of its name:\n\n");
        inputs.forEach(i -> b.append("- ").append(i).append('\n'));
        if (job.sink().format() == SparkJobSpec.Format.JDBC) {
            b.append("\nColumns of ").append(job.sink().table()).append(": the key ").append(String.join(", ",
                    job.key())).append(", then:\n\n");
            outputs.forEach(o -> b.append("- ").append(o).append('\n'));
            b.append("\nRows that get no prediction go to ").append(job.sink().table()).append("_errors (the key, "
                    + "source_row, reason), as predict-batch writes them. Bad rows never stop the job.\n\n");
        } else {
            b.append("\nColumns written after the source's columns:\n\n");
            outputs.forEach(o -> b.append("- ").append(o).append('\n'));
            b.append("- error (string): why the row has no prediction, as predict-batch words it (`row N: ...`); "
                    + "empty when it has one. Bad rows never stop the job.\n\n");
        }
        b.append("""
                ## What the cluster must have, what ships here

                - Spark 4.2 with its Scala 2.13, Jackson and protobuf (not shipped: the job uses the cluster's).
                - `jars/`: ONNX Runtime (the GPU build the workbench ships; its CPU provider is what the job uses;
                  to send a smaller jar, replace it with `com.microsoft.onnxruntime:onnxruntime` of the same version)
                  and the JDBC driver when the job reads or writes a database.
                - CSV and JSON Lines are read line by line (Spark splits large files across tasks), so a quoted
                  CSV cell cannot span lines. Paths are Spark paths: a local path works with a local master;
                  on a cluster use a shared file system (hdfs://, s3a://, abfss://). File sinks are folders of
                  part files in source order.
                - A model with external data files is not shipped with them; export a single-file model.
                - Row numbers in error messages count the source's data rows from 1, as predict-batch does.
                  A task that Spark retries counts its rows again in the summary's totals (not in the output).
                """);
        return b.toString();
    }

    private static String describe(SparkJobSpec.Endpoint e) {
        String format = e.format().name().toLowerCase(Locale.ROOT);
        return switch (e.format()) {
            case JDBC -> format + " " + e.url() + (e.table() != null ? " table " + e.table() : " query `"
                    + e.query() + "`");
            default -> format + " " + e.path();
        };
    }
}
