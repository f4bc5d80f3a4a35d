package dev.onnxworkbench.models;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Why a file operation failed, in words: the JDK's file-system exceptions carry only the path as
 * their message ("Could not read a.csv: a.csv"), so the reason has to come from their type.
 */
public final class IoReasons {
    private IoReasons() {
    }

    /** A short reason such as "no such file or folder: /x/a.csv" or "permission denied: /proc/x". */
    public static String of(IOException e) {
        String reason = switch (e) {
            case NoSuchFileException n -> "no such file or folder";
            case AccessDeniedException a -> "permission denied";
            case NotDirectoryException n -> "not a folder";
            case FileAlreadyExistsException f -> "a file is in the way";
            case DirectoryNotEmptyException d -> "the folder is not empty";
            case FileSystemException f when f.getReason() != null -> f.getReason();
            default -> null;
        };
        if (reason == null) {
            return String.valueOf(e.getMessage());
        }
        String file = e instanceof FileSystemException f ? f.getFile() : null;
        return file == null ? reason : reason + ": " + file;
    }
}
