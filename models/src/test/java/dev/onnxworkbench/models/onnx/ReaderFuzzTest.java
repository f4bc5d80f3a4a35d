package dev.onnxworkbench.models.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.AttributeValue;
import dev.onnxworkbench.models.graph.ElementType;
import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.GraphIndex;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.Node;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.onnx.proto.AttributeProto;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.OperatorSetIdProto;
import dev.onnxworkbench.models.onnx.proto.StringStringEntryProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.tensor.TensorStatistics;
import dev.onnxworkbench.models.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded mutation fuzzer over real models (the backend suite's plus generated ones): bit flips,
 * truncations, byte insertions, corrupted length fields, spliced chunks. Every input must give a
 * Model (whose tensors then decode or fail with a ModelReadException) or a ModelReadException:
 * no other exception, no hang (the whole run has a deadline), no out-of-memory.
 */
class ReaderFuzzTest {
    static final int INPUTS = Integer.getInteger("fuzz.inputs", 20_000);
    static final long SEED = Long.getLong("fuzz.seed", 20261121L);

    @TempDir
    Path dir;

    @Test
    void mutatedModelsYieldAModelOrAModelReadException() throws Exception {
        List<byte[]> corpus = corpus();
        Path folder = Files.createDirectories(dir.resolve("models"));
        Files.write(folder.resolve("weights.bin"), new byte[4096]);
        List<String> escapes = new ArrayList<>();
        int[] outcomes = new int[2]; // [models, typed errors]
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            SplittableRandom random = new SplittableRandom(SEED);
            OnnxReader reader = new OnnxReader();
            for (int i = 0; i < INPUTS; i++) {
                byte[] original = corpus.get(random.nextInt(corpus.size()));
                byte[] input = Mutator.mutate(original, corpus, random);
                try {
                    Model model = reader.read(input, folder, "fuzz-" + i + ".onnx");
                    exercise(model);
                    outcomes[0]++;
                } catch (ModelReadException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                    outcomes[1]++;
                } catch (Throwable escape) {
                    if (escapes.size() < 20) {
                        Path saved = Files.write(dir.resolve("escape-" + i + ".onnx"), input);
                        escapes.add("input " + i + " (" + saved + "): " + escape);
                        escape.printStackTrace();
                    }
                }
            }
        });
        System.out.printf("fuzz: %d inputs (seed %d): %d models, %d ModelReadExceptions, %d escapes%n",
                INPUTS, SEED, outcomes[0], outcomes[1], escapes.size());
        assertThat(escapes).isEmpty();
        assertThat(outcomes[0] + outcomes[1]).isEqualTo(INPUTS);
        assertThat(outcomes[1]).as("the mutator should break most inputs").isGreaterThan(INPUTS / 4);
    }

    /** Touches everything a user can reach: indexes, subgraphs, every tensor's values and statistics. */
    private static void exercise(Model model) {
        exercise(model.graph());
        model.functions().forEach(f -> f.nodes().forEach(n -> n.attributes().size()));
    }

    private static void exercise(Graph graph) {
        GraphIndex index = GraphIndex.of(graph);
        index.valueNames().forEach(index::consumers);
        graph.totalNodeCount();
        List<Tensor> tensors = new ArrayList<>(graph.initializers());
        for (Node node : graph.nodes()) {
            for (var a : node.attributes()) {
                if (a.value() instanceof AttributeValue.TensorValue t) {
                    tensors.add(t.tensor());
                }
            }
            node.subgraphs().forEach(s -> exercise(s.graph()));
        }
        for (Tensor t : tensors) {
            try {
                if (t.elementType() == ElementType.STRING) {
                    t.data().readStrings();
                } else if (t.elementType() != ElementType.UNDEFINED) {
                    t.data().readRaw();
                    if (t.elementCount() < 1_000_000) {
                        TensorStatistics.compute(t);
                    }
                }
            } catch (WorkbenchException expected) {
                // a typed error about this tensor is a fine answer
            }
        }
    }

    private static List<byte[]> corpus() throws Exception {
        List<byte[]> corpus = new ArrayList<>();
        corpus.add(TestModels.convNet().toByteArray());
        corpus.add(TestModels.transformerBlock().toByteArray());
        corpus.add(TestModels.controlFlow().toByteArray());
        corpus.add(TestModels.constantWeights().toByteArray());
        corpus.add(TestModels.chain(40).toByteArray());
        if (LibOnnxTestData.installed()) {
            List<Path> models = LibOnnxTestData.models();
            for (int i = 0; i < models.size(); i += 10) { // every 10th, plus the control-flow ones
                corpus.add(Files.readAllBytes(models.get(i)));
            }
            for (Path p : models) {
                String n = p.getParent().getFileName().toString();
                if ((n.contains("_if") || n.contains("loop") || n.contains("scan") || n.contains("sequence"))
                        && Files.size(p) < 200_000) {
                    corpus.add(Files.readAllBytes(p));
                }
            }
        }
        return corpus;
    }

    /**
     * Mutations at the message level, which keep the protobuf valid so that inputs reach the mapping
     * and the lazy decoders: wrong element types and dims, external-data keys that point anywhere,
     * attribute types that disagree with their values, odd IR versions and opsets.
     */
    static final class SemanticMutator {
        private static final String[] LOCATIONS = {"weights.bin", "../weights.bin", "/etc/passwd", "", "missing.bin",
                "sub/../../x", "C:\\x", "weights.bin\u0000", "./weights.bin", "~/x"};

        private SemanticMutator() {
        }

        static byte[] mutate(byte[] in, SplittableRandom r) {
            ModelProto model;
            try {
                model = ModelProto.parseFrom(in);
            } catch (Exception notParseable) {
                return in;
            }
            if (!model.hasGraph()) {
                return in;
            }
            ModelProto.Builder m = model.toBuilder();
            GraphProto.Builder g = m.getGraphBuilder();
            switch (r.nextInt(6)) {
                case 0 -> m.setIrVersion(r.nextInt(16) - 2);
                case 1 -> {
                    if (g.getInitializerCount() > 0) {
                        TensorProto.Builder t = g.getInitializerBuilder(r.nextInt(g.getInitializerCount()));
                        t.setDataType(r.nextInt(30) - 1);
                    }
                }
                case 2 -> {
                    if (g.getInitializerCount() > 0) {
                        TensorProto.Builder t = g.getInitializerBuilder(r.nextInt(g.getInitializerCount()));
                        t.clearDims();
                        int rank = r.nextInt(5);
                        long[] odd = {0, 1, -1, 3, 1L << 31, Long.MAX_VALUE, 1L << 40};
                        for (int i = 0; i < rank; i++) {
                            t.addDims(odd[r.nextInt(odd.length)]);
                        }
                    }
                }
                case 3 -> {
                    if (g.getInitializerCount() > 0) {
                        TensorProto.Builder t = g.getInitializerBuilder(r.nextInt(g.getInitializerCount()));
                        t.setDataLocation(TensorProto.DataLocation.EXTERNAL).clearExternalData()
                                .addExternalData(entry("location", LOCATIONS[r.nextInt(LOCATIONS.length)]));
                        if (r.nextBoolean()) {
                            t.addExternalData(entry("offset", Long.toString(r.nextLong(-10, 5000))));
                        }
                        if (r.nextBoolean()) {
                            t.addExternalData(entry("length", r.nextBoolean() ? "x" : Long.toString(r.nextLong(-10, 5000))));
                        }
                    }
                }
                case 4 -> {
                    if (g.getNodeCount() > 0) {
                        NodeProto.Builder n = g.getNodeBuilder(r.nextInt(g.getNodeCount()));
                        if (n.getAttributeCount() > 0) {
                            AttributeProto.Builder a = n.getAttributeBuilder(r.nextInt(n.getAttributeCount()));
                            AttributeProto.AttributeType[] types = AttributeProto.AttributeType.values();
                            a.setType(types[r.nextInt(types.length)]);
                        }
                        n.setDomain(r.nextBoolean() ? "" : "com.example");
                    }
                }
                default -> m.clearOpsetImport().addOpsetImport(OperatorSetIdProto.newBuilder()
                        .setDomain(r.nextBoolean() ? "" : "ai.onnx").setVersion(r.nextLong(-5, 30)));
            }
            return m.build().toByteArray();
        }

        private static StringStringEntryProto entry(String key, String value) {
            return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
        }
    }

    /** Seeded mutations that keep most of the structure, so that inputs get deep into the reader. */
    static final class Mutator {
        private Mutator() {
        }

        static byte[] mutate(byte[] in, List<byte[]> corpus, SplittableRandom r) {
            byte[] b = in;
            int rounds = 1 + r.nextInt(3);
            for (int k = 0; k < rounds && b.length > 0; k++) {
                b = switch (r.nextInt(9)) {
                    case 7, 8 -> SemanticMutator.mutate(b, r);
                    case 0 -> flipBits(b, r);
                    case 1 -> Arrays.copyOf(b, r.nextInt(b.length)); // truncate
                    case 2 -> insert(b, r);
                    case 3, 4 -> corruptLength(b, r);
                    case 5 -> splice(b, corpus.get(r.nextInt(corpus.size())), r);
                    default -> setInterestingByte(b, r);
                };
            }
            return b;
        }

        private static byte[] flipBits(byte[] in, SplittableRandom r) {
            byte[] b = in.clone();
            int flips = 1 + r.nextInt(8);
            for (int i = 0; i < flips; i++) {
                b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
            }
            return b;
        }

        private static byte[] insert(byte[] in, SplittableRandom r) {
            int at = r.nextInt(in.length + 1);
            int n = 1 + r.nextInt(16);
            byte[] b = new byte[in.length + n];
            System.arraycopy(in, 0, b, 0, at);
            for (int i = 0; i < n; i++) {
                b[at + i] = (byte) r.nextInt(256);
            }
            System.arraycopy(in, at, b, at + n, in.length - at);
            return b;
        }

        private static byte[] setInterestingByte(byte[] in, SplittableRandom r) {
            byte[] b = in.clone();
            int[] interesting = {0x00, 0x01, 0x7F, 0x80, 0xFF, 0x08, 0x0A, 0x12, 0x3A, 0x4A};
            b[r.nextInt(b.length)] = (byte) interesting[r.nextInt(interesting.length)];
            return b;
        }

        /** Finds a length-delimited field by walking the top levels and rewrites its length varint. */
        private static byte[] corruptLength(byte[] in, SplittableRandom r) {
            List<int[]> lengths = new ArrayList<>(); // {start, end} of length varints
            collectLengths(in, 0, in.length, 0, lengths);
            if (lengths.isEmpty()) {
                return flipBits(in, r);
            }
            int[] at = lengths.get(r.nextInt(lengths.size()));
            long[] choices = {0, 1, 0x7F, 0x80, 0x3FFF, 0x7FFF_FFFFL, 0xFFFF_FFFFL, -1L,
                    r.nextInt(1 << 20), at[1] - at[0] + r.nextInt(64)};
            long value = choices[r.nextInt(choices.length)];
            byte[] varint = varint(value);
            byte[] b = new byte[in.length - (at[1] - at[0]) + varint.length];
            System.arraycopy(in, 0, b, 0, at[0]);
            System.arraycopy(varint, 0, b, at[0], varint.length);
            System.arraycopy(in, at[1], b, at[0] + varint.length, in.length - at[1]);
            return b;
        }

        private static void collectLengths(byte[] b, int pos, int end, int depth, List<int[]> out) {
            while (pos < end && depth < 6 && out.size() < 4096) {
                long[] tag = readVarint(b, pos, end);
                if (tag == null) {
                    return;
                }
                pos = (int) tag[1];
                int wire = (int) (tag[0] & 7);
                switch (wire) {
                    case 0 -> {
                        long[] v = readVarint(b, pos, end);
                        if (v == null) {
                            return;
                        }
                        pos = (int) v[1];
                    }
                    case 1 -> pos += 8;
                    case 5 -> pos += 4;
                    case 2 -> {
                        long[] len = readVarint(b, pos, end);
                        if (len == null || len[0] < 0 || len[1] + len[0] > end) {
                            return;
                        }
                        out.add(new int[] {pos, (int) len[1]});
                        int start = (int) len[1];
                        collectLengths(b, start, start + (int) len[0], depth + 1, out);
                        pos = start + (int) len[0];
                    }
                    default -> {
                        return;
                    }
                }
            }
        }

        private static long[] readVarint(byte[] b, int pos, int end) {
            long v = 0;
            for (int shift = 0; shift < 64 && pos < end; shift += 7) {
                byte x = b[pos++];
                v |= (long) (x & 0x7F) << shift;
                if (x >= 0) {
                    return new long[] {v, pos};
                }
            }
            return null;
        }

        private static byte[] varint(long v) {
            byte[] buf = new byte[10];
            int n = 0;
            while ((v & ~0x7FL) != 0) {
                buf[n++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[n++] = (byte) v;
            return Arrays.copyOf(buf, n);
        }

        private static byte[] splice(byte[] a, byte[] other, SplittableRandom r) {
            if (other.length == 0) {
                return a;
            }
            int from = r.nextInt(other.length);
            int n = Math.min(other.length - from, 1 + r.nextInt(256));
            int at = r.nextInt(a.length);
            byte[] b = a.clone();
            System.arraycopy(other, from, b, at, Math.min(n, b.length - at));
            return b;
        }
    }
}
