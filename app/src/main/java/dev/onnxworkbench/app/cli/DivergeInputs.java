package dev.onnxworkbench.app.cli;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.runtime.inputs.InputFiles;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.InputSetBuilder;
import dev.onnxworkbench.models.runtime.inputs.InputSource;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import dev.onnxworkbench.models.runtime.inputs.TestDataInputs;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The inputs options as {@code run} takes them (--input, --random, --shape, --dim, --test-data), turned into one
 * {@link InputSet}. Used by {@code diverge} until the shared InputOptions mixin is merged.
 */
final class DivergeInputs {
    @Option(names = "--input", paramLabel = "NAME=FILE|VALUE",
            description = "values of one input: a .npy, .json, .csv or .pb file, or typed values; repeatable")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--random", paramLabel = "SEED", description = "random values from this seed for inputs not given")
    Long randomSeed;

    @Option(names = "--shape", paramLabel = "INPUT=D0,D1,...", description = "an input's whole shape; repeatable")
    List<String> shapes = new ArrayList<>();

    @Option(names = "--dim", paramLabel = "NAME=VALUE", description = "the size of a symbolic dimension; repeatable")
    List<String> dims = new ArrayList<>();

    @Option(names = "--test-data", paramLabel = "DIR", description = "take inputs from a test_data_set_N folder")
    Path testData;

    InputSet inputSet(Model model) throws WorkbenchException {
        List<InputSpec> specs = InputSpecs.derive(model);
        InputSetBuilder builder = InputSet.builder(specs);
        if (testData != null) {
            TestDataInputs data = TestDataInputs.load(testData, model.graph());
            for (Map.Entry<String, HostTensor> e : data.inputs().entrySet()) {
                builder.source(e.getKey(), new InputSource.Values(e.getValue(), "from " + testData.getFileName()));
            }
        }
        for (String s : inputs) {
            String[] kv = split(s, "--input NAME=FILE|VALUE");
            InputSpec spec = specs.stream().filter(x -> x.name().equals(kv[0])).findFirst().orElseThrow(() ->
                    new WorkbenchException("The model has no input named '" + kv[0] + "'; its inputs are "
                            + String.join(", ", specs.stream().map(InputSpec::name).toList()) + "."));
            Path file = Path.of(kv[1]);
            builder.source(kv[0], Files.isRegularFile(file)
                    ? new InputSource.Values(InputFiles.read(file, spec), "from " + file.getFileName())
                    : new InputSource.Typed(kv[1]));
        }
        for (String s : shapes) {
            String[] kv = split(s, "--shape INPUT=D0,D1,...");
            builder.shape(kv[0], parseLongs(kv[1], s));
        }
        for (String s : dims) {
            String[] kv = split(s, "--dim NAME=VALUE");
            builder.dim(kv[0], parseLongs(kv[1], s)[0]);
        }
        if (randomSeed != null) {
            builder.randomFill(randomSeed);
        }
        return builder.build();
    }

    private static String[] split(String text, String form) throws WorkbenchException {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new WorkbenchException("Write " + form + ", not '" + text + "'.");
        }
        return new String[] {text.substring(0, eq).strip(), text.substring(eq + 1).strip()};
    }

    private static long[] parseLongs(String text, String whole) throws WorkbenchException {
        try {
            String[] parts = text.split(",");
            long[] values = new long[parts.length];
            for (int i = 0; i < parts.length; i++) {
                values[i] = Long.parseLong(parts[i].strip());
            }
            return values;
        } catch (NumberFormatException e) {
            throw new WorkbenchException("'" + whole + "' needs whole numbers after '='.");
        }
    }
}
