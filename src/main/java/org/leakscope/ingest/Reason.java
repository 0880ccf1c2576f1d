package org.leakscope.ingest;

/** Why a unit was quarantined. The lower-case names are the fixed vocabulary of the {@code quarantine.reason} column. */
public enum Reason {
  /** Not a format leakscope reads (binary junk, images, .DS_Store…). */
  UNSUPPORTED_FORMAT,
  /** A unit of a known format that does not parse (bad CSV row, invalid JSON, broken PDF, truncated stream). */
  MALFORMED,
  /** A file or archive entry with no bytes. */
  EMPTY,
  /** A unit, line or header over its size limit. */
  TOO_LARGE,
  /** MIME, JSON or archive nesting over its depth limit. */
  TOO_DEEP,
  /** Text whose bytes cannot be decoded in any charset it claims or leakscope tries. */
  BAD_ENCODING,
  /** Archive expansion stopped by the entry-count, ratio or total-bytes limit. */
  ARCHIVE_LIMIT,
  /** A password-protected document. */
  ENCRYPTED,
  /** The storage layer failed while reading (the rest of the file could not be read). */
  IO_ERROR,
  /** A parser failed in a way leakscope did not anticipate; the detail names the error. */
  PARSER_ERROR;

  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
