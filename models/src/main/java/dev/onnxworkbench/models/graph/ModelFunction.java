package dev.onnxworkbench.models.graph;

import java.util.List;

/** A model-local function (FunctionProto): a named, reusable body of nodes. */
public record ModelFunction(
        String domain,
        String name,
        String overload,
        List<String> inputs,
        List<String> outputs,
        List<String> attributeNames,
        List<Attribute> attributeDefaults,
        List<Node> nodes,
        List<OpsetImport> opsetImports,
        List<ValueInfo> valueInfo,
        String docString) {

    public ModelFunction {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributeNames = List.copyOf(attributeNames);
        attributeDefaults = List.copyOf(attributeDefaults);
        nodes = List.copyOf(nodes);
        opsetImports = List.copyOf(opsetImports);
        valueInfo = List.copyOf(valueInfo);
    }
}
