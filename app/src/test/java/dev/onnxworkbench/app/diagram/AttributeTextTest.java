package dev.onnxworkbench.app.diagram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onnxworkbench.models.graph.AttributeValue;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class AttributeTextTest {

    @Test
    void formatsValuesTheWayNetronPrintsThem() {
        assertThat(AttributeText.format(new AttributeValue.Ints(List.of(3L, 3L)))).isEqualTo("3,3");
        assertThat(AttributeText.format(new AttributeValue.FloatValue(1e-5f))).isEqualTo("1e-5");
        assertThat(AttributeText.format(new AttributeValue.FloatValue(0.5f))).isEqualTo("0.5");
        assertThat(AttributeText.format(new AttributeValue.FloatValue(2f))).isEqualTo("2");
        assertThat(AttributeText.format(new AttributeValue.StringValue("SAME_UPPER"))).isEqualTo("SAME_UPPER");
        assertThat(AttributeText.format(new AttributeValue.Ints(LongStream.range(0, 40).boxed().toList())))
                .endsWith(",15,…");
        assertThat(AttributeText.typeName(new AttributeValue.Ints(List.of()))).isEqualTo("int64[]");
    }
}
