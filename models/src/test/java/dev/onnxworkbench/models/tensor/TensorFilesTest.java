package dev.onnxworkbench.models.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onnxworkbench.models.graph.ElementType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading inputs from NumPy (fixtures written by numpy 1.24 itself), JSON and CSV files. */
class TensorFilesTest {

    @TempDir
    Path dir;

    private static Path npy(String name) throws URISyntaxException {
        return Path.of(TensorFilesTest.class.getResource("npy/" + name).toURI());
    }

    private static TensorRequest any(ElementType type) {
        return new TensorRequest("x", type, null);
    }

    @Test
    void readsNumpyNumericTypesInEveryHeaderVersion() throws Exception {
        for (String file : new String[] {"f4.npy", "v2.npy", "be_f4.npy", "f8.npy", "f2.npy"}) {
            HostTensor t = NpyReader.read(npy(file));
            assertThat(t.shape()).as(file).containsExactly(2, 3);
            assertThat(t.getDouble(5)).as(file).isEqualTo(1.25);
        }
        assertThat(NpyReader.read(npy("f2.npy")).elementType()).isEqualTo(ElementType.FLOAT16);
        HostTensor i8 = NpyReader.read(npy("i8.npy"));
        assertThat(i8.elementType()).isEqualTo(ElementType.INT64);
        assertThat(i8.firstValues(3)).containsExactly("-3", "0", "1099511627776");
        assertThat(NpyReader.read(npy("i4.npy")).firstValues(3)).containsExactly("1", "-2", "3");
        assertThat(NpyReader.read(npy("u1.npy")).firstValues(3)).containsExactly("0", "128", "255");
        assertThat(NpyReader.read(npy("b1.npy")).firstValues(3)).containsExactly("true", "false", "true");
        HostTensor scalar = NpyReader.read(npy("scalar.npy"));
        assertThat(scalar.shape()).isEmpty();
        assertThat(scalar.getDouble(0)).isEqualTo(2.5);
    }

    @Test
    void readsNumpyUnicodeStrings() throws Exception {
        assertThat(NpyReader.read(npy("strings.npy")).strings()).containsExactly("male", "female", "žluť");
        assertThat(NpyReader.read(npy("v3.npy")).strings()).containsExactly("a", "bé");
    }

    @Test
    void refusesFortranOrderTruncatedAndForeignFiles() {
        assertThatThrownBy(() -> NpyReader.read(npy("fortran.npy"))).isInstanceOf(TensorFormatException.class)
                .hasMessageContaining("Fortran").hasMessageContaining("ascontiguousarray");
        assertThatThrownBy(() -> NpyReader.read(npy("short.npy"))).isInstanceOf(TensorFormatException.class)
                .hasMessageContaining("cut short");
        assertThatThrownBy(() -> NpyReader.read(npy("notnumpy.npy"))).isInstanceOf(TensorFormatException.class)
                .hasMessageContaining("not a NumPy .npy file");
    }

    @Test
    void convertsNumpyValuesToTheInputsTypeAndShape() throws Exception {
        HostTensor t = TensorFiles.read(npy("f8.npy"), new TensorRequest("x", ElementType.FLOAT, new long[] {-1, 3}));
        assertThat(t.elementType()).isEqualTo(ElementType.FLOAT);
        assertThat(t.shape()).containsExactly(2, 3);
        // A flat file fits a shape with the same element count.
        HostTensor flat = TensorFiles.read(npy("f4.npy"), new TensorRequest("x", ElementType.FLOAT, new long[] {6}));
        assertThat(flat.shape()).containsExactly(6);
        assertThatThrownBy(() -> TensorFiles.read(npy("f4.npy"),
                new TensorRequest("image", ElementType.FLOAT, new long[] {1, 3, 64, 64})))
                .isInstanceOf(TensorFormatException.class)
                .hasMessageContaining("6 values shaped 2×3").hasMessageContaining("'image'");
        assertThatThrownBy(() -> TensorFiles.read(npy("strings.npy"), any(ElementType.FLOAT)))
                .hasMessageContaining("takes float32");
    }

    @Test
    void readsJsonArraysAndNamedObjects() throws Exception {
        Path plain = Files.writeString(dir.resolve("x.json"), "[[1, 2.5, 3], [4, 5, 6]]");
        HostTensor t = TensorFiles.read(plain, any(ElementType.FLOAT));
        assertThat(t.shape()).containsExactly(2, 3);
        assertThat(t.getDouble(1)).isEqualTo(2.5);

        Path named = Files.writeString(dir.resolve("inputs.json"),
                "{\"sex\": [[\"male\"], [\"female\"]], \"age\": [[35], [41]]}");
        assertThat(TensorFiles.read(named, new TensorRequest("sex", ElementType.STRING, new long[] {-1, 1})).strings())
                .containsExactly("male", "female");
        assertThat(TensorFiles.read(named, new TensorRequest("age", ElementType.INT64, new long[] {-1, 1}))
                .firstValues(2)).containsExactly("35", "41");
        assertThatThrownBy(() -> TensorFiles.read(named, new TensorRequest("weight", ElementType.FLOAT, null)))
                .hasMessageContaining("no entry for the input 'weight'").hasMessageContaining("sex, age");
    }

    @Test
    void jsonErrorsSayWhatIsWrong() throws Exception {
        Path ragged = Files.writeString(dir.resolve("ragged.json"), "[[1, 2], [3]]");
        assertThatThrownBy(() -> TensorFiles.read(ragged, any(ElementType.FLOAT))).hasMessageContaining("ragged");
        Path word = Files.writeString(dir.resolve("word.json"), "[1, \"x\", 3]");
        assertThatThrownBy(() -> TensorFiles.read(word, any(ElementType.FLOAT)))
                .hasMessageContaining("value 2 ('x') is not a number");
        Path fraction = Files.writeString(dir.resolve("fraction.json"), "[1, 2.5]");
        assertThatThrownBy(() -> TensorFiles.read(fraction, any(ElementType.INT32)))
                .hasMessageContaining("not a whole number");
        Path broken = Files.writeString(dir.resolve("broken.json"), "[1, 2");
        assertThatThrownBy(() -> TensorFiles.read(broken, any(ElementType.FLOAT)))
                .isInstanceOf(TensorFormatException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void readsCsvWithOptionalHeaderAndChecksRowLengths() throws Exception {
        Path csv = Files.writeString(dir.resolve("x.csv"), "a,b,c\n1,2,3\n4,5,6\n");
        HostTensor t = TensorFiles.read(csv, new TensorRequest("x", ElementType.DOUBLE, new long[] {-1, 3}));
        assertThat(t.shape()).containsExactly(2, 3);
        assertThat(t.getDouble(5)).isEqualTo(6.0);
        Path strings = Files.writeString(dir.resolve("s.csv"), "\"a, b\",c\n");
        assertThat(TensorFiles.read(strings, any(ElementType.STRING)).strings()).containsExactly("a, b", "c");
        Path bad = Files.writeString(dir.resolve("bad.csv"), "1,2,3\n4,5\n");
        assertThatThrownBy(() -> TensorFiles.read(bad, any(ElementType.FLOAT))).hasMessageContaining("row 2 has 2");
    }

    @Test
    void readsOnnxTensorProtoFilesFromTheBackendSuite() throws Exception {
        Path pb = Path.of("/usr/share/libonnx-testdata/data/node/test_abs/test_data_set_0/input_0.pb");
        HostTensor t = TensorFiles.read(pb, new TensorRequest("x", ElementType.FLOAT, new long[] {3, 4, 5}));
        assertThat(t.shape()).containsExactly(3, 4, 5);
        assertThat(t.getDouble(0)).isCloseTo(1.7640524, org.assertj.core.data.Offset.offset(1e-6));
        Path notPb = Files.write(dir.resolve("x.pb"), new byte[] {(byte) 0xFF, (byte) 0xFF, 0x01});
        assertThatThrownBy(() -> TensorFiles.read(notPb, any(ElementType.FLOAT)))
                .isInstanceOf(dev.onnxworkbench.models.WorkbenchException.class);
    }

    @Test
    void parsesInlineValues() throws Exception {
        assertThat(TensorFiles.parse("male", new TensorRequest("sex", ElementType.STRING, new long[] {-1, 1}))
                .strings()).containsExactly("male");
        HostTensor age = TensorFiles.parse("35", new TensorRequest("age", ElementType.FLOAT, new long[] {-1, 1}));
        assertThat(age.shape()).containsExactly(1, 1);
        assertThat(TensorFiles.parse("[[1,2],[3,4]]", new TensorRequest("m", ElementType.INT64, new long[] {2, 2}))
                .firstValues(4)).containsExactly("1", "2", "3", "4");
        assertThatThrownBy(() -> TensorFiles.parse("[1,2,3]", new TensorRequest("m", ElementType.FLOAT,
                new long[] {2, 2}))).hasMessageContaining("does not fit the input 'm' (float32 [2,2])");
    }

    @Test
    void shapesTooLargeAreRefusedBeforeAllocating() {
        assertThatThrownBy(() -> Shapes.checkAllocatable(ElementType.FLOAT, new long[] {1, 3, 100_000, 100_000}))
                .isInstanceOf(TensorTooLargeException.class)
                .hasMessageContaining("1×3×100000×100000 float32 tensor needs 111.8 GiB");
    }

    @Test
    void float16AndBfloat16RoundTrip() throws Exception {
        HostTensor h = HostTensor.ofDoubles(ElementType.FLOAT16, new long[] {3}, 1.5, -2, 65504);
        assertThat(h.firstValues(3)).containsExactly("1.5", "-2.0", "65504.0");
        HostTensor bf = HostTensor.ofDoubles(ElementType.BFLOAT16, new long[] {2}, 3.140625, Double.NaN);
        assertThat(bf.getDouble(0)).isEqualTo(3.140625);
        assertThat(bf.getDouble(1)).isNaN();
    }
}
