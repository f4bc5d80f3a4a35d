package dev.onnxworkbench.models.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening a model does not pull its weights onto the heap: a model with 2 GiB of external weights
 * and a 1.5 GiB single-file model (both written sparsely, so this costs no disk) open with the
 * heap growing by far less than 256 MB.
 */
class LazinessTest {
    private static final long HEAP_BUDGET = 256L * 1024 * 1024;
    private final OnnxReader reader = new OnnxReader();

    @TempDir
    Path dir;

    @Test
    void twoGibOfExternalWeightsOpenWithoutTouchingTheHeap() throws Exception {
        Path file = TestModels.externalWeights2GiB(dir.resolve("ext"));
        assertThat(Files.size(file.resolveSibling("weights.bin"))).isEqualTo(2L << 30);

        long before = usedHeapAfterGc();
        Model model = reader.read(file);
        long after = usedHeapAfterGc();

        long declared = model.graph().initializers().stream().mapToLong(Tensor::byteSize).sum();
        assertThat(declared).isEqualTo(2L << 30);
        assertThat(model.graph().initializers()).allSatisfy(t -> assertThat(t.data().isExternal()).isTrue());
        assertThat(after - before).isLessThan(HEAP_BUDGET);
        // Reading one tensor maps it; still nothing on the heap.
        assertThat(model.graph().initializers().getFirst().data().readRaw().remaining()).isEqualTo(512 << 20);
        assertThat(usedHeapAfterGc() - before).isLessThan(HEAP_BUDGET);
    }

    @Test
    void aOneAndAHalfGibSingleFileModelOpensWithoutCopyingItsWeights() throws Exception {
        Path file = TestModels.bigSingleFile1_5GiB(dir.resolve("big.onnx"));
        assertThat(Files.size(file)).isGreaterThan(3L << 29);

        long before = usedHeapAfterGc();
        Model model = reader.read(file);
        long after = usedHeapAfterGc();

        Tensor w = model.graph().initializers().getFirst();
        assertThat(w.byteSize()).isEqualTo(3L << 29);
        assertThat(after - before).isLessThan(HEAP_BUDGET);
        var raw = w.data().readRaw();
        assertThat(raw.isDirect()).isTrue();
        assertThat(raw.remaining()).isEqualTo(3 << 29);
        assertThat(raw.getFloat(raw.remaining() - 4)).isZero(); // the hole reads as zeros
        assertThat(usedHeapAfterGc() - before).isLessThan(HEAP_BUDGET);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
