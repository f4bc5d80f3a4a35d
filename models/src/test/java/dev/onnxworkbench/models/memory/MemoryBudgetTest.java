package dev.onnxworkbench.models.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.onnxworkbench.models.WorkbenchException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {
    @Test
    void parsesSizesAsPeopleWriteThem() throws Exception {
        assertEquals(1L << 30, MemoryBudget.parse("1g").bytes());
        assertEquals(1L << 30, MemoryBudget.parse("1 GB").bytes());
        assertEquals(3L << 29, MemoryBudget.parse("1.5GiB").bytes());
        assertEquals(512L << 20, MemoryBudget.parse("512m").bytes());
        assertEquals(800L << 20, MemoryBudget.parse("800MB").bytes());
        assertEquals(8L << 20, MemoryBudget.parse(Long.toString(8L << 20)).bytes());
    }

    @Test
    void refusesWhatIsNotASizeOrTooSmall() {
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> MemoryBudget.parse("lots"));
        assertTrue(e.getMessage().contains("'lots'"), e.getMessage());
        assertThrows(WorkbenchException.class, () -> MemoryBudget.parse("1k"));
        assertThrows(WorkbenchException.class, () -> MemoryBudget.parse("-1g"));
    }

    @Test
    void describesBudgetsAndPaging() {
        assertEquals("1 GB", MemoryBudget.DEFAULT.describe());
        assertEquals("1.5 GB", new MemoryBudget(3L << 29).describe());
        assertEquals("12 batches within 1 GB",
                new Paging(12, MemoryBudget.DEFAULT, 400L << 20, List.of()).describe());
        assertEquals("1 batch within 1 GB; 1 tensor larger than the budget fetched alone (big 1.5 GB)",
                new Paging(1, MemoryBudget.DEFAULT, 3L << 29, List.of(new Paging.Oversized("big", 3L << 29)))
                        .describe());
    }

    @Test
    void batchesFollowKnownSizesAndAnOversizedTensorGoesAlone() {
        ActivationSizes sizes = ActivationSizes.unknown(java.util.Map.of());
        List<String> order = List.of("a", "b", "c", "d", "e");
        sizes.record("a", 3 << 20);
        sizes.record("b", 3 << 20);
        sizes.record("c", 9 << 20);
        sizes.record("d", 1 << 20);
        sizes.record("e", 1 << 20);
        BatchPlanner planner = new BatchPlanner(new MemoryBudget(8L << 20), sizes);
        assertEquals(List.of("a", "b"), planner.next(order, 0, 8L << 20, 100));
        assertEquals(List.of("c"), planner.next(order, 2, 8L << 20, 100), "too big for any batch: alone");
        assertEquals(List.of("d", "e"), planner.next(order, 3, 8L << 20, 100));
        assertEquals(List.of("d"), planner.next(order, 3, 8L << 20, 1), "at most maxTensors");
        planner.ran(List.of("c"), 9 << 20, 9 << 20);
        assertEquals(List.of(new Paging.Oversized("c", 9 << 20)), planner.paging().oversized());
    }

    @Test
    void anUnknownTensorIsEstimatedAsTheLargestSeen() {
        ActivationSizes sizes = ActivationSizes.unknown(java.util.Map.of());
        sizes.record("a", 5 << 20);
        sizes.record("b", 1 << 20);
        assertEquals(5 << 20, sizes.estimate("unknown"));
        assertEquals(1 << 20, sizes.estimate("b"));
    }
}
