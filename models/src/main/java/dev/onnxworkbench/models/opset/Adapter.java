package dev.onnxworkbench.models.opset;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import java.util.List;

/**
 * Moves one node from the previous version of its operator to the version a given opset introduced
 * (as onnx's version_converter adapters do), adding the resulting node(s) to {@code out} in order.
 */
@FunctionalInterface
interface Adapter {
    void adapt(NodeProto.Builder node, GraphContext graph, List<NodeProto> out) throws WorkbenchException;
}
