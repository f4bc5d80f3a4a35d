package dev.onnxworkbench.models.inspect;

import dev.onnxworkbench.models.tensor.TensorStatistics;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What one intermediate tensor held in an inspected run.
 *
 * @param name       the tensor (edge) name
 * @param producer   name of the node that produced it ("" when the node has no name)
 * @param opType     that node's operator
 * @param nodeIndex  that node's position in the top-level graph (topological order)
 * @param type       "float32", "int64", … for tensors; "sequence", "map" otherwise
 * @param shape      actual shape; null for non-tensors
 * @param stats      streaming statistics (min/max/mean/std ignore NaN/Inf; first values included); null for non-tensors
 * @param histogram  finite values in bins over [min, max]; null for non-numeric values
 * @param npyFile    where the values were written (dump), or null
 */
public record TensorReport(String name, String producer, String opType, int nodeIndex, String type, long[] shape,
                           TensorStatistics stats, Histogram histogram, Path npyFile) {

    /** True when the tensor holds at least one NaN or ±Inf. */
    public boolean hasNonFinite() {
        return stats != null && (stats.nanCount() + stats.positiveInfinityCount() + stats.negativeInfinityCount()) > 0;
    }

    public Optional<Path> npy() {
        return Optional.ofNullable(npyFile);
    }
}
