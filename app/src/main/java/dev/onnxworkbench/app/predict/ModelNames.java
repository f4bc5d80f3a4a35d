package dev.onnxworkbench.app.predict;

import dev.onnxworkbench.models.graph.Model;
import java.nio.file.Path;

/** How the Predict sidebar names a model and the files it suggests. */
final class ModelNames {
    private ModelNames() {
    }

    /** The file name; with its folder when the name says nothing (the backend suite's model.onnx). */
    static String displayName(Model m) {
        if (m.path() == null) {
            return m.graph().name();
        }
        Path name = m.path().getFileName();
        Path folder = m.path().toAbsolutePath().getParent();
        return name.toString().equals("model.onnx") && folder != null && folder.getFileName() != null
                ? folder.getFileName() + "/" + name : name.toString();
    }

    static String stem(Path path) {
        String name = path == null ? "model" : path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
