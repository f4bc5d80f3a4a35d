package dev.onnxworkbench.app.predict;

import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.runtime.inputs.ImageLayout;
import dev.onnxworkbench.models.runtime.inputs.ImagePreprocessor;
import dev.onnxworkbench.models.runtime.inputs.ImageSettings;
import dev.onnxworkbench.models.runtime.inputs.InputRecipe;
import dev.onnxworkbench.models.runtime.inputs.ModelStride;
import dev.onnxworkbench.models.runtime.inputs.Picture;
import dev.onnxworkbench.models.runtime.inputs.ResizeMode;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import dev.onnxworkbench.models.runtime.inputs.PixelScaling;
import dev.onnxworkbench.models.runtime.inputs.TensorSizes;
import dev.onnxworkbench.models.runtime.inputs.ValueParser;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import dev.onnxworkbench.app.task.BackgroundTask;
import dev.onnxworkbench.app.task.TaskExecutor;
import dev.onnxworkbench.app.task.TaskHandle;
import dev.onnxworkbench.app.task.TaskSlot;
import javafx.beans.Observable;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import java.util.function.BiConsumer;

/**
 * Image input: drop or choose a PNG/JPEG, see it, and say how the model wants its pixels: resize mode, channel
 * layout, RGB or BGR, and a scaling preset (or a custom mean/std). A view over {@link ImageSettings}: the tensor
 * is made by the models module's {@link ImagePreprocessor}, the same code as {@code --input x=photo.png}, so the
 * window and the command line give the same bytes. A loaded picture sets free height and width to its own size
 * (rounded to the model's stride); the form's size fields change them.
 */
final class ImageEditor extends InputEditor {

    private static final String CUSTOM = "Custom mean/std";
    private static final int PREVIEW_SIDE = 112;

    private final TaskExecutor background;
    /** The picture being decoded; a newer drop supersedes it. */
    private final TaskSlot loading = new TaskSlot();
    private final VBox root = new VBox(8);
    private final StackPane dropZone = new StackPane();
    private final ImageView preview = new ImageView();
    private final Label dropHint = new Label("Drop a PNG or JPEG here");
    private final Label info = new Label();
    private final ChoiceBox<ResizeMode> resize = new ChoiceBox<>();
    private final ChoiceBox<ImageLayout> layout = new ChoiceBox<>();
    private final ChoiceBox<String> order = new ChoiceBox<>();
    private final ChoiceBox<Object> scaling = new ChoiceBox<>();
    private final TextField mean = new TextField("123.675, 116.28, 103.53");
    private final TextField std = new TextField("58.395, 57.12, 57.375");
    private final GridPane customRows = new GridPane();
    private final SimpleIntegerProperty revision = new SimpleIntegerProperty();
    private final dev.onnxworkbench.models.graph.Graph graph;
    private BiConsumer<Integer, Integer> onLoaded = (w, h) -> { };
    private Picture source;
    private ModelStride stride = ModelStride.NONE;
    private String sourceName;
    private String loadError;
    private Path sourcePath;

    ImageEditor(InputSpec spec, TaskExecutor background) {
        this(spec, background, null);
    }

    /** @param graph the model's graph, for its stride ({@link ModelStride}); null for none */
    ImageEditor(InputSpec spec, TaskExecutor background, dev.onnxworkbench.models.graph.Graph graph) {
        super(spec);
        this.background = background;
        this.graph = graph;
        buildDropZone();
        resize.getItems().setAll(ResizeMode.values());
        resize.setValue(ResizeMode.STRETCH);
        layout.getItems().setAll(ImageLayout.values());
        layout.setValue(spec.imageLayout());
        order.getItems().setAll("RGB", "BGR");
        order.setValue("RGB");
        scaling.getItems().setAll(PixelScaling.PRESETS);
        scaling.getItems().add(CUSTOM);
        scaling.setValue(spec.elementType().isFloatingPoint() ? PixelScaling.ZERO_ONE : PixelScaling.ZERO_255);
        scaling.setDisable(!spec.elementType().isFloatingPoint());
        scaling.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Object o) {
                return o == null ? "" : o.toString();
            }

            @Override
            public Object fromString(String s) {
                return s;
            }
        });

        Button choose = new Button("Choose…");
        choose.setOnAction(e -> chooseFile());
        GridPane options = new GridPane();
        options.getStyleClass().add("image-options");
        options.addRow(0, caption("Resize"), resize);
        options.addRow(1, caption("Layout"), layout);
        options.addRow(2, caption("Channels"), order);
        options.addRow(3, caption("Scaling"), scaling);
        customRows.getStyleClass().add("image-options");
        customRows.addRow(0, caption("Mean"), mean);
        customRows.addRow(1, caption("Std"), std);
        GridPane.setHgrow(mean, Priority.ALWAYS);
        customRows.visibleProperty().bind(scaling.valueProperty().isEqualTo(CUSTOM));
        customRows.managedProperty().bind(customRows.visibleProperty());

        HBox top = new HBox(10, dropZone, new VBox(6, choose, info));
        info.setWrapText(true);
        info.getStyleClass().add("muted");
        root.getChildren().setAll(top, options, customRows);
        root.getStyleClass().add("image-editor");

        for (Observable o : List.of(resize.valueProperty(), layout.valueProperty(), order.valueProperty(), scaling.valueProperty(),
                mean.textProperty(), std.textProperty())) {
            o.addListener(x -> touch());
        }
    }

    private void buildDropZone() {
        preview.setFitWidth(PREVIEW_SIDE);
        preview.setFitHeight(PREVIEW_SIDE);
        preview.setPreserveRatio(true);
        preview.setSmooth(false);
        dropHint.setWrapText(true);
        dropHint.setAlignment(Pos.CENTER);
        dropHint.getStyleClass().add("muted");
        dropZone.getChildren().setAll(dropHint, preview);
        dropZone.getStyleClass().add("image-drop-zone");
        dropZone.setMinSize(PREVIEW_SIDE + 8, PREVIEW_SIDE + 8);
        dropZone.setPrefSize(PREVIEW_SIDE + 8, PREVIEW_SIDE + 8);
        dropZone.setMaxSize(PREVIEW_SIDE + 8, PREVIEW_SIDE + 8);
        dropZone.setOnDragOver(this::dragOver);
        dropZone.setOnDragExited(e -> dropZone.getStyleClass().remove("drag-over"));
        dropZone.setOnDragDropped(this::dropped);
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("field-name");
        return l;
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
            if (!dropZone.getStyleClass().contains("drag-over")) {
                dropZone.getStyleClass().add("drag-over");
            }
        }
        e.consume();
    }

    private void dropped(DragEvent e) {
        List<File> files = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
        if (!files.isEmpty()) {
            loadFile(files.getFirst().toPath());
        }
        e.setDropCompleted(!files.isEmpty());
        e.consume();
    }

    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose an image for " + spec.name());
        chooser.getExtensionFilters().setAll(
                new FileChooser.ExtensionFilter("Images (PNG, JPEG)", "*.png", "*.jpg", "*.jpeg"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (file != null) {
            loadFile(file.toPath());
        }
    }

    /** Decodes the picture off the FX thread, then previews it: what a drop or Choose… does. */
    TaskHandle loadFile(Path file) {
        return load(file, false);
    }

    /** @param remembered a file from the last session: if it is gone, start empty instead of with an error */
    private TaskHandle load(Path file, boolean remembered) {
        record Loaded(Picture picture, ModelStride stride, java.awt.image.BufferedImage preview) {}
        return BackgroundTask.wrap(() -> {
            if (remembered && !java.nio.file.Files.isRegularFile(file)) {
                return null;
            }
            Picture picture = Picture.read(file);
            return new Loaded(picture, graph == null ? ModelStride.NONE : ModelStride.of(graph, spec.name()), picture.toBufferedImage());
        }).inSlot(loading).onSuccess(loaded -> {
            if (loaded == null) {
                return;
            }
            source = loaded.picture();
            stride = loaded.stride();
            sourcePath = file;
            sourceName = file.getFileName().toString();
            loadError = null;
            preview.setImage(SwingFXUtils.toFXImage(loaded.preview(), null));
            dropHint.setVisible(false);
            onLoaded.accept(ModelStride.round(source.width(), stride.width()),
                    ModelStride.round(source.height(), stride.height()));
            touch();
        }).onFailure(error -> {
            loadError = error instanceof InvalidInputException ? error.getMessage()
                    : "Cannot read " + file.getFileName() + ": " + error.getMessage();
            touch();
        }).executeWith(background);
    }

    /** Called with the picture's own width and height, rounded to the model's stride, when one is loaded. */
    void setOnLoaded(BiConsumer<Integer, Integer> onLoaded) {
        this.onLoaded = onLoaded;
    }

    /** The stride the picture's own size was rounded to. */
    ModelStride stride() {
        return stride;
    }

    /** The settings the controls show (no size: the form's size fields or the model decide it). */
    ImageSettings settings() throws InvalidInputException {
        PixelScaling chosen = scaling.getValue() instanceof PixelScaling p ? p : customScaling();
        return new ImageSettings(null, null, resize.getValue(), layout.getValue(), "BGR".equals(order.getValue()), chosen);
    }

    /** Shows saved settings (File ▸ Load Input Set…) and loads their picture. */
    TaskHandle apply(Path file, ImageSettings s) {
        resize.setValue(s.resize());
        layout.setValue(s.layout());
        order.setValue(s.bgr() ? "BGR" : "RGB");
        if (s.scaling().key().equals("custom")) {
            scaling.setValue(CUSTOM);
            mean.setText(join(s.scaling().mean()));
            std.setText(join(s.scaling().std()));
        } else {
            PixelScaling.preset(s.scaling().key()).ifPresent(scaling::setValue);
        }
        return loadFile(file);
    }

    private static String join(float[] v) {
        return v[0] + ", " + v[1] + ", " + v[2];
    }

    @Override
    InputRecipe recipe() {
        try {
            return sourcePath == null ? null : new InputRecipe.ImageFile(sourcePath, settings());
        } catch (InvalidInputException e) {
            return null;
        }
    }

    @Override
    String source() {
        String settingsText;
        try {
            String d = settings().describe();
            settingsText = d.substring(d.indexOf(',') + 2);
        } catch (InvalidInputException e) {
            settingsText = "custom scaling";
        }
        return "from " + (sourceName == null ? "no picture" : sourceName) + ", " + settingsText;
    }

    @Override
    Node view() {
        return root;
    }

    @Override
    Observable changes() {
        return revision;
    }

    @Override
    String problem(Map<String, Long> sizes) {
        if (loadError != null) {
            info.setText(loadError);
            return loadError;
        }
        long[] shape = spec.concreteShape(sizes);
        String fits = messageOf(() -> TensorSizes.checkFits(spec.name(), spec.elementType(), shape));
        if (fits != null) {
            return fits;
        }
        if (source == null) {
            info.setText("Model size " + width(shape) + "×" + height(shape));
            return "Drop or choose an image.";
        }
        info.setText(String.format(Locale.ROOT, "%s%n%d×%d → %d×%d", sourceName, source.width(),
                source.height(), width(shape), height(shape)));
        if (CUSTOM.equals(scaling.getValue())) {
            return messageOf(this::customScaling);
        }
        return null;
    }

    private PixelScaling customScaling() throws InvalidInputException {
        float[] m = threeNumbers("mean", mean.getText());
        float[] s = threeNumbers("std", std.getText());
        for (float v : s) {
            if (v == 0) {
                throw new InvalidInputException(spec.name() + ": std values cannot be 0.");
            }
        }
        return PixelScaling.custom(m, s);
    }

    private float[] threeNumbers(String what, String text) throws InvalidInputException {
        List<String> tokens = ValueParser.tokens(text);
        if (tokens.size() != 3) {
            throw new InvalidInputException(spec.name() + ": the " + what + " needs 3 numbers (R, G, B).");
        }
        float[] values = new float[3];
        for (int i = 0; i < 3; i++) {
            String problem = ValueParser.checkToken(tokens.get(i), ElementType.FLOAT);
            if (problem != null) {
                throw new InvalidInputException(spec.name() + " " + what + ": " + problem);
            }
            values[i] = Float.parseFloat(tokens.get(i));
        }
        return values;
    }

    private int width(long[] shape) {
        return (int) shape[layout.getValue() == ImageLayout.NCHW ? 3 : 2];
    }

    private int height(long[] shape) {
        return (int) shape[layout.getValue() == ImageLayout.NCHW ? 2 : 1];
    }

    @Override
    Callable<HostTensor> snapshot(Map<String, Long> sizes) {
        Picture picture = source;
        String name = sourceName;
        ModelStride modelStride = stride;
        ImageSettings settings;
        try {
            settings = settings();
        } catch (InvalidInputException e) {
            return () -> {
                throw e;
            };
        }
        Map<String, Long> chosen = Map.copyOf(sizes);
        return () -> ImagePreprocessor.prepare(picture, name, spec, settings, chosen, modelStride).tensor();
    }

    /** A tensor from a file or a test data set: show what it looks like (the row says where it came from). */
    @Override
    void show(HostTensor value) {
        long[] s = value.shape();
        if (s.length == 4 && (value.elementType().isFloatingPoint() || value.elementType() == ElementType.UINT8)) {
            preview.setImage(TensorImages.draw(value, layout.getValue()));
            dropHint.setVisible(false);
        }
    }

    @Override
    String save() {
        return sourcePath == null ? null : String.join("|", sourcePath.toString(), layout.getValue().name(),
                order.getValue(), scaling.getValue() instanceof PixelScaling p ? p.name() : CUSTOM,
                mean.getText(), std.getText(), resize.getValue().key());
    }

    @Override
    void restore(String saved) {
        if (saved == null) {
            return;
        }
        String[] parts = saved.split("\\|", -1);
        if (parts.length != 6 && parts.length != 7) {
            return;
        }
        if (parts.length == 7) {
            ResizeMode.parse(parts[6]).ifPresent(resize::setValue);
        }
        try {
            layout.setValue(ImageLayout.valueOf(parts[1]));
        } catch (IllegalArgumentException ignored) {
            // an old layout name: keep the model's
        }
        order.setValue(parts[2]);
        PixelScaling.PRESETS.stream().filter(p -> p.name().equals(parts[3])).findFirst()
                .ifPresentOrElse(scaling::setValue, () -> scaling.setValue(CUSTOM));
        mean.setText(parts[4]);
        std.setText(parts[5]);
        load(Path.of(parts[0]), true);
    }

    private void touch() {
        revision.set(revision.get() + 1);
    }

    /** For tests: the resize, layout and channel-order choosers. */
    ChoiceBox<ResizeMode> resizeChoice() {
        return resize;
    }

    ChoiceBox<String> orderChoice() {
        return order;
    }

    /** For tests and the file handler: the scaling chooser. */
    ChoiceBox<Object> scalingChoice() {
        return scaling;
    }
}
