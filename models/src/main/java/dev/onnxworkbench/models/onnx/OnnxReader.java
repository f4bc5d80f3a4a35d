package dev.onnxworkbench.models.onnx;

import dev.onnxworkbench.models.HumanUnits;

import com.google.protobuf.CodedInputStream;
import dev.onnxworkbench.models.graph.Graph;
import dev.onnxworkbench.models.graph.Model;
import dev.onnxworkbench.models.graph.ModelFunction;
import dev.onnxworkbench.models.graph.OpsetImport;
import dev.onnxworkbench.models.onnx.ModelReadException.Kind;
import dev.onnxworkbench.models.onnx.proto.FunctionProto;
import dev.onnxworkbench.models.onnx.proto.ModelProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads an ONNX model file into the immutable {@link Model}. The file is memory-mapped; the
 * {@link WeightStripper} hands protobuf only the structure and keeps {@code raw_data} and the packed
 * typed fields as views on the mapping, so opening never copies weights onto the heap, and
 * external data files are only checked, not read.
 * Every failure a file can cause is a {@link ModelReadException} naming the file and what to do.
 * Instances are stateless and thread-safe.
 */
public final class OnnxReader {
    /** Newest IR version this schema covers (ONNX 1.18+ writes 11; 12 adds only new element types). */
    public static final long MAX_IR_VERSION = 12;
    /** Protobuf message nesting allowed: about 30 levels of subgraphs, far beyond real models. */
    static final int RECURSION_LIMIT = 200;

    /** Reads the model at {@code file}; external data is resolved in the file's folder. */
    public Model read(Path file) throws ModelReadException {
        String name = displayName(file);
        long size;
        try {
            if (Files.isDirectory(file)) {
                throw new ModelReadException(Kind.NOT_ONNX, file + " is a folder, not an ONNX model file.");
            }
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new ModelReadException(Kind.IO, file + " does not exist; check the path.", e);
        } catch (AccessDeniedException e) {
            throw new ModelReadException(Kind.IO, "Not allowed to read " + file + "; check its permissions.", e);
        } catch (IOException e) {
            throw new ModelReadException(Kind.IO, "Could not read " + file + ": " + e.getMessage(), e);
        }
        if (size > Integer.MAX_VALUE) {
            throw new ModelReadException(Kind.TOO_LARGE, name + " is " + HumanUnits.bytes(size)
                    + "; a single ONNX file cannot exceed 2 GB (a protobuf limit). Save the model with its weights "
                    + "as external data (onnx.save_model(..., save_as_external_data=True)) and open it again.");
        }
        ByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        } catch (AccessDeniedException e) {
            throw new ModelReadException(Kind.IO, "Not allowed to read " + file + "; check its permissions.", e);
        } catch (IOException e) {
            throw new ModelReadException(Kind.IO, "Could not read " + file + ": " + e.getMessage(), e);
        }
        Path folder = file.toAbsolutePath().getParent();
        return parse(mapped, folder, name, file, size);
    }

    /**
     * Reads a model from memory. External data is resolved in {@code folder} (null: models with
     * external data fail with MISSING_EXTERNAL_DATA). The buffer must not change while the model is used.
     */
    public Model read(ByteBuffer bytes, Path folder, String displayName) throws ModelReadException {
        ByteBuffer view = bytes.slice();
        return parse(view, folder, displayName, null, view.remaining());
    }

    /** Reads a model from a byte array (tests, downloads held in memory). */
    public Model read(byte[] bytes, Path folder, String displayName) throws ModelReadException {
        return read(ByteBuffer.wrap(bytes), folder, displayName);
    }

    private Model parse(ByteBuffer data, Path folder, String name, Path file, long size) throws ModelReadException {
        Parsed parsed = parseProto(data, name);
        ModelProto proto = parsed.proto();
        if (!proto.hasGraph() || proto.getIrVersion() <= 0) {
            String looks = FileSniffer.describe(data).orElse(null);
            if (looks != null) {
                throw new ModelReadException(Kind.NOT_ONNX, name + " is not an ONNX model (it looks like " + looks + ").");
            }
            throw new ModelReadException(Kind.NOT_ONNX, name + " is not an ONNX model (it has no "
                    + (proto.hasGraph() ? "IR version" : "graph") + ").");
        }
        if (proto.getIrVersion() > MAX_IR_VERSION) {
            throw new ModelReadException(Kind.UNSUPPORTED_IR_VERSION, name + " uses ONNX IR version "
                    + proto.getIrVersion() + ", newer than this version of ONNX Workbench reads (up to "
                    + MAX_IR_VERSION + "). Update ONNX Workbench, or save the model with an older onnx package.");
        }
        List<OpsetImport> imports = GraphMapper.opsets(proto.getOpsetImportList());
        Map<String, Long> versions = GraphMapper.versionsByDomain(imports);
        if (imports.isEmpty() && proto.getIrVersion() < 3) {
            // IR versions 1 and 2 predate opset_import; they implied ai.onnx opset 1.
            versions = Map.of(OpsetImport.DEFAULT_DOMAIN, 1L);
        }
        GraphMapper mapper = new GraphMapper(new TensorProtoReader(folder, name, parsed.slices()), name);
        try {
            Graph graph = mapper.graph(proto.getGraph(), versions, 0);
            List<ModelFunction> functions = new ArrayList<>(proto.getFunctionsCount());
            for (FunctionProto f : proto.getFunctionsList()) {
                functions.add(mapper.function(f, versions));
            }
            return new Model(file, size, proto.getIrVersion(), imports, proto.getProducerName(),
                    proto.getProducerVersion(), proto.getDomain(), proto.getModelVersion(), proto.getDocString(),
                    TypeMapper.properties(proto.getMetadataPropsList()), graph, functions);
        } catch (StackOverflowError e) {
            throw new ModelReadException(Kind.TOO_DEEP, name + " is nested too deeply to read on this thread.");
        }
    }

    /** The parsed structure plus the weight payloads it refers to (views on {@code data}). */
    record Parsed(ModelProto proto, List<ByteBuffer> slices) {}

    static Parsed parseProto(ByteBuffer data, String name) throws ModelReadException {
        WeightStripper.Result stripped;
        try {
            stripped = WeightStripper.strip(data, name, RECURSION_LIMIT);
        } catch (ModelReadException e) {
            String looks = FileSniffer.describe(data).orElse(null);
            if (looks != null) {
                throw new ModelReadException(Kind.NOT_ONNX, name + " is not an ONNX model (it looks like " + looks + ").", e);
            }
            throw e;
        }
        CodedInputStream input = CodedInputStream.newInstance(stripped.structure(), 0, stripped.length());
        input.enableAliasing(true);
        input.setRecursionLimit(RECURSION_LIMIT + 8);
        try {
            ModelProto proto = ModelProto.parseFrom(input);
            input.checkLastTagWas(0);
            return new Parsed(proto, stripped.slices());
        } catch (IOException e) { // InvalidProtocolBufferException; an array has no other I/O to fail
            String looks = FileSniffer.describe(data).orElse(null);
            if (looks != null) {
                throw new ModelReadException(Kind.NOT_ONNX, name + " is not an ONNX model (it looks like " + looks + ").", e);
            }
            String detail = String.valueOf(e.getMessage());
            if (detail.contains("nesting")) {
                throw new ModelReadException(Kind.TOO_DEEP, name + " nests messages more than " + RECURSION_LIMIT
                        + " levels deep; this reader refuses it to stay safe from crafted files.", e);
            }
            throw new ModelReadException(Kind.CORRUPT, name + " is damaged: its protobuf data is invalid ("
                    + firstSentence(detail) + "). Export or download the model again.", e);
        }
    }

    private static String firstSentence(String s) {
        int dot = s.indexOf('.');
        return dot > 0 ? s.substring(0, dot) : s;
    }

    private static String displayName(Path file) {
        Path fileName = file.getFileName();
        return fileName == null ? file.toString() : fileName.toString();
    }
}
