package org.leakscope.bi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.leakscope.testing.Paths;
import org.leakscope.testing.SampleRun;
import org.leakscope.testing.SparkTestSession;

/**
 * docs/tables.md documents every column of every table a run writes (both zones: {@code ## name} for tables/,
 * {@code ## restricted/name} for the restricted zone), in order and with its type.
 */
class TablesDocTest {
  private static final Pattern NAME = Pattern.compile("`([a-z0-9_]+)`");

  @Test
  void everyColumnOfEveryTableIsDocumentedWithItsType() throws Exception {
    Map<String, List<String>> documented = documented();
    List<String> wrong = new ArrayList<>();
    List<SqlDdl.Table> tables = new ArrayList<>(BiTables.read(SparkTestSession.get(), SampleRun.get().run, true));
    tables.addAll(BiTables.readRestricted(SparkTestSession.get(), SampleRun.get().run));
    for (SqlDdl.Table t : tables) {
      List<String> actual = new ArrayList<>();
      for (StructField f : t.schema().fields()) {
        actual.add(f.name() + " " + type(f.dataType().catalogString()));
      }
      List<String> docs = documented.getOrDefault(t.name(), List.of());
      if (!docs.equals(actual)) {
        wrong.add(t.name() + ":\n  docs    " + docs + "\n  written " + actual);
      }
    }
    assertEquals("", String.join("\n", wrong), "docs/tables.md is out of date");
  }

  /** Table → "column type" for each column named in the first cell of a row of its section. */
  private static Map<String, List<String>> documented() throws Exception {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : Files.readAllLines(Paths.repo().resolve("docs/tables.md"))) {
      if (line.startsWith("## ")) {
        String title = line.substring(3).strip();
        current = title.matches("(restricted/)?[a-z_]+") ? new ArrayList<>() : null;
        if (current != null) {
          tables.put(title, current);
        }
      } else if (current != null && line.startsWith("| `")) {
        String[] cells = line.split("\\|");
        String type = type(cells[2]);
        Matcher m = NAME.matcher(cells[1]);
        while (m.find()) {
          current.add(m.group(1) + " " + type);
        }
      }
    }
    return tables;
  }

  /** A type as written in the docs or by Spark, to compare: lower case, no spaces, struct fields left out. */
  private static String type(String t) {
    String s = t.replace("&lt;", "<").replace("&gt;", ">").replaceAll("\\s", "").toLowerCase(Locale.ROOT);
    int struct = s.indexOf("struct<");
    return struct < 0 ? s : s.substring(0, struct) + "struct";
  }
}
