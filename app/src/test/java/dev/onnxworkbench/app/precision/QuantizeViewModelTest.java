package dev.onnxworkbench.app.precision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.onnxworkbench.app.diagram.CatalogOperatorLookup;
import dev.onnxworkbench.app.diagram.DiagramFixtures;
import dev.onnxworkbench.app.diagram.DiagramMapper;
import dev.onnxworkbench.app.predict.FormInputs;
import dev.onnxworkbench.app.runs.NodeIds;
import dev.onnxworkbench.graphview.render.Palette;
import dev.onnxworkbench.app.task.CurrentThreadTaskExecutor;
import dev.onnxworkbench.app.task.RunState;
import dev.onnxworkbench.models.diverge.TensorDivergence;
import dev.onnxworkbench.models.precision.PrecisionModels;
import dev.onnxworkbench.models.precision.AccuracyReport;
import dev.onnxworkbench.models.runtime.SessionFactory;
import dev.onnxworkbench.models.runtime.inputs.ImageSettings;
import dev.onnxworkbench.models.runtime.inputs.InputSpecs;
import dev.onnxworkbench.models.runtime.inputs.PixelScaling;
import dev.onnxworkbench.models.runtime.inputs.ResizeMode;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.NpyWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuantizeViewModelTest {
    static final DiagramMapper MAPPER = new DiagramMapper(new CatalogOperatorLookup(DiagramFixtures.CATALOG));
    @TempDir
    Path dir;

    private QuantizeViewModel viewModel(Path model) {
        return viewModel(model, FormInputs.NONE);
    }

    private QuantizeViewModel viewModel(Path model, FormInputs form) {
        QuantizeViewModel vm = new QuantizeViewModel(new CurrentThreadTaskExecutor(), SessionFactory.withDefaults(),
                form, MAPPER);
        vm.showModel(model);
        return vm;
    }

    /**
     * The Predict form's picture settings for {@link PrecisionModels#brightnessDetector}: each 64×32 bar picture
     * letterboxed into 32×32, 0–1 (the models' DetectorLabelsTest, whose scores are worked out there).
     */
    static FormInputs letterboxed(Path model) throws Exception {
        ImageSettings settings = ImageSettings.defaults(InputSpecs.derive(new dev.onnxworkbench.models.onnx.OnnxReader()
                .read(model)).getFirst()).withResize(ResizeMode.LETTERBOX).withScaling(PixelScaling.ZERO_ONE);
        return new FormInputs() {
            @Override
            public java.util.concurrent.Callable<dev.onnxworkbench.models.runtime.inputs.InputSet> snapshot() {
                return FormInputs.NONE.snapshot();
            }

            @Override
            public java.util.Map<String, ImageSettings> imageSettings() {
                return java.util.Map.of("x", settings);
            }
        };
    }

    /** Two bar pictures (a.png, b.png) for the brightness detector: the evaluation and calibration folder. */
    static Path barPictures(Path parent) throws Exception {
        Path pictures = Files.createDirectories(parent.resolve("bars"));
        PrecisionModels.barPicture(pictures.resolve("a.png"), 8, 10, 48, 22);
        PrecisionModels.barPicture(pictures.resolve("b.png"), 20, 4, 60, 16);
        return pictures;
    }

    @Test
    void boxLabelsScoreTheDetectorAndItsInt8CopyAsTheCliDoes() throws Exception {
        Path model = PrecisionModels.brightnessDetector(dir);
        Path pictures = barPictures(dir);
        QuantizeViewModel vm = viewModel(model, letterboxed(model));
        vm.modeProperty().set(PrecisionMode.INT8_STATIC);
        vm.calibrationFolderProperty().set(pictures);
        vm.evaluationFolderProperty().set(pictures);
        // b.png unlabelled: its bar is a false positive for both models (DetEval recall 1, precision ½ → F1 ⅔)
        vm.labelsFileProperty().set(Files.writeString(dir.resolve("only-a.csv"), "picture,x0,y0,x1,y1\na.png,2,4,54,28\n"));
        vm.start();

        assertEquals(RunState.Phase.DONE, vm.run().phase(), vm.run().message());
        AccuracyReport.LabelAccuracy labels = vm.result().accuracy().labels();
        assertNotNull(labels);
        assertTrue(labels.detector());
        assertEquals("y", labels.output());
        assertEquals(2, labels.rows());
        assertEquals(1, labels.boxes());
        assertEquals(2.0 / 3, labels.original(), 1e-9);
        assertEquals(2.0 / 3, labels.derived(), 1e-9, "INT8 finds the same two bars");
        assertEquals("(2 pictures, 1 box; DetEval F1 of the boxes in y, unclipped as PaddleOCR's DB): FP32 66.7 %, "
                + "INT8 66.7 % (+0.0 points)", labels.describe(vm.result().mode().precision()));
        assertEquals(dir.resolve("only-a.csv"), vm.result().labels());
        AccuracyReport.BoxAgreement boxes = vm.result().accuracy().outputs().getFirst().boxes();
        assertNotNull(boxes, "y is a probability map");
        assertEquals("100.0 % · 100.0 %", QuantizeView.boxes(boxes), "INT8's bars are FP32's");

        // The other door, on the same files and picture settings, says the same words.
        String[] cli = cli("quantize", model.toString(), "--int8", "static", "--calibrate", pictures.toString(),
                "--evaluate", pictures.toString(), "--labels", dir.resolve("only-a.csv").toString(),
                "--resize", "letterbox", "--scaling", "0-1", "--out", dir.resolve("cli.int8.onnx").toString());
        assertEquals("0", cli[0], cli[2]);
        assertTrue(cli[1].contains("\n  labels " + labels.describe("INT8") + "\n"), cli[1]);
    }

    /** The command line in-process: exit code, standard output, standard error. */
    private static String[] cli(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine line = dev.onnxworkbench.app.cli.WorkbenchCommand.commandLine();
        line.setOut(new java.io.PrintWriter(out, true));
        line.setErr(new java.io.PrintWriter(err, true));
        int code = line.execute(args);
        return new String[] {String.valueOf(code), out.toString().replace("\r\n", "\n"), err.toString()};
    }

    @Test
    void classLabelsGiveTopOneOfBothModels() throws Exception {
        Path model = PrecisionModels.dense(dir);
        Path eval = Files.createDirectories(dir.resolve("eval"));
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 3; i++) {
            float[] v = new float[2 * 16];
            for (int k = 0; k < v.length; k++) {
                v[k] = (float) (r.nextDouble() * 2 - 1);
            }
            NpyWriter.write(HostTensor.ofFloats(new long[] {2, 16}, v), eval.resolve("s" + i + ".npy"));
        }
        QuantizeViewModel vm = viewModel(model);
        vm.modeProperty().set(PrecisionMode.INT8_DYNAMIC);
        vm.evaluationFolderProperty().set(eval);
        // Each row's arg-max is exactly one of the 4 classes: over "all rows are class c" for every c, each model's
        // shares add up to 1 whatever it predicts.
        double fp32 = 0;
        double int8 = 0;
        for (int c = 0; c < 4; c++) {
            vm.labelsFileProperty().set(Files.writeString(dir.resolve("class" + c + ".csv"),
                    ("name,label\n" + ("s," + c + "\n").repeat(6))));
            vm.start();
            assertEquals(RunState.Phase.DONE, vm.run().phase(), vm.run().message());
            AccuracyReport.LabelAccuracy labels = vm.result().accuracy().labels();
            assertFalse(labels.detector());
            assertEquals(6, labels.rows(), "3 samples of 2 rows");
            assertTrue(labels.describe("INT8").startsWith("(6 rows, top-1 of y): FP32 "), labels.describe("INT8"));
            fp32 += labels.original();
            int8 += labels.derived();
        }
        assertEquals(1.0, fp32, 1e-9);
        assertEquals(1.0, int8, 1e-9);
    }

    @Test
    void labelsWithoutAnEvaluationFolderAreRefusedBeforeAnythingRuns() throws Exception {
        Path model = PrecisionModels.brightnessDetector(dir);
        QuantizeViewModel vm = viewModel(model);
        vm.modeProperty().set(PrecisionMode.FP16);
        vm.labelsFileProperty().set(Files.writeString(dir.resolve("boxes.csv"), "a.png,2,4,54,28\n"));
        vm.start();

        assertEquals(RunState.Phase.FAILED, vm.run().phase());
        assertEquals("Labels are scored on an evaluation folder: choose the folder the labels describe, or Clear the "
                + "labels file.", vm.run().message());
        assertNull(vm.result());
    }

    @Test
    void aBadLabelsFileFailsWithTheCliMessageAndKeepsTheChoices() throws Exception {
        Path model = PrecisionModels.brightnessDetector(dir);
        Path pictures = barPictures(dir);
        QuantizeViewModel vm = viewModel(model, letterboxed(model));
        vm.modeProperty().set(PrecisionMode.FP16);
        vm.evaluationFolderProperty().set(pictures);

        vm.labelsFileProperty().set(Files.writeString(dir.resolve("inverted.csv"), "a.png,2,4,54,28\nb.png,64,0,14,22\n"));
        vm.start();
        assertEquals(RunState.Phase.FAILED, vm.run().phase());
        assertEquals("--labels inverted.csv, line 2: write a box as picture,x0,y0,x1,y1 (numbers, x0 < x1, y0 < y1), "
                + "not 'b.png,64,0,14,22'.", vm.run().message());
        assertNull(vm.result());
        String[] cli = cli("convert", model.toString(), "--fp16", "--evaluate", pictures.toString(), "--labels",
                dir.resolve("inverted.csv").toString(), "--out", dir.resolve("cli.fp16.onnx").toString());
        assertTrue(cli[2].contains(vm.run().message()), "the CLI's message: " + cli[2]);

        vm.labelsFileProperty().set(dir.resolve("missing.csv"));
        vm.start();
        assertEquals(RunState.Phase.FAILED, vm.run().phase());
        assertTrue(vm.run().message().startsWith("Cannot read --labels " + dir.resolve("missing.csv")),
                vm.run().message());

        vm.labelsFileProperty().set(Files.writeString(dir.resolve("elsewhere.csv"), "z.png,1,2,30,9\n"));
        vm.start();
        assertEquals(RunState.Phase.FAILED, vm.run().phase());
        assertEquals("None of the evaluation pictures has a labelled box: the labels name z.png (a picture's file "
                + "name, as in the folder).", vm.run().message());
        assertNull(vm.result());
        // nothing lost: the choices stay for the next Start
        assertEquals(pictures, vm.evaluationFolderProperty().get());
        assertEquals(dir.resolve("elsewhere.csv"), vm.labelsFileProperty().get());
        assertEquals(PrecisionMode.FP16, vm.modeProperty().get());
    }

    /** {@code n} .npy files of x[1,3,8,8], random in [-1, 1): a calibration or evaluation folder. */
    static Path samples(Path parent, String name, int n, long seed) throws Exception {
        Path folder = Files.createDirectories(parent.resolve(name));
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            float[] v = new float[3 * 8 * 8];
            for (int k = 0; k < v.length; k++) {
                v[k] = (float) (r.nextDouble() * 2 - 1);
            }
            NpyWriter.write(HostTensor.ofFloats(new long[] {1, 3, 8, 8}, v), folder.resolve("s" + i + ".npy"));
        }
        return folder;
    }

    @Test
    void staticInt8RunsEndToEndAndSavesAsACopy() throws Exception {
        Path model = PrecisionModels.convNet(dir, 13);
        QuantizeViewModel vm = viewModel(model);
        vm.modeProperty().set(PrecisionMode.INT8_STATIC);
        vm.calibrationFolderProperty().set(samples(dir, "calib", 4, 1));
        vm.evaluationFolderProperty().set(samples(dir, "eval", 3, 2));
        vm.start();

        assertEquals(RunState.Phase.DONE, vm.run().phase(), vm.run().message());
        PrecisionResult r = vm.result();
        assertNotNull(r);
        assertTrue(r.summary().stream().anyMatch(l -> l.startsWith("Quantized ") && l.contains("Conv ×2")),
                r.summary().toString());
        // a 2-Conv toy grows with its Q/DQ nodes; the sizes are the files' own
        assertEquals(Files.size(model), r.bytesBefore());
        assertEquals(Files.size(r.written()), r.bytesAfter());
        assertEquals(3, r.accuracy().samples());
        assertTrue(r.accuracy().outputs().getFirst().maxAbsError() > 0, "INT8 differs from FP32 a little");
        assertFalse(r.layers().isEmpty(), "per-layer errors");
        // conv1 outputs the folded Relu's r: compared as r, never against conv1's pre-Relu c1
        assertTrue(r.layers().stream().noneMatch(t -> t.name().equals("r") && !t.nameB().equals("r")),
                r.layers().toString());
        assertTrue(r.layers().stream().anyMatch(t -> t.nameB().equals("c2")), r.layers().toString());
        assertTrue(r.evaluated().contains("eval/"), r.evaluated());

        Path saved = dir.resolve("out.int8.onnx");
        vm.saveAs(saved);
        assertEquals(RunState.Phase.DONE, vm.save().phase(), vm.save().message());
        assertEquals(Files.size(r.written()), Files.size(saved));

        long original = Files.size(model);
        vm.saveAs(model);
        assertEquals(RunState.Phase.FAILED, vm.save().phase());
        assertTrue(vm.save().message().contains("original"), vm.save().message());
        assertEquals(original, Files.size(model));
    }

    @Test
    void fp16ConvertsAndComparesOnTheInputs() throws Exception {
        Path model = PrecisionModels.convNet(dir, 13);
        QuantizeViewModel vm = viewModel(model);
        vm.modeProperty().set(PrecisionMode.FP16);
        vm.start();

        assertEquals(RunState.Phase.DONE, vm.run().phase(), vm.run().message());
        PrecisionResult r = vm.result();
        assertTrue(r.summary().getFirst().startsWith("Converted "), r.summary().toString());
        assertTrue(r.bytesAfter() < r.bytesBefore());
        assertTrue(r.accuracy().outputs().getFirst().maxAbsError() < 0.05, "FP16 stays close");
        assertTrue(r.evaluated().contains("random") || r.evaluated().contains("inputs"), r.evaluated());
        assertTrue(r.layers().isEmpty());
        var marks = PrecisionMarks.of(r, vm.excluded(), vm.graphProperty().get(),
                Palette.of(dev.onnxworkbench.graphview.Theme.LIGHT)).nodes().values();
        assertTrue(marks.stream().filter(d -> d.badge().equals("fp16")).count() >= 3, marks.toString());
        assertTrue(marks.stream().allMatch(d -> d.fill() == null), "no per-layer heat for FP16");
    }

    @Test
    void aBadCalibrationFolderSaysWhichFolder() throws Exception {
        Path model = PrecisionModels.convNet(dir, 13);
        QuantizeViewModel vm = viewModel(model);
        vm.calibrationFolderProperty().set(Files.createDirectories(dir.resolve("empty")));
        vm.start();

        assertEquals(RunState.Phase.FAILED, vm.run().phase());
        assertTrue(vm.run().message().startsWith("The calibration folder"), vm.run().message());
        assertTrue(vm.run().message().contains("empty"), vm.run().message());
        assertNull(vm.result());
    }

    @Test
    void cancelStopsTheRunWithoutAResult() throws Exception {
        Path model = PrecisionModels.convNet(dir, 13);
        QuantizeViewModel vm = viewModel(model);
        vm.calibrationFolderProperty().set(samples(dir, "calib", 4, 1));
        vm.run().messageProperty().addListener((o, was, now) -> {
            if (vm.run().phase() == RunState.Phase.RUNNING && !now.equals("Starting…")) {
                vm.cancel();
            }
        });
        vm.start();

        assertEquals(RunState.Phase.CANCELLED, vm.run().phase(), vm.run().message());
        assertNull(vm.result());
    }

    @Test
    void aClickedLayerIsKeptInFloatOnTheNextRun() throws Exception {
        Path model = PrecisionModels.convNet(dir, 13);
        QuantizeViewModel vm = viewModel(model);
        vm.calibrationFolderProperty().set(samples(dir, "calib", 4, 1));
        vm.start();
        assertEquals(RunState.Phase.DONE, vm.run().phase(), vm.run().message());
        TensorDivergence conv = vm.result().layers().stream().filter(t -> t.opType().equals("Conv")).findFirst()
                .orElseThrow();

        NodeIds ids = vm.graphProperty().get();
        assertNotNull(ids, vm.graphMessageProperty().get());
        String convBox = ids.idOfTensor(conv.nameB());
        assertEquals(conv.node(), vm.nodeKey(convBox), "a box names its node as the exclusion list does");
        Palette palette = Palette.of(dev.onnxworkbench.graphview.Theme.LIGHT);
        var before = PrecisionMarks.of(vm.result(), vm.excluded(), ids, palette).node(convBox);
        assertTrue(before.badge().startsWith("int8 · Δ "), before.badge());
        assertNotNull(before.fill(), "heat");
        assertTrue(before.tooltip().contains("Quantized to INT8"), before.tooltip());

        vm.toggleKeepInFloat(conv.node());
        vm.toggleKeepInFloat(conv.node());
        assertEquals("", vm.exclusionsProperty().get(), "a second click undoes the first");
        vm.toggleKeepInFloat(conv.node());
        assertEquals(conv.node(), vm.exclusionsProperty().get());
        var pending = PrecisionMarks.of(vm.result(), vm.excluded(), ids, palette).node(convBox);
        assertTrue(pending.badge().startsWith("→ float"), pending.badge());
        assertTrue(pending.dashed());
        vm.start();

        assertEquals(RunState.Phase.DONE, vm.run().phase(), vm.run().message());
        assertEquals(java.util.List.of(conv.node()), vm.result().excluded());
        assertTrue(vm.result().summary().stream().anyMatch(l -> l.startsWith("Kept in float by you: ")
                && l.contains(conv.node())), vm.result().summary().toString());
        assertTrue(vm.result().summary().stream().anyMatch(l -> l.contains("Conv ×1")), vm.result().summary().toString());
        var kept = PrecisionMarks.of(vm.result(), vm.excluded(), ids, palette).node(convBox);
        assertTrue(kept.badge().startsWith("float"), kept.badge());
        assertEquals(dev.onnxworkbench.graphview.Outline.HIGHLIGHT, kept.outline());
        assertTrue(kept.tooltip().contains("Kept in float by you"), kept.tooltip());
        assertFalse(vm.result().quantizedNodes().contains(conv.node()));
    }
}
