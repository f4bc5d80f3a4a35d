package dev.onnxworkbench.models.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * The details file of the catalog (every version's inputs, outputs and attributes), read into memory on first
 * use and parsed one operator at a time.
 */
final class CatalogDetails {

    private final Supplier<byte[]> source;
    private volatile byte[] bytes;

    CatalogDetails(Supplier<byte[]> source) {
        this.source = source;
    }

    static CatalogDetails bundled(String resource) {
        return new CatalogDetails(new BundledResource(resource));
    }

    /** A plain class rather than a lambda: bootstrapping a lambda costs a fresh JVM tens of milliseconds. */
    private record BundledResource(String resource) implements Supplier<byte[]> {
        @Override
        public byte[] get() {
            try (InputStream in = OperatorCatalog.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the operator catalog " + resource + " is missing from the build");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("the bundled operator catalog cannot be read", e);
            }
        }
    }

    /** The versions of one operator, ascending, checked against the index. */
    List<OperatorSchema> parse(OperatorEntry entry) {
        byte[] data = bytes();
        if (entry.offset < 0 || entry.length <= 0 || (long) entry.offset + entry.length > data.length) {
            throw new IllegalStateException("operator catalog index points outside the details file for "
                    + entry.domain + "/" + entry.name);
        }
        try {
            List<OperatorSchema> versions = new CatalogJsonReader().readVersions(data, entry);
            for (int i = 0; i < Math.max(versions.size(), entry.sinceVersions.length); i++) {
                if (i >= versions.size() || i >= entry.sinceVersions.length
                        || versions.get(i).sinceVersion() != entry.sinceVersions[i]) {
                    throw new IllegalStateException("operator catalog index and details disagree on the versions of "
                            + entry.domain + "/" + entry.name);
                }
            }
            return versions;
        } catch (IOException e) {
            throw new UncheckedIOException("the operator catalog entry of " + entry.domain + "/" + entry.name
                    + " cannot be read", e);
        }
    }

    private byte[] bytes() {
        byte[] data = bytes;
        if (data == null) {
            synchronized (this) {
                data = bytes;
                if (data == null) {
                    data = source.get();
                    bytes = data;
                }
            }
        }
        return data;
    }
}
