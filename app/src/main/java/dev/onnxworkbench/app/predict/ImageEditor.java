package dev.onnxworkbench.app.predict;

import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.runtime.inputs.ImageEncoder;
import dev.onnxworkbench.models.runtime.inputs.ImageLayout;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import dev.onnxworkbench.models.runtime.inputs.PixelScaling;
import dev.onnxworkbench.models.runtime.inputs.TensorSizes;
import dev.onnxworkbench.models.runtime.inputs.ValueParser;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
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
import javax.imageio.ImageIO;

/**
 * Image input: drop or choose a PNG/JPEG, see it, and say how the model wants its pixels: channel
 * layout, RGB or BGR, and a scaling preset (or a custom mean/std). The picture is resized to the
 * model's height and width (or the chosen sizes for dynamic sides) when the run builds the tensor.
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
    private final ChoiceBox<ImageLayout> layout = new ChoiceBox<>();
    private final ChoiceBox<String> order = new ChoiceBox<>();
    private final ChoiceBox<Object> scaling = new ChoiceBox<>();
    private final TextField mean = new TextField("123.675, 116.28, 103.53");
    private final TextField std = new TextField("58.395, 57.12, 57.375");
    private final GridPane customRows = new GridPane();
    private final SimpleIntegerProperty revision = new SimpleIntegerProperty();
    private BufferedImage source;
    private String sourceName;
    private String loadError;
    private Path sourcePath;

    ImageEditor(InputSpec spec, TaskExecutor background) {
        super(spec);
        this.background = background;
        buildDropZone();
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
        options.addRow(0, caption("Layout"), layout);
        options.addRow(1, caption("Channels"), order);
        options.addRow(2, caption("Scaling"), scaling);
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

        for (Observable o : List.of(layout.valueProperty(), order.valueProperty(), scaling.valueProperty(),
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
        return BackgroundTask.wrap(() -> {
            if (remembered && !java.nio.file.Files.isRegularFile(file)) {
                return null;
            }
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new InvalidInputException(file.getFileName() + " is not a PNG or JPEG image.");
            }
            return image;
        }).inSlot(loading).onSuccess(image -> {
            if (image == null) {
                return;
            }
            source = image;
            sourcePath = file;
            sourceName = file.getFileName().toString();
            loadError = null;
            preview.setImage(SwingFXUtils.toFXImage(source, null));
            dropHint.setVisible(false);
            touch();
        }).onFailure(error -> {
            loadError = error instanceof InvalidInputException ? error.getMessage()
                    : "Cannot read " + file.getFileName() + ": " + error.getMessage();
            touch();
        }).executeWith(background);
    }

    @Override
    String source() {
        return (sourceName == null ? "no picture" : sourceName) + ", "
                + (CUSTOM.equals(scaling.getValue()) ? "custom scaling" : scaling.getValue() + " scaling");
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
        info.setText(String.format(Locale.ROOT, "%s%n%d×%d → %d×%d", sourceName, source.getWidth(),
                source.getHeight(), width(shape), height(shape)));
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

    private int channelAxis() {
        return layout.getValue() == ImageLayout.NCHW ? 1 : 3;
    }

    private int width(long[] shape) {
        return (int) shape[layout.getValue() == ImageLayout.NCHW ? 3 : 2];
    }

    private int height(long[] shape) {
        return (int) shape[layout.getValue() == ImageLayout.NCHW ? 2 : 1];
    }

    @Override
    Callable<HostTensor> snapshot(Map<String, Long> sizes) {
        long[] shape = spec.concreteShape(sizes);
        BufferedImage image = source;
        int w = width(shape);
        int h = height(shape);
        PixelScaling chosen;
        try {
            chosen = scaling.getValue() instanceof PixelScaling p ? p : customScaling();
        } catch (InvalidInputException e) {
            return () -> {
                throw e;
            };
        }
        ImageEncoder.Encoding encoding = new ImageEncoder.Encoding(layout.getValue(), "BGR".equals(order.getValue()),
                (int) shape[channelAxis()], chosen, spec.elementType());
        int batch = (int) shape[0];
        return () -> {
            BufferedImage resized = resize(image, w, h);
            int[] argb = resized.getRGB(0, 0, w, h, null, 0, w);
            return ImageEncoder.encode(argb, w, h, batch, encoding);
        };
    }

    /** Bilinear resize, what PIL and torchvision use by default for downscaling photos to model size. */
    static BufferedImage resize(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
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
                mean.getText(), std.getText());
    }

    @Override
    void restore(String saved) {
        if (saved == null) {
            return;
        }
        String[] parts = saved.split("\\|", -1);
        if (parts.length != 6) {
            return;
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

    /** For tests and the file handler: the scaling chooser. */
    ChoiceBox<Object> scalingChoice() {
        return scaling;
    }
}
