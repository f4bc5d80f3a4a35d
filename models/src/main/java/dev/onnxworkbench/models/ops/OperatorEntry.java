package dev.onnxworkbench.models.ops;

/**
 * What the catalog index says about one operator: enough to resolve versions and colour nodes without
 * parsing its description, inputs, outputs and attributes, which sit at {@code [offset, offset + length)}
 * of the details file.
 */
final class OperatorEntry {
    final String domain;
    final String name;
    final OperatorCategory category;
    /** Since-versions, ascending. */
    final int[] sinceVersions;
    final int offset;
    final int length;

    OperatorEntry(String domain, String name, OperatorCategory category, int[] sinceVersions,
                  int offset, int length) {
        this.domain = domain;
        this.name = name;
        this.category = category;
        this.sinceVersions = sinceVersions.clone();
        this.offset = offset;
        this.length = length;
    }

    /** Position in {@link #sinceVersions} of the version in effect for an imported opset, -1 if none. */
    int versionIndexFor(long importedOpsetVersion) {
        if (importedOpsetVersion < 0) {
            return sinceVersions.length - 1;
        }
        int found = -1;
        for (int i = 0; i < sinceVersions.length && sinceVersions[i] <= importedOpsetVersion; i++) {
            found = i;
        }
        return found;
    }
}
