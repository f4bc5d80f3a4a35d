package dev.onnxworkbench.models.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import dev.onnxworkbench.models.runtime.inputs.ValueRules;
import org.junit.jupiter.api.Test;

/** The streaming request reader on its own: every datatype family, nesting, field order, ranges. */
class InferRequestParserTest {
    private static InferRequest parse(String json) throws Exception {
        return parse(json, ValueRules.STRICT);
    }

    private static InferRequest parse(String json, ValueRules rules) throws Exception {
        return InferRequestParser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), rules);
    }

    @Test
    void nestedDataIsFlattenedRowMajorAndDataMayComeBeforeTheDatatype() throws Exception {
        InferRequest r = parse("""
                {"outputs": [{"name": "y", "parameters": {"binary_data": false}}], "id": 7,
                 "inputs": [{"data": [[[1, 2], [3, 4]], [[5, 6], [7, 8]]], "shape": [2, 2, 2], "name": "x",
                             "parameters": {}, "datatype": "INT64"},
                            {"name": "f", "shape": [3], "datatype": "fp32", "data": [1.5, "NaN", -2]},
                            {"name": "b", "shape": [2], "datatype": "BOOL", "data": [true, 0]},
                            {"name": "s", "shape": [1], "datatype": "BYTES", "data": ["é ünïcode"]}]}""",
                ValueRules.NON_FINITE_ALLOWED);
        assertThat(r.id()).isEqualTo("7");
        assertThat(r.outputs()).containsExactly("y");
        RequestTensor x = r.inputs().getFirst();
        assertThat(x.datatype()).isEqualTo(V2Datatype.INT64);
        assertThat(x.shape()).containsExactly(2, 2, 2);
        assertThat(x.values().longs()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        double[] f = r.inputs().get(1).values().doubles();
        assertThat(f[0]).isEqualTo(1.5);
        assertThat(f[1]).isNaN();
        assertThat(r.inputs().get(2).values().booleans()).containsExactly(true, false);
        assertThat(r.inputs().get(3).values().strings()).containsExactly("é ünïcode");
    }

    @Test
    void valuesOutsideTheTypeOrOfTheWrongKindAreRefusedNamingTheInput() {
        assertThatThrownBy(() -> parse("""
                {"inputs": [{"name": "q", "shape": [1], "datatype": "INT8", "data": [300]}]}"""))
                .isInstanceOf(HttpError.class).hasMessage("q: 300 does not fit in int8 (-128 to 127).");
        assertThatThrownBy(() -> parse("""
                {"inputs": [{"name": "f", "shape": [3], "datatype": "FP32", "data": [1, NaN, 2]}]}"""))
                .hasMessageStartingWith("f: NaN (value 2) is not a finite number; non-finite values are refused");
        assertThatThrownBy(() -> parse("""
                {"inputs": [{"name": "b", "shape": [1], "datatype": "BOOL", "data": ["yes"]}]}"""))
                .hasMessage("b: 'yes' is not true/false (or 1/0).");
        assertThatThrownBy(() -> parse("""
                {"inputs": [{"name": "i", "shape": [1], "datatype": "INT32", "data": [1.5]}]}"""))
                .hasMessage("i: '1.5' is not a whole number.");
        assertThatThrownBy(() -> parse("""
                {"inputs": [{"name": "s", "shape": [1], "datatype": "BYTES", "data": [3]}]}"""))
                .hasMessageContaining("'s'").hasMessageContaining("strings");
        assertThatThrownBy(() -> parse("""
                {"inputs": [{"name": "z", "shape": [1], "datatype": "FP99", "data": [3]}]}"""))
                .hasMessageContaining("FP99").hasMessageContaining("FP32");
        assertThatThrownBy(() -> parse("""
                {"inputs": [{"name": "z", "shape": [1], "data": [3]}]}"""))
                .hasMessageContaining("'z'").hasMessageContaining("datatype");
        assertThatThrownBy(() -> parse("{\"inputs\": []}")).hasMessageContaining("no \"inputs\"");
        assertThatThrownBy(() -> parse("[1, 2]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> parse("{\"inputs\": [} ")).isInstanceOf(HttpError.class)
                .hasMessageStartingWith("bad JSON").hasMessageContaining("line 1");
    }
}
