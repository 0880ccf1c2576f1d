package org.leakscope.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where test data lives: the repo's data-samples/ and the shared corpora beside the checkout. */
public final class Paths {
  private Paths() {}

  public static Path repo() {
    return Path.of(System.getProperty("user.dir"));
  }

  public static Path samples() {
    return repo().resolve("data-samples");
  }

  /** ../shared/corpora, or null when the checkout has no shared/ beside it. */
  public static Path sharedCorpora() {
    Path p = Path.of(System.getProperty("leakscope.shared", repo().resolve("../shared").toString()), "corpora");
    return Files.isDirectory(p) ? p.normalize() : null;
  }
}
