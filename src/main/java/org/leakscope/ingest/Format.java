package org.leakscope.ingest;

import java.util.Locale;

/** Input formats, as sniffed from content and name. The lower-case names appear in {@code items.format}. */
public enum Format {
  EML(Kind.EMAIL),
  MBOX(Kind.EMAIL),
  CSV(Kind.RECORD),
  JSON(Kind.RECORD),
  JSONL(Kind.RECORD),
  TEXT(Kind.DOCUMENT),
  MARKDOWN(Kind.DOCUMENT),
  HTML(Kind.DOCUMENT),
  PDF(Kind.DOCUMENT),
  DOCX(Kind.DOCUMENT),
  /** Other Office Open XML packages (xlsx, pptx), read by the same parser as DOCX. */
  OOXML(Kind.DOCUMENT),
  ZIP(Kind.ARCHIVE),
  TAR(Kind.ARCHIVE),
  GZIP(Kind.ARCHIVE),
  EMPTY(Kind.NONE),
  UNSUPPORTED(Kind.NONE);

  /** What a unit of the format becomes. */
  public enum Kind {
    EMAIL,
    RECORD,
    DOCUMENT,
    ARCHIVE,
    NONE;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Kind kind;

  Format(Kind kind) {
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
