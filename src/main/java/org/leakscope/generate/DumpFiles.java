package org.leakscope.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** Writes a shard's files under the dump and counts them (files and bytes are ground truth). One per shard. */
final class DumpFiles {
  private final Path dump;
  private final Set<Path> directories = new HashSet<>();
  private long files;
  private long bytes;

  DumpFiles(Path dump) {
    this.dump = dump;
  }

  void write(String relative, byte[] content) throws IOException {
    Path path = dump.resolve(relative);
    if (directories.add(path.getParent())) {
      Files.createDirectories(path.getParent());
    }
    try (OutputStream out = Files.newOutputStream(path)) {
      out.write(content);
    }
    files++;
    bytes += content.length;
  }

  long files() {
    return files;
  }

  long bytes() {
    return bytes;
  }
}
