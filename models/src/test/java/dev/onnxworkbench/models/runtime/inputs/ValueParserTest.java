package dev.onnxworkbench.models.runtime.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.tensor.HostTensor;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ValueParserTest {

    @Test
    void parsesFloatsInAnySeparatorIntoLittleEndianBytes() throws Exception {
        HostTensor t = ValueParser.parse("x", "[[1, 2.5],\n[-3e2; .5]]", ElementType.FLOAT, new long[] {2, 2});

        ByteBuffer b = t.data();
        assertThat(new float[] {b.getFloat(), b.getFloat(), b.getFloat(), b.getFloat()})
                .containsExactly(1f, 2.5f, -300f, 0.5f);
        assertThat(t.shape()).containsExactly(2, 2);
    }

    @Test
    void aLetterIsRefusedWithTheInputNameAndTheToken() {
        assertThatThrownBy(() -> ValueParser.parse("age", "4a", ElementType.FLOAT, new long[] {1, 1}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("age: '4a' is not a number.");
    }

    @Test
    void wrongCountSaysHowManyAreNeeded() {
        assertThatThrownBy(() -> ValueParser.parse("v", "1 2", ElementType.INT64, new long[] {3}))
                .hasMessage("v: 2 values entered, the shape needs 3.");
        assertThatThrownBy(() -> ValueParser.parse("v", " ", ElementType.INT64, new long[] {1}))
                .hasMessage("v: enter a value.");
    }

    @Test
    void integersAreRangeChecked() throws Exception {
        assertThatThrownBy(() -> ValueParser.parse("pixel", "256", ElementType.UINT8, new long[] {1}))
                .hasMessage("pixel: 256 does not fit in uint8 (0 to 255).");
        assertThatThrownBy(() -> ValueParser.parse("n", "1.5", ElementType.INT32, new long[] {1}))
                .hasMessage("n: '1.5' is not a whole number.");
        assertThat(ValueParser.parse("u", "18446744073709551615", ElementType.UINT64, new long[] {1}).data().getLong())
                .isEqualTo(-1L);
    }

    @Test
    void boolsHalvesAndStrings() throws Exception {
        assertThat(ValueParser.parse("b", "true 0", ElementType.BOOL, new long[] {2}).data().get(0)).isEqualTo((byte) 1);
        assertThat(Float.float16ToFloat(ValueParser.parse("h", "1.5", ElementType.FLOAT16, new long[] {1}).data().getShort()))
                .isEqualTo(1.5f);
        assertThat(ValueParser.toBfloat16(1.0f)).isEqualTo((short) 0x3F80);
        HostTensor s = ValueParser.parse("s", "new york", ElementType.STRING, new long[] {1});
        assertThat(s.strings()).containsExactly("new york");
        assertThat(ValueParser.parse("s", "a, b", ElementType.STRING, new long[] {2}).strings()).containsExactly("a", "b");
    }

    @Test
    void shapesTooBigForMemoryAreRefusedBeforeAllocating() {
        assertThatThrownBy(() -> ValueParser.parse("image", "1", ElementType.FLOAT, new long[] {1, 3, 100000, 100000}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("image: a 1×3×100000×100000 float32 tensor needs 111.8 GiB, more than the");
    }

    @Test
    void checkTokenReportsWithoutTheInputName() {
        assertThat(ValueParser.checkToken("12", ElementType.FLOAT)).isNull();
        assertThat(ValueParser.checkToken("x", ElementType.FLOAT)).isEqualTo("'x' is not a number.");
    }

    @Test
    void checkRefusesNumbersOutsideTheTypesRangeAndDecimalCommas() {
        assertThat(ValueParser.check(ElementType.FLOAT, "1e999")).hasValueSatisfying(m -> assertThat(m)
                .startsWith("1e999 is outside the range of float32"));
        assertThat(ValueParser.check(ElementType.FLOAT, "1e39")).isPresent();
        assertThat(ValueParser.check(ElementType.FLOAT, "3e38")).isEmpty();
        assertThat(ValueParser.check(ElementType.FLOAT, "-inf")).as("non-finite only when allowed")
                .hasValue("-inf is not a finite number; non-finite values are refused unless allowed (--allow-non-finite; in the window, Allow NaN/±Inf).");
        assertThat(ValueParser.check(ElementType.FLOAT, "-inf", ValueRules.NON_FINITE_ALLOWED)).isEmpty();
        assertThat(ValueParser.check(ElementType.FLOAT, "1e999", ValueRules.NON_FINITE_ALLOWED)).isEmpty();
        assertThat(ValueParser.check(ElementType.BOOL, "yes")).hasValue("'yes' is not true/false (or 1/0).");
        assertThat(ValueParser.check(ElementType.INT64, "9223372036854775808"))
                .hasValue("9223372036854775808 does not fit in int64 (-9223372036854775808 to 9223372036854775807).");
        assertThat(ValueParser.check(ElementType.FLOAT16, "70000")).hasValueSatisfying(m -> assertThat(m)
                .contains("float16"));
        assertThat(ValueParser.check(ElementType.DOUBLE, "1e999")).isPresent();
        assertThat(ValueParser.check(ElementType.UINT8, "300")).hasValue("300 does not fit in uint8 (0 to 255).");
        assertThat(ValueParser.check(ElementType.UINT8, "-1")).hasValue("-1 does not fit in uint8 (0 to 255).");
        assertThat(ValueParser.check(ElementType.FLOAT, "12,5"))
                .hasValue("'12,5' is not a number; use a dot as decimal separator (12.5).");
        assertThat(ValueParser.check(ElementType.UINT8, "255")).isEmpty();
    }

    @Test
    void parseNamesTheInputTheValueAndTheRange() {
        assertThatThrownBy(() -> ValueParser.parse("x", "1 1e999", ElementType.FLOAT, new long[] {2}))
                .hasMessage("x: 1e999 (value 2) is outside the range of float32 (-3.403e+38 to 3.403e+38); non-finite values are refused unless allowed (--allow-non-finite; in the window, Allow NaN/±Inf).");
        assertThatThrownBy(() -> ValueParser.parse("p", "300", ElementType.UINT8, new long[] {1}))
                .hasMessage("p: 300 does not fit in uint8 (0 to 255).");
        assertThatThrownBy(() -> ValueParser.parse("t", "12,5", ElementType.FLOAT, new long[] {}))
                .hasMessageContaining("use a dot as decimal separator (12.5)");
    }
}
