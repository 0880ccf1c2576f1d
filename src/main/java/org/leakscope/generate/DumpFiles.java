package org.leakscope.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;

/** Writes a shard's files under the dump and counts them (files and bytes are ground truth). One per shard. */
final class DumpFiles {
  private final DumpTree dump;
  private long files;
  private long bytes;

  DumpFiles(DumpTree dump) {
    this.dump = dump;
  }

  void write(String relative, byte[] content) throws IOException {
    try (OutputStream out = Files.newOutputStream(dump.prepare(relative))) {
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
