package org.leakscope.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** An I/O failure of the storage layer itself (as opposed to corrupt content), so it is reported as io_error. */
public final class StorageException extends IOException {
  public StorageException(IOException cause) {
    super(cause.getMessage(), cause);
  }

  /** Marks every failure of {@code in} as a storage failure. */
  public static InputStream marking(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        try {
          return super.read();
        } catch (IOException e) {
          throw new StorageException(e);
        }
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          return super.read(b, off, len);
        } catch (IOException e) {
          throw new StorageException(e);
        }
      }
    };
  }
}
