package org.leakscope.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.leakscope.ingest.Hashing;

/**
 * Directory trees in tests: relative path → SHA-256 of each file (byte-for-byte comparisons of generated output),
 * copying a tree, and deleting a temporary tree.
 */
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

  /** Copies the tree at {@code from} to {@code to} (which must not exist yet). */
  public static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
  }

  /** Deletes a tree, best effort: a leftover temporary directory is harmless. */
  public static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | java.io.UncheckedIOException e) {
      // a leftover temporary directory is harmless
    }
  }
}
