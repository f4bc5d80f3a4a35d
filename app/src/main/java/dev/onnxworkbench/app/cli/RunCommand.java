package dev.onnxworkbench.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.inspect.Inspection;
import dev.onnxworkbench.models.inspect.InspectionJson;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import dev.onnxworkbench.models.runtime.InferenceException;
import dev.onnxworkbench.models.runtime.ModelSession;
import dev.onnxworkbench.models.runtime.PredictionJson;
import dev.onnxworkbench.models.runtime.PredictionResult;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionConfig;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.ValueDescriptor;
import dev.onnxworkbench.models.runtime.Verifier;
import dev.onnxworkbench.models.tensor.Comparison;
import dev.onnxworkbench.models.tensor.Tolerance;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.OutputValue;
import dev.onnxworkbench.models.runtime.inputs.InputDescription;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code run MODEL}: one prediction from the command line, as text or JSON (DESIGN.md). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a model once on inputs from files (.npy, .json, .csv, .pb), typed values or random values, "
                + "and print its outputs.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "the .onnx file")
    Path model;

    @Mixin
    InputOptions inputOptions = new InputOptions();

    @Mixin
    SessionOptions sessionOptions;

    @Option(names = "--values", paramLabel = "N", defaultValue = "10",
            description = "how many values of each output to print (default: ${DEFAULT-VALUE})")
    int maxValues;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Option(names = "--inspect", paramLabel = "all|NAME[,NAME...]",
            description = "also report every tensor produced by a node of the top-level graph (all), or the named "
                    + "ones: type, actual shape, min/max/mean/std, NaN/Inf/zero counts, histogram")
    String inspect;

    @Option(names = "--dump", paramLabel = "DIR",
            description = "write each inspected tensor as DIR/<name>.npy plus DIR/index.json (implies --inspect all "
                    + "when --inspect is not given)")
    Path dump;

    @Option(names = "--window", paramLabel = "INPUT=SAMPLES[:HOP]",
            description = "run over the whole signal given to INPUT (a .wav or .npy), window by window along its last "
                    + "axis; the next window starts HOP samples later (default: SAMPLES); one row per window")
    String window;

    @Option(names = "--carry", paramLabel = "OUTPUT=INPUT",
            description = "with --window: feed OUTPUT back into INPUT for the next window (a recurrent state; the first "
                    + "window gets zeros unless INPUT is given); repeatable")
    List<String> carry = new java.util.ArrayList<>();

    @Option(names = "--out", paramLabel = "ROWS.csv",
            description = "with --window: also write the rows (window, startSeconds, endSeconds, startSample, endSample, "
                    + "outputs) as CSV")
    Path out;

    @Option(names = "--memory-budget", paramLabel = "SIZE", defaultValue = "1g",
            converter = MemoryBudgetConverter.class, description = MemoryBudgetConverter.DESCRIPTION + " (--inspect)")
    dev.onnxworkbench.models.memory.MemoryBudget memoryBudget;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws WorkbenchException {
        ProviderSettings settings = sessionOptions.settings();
        SessionFactory factory = SessionFactory.withDefaults();
        var parsed = new OnnxReader().read(model);
        if (window != null) {
            return new StreamCommand(spec, model, inputOptions, window, carry, out, maxValues, json).run(factory,
                    settings, parsed);
        }
        if (!carry.isEmpty() || out != null) {
            throw new dev.onnxworkbench.models.runtime.inputs.InvalidInputException(
                    (out != null ? "--out" : "--carry") + " goes with --window INPUT=SAMPLES[:HOP] (a streaming run).");
        }
        Path testData = inputOptions.testData();
        InputSet inputSet = inputOptions.inputSet(model, parsed, null, null);
        try (ModelSession session = factory.open(model, settings)) {
            Verifier.TestValues test = testData == null ? null : Verifier.load(session, parsed.graph(), testData);
            Map<String, HostTensor> values = inputSet.values();
            PredictionResult result = RunInspection.run(factory, settings, model, session, values);
            List<Comparison> comparisons = test == null ? List.of()
                    : new Verifier(factory, settings, Tolerance.ONNX_BACKEND).compare(test.expected(), result);
            session.close(); // the inspection's own sessions should not share memory with this one
            Inspection inspection = inspect == null && dump == null ? null
                    : RunInspection.inspect(factory, settings, model, values, inspect, dump, memoryBudget);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = toJson(session, inputSet, result, comparisons);
                if (inspection != null) {
                    InspectionJson.addTo(root, inspection);
                    RunInspection.putCosts(root, parsed.graph(), inspection, values);
                }
                out.println(new ObjectMapper().writeValueAsString(root));
            } else {
                printText(out, session, inputSet, result, comparisons);
                if (inspection != null) {
                    RunInspection.printText(out, inspection, dump);
                }
            }
            out.flush();
            long failed = comparisons.stream().filter(c -> !c.pass()).count();
            if (failed > 0) {
                spec.commandLine().getErr().println("onnx-workbench: " + failed + " of " + comparisons.size()
                        + " outputs differ from " + testData.getFileName() + ": " + comparisons.stream()
                        .filter(c -> !c.pass()).findFirst().orElseThrow().message());
                return 1;
            }
            return 0;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ProviderSettings settings(String providerName, List<String> options) throws WorkbenchException {
        return settings(providerName, null, options);
    }

    /**
     * The settings of --provider/--config/--option: the config file's (if any), then each option on top. A
     * --provider that differs from the config file's provider is refused rather than silently mixed.
     */
    static ProviderSettings settings(String providerName, Path configFile, List<String> options)
            throws WorkbenchException {
        ProviderSettings base = configFile == null ? null : SessionConfig.read(configFile);
        String name = providerName != null ? providerName : base != null ? base.provider().name() : "cpu";
        ExecutionProvider p = ExecutionProvider.parse(name).orElseThrow(() -> new WorkbenchException(
                "Unknown provider '" + name + "'; use cpu, cuda or tensorrt."));
        if (base != null && base.provider() != p) {
            throw new WorkbenchException("--provider " + providerName + " contradicts " + configFile.getFileName()
                    + ", which is for " + base.provider().displayName() + "; leave out one of them.");
        }
        Map<String, String> map = new TreeMap<>(base == null ? Map.of() : base.options());
        for (String option : options) {
            int eq = option.indexOf('=');
            if (eq <= 0) {
                throw new WorkbenchException("Write provider options as KEY=VALUE, not '" + option + "'.");
            }
            map.put(option.substring(0, eq).strip(), option.substring(eq + 1).strip());
        }
        return new ProviderSettings(p, map).validated();
    }

    private ObjectNode toJson(ModelSession session, InputSet inputSet, PredictionResult result,
                              List<Comparison> comparisons) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("model", model.toString());
        root.put("provider", session.settings().provider().displayName());
        InputOptions.putJson(root, inputSet);
        ArrayNode outputs = root.putArray("outputs");
        for (Map.Entry<String, OutputValue> e : result.outputs().entrySet()) {
            ObjectNode output = PredictionJson.output(e.getKey(), e.getValue(), maxValues);
            if (!(e.getValue() instanceof OutputValue.TensorValue)) {
                // ORT knows the full type ("sequence<map<string,float32>>"); the value alone says only "sequence".
                session.outputs().stream().filter(d -> d.name().equals(e.getKey())).findFirst()
                        .ifPresent(d -> output.put("type", d.typeText()));
            }
            comparisons.stream().filter(c -> c.name().equals(e.getKey())).findFirst()
                    .ifPresent(c -> output.set("expected", PredictionJson.comparison(c)));
            outputs.add(output);
        }
        root.put("latencyMs", result.latencyMillis());
        root.put("sessionCreateMs", session.creationTime().toNanos() / 1e6);
        return root;
    }

    private void printText(PrintWriter out, ModelSession session, InputSet inputSet, PredictionResult result,
                           List<Comparison> comparisons) {
        out.printf(Locale.ROOT, "%s on %s (session %.1f ms, run %.3f ms)%n", model.getFileName(),
                session.settings().provider().displayName(), session.creationTime().toNanos() / 1e6,
                result.latencyMillis());
        for (InputDescription d : inputSet.describe()) {
            out.println("input  " + d);
        }
        for (Map.Entry<String, OutputValue> e : result.outputs().entrySet()) {
            out.printf("%s  %s%n    %s%n", e.getKey(), e.getValue().describe(),
                    PredictionJson.value(e.getValue(), maxValues));
            if (e.getValue() instanceof OutputValue.TensorValue t && t.tensor().elementCount() > maxValues) {
                out.printf(Locale.ROOT, "    (first %d of %d values)%n", maxValues, t.tensor().elementCount());
            }
            for (Comparison c : comparisons) {
                if (c.name().equals(e.getKey())) {
                    out.printf(Locale.ROOT, "    %s: max abs error %.3g, max rel error %.3g%s%n",
                            c.pass() ? "matches expected" : "DIFFERS from expected", c.maxAbsError(),
                            c.maxRelError(), c.pass() ? "" : " (" + c.message() + ")");
                }
            }
        }
    }
}
