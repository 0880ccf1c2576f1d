package org.leakscope.ingest;

/**
 * A reader stopped because its stream broke; the unit that broke it (or the unread rest) is already recorded, so
 * outer readers stop too without recording anything more.
 */
public final class StreamStopped extends RuntimeException {
  private final Reason reason;

  public StreamStopped(UnitRejected cause) {
    super(cause.getMessage(), cause, false, false);
    this.reason = cause.reason();
  }

  public Reason reason() {
    return reason;
  }

  /**
   * True when every enclosing archive must stop too: an exhausted expansion budget stays exhausted. Other stops
   * end only the reader that hit them; an archive whose own stream broke finds out on its next read.
   */
  public boolean stopsContainers() {
    return reason == Reason.ARCHIVE_LIMIT;
  }
}
