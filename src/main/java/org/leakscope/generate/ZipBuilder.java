package org.leakscope.generate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** A zip built in memory, reproducibly: entries in the order added, all with one fixed time. */
final class ZipBuilder {
  private static final long TIME = 1_577_836_800_000L; // 2020-01-01

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final ZipOutputStream zip = new ZipOutputStream(bytes);
  private int entries;

  void add(String name, byte[] content) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setTime(TIME);
    zip.putNextEntry(e);
    zip.write(content);
    zip.closeEntry();
    entries++;
  }

  boolean isEmpty() {
    return entries == 0;
  }

  byte[] finish() throws IOException {
    zip.close();
    return bytes.toByteArray();
  }
}
