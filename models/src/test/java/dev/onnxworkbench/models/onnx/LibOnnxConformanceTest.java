package dev.onnxworkbench.models.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.onnxworkbench.models.graph.AttributeValue;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.OpsetImport;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.graph.ValueInfo;
import dev.onnxworkbench.models.onnx.proto.AttributeProto;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.ValueInfoProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every model of the ONNX backend test suite opens, and what the reader says about it agrees with
 * a straight protobuf parse of the same bytes (heap copy, no aliasing, none of the reader's code).
 */
class LibOnnxConformanceTest {
    private final OnnxReader reader = new OnnxReader();

    @Test
    void everyBackendTestModelOpensAndAgreesWithAPlainProtobufParse() throws Exception {
        assumeTrue(LibOnnxTestData.installed(), "libonnx-testdata is not installed");
        List<Path> models = LibOnnxTestData.models();
        List<String> problems = new ArrayList<>();
        int tensorsDecoded = 0;
        for (Path file : models) {
            ModelProto expected = ModelProto.parseFrom(Files.readAllBytes(file));
            Model model;
            try {
                model = reader.read(file);
            } catch (ModelReadException e) {
                problems.add(file + ": " + e.getMessage());
                continue;
            }
            compare(file.toString(), expected, model, problems);
            tensorsDecoded += decodeAllTensors(model.graph(), problems, file);
        }
        assertThat(models).hasSizeGreaterThan(1000);
        assertThat(problems).isEmpty();
        assertThat(tensorsDecoded).isGreaterThan(300);
    }

    private static void compare(String where, ModelProto expected, Model model, List<String> problems) {
        check(problems, where, "irVersion", expected.getIrVersion(), model.irVersion());
        check(problems, where, "producer", expected.getProducerName(), model.producerName());
        List<String> expectedOpsets = expected.getOpsetImportList().stream()
                .map(o -> OpsetImport.normalizeDomain(o.getDomain()) + ":" + o.getVersion()).toList();
        List<String> actualOpsets = model.opsetImports().stream().map(o -> o.domain() + ":" + o.version()).toList();
        check(problems, where, "opsets", expectedOpsets, actualOpsets);
        long defaultOpset = model.opsetVersion("");
        compareGraph(where, expected.getGraph(), model.graph(), defaultOpset, problems);
        check(problems, where, "totalNodeCount", countNodes(expected.getGraph()), model.graph().totalNodeCount());
        check(problems, where, "functions", expected.getFunctionsCount(), model.functions().size());
    }

    private static void compareGraph(String where, GraphProto expected, Graph graph, long defaultOpset,
                                     List<String> problems) {
        check(problems, where, "nodeCount", expected.getNodeCount(), graph.nodes().size());
        if (expected.getNodeCount() != graph.nodes().size()) {
            return;
        }
        for (int i = 0; i < expected.getNodeCount(); i++) {
            NodeProto e = expected.getNode(i);
            Node n = graph.nodes().get(i);
            String at = where + " node " + i;
            check(problems, at, "opType", e.getOpType(), n.opType());
            check(problems, at, "inputs", e.getInputList(), n.inputs());
            check(problems, at, "outputs", e.getOutputList(), n.outputs());
            check(problems, at, "attributes", e.getAttributeList().stream().map(AttributeProto::getName).toList(),
                    n.attributes().stream().map(a -> a.name()).toList());
            if (e.getDomain().isEmpty() || e.getDomain().equals("ai.onnx")) {
                check(problems, at, "domain", "ai.onnx", n.domain());
                check(problems, at, "importedOpsetVersion", defaultOpset, n.importedOpsetVersion());
            }
            int sub = 0;
            for (AttributeProto a : e.getAttributeList()) {
                if (a.hasG()) {
                    compareGraph(at + "/" + a.getName(), a.getG(), n.subgraphs().get(sub++).graph(), defaultOpset,
                            problems);
                }
            }
        }
        check(problems, where, "inputs", names(expected.getInputList()), graph.inputs().stream().map(ValueInfo::name).toList());
        check(problems, where, "outputs", names(expected.getOutputList()), graph.outputs().stream().map(ValueInfo::name).toList());
        check(problems, where, "initializers", expected.getInitializerCount(), graph.initializers().size());
    }

    private static long countNodes(GraphProto g) {
        long n = g.getNodeCount();
        for (NodeProto node : g.getNodeList()) {
            for (AttributeProto a : node.getAttributeList()) {
                if (a.hasG()) {
                    n += countNodes(a.getG());
                }
                for (GraphProto sub : a.getGraphsList()) {
                    n += countNodes(sub);
                }
            }
        }
        return n;
    }

    /** Decodes every initializer and Constant value; each must be exactly as long as its dims say. */
    private static int decodeAllTensors(Graph graph, List<String> problems, Path file) {
        List<Tensor> tensors = new ArrayList<>(graph.initializers());
        int decoded = 0;
        for (Node n : graph.nodes()) {
            for (var a : n.attributes()) {
                if (a.value() instanceof AttributeValue.TensorValue t) {
                    tensors.add(t.tensor());
                }
            }
            for (Node.NamedGraph sub : n.subgraphs()) {
                decoded += decodeAllTensors(sub.graph(), problems, file);
            }
        }
        for (Tensor t : tensors) {
            try {
                if (t.elementType() == ElementType.STRING) {
                    check(problems, file + " " + t.name(), "strings", t.elementCount(),
                            (long) t.data().readStrings().size());
                } else {
                    check(problems, file + " " + t.name(), "bytes", t.byteSize(), (long) t.data().readRaw().remaining());
                }
            } catch (Exception e) {
                problems.add(file + " " + t.name() + ": " + e);
            }
        }
        return decoded + tensors.size();
    }

    private static List<String> names(List<ValueInfoProto> infos) {
        return infos.stream().map(ValueInfoProto::getName).toList();
    }

    private static void check(List<String> problems, String where, String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            problems.add(where + ": " + what + " expected " + expected + " but was " + actual);
        }
    }
}
