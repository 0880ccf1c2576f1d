package org.leakscope.common;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The values of a pure function for the keys used most recently, at most {@code capacity} of them: for values that
 * recur (a mail header's addresses) and cost more to compute than to look up. Not thread-safe: one per task.
 */
public final class BoundedCache<K, V> {
  private final Map<K, V> values;

  public BoundedCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a cache holds at least one value, got capacity " + capacity);
    }
    this.values = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The value of {@code key}, computed by {@code function} unless held (a null value is not held). */
  public V computeIfAbsent(K key, Function<? super K, ? extends V> function) {
    return values.computeIfAbsent(key, function);
  }

  int size() {
    return values.size();
  }
}
