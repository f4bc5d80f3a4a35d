package dev.onnxworkbench.models.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.samples.SampleModels;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.OutputValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The v2 server on the tabular sample (three numbers, three string categories), over real HTTP on 127.0.0.1. */
class InferenceServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TWO_ROWS = """
            {"id": "req-7", "parameters": {"trace": true}, "inputs": [
              {"name": "age", "shape": [2, 1], "datatype": "FP32", "data": [[35], [61]]},
              {"name": "sex", "shape": [2, 1], "datatype": "BYTES", "data": ["female", "male"]},
              {"name": "weight_kg", "shape": [2, 1], "datatype": "FP32", "data": [70.5, 92]},
              {"name": "daily_kcal", "shape": [2, 1], "datatype": "FP32", "data": [2100, 3100]},
              {"name": "activity_level", "shape": [2, 1], "datatype": "BYTES", "data": ["light", "active"]},
              {"name": "sleep_quality", "datatype": "BYTES", "data": ["good", "poor"], "shape": [2, 1]}
            ]}""";

    @TempDir
    static Path dir;
    static ModelSession session;
    static InferenceServer server;
    static final List<String> accessLog = new CopyOnWriteArrayList<>();
    static final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path model = SampleModels.weightChange(dir);
        session = TestSessions.factory().open(model, ProviderSettings.cpu().with("intra_op_num_threads", "1"));
        ServerOptions options = new ServerOptions("127.0.0.1", 0, 1024 * 1024, null, accessLog::add);
        server = InferenceServer.start(List.of(new ServedModel("weights", session)), options);
    }

    @AfterAll
    static void stop() {
        server.stop(1);
        session.close();
    }

    @Test
    void healthAndMetadataDescribeTheModelWithVariableDimensionsAsMinusOne() throws Exception {
        assertThat(get("/v2/health/live").statusCode()).isEqualTo(200);
        assertThat(json(get("/v2/health/ready")).get("ready").asBoolean()).isTrue();
        assertThat(json(get("/v2/models/weights/ready")).get("ready").asBoolean()).isTrue();
        JsonNode meta = json(get("/v2/models/weights"));
        assertThat(meta.get("name").asText()).isEqualTo("weights");
        assertThat(meta.get("inputs")).hasSize(6);
        JsonNode age = meta.get("inputs").get(0);
        assertThat(age.get("name").asText()).isEqualTo("age");
        assertThat(age.get("datatype").asText()).isEqualTo("FP32");
        assertThat(age.get("shape").toString()).isEqualTo("[-1,1]");
        assertThat(meta.get("inputs").get(1).get("datatype").asText()).isEqualTo("BYTES");
        assertThat(meta.get("outputs").get(0).get("name").asText()).isEqualTo(SampleModels.WEIGHT_CHANGE_OUTPUT);
    }

    @Test
    void inferAnswersWhatAnInProcessRunAnswersAndEchoesTheId() throws Exception {
        HttpResponse<String> response = post("/v2/models/weights/infer", TWO_ROWS);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("id").asText()).isEqualTo("req-7");
        assertThat(body.get("model_name").asText()).isEqualTo("weights");
        JsonNode out = body.get("outputs").get(0);
        assertThat(out.get("datatype").asText()).isEqualTo("FP32");
        assertThat(out.get("shape").toString()).isEqualTo("[2,1]");

        Map<String, HostTensor> values = new LinkedHashMap<>();
        values.put("age", HostTensor.ofFloats(new long[] {2, 1}, 35, 61));
        values.put("sex", HostTensor.ofStrings(new long[] {2, 1}, "female", "male"));
        values.put("weight_kg", HostTensor.ofFloats(new long[] {2, 1}, 70.5f, 92));
        values.put("daily_kcal", HostTensor.ofFloats(new long[] {2, 1}, 2100, 3100));
        values.put("activity_level", HostTensor.ofStrings(new long[] {2, 1}, "light", "active"));
        values.put("sleep_quality", HostTensor.ofStrings(new long[] {2, 1}, "good", "poor"));
        HostTensor expected = ((OutputValue.TensorValue) session.run(values).outputs()
                .get(SampleModels.WEIGHT_CHANGE_OUTPUT)).tensor();
        for (int i = 0; i < 2; i++) {
            assertThat((float) out.get("data").get(i).asDouble()).isEqualTo((float) expected.getDouble(i));
        }
    }

    @Test
    void badRequestsAre400WithAJsonErrorNamingTheProblem() throws Exception {
        assertError(post("/v2/models/weights/infer", "{\"inputs\": [ {\"name\": "), 400, "bad JSON");
        assertError(post("/v2/models/weights/infer", TWO_ROWS.replace("\"age\"", "\"agee\"")), 400, "agee");
        assertError(post("/v2/models/weights/infer", TWO_ROWS.replace("\"shape\": [2, 1], \"datatype\": \"FP32\", "
                + "\"data\": [70.5, 92]", "\"shape\": [1, 2], \"datatype\": \"FP32\", \"data\": [70.5, 92]")),
                400, "weight_kg");
        assertError(post("/v2/models/weights/infer", TWO_ROWS.replace("\"data\": [70.5, 92]", "\"data\": [70.5]")),
                400, "weight_kg");
        HttpResponse<String> wrongType = post("/v2/models/weights/infer",
                TWO_ROWS.replace("\"datatype\": \"FP32\", \"data\": [[35]", "\"datatype\": \"FP64\", \"data\": [[35]"));
        assertError(wrongType, 400, "age");
        assertThat(json(wrongType).get("error").asText()).contains("FP32").contains("FP64");
        assertError(post("/v2/models/weights/infer", TWO_ROWS.replace("\"data\": [\"female\", \"male\"]",
                "\"data\": [1, 2]")), 400, "sex");
        assertError(post("/v2/models/weights/infer", TWO_ROWS.replace("\"id\": \"req-7\",",
                "\"id\": \"x\", \"outputs\": [{\"name\": \"nope\"}],")), 400, "nope");
        assertError(post("/v2/models/nosuch/infer", TWO_ROWS), 404, "nosuch");
        assertError(get("/v2/models/weights/infer"), 405, "POST");
        assertError(get("/elsewhere"), 404, "/v2");
        // and it still answers
        assertThat(post("/v2/models/weights/infer", TWO_ROWS).statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyOverTheLimitIs413WithoutBeingRead() throws Exception {
        String big = TWO_ROWS.replace("\"trace\": true", "\"pad\": \"" + "x".repeat(2 * 1024 * 1024) + "\"");
        assertError(post("/v2/models/weights/infer", big), 413, "limit");
        // chunked (no Content-Length): stopped at the limit while reading
        HttpResponse<String> chunked = client.send(HttpRequest.newBuilder(uri("/v2/models/weights/infer"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        big.getBytes()))).build(), HttpResponse.BodyHandlers.ofString());
        assertError(chunked, 413, "limit");
        assertThat(get("/v2/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void concurrentClientsAllGetAnswers() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String body = TWO_ROWS.replace("req-7", "req-" + i);
                results.add(pool.submit(() -> post("/v2/models/weights/infer", body).statusCode()));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get()).isEqualTo(200);
            }
        }
        String metrics = get("/metrics").body();
        assertThat(metrics).contains("workbench_infer_requests_total{model=\"weights\"}")
                .contains("workbench_infer_duration_seconds_bucket{model=\"weights\",le=\"+Inf\"}");
        assertThat(server.metrics().snapshot().requests()).isGreaterThanOrEqualTo(400);
        assertThat(accessLog).anyMatch(line -> line.contains("POST /v2/models/weights/infer 200"));
    }

    @Test
    void aTokenIsRequiredWhenConfigured() throws Exception {
        try (ModelSession own = TestSessions.factory().open(SampleModels.weightChange(dir), ProviderSettings.cpu());
             InferenceServer guarded = InferenceServer.start(List.of(new ServedModel("w", own)),
                     new ServerOptions("127.0.0.1", 0, 1 << 20, "s3cret", line -> { }))) {
            URI ready = URI.create(guarded.url() + "/v2/health/ready");
            HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(ready).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertError(anonymous, 401, "Bearer");
            HttpResponse<String> withToken = client.send(HttpRequest.newBuilder(ready)
                    .header("Authorization", "Bearer s3cret").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(withToken.statusCode()).isEqualTo(200);
        }
    }

    private static void assertError(HttpResponse<String> response, int status, String mentions) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response).get("error").asText()).contains(mentions);
    }

    private static URI uri(String path) {
        return URI.create(server.url() + path);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
