package dev.onnxworkbench.models.ops;

import dev.onnxworkbench.models.onnx.proto.AttributeProto;
import dev.onnxworkbench.models.onnx.proto.FunctionProto;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.OperatorSetIdProto;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operator used by any model of ONNX's backend test suite (Debian's libonnx-testdata, which nobody
 * here wrote) resolves for that model's opset import, in the main graph, in subgraphs and in functions;
 * and every node fits the resolved version's signature (its attributes are declared, its input and output
 * counts are allowed), which checks the catalog's per-version inputs, outputs and attributes.
 */
class TestDataOperatorCoverageTest {

    private static final Path TEST_DATA = Path.of("/usr/share/libonnx-testdata/data");

    @Test
    void everyOperatorOfTheOnnxBackendTestModelsResolves() throws IOException {
        OperatorCatalog catalog = OperatorCatalog.loadBundled();
        List<Path> models = modelFiles();
        assertThat(models).as("libonnx-testdata must be installed (apt-get install libonnx-testdata)")
                .hasSizeGreaterThan(1000);

        Set<String> unresolved = new TreeSet<>();
        Set<String> misfits = new TreeSet<>();
        Set<String> operatorsSeen = new HashSet<>();
        int nodes = 0;
        int attributes = 0;
        for (Path file : models) {
            ModelProto model;
            try (InputStream in = Files.newInputStream(file)) {
                model = ModelProto.parseFrom(in);
            }
            Set<String> localFunctions = new HashSet<>();
            for (FunctionProto function : model.getFunctionsList()) {
                localFunctions.add(domainOf(function.getDomain()) + "/" + function.getName());
            }
            List<Usage> usages = new ArrayList<>();
            collect(model.getGraph(), opsets(model.getOpsetImportList()), usages);
            for (FunctionProto function : model.getFunctionsList()) {
                Map<String, Long> opsets = opsets(function.getOpsetImportList());
                for (NodeProto node : function.getNodeList()) {
                    collect(node, opsets, usages);
                }
            }
            for (Usage usage : usages) {
                if (localFunctions.contains(usage.domain + "/" + usage.opType)) {
                    continue; // a call of a model-local function, not a catalog operator
                }
                nodes++;
                attributes += usage.node.getAttributeCount();
                operatorsSeen.add(usage.domain + "/" + usage.opType);
                String where = usage.domain + "/" + usage.opType + "@" + usage.opset + " in "
                        + TEST_DATA.relativize(file);
                catalog.resolve(usage.domain, usage.opType, usage.opset).ifPresentOrElse(
                        schema -> misfits.addAll(misfits(schema, usage.node, where)),
                        () -> unresolved.add(where));
            }
        }

        assertThat(unresolved).as("operators used by the test models but unknown at their opset").isEmpty();
        assertThat(misfits).as("nodes that do not fit the signature of their operator version").isEmpty();
        assertThat(nodes).isGreaterThan(1000);
        assertThat(attributes).as("attributes checked against their declarations").isGreaterThan(1000);
        assertThat(operatorsSeen).hasSizeGreaterThan(150);
    }

    private static List<Path> modelFiles() throws IOException {
        try (Stream<Path> files = Files.walk(TEST_DATA, 3)) {
            return files.filter(p -> p.getFileName().toString().equals("model.onnx")).sorted().toList();
        }
    }

    private record Usage(String domain, String opType, long opset, NodeProto node) {}

    private static List<String> misfits(OperatorSchema schema, NodeProto node, String where) {
        List<String> problems = new ArrayList<>();
        Set<String> declared = new HashSet<>();
        schema.attributes().forEach(a -> declared.add(a.name()));
        for (AttributeProto attribute : node.getAttributeList()) {
            if (!declared.contains(attribute.getName())) {
                problems.add(where + ": attribute " + attribute.getName() + " not declared by version "
                        + schema.sinceVersion());
            }
        }
        checkCount(problems, where, "inputs", node.getInputCount(), schema.inputs());
        checkCount(problems, where, "outputs", node.getOutputCount(), schema.outputs());
        return problems;
    }

    /** Single parameters must be present; optional ones may be left out; a variadic one takes the rest. */
    private static void checkCount(List<String> problems, String where, String what, int count,
                                   List<FormalParameter> formals) {
        long single = formals.stream().filter(f -> f.option() == FormalParameter.Option.SINGLE).count();
        boolean variadic = formals.stream().anyMatch(f -> f.option() == FormalParameter.Option.VARIADIC);
        if (count < single || (!variadic && count > formals.size())) {
            problems.add(where + ": " + count + " " + what + " but the version declares " + formals.size()
                    + " (" + single + " required" + (variadic ? ", variadic" : "") + ")");
        }
    }

    private static void collect(GraphProto graph, Map<String, Long> opsets, List<Usage> usages) {
        for (NodeProto node : graph.getNodeList()) {
            collect(node, opsets, usages);
        }
    }

    private static void collect(NodeProto node, Map<String, Long> opsets, List<Usage> usages) {
        String domain = domainOf(node.getDomain());
        usages.add(new Usage(domain, node.getOpType(), opsets.getOrDefault(domain, -1L), node));
        for (AttributeProto attribute : node.getAttributeList()) {
            if (attribute.hasG()) {
                collect(attribute.getG(), opsets, usages);
            }
            for (GraphProto graph : attribute.getGraphsList()) {
                collect(graph, opsets, usages);
            }
        }
    }

    private static Map<String, Long> opsets(List<OperatorSetIdProto> imports) {
        Map<String, Long> opsets = new HashMap<>();
        for (OperatorSetIdProto opset : imports) {
            opsets.put(domainOf(opset.getDomain()), opset.getVersion());
        }
        return opsets;
    }

    private static String domainOf(String domain) {
        return domain.isEmpty() ? OperatorCatalog.DEFAULT_DOMAIN : domain;
    }
}
