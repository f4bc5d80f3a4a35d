package dev.onnxworkbench.app.cli;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.memory.MemoryBudget;
import picocli.CommandLine;

/** {@code --memory-budget 1g|1.5GB|512m|BYTES} for the verbs that keep activations (diverge, run --inspect). */
final class MemoryBudgetConverter implements CommandLine.ITypeConverter<MemoryBudget> {
    static final String DESCRIPTION = "activations kept at once at most, e.g. 1g, 1.5GB, 512m (default: 1g); "
            + "runs are paged into batches that fit";

    @Override
    public MemoryBudget convert(String value) {
        try {
            return MemoryBudget.parse(value);
        } catch (WorkbenchException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
