package dev.onnxworkbench.models.precision;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Dimension;
import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.runtime.inputs.AudioPreprocessor;
import dev.onnxworkbench.models.runtime.inputs.AudioSettings;
import dev.onnxworkbench.models.runtime.inputs.ImageSettings;
import dev.onnxworkbench.models.runtime.inputs.InputFiles;
import dev.onnxworkbench.models.runtime.inputs.MediaInputs;
import dev.onnxworkbench.models.runtime.inputs.ModelStride;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import dev.onnxworkbench.models.runtime.inputs.TestDataInputs;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.Shapes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Calibration or evaluation data: samples (one value per model input) read one at a time, so a set of any size
 * costs the memory of one sample. Made from
 * <ul>
 *   <li>{@code NAME=FILE.npy} (or .pb/.json/.csv) per input: the first axis is the sample axis (each sample keeps a
 *       batch axis of 1 where the model's input has the file's rank);</li>
 *   <li>a folder of {@code test_data_set_N} folders (the backend test suite's layout);</li>
 *   <li>a folder of value files (.npy, .pb) for a one-input model, one sample per file;</li>
 *   <li>a folder of pictures (.png, .jpg, .bmp, .gif) or recordings (.wav) for a one-input model, made into
 *       tensors by the media road ({@link MediaInputs}: {@link ImageSettings}, {@link AudioSettings}) exactly as
 *       {@code run --input x=photo.png} and the Predict form make them; a model with free height and width gets
 *       each picture at its own size rounded to the model's stride ({@link ModelStride}).</li>
 * </ul>
 * Every sample is checked against the model's inputs (element type, rank, fixed sizes); a misfit names the input
 * and the file.
 */
public final class SampleSet {
    private interface Loader {
        Map<String, HostTensor> load(int index) throws WorkbenchException;
    }

    private final List<InputSpec> specs;
    private final int size;
    private final Loader loader;
    private final String description;
    private final List<String> names;
    private List<String> notes = List.of();
    private List<Path> pictures = List.of();
    private ImageSettings pictureSettings;

    /**
     * A sample made from a picture: its file and its settings (resize mode, layout), so labelled boxes in the
     * picture's pixels can follow it into the input's.
     */
    public record PictureSample(Path file, ImageSettings settings) {
    }

    private SampleSet(List<InputSpec> specs, int size, Loader loader, String description, List<String> names) {
        this.specs = List.copyOf(specs);
        this.size = size;
        this.loader = loader;
        this.description = description;
        this.names = List.copyOf(names);
    }

    /** Samples already in memory (tests, the window's current input set). */
    public static SampleSet of(List<InputSpec> specs, List<Map<String, HostTensor>> samples, String description) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            names.add(description + " #" + (i + 1));
        }
        return new SampleSet(specs, samples.size(), i -> checked(specs, samples.get(i), names.get(i)), description,
                names);
    }

    /** One file per input ({@code NAME=FILE}), the first axis the sample axis. */
    public static SampleSet fromFiles(List<InputSpec> specs, Map<String, Path> files) throws WorkbenchException {
        Map<String, HostTensor> all = new LinkedHashMap<>();
        long count = -1;
        for (Map.Entry<String, Path> e : files.entrySet()) {
            InputSpec spec = spec(specs, e.getKey());
            InputSpec free = new InputSpec(spec.name(), spec.type(), spec.elementType(),
                    dev.onnxworkbench.models.graph.Shape.UNKNOWN_RANK, spec.editorKind(), spec.categories(),
                    spec.fieldNames(), spec.imageLayout(), spec.sampleRateInput(), spec.docString());
            HostTensor t = InputFiles.read(e.getValue(), free);
            if (t.rank() == 0) {
                throw new InvalidInputException(e.getValue().getFileName() + " for the input '" + spec.name()
                        + "' holds a single value; its first axis must be the sample axis.");
            }
            if (count >= 0 && t.shape()[0] != count) {
                throw new InvalidInputException(e.getValue().getFileName() + " holds " + t.shape()[0]
                        + " samples, but the other files hold " + count + ".");
            }
            count = t.shape()[0];
            all.put(spec.name(), t);
        }
        checkAllInputs(specs, all.keySet());
        String description = String.join(", ", files.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().getFileName()).toList());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(description + " [" + i + "]");
        }
        return new SampleSet(specs, (int) count, i -> slice(specs, all, i, files), description, names);
    }

    /**
     * How pictures and recordings in a folder become tensors: the media road's settings, the same ones
     * {@code run --input x=photo.png} and the Predict form use ({@link MediaInputs}).
     *
     * @param images picture settings by input name; an input not named takes {@link ImageSettings#defaults}
     * @param audio  recording settings (rate, channel, offset, length)
     * @param sizes  sizes already chosen for free dimensions ({@code --dim}, the form's size fields); free height
     *               and width not chosen take each picture's own size rounded to the model's stride
     */
    public record Media(Map<String, ImageSettings> images, AudioSettings audio, Map<String, Long> sizes) {
        public static final Media DEFAULTS = new Media(Map.of(), AudioSettings.DEFAULT, Map.of());

        public Media {
            images = Map.copyOf(images);
            audio = audio == null ? AudioSettings.DEFAULT : audio;
            sizes = Map.copyOf(sizes);
        }

        public ImageSettings imageFor(InputSpec spec) {
            ImageSettings s = images.get(spec.name());
            return s != null ? s : ImageSettings.defaults(spec);
        }
    }

    /** A folder: test-data sets, value files, pictures or recordings (see the class comment). */
    public static SampleSet fromDirectory(List<InputSpec> specs, Graph graph, Path dir, Media media)
            throws WorkbenchException {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException("The data folder " + dir + " does not exist or is not a folder.");
        }
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException("Cannot list " + dir + ": " + e.getMessage());
        }
        List<Path> testSets = entries.stream().filter(Files::isDirectory)
                .filter(p -> p.getFileName().toString().startsWith("test_data_set")).toList();
        String label = dir.getFileName() + "/";
        if (!testSets.isEmpty()) {
            return new SampleSet(specs, testSets.size(), i -> checked(specs, TestDataInputs.load(testSets.get(i), graph)
                    .inputs(), testSets.get(i).getFileName().toString()), label + " (" + testSets.size()
                    + " test data sets)", testSets.stream().map(p -> p.getFileName().toString()).toList());
        }
        List<Path> files = entries.stream().filter(Files::isRegularFile).toList();
        List<Path> images = files.stream().filter(MediaInputs::isImage).toList();
        List<Path> recordings = files.stream().filter(MediaInputs::isAudio).toList();
        List<Path> values = files.stream().filter(p -> hasExtension(p, "npy", "pb")).toList();
        List<InputSpec> tensors = specs.stream().filter(InputSpec::isTensor).toList();
        if (images.isEmpty() && recordings.isEmpty() && values.isEmpty()) {
            throw new InvalidInputException("The data folder " + dir + " holds no test_data_set_N folders, .npy/.pb "
                    + "files, pictures (" + String.join(", ", MediaInputs.IMAGE_EXTENSIONS) + ") or recordings (.wav).");
        }
        if (tensors.size() != 1) {
            throw new InvalidInputException("The model takes " + tensors.size() + " inputs; a folder of files feeds a "
                    + "one-input model. Give NAME=FILE.npy per input or test_data_set_N folders.");
        }
        InputSpec spec = tensors.getFirst();
        if (!images.isEmpty()) {
            ImageSettings settings = media.imageFor(spec);
            ModelStride stride = ModelStride.of(graph, spec.name());
            SampleSet set = new SampleSet(specs, images.size(), i -> checked(specs, Map.of(spec.name(),
                    MediaInputs.image(images.get(i), spec, settings, media.sizes(), stride).tensor()),
                    images.get(i).getFileName().toString()), label + " (" + count(images.size(), "picture") + ", "
                    + sizeText(spec, settings, stride) + ", "
                    + settings.describe().substring(settings.describe().indexOf(',') + 2) + ")",
                    names(images));
            set.pictures = List.copyOf(images);
            set.pictureSettings = settings;
            return set;
        }
        if (!recordings.isEmpty()) {
            List<String> cuts = new java.util.concurrent.CopyOnWriteArrayList<>();
            SampleSet set = new SampleSet(specs, recordings.size(), i -> {
                AudioPreprocessor.Prepared p = MediaInputs.audio(recordings.get(i), spec, media.audio(), null,
                        media.sizes());
                if (p.cut() != null && !cuts.contains(p.cut())) {
                    cuts.add(p.cut());
                }
                return checked(specs, Map.of(spec.name(), p.tensor()), recordings.get(i).getFileName().toString());
            }, label + " (" + count(recordings.size(), "recording") + ", " + media.audio().describe() + ")", names(recordings));
            set.notes = cuts;
            return set;
        }
        return new SampleSet(specs, values.size(), i -> checked(specs,
                Map.of(spec.name(), InputFiles.read(values.get(i), spec)), values.get(i).getFileName().toString()),
                label + " (" + values.size() + " files)", names(values));
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList();
    }

    /** "640×640" when set or fixed by the model, else "each picture's own size rounded to a multiple of 32". */
    private static String sizeText(InputSpec spec, ImageSettings s, ModelStride stride) {
        if (s.width() != null) {
            return s.width() + "×" + s.height();
        }
        boolean nchw = s.layout() == dev.onnxworkbench.models.runtime.inputs.ImageLayout.NCHW;
        List<Dimension> d = spec.shape().rankKnown() && spec.shape().rank() == 4 ? spec.shape().dims() : List.of();
        if (!d.isEmpty() && d.get(nchw ? 2 : 1) instanceof Dimension.Fixed h
                && d.get(nchw ? 3 : 2) instanceof Dimension.Fixed w) {
            return "the model's " + w.value() + "×" + h.value();
        }
        return "each picture's own size" + (stride.width() > 1 || stride.height() > 1
                ? " rounded to a multiple of " + stride : "");
    }

    /**
     * What preprocessing had to say about the samples read so far (a recording longer than the input: which part
     * ran). Empty for other sets.
     */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    public int size() {
        return size;
    }

    /** The model inputs the samples feed. */
    public List<InputSpec> specs() {
        return specs;
    }

    /** Sample {@code index}, read now. */
    public Map<String, HostTensor> sample(int index) throws WorkbenchException {
        return loader.load(index);
    }

    /** For a person: the sample's file or position. */
    /** The picture sample {@code index} was made from; empty unless the set is a folder of pictures. */
    public java.util.Optional<PictureSample> picture(int index) {
        return pictures.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(new PictureSample(pictures.get(index), pictureSettings));
    }

    public String name(int index) {
        return names.get(index);
    }

    public String description() {
        return description + ", " + size + (size == 1 ? " sample" : " samples");
    }

    private static boolean hasExtension(Path p, String... extensions) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String e : extensions) {
            if (name.endsWith("." + e) && Files.isRegularFile(p)) {
                return true;
            }
        }
        return false;
    }

    private static InputSpec spec(List<InputSpec> specs, String name) throws InvalidInputException {
        for (InputSpec s : specs) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new InvalidInputException("The model has no input named '" + name + "'; its inputs are "
                + String.join(", ", specs.stream().map(InputSpec::name).toList()) + ".");
    }

    private static void checkAllInputs(List<InputSpec> specs, java.util.Set<String> given)
            throws InvalidInputException {
        List<String> missing = specs.stream().map(InputSpec::name).filter(n -> !given.contains(n)).toList();
        if (!missing.isEmpty()) {
            throw new InvalidInputException("The data set gives no values for the input"
                    + (missing.size() == 1 ? " '" : "s '") + String.join("', '", missing) + "'.");
        }
    }

    private static Map<String, HostTensor> slice(List<InputSpec> specs, Map<String, HostTensor> all, int index,
                                                 Map<String, Path> files) throws WorkbenchException {
        Map<String, HostTensor> sample = new LinkedHashMap<>();
        for (Map.Entry<String, HostTensor> e : all.entrySet()) {
            HostTensor t = e.getValue();
            InputSpec spec = spec(specs, e.getKey());
            long[] rest = java.util.Arrays.copyOfRange(t.shape(), 1, t.shape().length);
            boolean keepBatch = spec.shape().rankKnown() && spec.shape().rank() == t.rank();
            long[] shape = keepBatch ? prepend(rest) : rest;
            long per = t.elementCount() / Math.max(1, t.shape()[0]);
            long bytes = t.elementType().byteSize(per);
            ByteBuffer src = t.data().duplicate();
            src.position((int) (bytes * index)).limit((int) (bytes * (index + 1)));
            ByteBuffer copy = ByteBuffer.allocateDirect((int) bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            copy.put(src).flip();
            sample.put(e.getKey(), HostTensor.ofRaw(t.elementType(), shape, copy));
        }
        return checked(specs, sample, String.join(", ", files.values().stream()
                .map(p -> p.getFileName() + "[" + index + "]").toList()));
    }

    private static long[] prepend(long[] rest) {
        long[] shape = new long[rest.length + 1];
        shape[0] = 1;
        System.arraycopy(rest, 0, shape, 1, rest.length);
        return shape;
    }

    /** The sample, if it fits the model's inputs; otherwise a message naming the input and where it came from. */
    static Map<String, HostTensor> checked(List<InputSpec> specs, Map<String, HostTensor> sample, String source)
            throws InvalidInputException {
        for (InputSpec spec : specs) {
            HostTensor v = sample.get(spec.name());
            if (v == null) {
                throw new InvalidInputException(source + " gives no value for the input '" + spec.name() + "'.");
            }
            if (v.elementType() != spec.elementType()) {
                throw new InvalidInputException(source + " gives " + v.elementType().displayName() + " values for the input '"
                        + spec.name() + "', which takes " + spec.elementType().displayName() + ".");
            }
            if (!spec.shape().rankKnown()) {
                continue;
            }
            List<Dimension> dims = spec.shape().dims();
            boolean fits = dims.size() == v.rank();
            for (int i = 0; fits && i < dims.size(); i++) {
                fits = !(dims.get(i) instanceof Dimension.Fixed f) || f.value() == v.shape()[i];
            }
            if (!fits) {
                throw new InvalidInputException(source + " gives the input '" + spec.name() + "' the shape "
                        + Shapes.format(v.shape()) + ", which does not fit its shape " + spec.shape() + ".");
            }
        }
        return sample;
    }
}
