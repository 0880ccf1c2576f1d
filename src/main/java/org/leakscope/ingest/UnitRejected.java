package org.leakscope.ingest;

/**
 * Thrown while parsing a unit to send it to quarantine with a reason. When {@link #streamBroken()} is true the
 * underlying stream can no longer be trusted (a limit was hit mid-stream, or the bytes ran out), so the reader
 * stops and the rest of its input is not read.
 */
public class UnitRejected extends RuntimeException {
  private final Reason reason;
  private final boolean streamBroken;

  public UnitRejected(Reason reason, String detail) {
    this(reason, detail, false);
  }

  public UnitRejected(Reason reason, String detail, boolean streamBroken) {
    super(detail, null, false, false);
    this.reason = reason;
    this.streamBroken = streamBroken;
  }

  public Reason reason() {
    return reason;
  }

  public boolean streamBroken() {
    return streamBroken;
  }
}
