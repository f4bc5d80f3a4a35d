package dev.onnxworkbench.models.testing;

import static dev.onnxworkbench.models.testing.Protos.floats;
import static dev.onnxworkbench.models.testing.Protos.intAttr;
import static dev.onnxworkbench.models.testing.Protos.node;
import static dev.onnxworkbench.models.testing.Protos.tensorValue;

import com.google.protobuf.ByteString;
import dev.onnxworkbench.models.onnx.proto.AttributeProto;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.OperatorSetIdProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A tabular model with one input of each kind a value can be refused for, as a churn predictor has them:
 * {@code age float32[N,1]}, {@code plan string[N,1]} into a OneHotEncoder that knows basic, standard, premium
 * and family, {@code seats uint8[N,1]}, {@code trial bool[N,1]}, {@code account_id int64[N,1]}; output
 * {@code churn_risk float32[N,1]} = Sigmoid(features · W). Opset 13, ai.onnx.ml 1.
 */
public final class ChurnModel {
    public static final List<String> PLANS = List.of("basic", "standard", "premium", "family");

    /** A row every door accepts, as CLI {@code --input} values. */
    public static final List<String> GOOD = List.of("age=42", "plan=premium", "seats=3", "trial=false",
            "account_id=1234567");

    private ChurnModel() {
    }

    public static Path write(Path file) throws IOException {
        return Protos.write(model(), file);
    }

    public static ModelProto model() {
        int f = TensorProto.DataType.FLOAT_VALUE;
        AttributeProto cats = AttributeProto.newBuilder().setName("cats_strings")
                .setType(AttributeProto.AttributeType.STRINGS)
                .addAllStrings(PLANS.stream().map(ByteString::copyFromUtf8).toList()).build();
        GraphProto graph = GraphProto.newBuilder().setName("churn")
                .addInput(tensorValue("age", f, "N", 1L))
                .addInput(tensorValue("plan", TensorProto.DataType.STRING_VALUE, "N", 1L))
                .addInput(tensorValue("seats", TensorProto.DataType.UINT8_VALUE, "N", 1L))
                .addInput(tensorValue("trial", TensorProto.DataType.BOOL_VALUE, "N", 1L))
                .addInput(tensorValue("account_id", TensorProto.DataType.INT64_VALUE, "N", 1L))
                .addInitializer(floats("W", 19, 8, 1))
                .addNode(node("OneHotEncoder", "plan_onehot", List.of("plan"), List.of("plan_1h"))
                        .setDomain("ai.onnx.ml").addAttribute(cats).addAttribute(intAttr("zeros", 1)))
                .addNode(node("Flatten", "plan_flat", List.of("plan_1h"), List.of("plan_f"))
                        .addAttribute(intAttr("axis", 1)))
                .addNode(node("Cast", "seats_f", List.of("seats"), List.of("seats_f")).addAttribute(intAttr("to", f)))
                .addNode(node("Cast", "trial_f", List.of("trial"), List.of("trial_f")).addAttribute(intAttr("to", f)))
                .addNode(node("Cast", "id_f", List.of("account_id"), List.of("id_f")).addAttribute(intAttr("to", f)))
                .addNode(node("Concat", "features", List.of("age", "plan_f", "seats_f", "trial_f", "id_f"),
                        List.of("features")).addAttribute(intAttr("axis", 1)))
                .addNode(node("MatMul", "score", List.of("features", "W"), List.of("score")))
                .addNode(node("Sigmoid", "risk", List.of("score"), List.of("churn_risk")))
                .addOutput(tensorValue("churn_risk", f, "N", 1L))
                .build();
        return Protos.model(graph, 13).addOpsetImport(OperatorSetIdProto.newBuilder()
                .setDomain("ai.onnx.ml").setVersion(1)).build();
    }
}
