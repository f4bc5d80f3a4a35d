package dev.onnxworkbench.models.onnx;

import com.google.protobuf.ByteString;
import dev.onnxworkbench.models.onnx.ModelReadException.Kind;
import dev.onnxworkbench.models.onnx.proto.AttributeProto;
import dev.onnxworkbench.models.onnx.proto.GraphProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import dev.onnxworkbench.models.onnx.proto.NodeProto;
import dev.onnxworkbench.models.onnx.proto.SparseTensorProto;
import dev.onnxworkbench.models.onnx.proto.StringStringEntryProto;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model file's protobuf structure, editable with the generated builders, whose tensor values stay on
 * the memory mapping. Every value field of a {@link TensorProto} ({@code raw_data} and the packed typed
 * fields) holds a 4-byte reference into {@link #payloadCount() the payloads} instead of the values
 * (see {@link WeightStripper}); {@link #write} puts the values back while writing, straight from the
 * mapping to the file, so a rewrite never copies weights onto the Java heap.
 *
 * <p>Used by {@code models.rewrite.ModelRewriter}; new tensors (constants) carry their values as extra
 * payloads referenced with {@link #reference(int)}.
 */
public final class MappedModelProto {
    private final ModelProto proto;
    private final List<ByteBuffer> payloads;
    private final Path folder;
    private final String name;

    private MappedModelProto(ModelProto proto, List<ByteBuffer> payloads, Path folder, String name) {
        this.proto = proto;
        this.payloads = payloads;
        this.folder = folder;
        this.name = name;
    }

    /** Maps and parses the model file; its external data are resolved in its folder. */
    public static MappedModelProto read(Path file) throws ModelReadException {
        String name = String.valueOf(file.getFileName());
        ByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        } catch (IOException e) {
            throw new ModelReadException(Kind.IO, "Could not read " + file + ": " + e.getMessage(), e);
        }
        OnnxReader.Parsed parsed = OnnxReader.parseProto(mapped, name);
        if (!parsed.proto().hasGraph()) {
            throw new ModelReadException(Kind.NOT_ONNX, name + " is not an ONNX model (it has no graph).");
        }
        return new MappedModelProto(parsed.proto(), parsed.slices(), file.toAbsolutePath().getParent(), name);
    }

    /** The structure; tensor value fields hold payload references. Derive edited copies with {@code toBuilder()}. */
    public ModelProto proto() {
        return proto;
    }

    /** The folder the model was read from (where its external data lie). */
    public Path folder() {
        return folder;
    }

    public String name() {
        return name;
    }

    /** How many payloads the file itself has; extra payloads given to {@link #write} are numbered from here. */
    public int payloadCount() {
        return payloads.size();
    }

    /**
     * A tensor of the structure (an initializer, a Constant's value) whose values are read lazily from the
     * mapping or its external file; {@code role} names it in messages ("initializer").
     */
    public dev.onnxworkbench.models.graph.Tensor tensor(TensorProto t, String role) throws ModelReadException {
        return new TensorProtoReader(folder, name, payloads).read(t, role);
    }

    /** The value of a tensor value field that refers to payload {@code index}. */
    public static ByteString reference(int index) {
        byte[] b = {(byte) index, (byte) (index >>> 8), (byte) (index >>> 16), (byte) (index >>> 24)};
        return ByteString.copyFrom(b);
    }

    /**
     * Writes {@code edited} (derived from {@link #proto()}) to {@code out} with every payload reference
     * replaced by its values: the file's own payloads, then {@code extraPayloads}. External data entries
     * are written as they are; the caller makes their locations resolve next to {@code out}.
     */
    public void write(ModelProto edited, List<ByteBuffer> extraPayloads, Path out) throws IOException {
        List<ByteBuffer> all = new ArrayList<>(payloads.size() + extraPayloads.size());
        all.addAll(payloads);
        for (ByteBuffer b : extraPayloads) {
            all.add(b.duplicate().order(ByteOrder.LITTLE_ENDIAN));
        }
        byte[] structure = edited.toByteArray();
        try (FileChannel channel = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            new PayloadWriter(structure, all, channel).write();
        }
    }

    /**
     * The distinct external data files the structure refers to (in tensors anywhere: initializers, Constant
     * attributes, subgraphs), checked to lie inside the model's folder: location as written → real file.
     */
    public Map<String, Path> externalFiles(ModelProto edited) throws ModelReadException {
        ExternalDataResolver resolver = new ExternalDataResolver(folder, name);
        Map<String, Path> files = new LinkedHashMap<>();
        collect(edited.getGraph(), resolver, files);
        for (var f : edited.getFunctionsList()) {
            for (NodeProto n : f.getNodeList()) {
                collect(n, resolver, files);
            }
        }
        return files;
    }

    private static void collect(GraphProto graph, ExternalDataResolver resolver, Map<String, Path> files)
            throws ModelReadException {
        for (TensorProto t : graph.getInitializerList()) {
            collect(t, resolver, files);
        }
        for (SparseTensorProto s : graph.getSparseInitializerList()) {
            collect(s.getValues(), resolver, files);
            collect(s.getIndices(), resolver, files);
        }
        for (NodeProto n : graph.getNodeList()) {
            collect(n, resolver, files);
        }
    }

    private static void collect(NodeProto node, ExternalDataResolver resolver, Map<String, Path> files)
            throws ModelReadException {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.hasT()) {
                collect(a.getT(), resolver, files);
            }
            for (TensorProto t : a.getTensorsList()) {
                collect(t, resolver, files);
            }
            if (a.hasG()) {
                collect(a.getG(), resolver, files);
            }
            for (GraphProto g : a.getGraphsList()) {
                collect(g, resolver, files);
            }
        }
    }

    private static void collect(TensorProto t, ExternalDataResolver resolver, Map<String, Path> files)
            throws ModelReadException {
        if (t.getDataLocation() != TensorProto.DataLocation.EXTERNAL) {
            return;
        }
        for (StringStringEntryProto e : t.getExternalDataList()) {
            if (e.getKey().equals("location") && !files.containsKey(e.getValue())) {
                files.put(e.getValue(), resolver.resolve(e.getValue(), "tensor '" + t.getName() + "'").path());
            }
        }
    }
}
