package dev.onnxworkbench.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.loadtest.LoadLevel;
import dev.onnxworkbench.models.loadtest.LoadReport;
import dev.onnxworkbench.models.loadtest.LoadTest;
import dev.onnxworkbench.models.serve.V2Datatype;
import dev.onnxworkbench.models.serve.V2RequestBody;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.graph.Dimension;
import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.Shape;
import dev.onnxworkbench.models.graph.ValueInfo;
import dev.onnxworkbench.models.graph.ValueType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code loadtest URL --model NAME}: latency and throughput of a v2 server at several concurrency levels. */
@Command(name = "loadtest", mixinStandardHelpOptions = true,
        description = "Load-test an Open Inference Protocol (KServe v2 REST) server — this one, Triton, KServe, "
                + "MLServer — with one infer request sent back to back by N concurrent clients. Traffic goes only "
                + "to URL.")
final class LoadtestCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "URL", description = "the server, e.g. http://127.0.0.1:8000")
    String url;

    @Option(names = "--model", paramLabel = "NAME", required = true, description = "the model's name on the server")
    String model;

    @Mixin
    InputOptions inputOptions = new InputOptions();

    @Option(names = "--concurrency", split = ",", paramLabel = "C", defaultValue = "1,8,32",
            description = "concurrent clients per level (default: ${DEFAULT-VALUE})")
    List<Integer> concurrency;

    @Option(names = "--requests", paramLabel = "N", defaultValue = "1000",
            description = "requests per level (default: ${DEFAULT-VALUE}); each level stops after 10 minutes anyway")
    long requests;

    @Option(names = "--duration", paramLabel = "S", description = "run each level for S seconds instead of N requests")
    Double duration;

    @Option(names = "--token", paramLabel = "T", description = "send 'Authorization: Bearer T'")
    String token;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (requests < 1) {
            throw new OptionValueException("--requests must be 1 or more, not " + requests + ".");
        }
        if (duration != null && !(duration > 0)) {
            throw new OptionValueException("--duration must be more than 0 seconds.");
        }
        LoadTest test = new LoadTest(url, model, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
        InputSet inputSet = inputSet(test.metadata());
        String body = V2RequestBody.json(inputSet.values(), null, false);
        test.probe(body); // a body the server refuses fails here with its message, before any level
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!json) {
            // Say what every request carries, as run does: the shapes come from the server and INPUTS.
            out.println("loadtest " + url + " model " + model);
            inputSet.describe().forEach(d -> out.println("input  " + d));
            out.printf("%-12s %9s %9s %9s %9s %9s %10s %7s%n", "concurrency", "requests", "p50 ms", "p90 ms",
                    "p99 ms", "max ms", "req/s", "errors");
        }
        LoadReport report = test.run(body, concurrency, requests,
                duration == null ? null : Duration.ofMillis(Math.round(duration * 1000)), level -> {
                    if (!json) {
                        out.printf(Locale.ROOT, "%-12d %9d %9.3f %9.3f %9.3f %9.3f %10.1f %7d  %s%n",
                                level.concurrency(), level.requests(), level.p50Ms(), level.p90Ms(), level.p99Ms(),
                                level.maxMs(), level.reqPerS(), level.errors(), level.statusCounts());
                        out.flush();
                    }
                });
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.valueToTree(report);
            InputOptions.putJson(root, inputSet);
            out.println(mapper.writeValueAsString(root));
        }
        out.flush();
        long errors = report.levels().stream().mapToLong(LoadLevel::errors).sum();
        if (errors > 0) {
            err.println("onnx-workbench: " + errors + " requests failed; see statusCounts.");
            return 1;
        }
        return 0;
    }

    /**
     * The request's values: the server's metadata stands in for the model file (its −1 dims are free ones),
     * and the INPUTS options fill it exactly as they do for {@code run}.
     */
    private InputSet inputSet(JsonNode metadata) throws WorkbenchException {
        List<ValueInfo> inputs = new ArrayList<>();
        for (JsonNode input : metadata.path("inputs")) {
            String name = input.path("name").asText();
            String datatype = input.path("datatype").asText();
            ElementType type = V2Datatype.parse(datatype).map(V2Datatype::elementType).orElseThrow(() ->
                    new WorkbenchException("The server lists input '" + name + "' with datatype '" + datatype
                            + "', which this client does not know."));
            List<Dimension> dims = new ArrayList<>();
            for (JsonNode d : input.path("shape")) {
                dims.add(d.asLong() < 0 ? Dimension.UNKNOWN : Dimension.of(d.asLong()));
            }
            inputs.add(new ValueInfo(name, new ValueType.TensorType(type, new Shape(dims))));
        }
        if (inputs.isEmpty()) {
            throw new WorkbenchException("The server lists no inputs for '" + model + "'.");
        }
        Graph graph = new Graph(model, "", List.of(), inputs, List.of(), List.of(), List.of(), List.of(), Map.of());
        Model described = new Model(Path.of(model), 0, 0, List.of(), "", "", "", 0, "", Map.of(), graph, List.of());
        return inputOptions.inputSet(Path.of(model), described, null, null);
    }
}
