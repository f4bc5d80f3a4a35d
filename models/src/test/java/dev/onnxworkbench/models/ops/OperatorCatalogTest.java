package dev.onnxworkbench.models.ops;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorCatalogTest {

    private static OperatorCatalog catalog;

    @BeforeAll
    static void load() {
        catalog = OperatorCatalog.loadBundled();
    }

    @ParameterizedTest(name = "{0}.{1} in an opset-{2} model is version {3}")
    @CsvSource({
            "'',         Conv,            17, 11",
            "ai.onnx,    Conv,            17, 11",
            "ai.onnx,    Conv,            22, 22",
            "'',         Relu,            17, 14",
            "'',         Reshape,         13, 13",
            "'',         Reshape,         17, 14",
            "'',         Reshape,         24, 24",
            "'',         Softmax,         12, 11",
            "'',         ReduceMean,      18, 18",
            "'',         Split,           18, 18",
            "'',         Cast,            19, 19",
            "'',         Gelu,            20, 20",
            "'',         QuantizeLinear,  21, 21",
            "'',         Attention,       23, 23",
            "'',         TensorScatter,   24, 24",
            "'',         Swish,           24, 24",
            "'',         Cast,            26, 25",
            "'',         CumProd,         26, 26",
            "'',         BitCast,         26, 26",
            "ai.onnx.ml, LinearRegressor,  3,  1",
            "ai.onnx.ml, LabelEncoder,     4,  4",
            "ai.onnx.ml, TreeEnsemble,     5,  5",
            "com.microsoft, MatMulNBits,   1,  1",
    })
    void resolvesTheVersionInEffect(String domain, String opType, long imported, int expectedSince) {
        OperatorSchema schema = catalog.resolve(domain, opType, imported).orElseThrow();

        assertThat(schema.sinceVersion()).isEqualTo(expectedSince);
        assertThat(schema.name()).isEqualTo(opType);
        assertThat(schema.domain()).isEqualTo(domain.isEmpty() ? "ai.onnx" : domain);
    }

    /** The opset 18-26 changes the catalog must carry (each operator has a version at exactly that opset). */
    @ParameterizedTest(name = "opset {0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "18 | ReduceL1 ReduceMean Col2Im BitwiseAnd BitwiseOr BitwiseXor BitwiseNot CenterCropPad "
                    + "GroupNormalization LpPool Mish OptionalHasElement ScatterElements ScatterND Split Pad Resize",
            "19 | DeformConv AveragePool Cast Equal Identity If Loop Scan QuantizeLinear DequantizeLinear Reshape "
                    + "Resize Shape Size Pad",
            "20 | AffineGrid ConstantOfShape DFT Gelu GridSample ImageDecoder IsInf IsNaN ReduceMax ReduceMin "
                    + "RegexFullMatch StringConcat StringSplit",
            "21 | GroupNormalization QuantizeLinear DequantizeLinear Cast Flatten Pad Reshape Transpose Squeeze "
                    + "Unsqueeze QLinearMatMul",
            "22 | Conv ConvTranspose Elu Selu Sin Cos LSTM GRU RNN MaxPool AveragePool Dropout InstanceNormalization",
            "23 | Attention RMSNormalization RotaryEmbedding Cast Reshape",
            "24 | TensorScatter Swish TopK Attention SplitToSequence Cast",
            "25 | Cast Reshape Shape Transpose QuantizeLinear DequantizeLinear",
            "26 | BitCast CumProd",
    })
    void carriesTheNewerOpsets(int opset, String operators) {
        for (String opType : operators.trim().split(" ")) {
            assertThat(catalog.versions("", opType)).as(opType).extracting(OperatorSchema::sinceVersion)
                    .contains(opset);
        }
    }

    @Test
    void legacyOperatorsOnnxRuntimeStillRunsResolve() {
        // Tiny YOLOv2 (opset 8) starts with ImageScaler, an operator of ONNX's early experimental set.
        assertThat(catalog.resolve("", "ImageScaler", 8)).map(OperatorSchema::sinceVersion).contains(1);
        assertThat(catalog.resolve("", "ImageScaler", 8).orElseThrow().documentationUrl())
                .startsWith("https://github.com/microsoft/onnxruntime/");
        assertThat(catalog.category("", "ImageScaler")).isEqualTo(OperatorCategory.NORMALIZATION);
    }

    @Test
    void negativeImportVersionMeansTheNewestVersion() {
        assertThat(catalog.resolve("", "Reshape", -1)).map(OperatorSchema::sinceVersion).contains(25);
    }

    @Test
    void stopsAtTheNewestOpsetOnnxRuntime129Runs() {
        // ONNX Runtime 1.29 refuses opset 27 models, so nothing newer than 26 is in the catalog.
        assertThat(catalog.latest()).allSatisfy(s -> assertThat(s.sinceVersion()).isLessThanOrEqualTo(26));
        assertThat(catalog.resolve("", "Range", 27)).map(OperatorSchema::sinceVersion).contains(11);
    }

    @Test
    void operatorNewerThanTheImportedOpsetDoesNotResolve() {
        assertThat(catalog.resolve("", "Gelu", 17)).isEmpty();
        assertThat(catalog.contains("", "Gelu")).isTrue();
    }

    @Test
    void unknownOperatorOfACustomDomainIsEmptyAndCustom() {
        assertThat(catalog.resolve("com.example", "Foo", 1)).isEmpty();
        assertThat(catalog.versions("com.example", "Foo")).isEmpty();
        assertThat(catalog.category("com.example", "Foo")).isEqualTo(OperatorCategory.CUSTOM);
        assertThat(catalog.contains("com.example", "Foo")).isFalse();
    }

    @Test
    void categoriesColourTheCommonOperators() {
        assertThat(catalog.category("", "Conv")).isEqualTo(OperatorCategory.LAYER);
        assertThat(catalog.category("", "Relu")).isEqualTo(OperatorCategory.ACTIVATION);
        assertThat(catalog.category("", "MaxPool")).isEqualTo(OperatorCategory.POOL);
        assertThat(catalog.category("", "BatchNormalization")).isEqualTo(OperatorCategory.NORMALIZATION);
        assertThat(catalog.category("", "Reshape")).isEqualTo(OperatorCategory.TENSOR);
        assertThat(catalog.category("", "Add")).isEqualTo(OperatorCategory.LOGIC);
        assertThat(catalog.category("", "Constant")).isEqualTo(OperatorCategory.DATA);
        assertThat(catalog.category("", "Loop")).isEqualTo(OperatorCategory.CONTROL);
        assertThat(catalog.category("", "QuantizeLinear")).isEqualTo(OperatorCategory.QUANTIZATION);
        assertThat(catalog.category("ai.onnx.ml", "TreeEnsembleClassifier")).isEqualTo(OperatorCategory.ML);
        assertThat(catalog.category("com.microsoft", "SkipLayerNormalization"))
                .isEqualTo(OperatorCategory.NORMALIZATION);
        assertThat(OperatorCategory.TENSOR.cssClass()).isEqualTo("tensor");
        assertThat(OperatorCategory.TENSOR.displayName()).isEqualTo("Tensor / shape");
        assertThat(OperatorCategory.CUSTOM.cssClass()).isEqualTo("custom");
    }

    @Test
    void versionsAreAscendingAndCompleteForConv() {
        assertThat(catalog.versions("ai.onnx", "Conv")).extracting(OperatorSchema::sinceVersion)
                .containsExactly(1, 11, 22);
        assertThat(catalog.versions("", "Cast")).extracting(OperatorSchema::sinceVersion)
                .containsExactly(1, 6, 9, 13, 19, 21, 23, 24, 25);
    }

    @Test
    void attributeDefaultsAreThoseOfTheSpecification() {
        OperatorSchema conv = catalog.resolve("", "Conv", 17).orElseThrow();
        assertThat(attribute(conv, "auto_pad"))
                .returns("STRING", AttributeSchema::type)
                .returns("NOTSET", AttributeSchema::defaultValue)
                .returns(false, AttributeSchema::required);
        assertThat(attribute(conv, "group").defaultValue()).isEqualTo("1");
        assertThat(attribute(conv, "kernel_shape").defaultValue()).isNull();

        assertThat(attribute(catalog.resolve("", "LeakyRelu", 17).orElseThrow(), "alpha").defaultValue())
                .isEqualTo("0.01");
        assertThat(attribute(catalog.resolve("", "Cast", 17).orElseThrow(), "to"))
                .returns(true, AttributeSchema::required)
                .returns("INT", AttributeSchema::type);
        assertThat(attribute(catalog.resolve("", "Split", 18).orElseThrow(), "num_outputs").type())
                .isEqualTo("INT");
        assertThat(attribute(catalog.resolve("", "BatchNormalization", 15).orElseThrow(), "epsilon")
                .defaultValue()).isEqualTo("0.00001");
        assertThat(attribute(catalog.resolve("com.microsoft", "QuickGelu", 1).orElseThrow(), "alpha")
                .defaultValue()).isEqualTo("1.702");
    }

    @Test
    void inputsAndOutputsCarryNamesConstraintsAndOptions() {
        OperatorSchema conv = catalog.resolve("", "Conv", 17).orElseThrow();
        assertThat(conv.inputs()).extracting(FormalParameter::name, FormalParameter::typeConstraint,
                        FormalParameter::option)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("X", "T", FormalParameter.Option.SINGLE),
                        org.assertj.core.groups.Tuple.tuple("W", "T", FormalParameter.Option.SINGLE),
                        org.assertj.core.groups.Tuple.tuple("B", "T", FormalParameter.Option.OPTIONAL));
        assertThat(conv.outputs()).extracting(FormalParameter::name).containsExactly("Y");

        OperatorSchema concat = catalog.resolve("", "Concat", 13).orElseThrow();
        assertThat(concat.inputs().getFirst().option()).isEqualTo(FormalParameter.Option.VARIADIC);

        OperatorSchema shape = catalog.resolve("", "Shape", 15).orElseThrow();
        assertThat(shape.outputs().getFirst().typeConstraint()).isEqualTo("T1");
    }

    @Test
    void typeConstraintsListTheTypesEachVariableAllows() {
        OperatorSchema conv = catalog.resolve("", "Conv", 17).orElseThrow();
        assertThat(conv.typeConstraints()).extracting(TypeConstraint::name).containsExactly("T");
        assertThat(conv.allowedTypes(conv.inputs().getFirst()))
                .containsExactlyInAnyOrder("tensor(float16)", "tensor(float)", "tensor(double)");
        assertThat(catalog.resolve("", "Conv", 22).orElseThrow().typeConstraints().getFirst().allowedTypes())
                .contains("tensor(bfloat16)");

        OperatorSchema shape = catalog.resolve("", "Shape", 15).orElseThrow();
        assertThat(shape.allowedTypes(shape.outputs().getFirst())).containsExactly("tensor(int64)");

        OperatorSchema matMulNBits = catalog.resolve("com.microsoft", "MatMulNBits", 1).orElseThrow();
        assertThat(matMulNBits.typeConstraints()).extracting(TypeConstraint::name).contains("T1", "T2");
    }

    @Test
    void everyTypeVariableOfAParameterIsConstrained() {
        for (OperatorSchema latest : catalog.latest()) {
            for (OperatorSchema schema : catalog.versions(latest.domain(), latest.name())) {
                for (FormalParameter parameter : concat(schema.inputs(), schema.outputs())) {
                    assertThat(schema.allowedTypes(parameter)).as(schema.qualifiedName() + " " + parameter.name())
                            .isNotEmpty()
                            .allSatisfy(type -> assertThat(type).matches("[a-z_]+(\\(.*\\))?"));
                }
            }
        }
    }

    private static List<FormalParameter> concat(List<FormalParameter> a, List<FormalParameter> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    @Test
    void everySchemaHasADescriptionACategoryAndAnOfficialLink() {
        int schemas = 0;
        for (OperatorSchema latest : catalog.latest()) {
            for (OperatorSchema schema : catalog.versions(latest.domain(), latest.name())) {
                schemas++;
                assertThat(schema.description()).as(schema.qualifiedName()).isNotBlank().doesNotContain("\n");
                assertThat(schema.category()).as(schema.qualifiedName()).isNotEqualTo(OperatorCategory.CUSTOM);
                assertThat(schema.documentationUrl()).as(schema.qualifiedName()).startsWith("https://");
                assertThat(schema.outputs()).as(schema.qualifiedName()).isNotEmpty();
            }
        }
        assertThat(schemas).isGreaterThan(700);
    }

    @Test
    void linksPointAtTheOfficialPages() {
        assertThat(catalog.resolve("", "Conv", 17).orElseThrow().documentationUrl())
                .isEqualTo("https://onnx.ai/onnx/operators/onnx__Conv.html");
        assertThat(catalog.resolve("ai.onnx.ml", "LinearRegressor", 3).orElseThrow().documentationUrl())
                .isEqualTo("https://onnx.ai/onnx/operators/onnx_aionnxml_LinearRegressor.html");
        assertThat(catalog.resolve("com.microsoft", "Attention", 1).orElseThrow().documentationUrl())
                .isEqualTo("https://github.com/microsoft/onnxruntime/blob/main/docs/ContribOperators.md"
                        + "#com.microsoft.Attention");
    }

    @Test
    void coversTheStandardDomainsAndTheCommonContribOperators() {
        Set<String> domains = new HashSet<>();
        catalog.latest().forEach(s -> domains.add(s.domain()));
        assertThat(domains).contains("ai.onnx", "ai.onnx.ml", "ai.onnx.preview.training", "com.microsoft");
        assertThat(catalog.latest().stream().filter(s -> s.domain().equals("ai.onnx")).count())
                .isGreaterThanOrEqualTo(190);
        for (String contrib : List.of("Attention", "MultiHeadAttention", "GroupQueryAttention",
                "SkipLayerNormalization", "SkipSimplifiedLayerNormalization", "FusedConv", "FusedMatMul", "Gelu",
                "FastGelu", "BiasGelu", "QuickGelu", "BiasAdd", "EmbedLayerNormalization", "MatMulNBits",
                "MatMulInteger16", "QLinearAdd", "QLinearConv", "DequantizeLinear", "QuantizeLinear",
                "RotaryEmbedding", "NhwcConv", "GatherBlockQuantized", "QOrderedMatMul")) {
            assertThat(catalog.resolve("com.microsoft", contrib, 1)).as(contrib).isPresent();
        }
        // ONNX Runtime registers these in the default domain; exporters write them without a domain.
        assertThat(catalog.resolve("", "SimplifiedLayerNormalization", 14)).isPresent();
        assertThat(catalog.resolve("", "LayerNormalization", 14)).map(OperatorSchema::sinceVersion).contains(1);
    }

    @Test
    void deprecatedVersionsAreFlagged() {
        assertThat(catalog.resolve("", "Upsample", 10).orElseThrow().deprecated()).isTrue();
        assertThat(catalog.resolve("", "Upsample", 9).orElseThrow().deprecated()).isFalse();
        assertThat(catalog.resolve("", "Conv", 17).orElseThrow().deprecated()).isFalse();
        assertThat(catalog.resolve("", "GroupNormalization", 20).orElseThrow().deprecated()).isTrue();
        assertThat(catalog.resolve("", "GroupNormalization", 21).orElseThrow().deprecated()).isFalse();
        assertThat(catalog.resolve("ai.onnx.ml", "TreeEnsembleClassifier", 5).orElseThrow().deprecated()).isTrue();
        assertThat(catalog.resolve("ai.onnx.ml", "TreeEnsembleClassifier", 3).orElseThrow().deprecated()).isFalse();
    }

    @Test
    void latestHoldsTheNewestVersionOfEachOperatorOnce() {
        assertThat(catalog.latest()).extracting(OperatorSchema::qualifiedName).doesNotHaveDuplicates();
        assertThat(catalog.latest()).filteredOn(s -> s.qualifiedName().equals("Reshape"))
                .singleElement().returns(25, OperatorSchema::sinceVersion);
        assertThat(catalog.latest()).filteredOn(s -> s.qualifiedName().equals("com.microsoft.Attention"))
                .singleElement().returns(OperatorCategory.LAYER, OperatorSchema::category);
    }

    private static AttributeSchema attribute(OperatorSchema schema, String name) {
        return schema.attributes().stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(schema.qualifiedName() + " has no attribute " + name));
    }
}
