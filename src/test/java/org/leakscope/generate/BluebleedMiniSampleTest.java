package org.leakscope.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakscope.testing.Paths;

/** The committed sample is exactly what the generator makes (make-bluebleed-mini.sh's parameters). */
class BluebleedMiniSampleTest {
  @TempDir Path tmp;

  @Test
  void theCommittedSampleIsTheGeneratorsOutput() throws IOException {
    Path sample = Paths.samples().resolve("bluebleed-mini");
    new Generator(new GenerateConfig("bluebleed", 0.03, 2022, tmp.toString(), 2)).run();
    assertEquals(tree(tmp), withoutClaims(tree(sample)),
        "data-samples/bluebleed-mini differs from the generator's output: run data-samples/make-bluebleed-mini.sh");
    long bytes = Files.walk(sample.resolve("dump")).filter(Files::isRegularFile).mapToLong(p -> p.toFile().length())
        .sum();
    assertTrue(bytes <= 5_000_000, "the sample stays small: " + bytes);
  }

  private static Map<String, String> withoutClaims(Map<String, String> tree) {
    tree.remove("claims.yaml");
    return tree;
  }

  private static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString(), sha256(Files.readAllBytes(p)));
      }
    }
    return out;
  }

  private static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
