package dev.onnxworkbench.models.serve;

/** A request the server refuses: the HTTP status and a message naming the problem, sent as {"error": …}. */
final class HttpError extends Exception {
    private final int status;

    HttpError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
