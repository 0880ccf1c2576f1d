package org.leakscope.count;

/**
 * A bad claims file. The message names the file, the line and the field, e.g.
 * {@code claims.yaml line 7: field "claimed" must be a whole number or null, found "lots"}.
 */
public final class ClaimsException extends RuntimeException {
  public ClaimsException(String message) {
    super(message);
  }

  public ClaimsException(String message, Throwable cause) {
    super(message, cause);
  }
}
