package dev.onnxworkbench.models.precision;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link Fp16Converter} did.
 *
 * @param initializers     float initializers converted (all graphs)
 * @param constants        Constant / ConstantOfShape values converted (all graphs, If/Loop/Scan bodies included)
 * @param clamped          values beyond float16's range (±65504) clamped to it
 * @param flushed          non-zero values below 1e-7 in magnitude raised to ±1e-7 (float16.py's rule), not lost to 0
 * @param blocked          nodes kept in float32 by operator type (Casts around them)
 * @param rangeBlocked     of those, the nodes kept because a constant they read exceeds float16's range
 * @param castsInserted    Cast nodes added (blocked nodes, kept input/output types)
 * @param bytesBefore      size of the original file
 * @param bytesAfter       size of the written file
 * @param check            the written model loaded in ONNX Runtime and ran
 */
public record Fp16Report(Path source, Path out, Fp16Options options, int initializers, int constants, long clamped,
                         long flushed, Map<String, Integer> blocked, List<String> rangeBlocked, int castsInserted, long bytesBefore,
                         long bytesAfter, ModelCheck check) {
    public Fp16Report {
        blocked = Map.copyOf(blocked);
        rangeBlocked = List.copyOf(rangeBlocked);
    }
}
