package org.leakscope.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakscope.testing.FileTrees;
import org.leakscope.testing.Paths;

/** The committed sample is exactly what the generator makes (make-bluebleed-mini.sh's parameters). */
class BluebleedMiniSampleTest {
  @TempDir Path tmp;

  @Test
  void theCommittedSampleIsTheGeneratorsOutput() throws IOException {
    Path sample = Paths.samples().resolve("bluebleed-mini");
    new Generator(new GenerateConfig("bluebleed", 0.03, 2022, tmp.toString(), 2)).run();
    assertEquals(FileTrees.sha256(tmp), withoutClaims(FileTrees.sha256(sample)),
        "data-samples/bluebleed-mini differs from the generator's output: run data-samples/make-bluebleed-mini.sh");
    long bytes = Files.walk(sample.resolve("dump")).filter(Files::isRegularFile).mapToLong(p -> p.toFile().length())
        .sum();
    assertTrue(bytes <= 5_000_000, "the sample stays small: " + bytes);
  }

  private static Map<String, String> withoutClaims(Map<String, String> tree) {
    tree.remove("claims.yaml");
    return tree;
  }

}
