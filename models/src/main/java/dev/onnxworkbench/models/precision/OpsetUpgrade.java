package dev.onnxworkbench.models.precision;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.onnx.MappedModelProto;
import dev.onnxworkbench.models.opset.ConversionStep;
import dev.onnxworkbench.models.opset.OpsetConversion;
import dev.onnxworkbench.models.opset.OpsetConverter;
import dev.onnxworkbench.models.rewrite.DerivedModel;
import dev.onnxworkbench.models.rewrite.ModelRewriter;
import java.nio.file.Path;
import java.util.List;

/**
 * A model below the opset quantization needs (10 for QuantizeLinear, 11 for DynamicQuantizeLinear, 13 for
 * per-channel axes) converted first, op by op, by the opset converter (never by changing the import's number), into
 * a private temporary file that the quantizer reads instead of the original. An operator the converter cannot
 * move is named in its exception. Close it to delete the temporary file.
 *
 * @param path the model to quantize (the original when no conversion was needed)
 * @param note what was converted, for the report; empty when nothing was
 */
record OpsetUpgrade(Path path, DerivedModel derived, String note) implements AutoCloseable {

    static OpsetUpgrade to(Path source, int needed) throws WorkbenchException {
        int opset = PreparedModel.defaultOpset(MappedModelProto.read(source).proto());
        if (opset >= needed) {
            return new OpsetUpgrade(source, null, "");
        }
        OpsetConverter converter = new OpsetConverter(needed);
        DerivedModel derived = ModelRewriter.open(source).transform(converter).write();
        OpsetConversion c = converter.conversion();
        List<ConversionStep> rewrites = c.rewrites();
        String steps = rewrites.isEmpty() ? "only version numbers moved"
                : String.join(", ", rewrites.stream().map(s -> s.opType() + " " + s.toOpset() + " (" + s.nodes()
                        + (s.nodes() == 1 ? " node" : " nodes") + ": " + s.change() + ")").toList());
        return new OpsetUpgrade(derived.path(), derived, "Converted from opset " + c.fromOpset() + " to " + c.toOpset()
                + " first, op by op: " + steps + ".");
    }

    @Override
    public void close() {
        if (derived != null) {
            derived.close();
        }
    }
}
