package dev.onnxworkbench.graphview;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recently shown layouts with their overview rasters, least recently used first out, bounded by an
 * estimate of their memory (not by count: one 100,000-node layout outweighs a hundred small ones).
 */
final class LayoutCache<K, V> {
    private final long maxBytes;
    private final Map<K, Entry<V>> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    private record Entry<V>(V value, long bytes) {}

    LayoutCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    V get(K key) {
        Entry<V> e = entries.get(key);
        return e == null ? null : e.value();
    }

    /** Stores a value; evicts the least recently used until the total fits (a value larger than the bound is not kept). */
    void put(K key, V value, long valueBytes) {
        Entry<V> old = entries.remove(key);
        if (old != null) {
            bytes -= old.bytes();
        }
        if (valueBytes > maxBytes) {
            return;
        }
        entries.put(key, new Entry<>(value, valueBytes));
        bytes += valueBytes;
        Iterator<Entry<V>> it = entries.values().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            bytes -= it.next().bytes();
            it.remove();
        }
    }

    long bytes() {
        return bytes;
    }

    int size() {
        return entries.size();
    }

    void clear() {
        entries.clear();
        bytes = 0;
    }
}
