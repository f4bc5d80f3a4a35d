package dev.onnxworkbench.models.runtime.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.graph.Attribute;
import dev.onnxworkbench.models.graph.AttributeValue;
import dev.onnxworkbench.models.graph.Dimension;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.OpsetImport;
import dev.onnxworkbench.models.graph.Shape;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.graph.ValueInfo;
import dev.onnxworkbench.models.graph.ValueType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputSpecsTest {

    private static final Shape N_BY_1 = new Shape(List.of(Dimension.of("N"), Dimension.of(1)));

    @Test
    void stringFeedingOneHotEncoderIsCategoricalWithItsCategories() {
        Node reshape = node("Reshape", List.of("sex", "shape"), List.of("sex_flat"), List.of());
        Node oneHot = node("OneHotEncoder", List.of("sex_flat"), List.of("sex_1h"),
                List.of(new Attribute("cats_strings", new AttributeValue.Strings(List.of("female", "male")))));
        Model model = model(List.of(reshape, oneHot), List.of(input("sex", ElementType.STRING, N_BY_1)), Map.of());

        InputSpec spec = InputSpecs.derive(model).getFirst();

        assertThat(spec.editorKind()).isEqualTo(EditorKind.CATEGORICAL);
        assertThat(spec.categories()).containsExactly("female", "male");
        assertThat(spec.sizeParameters()).containsExactly("N");
        assertThat(spec.concreteShape(Map.of())).containsExactly(1, 1);
        assertThat(spec.concreteShape(Map.of("N", 4L))).containsExactly(4, 1);
    }

    @Test
    void labelEncoderKeysAreCategories() {
        Node encoder = node("LabelEncoder", List.of("colour"), List.of("code"),
                List.of(new Attribute("keys_strings", new AttributeValue.Strings(List.of("red", "green")))));
        Model model = model(List.of(encoder), List.of(input("colour", ElementType.STRING, Shape.of(1))), Map.of());

        assertThat(InputSpecs.derive(model).getFirst().categories()).containsExactly("red", "green");
    }

    @Test
    void imagesInBothLayoutsWithFixedOrSymbolicSides() {
        Shape nchw = new Shape(List.of(Dimension.of("N"), Dimension.of(3), Dimension.of(64), Dimension.of(64)));
        Shape nhwc = new Shape(List.of(Dimension.of(1), Dimension.of("h"), Dimension.of("w"), Dimension.of(3)));
        Model model = model(List.of(), List.of(input("pixels", ElementType.FLOAT, nchw),
                input("photo", ElementType.UINT8, nhwc), input("tiny", ElementType.FLOAT, Shape.of(1, 3, 4, 5))), Map.of());

        List<InputSpec> specs = InputSpecs.derive(model);

        assertThat(specs.get(0).editorKind()).isEqualTo(EditorKind.IMAGE);
        assertThat(specs.get(0).imageLayout()).isEqualTo(ImageLayout.NCHW);
        assertThat(specs.get(1).editorKind()).isEqualTo(EditorKind.IMAGE);
        assertThat(specs.get(1).imageLayout()).isEqualTo(ImageLayout.NHWC);
        assertThat(specs.get(1).sizeParameters()).containsExactly("h", "w");
        // 60 values, far too small to be a picture: a grid of numbers.
        assertThat(specs.get(2).editorKind()).isEqualTo(EditorKind.NUMERIC_GRID);
    }

    @Test
    void signalWithSampleRateCompanionIsAudio() {
        Shape samples = new Shape(List.of(Dimension.of("T")));
        Model model = model(List.of(), List.of(input("waveform", ElementType.FLOAT, samples),
                input("sample_rate", ElementType.INT64, Shape.SCALAR)), Map.of());

        List<InputSpec> specs = InputSpecs.derive(model);

        assertThat(specs.get(0).editorKind()).isEqualTo(EditorKind.AUDIO);
        assertThat(specs.get(0).sampleRateInput()).isEqualTo("sample_rate");
        assertThat(specs.get(1).editorKind()).isEqualTo(EditorKind.SCALAR);
    }

    @Test
    void scalarsGridsWithNamesAndBigTensors() {
        Node split = node("Split", List.of("vitals"), List.of("pulse", "systolic", "diastolic"),
                List.of(new Attribute("axis", new AttributeValue.IntValue(1))));
        Model model = model(List.of(split), List.of(
                input("age", ElementType.FLOAT, N_BY_1),
                input("vitals", ElementType.FLOAT, Shape.of(1, 3)),
                input("features", ElementType.DOUBLE, Shape.of(1, 4)),
                input("embedding", ElementType.FLOAT, Shape.of(1, 512)),
                input("anything", ElementType.FLOAT, Shape.UNKNOWN_RANK)),
                Map.of("feature_names", "[\"a\", \"b\", \"c\", \"d\"]"));

        List<InputSpec> specs = InputSpecs.derive(model);

        assertThat(specs).extracting(InputSpec::editorKind).containsExactly(EditorKind.SCALAR,
                EditorKind.NUMERIC_GRID, EditorKind.NUMERIC_GRID, EditorKind.TENSOR_FILE, EditorKind.TENSOR_FILE);
        assertThat(specs.get(1).fieldNames()).containsExactly("pulse", "systolic", "diastolic");
        assertThat(specs.get(2).fieldNames()).containsExactly("a", "b", "c", "d");
    }

    @Test
    void initializersListedAsInputsAreNotAskedFor() {
        Tensor weight = new Tensor("W", ElementType.FLOAT, List.of(2L), null, "");
        Graph graph = new Graph("g", "", List.of(), List.of(input("x", ElementType.FLOAT, Shape.of(2)),
                input("W", ElementType.FLOAT, Shape.of(2))), List.of(), List.of(weight), List.of(), List.of(), Map.of());

        assertThat(InputSpecs.derive(graph, Map.of())).extracting(InputSpec::name).containsExactly("x");
    }

    @Test
    void unknownDimensionsGetTheirOwnSizeParameter() {
        Shape shape = new Shape(List.of(Dimension.UNKNOWN, Dimension.of(2)));
        Model model = model(List.of(), List.of(input("x", ElementType.INT64, shape)), Map.of());

        InputSpec spec = InputSpecs.derive(model).getFirst();

        assertThat(spec.sizeParameters()).containsExactly("x[0]");
        assertThat(spec.concreteShape(Map.of("x[0]", 3L))).containsExactly(3, 2);
    }

    @Test
    void sequencesComeFromFiles() {
        ValueType seq = new ValueType.SequenceType(new ValueType.TensorType(ElementType.FLOAT, Shape.of(2)));
        Model model = model(List.of(), List.of(new ValueInfo("seq", seq)), Map.of());

        InputSpec spec = InputSpecs.derive(model).getFirst();

        assertThat(spec.editorKind()).isEqualTo(EditorKind.TENSOR_FILE);
        assertThat(spec.isTensor()).isFalse();
    }

    @Test
    void nameListsReadJsonCommaAndLines() {
        assertThat(NameList.parse("[\"cat\", \"dog\"]")).containsExactly("cat", "dog");
        assertThat(NameList.parse("red, green,blue")).containsExactly("red", "green", "blue");
        assertThat(NameList.parse("one\ntwo\n")).containsExactly("one", "two");
        assertThat(NameList.parse(null)).isEmpty();
    }

    static ValueInfo input(String name, ElementType type, Shape shape) {
        return new ValueInfo(name, new ValueType.TensorType(type, shape));
    }

    static Node node(String op, List<String> inputs, List<String> outputs, List<Attribute> attributes) {
        String domain = Character.isUpperCase(op.charAt(0)) && List.of("OneHotEncoder", "LabelEncoder", "CategoryMapper")
                .contains(op) ? "ai.onnx.ml" : "ai.onnx";
        return new Node(op + "_0", op, domain, 1, inputs, outputs, attributes, "", Map.of());
    }

    static Model model(List<Node> nodes, List<ValueInfo> inputs, Map<String, String> metadata) {
        Graph graph = new Graph("g", "", nodes, inputs, List.of(), List.of(), List.of(), List.of(), Map.of());
        return new Model(null, 0, 8, List.of(new OpsetImport("ai.onnx", 17)), "test", "", "", 1, "", metadata,
                graph, List.of());
    }
}
