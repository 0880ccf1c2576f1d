package org.leakscope.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;

/** Count maps read from expectation files ({"email": 22, …}), in the form IngestResult reports them. */
public final class JsonCounts {
  private JsonCounts() {}

  public static Map<String, Long> of(JsonNode node) {
    Map<String, Long> m = new TreeMap<>();
    node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
    return m;
  }
}
