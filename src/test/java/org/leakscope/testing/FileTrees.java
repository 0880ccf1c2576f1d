package org.leakscope.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.leakscope.ingest.Hashing;

/** A directory tree as relative path → SHA-256 of the file, for byte-for-byte comparisons of generated output. */
public final class FileTrees {
  private FileTrees() {}

  public static Map<String, String> sha256(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        byte[] b = Files.readAllBytes(p);
        out.put(root.relativize(p).toString(), Hashing.sha256Hex(b, 0, b.length));
      }
    }
    return out;
  }
}
