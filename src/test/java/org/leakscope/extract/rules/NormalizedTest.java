package org.leakscope.extract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NormalizedTest {
  @Test
  void okHoldsAValue() {
    Normalized n = Normalized.ok("jane@enron.com");
    assertTrue(n.isOk());
    assertEquals("jane@enron.com", n.value());
    assertNull(n.reason());
  }

  @Test
  void rejectedHoldsAReason() {
    Normalized n = Normalized.rejected("no_at");
    assertFalse(n.isOk());
    assertNull(n.value());
    assertEquals("no_at", n.reason());
  }

  @Test
  void exactlyOneIsSet() {
    assertThrows(IllegalArgumentException.class, () -> Normalized.ok(null));
    assertThrows(IllegalArgumentException.class, () -> Normalized.rejected(null));
    assertThrows(IllegalArgumentException.class, () -> Normalized.rejected(""));
    assertThrows(IllegalArgumentException.class, () -> new Normalized("a", "b"));
    assertThrows(IllegalArgumentException.class, () -> new Normalized(null, null));
  }
}
