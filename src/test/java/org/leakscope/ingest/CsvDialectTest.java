package org.leakscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CsvDialectTest {
  @Test
  void emptyTextDoesNotSplit() {
    assertEquals(1, CsvDialect.sniff("", null).columns());
  }

  @Test
  void theDelimiterSplittingMostLinesAlikeWins() {
    assertSniffed(',', 3, "a,b,c\n1,2,3\n4,5,6\n");
    assertSniffed('\t', 2, "a\tb\n1,5\t2,5\n3,5\t4,5\n");
    assertSniffed(';', 4, "a;b;c;d\n1,5;2;3;4\n5;6;7;8\n");
    assertSniffed('|', 2, "a|b\n1|2\n3|4\n");
  }

  private static void assertSniffed(char delimiter, int columns, String text) {
    CsvDialect d = CsvDialect.sniff(text, null);
    assertEquals(delimiter, d.delimiter(), text);
    assertEquals(columns, d.columns(), text);
  }

  @Test
  void aQuotedDelimiterDoesNotCount() {
    CsvDialect d = CsvDialect.sniff("name;note\n\"Smith, J\";\"a, b, c\"\nX;\"d, e\"\n", null);
    assertEquals(';', d.delimiter());
    assertEquals(2, d.columns());
  }

  @Test
  void oneLineOfAnUnnamedFileIsNotEnoughToCallItCsv() {
    assertEquals(1, CsvDialect.sniff("Hello, world, how are you", null).columns());
  }
}
