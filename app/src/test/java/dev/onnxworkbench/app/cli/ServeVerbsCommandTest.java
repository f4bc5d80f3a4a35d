package dev.onnxworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.samples.SampleModels;
import dev.onnxworkbench.models.serve.ModelServer;
import dev.onnxworkbench.models.serve.ServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export, predict-batch and loadtest from the command line (serve itself runs until stopped: see the server tests). */
class ServeVerbsCommandTest {
    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    @Test
    void exportTritonWritesTheRepositoryAndPrintsTheServeCommand() throws Exception {
        Path model = SampleModels.weightChange(dir);
        int code = cli.execute("export", "triton", model.toString(), "--out", dir.resolve("repo").toString(),
                "--name", "weights", "--instances", "2", "--gpu");
        assertThat(code).as(cli.err.toString()).isZero();
        assertThat(dir.resolve("repo/weights/1/model.onnx")).exists();
        assertThat(Files.readString(dir.resolve("repo/weights/config.pbtxt"))).contains("KIND_GPU")
                .contains("data_type: TYPE_STRING").contains("max_batch_size: 8");
        assertThat(cli.out.toString()).contains("tritonserver --model-repository=");

        assertThat(cli.execute("export", "kserve", model.toString(), "--out", dir.resolve("ks").toString())).isZero();
        assertThat(dir.resolve("ks/inferenceservice.yaml")).exists();
        assertThat(cli.execute("export", "triton", model.toString(), "--out", dir.resolve("r2").toString(),
                "--fp16")).isEqualTo(1);
        assertThat(cli.err.toString()).contains("--tensorrt");
    }

    @Test
    void predictBatchWritesPredictionsAndRefusesUnknownFormats() throws Exception {
        Path model = SampleModels.weightChange(dir);
        Path rows = Files.writeString(dir.resolve("rows.csv"), """
                age,sex,weight_kg,daily_kcal,activity_level,sleep_quality
                30,male,80,2600,light,good
                55,female,70,1700,sedentary,poor
                """);
        Path preds = dir.resolve("preds.jsonl");
        int code = cli.execute("predict-batch", model.toString(), "--in", rows.toString(), "--out", preds.toString(),
                "--batch", "1");
        assertThat(code).as(cli.err.toString()).isZero();
        List<String> lines = Files.readAllLines(preds);
        assertThat(lines).hasSize(2);
        assertThat(lines.getFirst()).contains("\"sex\":\"male\"").contains(SampleModels.WEIGHT_CHANGE_OUTPUT)
                .contains("\"error\":null");
        assertThat(cli.err.toString()).contains("2 rows (0 with errors)");

        assertThat(cli.execute("predict-batch", model.toString(), "--in", rows.toString(), "--out",
                dir.resolve("p.txt").toString())).isEqualTo(1);
        assertThat(cli.err.toString()).contains("is not .csv, .jsonl or .parquet");
    }

    @Test
    void loadtestReportsEachLevelAsJson() throws Exception {
        Path model = SampleModels.weightChange(dir);
        try (ModelServer server = ModelServer.start(TestSessions.factory(), model, "weights", ProviderSettings.cpu(),
                ServerOptions.local(0))) {
            int code = cli.execute("loadtest", server.url(), "--model", "weights", "--input", "age=35",
                    "--input", "sex=male", "--input", "weight_kg=80", "--input", "daily_kcal=2500",
                    "--input", "activity_level=light", "--input", "sleep_quality=good",
                    "--concurrency", "1,8", "--requests", "100", "--json");
            assertThat(code).as(cli.err.toString()).isZero();
            JsonNode report = cli.jsonLines().getFirst();
            assertThat(report.get("url").asText()).isEqualTo(server.url());
            assertThat(report.get("model").asText()).isEqualTo("weights");
            assertThat(report.get("levels")).hasSize(2);
            assertThat(report.get("inputs")).hasSize(6);
            assertThat(report.get("inputs").get(0).get("name").asText()).isEqualTo("age");
            assertThat(report.get("inputs").get(0).get("source").asText()).isNotBlank();
            for (JsonNode level : report.get("levels")) {
                assertThat(level.get("requests").asLong()).isEqualTo(100);
                assertThat(level.get("errors").asLong()).isZero();
                assertThat(level.get("statusCounts").get("200").asLong()).isEqualTo(100);
                assertThat(level.has("p50Ms") && level.has("p90Ms") && level.has("p99Ms") && level.has("maxMs")
                        && level.has("reqPerS")).isTrue();
            }
            assertThat(cli.execute("loadtest", server.url(), "--model", "nosuch", "--random", "1")).isEqualTo(1);
            assertThat(cli.err.toString()).contains("404");
        }
    }
}
