package dev.onnxworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onnxworkbench.app.predict.PredictFormDoor;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.serve.ModelServer;
import dev.onnxworkbench.models.serve.ServerOptions;
import dev.onnxworkbench.models.testing.ChurnModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same bad values through every door a value comes in by — the Predict form's view-model, {@code run},
 * {@code serve} over HTTP on 127.0.0.1, {@code predict-batch} CSV and JSON Lines rows, {@code loadtest} — and
 * the same refusal text from each: one parser and validator ({@code ValueParser}) behind all of them.
 */
class ValueDoorsTest {
    private static final String NON_FINITE =
            "non-finite values are refused unless allowed (--allow-non-finite; in the window, Allow NaN/±Inf).";

    /** A bad value: the input, the text a user types, the JSON literal a client sends, the refusal. */
    record Bad(String input, String typed, String json, String refusal) {
    }

    static final List<Bad> BAD = List.of(
            new Bad("age", "1e999", "1e999", "age: 1e999 is outside the range of float32 (-3.403e+38 to 3.403e+38); "
                    + NON_FINITE),
            new Bad("age", "NaN", "\"NaN\"", "age: NaN is not a finite number; " + NON_FINITE),
            new Bad("plan", "gold", "\"gold\"", "plan: 'gold' is not a category the model's encoder knows; it knows "
                    + "basic, standard, premium, family."),
            new Bad("seats", "300", "300", "seats: 300 does not fit in uint8 (0 to 255)."),
            new Bad("trial", "yes", "\"yes\"", "trial: 'yes' is not true/false (or 1/0)."),
            new Bad("account_id", "9223372036854775808", "9223372036854775808", "account_id: 9223372036854775808 "
                    + "does not fit in int64 (-9223372036854775808 to 9223372036854775807)."));

    private static final Map<String, String> V2_TYPES = Map.of("age", "FP32", "plan", "BYTES", "seats", "UINT8",
            "trial", "BOOL", "account_id", "INT64");

    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void writeModel() throws Exception {
        model = ChurnModel.write(dir.resolve("churn.onnx"));
    }

    /** The good row with one value replaced, as input → typed text. */
    private static Map<String, String> row(Bad bad) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String kv : ChurnModel.GOOD) {
            String[] p = kv.split("=", 2);
            values.put(p[0], p[1]);
        }
        if (bad != null) {
            values.put(bad.input(), bad.typed());
        }
        return values;
    }

    private static String[] inputArgs(Map<String, String> values) {
        List<String> args = new ArrayList<>();
        values.forEach((k, v) -> {
            args.add("--input");
            args.add(k + "=" + v);
        });
        return args.toArray(String[]::new);
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void theFormsViewModelRefusesEachWithTheSameText() throws Exception {
        for (Bad bad : BAD) {
            assertThat(PredictFormDoor.run(model, row(bad), false, dir.resolve("form-data"))).as(bad.typed())
                    .isEqualTo(bad.refusal());
        }
        assertThat(PredictFormDoor.run(model, row(null), false, dir.resolve("form-data"))).startsWith("Ran in");
        assertThat(PredictFormDoor.run(model, row(BAD.get(1)), true, dir.resolve("form-data")))
                .as("the Allow NaN/±Inf box lets NaN through").startsWith("Ran in");
    }

    @Test
    void runRefusesEachWithTheSameTextAndExitCode3() {
        for (Bad bad : BAD) {
            CliRun cli = new CliRun();
            int code = cli.execute(concat(new String[] {"run", model.toString()}, inputArgs(row(bad))));
            assertThat(code).as(bad.typed() + ": " + cli.err).isEqualTo(3);
            assertThat(cli.err.toString().strip()).isEqualTo("onnx-workbench: " + bad.refusal());
        }
        CliRun json = new CliRun();
        assertThat(json.execute(concat(new String[] {"run", model.toString(), "--json"}, inputArgs(row(BAD.get(0))))))
                .isEqualTo(3);
        assertThat(json.out.toString().strip()).isEqualTo(UserErrorHandler.json(ErrorClass.BAD_INPUT,
                BAD.get(0).refusal()));
        CliRun allowed = new CliRun();
        assertThat(allowed.execute(concat(new String[] {"run", model.toString(), "--allow-non-finite"},
                inputArgs(row(BAD.get(1)))))).as(allowed.err.toString()).isZero();
    }

    @Test
    void serveAnswers400WithTheSameTextAndLoadtestStopsOnIt() throws Exception {
        try (ModelServer server = ModelServer.start(TestSessions.factory(), model, "churn", ProviderSettings.cpu(),
                ServerOptions.local(0))) {
            HttpClient http = HttpClient.newHttpClient();
            ObjectMapper mapper = new ObjectMapper();
            for (Bad bad : BAD) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.inferUrl()))
                                .POST(HttpRequest.BodyPublishers.ofString(body(bad))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(bad.typed() + ": " + r.body()).isEqualTo(400);
                assertThat(mapper.readTree(r.body()).get("error").asText()).isEqualTo(bad.refusal());

                CliRun cli = new CliRun();
                int code = cli.execute(concat(new String[] {"loadtest", server.url(), "--model", "churn",
                        "--requests", "5", "--concurrency", "1"}, inputArgs(row(bad))));
                assertThat(code).as("loadtest " + bad.typed() + ": " + cli.err).isEqualTo(3);
                assertThat(cli.err.toString().strip()).isEqualTo("onnx-workbench: " + bad.refusal());
            }
            HttpResponse<String> good = http.send(HttpRequest.newBuilder(URI.create(server.inferUrl()))
                    .POST(HttpRequest.BodyPublishers.ofString(body(null))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
        }
        try (ModelServer lenient = ModelServer.start(TestSessions.factory(), model, "churn", ProviderSettings.cpu(),
                ServerOptions.local(0).withAllowNonFinite(true))) {
            HttpResponse<String> nan = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(lenient.inferUrl())).POST(HttpRequest.BodyPublishers.ofString(body(BAD.get(1))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(nan.statusCode()).as("serve --allow-non-finite: " + nan.body()).isEqualTo(200);
        }
    }

    /** A v2 request for the good row with {@code bad}'s value sent as a client would write it in JSON. */
    private static String body(Bad bad) {
        StringBuilder b = new StringBuilder("{\"inputs\": [");
        Map<String, String> values = row(null);
        int i = 0;
        for (Map.Entry<String, String> e : values.entrySet()) {
            String literal = bad != null && bad.input().equals(e.getKey()) ? bad.json()
                    : e.getKey().equals("plan") ? "\"" + e.getValue() + "\"" : e.getValue();
            b.append(i++ == 0 ? "" : ", ").append("{\"name\": \"").append(e.getKey()).append("\", \"shape\": [1, 1], ")
                    .append("\"datatype\": \"").append(V2_TYPES.get(e.getKey())).append("\", \"data\": [")
                    .append(literal).append("]}");
        }
        return b.append("]}").toString();
    }

    @Test
    void predictBatchPutsTheSameTextInTheErrorColumnOfEachBadRowAndCountsIt() throws Exception {
        List<String> names = new ArrayList<>(row(null).keySet());
        StringBuilder csv = new StringBuilder(String.join(",", names)).append('\n');
        StringBuilder jsonl = new StringBuilder();
        List<Bad> rows = new ArrayList<>(BAD);
        rows.add(null); // one good row: the run goes on around the bad ones
        for (Bad bad : rows) {
            Map<String, String> values = row(bad);
            csv.append(String.join(",", values.values())).append('\n');
            List<String> fields = new ArrayList<>();
            values.forEach((k, v) -> fields.add("\"" + k + "\": " + (bad != null && bad.input().equals(k) ? bad.json()
                    : k.equals("plan") || k.equals("trial") ? "\"" + v + "\"" : v)));
            jsonl.append('{').append(String.join(", ", fields)).append("}\n");
        }
        for (String kind : List.of("csv", "jsonl")) {
            Path in = Files.writeString(dir.resolve("rows." + kind), kind.equals("csv") ? csv : jsonl);
            Path out = dir.resolve("preds-" + kind + ".jsonl");
            CliRun cli = new CliRun();
            int code = cli.execute("predict-batch", model.toString(), "--in", in.toString(), "--out", out.toString());
            assertThat(code).as(cli.err.toString()).isZero();
            assertThat(cli.err.toString()).contains("7 rows (6 with errors)");
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            ObjectMapper mapper = new ObjectMapper();
            for (int i = 0; i < BAD.size(); i++) {
                JsonNode written = mapper.readTree(lines.get(i));
                assertThat(written.get("error").asText()).as(kind + " row " + (i + 1))
                        .isEqualTo("row " + (i + 1) + ": " + BAD.get(i).refusal());
                assertThat(written.has("churn_risk") && !written.get("churn_risk").isNull()).isFalse();
            }
            JsonNode good = mapper.readTree(lines.get(BAD.size()));
            assertThat(good.get("error").isNull()).as(good.toString()).isTrue();
            assertThat(good.get("churn_risk").asDouble()).isBetween(0.0, 1.0);
        }
    }
}
