package dev.onnxworkbench.app.compare;

import dev.onnxworkbench.models.bench.ProviderStatus;
import dev.onnxworkbench.models.precisionaxis.Precision;
import dev.onnxworkbench.models.runtime.ExecutionProvider;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The left side of the compare view: each provider with its availability (and the reason when it is
 * not available), its options, and the run settings. Reads back as a {@link CompareForm}.
 */
final class ProviderPanel extends VBox {
    private final Map<ExecutionProvider, CheckBox> enabled = new EnumMap<>(ExecutionProvider.class);
    private final Map<ExecutionProvider, Label> badges = new EnumMap<>(ExecutionProvider.class);
    private final Map<ExecutionProvider, Label> reasons = new EnumMap<>(ExecutionProvider.class);
    private final Map<ExecutionProvider, GridPane> optionGrids = new EnumMap<>(ExecutionProvider.class);
    private final VBox otherProviders = new VBox(4);

    final TextField cpuThreads = field("1, " + Runtime.getRuntime().availableProcessors(), "cpu-threads");
    final ComboBox<String> optimization = combo("all", "optimization", "all", "extended", "basic", "disable");
    final ComboBox<String> executionMode = combo("sequential", "execution-mode", "sequential", "parallel");
    final TextField cudaDevice = field("0", "cuda-device");
    final ComboBox<String> cudnnSearch = combo("EXHAUSTIVE", "cudnn-search", "EXHAUSTIVE", "HEURISTIC", "DEFAULT");
    final CheckBox cudaTf32 = check("Allow TF32 math", true, "cuda-tf32");
    final TextField cudaMemory = field("0", "cuda-memory");
    final CheckBox trtFp16 = check("FP16 kernels", false, "trt-fp16");
    final CheckBox trtInt8 = check("INT8 kernels", false, "trt-int8");
    final TextField trtWorkspace = field("1024", "trt-workspace");
    final CheckBox trtEngineCache = check("Engine cache", true, "trt-engine-cache");
    final CheckBox trtCudaFallback = check("CUDA fallback", true, "trt-cuda-fallback");
    final TextField warmup = field("10", "warmup");
    final RadioButton byRuns = new RadioButton("Runs");
    final RadioButton byDuration = new RadioButton("Seconds");
    final TextField runs = field("100", "runs");
    final TextField duration = field("2", "duration");
    final TextField batchSizes = field("1, 4, 16", "batch-sizes");
    final Label batchNote = new Label();
    final TextField seed = field("42", "seed");
    final RadioButton randomInputs = new RadioButton("Random");
    final RadioButton givenInputs = new RadioButton("Given");
    final javafx.scene.control.Button chooseTestData = new javafx.scene.control.Button("Test data set…");
    final Label givenLabel = new Label(NO_INPUTS);
    final Map<Precision, CheckBox> precisions = new EnumMap<>(Precision.class);
    final TextField calibration = field("", "precision-calibration");
    final javafx.scene.control.Button chooseCalibration = new javafx.scene.control.Button("Folder…");
    final TextField variants = field("", "precision-variants");
    final javafx.scene.control.Button chooseVariants = new javafx.scene.control.Button("Add…");
    final TextField atol = field("1e-5", "atol");
    final TextField rtol = field("1e-3", "rtol");

    private static final String NO_INPUTS = "No input set yet: Run ▸ Compare providers from the window brings the "
            + "Predict form's inputs (fill it first), or choose a test_data_set folder.";
    private final Path trtCacheDirectory;
    private boolean dynamicBatch;

    ProviderPanel(Path trtCacheDirectory) {
        this.trtCacheDirectory = trtCacheDirectory;
        getStyleClass().add("provider-panel");
        setSpacing(6);
        ToggleGroup amount = new ToggleGroup();
        byRuns.setToggleGroup(amount);
        byDuration.setToggleGroup(amount);
        byRuns.setSelected(true);
        byRuns.setId("by-runs");
        byDuration.setId("by-duration");
        runs.disableProperty().bind(byDuration.selectedProperty());
        duration.disableProperty().bind(byRuns.selectedProperty());

        getChildren().add(section("PROVIDERS"));
        for (ExecutionProvider p : ExecutionProvider.values()) {
            getChildren().add(providerCard(p));
        }
        getChildren().add(otherProviders);

        getChildren().add(section("SESSION (EVERY PROVIDER)"));
        getChildren().add(grid(row("Optimization", optimization), row("Execution mode", executionMode)));

        getChildren().add(section("PRECISION"));
        getChildren().add(precisionGrid());

        getChildren().add(section("RUN"));
        byRuns.setMinWidth(Region.USE_PREF_SIZE);
        byDuration.setMinWidth(Region.USE_PREF_SIZE);
        byRuns.setPrefWidth(80);
        byDuration.setPrefWidth(80);
        HBox runsRow = new HBox(8, byRuns, runs);
        HBox durationRow = new HBox(8, byDuration, duration);
        runsRow.getStyleClass().add("amount-row");
        durationRow.getStyleClass().add("amount-row");
        HBox.setHgrow(runs, Priority.ALWAYS);
        HBox.setHgrow(duration, Priority.ALWAYS);
        VBox amountRow = new VBox(4, runsRow, durationRow);
        batchNote.getStyleClass().addAll("muted", "note");
        batchNote.setWrapText(true);
        ToggleGroup inputs = new ToggleGroup();
        randomInputs.setToggleGroup(inputs);
        givenInputs.setToggleGroup(inputs);
        randomInputs.setSelected(true);
        randomInputs.setId("inputs-random");
        givenInputs.setId("inputs-given");
        givenInputs.setDisable(true);
        chooseTestData.setId("inputs-test-data");
        givenLabel.getStyleClass().addAll("muted", "note");
        givenLabel.setWrapText(true);
        givenLabel.setId("inputs-given-label");
        // Wraps within the column instead of widening the whole panel (a long input summary).
        givenLabel.setMinWidth(0);
        givenLabel.setPrefWidth(150);
        seed.disableProperty().bind(givenInputs.selectedProperty());
        randomInputs.setText("Random values");
        givenInputs.setText("Given values");
        randomInputs.setMinWidth(Region.USE_PREF_SIZE);
        givenInputs.setMinWidth(Region.USE_PREF_SIZE);
        chooseTestData.setMinWidth(Region.USE_PREF_SIZE);
        VBox inputRow = new VBox(4, randomInputs, givenInputs, chooseTestData);
        getChildren().add(grid(row("Warm-up runs", warmup), row("Timed", amountRow), row("Batch sizes", batchSizes),
                row("", batchNote), row("Inputs", inputRow), row("", givenLabel), row("Seed", seed),
                row("Abs tolerance", atol), row("Rel tolerance", rtol)));
        setDynamicBatch(false);
    }

    /**
     * FP32 (the model, always) and copies written to a temporary folder for the run: FP16, INT8 dynamic, INT8
     * static (calibrated on a folder, or on the compared inputs).
     */
    private GridPane precisionGrid() {
        VBox boxes = new VBox(4);
        for (Precision p : Precision.values()) {
            CheckBox box = check(p.label(), p == Precision.FP32, "precision-" + p.cliName());
            box.setDisable(p == Precision.FP32);
            box.setMinWidth(Region.USE_PREF_SIZE);
            precisions.put(p, box);
            boxes.getChildren().add(box);
        }
        precisions.get(Precision.FP32).setTooltip(new Tooltip("The model itself: every other precision's outputs are "
                + "compared with its CPU outputs."));
        calibration.setPromptText("blank: the compared inputs");
        calibration.setTooltip(new Tooltip("INT8 static's calibration data: a folder of images, .npy files or "
                + "test_data_set_N folders (as quantize --calibrate DIR)."));
        chooseCalibration.setId("precision-calibration-choose");
        chooseCalibration.setMinWidth(Region.USE_PREF_SIZE);
        HBox calibrationRow = new HBox(6, calibration, chooseCalibration);
        HBox.setHgrow(calibration, Priority.ALWAYS);
        calibrationRow.disableProperty().bind(precisions.get(Precision.INT8_STATIC).selectedProperty().not());
        variants.setPromptText("other .onnx files of this model");
        variants.setTooltip(new Tooltip("A copy quantized or converted elsewhere, or an edited one: each runs on every "
                + "provider row with the same inputs and is compared with FP32 (as bench --variant). Separate files "
                + "with ';'."));
        chooseVariants.setId("precision-variants-choose");
        chooseVariants.setMinWidth(Region.USE_PREF_SIZE);
        HBox variantRow = new HBox(6, variants, chooseVariants);
        HBox.setHgrow(variants, Priority.ALWAYS);
        Label note = new Label("Copies go to a temporary folder; the model is never changed. Each provider row runs "
                + "every ticked precision and variant.");
        note.getStyleClass().addAll("muted", "note");
        note.setWrapText(true);
        note.setMinWidth(0);
        note.setPrefWidth(150);
        return grid(row("Run at", boxes), row("Calibration", calibrationRow), row("Variants", variantRow),
                row("", note));
    }

    private VBox providerCard(ExecutionProvider p) {
        CheckBox box = new CheckBox(p.displayName());
        box.setId("provider-" + p.name().toLowerCase(java.util.Locale.ROOT));
        box.getStyleClass().add("provider-name");
        box.setSelected(true);
        box.setDisable(p != ExecutionProvider.CPU);
        Label badge = new Label(p == ExecutionProvider.CPU ? "available" : "checking…");
        badge.getStyleClass().addAll("badge", p == ExecutionProvider.CPU ? "badge-ok" : "badge-pending");
        badge.setId("status-" + p.name().toLowerCase(java.util.Locale.ROOT));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, box, spacer, badge);
        header.getStyleClass().add("card-header");
        Label reason = new Label();
        reason.setId("reason-" + p.name().toLowerCase(java.util.Locale.ROOT));
        reason.getStyleClass().add("reason");
        reason.setWrapText(true);
        reason.setManaged(false);
        reason.setVisible(false);
        GridPane options = switch (p) {
            case CPU -> grid(row("Threads", cpuThreads));
            case CUDA -> grid(row("GPU device", cudaDevice), row("cuDNN search", cudnnSearch), row("", cudaTf32),
                    row("Memory limit MiB", cudaMemory));
            case TENSORRT -> grid(row("", trtFp16), row("", trtInt8), row("Workspace MiB", trtWorkspace),
                    row("", trtEngineCache), row("", trtCudaFallback));
        };
        if (p == ExecutionProvider.TENSORRT) {
            trtInt8.setTooltip(new Tooltip("Only for models that carry INT8 calibration (Q/DQ nodes or a calibration table)."));
            trtEngineCache.setTooltip(new Tooltip("Keep built engines and kernel timings in the app's data folder, "
                    + "so the next session builds in seconds instead of minutes."));
            trtCudaFallback.setTooltip(new Tooltip("Run the nodes TensorRT cannot take on CUDA instead of the CPU."));
        }
        if (p == ExecutionProvider.CPU) {
            cpuThreads.setTooltip(new Tooltip("Intra-op thread counts, comma-separated: one result row per value (0 = ONNX Runtime's choice)."));
        }
        options.disableProperty().bind(box.selectedProperty().not().or(box.disabledProperty()));
        enabled.put(p, box);
        badges.put(p, badge);
        reasons.put(p, reason);
        optionGrids.put(p, options);
        VBox card = new VBox(6, header, reason, options);
        card.getStyleClass().add("provider-card");
        return card;
    }

    /** Shows what the probe found: available providers become selectable, the others show why not. */
    void showStatuses(List<ProviderStatus> statuses) {
        otherProviders.getChildren().clear();
        for (ProviderStatus s : statuses) {
            if (s.provider() == null) {
                Label other = new Label(s.name() + ": " + s.reason());
                other.getStyleClass().addAll("muted", "note");
                other.setWrapText(true);
                otherProviders.getChildren().add(other);
                continue;
            }
            CheckBox box = enabled.get(s.provider());
            Label badge = badges.get(s.provider());
            Label reason = reasons.get(s.provider());
            badge.getStyleClass().removeAll("badge-ok", "badge-pending", "badge-unavailable");
            badge.getStyleClass().add(s.available() ? "badge-ok" : "badge-unavailable");
            badge.setText(s.available() ? "available" : "unavailable");
            // Still selectable: an unavailable provider then gets a row that says why, in the table and exports.
            box.setDisable(false);
            optionGrids.get(s.provider()).disableProperty().unbind();
            optionGrids.get(s.provider()).disableProperty().bind(box.selectedProperty().not().or(
                    new javafx.beans.property.SimpleBooleanProperty(!s.available())));
            reason.setText(s.available() ? "" : s.reason());
            reason.setVisible(!s.available());
            reason.setManaged(!s.available());
        }
    }

    /** Batch sizes only make sense when the model's first input dimension is dynamic. */
    void setDynamicBatch(boolean dynamic) {
        dynamicBatch = dynamic;
        batchSizes.disableProperty().unbind();
        batchSizes.disableProperty().bind(new javafx.beans.property.SimpleBooleanProperty(!dynamic));
        batchNote.setText(dynamic ? "The model's batch dimension is dynamic: each size is timed (batch sweep)."
                : "The model's batch size is fixed, so there is no batch sweep.");
    }

    CompareForm form() {
        Set<ExecutionProvider> selected = EnumSet.noneOf(ExecutionProvider.class);
        enabled.forEach((p, box) -> {
            if (box.isSelected() && !box.isDisabled()) {
                selected.add(p);
            }
        });
        return new CompareForm(selected, cpuThreads.getText(), optimization.getValue(), executionMode.getValue(),
                cudaDevice.getText(), cudnnSearch.getValue(), cudaTf32.isSelected(), cudaMemory.getText(),
                trtFp16.isSelected(), trtInt8.isSelected(), trtWorkspace.getText(), trtEngineCache.isSelected(),
                trtCudaFallback.isSelected(), trtCacheDirectory, warmup.getText(), byDuration.isSelected(), runs.getText(),
                duration.getText(), batchSizes.getText(), dynamicBatch, seed.getText(), atol.getText(), rtol.getText(),
                tickedPrecisions(), calibration.getText(), variants.getText());
    }

    /** Appends chosen files to the variant field (';'-separated), skipping ones already there. */
    void addVariants(List<java.nio.file.Path> files) {
        variants.setText(PrecisionSources.withVariants(variants.getText(), files));
    }

    private Set<Precision> tickedPrecisions() {
        Set<Precision> ticked = EnumSet.noneOf(Precision.class);
        precisions.forEach((p, box) -> {
            if (box.isSelected()) {
                ticked.add(p);
            }
        });
        return ticked;
    }

    /**
     * An input set to run on: "Given values" becomes selectable (and selected); "Random values" then means
     * random values of the same shapes; batch sizes start at the set's own batch (the sweep varies only it).
     */
    void showGivenInputs(dev.onnxworkbench.models.runtime.inputs.InputSet set) {
        givenInputs.setDisable(set == null);
        givenInputs.setSelected(set != null);
        if (set == null) {
            randomInputs.setSelected(true);
            givenLabel.setText(NO_INPUTS);
            return;
        }
        set.batch().ifPresent(b -> batchSizes.setText(Long.toString(b)));
        givenLabel.setText("Given: " + set.summary() + ". Random values keep these shapes"
                + (set.batch().isPresent() ? "; batch sizes vary only the batch dimension (given values repeated)." : "."));
    }

    CheckBox providerCheckBox(ExecutionProvider p) {
        return enabled.get(p);
    }

    Label reasonLabel(ExecutionProvider p) {
        return reasons.get(p);
    }

    private static Label section(String title) {
        Label l = new Label(title);
        l.getStyleClass().add("section-title");
        return l;
    }

    private record Row(String label, javafx.scene.Node control) {}

    private static Row row(String label, javafx.scene.Node control) {
        return new Row(label, control);
    }

    private static GridPane grid(Row... rows) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("options-grid");
        grid.setHgap(10);
        grid.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints(115);
        ColumnConstraints controls = new ColumnConstraints();
        controls.setHgrow(Priority.ALWAYS);
        controls.setFillWidth(true);
        grid.getColumnConstraints().setAll(labels, controls);
        int r = 0;
        for (Row row : rows) {
            Label label = new Label(row.label());
            label.getStyleClass().add("option-label");
            grid.add(label, 0, r);
            grid.add(row.control(), 1, r);
            if (row.control() instanceof Region region) {
                region.setMaxWidth(Double.MAX_VALUE);
            }
            r++;
        }
        return grid;
    }

    private static TextField field(String value, String id) {
        TextField f = new TextField(value);
        f.setId(id);
        return f;
    }

    private static CheckBox check(String text, boolean selected, String id) {
        CheckBox c = new CheckBox(text);
        c.setSelected(selected);
        c.setId(id);
        return c;
    }

    private static ComboBox<String> combo(String value, String id, String... choices) {
        ComboBox<String> c = new ComboBox<>();
        c.getItems().setAll(choices);
        c.setValue(value);
        c.setId(id);
        return c;
    }
}
