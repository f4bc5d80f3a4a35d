package dev.onnxworkbench.app.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.onnxworkbench.app.AppServices;
import dev.onnxworkbench.app.WorkbenchTheme;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.PredictionResult;
import dev.onnxworkbench.models.runtime.Predictor;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.NativeLibraries;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.samples.SampleModels;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.OutputValue.TensorValue;
import dev.onnxworkbench.models.onnx.proto.AttributeProto;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.OperatorSetIdProto;
import dev.onnxworkbench.models.onnx.proto.TypeProto;
import dev.onnxworkbench.models.onnx.proto.ValueInfoProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.testing.Protos;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The prediction pane on its own stage, headless, on the bundled samples: the flows a user goes
 * through, each ending in a screenshot under target/screenshots/.
 */
class PredictionPaneFlowsTest {

    private static final int WIDTH = 440;
    private static final int HEIGHT = 980;

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private ExecutorService background;
    private Preferences preferences;
    private PredictionPane pane;
    private Stage stage;

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void setUp() throws Exception {
        background = AppServices.newBackgroundExecutor();
        preferences = Preferences.userRoot().node("dev/onnxworkbench/test/predict-" + System.nanoTime());
        stage = FxToolkit.registerStage(Stage::new);
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        background.shutdownNow();
        try {
            preferences.removeNode();
        } catch (java.util.prefs.BackingStoreException busy) {
            // Other builds on this machine hold the preferences lock now and then; a leftover test node is harmless.
        }
    }

    @Test
    void tabular_chooseCategoriesTypeNumbersRunAndReadThePrediction() throws Exception {
        Model model = new OnnxReader().read(SampleModels.weightChange(tmp.resolve("models")));
        show(model, WorkbenchTheme.LIGHT);

        choose("sex", "female");
        choose("activity_level", "light");
        choose("sleep_quality", "poor");
        type("age", "34");
        type("weight_kg", "72.5");
        type("daily_kcal", "2600");
        assertThat(pane.runButton().isDisabled()).isFalse();

        run();

        double expected = directPrediction(model.path(), Map.of("age", 34f, "weight_kg", 72.5f, "daily_kcal", 2600f),
                Map.of("sex", "female", "activity_level", "light", "sleep_quality", "poor"));
        Label shown = lookup("#value-" + SampleModels.WEIGHT_CHANGE_OUTPUT);
        assertThat(shown.getText()).isEqualTo(NumberText.format((float) expected));
        // A plausible answer from the fitted model: a few hundred grams per week either way.
        assertThat(Math.abs(expected)).isLessThan(3.0);
        assertThat(pane.statusLabel().getText()).matches("Ran in [0-9.]+ ms on CPU( \\(median of [0-9]+ runs; the session.s first run took [0-9.]+ ms\\))?");
        screenshot("predict-tabular");

        interact(() -> stage.getScene().getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(),
                WorkbenchTheme.DARK.stylesheetUrl()));
        screenshot("predict-tabular-dark");
    }

    @Test
    void image_dropAPngRunAndReadTopK() throws Exception {
        Model model = new OnnxReader().read(SampleModels.dominantColour(tmp.resolve("models")));
        Path png = mostlyColoured(tmp.resolve("sunset.png"), new Color(230, 40, 30));
        show(model, WorkbenchTheme.LIGHT);

        ImageEditor editor = (ImageEditor) pane.form().row(SampleModels.COLOUR_INPUT).orElseThrow().editor;
        // What the drop handler does with the dropped file.
        var load = robot.interact(() -> editor.loadFile(png));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !pane.runButton().isDisabled());

        run();

        GridPane topK = lookup("#topk-" + SampleModels.COLOUR_OUTPUT);
        Label first = (Label) topK.getChildren().getFirst();
        assertThat(first.getText()).isEqualTo("red");
        screenshot("predict-image");

        interact(() -> stage.getScene().getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(),
                WorkbenchTheme.DARK.stylesheetUrl()));
        screenshot("predict-image-dark");
    }

    @Test
    void invalid_aLetterInANumberFieldIsMarkedAndRunStaysDisabled() throws Exception {
        Model model = new OnnxReader().read(SampleModels.weightChange(tmp.resolve("models")));
        show(model, WorkbenchTheme.LIGHT);
        choose("sex", "male");
        choose("activity_level", "moderate");
        choose("sleep_quality", "good");
        type("weight_kg", "80");
        type("daily_kcal", "2400");

        type("age", "4a");

        TextField age = lookup("#input-age");
        Label message = lookup("#message-age");
        assertThat(age.getStyleClass()).contains("invalid");
        assertThat(message.isVisible()).isTrue();
        assertThat(message.getText()).isEqualTo("'4a' is not a number.");
        assertThat(pane.runButton().isDisabled()).isTrue();
        screenshot("predict-invalid");

        type("age", "41");
        assertThat(message.isVisible()).isFalse();
        assertThat(pane.runButton().isDisabled()).isFalse();
    }

    /** ControlsFX validation: out-of-range numbers and decimal commas are refused with a message, not only a border. */
    @Test
    void numbersOutsideTheTypeAndDecimalCommasAreRefusedWithAMessage() throws Exception {
        GraphProto graph = GraphProto.newBuilder().setName("ranges")
                .addInput(Protos.tensorValue("gain", 1))
                .addInput(Protos.tensorValue("level", 2))
                .addOutput(Protos.tensorValue("gain_out", 1))
                .addOutput(Protos.tensorValue("level_out", 2))
                .addNode(Protos.node("Identity", "g", List.of("gain"), List.of("gain_out")))
                .addNode(Protos.node("Identity", "l", List.of("level"), List.of("level_out")))
                .build();
        show(new OnnxReader().read(Protos.write(Protos.model(graph, 13).build(), tmp.resolve("models/ranges.onnx"))),
                WorkbenchTheme.LIGHT);
        NumberFieldsEditor gain = (NumberFieldsEditor) pane.form().row("gain").orElseThrow().editor;

        type("gain", "1e999");
        type("level", "300");
        assertThat(((Label) lookup("#message-gain")).getText()).contains("1e999").contains("float32");
        assertThat(((Label) lookup("#message-level")).getText()).contains("300").contains("uint8").contains("255");
        assertThat(gain.validation().getValidationResult().getErrors()).singleElement()
                .satisfies(m -> assertThat(m.getText()).contains("1e999"));
        assertThat(pane.runButton().isDisabled()).isTrue();

        type("gain", "12,5");
        assertThat(((Label) lookup("#message-gain")).getText()).contains("12,5").contains("12.5");
        assertThat(gain.validation().isInvalid()).isTrue();
        screenshot("predict-validation");

        type("gain", "12.5");
        type("level", "200");
        assertThat(gain.validation().isInvalid()).isFalse();
        assertThat(pane.runButton().isDisabled()).isFalse();
    }

    @Test
    void fileLoadedValuesRunAndTheFormComesBackAsTheUserLeftIt() throws Exception {
        Model model = new OnnxReader().read(SampleModels.weightChange(tmp.resolve("models")));
        Path ages = Files.writeString(tmp.resolve("age.json"), "[[29.0]]");
        show(model, WorkbenchTheme.LIGHT);
        choose("sex", "male");
        choose("activity_level", "active");
        choose("sleep_quality", "fair");
        type("weight_kg", "91");
        type("daily_kcal", "2150");

        var load = robot.interact(() -> pane.loadInputFile("age", ages));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> pane.form().row("age").orElseThrow().hasLoaded());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.statusLabel().getText()).isEqualTo("Loaded age from age.json.");
        run();
        assertThat(((Label) lookup("#value-" + SampleModels.WEIGHT_CHANGE_OUTPUT)).getText()).isNotBlank();
        screenshot("predict-file");

        // Opening the model again (a new session of the app) restores the last inputs.
        show(model, WorkbenchTheme.LIGHT);
        assertThat(((TextField) lookup("#input-weight_kg")).getText()).isEqualTo("91");
        assertThat(((TextField) lookup("#input-age")).getText()).isEqualTo("29");
        assertThat(((ComboBox<?>) lookup("#input-activity_level")).getValue()).isEqualTo("active");
        assertThat(pane.runButton().isDisabled()).isFalse();
    }

    @Test
    void aFileThatDoesNotFitIsRefusedAndTheFormKeepsItsValue() throws Exception {
        Model model = new OnnxReader().read(SampleModels.weightChange(tmp.resolve("models")));
        Path words = Files.writeString(tmp.resolve("age.json"), "[\"old\"]");
        show(model, WorkbenchTheme.LIGHT);
        type("age", "50");

        var load = robot.interact(() -> pane.loadInputFile("age", words));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> pane.statusLabel().getStyleClass().contains("error"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(pane.statusLabel().getText()).contains("age.json");
        assertThat(pane.form().row("age").orElseThrow().hasLoaded()).isFalse();
        assertThat(((TextField) lookup("#input-age")).getText()).isEqualTo("50");
    }

    @Test
    void testData_loadAFolderRunAndCompareWithTheExpectedOutputs() throws Exception {
        Path caseDir = Path.of("/usr/share/libonnx-testdata/data/node/test_averagepool_2d_default");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(caseDir), "libonnx-testdata is installed");
        Model model = new OnnxReader().read(caseDir.resolve("model.onnx"));
        show(model, WorkbenchTheme.LIGHT);
        assertThat(pane.runButton().isDisabled()).isTrue();

        var load = robot.interact(() -> pane.loadTestData(caseDir.resolve("test_data_set_0")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> pane.statusLabel().getText().startsWith("Loaded"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.statusLabel().getText())
                .isEqualTo("Loaded test_data_set_0: 1 input, 1 expected output; Run compares them.");

        run();

        Label comparison = lookup("#compare-y");
        assertThat(comparison.getText()).startsWith("✓ matches expected · max abs error");
        assertThat(comparison.getStyleClass()).contains("pass");
        screenshot("predict-testdata");
    }

    @Test
    void audio_aWavFileSetsTheSignalItsLengthAndTheSampleRate() throws Exception {
        Path modelFile = Protos.write(signalModel(), tmp.resolve("models/signal-stats.onnx"));
        Path wav = sineWav(tmp.resolve("tone.wav"), 16000, 0.5, 0.5);
        Model model = new OnnxReader().read(modelFile);
        show(model, WorkbenchTheme.LIGHT);

        AudioEditor editor = (AudioEditor) pane.form().row("waveform").orElseThrow().editor;
        // Before a WAV is chosen the form has no values to give (Serve's snippets ask): empty, not a crash.
        var before = new java.util.concurrent.atomic.AtomicReference<String>();
        robot.interact(() -> pane.currentInputs(set -> before.set("a set"), before::set));
        assertThat(before.get()).startsWith("Fill in the Predict form first");
        // What the drop handler does with the dropped file.
        var load = robot.interact(() -> editor.loadFile(wav));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !pane.runButton().isDisabled());
        assertThat(((TextField) lookup("#input-sample_rate")).getText()).isEqualTo("16000");
        assertThat(((TextField) lookup("#size-T")).getText()).isEqualTo("8000");

        run();

        assertThat(Double.parseDouble(((Label) lookup("#value-duration_s")).getText())).isEqualTo(0.5);
        assertThat(Double.parseDouble(((Label) lookup("#value-peak")).getText())).isCloseTo(0.5, within(1e-3));
        screenshot("predict-audio");
    }

    @Test
    void sizesThatWouldNotFitInMemoryAreRefusedOnTheField() throws Exception {
        Model model = new OnnxReader().read(SampleModels.dominantColour(tmp.resolve("models")));
        show(model, WorkbenchTheme.DARK);

        TextField batch = lookup("#size-N");
        interact(() -> batch.setText("200000"));

        Label message = lookup("#message-" + SampleModels.COLOUR_INPUT);
        assertThat(message.getText()).startsWith("image: a 200000×3×64×64 float32 tensor needs 9.2 GiB, more than the");
        assertThat(pane.runButton().isDisabled()).isTrue();

        interact(() -> batch.setText("0"));
        assertThat(batch.getStyleClass()).contains("invalid");
        assertThat(pane.runButton().isDisabled()).isTrue();
        screenshot("predict-invalid-dark");
    }

    @Test
    void zipMap_sequenceOfMapsReadsAsALabelProbabilityTableAndExports() throws Exception {
        Path modelFile = Protos.write(zipMapModel(), tmp.resolve("models/zipmap.onnx"));
        Model model = new OnnxReader().read(modelFile);
        show(model, WorkbenchTheme.LIGHT);
        assertThat(pane.form().row("scores").orElseThrow().spec.editorKind())
                .isEqualTo(dev.onnxworkbench.models.runtime.inputs.EditorKind.NUMERIC_GRID);
        interact(() -> {
            ((TextField) lookup("#input-scores-0")).setText("0.2");
            ((TextField) lookup("#input-scores-1")).setText("0.5");
            ((TextField) lookup("#input-scores-2")).setText("0.3");
        });

        run();

        TableView<OutputsView.MapRow> table = lookup("#maps-probabilities");
        assertThat(table.getItems()).extracting(OutputsView.MapRow::label).containsExactly("dog", "cat", "bird");
        assertThat(table.getItems().getFirst().probability()).isCloseTo(0.5, within(1e-6));
        screenshot("predict-zipmap");

        Path json = tmp.resolve("export.json");
        var export = robot.interact(() -> pane.exportTo(json));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> pane.statusLabel().getText().startsWith("Exported"));
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertThat(doc.get("inputs").get(0).get("values").toString()).isEqualTo("[0.20000000298023224,0.5,0.30000001192092896]");
        assertThat(doc.get("outputs").get(0).get("maps").get(0).get("dog").asDouble()).isCloseTo(0.5, within(1e-6));
    }

    @Test
    void randomFillGivesEveryInputSeededValuesThatRun() throws Exception {
        Model model = new OnnxReader().read(SampleModels.weightChange(tmp.resolve("models")));
        show(model, WorkbenchTheme.LIGHT);
        assertThat(pane.runButton().isDisabled()).isTrue();

        interact(() -> ((javafx.scene.control.Button) lookup("#predict-random")).fire());

        assertThat(pane.form().rows()).allMatch(InputRow::hasLoaded);
        ComboBox<?> sex = lookup("#input-sex");
        assertThat(SampleModels.SEXES).contains((String) sex.getValue());
        assertThat(pane.runButton().isDisabled()).isFalse();
        run();
        String first = ((Label) lookup("#value-" + SampleModels.WEIGHT_CHANGE_OUTPUT)).getText();

        // The same seed again gives the same prediction.
        interact(() -> ((javafx.scene.control.Button) lookup("#predict-random")).fire());
        run();
        assertThat(((Label) lookup("#value-" + SampleModels.WEIGHT_CHANGE_OUTPUT)).getText()).isEqualTo(first);
    }

    @Test
    void aLabelsFileTheUserPicksNamesTheClasses() throws Exception {
        Model model = new OnnxReader().read(SampleModels.dominantColour(tmp.resolve("models")));
        Path png = mostlyColoured(tmp.resolve("leaf.png"), new Color(0, 210, 0));
        Path labels = Files.writeString(tmp.resolve("labels.txt"), "rot\ngrün\nblau\ngelb\nschwarz\nweiß\n");
        show(model, WorkbenchTheme.LIGHT);
        ImageEditor editor = (ImageEditor) pane.form().row(SampleModels.COLOUR_INPUT).orElseThrow().editor;
        var load = robot.interact(() -> editor.loadFile(png));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !pane.runButton().isDisabled());
        run();
        assertThat(((Label) ((GridPane) lookup("#topk-" + SampleModels.COLOUR_OUTPUT)).getChildren().getFirst())
                .getText()).isEqualTo("green");

        var pick = robot.interact(() -> pane.loadLabels(labels));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ((Label) ((GridPane) lookup(
                "#topk-" + SampleModels.COLOUR_OUTPUT)).getChildren().getFirst()).getText().equals("grün"));
    }

    @Test
    void cancellingALongRunGivesTheFormBack() throws Exception {
        GraphProto.Builder graph = GraphProto.newBuilder().setName("slow")
                .addInput(Protos.tensorValue("x", 1, 1536L, 1536L));
        String previous = "x";
        for (int i = 1; i <= 6; i++) {
            graph.addNode(Protos.node("MatMul", "m" + i, List.of(previous, "x"), List.of("y" + i)));
            previous = "y" + i;
        }
        graph.addOutput(Protos.tensorValue(previous, 1, 1536L, 1536L));
        Path modelFile = Protos.write(Protos.model(graph.build(), 13).build(), tmp.resolve("models/slow.onnx"));
        show(new OnnxReader().read(modelFile), WorkbenchTheme.LIGHT);
        interact(() -> ((javafx.scene.control.Button) lookup("#predict-random")).fire());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !pane.runButton().isDisabled());

        interact(() -> pane.runButton().fire());
        assertThat(pane.runningProperty().get()).isTrue();
        assertThat(lookup("#predict-cancel").isVisible()).isTrue();
        interact(() -> pane.cancelRun());

        assertThat(pane.runningProperty().get()).isFalse();
        assertThat(pane.statusLabel().getText()).startsWith("Cancelled.");
        assertThat(pane.runButton().isDisabled()).isFalse();
        // ONNX Runtime finishes the cancelled run (reading the model, remembering inputs under tmp): wait for
        // that work to end so that JUnit does not delete the temporary folder under it.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !pane.viewModel().workingProperty().get());
        assertThat(pane.outputsShown()).as("the cancelled run's outputs are dropped").isZero();
    }

    @Test
    void matrixInputsAreLaidOutAsRowsAndColumns() throws Exception {
        Path caseDir = Path.of("/usr/share/libonnx-testdata/data/node/test_matmul_2d");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(caseDir), "libonnx-testdata is installed");
        show(new OnnxReader().read(caseDir.resolve("model.onnx")), WorkbenchTheme.LIGHT);

        var load = robot.interact(() -> pane.loadTestData(caseDir.resolve("test_data_set_0")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> pane.statusLabel().getText().startsWith("Loaded"));
        run();

        // a is 3×4: field 5 is row 1, column 1, right of field 4 and under field 1.
        TextField a4 = lookup("#input-a-4");
        TextField a5 = lookup("#input-a-5");
        TextField a1 = lookup("#input-a-1");
        assertThat(GridPane.getRowIndex(a5)).isEqualTo(GridPane.getRowIndex(a4));
        assertThat(GridPane.getColumnIndex(a5)).isEqualTo(GridPane.getColumnIndex(a1));
        assertThat(((Label) lookup("#compare-c")).getStyleClass()).contains("pass");
        screenshot("predict-matrix");
    }

    /** scores [1,3] → ONNX-ML ZipMap → sequence<map<string,float>>, what scikit-learn classifiers end in. */
    private static ModelProto zipMapModel() {
        TypeProto mapType = TypeProto.newBuilder().setMapType(TypeProto.Map.newBuilder().setKeyType(8)
                .setValueType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(1)))).build();
        ValueInfoProto output = ValueInfoProto.newBuilder().setName("probabilities")
                .setType(TypeProto.newBuilder().setSequenceType(TypeProto.Sequence.newBuilder().setElemType(mapType)))
                .build();
        GraphProto graph = GraphProto.newBuilder().setName("zipmap")
                .addInput(Protos.tensorValue("scores", 1, 1L, 3L))
                .addNode(Protos.node("ZipMap", "zip", List.of("scores"), List.of("probabilities")).setDomain("ai.onnx.ml")
                        .addAttribute(AttributeProto.newBuilder().setName("classlabels_strings")
                                .setType(AttributeProto.AttributeType.STRINGS)
                                .addStrings(com.google.protobuf.ByteString.copyFromUtf8("bird"))
                                .addStrings(com.google.protobuf.ByteString.copyFromUtf8("dog"))
                                .addStrings(com.google.protobuf.ByteString.copyFromUtf8("cat"))))
                .addOutput(output)
                .build();
        return Protos.model(graph, 13)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("ai.onnx.ml").setVersion(1)).build();
    }

    /** waveform [1,T] and its sample rate → duration in seconds and peak amplitude. */
    private static ModelProto signalModel() {
        GraphProto graph = GraphProto.newBuilder().setName("signal-stats")
                .addInput(Protos.tensorValue("waveform", 1, 1L, "T"))
                .addInput(Protos.tensorValue("sample_rate", 7))
                .addNode(Protos.node("Size", "size", List.of("waveform"), List.of("samples")))
                .addNode(Protos.node("Cast", "samples_f", List.of("samples"), List.of("samples_f"))
                        .addAttribute(Protos.intAttr("to", 1)))
                .addNode(Protos.node("Cast", "rate_f", List.of("sample_rate"), List.of("rate_f"))
                        .addAttribute(Protos.intAttr("to", 1)))
                .addNode(Protos.node("Div", "duration", List.of("samples_f", "rate_f"), List.of("duration_s")))
                .addNode(Protos.node("Abs", "abs", List.of("waveform"), List.of("magnitude")))
                .addNode(Protos.node("ReduceMax", "peak", List.of("magnitude"), List.of("peak"))
                        .addAttribute(Protos.intAttr("keepdims", 0)))
                .addOutput(Protos.tensorValue("duration_s", 1))
                .addOutput(Protos.tensorValue("peak", 1))
                .build();
        return Protos.model(graph, 13).build();
    }

    private static Path sineWav(Path file, int rate, double seconds, double amplitude) throws Exception {
        int frames = (int) (rate * seconds);
        ByteBuffer pcm = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            pcm.putShort((short) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * 440 * i / rate)));
        }
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, frames)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }

    // ---- helpers ----

    private void show(Model model, WorkbenchTheme theme) throws Exception {
        interact(() -> {
            pane = new PredictionPane(new dev.onnxworkbench.app.task.FxTaskExecutor(background), tmp.resolve("data"), preferences, PaneTesting.backend());
            Scene scene = new Scene(pane, WIDTH, HEIGHT);
            scene.getStylesheets().setAll(WorkbenchTheme.sharedStylesheetUrl(), theme.stylesheetUrl());
            stage.setScene(scene);
            stage.show();
            pane.showModel(model);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> pane.form() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private void choose(String input, String category) {
        ComboBox<String> box = lookup("#input-" + input);
        assertThat(box.getItems()).contains(category);
        interact(() -> box.getSelectionModel().select(category));
    }

    private void type(String input, String text) {
        TextField field = lookup("#input-" + input);
        interact(() -> {
            field.requestFocus();
            field.setText(text);
        });
    }

    private void run() throws Exception {
        interact(() -> pane.runButton().fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !pane.runningProperty().get()
                && !pane.statusLabel().getText().startsWith("Running"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.statusLabel().getStyleClass()).doesNotContain("error");
    }

    @SuppressWarnings("unchecked")
    private <T extends Node> T lookup(String query) {
        return (T) robot.lookup(query).query();
    }

    private void interact(Runnable action) {
        robot.interact(action);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void screenshot(String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        Files.createDirectories(dir);
        var image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", dir.resolve(name + ".png").toFile());
    }

    /** The same prediction straight through the runtime, to check what the pane shows. */
    private static double directPrediction(Path model, Map<String, Float> numbers, Map<String, String> categories)
            throws Exception {
        Map<String, HostTensor> inputs = new LinkedHashMap<>();
        for (var e : numbers.entrySet()) {
            inputs.put(e.getKey(), HostTensor.ofFloats(new long[] {1, 1}, e.getValue()));
        }
        for (var e : categories.entrySet()) {
            inputs.put(e.getKey(), HostTensor.ofStrings(new long[] {1, 1}, e.getValue()));
        }
        try (Predictor predictor = new Predictor(new SessionFactory(new NativeLibraries(Path.of("target", "ort-native"))))) {
            PredictionResult result = predictor.predict(model, ProviderSettings.cpu(), inputs);
            return ((TensorValue) result.output(SampleModels.WEIGHT_CHANGE_OUTPUT).orElseThrow()).tensor().getDouble(0);
        }
    }

    /** A photo-like PNG: a coloured field with a darker band, the way a real picture is never one colour. */
    private static Path mostlyColoured(Path file, Color colour) throws Exception {
        BufferedImage image = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 160, 120);
        g.setColor(colour.darker());
        g.fillRect(0, 90, 160, 30);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
