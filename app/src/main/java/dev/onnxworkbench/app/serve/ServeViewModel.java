package dev.onnxworkbench.app.serve;

import dev.onnxworkbench.app.predict.FormInputs;
import dev.onnxworkbench.app.task.BackgroundTask;
import dev.onnxworkbench.app.task.RunState;
import dev.onnxworkbench.app.task.TaskExecutor;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.serve.ModelServer;
import dev.onnxworkbench.models.serve.ServerOptions;
import dev.onnxworkbench.models.serve.V2RequestBody;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What Run ▸ Serve… does, without a toolkit: start and stop the server for the current model, and the client
 * snippets built from the Predict form's input set (and the line that says which inputs they carry). Starting,
 * stopping and building run as background tasks; a server that finishes starting after the model changed is
 * closed, never shown.
 */
public final class ServeViewModel {
    /** How the server is to be started (the form's fields). */
    public record Settings(String name, String host, int port, ProviderSettings provider, String token) {}

    private final TaskExecutor tasks;
    private final Supplier<SessionFactory> sessions;
    private final FormInputs form;
    private final RunState state = new RunState("Not serving.");
    private final RunState snippetState = new RunState("");
    private final ReadOnlyObjectWrapper<ModelServer> server = new ReadOnlyObjectWrapper<>(this, "server");
    private final ReadOnlyObjectWrapper<Path> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyObjectWrapper<Snippets.Pair> snippets = new ReadOnlyObjectWrapper<>(this, "snippets");
    private final ReadOnlyStringWrapper body = new ReadOnlyStringWrapper(this, "body");
    private final ReadOnlyStringWrapper inputsLine = new ReadOnlyStringWrapper(this, "inputs",
            "Snippets carry the Predict form's input set.");
    /** Access-log lines from the server's threads, drained by the view once a second. */
    private final Queue<String> pendingLog = new ConcurrentLinkedQueue<>();

    public ServeViewModel(TaskExecutor tasks, Supplier<SessionFactory> sessions, FormInputs form) {
        this.tasks = tasks;
        this.sessions = sessions;
        this.form = form;
    }

    public RunState state() {
        return state;
    }

    /** Building the snippets: FAILED says what the form lacks. */
    public RunState snippetState() {
        return snippetState;
    }

    public ReadOnlyObjectProperty<ModelServer> serverProperty() {
        return server.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> modelProperty() {
        return model.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Snippets.Pair> snippetsProperty() {
        return snippets.getReadOnlyProperty();
    }

    /** The v2 request body of the snippets (null until built). */
    public ReadOnlyStringProperty bodyProperty() {
        return body.getReadOnlyProperty();
    }

    /** "Inputs from the Predict form: x float32[1,3] typed: …" — what the snippets send. */
    public ReadOnlyStringProperty inputsProperty() {
        return inputsLine.getReadOnlyProperty();
    }

    public Queue<String> pendingLog() {
        return pendingLog;
    }

    /** Shows a model; a running server for another model is stopped, a starting one is dropped and closed. */
    public void showModel(Path file) {
        if (file == null || file.equals(model.get())) {
            return;
        }
        stop();
        model.set(file);
        state.reset("Ready to serve " + file.getFileName() + ".");
        snippetState.reset("");
        snippets.set(null);
        body.set(null);
    }

    /** Starts serving the current model. */
    public void start(Settings settings) {
        Path file = model.get();
        if (file == null || server.get() != null || state.isBusy()) {
            return;
        }
        ServerOptions options = new ServerOptions(settings.host(), settings.port(),
                ServerOptions.DEFAULT_MAX_BODY_MB * 1024L * 1024L, settings.token(),
                line -> pendingLog.add(ServeView.panelLine(line)));
        state.run(BackgroundTask.wrap(() -> ModelServer.start(sessions.get(), file, settings.name(),
                                settings.provider(), options))
                        .withTitle("Starting the server for " + file.getFileName()).showInStatusBar()
                        .onDiscarded(ModelServer::close),
                tasks, "Starting…", started -> {
                    server.set(started);
                    return "Serving " + file.getFileName() + " as '" + started.name() + "' on " + started.url()
                            + (settings.host().equals("0.0.0.0") ? " — reachable from other machines"
                            : " (this machine only)") + ".";
                });
    }

    /** Stops serving (in the background: requests in flight finish first). */
    public void stop() {
        ModelServer running = server.get();
        if (running == null) {
            state.cancel(); // a server still starting is closed when it arrives
            return;
        }
        server.set(null);
        state.run(BackgroundTask.wrap(running::close).withTitle("Stopping the server"), tasks, "Stopping…",
                v -> "Stopped.");
    }

    /**
     * Rebuilds the snippets from the Predict form's input set (read now, built in the background) for
     * {@code target} (the running server's URL, or the one it would get).
     */
    public void refreshSnippets(String target, String token) {
        if (model.get() == null) {
            return;
        }
        Callable<InputSet> inputs = form.snapshot();
        snippetState.run(BackgroundTask.wrap(() -> {
                    InputSet set = inputs.call();
                    return new Built(set, V2RequestBody.json(set.values(), "workbench-1", true));
                }).withTitle("Building the client snippets"), tasks, "Building the snippets from the Predict form…",
                built -> {
                    body.set(built.body());
                    snippets.set(Snippets.of(target, built.body(), token, preprocessing(built.set())));
                    inputsLine.set("Snippets carry the Predict form's inputs: " + built.set().summary());
                    return "";
                });
    }

    private record Built(InputSet set, String body) {}

    /** "x: photo.png, 640×640 …, preprocessed here; the body holds the tensor" for inputs made from a file's picture or recording. */
    static java.util.List<String> preprocessing(InputSet set) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (var d : set.describe()) {
            if (set.source(d.name()) instanceof dev.onnxworkbench.models.runtime.inputs.InputSource.Values v
                    && (v.recipe() instanceof dev.onnxworkbench.models.runtime.inputs.InputRecipe.ImageFile
                    || v.recipe() instanceof dev.onnxworkbench.models.runtime.inputs.InputRecipe.AudioFile)) {
                lines.add(d.name() + " " + d.type() + java.util.Arrays.toString(d.shape()) + " preprocessed from "
                        + d.source() + "; the body holds the tensor, not the file");
            }
        }
        return lines;
    }

    /** Writes the request body in the background. */
    public void saveBody(Path target) {
        String text = body.get();
        if (text == null) {
            return;
        }
        BackgroundTask.wrap(() -> Files.writeString(target, text)).withTitle("Saving " + target.getFileName())
                .onSuccess(p -> state.say("Saved " + target + "."))
                .onFailure(e -> state.say("Could not save " + target + ": " + RunState.messageOf(e)))
                .executeWith(tasks);
    }
}
