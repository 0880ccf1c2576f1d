package org.leakscope.ingest.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.leakscope.ingest.Limits;
import org.leakscope.ingest.Reason;
import org.leakscope.ingest.UnitRejected;

/**
 * The expansion budget of one input file: bytes produced by decompression (zip entries, gzip) at every nesting
 * level together, against {@link Limits#maxArchiveBytes()} and against the compressed bytes read from storage times
 * {@link Limits#maxArchiveRatio()}. Exceeding either stops the file's reading with {@code archive_limit}.
 */
public final class ArchiveBudget {
  private static final long RATIO_GRACE_BYTES = 1024 * 1024;

  private final Limits limits;
  private long rawBytes;
  private long expandedBytes;

  public ArchiveBudget(Limits limits) {
    this.limits = limits;
  }

  /** Counts the bytes read from storage. */
  public InputStream countRaw(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          rawBytes++;
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          rawBytes += n;
        }
        return n;
      }
    };
  }

  /** Charges decompressed bytes read through the returned stream to the budget. */
  public InputStream expanded(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          charge(1);
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          charge(n);
        }
        return n;
      }

      @Override
      public void close() {
        // the archive owns the underlying stream
      }
    };
  }

  private void charge(int n) {
    expandedBytes += n;
    if (expandedBytes > limits.maxArchiveBytes()) {
      throw new UnitRejected(
          Reason.ARCHIVE_LIMIT,
          "expanded more than maxArchiveBytes=" + limits.maxArchiveBytes(),
          true);
    }
    if (expandedBytes > RATIO_GRACE_BYTES && expandedBytes > limits.maxArchiveRatio() * Math.max(rawBytes, 1)) {
      throw new UnitRejected(
          Reason.ARCHIVE_LIMIT,
          "expansion ratio over maxArchiveRatio=" + limits.maxArchiveRatio() + " (" + expandedBytes
              + " bytes from " + rawBytes + ")",
          true);
    }
  }
}
