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
import java.util.Set;
import dev.onnxworkbench.models.runtime.inputs.AudioPreprocessor;
import dev.onnxworkbench.models.runtime.inputs.EditorKind;
import dev.onnxworkbench.models.runtime.inputs.InputRecipe;
import dev.onnxworkbench.models.runtime.inputs.InputSetFile;
import dev.onnxworkbench.models.runtime.inputs.MediaInputs;
import dev.onnxworkbench.models.runtime.inputs.ModelStride;
import dev.onnxworkbench.models.runtime.inputs.Recording;
import dev.onnxworkbench.models.runtime.stream.StreamPlan;
import dev.onnxworkbench.models.runtime.stream.StreamingRun;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The INPUTS options every verb that runs a model shares ({@code @Mixin}): {@code --input}, {@code --inputs},
 * {@code --random}, {@code --shape}, {@code --dim}, {@code --test-data}, and the picture and recording settings
 * ({@link MediaOptions}). {@link #inputSet} turns them into the model's
 * {@link InputSet}; a free dimension nobody sized is refused, naming the flag that sets it.
 */
public final class InputOptions {

    @Option(names = "--input", paramLabel = "NAME=FILE|VALUE",
            description = "values of one input: a .npy, .json, .csv or .pb file, a picture (.png .jpg .bmp .gif, "
                    + "see --image-size…), a recording (.wav, see --sample-rate…), or typed values "
                    + "(sr=16000, sex=male, x=[[1,2]]); repeatable")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--inputs", paramLabel = "SET.json",
            description = "an input set saved by the window (File ▸ Save Input Set…) or written by hand: every "
                    + "input's source and preprocessing; --input, --shape and --dim given too take precedence")
    Path inputSetFile;

    @Mixin
    MediaOptions media = new MediaOptions();

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** Set by {@code run --window}: the streamed input keeps its whole signal, its value is the first window. */
    private StreamPlan stream;
    private StreamSignal streamed;

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

    /** The INPUTS words of the command line parsed on their own: what a tool or test that takes the same words uses. */
    public static InputOptions parse(String... args) {
        Holder holder = new Holder();
        new picocli.CommandLine(holder).parseArgs(args);
        return holder.options;
    }

    @picocli.CommandLine.Command(name = "inputs")
    static final class Holder {
        @Mixin
        InputOptions options = new InputOptions();
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
        Map<String, Long> known = new LinkedHashMap<>();
        Map<String, InputSource> given = new LinkedHashMap<>();
        if (inputSetFile != null) {
            InputSetFile.Saved saved = InputSetFile.read(inputSetFile, model);
            Set<String> parameters = new java.util.HashSet<>();
            specs.forEach(sp -> parameters.addAll(sp.sizeParameters()));
            saved.sizes().forEach((p, size) -> {
                if (parameters.contains(p)) {
                    known.put(p, size);
                    builder.dim(p, size);
                }
            });
            given.putAll(saved.sources());
        }
        if (testData != null) {
            TestDataInputs data = TestDataInputs.load(testData, model.graph());
            data.inputs().forEach((name, tensor) -> given.put(name, InputSource.testData(testData, tensor)));
        }
        known.putAll(chosenSizes(specs));
        for (String option : shapes) {
            String[] kv = split(option, "--shape", "INPUT=D0,D1,…");
            builder.shape(kv[0], sizes(option, kv[1]));
        }
        for (String option : dims) {
            String[] kv = split(option, "--dim", "NAME=SIZE");
            builder.dim(kv[0], sizes(option, kv[1])[0]);
        }
        Map<String, String[]> byInput = new LinkedHashMap<>();
        for (String option : inputs) {
            String[] kv = split(option, "--input", "NAME=FILE or NAME=VALUE");
            byInput.put(kv[0], kv);
        }
        Integer modelRate = modelRate(specs, byInput);
        List<String> rates = new ArrayList<>();
        for (String[] kv : byInput.values()) {
            InputSpec spec = specs.stream().filter(s -> s.name().equals(kv[0])).findFirst().orElse(null);
            if (spec == null) {
                given.put(kv[0], new InputSource.Typed(kv[1])); // the builder names the model's inputs
                continue;
            }
            InputSource source = source(model, spec, kv[1], known, modelRate, rules());
            given.put(kv[0], source);
            if (source instanceof InputSource.Values v && v.recipe() instanceof InputRecipe.AudioFile a
                    && spec.sampleRateInput() != null) {
                rates.add(spec.sampleRateInput() + "=" + a.settings().sampleRate() + "=" + a.path().getFileName());
            }
        }
        for (String rate : rates) {
            String[] p = rate.split("=", 3);
            if (!given.containsKey(p[0])) {
                InputSpec sr = specs.stream().filter(s -> s.name().equals(p[0])).findFirst().orElseThrow();
                given.put(p[0], new InputSource.Values(ValueParser.parse(p[0], p[1], sr.elementType(),
                        sr.concreteShape(known)), p[1] + ", the sample rate of " + p[2]));
            }
        }
        if (stream != null) {
            for (String target : stream.carry().values()) {
                InputSpec spec = specs.stream().filter(s -> s.name().equals(target)).findFirst().orElse(null);
                if (spec != null && !given.containsKey(target) && spec.shape().rankKnown()) {
                    long[] shape = spec.concreteShape(known);
                    given.put(target, new InputSource.Values(StreamingRun.zeros(spec.elementType(), shape),
                            "zeros (the first window's state; then carried)"));
                }
            }
        }
        given.forEach(builder::source);
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
     * The sizes {@code --shape} and {@code --dim} give named (symbolic) dimensions: what a picture's free height
     * and width take before its own size, here and in a calibration folder.
     */
    public Map<String, Long> chosenSizes(List<InputSpec> specs) throws InvalidInputException {
        Map<String, Long> known = new LinkedHashMap<>();
        for (String option : shapes) {
            String[] kv = split(option, "--shape", "INPUT=D0,D1,…");
            long[] shape = sizes(option, kv[1]);
            specs.stream().filter(sp -> sp.name().equals(kv[0]) && sp.shape().rankKnown()
                    && sp.shape().rank() == shape.length).findFirst().ifPresent(sp -> {
                for (int axis = 0; axis < shape.length; axis++) {
                    if (sp.sizeParameter(axis) != null) {
                        known.put(sp.sizeParameter(axis), shape[axis]);
                    }
                }
            });
        }
        for (String option : dims) {
            String[] kv = split(option, "--dim", "NAME=SIZE");
            long[] size = sizes(option, kv[1]);
            if (size.length != 1) {
                throw new InvalidInputException("--dim " + option + ": give one size, e.g. --dim " + kv[0] + "=1.");
            }
            known.put(kv[0], size[0]);
        }
        return known;
    }

    /** {@code run --window}: cut the named input into windows (its set value is the first one). */
    public void streamWith(StreamPlan plan) {
        this.stream = plan;
    }

    /** After {@link #inputSet} with {@link #streamWith}: the whole signal of the streamed input. */
    public StreamSignal streamed() throws InvalidInputException {
        if (streamed == null) {
            throw new InvalidInputException("--window " + stream.input() + "=…: give the recording or signal to stream "
                    + "with --input " + stream.input() + "=FILE (.wav, .npy, .json, .csv).");
        }
        return streamed;
    }

    /** The whole signal of a streamed input, its sample rate (0 when it is not a recording) and where it came from. */
    public record StreamSignal(HostTensor whole, int sampleRate, String description) {}

    /** The rate typed for the model's sample-rate input ({@code --input sr=16000}), to resample recordings to. */
    private static Integer modelRate(List<InputSpec> specs, Map<String, String[]> byInput) {
        for (InputSpec spec : specs) {
            String[] kv = spec.sampleRateInput() == null ? null : byInput.get(spec.sampleRateInput());
            if (kv != null) {
                try {
                    return Integer.valueOf(kv[1].strip());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private void note(String text) {
        if (mixee != null) {
            mixee.commandLine().getErr().println("onnx-workbench: " + text);
            mixee.commandLine().getErr().flush();
        }
    }

    /**
     * A file when it exists or has a data-file extension; otherwise typed values, checked against the element
     * type's range, whose shape comes from their nesting ({@code [[1,2]]}) or fills one free dimension
     * ({@code age=35} for {@code age[N,1]} is {@code [1,1]}).
     */
    private InputSource source(Model model, InputSpec spec, String text, Map<String, Long> known, Integer modelRate,
                               ValueRules rules) throws WorkbenchException {
        Path file = Path.of(text);
        boolean streamedInput = stream != null && stream.input().equals(spec.name());
        if (MediaInputs.isImage(file)) {
            return MediaInputs.image(file, spec, media.imageSettings(spec), known, ModelStride.of(model.graph(), spec.name()));
        }
        if (MediaInputs.isAudio(file)) {
            var settings = media.audioSettings();
            if (streamedInput) {
                AudioPreprocessor.Signal signal = AudioPreprocessor.signal(Recording.read(file),
                        file.getFileName().toString(), settings, modelRate);
                HostTensor whole = AudioPreprocessor.whole(signal, spec, known);
                streamed = new StreamSignal(whole, signal.sampleRate(), signal.description());
                return new InputSource.Values(StreamingRun.slice(whole, 0, stream.window()), signal.description()
                        + ", streamed in " + stream.describe(), new InputRecipe.AudioFile(file,
                        settings.withSampleRate(signal.sampleRate())));
            }
            AudioPreprocessor.Prepared p = MediaInputs.audio(file, spec, settings, modelRate, known);
            if (p.cut() != null) {
                note(p.cut());
            }
            return MediaInputs.source(file, p);
        }
        if (streamedInput && (Files.isRegularFile(file) || looksLikeFile(text))) {
            HostTensor whole = TensorFiles.read(file, new TensorRequest(spec.name(), spec.elementType(), null));
            streamed = new StreamSignal(whole, 0, "from " + file.getFileName());
            return new InputSource.Values(StreamingRun.slice(whole, 0, stream.window()), "from " + file.getFileName()
                    + ", streamed in " + stream.describe());
        }
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

    static String[] split(String option, String flag, String form) throws InvalidInputException {
        int eq = option.indexOf('=');
        if (eq <= 0) {
            throw new InvalidInputException("Write " + flag + " as " + form + ", not '" + option + "'.");
        }
        return new String[] {option.substring(0, eq).strip(), option.substring(eq + 1).strip()};
    }

    static long[] sizes(String option, String text) throws InvalidInputException {
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
