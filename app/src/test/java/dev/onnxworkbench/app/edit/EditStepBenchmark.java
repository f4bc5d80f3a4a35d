package dev.onnxworkbench.app.edit;

import dev.onnxworkbench.app.task.CurrentThreadTaskExecutor;
import dev.onnxworkbench.models.diff.ModelDiff;
import dev.onnxworkbench.models.edit.Edit;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.TestSessions;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not part of the suite (it measures, it does not check): what one window edit costs on a real model — the whole
 * background step (apply, validate with a run of both models, write the draft, diff it for the marks) and the
 * diff alone (the share the change marks add). Run:
 * <pre>./mvnw -o -q -B -pl app -am test -Dtest=EditStepBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbench.edit=/path/model.onnx -Dbench.tensor=NAME [-Dbench.shape=INPUT=1,3,320,320] [-Dbench.steps=7]</pre>
 * Alternates "add output NAME" and its undo; prints median and range in ms.
 */
@EnabledIfSystemProperty(named = "bench.edit", matches = ".+")
class EditStepBenchmark {
    @Test
    void measure() throws Exception {
        Path model = Path.of(System.getProperty("bench.edit"));
        String tensor = System.getProperty("bench.tensor");
        int steps = Integer.getInteger("bench.steps", 7);
        EditViewModel vm = new EditViewModel(new CurrentThreadTaskExecutor(), TestSessions.factory(), ProviderSettings.cpu());
        vm.start(model);
        String shape = System.getProperty("bench.shape"); // INPUT=D0,D1,..: sized inputs, so each check runs both models
        if (shape != null) {
            String[] kv = shape.split("=", 2);
            vm.apply(new Edit.SetInputShape(kv[0], Arrays.asList(kv[1].split(","))));
        }
        long[] step = new long[steps];
        for (int i = 0; i < steps; i++) {
            long t0 = System.nanoTime();
            if (i % 2 == 0) {
                vm.apply(new Edit.AddOutput(tensor));
            } else {
                vm.undo();
            }
            step[i] = (System.nanoTime() - t0) / 1_000_000;
            if (vm.failedProperty().get()) {
                throw new AssertionError(vm.messageProperty().get());
            }
        }
        Model original = new OnnxReader().read(model);
        vm.apply(new Edit.AddOutput(tensor));
        Path draft = vm.draftProperty().get();
        long[] diff = new long[steps];
        for (int i = 0; i < steps; i++) {
            long t0 = System.nanoTime();
            ModelDiff.compare(original, new OnnxReader().read(draft));
            diff[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        System.out.println("EDIT-BENCH " + model.getFileName() + " verdict=" + vm.validationProperty().get().verdict()
                + " step " + summary(step) + "; diff for the marks " + summary(diff));
    }

    private static String summary(long[] ms) {
        long[] s = ms.clone();
        Arrays.sort(s);
        return "median " + s[s.length / 2] + " ms (" + s[0] + "–" + s[s.length - 1] + " ms, " + s.length + " runs)";
    }
}
