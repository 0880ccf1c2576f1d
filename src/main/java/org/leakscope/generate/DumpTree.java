package org.leakscope.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dump's root and the directories already made under it, shared by every shard: a mailbox directory is made
 * once, not once per shard that writes into it (a repeated {@code mkdir} fails with EEXIST and costs a system call
 * or two each time; at scale 1 that was three of every four {@code mkdir} calls).
 */
final class DumpTree {
  private final Path root;
  private final Set<Path> made = ConcurrentHashMap.newKeySet();

  DumpTree(Path root) {
    this.root = root;
  }

  /** The path of {@code relative} under the root, its parent directory made if it was not yet. */
  Path prepare(String relative) throws IOException {
    Path path = root.resolve(relative);
    Path parent = path.getParent();
    if (!made.contains(parent)) {
      Files.createDirectories(parent);
      // Marked only once it exists: another shard that sees the mark can write into it at once.
      made.add(parent);
    }
    return path;
  }
}
