package dev.onnxworkbench.graphview;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LayoutCacheTest {
    @Test
    void keepsTheRecentlyUsedWithinItsByteBound() {
        LayoutCache<String, String> cache = new LayoutCache<>(1000);
        cache.put("a", "A", 400);
        cache.put("b", "B", 400);
        assertThat(cache.get("a")).isEqualTo("A"); // a is now the most recently used
        cache.put("c", "C", 400);
        assertThat(cache.bytes()).isLessThanOrEqualTo(1000);
        assertThat(cache.get("b")).isNull();
        assertThat(cache.get("a")).isEqualTo("A");
        assertThat(cache.get("c")).isEqualTo("C");
        cache.put("huge", "H", 5000);
        assertThat(cache.get("huge")).isNull();
        assertThat(cache.size()).isEqualTo(2);
    }
}
