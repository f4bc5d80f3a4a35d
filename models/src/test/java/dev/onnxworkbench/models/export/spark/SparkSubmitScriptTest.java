package dev.onnxworkbench.models.export.spark;

import static dev.onnxworkbench.models.export.spark.SparkTesting.csv;
import static dev.onnxworkbench.models.export.spark.SparkTesting.predictBatch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.samples.SampleModels;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported folder as a user submits it: {@code submit.sh} runs with SPARK_SUBMIT set to Spark's own
 * {@code org.apache.spark.deploy.SparkSubmit} main class over Spark's jars from Maven Central (what
 * {@code bin/spark-submit} runs), in local[2] in a separate JVM. That JVM has Spark's class path only: the
 * models code and ONNX Runtime come from the exported job jar and {@code jars/}.
 */
class SparkSubmitScriptTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed run keeps submit.log and any JVM crash report
    Path dir;

    @Test
    void exportedSubmitScriptRunsTheJobAndItsPredictionsEqualPredictBatch() throws Exception {
        Path model = SampleModels.weightChange(dir);
        Path in = Files.writeString(dir.resolve("rows.csv"), SparkPredictJobTest.weightChangeCsv(600));
        Path expected = dir.resolve("predict-batch.csv");
        predictBatch(model, in, expected, 4096);

        Path out = dir.resolve("spark-preds.csv");
        SparkJobSpec job = SparkJobSpec.parse("""
                {"source": {"path": "%s"}, "sink": {"path": "%s"}}
                """.formatted(in, out), "job.json");
        Path exported = dir.resolve("export");
        SparkExport.Result result = SparkExport.export(TestSessions.factory(), model, job, exported);
        assertThat(result.jobJar()).isRegularFile();
        assertThat(result.jars()).singleElement().satisfies(j -> assertThat(j.getFileName().toString())
                .startsWith("onnxruntime"));
        assertThat(exported.resolve(model.getFileName())).hasSameBinaryContentAs(model);
        assertThat(Files.readString(result.readme())).contains("age (float32").contains("error (string)");

        // Spark's class path as a cluster has it: everything of the test JVM but this project's code and ORT.
        String sparkClassPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.contains(File.separator + "models" + File.separator + "target")
                        && !e.contains("onnxruntime"))
                .collect(Collectors.joining(File.pathSeparator));
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path sparkSubmit = Files.writeString(dir.resolve("spark-submit"), """
                #!/bin/sh
                exec "%s" %s -cp "%s" org.apache.spark.deploy.SparkSubmit "$@"
                """.formatted(java, SparkExport.JAVA_OPTIONS, sparkClassPath));
        Files.setPosixFilePermissions(sparkSubmit, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder submit = new ProcessBuilder("sh", result.submit().toString(), "--conf", "spark.ui.enabled=false",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(dir.resolve("submit.log").toFile()).directory(dir.toFile());
        submit.environment().put("SPARK_SUBMIT", sparkSubmit.toString());
        submit.environment().put("MASTER", "local[2]");
        Process p = submit.start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("submit.sh finished").isTrue();
        String log = Files.readString(dir.resolve("submit.log"));
        assertThat(p.exitValue()).as(log).isZero();
        assertThat(log).contains("spark predict: 600 rows");

        List<List<String>> want = csv(expected);
        List<List<String>> got = csv(out);
        assertThat(got).as(log).hasSameSizeAs(want);
        for (int i = 0; i < want.size(); i++) {
            assertThat(got.get(i)).as("row %d", i).isEqualTo(want.get(i));
        }
    }
}
