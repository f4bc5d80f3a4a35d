package dev.onnxworkbench.app.predict;

import dev.onnxworkbench.app.task.BackgroundTask;
import dev.onnxworkbench.app.task.TaskExecutor;
import dev.onnxworkbench.app.task.TaskSlot;
import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.runtime.inputs.InputFiles;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.runtime.inputs.InputSetBuilder;
import dev.onnxworkbench.models.runtime.inputs.InputSource;
import dev.onnxworkbench.models.runtime.inputs.InputSpec;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import dev.onnxworkbench.models.runtime.inputs.NameList;
import dev.onnxworkbench.models.runtime.inputs.RandomInputs;
import dev.onnxworkbench.models.runtime.inputs.TestDataInputs;
import dev.onnxworkbench.models.tensor.Comparison;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.Tolerance;
import dev.onnxworkbench.models.tensor.ValueComparator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import dev.onnxworkbench.models.runtime.inputs.ValueRules;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The state and commands of the Predict sidebar, without controls: the model, its input specs, the run
 * and its outcome, the status line, the labels, the expected outputs of a test data set. The input form
 * itself is the view's; the view-model reaches it through {@link Form}. All slow work runs in
 * {@link TaskSlot}s, so another model, another run or another fill supersedes the older one and nothing of
 * it lands in the new state. Tested on the same-thread executor without a toolkit.
 */
final class PredictViewModel {

    /** What the view-model needs of the input form (the view's {@link InputForm}). Used on the FX thread. */
    interface Form {
        /**
         * Where each input's values come from (typed text as typed, an editor's or a file's tensor), built later
         * on a background thread into the form's {@link InputSet}. Call only when the form is valid.
         */
        Map<String, Callable<InputSource>> snapshot();

        /** What typed values may hold (the "Allow NaN/±Inf" box); the form re-checks its fields with them. */
        void setRules(ValueRules rules);

        /** The chosen sizes of symbolic dimensions, or null when one is not a valid size. */
        Map<String, Long> sizes();

        /** Sizes and editor states to remember for the next session. */
        InputMemory.Saved remembered();

        /** The tensor inputs the user has left empty (what Random fills). */
        List<InputSpec> emptyInputs();

        /**
         * Puts a picture or recording with its settings back into its editor (File ▸ Load Input Set…); false when
         * the input's editor cannot take it (the value is then loaded as it is).
         */
        default boolean apply(String input, dev.onnxworkbench.models.runtime.inputs.InputRecipe recipe) {
            return false;
        }

        /** True when every input and size can be built. */
        boolean isValid();

        /** Puts a value from a file, a test data set or the random generator into an input. */
        void load(String input, HostTensor value, String source);
    }

    /** The model's input specs and what the last session remembered, worked out in the background. */
    record Prepared(Model model, List<InputSpec> specs, InputMemory.Saved saved) {}

    /** One finished run: its inputs, outputs, comparisons with expected outputs, and summaries. */
    record Outcome(Map<String, HostTensor> inputs, PredictionBackend.RunResult result,
                   Map<String, Comparison> comparisons, Map<String, TensorSummary> summaries) {}

    private final TaskExecutor tasks;
    private final InputMemory memory;
    private final PredictionBackend backend;
    private final TaskSlot preparing = new TaskSlot();
    private final TaskSlot running = new TaskSlot();
    private final TaskSlot filling = new TaskSlot();
    private final TaskSlot reading = new TaskSlot();

    private final ReadOnlyObjectWrapper<Model> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyObjectWrapper<Prepared> prepared = new ReadOnlyObjectWrapper<>(this, "prepared");
    private final ReadOnlyStringWrapper formMessage = new ReadOnlyStringWrapper(this, "formMessage", "Open a model to get its input form.");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper statusIsError = new ReadOnlyBooleanWrapper(this, "statusIsError", false);
    private final ReadOnlyBooleanWrapper waiting = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyObjectWrapper<Outcome> outcome = new ReadOnlyObjectWrapper<>(this, "outcome");
    private final ReadOnlyObjectWrapper<List<String>> labels = new ReadOnlyObjectWrapper<>(this, "labels", List.of());
    private final BooleanProperty allowNonFinite = new SimpleBooleanProperty(this, "allowNonFinite", false);
    private Map<String, dev.onnxworkbench.models.tensor.OutputValue> expected = Map.of();
    private Form form;

    PredictViewModel(TaskExecutor tasks, InputMemory memory, PredictionBackend backend) {
        this.tasks = tasks;
        this.memory = memory;
        this.backend = backend;
        allowNonFinite.addListener(o -> {
            if (form != null) {
                form.setRules(rules());
            }
        });
    }

    private ValueRules rules() {
        return ValueRules.of(allowNonFinite.get());
    }

    // ---- commands ----

    /** Shows a model: everything of the old one still in flight is dropped; the form is prepared in the background. */
    void showModel(Model m) {
        preparing.supersede();
        running.supersede();
        filling.supersede();
        reading.supersede();
        waiting.set(false);
        model.set(m);
        form = null;
        prepared.set(null);
        outcome.set(null);
        expected = Map.of();
        labels.set(NameList.parse(m.metadata().get("labels")));
        setStatus(m.path() == null ? "This model was not read from a file, so it cannot be run." : "", false);
        formMessage.set("Reading the model's inputs…");
        BackgroundTask.wrap(() -> {
            backend.close();
            List<InputSpec> specs = InputSpecs.derive(m);
            return new Prepared(m, specs, m.path() == null ? InputMemory.Saved.NONE : memory.load(m.path()));
        }).inSlot(preparing).onSuccess(prepared::set)
                .onFailure(error -> formMessage.set("Cannot build a form for this model: " + error.getMessage()))
                .executeWith(tasks);
    }

    /** The view built the form for {@link #preparedProperty()}; commands read and fill it from now on. */
    void attach(Form built) {
        form = built;
        built.setRules(rules());
    }

    /** Runs the model on the form's values in the background; a newer run or model drops this one's result. */
    void run(String provider) {
        Model m = model.get();
        Prepared p = prepared.get();
        if (form == null || m == null || m.path() == null || p == null) {
            return;
        }
        Map<String, Callable<InputSource>> snapshot = form.snapshot();
        Map<String, Long> sizes = form.sizes();
        ValueRules rules = rules();
        InputMemory.Saved toRemember = form.remembered();
        Path path = m.path();
        Map<String, dev.onnxworkbench.models.tensor.OutputValue> expectedNow = expected;
        waiting.set(true);
        setStatus("Running on " + provider + "…", false);
        String[] ran = new String[1];
        BackgroundTask.wrap(() -> {
            InputSet set = inputSet(p.specs(), snapshot, sizes, rules);
            ran[0] = set.summary();
            Map<String, HostTensor> inputs = set.values();
            PredictionBackend.RunResult result = backend.run(path, provider, set);
            Map<String, Comparison> compared = new LinkedHashMap<>();
            ValueComparator comparator = new ValueComparator(Tolerance.ONNX_BACKEND);
            expectedNow.forEach((name, value) -> {
                if (result.values().containsKey(name)) {
                    compared.put(name, comparator.compare(name, value, result.values().get(name)));
                }
            });
            try {
                memory.save(path, toRemember);
            } catch (IOException e) {
                // Not remembering inputs is no reason to hide a prediction.
            }
            return new Outcome(inputs, result, compared, OutputsView.summarize(result.outputs()));
        }).withTitle("Predicting with " + path.getFileName()).showInStatusBar().inSlot(running).onSuccess(done -> {
            outcome.set(done);
            // what ran, preprocessing included: "x float32[1,3,640,640] from photo.png, 640×640 …, nchw, rgb, 0-1"
            setStatus(done.result().describe() + "\nInputs: " + ran[0], false);
        }).onFailure(error -> setStatus(messageOf(error), true))
                .onFinished(() -> waiting.set(false))
                .executeWith(tasks);
    }

    /**
     * Stops waiting for the current run: the form is usable again and its result, if it still comes, is
     * dropped. ONNX Runtime cannot be interrupted mid-run; the backend starts the next run once it has finished.
     */
    void cancel() {
        if (running.current() != null) {
            running.supersede();
            waiting.set(false);
            setStatus("Cancelled. ONNX Runtime finishes the run it started in the background.", false);
        }
    }

    /** Fills the inputs the user left empty with seeded random values, built off the FX thread. */
    void fillRandomly(String seedText) {
        if (form == null) {
            return;
        }
        long seed;
        try {
            seed = Long.parseLong(seedText.strip());
        } catch (NumberFormatException e) {
            setStatus("The seed must be a whole number.", true);
            return;
        }
        Map<String, Long> sizes = form.sizes();
        if (sizes == null) {
            setStatus("Fix the sizes first: random values need a size for every dimension.", true);
            return;
        }
        List<InputSpec> empty = form.emptyInputs().stream().filter(s -> s.isTensor() && s.shape().rankKnown()).toList();
        if (empty.isEmpty()) {
            setStatus("Every input has a value: clear one to fill it randomly.", false);
            return;
        }
        Form target = form;
        BackgroundTask.<Map<String, HostTensor>>wrap(work -> {
            Map<String, HostTensor> values = new LinkedHashMap<>();
            for (InputSpec spec : empty) {
                if (work.isCancelled()) {
                    break;
                }
                work.update(values.size() / (double) empty.size(), "Random values for " + spec.name());
                values.put(spec.name(), RandomInputs.fill(spec, spec.concreteShape(sizes), seed));
            }
            return values;
        }).withTitle("Random values").showInStatusBar().inSlot(filling).onSuccess(values -> {
            values.forEach((name, value) -> target.load(name, value, "random, seed " + seed));
            setStatus("Filled " + String.join(", ", values.keySet()) + " with random values (seed " + seed + ").", false);
        }).onFailure(error -> setStatus(messageOf(error), true)).executeWith(tasks);
    }

    /** Reads a file into one input in the background (what the row's Load… does after the dialog). */
    void loadInputFile(InputSpec spec, Path file) {
        Form target = form;
        BackgroundTask.wrap(() -> InputFiles.read(file, spec)).inSlot(filling).onSuccess(value -> {
            target.load(spec.name(), value, file.getFileName().toString());
            setStatus("Loaded " + spec.name() + " from " + file.getFileName() + ".", false);
        }).onFailure(error -> setStatus(messageOf(error), true)).executeWith(tasks);
    }

    /** Loads a test data set: its inputs into the form, its expected outputs compared with the next run's. */
    void loadTestData(Path directory) {
        Model m = model.get();
        Form target = form;
        if (m == null || target == null) {
            return;
        }
        BackgroundTask.wrap(() -> TestDataInputs.load(directory, m.graph())).inSlot(filling).onSuccess(data -> {
            data.inputs().forEach((name, value) -> target.load(name, value, directory.getFileName().toString()));
            expected = data.expected();
            outcome.set(null);
            String summary = "Loaded " + directory.getFileName() + ": " + count(data.inputs().size(), "input")
                    + ", " + count(data.expected().size(), "expected output") + "; Run compares them.";
            setStatus(data.skipped().isEmpty() ? summary : summary + " Skipped " + String.join(", ", data.skipped()) + ".", false);
        }).onFailure(error -> setStatus(messageOf(error), true)).executeWith(tasks);
    }

    /** Writes the last run's inputs and outputs to {@code file} in the background. */
    void exportTo(Path file) {
        Outcome done = outcome.get();
        Model m = model.get();
        if (done == null || m == null) {
            return;
        }
        BackgroundTask.wrap(() -> PredictionExport.write(file, m.path(), done.inputs(), done.result()))
                .withTitle("Exporting the prediction")
                .onSuccess(v -> setStatus("Exported inputs and outputs to " + file.getFileName() + ".", false))
                .onFailure(error -> setStatus("Cannot write " + file.getFileName() + ": " + error.getMessage(), true))
                .executeWith(tasks);
    }

    /** Reads a labels file (one per line, a comma list or a JSON array); the outputs are shown with it. */
    void loadLabels(Path file) {
        BackgroundTask.wrap(() -> NameList.parse(Files.readString(file, StandardCharsets.UTF_8))).inSlot(reading)
                .onSuccess(labels::set)
                .onFailure(error -> setStatus("Cannot read labels from " + file.getFileName() + ".", true))
                .executeWith(tasks);
    }

    /**
     * Builds the form's current values in the background and hands them, with where they come from, to
     * {@code receiver} (Compare runs on them). Nothing is handed over when the form is not valid.
     */
    void currentInputs(Consumer<InputSet> receiver) {
        if (form != null && prepared.get() != null && form.sizes() != null && form.isValid()) {
            currentInputs(receiver, message -> setStatus(message, true));
        }
    }

    /** As {@link #currentInputs(Consumer)}, telling {@code refused} why when the form cannot give its inputs. */
    void currentInputs(Consumer<InputSet> receiver, Consumer<String> refused) {
        BackgroundTask.wrap(inputSnapshot()).withTitle("Building the form's inputs")
                .onSuccess(receiver).onFailure(error -> refused.accept(messageOf(error))).executeWith(tasks);
    }

    /**
     * What the form holds now (read here, on the FX thread), built into an input set when called (off it);
     * when the form is not ready, the call throws a message that says what to fill in.
     */
    Callable<InputSet> inputSnapshot() {
        Prepared p = prepared.get();
        if (form == null || p == null || form.sizes() == null || !form.isValid()) {
            String why = p == null ? "Open a model with inputs first."
                    : "Fill in the Predict form first (a size for every free dimension and a value for every "
                    + "input, or press Random there).";
            return () -> {
                throw new dev.onnxworkbench.models.runtime.inputs.InvalidInputException(why);
            };
        }
        Map<String, Callable<InputSource>> snapshot = form.snapshot();
        Map<String, Long> sizes = form.sizes();
        ValueRules rules = rules();
        return () -> inputSet(p.specs(), snapshot, sizes, rules);
    }

    /** File ▸ Save Input Set…: the form's set, with each picture's and recording's settings, as JSON. */
    void saveInputSet(Path file) {
        Model m = model.get();
        currentInputs(set -> BackgroundTask.wrap(() -> {
            dev.onnxworkbench.models.runtime.inputs.InputSetFile.write(file, set, m == null ? null : m.path());
            return set;
        }).withTitle("Saving the input set").onSuccess(saved -> setStatus("Saved the input set (" + saved.summary()
                + ") to " + file.getFileName() + ".", false))
                .onFailure(error -> setStatus(messageOf(error), true)).executeWith(tasks),
                message -> setStatus(message, true));
    }

    /**
     * File ▸ Load Input Set…: reads a saved set in the background (pictures and recordings preprocessed again) and
     * puts it into the form: pictures and recordings into their editors with their settings, the rest as values.
     */
    void loadInputSet(Path file) {
        Model m = model.get();
        Prepared p = prepared.get();
        Form target = form;
        if (m == null || p == null || target == null) {
            setStatus("Open a model with inputs first.", true);
            return;
        }
        record Loaded(InputSet set, Map<String, dev.onnxworkbench.models.runtime.inputs.InputRecipe> recipes,
                      Map<String, HostTensor> values) {}
        BackgroundTask.wrap(() -> {
            var saved = dev.onnxworkbench.models.runtime.inputs.InputSetFile.read(file, m);
            InputSetBuilder b = InputSet.builder(p.specs());
            saved.sizes().forEach((name, size) -> {
                if (p.specs().stream().anyMatch(s -> s.sizeParameters().contains(name))) {
                    b.dim(name, size);
                }
            });
            saved.sources().forEach(b::source);
            InputSet set = b.build();
            Map<String, dev.onnxworkbench.models.runtime.inputs.InputRecipe> recipes = new LinkedHashMap<>();
            saved.sources().forEach((name, source) -> {
                if (source instanceof InputSource.Values v && v.recipe() != null) {
                    recipes.put(name, v.recipe());
                }
            });
            return new Loaded(set, recipes, set.values());
        }).withTitle("Loading the input set").inSlot(filling).onSuccess(loaded -> {
            for (String name : loaded.set().names()) {
                var recipe = loaded.recipes().get(name);
                if (recipe == null || !target.apply(name, recipe)) {
                    String source = loaded.set().source(name).description();
                    target.load(name, loaded.values().get(name), source.startsWith("from ") ? source.substring(5) : source);
                }
            }
            setStatus("Loaded the input set " + file.getFileName() + ": " + loaded.set().summary(), false);
        }).onFailure(error -> setStatus(messageOf(error), true)).executeWith(tasks);
    }

    /** Closes the ONNX Runtime session kept open between runs, in the background. */
    void dispose() {
        running.supersede();
        BackgroundTask.wrap(backend::close).executeWith(tasks);
    }

    /**
     * The form's {@link InputSet}, the one road every run of the window takes (Run, Compare, Serve's snippets,
     * Tune, divergence): typed text is parsed and checked by the set with {@code rules}, exactly as {@code run}'s
     * {@code --input} and {@code serve}'s request bodies are. Off the FX thread.
     */
    static InputSet inputSet(List<InputSpec> specs, Map<String, Callable<InputSource>> snapshot,
                             Map<String, Long> sizes, ValueRules rules) throws Exception {
        InputSetBuilder set = InputSet.builder(specs).dims(sizes).rules(rules);
        for (Map.Entry<String, Callable<InputSource>> e : snapshot.entrySet()) {
            set.source(e.getKey(), e.getValue().call());
        }
        InputSet built = set.build();
        built.values(); // parse and check now: a refusal names the input before anything runs
        return built;
    }

    private void setStatus(String text, boolean error) {
        statusIsError.set(error);
        status.set(text);
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    static String messageOf(Throwable error) {
        return error instanceof WorkbenchException ? error.getMessage() : "Unexpected problem: " + error;
    }

    // ---- state ----

    /** The form's "Allow NaN/±Inf" box: non-finite typed values are refused unless it is ticked. */
    BooleanProperty allowNonFiniteProperty() {
        return allowNonFinite;
    }

    ReadOnlyObjectProperty<Model> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** The specs to build a form from; null while they are being worked out. */
    ReadOnlyObjectProperty<Prepared> preparedProperty() {
        return prepared.getReadOnlyProperty();
    }

    /** What to show instead of a form (while preparing, or why there is none). */
    ReadOnlyStringProperty formMessageProperty() {
        return formMessage.getReadOnlyProperty();
    }

    ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty statusIsErrorProperty() {
        return statusIsError.getReadOnlyProperty();
    }

    /** True while the view waits for a run (false again after Cancel, even if ONNX Runtime still finishes it). */
    ReadOnlyBooleanProperty runningProperty() {
        return waiting.getReadOnlyProperty();
    }

    /** True while any run's work is still executing, a cancelled one included. */
    ReadOnlyBooleanProperty workingProperty() {
        return running.busyProperty();
    }

    ReadOnlyObjectProperty<Outcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<List<String>> labelsProperty() {
        return labels.getReadOnlyProperty();
    }
}
