package dev.onnxworkbench.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.loadtest.LoadLevel;
import dev.onnxworkbench.models.loadtest.LoadReport;
import dev.onnxworkbench.models.loadtest.LoadTest;
import dev.onnxworkbench.models.serve.V2Datatype;
import dev.onnxworkbench.models.serve.V2RequestBody;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.RandomTensors;
import dev.onnxworkbench.models.tensor.TensorFiles;
import dev.onnxworkbench.models.tensor.TensorRequest;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

    @Option(names = "--input", paramLabel = "NAME=FILE",
            description = "values of one input: a .npy, .json or .csv file, or inline JSON/a bare value; repeatable")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--random", paramLabel = "SEED", description = "random values for inputs not given")
    Long randomSeed;

    @Option(names = "--shape", paramLabel = "INPUT=D0,D1,...",
            description = "concrete shape for an input with variable dimensions (default: variable dims = 1)")
    List<String> shapes = new ArrayList<>();

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
            throw new WorkbenchException("--requests must be 1 or more, not " + requests + ".");
        }
        if (duration != null && !(duration > 0)) {
            throw new WorkbenchException("--duration must be more than 0 seconds.");
        }
        LoadTest test = new LoadTest(url, model, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
        String body = V2RequestBody.json(values(test.metadata()), null, false);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!json) {
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
            out.println(new ObjectMapper().writeValueAsString(report));
        }
        out.flush();
        long errors = report.levels().stream().mapToLong(LoadLevel::errors).sum();
        if (errors > 0) {
            err.println("onnx-workbench: " + errors + " requests failed; see statusCounts.");
            return 1;
        }
        return 0;
    }

    /** One value per input the server lists, from --input, else random (--random), with --shape for free dims. */
    private Map<String, HostTensor> values(JsonNode metadata) throws WorkbenchException {
        Map<String, String> given = pairs(inputs, "--input", "NAME=FILE");
        Map<String, String> shapeText = pairs(shapes, "--shape", "INPUT=D0,D1,...");
        Map<String, HostTensor> values = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int index = 0;
        for (JsonNode input : metadata.path("inputs")) {
            String name = input.path("name").asText();
            names.add(name);
            String datatype = input.path("datatype").asText();
            ElementType type = V2Datatype.parse(datatype).map(V2Datatype::elementType).orElseThrow(() ->
                    new WorkbenchException("The server lists input '" + name + "' with datatype '" + datatype
                            + "', which this client does not know."));
            long[] declared = new long[input.path("shape").size()];
            for (int i = 0; i < declared.length; i++) {
                declared[i] = input.path("shape").get(i).asLong();
            }
            long[] shape = shapeText.containsKey(name) ? parseShape(name, shapeText.get(name))
                    : RandomTensors.concrete(declared, 1);
            String source = given.get(name);
            if (source != null) {
                TensorRequest request = new TensorRequest(name, type, shape);
                Path file = Path.of(source);
                values.put(name, Files.isRegularFile(file) ? TensorFiles.read(file, request)
                        : TensorFiles.parse(source, request));
            } else if (randomSeed != null) {
                values.put(name, RandomTensors.generate(type, shape, randomSeed + 31L * index));
            } else {
                missing.add(name + " (" + datatype + " " + input.path("shape") + ")");
            }
            index++;
        }
        for (String name : given.keySet()) {
            if (!names.contains(name)) {
                throw new WorkbenchException("The model '" + model + "' has no input '" + name + "'; its inputs are "
                        + String.join(", ", names) + ".");
            }
        }
        if (!missing.isEmpty()) {
            throw new WorkbenchException("Give values for " + String.join(", ", missing)
                    + " with --input NAME=VALUE, or use --random SEED.");
        }
        return values;
    }

    private static Map<String, String> pairs(List<String> specs, String option, String form) throws WorkbenchException {
        Map<String, String> map = new LinkedHashMap<>();
        for (String s : specs) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new WorkbenchException("Write " + option + " as " + form + ", not '" + s + "'.");
            }
            map.put(s.substring(0, eq).strip(), s.substring(eq + 1));
        }
        return map;
    }

    private static long[] parseShape(String name, String text) throws WorkbenchException {
        try {
            String[] parts = text.replace("[", "").replace("]", "").split("[,x×]");
            long[] dims = new long[parts.length];
            for (int i = 0; i < parts.length; i++) {
                dims[i] = Long.parseLong(parts[i].strip());
            }
            return dims;
        } catch (NumberFormatException e) {
            throw new WorkbenchException("--shape " + name + "=" + text + " is not a list of sizes like 1,3,224,224.");
        }
    }
}
