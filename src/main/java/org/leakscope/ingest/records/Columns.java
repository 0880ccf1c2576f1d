package org.leakscope.ingest.records;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.leakscope.ingest.Reason;
import org.leakscope.ingest.UnitRejected;

/** Column names of a record set: trimmed, empty names replaced by their position, repeats made unique. */
final class Columns {
  private Columns() {}

  static List<String> names(String[] header, int maxFields) {
    if (header.length > maxFields) {
      throw new UnitRejected(
          Reason.TOO_LARGE, "header has " + header.length + " columns, over maxFields=" + maxFields, true);
    }
    List<String> out = new ArrayList<>(header.length);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < header.length; i++) {
      String name = header[i] == null ? "" : header[i].strip();
      if (i == 0 && !name.isEmpty() && name.charAt(0) == '\uFEFF') {
        name = name.substring(1);
      }
      if (name.isEmpty()) {
        name = "column_" + (i + 1);
      }
      String unique = name;
      for (int k = 2; !seen.add(unique); k++) {
        unique = name + "_" + k;
      }
      out.add(unique);
    }
    return out;
  }
}
