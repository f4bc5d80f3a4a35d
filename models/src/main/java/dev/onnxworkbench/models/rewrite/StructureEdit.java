package dev.onnxworkbench.models.rewrite;

import dev.onnxworkbench.models.WorkbenchException;

/** A change to a model's structure applied by {@link ModelRewriter#transform}: opset conversion, an edit, a precision pass. */
@FunctionalInterface
public interface StructureEdit {
    void apply(Structure structure) throws WorkbenchException;
}
