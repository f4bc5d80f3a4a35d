package dev.onnxworkbench.app.predict;

import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import dev.onnxworkbench.models.runtime.inputs.TensorSizes;
import dev.onnxworkbench.models.tensor.HostTensor;
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
import java.util.function.BiConsumer;
import javafx.beans.Observable;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;

/**
 * A 1-D signal input with a sample-rate companion: load a WAV file (dropped or chosen), mixed down to mono
 * floats in [−1, 1]; the form puts the file's sample rate into the companion input and the sample count
 * into the signal's dynamic length. A fixed length is met by padding with silence or cutting the end.
 */
final class AudioEditor extends InputEditor {

    private final TaskExecutor background;
    /** The file being decoded; a newer one supersedes it. */
    private final TaskSlot loading = new TaskSlot();
    private final HBox root = new HBox(10);
    private final Label info = new Label("Drop or choose a WAV file");
    private final SimpleIntegerProperty revision = new SimpleIntegerProperty();
    private BiConsumer<Integer, Integer> onLoaded = (rate, samples) -> { };
    private WavDecoder.Audio audio;
    private String loadError;
    private Path source;

    AudioEditor(InputSpec spec, TaskExecutor background) {
        super(spec);
        this.background = background;
        Button choose = new Button("Choose WAV…");
        choose.setOnAction(e -> choose());
        info.getStyleClass().add("muted");
        info.setWrapText(true);
        root.getChildren().setAll(choose, info);
        root.getStyleClass().add("audio-editor");
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> {
            List<File> files = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
            if (!files.isEmpty()) {
                loadFile(files.getFirst().toPath());
            }
            e.setDropCompleted(!files.isEmpty());
            e.consume();
        });
    }

    /** Called with the sample rate and sample count of each file loaded. */
    void setOnLoaded(BiConsumer<Integer, Integer> onLoaded) {
        this.onLoaded = onLoaded;
    }

    private void choose() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose a WAV file for " + spec.name());
        chooser.getExtensionFilters().setAll(new FileChooser.ExtensionFilter("WAV audio", "*.wav"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (file != null) {
            loadFile(file.toPath());
        }
    }

    /** Decodes the file off the FX thread. */
    TaskHandle loadFile(Path file) {
        return load(file, false);
    }

    /** @param remembered a file from the last session: if it is gone, start empty instead of with an error */
    private TaskHandle load(Path file, boolean remembered) {
        return BackgroundTask.wrap(() -> remembered && !java.nio.file.Files.isRegularFile(file) ? null : WavDecoder.read(file))
                .inSlot(loading).onSuccess(decoded -> {
            if (decoded == null) {
                return;
            }
            audio = decoded;
            source = file;
            loadError = null;
            info.setText(String.format(Locale.ROOT, "%s · %d Hz · %.2f s", file.getFileName(), audio.sampleRate(),
                    audio.samples().length / (double) audio.sampleRate()));
            onLoaded.accept(audio.sampleRate(), audio.samples().length);
            revision.set(revision.get() + 1);
        }).onFailure(error -> {
            loadError = error.getMessage();
            info.setText(loadError);
            revision.set(revision.get() + 1);
        }).executeWith(background);
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
            return loadError;
        }
        if (audio == null) {
            return "Drop or choose a WAV file.";
        }
        return messageOf(() -> TensorSizes.checkFits(spec.name(), spec.elementType(), spec.concreteShape(sizes)));
    }

    @Override
    Callable<HostTensor> snapshot(Map<String, Long> sizes) {
        float[] samples = audio.samples();
        long[] shape = spec.concreteShape(sizes);
        ElementType type = spec.elementType();
        return () -> {
            int length = (int) shape[shape.length - 1];
            int rows = (int) (CategoryEditor.count(shape) / Math.max(1, length));
            double[] values = new double[rows * length];
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < Math.min(length, samples.length); i++) {
                    values[r * length + i] = samples[i];
                }
            }
            try {
                return HostTensor.ofDoubles(type, shape, values);
            } catch (dev.onnxworkbench.models.WorkbenchException e) {
                throw new InvalidInputException(e.getMessage());
            }
        };
    }

    @Override
    String source() {
        return source == null ? "no sound" : source.getFileName().toString();
    }

    @Override
    String save() {
        return source == null ? null : source.toString();
    }

    @Override
    void restore(String saved) {
        if (saved != null) {
            load(Path.of(saved), true);
        }
    }
}
