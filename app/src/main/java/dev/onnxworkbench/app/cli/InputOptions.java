package dev.onnxworkbench.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Dimension;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.runtime.inputs.InputFiles;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.InputSetBuilder;
import dev.onnxworkbench.models.runtime.inputs.InputSetJson;
import dev.onnxworkbench.models.runtime.inputs.InputSource;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import dev.onnxworkbench.models.runtime.inputs.TestDataInputs;
import dev.onnxworkbench.models.runtime.inputs.ValueParser;
import dev.onnxworkbench.models.runtime.inputs.ValueRules;
import dev.onnxworkbench.models.tensor.TensorFiles;
import dev.onnxworkbench.models.tensor.TensorRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The INPUTS options every verb that runs a model shares ({@code @Mixin}): {@code --input}, {@code --random},
 * {@code --shape}, {@code --dim}, {@code --test-data}. {@link #inputSet} turns them into the model's
 * {@link InputSet}; a free dimension nobody sized is refused, naming the flag that sets it.
 */
public final class InputOptions {

    @Option(names = "--input", paramLabel = "NAME=FILE|VALUE",
            description = "values of one input: a .npy, .json, .csv or .pb file, or typed values "
                    + "(sr=16000, sex=male, x=[[1,2]]); repeatable")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--random", paramLabel = "SEED",
            description = "fill the inputs not given with --input/--test-data with random values from this seed "
                    + "(bench: 42 when absent)")
    Long randomSeed;

    @Option(names = "--shape", paramLabel = "INPUT=D0,D1,…",
            description = "an input's whole shape, e.g. x=1,3,640,640; sets its free (symbolic or ?) dimensions; repeatable")
    List<String> shapes = new ArrayList<>();

    @Option(names = "--dim", paramLabel = "NAME=SIZE",
            description = "the size of a named symbolic dimension wherever it is used, e.g. batch=1; repeatable")
    List<String> dims = new ArrayList<>();

    @Option(names = "--test-data", paramLabel = "DIR",
            description = "a test_data_set_N folder: inputs from its input_*.pb (unless given with --input)")
    Path testData;

    /** The one description of --allow-non-finite, on every verb that takes values (INPUTS, serve, predict-batch). */
    static final String ALLOW_NON_FINITE = "accept NaN, ±Inf and numbers beyond a float type's range (which become "
            + "±Inf) in typed values, request bodies and rows; refused otherwise";

    @Option(names = "--allow-non-finite", description = ALLOW_NON_FINITE)
    boolean allowNonFinite;

    /** What typed values may hold: finite floats only unless {@code --allow-non-finite}. */
    public ValueRules rules() {
        return ValueRules.of(allowNonFinite);
    }

    /** The seed {@code --random} gave, or {@code fallback}. */
    public Long randomSeedOr(Long fallback) {
        return randomSeed != null ? randomSeed : fallback;
    }

    public Path testData() {
        return testData;
    }

    /**
     * The model's input set from these options.
     *
     * @param modelFile    the model's path (test-data and messages)
     * @param model        the parsed model
     * @param defaultSeed  random fill for inputs nobody gave when {@code --random} is absent (bench: 42); null to
     *                     require every input
     * @param defaultBatch size for the batch dimension when no option sizes it ({@code bench --batch}); null for none
     */
    public InputSet inputSet(Path modelFile, Model model, Long defaultSeed, Long defaultBatch) throws WorkbenchException {
        List<InputSpec> specs = InputSpecs.derive(model);
        InputSetBuilder builder = InputSet.builder(specs).rules(rules());
        if (testData != null) {
            TestDataInputs data = TestDataInputs.load(testData, model.graph());
            data.inputs().forEach((name, tensor) -> builder.source(name, InputSource.testData(testData, tensor)));
        }
        for (String option : inputs) {
            String[] kv = split(option, "--input", "NAME=FILE or NAME=VALUE");
            InputSpec spec = specs.stream().filter(s -> s.name().equals(kv[0])).findFirst().orElse(null);
            if (spec == null) {
                builder.source(kv[0], new InputSource.Typed(kv[1])); // the builder names the model's inputs
                continue;
            }
            builder.source(kv[0], source(spec, kv[1], rules()));
        }
        for (String option : shapes) {
            String[] kv = split(option, "--shape", "INPUT=D0,D1,…");
            builder.shape(kv[0], sizes(option, kv[1]));
        }
        for (String option : dims) {
            String[] kv = split(option, "--dim", "NAME=SIZE");
            long[] size = sizes(option, kv[1]);
            if (size.length != 1) {
                throw new InvalidInputException("--dim " + option + ": give one size, e.g. --dim " + kv[0] + "=1.");
            }
            builder.dim(kv[0], size[0]);
        }
        Long seed = randomSeedOr(defaultSeed);
        if (seed != null) {
            builder.randomFill(seed);
        }
        if (defaultBatch != null) {
            builder.defaultBatch(defaultBatch);
        }
        return builder.build();
    }

    /**
     * A file when it exists or has a data-file extension; otherwise typed values, checked against the element
     * type's range, whose shape comes from their nesting ({@code [[1,2]]}) or fills one free dimension
     * ({@code age=35} for {@code age[N,1]} is {@code [1,1]}).
     */
    private static InputSource source(InputSpec spec, String text, ValueRules rules) throws WorkbenchException {
        Path file = Path.of(text);
        if (Files.isRegularFile(file) || looksLikeFile(text)) {
            return InputSource.file(file, InputFiles.read(file, spec));
        }
        if (spec.elementType() != ElementType.STRING) {
            boolean oneValue = spec.shape().elementCount().orElse(-1) == 1;
            // "12,5" where one number is wanted is a decimal comma, not two values
            List<String> tokens = oneValue && !text.contains("[") ? List.of(text.strip()) : ValueParser.tokens(text);
            if (tokens.size() == 1) {
                Optional<String> comma = ValueParser.check(spec.elementType(), tokens.getFirst(), rules);
                if (comma.isPresent() && comma.get().contains("decimal separator")) {
                    throw new InvalidInputException(spec.name() + ": " + comma.get());
                }
            }
            ValueParser.checkEach(spec, tokens, rules); // the same checks and messages as every other door
        }
        var tensor = TensorFiles.parse(text, new TensorRequest(spec.name(), spec.elementType(), requestedShape(spec)));
        return new InputSource.Values(tensor, new InputSource.Typed(text).description());
    }

    /** Fixed sizes kept, free ones -1 (taken from the values); null for an unknown rank. */
    private static long[] requestedShape(InputSpec spec) {
        if (!spec.shape().rankKnown()) {
            return null;
        }
        long[] shape = new long[spec.shape().rank()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = spec.shape().dims().get(i) instanceof Dimension.Fixed f ? f.value() : -1;
        }
        return shape;
    }

    private static boolean looksLikeFile(String source) {
        String s = source.toLowerCase(Locale.ROOT);
        return InputFiles.EXTENSIONS.stream().anyMatch(e -> s.endsWith("." + e));
    }

    private static String[] split(String option, String flag, String form) throws InvalidInputException {
        int eq = option.indexOf('=');
        if (eq <= 0) {
            throw new InvalidInputException("Write " + flag + " as " + form + ", not '" + option + "'.");
        }
        return new String[] {option.substring(0, eq).strip(), option.substring(eq + 1).strip()};
    }

    private static long[] sizes(String option, String text) throws InvalidInputException {
        String[] parts = text.split(",", -1);
        long[] sizes = new long[text.isBlank() ? 0 : parts.length];
        for (int i = 0; i < sizes.length; i++) {
            try {
                sizes[i] = Long.parseLong(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("'" + option + "': '" + parts[i].strip()
                        + "' is not a size; write whole numbers separated by commas, e.g. x=1,3,640,640.");
            }
            if (sizes[i] < 0) {
                throw new InvalidInputException("'" + option + "': sizes must be 0 or more.");
            }
        }
        return sizes;
    }

    /** Writes {@code "inputs": [{name, type, shape, source}]} into a verb's JSON object. */
    public static void putJson(ObjectNode parent, InputSet set) {
        InputSetJson.put(parent, set);
    }
}
