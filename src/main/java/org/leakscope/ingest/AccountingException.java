package org.leakscope.ingest;

/** The ingest's own check found units that are neither items nor quarantined (or rows counted twice). */
public final class AccountingException extends RuntimeException {
  public AccountingException(String message) {
    super(message);
  }
}
