package dev.onnxworkbench.models.graph;

import dev.onnxworkbench.models.WorkbenchException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Where a tensor's values live, and how to get them on demand. Opening a model never reads
 * weights: implementations hold a view on the mapped file, a typed field still encoded, or
 * an external file location, and decode only when asked.
 */
public interface TensorData {

    /**
     * The values in ONNX {@code raw_data} layout: little-endian, row-major, sub-byte types packed.
     * The buffer is read-only and may be a view of a memory-mapped file. Not for strings.
     */
    ByteBuffer readRaw() throws WorkbenchException;

    /** The values of a string tensor, decoded as UTF-8. Empty for non-string tensors. */
    List<String> readStrings() throws WorkbenchException;

    /** Where the bytes are, for a person: "inline", "external: weights.bin @ 1024 (4 MB)". */
    String describeLocation();

    /** True when the values live in a file next to the model rather than in the model file. */
    boolean isExternal();
}
