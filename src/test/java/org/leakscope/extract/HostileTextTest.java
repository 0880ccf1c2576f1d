package org.leakscope.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/**
 * Hostile text through the whole per-item pass (addresses, phones, field roles together), with a bound of
 * seconds: a regular expression that backtracks, or a scan that restarts at every character, takes minutes here.
 */
class HostileTextTest {
  /**
   * Generous: a linear pass over 10 MB of "x@y.z " finds 1.7 million addresses in about 5 s on 2 cores, and a loaded
   * machine doubles that; a quadratic one would take hours.
   */
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final int TEN_MB = 10 * 1024 * 1024;

  private static List<Row> mentions(String text, Map<String, String> fields) {
    return new Mentions.Finder(false).of(
        RowFactory.create("i1", fields == null ? "document" : "record", null, null, null, null, null, null, text,
            fields == null ? null : scala.jdk.javaapi.CollectionConverters.asScala(fields), null));
  }

  private static String repeat(String unit, int length) {
    StringBuilder sb = new StringBuilder(length + unit.length());
    while (sb.length() < length) {
      sb.append(unit);
    }
    return sb.toString();
  }

  @Test
  void tenMegabytesOfAtSignsAndDotsEndQuickly() {
    String text = repeat("@.", TEN_MB);
    List<Row> found = assertTimeoutPreemptively(BOUND, () -> mentions(text, null));
    assertEquals(0, found.size());
  }

  @Test
  void repeatedAddressLikePatternsEndQuickly() {
    for (String unit : List.of("a@a@a.", "a.a.a.a@", "+1 2+3 4+", "x@y.z ", "-@-.")) {
      String text = repeat(unit, TEN_MB);
      assertTimeoutPreemptively(BOUND, () -> mentions(text, null), unit);
    }
  }

  @Test
  void aHugeFieldValueEndsQuickly() {
    String value = repeat("ana@contoso.com;", 1024 * 1024);
    List<Row> found = assertTimeoutPreemptively(BOUND, () -> mentions(null, Map.of("email", value)));
    assertTrue(found.size() >= 65_536, "every address in the value is a mention: " + found.size());
  }
}
