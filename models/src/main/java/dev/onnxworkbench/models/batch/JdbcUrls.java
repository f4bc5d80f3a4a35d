package dev.onnxworkbench.models.batch;

/** JDBC URLs as they may be shown: a password in the URL's parameters is never printed or logged. */
final class JdbcUrls {
    private JdbcUrls() {
    }

    static String withoutPassword(String url) {
        return url == null ? null : url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
