package dev.onnxworkbench.app;

import dev.onnxworkbench.app.diagram.DiagramMapper;
import dev.onnxworkbench.app.diagram.DiagramOptions;
import dev.onnxworkbench.app.diagram.FunctionGraphs;
import dev.onnxworkbench.app.properties.ModelSummary;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import dev.onnxworkbench.app.task.BackgroundTask;

/**
 * Reads a model and maps its top-level graph, in the background. The file comes from a callable
 * so that finding it (materializing the bundled sample) is background work too. The reader
 * decodes the structure only; weights stay on disk until someone looks at them.
 */
final class ModelOpenTask implements BackgroundTask.Work<OpenedModel> {
    private final Callable<Path> file;
    private final DiagramMapper mapper;
    private final DiagramOptions options;
    private final RecentOpenings recent;

    ModelOpenTask(Callable<Path> file, DiagramMapper mapper, DiagramOptions options, RecentOpenings recent) {
        this.file = file;
        this.mapper = mapper;
        this.options = options;
        this.recent = recent;
    }

    @Override
    public OpenedModel call(BackgroundTask.Progress progress) throws Exception {
        Path path = file.call();
        var again = recent.get(path, options);
        if (again.isPresent()) {
            return new OpenedModel(again.get().model(), again.get().topLevel(), again.get().summary(), 0, 0); // unchanged
        }
        progress.update(-1, "Reading " + path.getFileName());
        long start = System.nanoTime();
        Model model = new OnnxReader().read(path);
        long readMillis = (System.nanoTime() - start) / 1_000_000;
        if (progress.isCancelled()) {
            return null;
        }
        progress.update(0.8, "Preparing the graph");
        long mapStart = System.nanoTime();
        var mapped = mapper.map(model.graph(), options, FunctionGraphs.callsFunction(model));
        OpenedModel opened = new OpenedModel(model, mapped, ModelSummary.of(model), readMillis,
                (System.nanoTime() - mapStart) / 1_000_000);
        recent.put(path, options, opened);
        return opened;
    }

    /** The message a person sees when opening failed: a user's error as written, anything else generic. */
    static String messageFor(Throwable error, String what) {
        if (error instanceof WorkbenchException) {
            return error.getMessage();
        }
        if (error instanceof java.nio.file.NoSuchFileException) {
            return what + " does not exist.";
        }
        if (error instanceof java.nio.file.AccessDeniedException) {
            return what + " cannot be read: permission denied.";
        }
        if (error instanceof OutOfMemoryError) {
            return what + " is too large for the memory this app may use. Start it with a larger -Xmx.";
        }
        return what + " could not be opened (" + error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : ": " + error.getMessage()) + ").";
    }
}
