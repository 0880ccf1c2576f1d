package org.leakscope.ingest;

import java.util.Arrays;

/** A growable byte array without the synchronisation and copying of {@link java.io.ByteArrayOutputStream}. */
public final class ByteBuffer2 {
  private byte[] bytes;
  private int size;

  public ByteBuffer2(int initial) {
    bytes = new byte[initial];
  }

  public void append(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, bytes, size, len);
    size += len;
  }

  public void append(byte b) {
    ensure(1);
    bytes[size++] = b;
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
    }
  }

  public void reset() {
    size = 0;
    if (bytes.length > 4 * 1024 * 1024) {
      bytes = new byte[64 * 1024]; // do not keep one huge message's buffer for the rest of the file
    }
  }

  public byte[] array() {
    return bytes;
  }

  public int size() {
    return size;
  }
}
