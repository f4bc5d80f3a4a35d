package dev.onnxworkbench.models.onnx;

import dev.onnxworkbench.models.onnx.ModelReadException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Resolves external_data locations strictly inside the model's folder. A model file is untrusted
 * input: its locations must not make the reader open /etc/passwd or ../../secrets, directly or
 * through a symbolic link. Checks cost one stat per distinct file; nothing is read.
 */
final class ExternalDataResolver {

    /** A checked file and its size at open time. */
    record ResolvedFile(Path path, String location, long size) {}

    private final Path folder;
    private final String modelName;
    private final Map<String, ResolvedFile> cache = new HashMap<>();
    private Path realFolder;

    /**
     * @param folder    the model's folder, or null when the model was read from memory
     * @param modelName the model for messages ("model.onnx")
     */
    ExternalDataResolver(Path folder, String modelName) {
        this.folder = folder == null ? null : folder.toAbsolutePath().normalize();
        this.modelName = modelName;
    }

    ResolvedFile resolve(String location, String tensor) throws ModelReadException {
        ResolvedFile known = cache.get(location);
        if (known != null) {
            return known;
        }
        ResolvedFile resolved = check(location, tensor);
        cache.put(location, resolved);
        return resolved;
    }

    private ResolvedFile check(String location, String tensor) throws ModelReadException {
        if (location.isBlank()) {
            throw new ModelReadException(Kind.CORRUPT,
                    tensor + " in " + modelName + " is marked as external data but names no file; the model is damaged.");
        }
        if (folder == null) {
            throw new ModelReadException(Kind.MISSING_EXTERNAL_DATA,
                    tensor + " keeps its values in '" + location + "', but " + modelName
                            + " was read from memory, so there is no folder to look in; open the .onnx file itself.");
        }
        if (isAbsolute(location)) {
            throw outside(location, tensor, "is an absolute path");
        }
        for (String part : location.split("[/\\\\]")) {
            if (part.equals("..")) {
                throw outside(location, tensor, "climbs out with '..'");
            }
        }
        Path candidate;
        try {
            // Windows writers may store "data\\w.bin"; ONNX locations are relative paths either way.
            candidate = folder.resolve(location.replace('\\', '/')).normalize();
        } catch (InvalidPathException e) {
            throw new ModelReadException(Kind.CORRUPT,
                    tensor + " in " + modelName + " names the external file '" + printable(location)
                            + "', which is not a valid file name; the model is damaged.", e);
        }
        if (!candidate.startsWith(folder)) {
            throw outside(location, tensor, "points outside the model's folder");
        }
        if (!Files.exists(candidate)) {
            if (Files.isSymbolicLink(candidate)) {
                throw outside(location, tensor, "is a link to a file that does not exist");
            }
            throw new ModelReadException(Kind.MISSING_EXTERNAL_DATA,
                    location + ", referenced by " + tensor + ", is missing next to " + modelName + " (looked in "
                            + folder + "); copy the weights file into that folder.");
        }
        try {
            Path real = candidate.toRealPath();
            if (realFolder == null) {
                realFolder = folder.toRealPath();
            }
            if (!real.startsWith(realFolder)) {
                throw outside(location, tensor, "is a link to " + real + ", outside the model's folder");
            }
            if (!Files.isRegularFile(real)) {
                throw new ModelReadException(Kind.CORRUPT,
                        location + ", referenced by " + tensor + " in " + modelName + ", is not a regular file.");
            }
            return new ResolvedFile(real, location, Files.size(real));
        } catch (IOException e) {
            throw new ModelReadException(Kind.IO,
                    "Could not open " + location + " (external data of " + modelName + "): " + e.getMessage(), e);
        }
    }

    private static boolean isAbsolute(String location) {
        return location.startsWith("/") || location.startsWith("\\") || location.startsWith("~")
                || (location.length() >= 2 && location.charAt(1) == ':' && Character.isLetter(location.charAt(0)));
    }

    private ModelReadException outside(String location, String tensor, String why) {
        return new ModelReadException(Kind.EXTERNAL_PATH_OUTSIDE_FOLDER,
                modelName + " asks for external data at '" + printable(location) + "' (" + tensor + "), which " + why
                        + ". For safety only files inside the model's folder are read; move the weights file next to "
                        + modelName + " and store its plain file name.");
    }

    private static String printable(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }
}
