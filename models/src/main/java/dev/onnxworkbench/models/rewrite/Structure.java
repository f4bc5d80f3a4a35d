package dev.onnxworkbench.models.rewrite;

import dev.onnxworkbench.models.onnx.MappedModelProto;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.tensor.HostTensor;

/**
 * What a {@link StructureEdit} may change: the top-level graph and the model's header (opset imports, IR
 * version, metadata), both builders owned by the rewriter. Tensor value fields in them hold payload
 * references (see {@link MappedModelProto}), so they are copied and moved as they are, never decoded;
 * new tensors come from {@link #tensor}, whose values are written from the given buffer.
 */
public final class Structure {
    private final ModelRewriter rewriter;
    private final MappedModelProto mapped;
    private final GraphProto.Builder graph;
    private final ModelProto.Builder header;
    private final ConstantBuilder constants;

    Structure(ModelRewriter rewriter, MappedModelProto mapped, GraphProto.Builder graph, ModelProto.Builder header, ConstantBuilder constants) {
        this.rewriter = rewriter;
        this.mapped = mapped;
        this.graph = graph;
        this.header = header;
        this.constants = constants;
    }

    /** The top-level graph, edited in place. */
    public GraphProto.Builder graph() {
        return graph;
    }

    /** The model without its graph (its graph field is ignored), edited in place. */
    public ModelProto.Builder header() {
        return header;
    }

    /** The model file's name, for messages. */
    public String modelName() {
        return mapped.name();
    }

    /** Keeps what computes {@code outputs} from {@code inputs} (see {@link ModelRewriter#extract}). */
    public void extract(java.util.Collection<String> inputs, java.util.Collection<String> outputs) throws RewriteException {
        rewriter.extract(inputs, outputs);
    }

    /** A tensor named {@code name} holding {@code value}, for the caller to place (initializer, Constant attribute). */
    public TensorProto tensor(String name, HostTensor value) {
        return constants.tensorProto(name, value);
    }
}
