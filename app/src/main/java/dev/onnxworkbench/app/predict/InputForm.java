package dev.onnxworkbench.app.predict;

import dev.onnxworkbench.models.graph.Dimension;
import dev.onnxworkbench.models.runtime.inputs.EditorKind;
import dev.onnxworkbench.models.runtime.inputs.ImageLayout;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import dev.onnxworkbench.models.runtime.inputs.InputSource;
import dev.onnxworkbench.models.runtime.inputs.ValueRules;
import dev.onnxworkbench.app.task.TaskExecutor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * The input half of the prediction pane: a size field per symbolic dimension (shared by every input
 * that names it), then one {@link InputRow} per input. Re-checks everything on every change and
 * exposes {@link #validProperty()} for the Run button.
 */
final class InputForm implements PredictViewModel.Form {

    /** Default size for the height and width of images with dynamic sides. */
    static final long DEFAULT_IMAGE_SIDE = 224;
    private static final long MAX_SIZE = 1_000_000_000L;

    private final VBox view = new VBox(12);
    private final GridPane sizeGrid = new GridPane();
    private final Map<String, TextField> sizeFields = new LinkedHashMap<>();
    private final Label sizeMessage = new Label();
    private final List<InputRow> rows = new ArrayList<>();
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", false);

    /** @param loadFile asks the user for a file to load into a row (the pane owns dialogs) */
    InputForm(List<InputSpec> specs, TaskExecutor background, Consumer<InputRow> loadFile) {
        this(specs, background, loadFile, null);
    }

    /** @param graph the model's graph, for an image input's stride (null: none) */
    InputForm(List<InputSpec> specs, TaskExecutor background, Consumer<InputRow> loadFile,
              dev.onnxworkbench.models.graph.Graph graph) {
        view.getStyleClass().add("input-form");
        buildSizes(specs);
        for (InputSpec spec : specs) {
            InputEditor editor = spec.editorKind() == EditorKind.IMAGE ? new ImageEditor(spec, background, graph)
                    : editorFor(spec, background);
            InputRow row = new InputRow(spec, editor, loadFile);
            row.revision().addListener(o -> validate());
            rows.add(row);
            view.getChildren().add(row.view());
        }
        rows.stream().filter(r -> r.editor instanceof AudioEditor).forEach(this::linkSampleRate);
        rows.stream().filter(r -> r.editor instanceof ImageEditor).forEach(this::linkImageSize);
        validate();
    }

    /**
     * A loaded picture sets the image's free height and width to its own size (rounded to the model's stride),
     * as {@code --input x=photo.png} does: a 640×640 photo is not shrunk to a default size.
     */
    private void linkImageSize(InputRow imageRow) {
        ImageEditor editor = (ImageEditor) imageRow.editor;
        editor.setOnLoaded((width, height) -> {
            if (!imageRow.spec.shape().rankKnown() || imageRow.spec.shape().rank() != 4) {
                return;
            }
            boolean nchw = imageRow.spec.imageLayout() != ImageLayout.NHWC;
            String h = imageRow.spec.sizeParameter(nchw ? 2 : 1);
            String w = imageRow.spec.sizeParameter(nchw ? 3 : 2);
            if (h != null) {
                setSize(h, height);
            }
            if (w != null) {
                setSize(w, width);
            }
        });
    }

    /** A loaded WAV sets the signal's dynamic length and the companion input's sample rate. */
    private void linkSampleRate(InputRow audioRow) {
        AudioEditor editor = (AudioEditor) audioRow.editor;
        editor.setOnLoaded((rate, samples) -> {
            int lastAxis = audioRow.spec.shape().rank() - 1;
            String length = audioRow.spec.sizeParameter(lastAxis);
            if (length != null) {
                setSize(length, samples);
            }
            row(audioRow.spec.sampleRateInput()).ifPresent(companion -> {
                companion.clearLoaded();
                companion.editor.restore(Integer.toString(rate));
            });
        });
    }

    static InputEditor editorFor(InputSpec spec, TaskExecutor background) {
        return switch (spec.editorKind()) {
            case CATEGORICAL -> new CategoryEditor(spec);
            case IMAGE -> new ImageEditor(spec, background);
            case SCALAR, NUMERIC_GRID -> new NumberFieldsEditor(spec);
            case AUDIO -> new AudioEditor(spec, background);
            case TENSOR_FILE -> new FileOnlyEditor(spec);
        };
    }

    private void buildSizes(List<InputSpec> specs) {
        Map<String, Long> defaults = new LinkedHashMap<>();
        for (InputSpec spec : specs) {
            for (int axis = 0; spec.shape().rankKnown() && axis < spec.shape().rank(); axis++) {
                String parameter = spec.sizeParameter(axis);
                if (parameter != null) {
                    defaults.putIfAbsent(parameter, isImageSide(spec, axis) ? DEFAULT_IMAGE_SIDE : 1L);
                }
            }
        }
        if (defaults.isEmpty()) {
            return;
        }
        Label title = new Label("Dynamic sizes");
        title.getStyleClass().add("section-title");
        sizeGrid.getStyleClass().add("size-grid");
        int row = 0;
        for (Map.Entry<String, Long> e : defaults.entrySet()) {
            TextField field = new TextField(Long.toString(e.getValue()));
            field.setId("size-" + e.getKey());
            field.setPrefColumnCount(6);
            field.getStyleClass().add("size-field");
            field.textProperty().addListener(o -> sizesChanged());
            Label name = new Label(e.getKey());
            name.getStyleClass().add("field-name");
            name.setTooltip(new Tooltip("Size of the dimension '" + e.getKey() + "' for this run"));
            sizeGrid.addRow(row++, name, field);
            sizeFields.put(e.getKey(), field);
        }
        sizeMessage.getStyleClass().add("input-message");
        sizeMessage.visibleProperty().bind(sizeMessage.textProperty().isNotEmpty());
        sizeMessage.managedProperty().bind(sizeMessage.visibleProperty());
        VBox section = new VBox(4, title, sizeGrid, sizeMessage);
        section.getStyleClass().add("size-section");
        view.getChildren().add(section);
    }

    private static boolean isImageSide(InputSpec spec, int axis) {
        if (spec.editorKind() != EditorKind.IMAGE || spec.shape().dims().get(axis) instanceof Dimension.Fixed) {
            return false;
        }
        return spec.imageLayout() == ImageLayout.NCHW ? axis >= 2 : axis == 1 || axis == 2;
    }

    VBox view() {
        return view;
    }

    List<InputRow> rows() {
        return List.copyOf(rows);
    }

    Optional<InputRow> row(String inputName) {
        return rows.stream().filter(r -> r.spec.name().equals(inputName)).findFirst();
    }

    ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** The chosen sizes, or null when one of them is not a positive whole number. */
    @Override
    public Map<String, Long> sizes() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (Map.Entry<String, TextField> e : sizeFields.entrySet()) {
            String text = e.getValue().getText().strip();
            try {
                long v = Long.parseLong(text);
                if (v < 1 || v > MAX_SIZE) {
                    return null;
                }
                sizes.put(e.getKey(), v);
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return sizes;
    }

    Map<String, String> sizeTexts() {
        Map<String, String> texts = new LinkedHashMap<>();
        sizeFields.forEach((k, f) -> texts.put(k, f.getText()));
        return texts;
    }

    void setSize(String parameter, long value) {
        TextField field = sizeFields.get(parameter);
        if (field != null && !field.getText().equals(Long.toString(value))) {
            field.setText(Long.toString(value));
        }
    }

    /** Loads a value into an input, adopting the sizes its shape implies for symbolic dimensions. */
    void load(InputRow row, HostTensor value, String source) {
        row.sizesImpliedBy(value).forEach(this::setSize);
        row.setLoaded(value, source);
    }

    private void sizesChanged() {
        Map<String, Long> sizes = sizes();
        if (sizes != null) {
            rows.forEach(r -> r.editor.resize(sizes));
        }
        validate();
    }

    void validate() {
        Map<String, Long> sizes = sizes();
        for (Map.Entry<String, TextField> e : sizeFields.entrySet()) {
            boolean bad = sizes == null && !isPositive(e.getValue().getText());
            e.getValue().getStyleClass().remove("invalid");
            if (bad) {
                e.getValue().getStyleClass().add("invalid");
            }
        }
        if (sizes == null) {
            sizeMessage.setText("Sizes must be whole numbers from 1 to " + MAX_SIZE + ".");
            // Row messages depend on the sizes; until they are fixed the size message is the one that matters.
            rows.forEach(InputRow::clearProblem);
            valid.set(false);
            return;
        }
        sizeMessage.setText("");
        boolean all = true;
        for (InputRow row : rows) {
            all &= row.validate(sizes);
        }
        valid.set(all);
    }

    private static boolean isPositive(String text) {
        try {
            long v = Long.parseLong(text.strip());
            return v >= 1 && v <= MAX_SIZE;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public InputMemory.Saved remembered() {
        Map<String, String> saved = new LinkedHashMap<>();
        for (InputRow row : rows) {
            String value = row.editor.save();
            if (value != null) {
                saved.put(row.spec.name(), value);
            }
        }
        return new InputMemory.Saved(sizeTexts(), saved);
    }

    @Override
    public boolean isValid() {
        return valid.get();
    }

    @Override
    public List<InputSpec> emptyInputs() {
        return rows.stream().filter(InputRow::isEmpty).map(r -> r.spec).toList();
    }

    @Override
    public boolean apply(String input, dev.onnxworkbench.models.runtime.inputs.InputRecipe recipe) {
        InputRow r = row(input).orElse(null);
        if (r == null) {
            return false;
        }
        if (r.editor instanceof ImageEditor image && recipe instanceof dev.onnxworkbench.models.runtime.inputs.InputRecipe.ImageFile f) {
            r.clearLoaded();
            image.apply(f.path(), f.settings());
            return true;
        }
        if (r.editor instanceof AudioEditor audio && recipe instanceof dev.onnxworkbench.models.runtime.inputs.InputRecipe.AudioFile f
                && f.settings().channel() == null && f.settings().offsetSeconds() == 0 && f.settings().lengthSeconds() == null) {
            r.clearLoaded();
            audio.loadFile(f.path());
            return true;
        }
        return false;
    }

    @Override
    public void load(String input, HostTensor value, String source) {
        row(input).ifPresent(r -> load(r, value, source));
    }

    /** The picture settings each image input's editor shows (no size), by input name. */
    Map<String, dev.onnxworkbench.models.runtime.inputs.ImageSettings> imageSettings()
            throws dev.onnxworkbench.models.runtime.inputs.InvalidInputException {
        Map<String, dev.onnxworkbench.models.runtime.inputs.ImageSettings> out = new LinkedHashMap<>();
        for (InputRow row : rows) {
            if (row.editor instanceof ImageEditor image) {
                out.put(row.spec.name(), image.settings());
            }
        }
        return out;
    }

    /** Where every input's values come from, built later on a background thread. Call only when valid. */
    @Override
    public Map<String, Callable<InputSource>> snapshot() {
        Map<String, Long> sizes = sizes();
        Map<String, Callable<InputSource>> result = new LinkedHashMap<>();
        for (InputRow row : rows) {
            result.put(row.spec.name(), row.inputSource(sizes));
        }
        return result;
    }

    @Override
    public void setRules(ValueRules rules) {
        rows.forEach(r -> r.editor.setRules(rules));
        validate();
    }
}
