package org.leakscope.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {
  @Test
  void computesOnceWhileHeldAndForgetsTheLeastRecentlyUsed() {
    BoundedCache<String, String> cache = new BoundedCache<>(2);
    List<String> computed = new ArrayList<>();
    java.util.function.Function<String, String> upper = k -> {
      computed.add(k);
      return k.toUpperCase(java.util.Locale.ROOT);
    };
    assertEquals("A", cache.computeIfAbsent("a", upper));
    assertEquals("B", cache.computeIfAbsent("b", upper));
    assertEquals("A", cache.computeIfAbsent("a", upper)); // held; now the most recent
    assertEquals("C", cache.computeIfAbsent("c", upper)); // full: forgets b, the least recently used
    assertEquals("A", cache.computeIfAbsent("a", upper));
    assertEquals("B", cache.computeIfAbsent("b", upper)); // computed again
    assertEquals(List.of("a", "b", "c", "b"), computed);
    assertEquals(2, cache.size());
  }

  @Test
  void rejectsACapacityBelowOne() {
    assertEquals("a cache holds at least one value, got capacity 0",
        assertThrows(IllegalArgumentException.class, () -> new BoundedCache<String, String>(0)).getMessage());
  }
}
