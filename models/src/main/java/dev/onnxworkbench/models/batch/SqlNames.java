package dev.onnxworkbench.models.batch;

import java.util.regex.Pattern;

/**
 * Names in generated SQL. A table name as the user typed it stays unquoted when it is a plain (optionally
 * schema-qualified) identifier, so that PostgreSQL folds it as it folds the user's own SQL; anything else is
 * quoted. Column names come from the database's own metadata and are always quoted, exactly as it spells them.
 */
final class SqlNames {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private SqlNames() {
    }

    static String table(String name) {
        return PLAIN.matcher(name).matches() ? name : quote(name);
    }

    static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
