package dev.onnxworkbench.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.runtime.PredictionJson;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.Verifier;
import dev.onnxworkbench.models.runtime.VerifyResult;
import dev.onnxworkbench.models.tensor.Comparison;
import dev.onnxworkbench.models.tensor.Tolerance;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code verify DIR...}: runs ONNX test cases and compares their outputs with the expected ones
 * (DESIGN.md). A DIR is a test case (model.onnx + test_data_set_N/), one data set folder, or a folder
 * of test cases (such as /usr/share/libonnx-testdata/data/node).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Run ONNX test cases (model.onnx + test_data_set_N/input_M.pb, output_M.pb) and compare "
                + "the outputs with the expected ones (rtol 1e-3, atol 1e-7 by default).")
final class VerifyCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "DIR",
            description = "a test case folder, a test_data_set_N folder, or a folder of test cases")
    List<Path> dirs;

    @Mixin
    SessionOptions sessionOptions = new SessionOptions();

    @Option(names = "--rtol", defaultValue = "1e-3", description = "relative tolerance (default: ${DEFAULT-VALUE})")
    double rtol;

    @Option(names = "--atol", defaultValue = "1e-7", description = "absolute tolerance (default: ${DEFAULT-VALUE})")
    double atol;

    @Option(names = "--json", description = "one JSON object per test data set per line")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws WorkbenchException {
        ProviderSettings settings = sessionOptions.settings();
        Verifier verifier = new Verifier(SessionFactory.withDefaults(), settings, new Tolerance(rtol, atol));
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper mapper = new ObjectMapper();
        Map<VerifyResult.Status, Integer> counts = new EnumMap<>(VerifyResult.Status.class);
        for (Path dir : dirs) {
            for (VerifyResult r : verify(verifier, dir)) {
                counts.merge(r.status(), 1, Integer::sum);
                if (json) {
                    try {
                        out.println(mapper.writeValueAsString(toJson(r)));
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                } else {
                    printText(out, r);
                }
                out.flush();
            }
        }
        int failed = counts.getOrDefault(VerifyResult.Status.FAILED, 0);
        int errors = counts.getOrDefault(VerifyResult.Status.ERROR, 0);
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        if (!json) {
            out.printf(Locale.ROOT, "%d data sets: %d passed, %d failed, %d unsupported, %d could not be read%n", total,
                    counts.getOrDefault(VerifyResult.Status.PASSED, 0), failed,
                    counts.getOrDefault(VerifyResult.Status.UNSUPPORTED, 0), errors);
            out.flush();
        }
        if (failed + errors > 0) {
            spec.commandLine().getErr().printf(Locale.ROOT, "onnx-workbench: %d of %d test data sets failed%s%n",
                    failed + errors, total, errors > 0 ? " (" + errors + " could not be read)" : "");
            return 1;
        }
        return 0;
    }

    private static List<VerifyResult> verify(Verifier verifier, Path dir) throws WorkbenchException {
        if (!Files.isDirectory(dir)) {
            return List.of(new VerifyResult(dir, "", VerifyResult.Status.ERROR, List.of(), dir + " is not a folder; "
                    + "give a test case folder (model.onnx + test_data_set_N/) or a folder of them."));
        }
        if (dir.getFileName() != null && dir.getFileName().toString().startsWith("test_data_set_")
                && Files.isRegularFile(dir.toAbsolutePath().getParent().resolve("model.onnx"))) {
            Path caseDir = dir.toAbsolutePath().getParent();
            return verifier.verifyCase(caseDir).stream()
                    .filter(r -> r.dataSet().equals(dir.getFileName().toString()) || r.dataSet().isEmpty()).toList();
        }
        if (Files.isRegularFile(dir.resolve("model.onnx"))) {
            return verifier.verifyCase(dir);
        }
        List<Path> cases;
        try (Stream<Path> children = Files.list(dir)) {
            cases = children.filter(c -> Files.isRegularFile(c.resolve("model.onnx"))).sorted().toList();
        } catch (IOException e) {
            throw new WorkbenchException("Could not list " + dir + ": " + e.getMessage(), e);
        }
        if (cases.isEmpty()) {
            return List.of(new VerifyResult(dir, "", VerifyResult.Status.ERROR, List.of(),
                    dir + " holds no model.onnx and no test case folders with one."));
        }
        List<VerifyResult> results = new ArrayList<>();
        for (Path c : cases) {
            results.addAll(verifier.verifyCase(c));
        }
        return results;
    }

    static ObjectNode toJson(VerifyResult r) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("dir", r.dir().toString());
        o.put("dataSet", r.dataSet());
        o.put("status", r.status().jsonName());
        ArrayNode outputs = o.putArray("outputs");
        for (Comparison c : r.outputs()) {
            ObjectNode co = PredictionJson.comparison(c);
            co.remove("message");
            outputs.add(co);
        }
        o.put("message", r.message());
        return o;
    }

    private static void printText(PrintWriter out, VerifyResult r) {
        String status = switch (r.status()) {
            case PASSED -> "PASS   ";
            case FAILED -> "FAIL   ";
            case UNSUPPORTED -> "UNSUPP ";
            case ERROR -> "ERROR  ";
        };
        double maxAbs = r.outputs().stream().mapToDouble(Comparison::maxAbsError).max().orElse(0);
        out.printf(Locale.ROOT, "%s%s %s%s%n", status, r.caseName(), r.dataSet(),
                r.status() == VerifyResult.Status.PASSED ? String.format(Locale.ROOT, "  (max abs error %.3g)", maxAbs)
                        : "  " + r.message());
    }
}
