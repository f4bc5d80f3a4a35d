package dev.onnxworkbench.app.predict;

import dev.onnxworkbench.app.task.BackgroundTask;
import dev.onnxworkbench.app.task.TaskExecutor;
import dev.onnxworkbench.app.task.TaskHandle;
import dev.onnxworkbench.app.task.TaskSlot;
import dev.onnxworkbench.models.runtime.inputs.AudioPreprocessor;
import dev.onnxworkbench.models.runtime.inputs.AudioSettings;
import dev.onnxworkbench.models.runtime.inputs.InputRecipe;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.runtime.inputs.InvalidInputException;
import dev.onnxworkbench.models.runtime.inputs.Recording;
import dev.onnxworkbench.models.runtime.inputs.TensorSizes;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
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
 * A 1-D signal input with a sample-rate companion: load a WAV file (dropped or chosen). A view over
 * {@link AudioSettings}: the samples are made by the models module's {@link AudioPreprocessor} (channels averaged,
 * the file's rate), the same code as {@code --input input=speech.wav}, so the window and the command line give the
 * same bytes. The form puts the file's sample rate into the companion input and the sample count into the signal's
 * free length; a fixed length shorter than the file keeps its beginning, and the row says so.
 */
final class AudioEditor extends InputEditor {

    private final TaskExecutor background;
    /** The file being decoded; a newer one supersedes it. */
    private final TaskSlot loading = new TaskSlot();
    private final HBox root = new HBox(10);
    private final Label info = new Label("Drop or choose a WAV file");
    private final SimpleIntegerProperty revision = new SimpleIntegerProperty();
    private final AudioSettings settings = AudioSettings.DEFAULT;
    private BiConsumer<Integer, Integer> onLoaded = (rate, samples) -> { };
    private AudioPreprocessor.Signal signal;
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
        return BackgroundTask.wrap(() -> remembered && !java.nio.file.Files.isRegularFile(file) ? null
                        : AudioPreprocessor.signal(Recording.read(file), file.getFileName().toString(), settings, null))
                .inSlot(loading).onSuccess(decoded -> {
            if (decoded == null) {
                return;
            }
            signal = decoded;
            source = file;
            loadError = null;
            info.setText(String.format(Locale.ROOT, "%s · %d Hz · %.2f s", file.getFileName(), signal.sampleRate(),
                    signal.seconds()));
            onLoaded.accept(signal.sampleRate(), signal.samples().length);
            revision.set(revision.get() + 1);
        }).onFailure(error -> {
            loadError = error.getMessage();
            info.setText(loadError);
            revision.set(revision.get() + 1);
        }).executeWith(background);
    }

    /** The decoded signal (null before a file is loaded), for a streaming run over the whole recording. */
    AudioPreprocessor.Signal signal() {
        return signal;
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
        if (signal == null) {
            return "Drop or choose a WAV file.";
        }
        long[] shape = spec.concreteShape(sizes);
        long length = shape.length == 0 ? 1 : shape[shape.length - 1];
        info.setText(String.format(Locale.ROOT, "%s · %d Hz · %.2f s%s", source.getFileName(), signal.sampleRate(),
                signal.seconds(), length < signal.samples().length ? String.format(Locale.ROOT,
                        " · only the first %d samples (%.3f s) fit; Run ▸ Stream Recording… runs all of it", length,
                        length / (double) signal.sampleRate()) : ""));
        return messageOf(() -> TensorSizes.checkFits(spec.name(), spec.elementType(), shape));
    }

    @Override
    Callable<HostTensor> snapshot(Map<String, Long> sizes) {
        AudioPreprocessor.Signal s = signal;
        Map<String, Long> chosen = Map.copyOf(sizes);
        return () -> AudioPreprocessor.prepare(s, spec, settings, chosen).tensor();
    }

    @Override
    InputRecipe recipe() {
        return source == null || signal == null ? null
                : new InputRecipe.AudioFile(source, settings.withSampleRate(signal.sampleRate()));
    }

    @Override
    String source() {
        return signal == null ? "from no sound" : signal.description();
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
