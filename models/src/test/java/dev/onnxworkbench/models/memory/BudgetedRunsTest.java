package dev.onnxworkbench.models.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.onnxworkbench.models.diverge.DivergenceFinder;
import dev.onnxworkbench.models.diverge.DivergenceOptions;
import dev.onnxworkbench.models.diverge.DivergenceReport;
import dev.onnxworkbench.models.diverge.RunSpec;
import dev.onnxworkbench.models.diverge.TensorDivergence;
import dev.onnxworkbench.models.inspect.InspectOptions;
import dev.onnxworkbench.models.inspect.Inspection;
import dev.onnxworkbench.models.inspect.Inspector;
import dev.onnxworkbench.models.onnx.OnnxReader;
import dev.onnxworkbench.models.runtime.ProviderSettings;
import dev.onnxworkbench.models.runtime.TestSessions;
import dev.onnxworkbench.models.runtime.inputs.InputSet;
import dev.onnxworkbench.models.testing.Protos;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Divergence and inspection page their runs so the activations they keep fit the budget, and say so. */
class BudgetedRunsTest {
    private static final long MB = 1L << 20;

    @TempDir
    Path dir;

    private InputSet inputs(Path model, long batch) throws Exception {
        return InputSet.builder(new OnnxReader().read(model)).dim("batch", batch).randomFill(1).build();
    }

    private DivergenceReport diverge(Path model, InputSet set, MemoryBudget budget) throws Exception {
        return new DivergenceFinder(TestSessions.factory()).find(new RunSpec(model, ProviderSettings.cpu()),
                new RunSpec(model, ProviderSettings.cpu()), set.values(), set.describe(),
                DivergenceOptions.defaults().withBudget(budget), DivergenceFinder.Progress.NONE);
    }

    @Test
    void theShapePassSizesEveryTensorAtTheChosenShape() throws Exception {
        Path model = Protos.write(WideChain.of(6, 1024), dir.resolve("wide.onnx"));
        ActivationSizes sizes = ActivationSizes.probe(model, inputs(model, 256).values(), TestSessions.factory());
        assertEquals(6, sizes.knownCount(), "5 intermediates and the output, at batch 256");
        assertEquals(MB, sizes.estimate("t0"));
        assertEquals(MB, sizes.estimate("y"));
    }

    @Test
    void divergencePagesIntoBatchesThatFitTheBudget() throws Exception {
        // 12 tensors of 1 MB: at 16 MB each batch gets 6.4 MB per run (two runs' values and ORT's own), so 2 batches;
        // at 4 MB one tensor per batch. The comparison is the same either way.
        Path model = Protos.write(WideChain.of(12, 1024), dir.resolve("wide.onnx"));
        InputSet set = inputs(model, 256);
        DivergenceReport wide = diverge(model, set, new MemoryBudget(16 * MB));
        DivergenceReport narrow = diverge(model, set, new MemoryBudget(4 * MB));
        assertEquals(2, wide.paging().batches());
        assertEquals("2 batches within 16 MB", wide.paging().describe());
        assertEquals(12, narrow.paging().batches());
        assertTrue(narrow.paging().largestBatch() <= 4 * MB, "a batch's values of both runs fit the budget");
        assertEquals(12, narrow.tensors().size());
        assertEquals(wide.tensors().stream().map(TensorDivergence::name).toList(),
                narrow.tensors().stream().map(TensorDivergence::name).toList());
        assertTrue(narrow.tensors().stream().allMatch(t -> t.pass() && t.shape()[0] == 256));
        assertTrue(narrow.firstDivergent().isEmpty());
    }

    @Test
    void aTensorLargerThanTheBudgetIsComparedAloneAndNamed() throws Exception {
        Path model = Protos.write(WideChain.of(3, 1024), dir.resolve("wide.onnx"));
        DivergenceReport r = diverge(model, inputs(model, 1280), new MemoryBudget(4 * MB)); // 5 MB per tensor
        assertEquals(3, r.paging().batches());
        assertEquals(List.of("t0", "t1", "y"), r.paging().oversized().stream().map(Paging.Oversized::tensor).toList());
        assertEquals(5 * MB, r.paging().oversized().getFirst().bytes());
        assertTrue(r.paging().describe().contains("3 tensors larger than the budget fetched alone (t0 5 MB"),
                r.paging().describe());
        assertTrue(r.tensors().stream().allMatch(TensorDivergence::pass));
    }

    @Test
    void inspectionKeepsWithinTheBudgetAndSaysHow() throws Exception {
        Path model = Protos.write(WideChain.of(12, 1024), dir.resolve("wide.onnx"));
        InputSet set = inputs(model, 256);
        Inspection i = new Inspector(TestSessions.factory(), ProviderSettings.cpu()).inspect(model, set.values(),
                InspectOptions.all().withBudget(new MemoryBudget(4 * MB)));
        assertEquals(12, i.tensors().size());
        assertEquals(i.runs(), i.paging().batches());
        assertTrue(i.paging().batches() >= 4, "1 MB tensors, and the carried value, in 4 MB: " + i.paging().describe());
        assertTrue(i.paging().largestBatch() <= 4 * MB);
        assertTrue(i.tensors().stream().allMatch(t -> t.shape()[0] == 256 && t.shape()[1] == 1024));
    }
}
