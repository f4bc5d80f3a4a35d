package dev.onnxworkbench.models.edit;

import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.rewrite.Structure;

/** A copy of a structure's graph and header (weights as payload references: small). */
public record Snapshot(GraphProto graph, ModelProto header) {
    static Snapshot of(Structure s) {
        return new Snapshot(s.graph().build(), s.header().build());
    }

    void restore(Structure s) {
        s.graph().clear().mergeFrom(graph);
        s.header().clear().mergeFrom(header);
    }
}
