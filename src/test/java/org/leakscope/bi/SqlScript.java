package org.leakscope.bi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.leakscope.testing.Paths;

/** The statements of a file under {@code sql/}: comment lines dropped, split at the {@code ;} that ends a line. */
final class SqlScript {
  private SqlScript() {}

  static Path dir() {
    return Paths.repo().resolve("sql");
  }

  static List<String> statements(String file) throws IOException {
    String text = Arrays.stream(Files.readString(dir().resolve(file)).split("\n"))
        .filter(l -> !l.strip().startsWith("--"))
        .collect(Collectors.joining("\n"));
    List<String> statements = new ArrayList<>();
    for (String s : text.split(";\\s*(\n|$)")) {
      if (!s.isBlank()) {
        statements.add(s.strip());
      }
    }
    return statements;
  }

  /** The one query of {@code sql/queries/<name>.sql}. */
  static String query(String name) throws IOException {
    List<String> s = statements("queries/" + name + ".sql");
    if (s.size() != 1) {
      throw new IllegalStateException("sql/queries/" + name + ".sql holds " + s.size() + " statements, not 1");
    }
    return s.get(0);
  }

  /** The example queries, by name. */
  static List<String> queries() throws IOException {
    try (var files = Files.list(dir().resolve("queries"))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql"))
          .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
    }
  }
}
