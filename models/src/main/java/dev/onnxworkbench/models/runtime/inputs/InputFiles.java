package dev.onnxworkbench.models.runtime.inputs;

import dev.onnxworkbench.models.WorkbenchException;
import dev.onnxworkbench.models.graph.Dimension;
import dev.onnxworkbench.models.graph.Tensor;
import dev.onnxworkbench.models.onnx.TensorProtoReader;
import dev.onnxworkbench.models.onnx.proto.TensorProto;
import dev.onnxworkbench.models.tensor.HostTensor;
import dev.onnxworkbench.models.tensor.TensorFiles;
import dev.onnxworkbench.models.tensor.TensorRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads one input's values from a file a user picked: NumPy {@code .npy}, JSON, CSV (through
 * {@link TensorFiles}) or an ONNX {@code TensorProto} {@code .pb} as the backend test suite stores them.
 * Symbolic dimensions take their size from the file. Blocking I/O: call off the FX thread.
 */
public final class InputFiles {

    /** Extensions a file chooser should offer. */
    public static final List<String> EXTENSIONS;

    static {
        List<String> all = new ArrayList<>(TensorFiles.EXTENSIONS);
        all.add("pb");
        EXTENSIONS = List.copyOf(all);
    }

    private InputFiles() {}

    public static HostTensor read(Path file, InputSpec spec) throws WorkbenchException {
        TensorRequest request = new TensorRequest(spec.name(), spec.elementType(), requestedShape(spec));
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pb")) {
            return TensorFiles.read(file, request);
        }
        TensorProto proto;
        try {
            proto = TensorProto.parseFrom(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read " + file.getFileName() + " as an ONNX tensor (.pb): "
                    + e.getMessage());
        }
        Tensor tensor = new TensorProtoReader(file.toAbsolutePath().getParent(), file.getFileName().toString())
                .read(proto, "tensor");
        HostTensor value = HostTensor.fromTensor(tensor);
        if (value.elementType() != spec.elementType()) {
            throw new InvalidInputException(file.getFileName() + " holds " + value.elementType().displayName()
                    + " values, but the input '" + spec.name() + "' takes " + spec.elementType().displayName() + ".");
        }
        long[] shape = request.reconcile(value.shape(), value.elementCount(), file.getFileName().toString());
        return java.util.Arrays.equals(shape, value.shape()) ? value
                : value.isString() ? HostTensor.ofStrings(shape, value.strings())
                : HostTensor.ofRaw(value.elementType(), shape, value.data());
    }

    /** The spec's shape for a reader: fixed sizes kept, symbolic and unknown ones free (-1); null for unknown rank. */
    static long[] requestedShape(InputSpec spec) {
        if (!spec.shape().rankKnown()) {
            return null;
        }
        long[] shape = new long[spec.shape().rank()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = spec.shape().dims().get(i) instanceof Dimension.Fixed f ? f.value() : -1;
        }
        return shape;
    }
}
