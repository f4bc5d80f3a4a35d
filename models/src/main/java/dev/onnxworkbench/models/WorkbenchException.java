package dev.onnxworkbench.models;

/**
 * An error a user can cause and act on (a bad file, a value that does not parse, a missing
 * provider library). Its message is shown as is, in the window and on the command line,
 * so it must read as a sentence a person understands, without a stack trace.
 */
public class WorkbenchException extends Exception {
    public WorkbenchException(String message) {
        super(message);
    }

    public WorkbenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
